import { BREAK_GLASS_MINUTES, BreakGlassMinutesSchema, storableText, TenantIdSchema } from '@medicdraft/contracts';
import { ConflictError } from '@medicdraft/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DictationParams, ErrorSchema, GUARDED_ERRORS, TenantParams } from './api-schemas.js';
import { inNormalScope } from './dictation-scope.js';
import type { RouteContext } from './route-context.js';
import { sourceOf } from './client-address.js';

/** Who may ask for emergency access: the roles that read dictations at all (provider, QA; owners read every one anyway). */
const READERS = ['dictation:review_own', 'qa:review_submitted'] as const;

const BreakGlassBody = z.strictObject({
  reason: storableText()
    .transform((s) => s.trim())
    .pipe(z.string().min(10).max(500))
    .describe('Why the emergency access is needed (10–500 characters; shown to owners only)'),
  minutes: BreakGlassMinutesSchema.optional().describe(`Minutes until the grant expires (default ${BREAK_GLASS_MINUTES.default})`),
});
const GrantSchema = z
  .object({ grantId: z.uuid(), dictationId: z.uuid(), minutes: z.int(), createdAt: z.iso.datetime(), expiresAt: z.iso.datetime() })
  .meta({ id: 'BreakGlassGrant' });
const GrantListSchema = z.object({ grants: GrantSchema.array() }).meta({ id: 'BreakGlassGrants' });
const ReportSchema = z
  .object({
    sinceDays: z.int(),
    grants: GrantSchema.extend({
      userId: z.uuid(),
      userName: z.string().nullable(),
      reason: z.string(),
      state: z.enum(['active', 'expired', 'revoked']),
      revokedAt: z.iso.datetime().nullable(),
      revokedBy: z.uuid().nullable(),
      accesses: z.object({ routeCode: z.string(), accessedAt: z.iso.datetime() }).array(),
    }).array(),
  })
  .meta({ id: 'BreakGlassReport' });
const ReportQuery = z.strictObject({ sinceDays: z.coerce.number().int().min(1).max(366).optional() });
const GrantParams = z.object({ t: TenantIdSchema, grantId: z.uuid() });

/**
 * Emergency ("break-glass") access. A provider or QA opens one dictation they could not read
 * otherwise, with a reason and a time limit; owners are told (`breakglass.granted`, the notice in
 * their screens), read the report of every grant with its reason and accesses, and may end a grant
 * early. A dictation the caller may already read answers 409: break-glass is for what the normal
 * rules refuse, and never widens writes (edit, copy, reprocess, delete).
 */
export function registerBreakGlassRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const actorOf = (req: FastifyRequest) => {
    const { session } = req.principal!;
    return { tenantId: session.tenantId, userId: session.userId, role: session.role, correlationId: req.correlationId, ...sourceOf(req) };
  };

  r.post(
    '/v1/tenants/:t/dictations/:id/break-glass',
    {
      ...ctx.guard('breakglass.open', READERS),
      schema: {
        tags: ['break-glass'],
        summary: 'Emergency read access to a dictation outside your scope: reason required, 1–240 minutes (default 60); owners notified',
        params: DictationParams,
        body: BreakGlassBody,
        response: { 201: GrantSchema, 409: ErrorSchema, ...GUARDED_ERRORS },
      },
    },
    async (req, reply) => {
      const { session } = req.principal!;
      const d = await ctx.clients.ingest.get({ params: { tenantId: session.tenantId, dictationId: req.params.id } });
      if (inNormalScope(session, d, false)) throw new ConflictError('you may already open this dictation; break-glass is not needed');
      const grant = await ctx.breakGlass.open(actorOf(req), d.dictationId, req.body.reason, req.body.minutes);
      return reply.code(201).send(grant);
    },
  );

  r.get(
    '/v1/tenants/:t/break-glass/mine',
    {
      ...ctx.guard('breakglass.mine', READERS),
      schema: {
        tags: ['break-glass'],
        summary: 'Your open emergency-access grants (the banner)',
        params: TenantParams,
        response: { 200: GrantListSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const { session } = req.principal!;
      return { grants: await ctx.breakGlass.mine(session.tenantId, session.userId) };
    },
  );

  r.get(
    '/v1/tenants/:t/break-glass',
    {
      ...ctx.guard('breakglass.report', ['tenant:manage']),
      schema: {
        tags: ['break-glass'],
        summary: 'Owners: every emergency-access grant of the last `sinceDays` days (default 30) with its reason and accesses',
        params: TenantParams,
        querystring: ReportQuery,
        response: { 200: ReportSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const sinceDays = req.query.sinceDays ?? 30;
      const grants = await ctx.breakGlass.report(req.params.t, sinceDays);
      const names = await ctx.users.namesOf(
        req.params.t,
        grants.map((g) => g.userId),
      );
      return { sinceDays, grants: grants.map((g) => ({ ...g, userName: names.get(g.userId) ?? null })) };
    },
  );

  r.post(
    '/v1/tenants/:t/break-glass/:grantId/revoke',
    {
      ...ctx.guard('breakglass.revoke', ['tenant:manage']),
      schema: {
        tags: ['break-glass'],
        summary: 'Owners: end an open emergency-access grant now',
        params: GrantParams,
        response: { 200: GrantSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => ctx.breakGlass.revoke(actorOf(req), req.params.grantId),
  );
}

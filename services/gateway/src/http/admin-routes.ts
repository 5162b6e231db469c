import { createHash } from 'node:crypto';
import type { Permission } from '@medicdraft/contracts';
import { canonicalJson, NotFoundError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorSchema, GUARDED_ERRORS, ReferenceBody, ReferenceParams, ReferenceSchema } from './api-schemas.js';
import { latestReference, insertReferenceVersion } from '../references/reference.repository.js';
import { sourceOf } from './client-address.js';
import type { RouteContext } from './route-context.js';

/** Templates and rules are template material (`admin:manage_templates`); protocols have their own permission. */
export const referencePermission = (params: Record<string, string>): readonly Permission[] =>
  params['kind'] === 'protocol' ? ['admin:manage_protocols'] : ['admin:manage_templates'];

/**
 * References: versioned and immutable; each PUT is a new version and an `admin.reference.updated`
 * event in the same transaction.
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const t = '/v1/tenants/:t';

  r.get(
    `${t}/references/:kind/:name`,
    {
      ...ctx.guard('references.get', referencePermission),
      schema: {
        tags: ['admin'],
        summary: 'Latest version of a template, protocol or rule',
        params: ReferenceParams,
        response: { 200: ReferenceSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const found = await ctx.db.withTenant(req.params.t, (tx) => latestReference(tx, req.params.kind, req.params.name));
      if (found === undefined) throw new NotFoundError('reference not found');
      return found;
    },
  );

  r.put(
    `${t}/references/:kind/:name`,
    {
      ...ctx.guard('references.put', referencePermission),
      bodyLimit: 256 * 1024,
      schema: {
        tags: ['admin'],
        summary: 'Store a new version of a reference',
        params: ReferenceParams,
        body: ReferenceBody,
        response: { 200: ReferenceSchema, 413: ErrorSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const { session } = req.principal!;
      const sha256 = createHash('sha256').update(canonicalJson(req.body.content)).digest('hex');
      return ctx.db.withTenant(req.params.t, async (tx) => {
        const stored = await insertReferenceVersion(tx, {
          tenantId: req.params.t,
          kind: req.params.kind,
          name: req.params.name,
          content: req.body.content,
          sha256,
          createdBy: session.userId,
        });
        const event = ctx.events.build('admin.reference.updated', {
          tenantId: req.params.t,
          actor: { type: 'user', id: session.userId, role: session.role },
          correlationId: req.correlationId,
          ...sourceOf(req),
          payload: { kind: stored.kind, referenceId: stored.name, version: stored.version, sha256 },
        });
        await ctx.events.append(tx, event);
        return stored;
      });
    },
  );
}

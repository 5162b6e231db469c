import { createHash } from 'node:crypto';
import { hasPermission, type Permission } from '@medicdraft/contracts';
import { ForbiddenError, NotFoundError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hashPassword } from '../identity/password-hasher.js';
import { MFA_ROLES } from '../identity/password-login.js';
import { randomPassword } from '../identity/seed-users.js';
import { newTotpSecret } from '../identity/totp.js';
import { summarize } from '../identity/user.repository.js';
import { deny } from './access-guard.js';
import { CreatedUserSchema, CreateUserBody, ErrorSchema, GUARDED_ERRORS, ReferenceBody, ReferenceParams, ReferenceSchema, TenantParams, UserSchema } from './api-schemas.js';
import { canonicalJson } from '../references/canonical-json.js';
import { latestReference, insertReferenceVersion } from '../references/reference.repository.js';
import type { RouteContext } from './route-context.js';

/** Templates and rules are template material (`admin:manage_templates`); protocols have their own permission. */
export const referencePermission = (params: Record<string, string>): readonly Permission[] =>
  params['kind'] === 'protocol' ? ['admin:manage_protocols'] : ['admin:manage_templates'];

/**
 * References (versioned, immutable; each PUT is a new version and an `admin.reference.updated`
 * event in the same transaction) and users. Decision: only owners create admin or owner users
 * (an admin must not mint a role with permissions it lacks); admins create providers and QA.
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const t = '/v1/tenants/:t';

  r.get(`${t}/references/:kind/:name`, {
    ...ctx.guard('references.get', referencePermission),
    schema: { tags: ['admin'], summary: 'Latest version of a template, protocol or rule', params: ReferenceParams, response: { 200: ReferenceSchema, ...GUARDED_ERRORS } },
  }, async (req) => {
    const found = await ctx.db.withTenant(req.params.t, (tx) => latestReference(tx, req.params.kind, req.params.name));
    if (found === undefined) throw new NotFoundError('reference not found');
    return found;
  });

  r.put(`${t}/references/:kind/:name`, {
    ...ctx.guard('references.put', referencePermission),
    bodyLimit: 256 * 1024,
    schema: { tags: ['admin'], summary: 'Store a new version of a reference', params: ReferenceParams, body: ReferenceBody, response: { 200: ReferenceSchema, 413: ErrorSchema, ...GUARDED_ERRORS } },
  }, async (req) => {
    const { session } = req.principal!;
    const sha256 = createHash('sha256').update(canonicalJson(req.body.content)).digest('hex');
    return ctx.db.withTenant(req.params.t, async (tx) => {
      const stored = await insertReferenceVersion(tx, { tenantId: req.params.t, kind: req.params.kind, name: req.params.name, content: req.body.content, sha256, createdBy: session.userId });
      const event = ctx.events.build('admin.reference.updated', {
        tenantId: req.params.t,
        actor: { type: 'user', id: session.userId, role: session.role },
        correlationId: req.correlationId,
        payload: { kind: stored.kind, referenceId: stored.name, version: stored.version, sha256 },
      });
      await ctx.events.append(tx, event);
      return stored;
    });
  });

  r.get(`${t}/users`, {
    ...ctx.guard('users.list', ['admin:manage_users']),
    schema: { tags: ['admin'], summary: "The tenant's users", params: TenantParams, response: { 200: UserSchema.array(), ...GUARDED_ERRORS } },
  }, async (req) => (await ctx.users.list(req.params.t)).map(summarize));

  r.post(`${t}/users`, {
    ...ctx.guard('users.create', ['admin:manage_users']),
    schema: { tags: ['admin'], summary: 'Create a local user; the initial password (and TOTP key) is shown once', params: TenantParams, body: CreateUserBody, response: { 201: CreatedUserSchema, 409: ErrorSchema, ...GUARDED_ERRORS } },
  }, async (req, reply) => {
    const { session } = req.principal!;
    if (MFA_ROLES.includes(req.body.role) && !hasPermission(session.role, 'tenant:manage')) {
      throw await deny(ctx.events, req, 'missing_permission', new ForbiddenError('only an owner creates admin or owner users'), 'tenant:manage');
    }
    const initialPassword = randomPassword();
    const totpSecret = MFA_ROLES.includes(req.body.role) ? newTotpSecret() : null;
    const user = await ctx.users.insert({
      tenantId: req.params.t, id: ctx.newId(), email: req.body.email, role: req.body.role, passwordHash: await hashPassword(initialPassword), totpSecret, createdBy: session.userId,
    });
    ctx.logger.info({ tenantId: req.params.t, userId: user.id, role: user.role, by: session.userId }, 'user created');
    return reply.code(201).send({ user: summarize(user), initialPassword, ...(totpSecret === null ? {} : { totpSecret }) });
  });
}

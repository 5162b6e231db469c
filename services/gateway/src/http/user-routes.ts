import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RoleCeilingError, type UserAdminActor } from '../identity/user-admin.js';
import { summarize } from '../identity/user.repository.js';
import { deny } from './access-guard.js';
import { sourceOf } from './client-address.js';
import {
  ChangeRoleBody,
  CreateUserBody,
  EnrolmentSentSchema,
  ErrorSchema,
  GUARDED_ERRORS,
  TenantParams,
  UserParams,
  UserSchema,
} from './api-schemas.js';
import type { RouteContext } from './route-context.js';

/**
 * Users of the tenant (`admin:manage_users`), under the role ceiling: a change that would give
 * someone a permission the caller lacks is 403 and recorded as `access.denied`. Creating or
 * resetting a user answers that an enrolment link went to the user's own address, never the
 * link or a password.
 */
export function registerUserRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const t = '/v1/tenants/:t';
  const errors = { 409: ErrorSchema, ...GUARDED_ERRORS };

  const actorOf = (req: FastifyRequest): UserAdminActor => {
    const { session } = req.principal!;
    return { tenantId: session.tenantId, userId: session.userId, role: session.role, correlationId: req.correlationId, ...sourceOf(req) };
  };
  async function underCeiling<T>(req: FastifyRequest, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RoleCeilingError) throw await deny(ctx.events, req, 'missing_permission', err);
      throw err;
    }
  }

  r.get(
    `${t}/users`,
    {
      ...ctx.guard('users.list', ['admin:manage_users']),
      schema: {
        tags: ['admin'],
        summary: "The tenant's users",
        params: TenantParams,
        response: { 200: UserSchema.array(), ...GUARDED_ERRORS },
      },
    },
    async (req) => (await ctx.users.list(req.params.t)).map(summarize),
  );

  r.post(
    `${t}/users`,
    {
      ...ctx.guard('users.create', ['admin:manage_users']),
      schema: {
        tags: ['admin'],
        summary: 'Create a user; an enrolment link goes to its e-mail address',
        params: TenantParams,
        body: CreateUserBody,
        response: { 201: EnrolmentSentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { user, enrolment } = await underCeiling(req, () => ctx.userAdmin.create(actorOf(req), req.body));
      return reply.code(201).send({ user: summarize(user), enrolment });
    },
  );

  r.patch(
    `${t}/users/:id`,
    {
      ...ctx.guard('users.role', ['admin:manage_users']),
      schema: {
        tags: ['admin'],
        summary: "Change a user's role (ends its sessions)",
        params: UserParams,
        body: ChangeRoleBody,
        response: { 200: UserSchema, ...errors },
      },
    },
    async (req) => summarize(await underCeiling(req, () => ctx.userAdmin.changeRole(actorOf(req), req.params.id, req.body.role))),
  );

  r.post(
    `${t}/users/:id/reset`,
    {
      ...ctx.guard('users.reset', ['admin:manage_users']),
      schema: {
        tags: ['admin'],
        summary: 'Forget the password and TOTP key, end the sessions, mail a new enrolment link',
        params: UserParams,
        response: { 202: EnrolmentSentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { user, enrolment } = await underCeiling(req, () => ctx.userAdmin.reset(actorOf(req), req.params.id));
      return reply.code(202).send({ user: summarize(user), enrolment });
    },
  );

  for (const [action, disabled] of [
    ['deactivate', true],
    ['reactivate', false],
  ] as const) {
    r.post(
      `${t}/users/:id/${action}`,
      {
        ...ctx.guard(`users.${action}`, ['admin:manage_users']),
        schema: {
          tags: ['admin'],
          summary: disabled ? 'Deactivate a user (ends its sessions and links)' : 'Re-enable a deactivated user',
          params: UserParams,
          response: { 200: UserSchema, ...errors },
        },
      },
      async (req) => summarize(await underCeiling(req, () => ctx.userAdmin.setDisabled(actorOf(req), req.params.id, disabled))),
    );
  }
}

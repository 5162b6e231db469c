import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EnrolmentBody, EnrolmentCompleteBody, EnrolmentInfoSchema, ErrorSchema, SessionInfoSchema } from './api-schemas.js';
import { clientAddress } from './client-address.js';
import type { RouteContext } from './route-context.js';
import type { SessionStarter } from './session-starter.js';

/**
 * The enrolment link's two steps, public (the token is the credential): open it (who the account
 * is; the TOTP key to add for roles with a second factor), then complete it with the user's own
 * password (and a first code), which signs the user in.
 */
export function registerEnrolmentRoutes(app: FastifyInstance, ctx: RouteContext, startSession: SessionStarter): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema };

  r.post(
    '/v1/auth/enrolment',
    {
      ...ctx.guard('auth.enrolment', 'public'),
      schema: { tags: ['auth'], summary: 'Open an enrolment link', body: EnrolmentBody, response: { 200: EnrolmentInfoSchema, ...errors } },
    },
    async (req) => ctx.enrolments.inspect(req.body.tenant, req.body.token),
  );

  r.post(
    '/v1/auth/enrolment/complete',
    {
      ...ctx.guard('auth.enrolment.complete', 'public'),
      schema: {
        tags: ['auth'],
        summary: 'Set your password (and TOTP) with an enrolment link, then sign in',
        body: EnrolmentCompleteBody,
        response: { 200: SessionInfoSchema, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.enrolments.complete({
        tenantId: req.body.tenant,
        token: req.body.token,
        password: req.body.password,
        totp: req.body.totp,
        correlationId: req.correlationId,
        sourceAddress: clientAddress(req),
      });
      return startSession(
        req,
        reply,
        { userId: user.id, tenantId: user.tenantId, role: user.role, method: 'password', mfa: user.totpSecret !== null },
        user.email,
      );
    },
  );
}

import { NotAvailableError, UnauthorizedError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MFA_ROLES, MfaRequiredError } from '../identity/password-login.js';
import { ErrorSchema, LoginBody, OidcLoginBody, SessionInfoSchema } from './api-schemas.js';
import { rateLimitKey } from './rate-limit-key.js';
import { clientAddress } from './client-address.js';
import type { RouteContext } from './route-context.js';
import { sessionInfo, type SessionStarter } from './session-starter.js';

/**
 * `POST /v1/auth/login` (password + TOTP), `POST /v1/auth/oidc` (ID token verified against the
 * issuer's JWKS), `POST /v1/auth/logout`, `GET /v1/me`. A login always starts a new session
 * (the previous one, if the browser sent it, is revoked: rotation) and answers the CSRF token.
 */
export function registerAuthRoutes(app: FastifyInstance, ctx: RouteContext, startSession: SessionStarter): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema };

  r.post(
    '/v1/auth/login',
    {
      ...ctx.guard('auth.login', 'public'),
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail, password and (admin, owner) TOTP; a one-time password needs newPassword',
        body: LoginBody,
        response: { 200: SessionInfoSchema, ...errors },
      },
    },
    async (req, reply) => {
      // The rate limit's bucket: defined when the client already closed its socket, an IPv6 /64 as one.
      const user = await ctx.passwordLogin({
        ...req.body,
        address: rateLimitKey(req),
        requestId: req.correlationId,
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

  r.post(
    '/v1/auth/oidc',
    {
      ...ctx.guard('auth.oidc', 'public'),
      schema: {
        tags: ['auth'],
        summary: 'Sign in with an OIDC/Cognito ID token (groups map to roles)',
        body: OidcLoginBody,
        response: { 200: SessionInfoSchema, ...errors },
      },
    },
    async (req, reply) => {
      if (ctx.oidc === undefined) throw new NotAvailableError('OIDC sign-in');
      const tenant = req.body.tenant;
      const gateway = { type: 'service', id: 'gateway' } as const;
      let identity;
      try {
        identity = await ctx.oidc(req.body.idToken);
      } catch (err) {
        await ctx.events.login(
          tenant,
          gateway,
          req.correlationId,
          { method: 'oidc', mfa: false, outcome: 'invalid_credentials' },
          clientAddress(req),
        );
        throw err;
      }
      const actor = { type: 'user', id: identity.userId, role: identity.role } as const;
      const known = { userId: identity.userId, role: identity.role, method: 'oidc' } as const;
      if (identity.tenantId !== tenant) {
        await ctx.events.login(
          tenant,
          gateway,
          req.correlationId,
          { method: 'oidc', mfa: false, outcome: 'invalid_credentials' },
          clientAddress(req),
        );
        throw new UnauthorizedError('invalid credentials');
      }
      if (MFA_ROLES.includes(identity.role) && !identity.mfa) {
        await ctx.events.login(tenant, actor, req.correlationId, { ...known, mfa: false, outcome: 'mfa_required' }, clientAddress(req));
        throw new MfaRequiredError();
      }
      await ctx.events.login(tenant, actor, req.correlationId, { ...known, mfa: identity.mfa, outcome: 'success' }, clientAddress(req));
      return startSession(req, reply, {
        userId: identity.userId,
        tenantId: tenant,
        role: identity.role,
        method: 'oidc',
        mfa: identity.mfa,
      });
    },
  );

  r.post(
    '/v1/auth/logout',
    {
      ...ctx.guard('auth.logout', 'authenticated'),
      schema: {
        tags: ['auth'],
        summary: 'End the session (revoked server-side)',
        response: { 204: z.null(), 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (req, reply) => {
      await ctx.sessions.revoke(req.principal?.sessionId);
      void reply.clearCookie(ctx.cookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.settings.cookieSecure });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/v1/me',
    {
      ...ctx.guard('auth.me', 'authenticated'),
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, permissions and CSRF token',
        response: { 200: SessionInfoSchema, 401: ErrorSchema },
      },
    },
    async (req) => {
      const { session } = req.principal!;
      const user = session.method === 'password' ? await ctx.users.findById(session.tenantId, session.userId) : undefined;
      return sessionInfo(ctx, session, user?.email);
    },
  );
}

import { ROLE_PERMISSIONS } from '@medicdraft/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../identity/session-manager.js';
import type { RouteContext } from './route-context.js';

export type SessionInit = Omit<Session, 'csrf' | 'createdAt' | 'lastSeenAt' | 'userStamp'>;
export type SessionStarter = ReturnType<typeof createSessionStarter>;

/** What `/v1/me` and every sign-in answer: the user, its permissions, the CSRF token and the expiry. */
export function sessionInfo(ctx: RouteContext, session: Session, email?: string) {
  return {
    user: {
      id: session.userId,
      tenantId: session.tenantId,
      role: session.role,
      ...(email === undefined ? {} : { email }),
      method: session.method,
      mfa: session.mfa,
    },
    permissions: [...ROLE_PERMISSIONS[session.role]],
    csrfToken: session.csrf,
    expiresAt: new Date(session.createdAt + ctx.absoluteTimeoutMs).toISOString(),
  };
}

/**
 * Starts a session after a successful sign-in (password, OIDC, enrolment): always a new id (the
 * one the browser sent, if any, is revoked: rotation) in an httpOnly SameSite=Strict cookie; the
 * user's last sign-in time is noted for the user screen.
 */
export function createSessionStarter(ctx: RouteContext) {
  return async (req: FastifyRequest, reply: FastifyReply, init: SessionInit, email?: string) => {
    const { id, session } = await ctx.sessions.create(init, req.cookies[ctx.cookieName]);
    await ctx.users.recordSignIn(init.tenantId, init.userId, new Date(ctx.clock()));
    void reply.setCookie(ctx.cookieName, id, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.settings.cookieSecure,
      path: '/',
      maxAge: Math.floor(ctx.absoluteTimeoutMs / 1000),
    });
    return sessionInfo(ctx, session, email);
  };
}

import { timingSafeEqual } from 'node:crypto';
import { hasPermission, TENANT_ID_PATTERN, type AccessDeniedEvent, type Actor, type Permission } from '@medicdraft/contracts';
import { AppError, ForbiddenError, UnauthorizedError } from '@medicdraft/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayEvents } from '../events/gateway-events.js';
import type { Session, SessionManager } from '../identity/session-manager.js';
import { clientAddress } from './client-address.js';
import { isCrossOrigin } from './request-origin.js';

/**
 * Who may call a route: `public` (no session), `authenticated` (any role, no tenant in the
 * path), or the permissions of which the session's role needs at least one (tenant routes; the
 * path's `:t` must equal the session's tenant). A function decides from the path parameters
 * (references: the permission depends on the kind).
 */
export type Access = 'public' | 'authenticated' | readonly Permission[] | ((params: Record<string, string>) => readonly Permission[]);

export interface Principal {
  sessionId: string;
  session: Session;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The gateway's route id (`access.denied` payloads), readable by hooks that run before the guard. */
    routeCode?: string;
    /** False on `public` routes: the guard asks for no session (and so no CSRF token); the OpenAPI document says so. */
    sessionRequired?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
    correlationId: string;
    routeCode: string;
  }
}

export type DenyReason = AccessDeniedEvent['payload']['reasonCode'];
type Method = AccessDeniedEvent['payload']['method'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function actorOf(principal: Principal | undefined): Actor {
  return principal ? { type: 'user', id: principal.session.userId, role: principal.session.role } : { type: 'service', id: 'gateway' };
}

/**
 * Records a refusal as `access.denied` (the session's tenant, or the path's for anonymous
 * callers; a cross-tenant attempt names the requested tenant) and returns the error to throw.
 */
export async function deny(
  events: GatewayEvents,
  req: FastifyRequest,
  reason: DenyReason,
  error: AppError,
  permission?: Permission,
): Promise<AppError> {
  const pathTenant = (req.params as Record<string, string> | undefined)?.['t'];
  const validPathTenant = pathTenant !== undefined && TENANT_ID_PATTERN.test(pathTenant) ? pathTenant : undefined;
  const tenantId = req.principal?.session.tenantId ?? validPathTenant;
  await events.denied(
    tenantId,
    actorOf(req.principal),
    req.correlationId,
    {
      routeCode: req.routeCode,
      method: req.method as Method,
      status: error.status,
      reasonCode: reason,
      ...(permission === undefined ? {} : { permission }),
      ...(validPathTenant !== undefined && validPathTenant !== tenantId ? { requestedTenantId: validPathTenant } : {}),
    },
    clientAddress(req),
  );
  return error;
}

/**
 * The route-level `onRequest` check, before the body is read or validated: on unsafe methods a
 * browser-declared cross-origin request is refused even on public routes (login CSRF); then
 * session (idle and absolute timeouts), CSRF token on unsafe methods (synchronizer token in
 * `x-csrf-token`), tenant match, permission. Every refusal is audited through `deny`.
 * `cookieSecure`: the public origin is https (TLS ends before the gateway).
 */
export function createAccessGuard(deps: { sessions: SessionManager; events: GatewayEvents; cookieName: string; cookieSecure: boolean }) {
  const { sessions, events, cookieName } = deps;
  const crossOrigin = (req: FastifyRequest) => UNSAFE.has(req.method) && isCrossOrigin(req, { secure: deps.cookieSecure });
  const refuseCrossOrigin = async (req: FastifyRequest) =>
    deny(events, req, 'csrf_failed', new ForbiddenError('cross-origin request refused'));
  /**
   * Route options: the guard as the route's `onRequest`, and in its `config` the route code (read by
   * earlier hooks) and whether a session is checked (read by the OpenAPI generation).
   */
  return (routeCode: string, access: Access) => ({
    config: { routeCode, sessionRequired: access !== 'public' },
    onRequest: async function guard(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
      req.routeCode = routeCode;
      if (access === 'public') {
        if (crossOrigin(req)) throw await refuseCrossOrigin(req);
        return;
      }
      const found = await sessions.lookup(req.cookies[cookieName]);
      if (!found.ok)
        throw await deny(
          events,
          req,
          found.reason,
          new UnauthorizedError(found.reason === 'session_expired' ? 'session expired' : 'authentication required'),
        );
      req.principal = { sessionId: found.id, session: found.session };
      const { session } = found;
      // After the session lookup, so the denial names the user.
      if (crossOrigin(req)) throw await refuseCrossOrigin(req);
      if (UNSAFE.has(req.method)) {
        const token = req.headers['x-csrf-token'];
        if (typeof token !== 'string' || !sameToken(token, session.csrf))
          throw await deny(events, req, 'csrf_failed', new ForbiddenError('missing or invalid CSRF token'));
      }
      if (access === 'authenticated') return;
      const params = req.params as Record<string, string>;
      if (params['t'] !== session.tenantId) throw await deny(events, req, 'tenant_mismatch', new ForbiddenError());
      const needed = typeof access === 'function' ? access(params) : access;
      if (!needed.some((p) => hasPermission(session.role, p)))
        throw await deny(events, req, 'missing_permission', new ForbiddenError(), needed[0]);
    },
  });
}
export type AccessGuard = ReturnType<typeof createAccessGuard>;

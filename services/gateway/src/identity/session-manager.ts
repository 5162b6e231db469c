import { createHash, randomBytes } from 'node:crypto';
import { isRole, type Role } from '@medicdraft/contracts';
import type { Clock, SessionStore } from '@medicdraft/platform';

/** What a session holds: ids, role and times only (the store contract forbids PHI). */
export interface Session {
  userId: string;
  tenantId: string;
  role: Role;
  method: 'password' | 'oidc';
  mfa: boolean;
  /** Synchronizer CSRF token: unsafe requests must echo it in `x-csrf-token`. */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
  /** The user's revocation stamp when the session began ('' if none): a newer stamp ends it. */
  userStamp?: string;
}

export interface SessionTimeouts {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
}

export type SessionLookup = { ok: true; id: string; session: Session } | { ok: false; reason: 'unauthenticated' | 'session_expired' };

const token = () => randomBytes(32).toString('base64url');
// The store is keyed by a digest of the cookie value: a dump of Redis holds no usable session id.
const storeKey = (id: string) => `gw:${createHash('sha256').update(id).digest('base64url')}`;
// One record per user whose sessions were revoked: a random stamp that sessions made before it lack.
const userKey = (tenantId: string, userId: string) => `gwu:${createHash('sha256').update(`${tenantId}\n${userId}`).digest('base64url')}`;

function parseSession(value: Record<string, unknown> | undefined): Session | undefined {
  if (value === undefined) return undefined;
  const v = value as Partial<Session>;
  if (typeof v.userId !== 'string' || typeof v.tenantId !== 'string' || !isRole(v.role) || typeof v.csrf !== 'string') return undefined;
  if (typeof v.createdAt !== 'number' || typeof v.lastSeenAt !== 'number') return undefined;
  return v as Session;
}

/**
 * Server-side sessions on the Coordination session store. A login always mints a new id (the
 * old one, if any, is deleted: rotation against fixation). A session ends at the idle timeout
 * (no request for `idleTimeoutMs`) or the absolute timeout (`absoluteTimeoutMs` after login),
 * whichever is first; the store TTL enforces the same bound so a forgotten session vanishes.
 * The idle clock is refreshed at most every 1/10 of the idle timeout, to keep reads cheap.
 * `revokeUser` ends all of a user's sessions at once: each session remembers the user's
 * revocation stamp from its login, and a lookup compares it with the current one (one more read).
 */
export function createSessionManager(deps: { store: SessionStore; clock: Clock; timeouts: SessionTimeouts }) {
  const { store, clock, timeouts } = deps;
  const ttl = (s: Session, now: number) => Math.max(1, Math.min(timeouts.idleTimeoutMs, s.createdAt + timeouts.absoluteTimeoutMs - now));
  const stampOf = async (tenantId: string, userId: string): Promise<string> => {
    const v = (await store.get(userKey(tenantId, userId)))?.['stamp'];
    return typeof v === 'string' ? v : '';
  };

  return {
    async create(init: Omit<Session, 'csrf' | 'createdAt' | 'lastSeenAt'>, previousId?: string): Promise<{ id: string; session: Session }> {
      if (previousId !== undefined) await store.delete(storeKey(previousId));
      const now = clock();
      const userStamp = await stampOf(init.tenantId, init.userId);
      // The stamp must outlive every session that carries it, so each login extends it.
      if (userStamp !== '') await store.set(userKey(init.tenantId, init.userId), { stamp: userStamp }, timeouts.absoluteTimeoutMs);
      const session: Session = { ...init, csrf: token(), createdAt: now, lastSeenAt: now, userStamp };
      const id = token();
      await store.set(storeKey(id), { ...session }, ttl(session, now));
      return { id, session };
    },
    async lookup(id: string | undefined): Promise<SessionLookup> {
      if (id === undefined || id === '') return { ok: false, reason: 'unauthenticated' };
      const session = parseSession(await store.get(storeKey(id)));
      if (session === undefined) return { ok: false, reason: 'session_expired' };
      const now = clock();
      const revoked = (session.userStamp ?? '') !== (await stampOf(session.tenantId, session.userId));
      if (revoked || now - session.lastSeenAt >= timeouts.idleTimeoutMs || now - session.createdAt >= timeouts.absoluteTimeoutMs) {
        await store.delete(storeKey(id));
        return { ok: false, reason: 'session_expired' };
      }
      if (now - session.lastSeenAt >= timeouts.idleTimeoutMs / 10) {
        session.lastSeenAt = now;
        await store.set(storeKey(id), { ...session }, ttl(session, now));
      }
      return { ok: true, id, session };
    },
    async revoke(id: string | undefined): Promise<void> {
      if (id !== undefined && id !== '') await store.delete(storeKey(id));
    },
    /** Ends every session of a user (role change, reset, deactivation), on every gateway instance. */
    async revokeUser(tenantId: string, userId: string): Promise<void> {
      await store.set(userKey(tenantId, userId), { stamp: token() }, timeouts.absoluteTimeoutMs);
    },
  };
}
export type SessionManager = ReturnType<typeof createSessionManager>;

import type { Coordination, IdempotencyStore, Lease, Semaphore, SessionStore } from './coordination.port.js';
import { systemClock, type Clock } from '../clock.js';

export interface MemoryCoordinationOptions {
  clock?: Clock;
}

/**
 * Single-process coordination for the embedded mode and unit tests. Same semantics as the Redis
 * adapter: a lease is live while now < expiresAt; re-acquiring with a holder that already holds a
 * slot extends that slot instead of taking a second one; session values are stored as JSON so
 * callers can neither share mutable state with the store nor keep non-JSON values.
 */
export function createMemoryCoordination(opts: MemoryCoordinationOptions = {}): Coordination {
  const clock = opts.clock ?? systemClock;
  const semaphores = new Map<string, Map<string, number>>();
  const claims = new Map<string, number>();
  const sessions = new Map<string, { json: string; expiresAt: number }>();
  // Expired claims and sessions are otherwise only dropped when touched again; sweeping whenever a
  // map doubles keeps a long-running embedded process bounded at amortised O(1) per write.
  let sweepClaimsAt = 1024;
  let sweepSessionsAt = 1024;

  const liveHolders = (name: string, now: number): Map<string, number> => {
    const holders = semaphores.get(name) ?? new Map<string, number>();
    for (const [holder, expiresAt] of holders) if (expiresAt <= now) holders.delete(holder);
    semaphores.set(name, holders);
    return holders;
  };

  const semaphore: Semaphore = {
    async tryAcquire(name, holder, limit, leaseMs): Promise<Lease | null> {
      const now = clock();
      const holders = liveHolders(name, now);
      if (!holders.has(holder) && holders.size >= limit) return null;
      const expiresAt = now + leaseMs;
      holders.set(holder, expiresAt);
      return { name, holder, expiresAt };
    },
    async renew(lease, leaseMs) {
      const now = clock();
      const holders = liveHolders(lease.name, now);
      if (!holders.has(lease.holder)) return false;
      holders.set(lease.holder, now + leaseMs);
      return true;
    },
    async release(lease) {
      semaphores.get(lease.name)?.delete(lease.holder);
    },
    async count(name) {
      return liveHolders(name, clock()).size;
    },
  };

  const idempotency: IdempotencyStore = {
    async claim(key, ttlMs) {
      const now = clock();
      const expiresAt = claims.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      claims.set(key, now + ttlMs);
      if (claims.size >= sweepClaimsAt) {
        for (const [k, exp] of claims) if (exp <= now) claims.delete(k);
        sweepClaimsAt = Math.max(1024, claims.size * 2);
      }
      return true;
    },
    async forget(key) {
      claims.delete(key);
    },
  };

  const sessionStore: SessionStore = {
    async set(id, value, ttlMs) {
      const now = clock();
      sessions.set(id, { json: JSON.stringify(value), expiresAt: now + ttlMs });
      if (sessions.size >= sweepSessionsAt) {
        for (const [k, entry] of sessions) if (entry.expiresAt <= now) sessions.delete(k);
        sweepSessionsAt = Math.max(1024, sessions.size * 2);
      }
    },
    async get(id) {
      const entry = sessions.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt <= clock()) {
        sessions.delete(id);
        return undefined;
      }
      return JSON.parse(entry.json) as Record<string, unknown>;
    },
    async delete(id) {
      sessions.delete(id);
    },
  };

  return {
    semaphore,
    idempotency,
    sessions: sessionStore,
    async ping() {},
    async close() {
      semaphores.clear();
      claims.clear();
      sessions.clear();
    },
  };
}

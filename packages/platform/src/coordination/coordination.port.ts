/** A held slot of a semaphore; valid until `expiresAt` unless renewed. */
export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
}

/**
 * Distributed counting semaphore (e.g. the HealthScribe concurrent-job quota across all workers).
 * Contract: at no instant do more than `limit` unexpired leases exist for `name`; a crashed holder's
 * slot frees itself when its lease expires; `renew` fails (false) for an expired or foreign lease;
 * `release` is idempotent. Acquisition is non-blocking: null means "full, try later".
 */
export interface Semaphore {
  tryAcquire(name: string, holder: string, limit: number, leaseMs: number): Promise<Lease | null>;
  renew(lease: Lease, leaseMs: number): Promise<boolean>;
  release(lease: Lease): Promise<void>;
  count(name: string): Promise<number>;
}

/**
 * Idempotency keys. Contract: for a given key, exactly one `claim` returns true until the key
 * expires (`ttlMs`), across all processes sharing the store.
 */
export interface IdempotencyStore {
  claim(key: string, ttlMs: number): Promise<boolean>;
  forget(key: string): Promise<void>;
}

/**
 * Server-side session store. Contract: `get` returns undefined after `ttlMs` or `delete`; values are
 * JSON-serialisable and hold no PHI (ids, roles, expiry only).
 */
export interface SessionStore {
  set(id: string, value: Record<string, unknown>, ttlMs: number): Promise<void>;
  get(id: string): Promise<Record<string, unknown> | undefined>;
  delete(id: string): Promise<void>;
}

export interface Coordination {
  semaphore: Semaphore;
  idempotency: IdempotencyStore;
  sessions: SessionStore;
  ping(): Promise<void>;
  close(): Promise<void>;
}

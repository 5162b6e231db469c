import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coordination, Lease } from './coordination.port.js';

/**
 * What the contract needs from an adapter's test file. `connect` returns handles onto one shared
 * store: separate connections for Redis (so concurrency is real), the same instance for memory.
 * `elapse` lets store time pass: fast-forward a fake clock, or really wait.
 */
export interface CoordinationHarness {
  connect(): Promise<Coordination>;
  elapse(ms: number): Promise<void>;
  teardown(): Promise<void>;
}

const LEASE_MS = 200;

/** Polls `check` (letting 50 ms of store time pass each round) until it holds or 3 s of rounds ran. */
async function eventually(harness: CoordinationHarness, check: () => Promise<boolean>): Promise<boolean> {
  for (let round = 0; round < 60; round++) {
    if (await check()) return true;
    await harness.elapse(50);
  }
  return check();
}

/** Contract of Coordination (see coordination.port.ts), run against every adapter. */
export function describeCoordinationContract(label: string, createHarness: () => Promise<CoordinationHarness>): void {
  describe(`Coordination contract: ${label}`, () => {
    let harness: CoordinationHarness;
    let instances: Coordination[];
    let coord: Coordination;
    const unique = (what: string) => `${what}-${randomUUID()}`;

    beforeAll(async () => {
      harness = await createHarness();
      instances = await Promise.all(Array.from({ length: 5 }, () => harness.connect()));
      coord = instances[0] as Coordination;
      await Promise.all(instances.map((c) => c.ping()));
    });
    afterAll(async () => {
      await harness?.teardown();
    });

    it('never grants more than the limit to 50 concurrent acquirers on several instances', async () => {
      const name = unique('quota');
      const limit = 7;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (instances[i % instances.length] as Coordination).semaphore.tryAcquire(name, `worker-${i}`, limit, 30_000),
        ),
      );
      const granted = results.filter((l): l is Lease => l !== null);
      expect(granted).toHaveLength(limit);
      expect(new Set(granted.map((l) => l.holder)).size).toBe(limit);
      expect(await coord.semaphore.count(name)).toBe(limit);
      expect(await coord.semaphore.tryAcquire(name, 'late', limit, 30_000)).toBeNull();
      await Promise.all(granted.map((l) => coord.semaphore.release(l)));
      expect(await coord.semaphore.count(name)).toBe(0);
    });

    it('counts a holder that acquires twice once, extending its lease', async () => {
      const name = unique('quota');
      const first = await coord.semaphore.tryAcquire(name, 'same', 1, 30_000);
      const again = await coord.semaphore.tryAcquire(name, 'same', 1, 60_000);
      expect(first).not.toBeNull();
      expect(again?.expiresAt).toBeGreaterThan(first?.expiresAt ?? Infinity);
      expect(await coord.semaphore.count(name)).toBe(1);
    });

    it("frees an expired lease's slot; renewing the expired lease then fails", async () => {
      const name = unique('quota');
      const crashed = await coord.semaphore.tryAcquire(name, 'crashed', 1, LEASE_MS);
      expect(crashed).toMatchObject({ name, holder: 'crashed' });
      const other = instances[1] as Coordination;
      expect(await other.semaphore.tryAcquire(name, 'waiting', 1, 30_000)).toBeNull();
      let next: Lease | null = null;
      expect(await eventually(harness, async () => (next = await other.semaphore.tryAcquire(name, 'waiting', 1, 30_000)) !== null)).toBe(
        true,
      );
      expect(next).toMatchObject({ holder: 'waiting' });
      expect(await coord.semaphore.renew(crashed as Lease, 30_000)).toBe(false);
      expect(await coord.semaphore.count(name)).toBe(1);
    });

    it('renews a live lease past its original expiry, and refuses a foreign lease', async () => {
      const name = unique('quota');
      const lease = await coord.semaphore.tryAcquire(name, 'worker', 1, LEASE_MS);
      expect(await coord.semaphore.renew(lease as Lease, 30_000)).toBe(true);
      await harness.elapse(LEASE_MS * 2);
      expect(await coord.semaphore.count(name)).toBe(1);
      expect(await coord.semaphore.tryAcquire(name, 'other', 1, 30_000)).toBeNull();
      expect(await coord.semaphore.renew({ name, holder: 'intruder', expiresAt: Date.now() + 30_000 }, 30_000)).toBe(false);
      expect(await coord.semaphore.count(name)).toBe(1);
    });

    it('releases idempotently, freeing the slot at once', async () => {
      const name = unique('quota');
      const lease = (await coord.semaphore.tryAcquire(name, 'worker', 1, 30_000)) as Lease;
      await coord.semaphore.release(lease);
      await coord.semaphore.release(lease);
      await coord.semaphore.release({ name, holder: 'never-held', expiresAt: 0 });
      expect(await coord.semaphore.count(name)).toBe(0);
      expect(await coord.semaphore.tryAcquire(name, 'next', 1, 30_000)).not.toBeNull();
    });

    it('lets exactly one of many concurrent claims win, until forgotten or expired', async () => {
      const key = unique('event');
      const claims = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (instances[i % instances.length] as Coordination).idempotency.claim(key, 30_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      await coord.idempotency.forget(key);
      expect(await coord.idempotency.claim(key, LEASE_MS)).toBe(true);
      expect(await coord.idempotency.claim(key, LEASE_MS)).toBe(false);
      expect(await eventually(harness, () => coord.idempotency.claim(key, 30_000))).toBe(true);
      expect(await coord.idempotency.claim(key, 30_000)).toBe(false);
    });

    it('stores sessions as JSON until their ttl passes or they are deleted', async () => {
      const id = unique('session');
      const value = { userId: 'u1', tenantId: 't1', roles: ['provider'], expiresAt: 123 };
      await coord.sessions.set(id, value, 30_000);
      expect(await (instances[2] as Coordination).sessions.get(id)).toEqual(value);
      await coord.sessions.delete(id);
      await coord.sessions.delete(id);
      expect(await coord.sessions.get(id)).toBeUndefined();
      expect(await coord.sessions.get(unique('never'))).toBeUndefined();

      const short = unique('session');
      await coord.sessions.set(short, value, LEASE_MS);
      expect(await coord.sessions.get(short)).toEqual(value);
      expect(await eventually(harness, async () => (await coord.sessions.get(short)) === undefined)).toBe(true);
    });
  });
}

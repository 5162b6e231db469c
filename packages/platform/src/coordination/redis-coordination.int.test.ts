import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCoordinationContract } from './coordination.contract.js';
import { createRedisCoordination } from './redis-coordination.js';
import type { Coordination } from './coordination.port.js';
import { DependencyUnavailableError } from '../errors.js';
import { stackConfig } from '../testing/stack-config.js';

// One key namespace per file run, removed afterwards, so runs never see each other's keys.
const prefix = `md-int-${randomUUID().slice(0, 8)}:`;
const admin = new Redis(stackConfig.redis.url);

async function deletePrefix(): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await admin.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

afterAll(async () => {
  await deletePrefix();
  await admin.quit();
});

describeCoordinationContract('redis', async () => {
  const opened: Coordination[] = [];
  return {
    // A separate ioredis connection per instance, as separate worker processes would have.
    connect: async () => {
      const c = createRedisCoordination({ url: stackConfig.redis.url, prefix });
      opened.push(c);
      return c;
    },
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    teardown: async () => {
      await Promise.all(opened.map((c) => c.close()));
    },
  };
});

describe('createRedisCoordination', () => {
  it('stamps lease expiry from the Redis server clock, and keys expire with their last lease', async () => {
    const coord = createRedisCoordination({ url: stackConfig.redis.url, prefix });
    const [seconds, micros] = await admin.time();
    const serverNow = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const lease = await coord.semaphore.tryAcquire('clock', 'w1', 1, 10_000);
    expect(lease?.expiresAt).toBeGreaterThanOrEqual(serverNow + 10_000);
    expect(lease?.expiresAt).toBeLessThan(serverNow + 12_000);
    const ttl = await admin.pttl(`${prefix}sem:clock`);
    expect(ttl).toBeGreaterThan(8_000);
    expect(ttl).toBeLessThanOrEqual(10_000);
    await coord.close();
  });

  it('leaves a caller-owned client open on close', async () => {
    const client = new Redis(stackConfig.redis.url);
    const coord = createRedisCoordination({ client, prefix });
    await coord.ping();
    await coord.close();
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });

  it('reports an unreachable Redis as DependencyUnavailableError', async () => {
    const coord = createRedisCoordination({ url: 'redis://127.0.0.1:1', prefix });
    await expect(coord.ping()).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(coord.idempotency.claim('x', 1_000)).rejects.toBeInstanceOf(DependencyUnavailableError);
    await coord.close();
  });
});

import { Redis } from 'ioredis';
import type { Coordination, Lease } from './coordination.port.js';
import { ACQUIRE, COUNT, RENEW, type RedisScript } from './redis-semaphore-scripts.js';
import { AppError, DependencyUnavailableError } from '../errors.js';

export type RedisCoordinationOptions = ({ url: string } | { client: Redis }) & {
  /** Namespace for every key (default `medicdraft:`); tests use one per file. */
  prefix?: string;
  /** Connection errors of a client this adapter created (default: ignored; commands reject). */
  onError?: (err: Error) => void;
};

/** Redis wants positive integer milliseconds; the port takes any number. */
const ms = (value: number): number => Math.max(1, Math.ceil(value));

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw err instanceof AppError ? err : new DependencyUnavailableError('redis', err);
  }
}

/**
 * Coordination over Redis (ioredis), shared by every process of the stack mode. A client passed in
 * stays owned by the caller; one created from `url` fails commands fast (3 retries) instead of
 * queueing them forever, and is closed by `close()`.
 */
export function createRedisCoordination(opts: RedisCoordinationOptions): Coordination {
  const owned = 'url' in opts;
  const client = owned ? new Redis(opts.url, { maxRetriesPerRequest: 3, lazyConnect: false }) : opts.client;
  if (owned) client.on('error', opts.onError ?? (() => undefined));
  const prefix = opts.prefix ?? 'medicdraft:';
  const semKey = (name: string) => `${prefix}sem:${name}`;

  async function run(s: RedisScript, key: string, args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(s.sha, 1, key, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(s.lua, 1, key, ...args);
    }
  }

  return {
    semaphore: {
      tryAcquire: (name, holder, limit, leaseMs) =>
        guard(async (): Promise<Lease | null> => {
          const expiresAt = await run(ACQUIRE, semKey(name), [holder, limit, ms(leaseMs)]);
          return expiresAt === null ? null : { name, holder, expiresAt: Number(expiresAt) };
        }),
      renew: (lease, leaseMs) => guard(async () => (await run(RENEW, semKey(lease.name), [lease.holder, ms(leaseMs)])) === 1),
      release: (lease) =>
        guard(async () => {
          await client.zrem(semKey(lease.name), lease.holder);
        }),
      count: (name) => guard(async () => Number(await run(COUNT, semKey(name), []))),
    },
    idempotency: {
      claim: (key, ttlMs) => guard(async () => (await client.set(`${prefix}idem:${key}`, '1', 'PX', ms(ttlMs), 'NX')) === 'OK'),
      forget: (key) =>
        guard(async () => {
          await client.del(`${prefix}idem:${key}`);
        }),
    },
    sessions: {
      set: (id, value, ttlMs) =>
        guard(async () => {
          await client.set(`${prefix}sess:${id}`, JSON.stringify(value), 'PX', ms(ttlMs));
        }),
      get: (id) =>
        guard(async () => {
          const json = await client.get(`${prefix}sess:${id}`);
          return json === null ? undefined : (JSON.parse(json) as Record<string, unknown>);
        }),
      delete: (id) =>
        guard(async () => {
          await client.del(`${prefix}sess:${id}`);
        }),
    },
    ping: () =>
      guard(async () => {
        await client.ping();
      }),
    async close() {
      if (owned && client.status !== 'end') await client.quit().catch(() => client.disconnect());
    },
  };
}

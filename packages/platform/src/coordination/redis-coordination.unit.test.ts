import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisCoordination } from './redis-coordination.js';
import { DependencyUnavailableError } from '../errors.js';

// The int tier cannot flush the shared server's script cache without disturbing other suites, so the
// NOSCRIPT fallback is checked here against a stub client.
describe('createRedisCoordination script loading', () => {
  it('falls back to EVAL when the server lost its script cache', async () => {
    const calls: string[] = [];
    const stub = {
      evalsha: async () => {
        calls.push('evalsha');
        throw new Error('NOSCRIPT No matching script. Please use EVAL.');
      },
      eval: async () => {
        calls.push('eval');
        return 1_700_000_010_000;
      },
    } as unknown as Redis;
    const lease = await createRedisCoordination({ client: stub }).semaphore.tryAcquire('q', 'w', 1, 10_000);
    expect(lease).toEqual({ name: 'q', holder: 'w', expiresAt: 1_700_000_010_000 });
    expect(calls).toEqual(['evalsha', 'eval']);
  });

  it('maps other failures to DependencyUnavailableError without retrying via EVAL', async () => {
    const stub = {
      evalsha: async () => {
        throw new Error('Connection is closed.');
      },
      eval: async () => {
        throw new Error('must not be called');
      },
    } as unknown as Redis;
    const err = await createRedisCoordination({ client: stub })
      .semaphore.count('q')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DependencyUnavailableError);
    expect((err as Error).cause).toMatchObject({ message: 'Connection is closed.' });
  });
});

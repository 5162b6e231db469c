import { describe, expect, it } from 'vitest';
import { describeCoordinationContract } from './coordination.contract.js';
import { createMemoryCoordination } from './memory-coordination.js';

describeCoordinationContract('memory (fake clock)', async () => {
  let now = 1_700_000_000_000;
  const coord = createMemoryCoordination({ clock: () => now });
  return {
    connect: async () => coord,
    elapse: async (ms) => {
      now += ms;
    },
    teardown: () => coord.close(),
  };
});

describeCoordinationContract('memory (system clock)', async () => {
  const coord = createMemoryCoordination();
  return {
    connect: async () => coord,
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    teardown: () => coord.close(),
  };
});

describe('createMemoryCoordination', () => {
  it('treats a lease as expired exactly at expiresAt', async () => {
    let now = 1_000;
    const coord = createMemoryCoordination({ clock: () => now });
    const lease = await coord.semaphore.tryAcquire('q', 'a', 1, 100);
    expect(lease?.expiresAt).toBe(1_100);
    now = 1_099;
    expect(await coord.semaphore.count('q')).toBe(1);
    now = 1_100;
    expect(await coord.semaphore.count('q')).toBe(0);
    expect(await coord.semaphore.renew(lease!, 100)).toBe(false);
  });

  it('hands out copies of session values', async () => {
    const coord = createMemoryCoordination();
    const value = { roles: ['qa'] };
    await coord.sessions.set('s', value, 10_000);
    value.roles.push('owner');
    const read = (await coord.sessions.get('s')) as { roles: string[] };
    read.roles.push('admin');
    expect(await coord.sessions.get('s')).toEqual({ roles: ['qa'] });
  });
});

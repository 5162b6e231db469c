import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { startKafkaSubscription } from './kafka-subscription.js';

/** A kafkajs consumer stand-in: counts starts and lets the test report a crash as kafkajs does. */
function fakeKafka() {
  const emitter = new EventEmitter();
  const calls = { connect: 0, run: 0, disconnect: 0 };
  let failConnects = 0;
  const consumer = {
    events: { GROUP_JOIN: 'group_join', REBALANCING: 'rebalancing', CRASH: 'crash' },
    on: (event: string, listener: (e: unknown) => void) => emitter.on(event, listener),
    connect: async () => {
      calls.connect++;
      if (failConnects > 0) {
        failConnects--;
        throw new Error('connection closed during authentication');
      }
    },
    subscribe: async () => undefined,
    run: async () => void calls.run++,
    stop: async () => undefined,
    disconnect: async () => void calls.disconnect++,
    pause: () => undefined,
    resume: () => undefined,
    seek: () => undefined,
  };
  const crash = (restart: boolean) => emitter.emit('crash', { payload: { error: new Error('closed'), groupId: 'g', restart } });
  return {
    kafka: { consumer: () => consumer } as unknown as Kafka,
    calls,
    crash,
    failNextConnects: (n: number) => void (failConnects = n),
  };
}

const subscribe = (fake: ReturnType<typeof fakeKafka>, onHealth?: (healthy: boolean) => void) =>
  startKafkaSubscription({
    kafka: fake.kafka,
    options: { groupId: 'g', topics: ['t'], handler: async () => ({ action: 'done' }) },
    publisher: { publish: async () => undefined },
    retry: { retries: 1 },
    tuning: {},
    onClosed: () => undefined,
    ...(onHealth === undefined ? {} : { onHealth }),
  });

describe('kafka subscription', () => {
  it('starts its consumer again after a crash kafkajs does not restart, and not after close', async () => {
    const fake = fakeKafka();
    const sub = await subscribe(fake);
    expect(fake.calls.run).toBe(1);
    // kafkajs restarts this one itself: nothing to do.
    fake.crash(true);
    // A non-retriable error (e.g. a connection closed during SASL authentication): kafkajs gives up.
    fake.crash(false);
    await vi.waitFor(() => expect(fake.calls.run).toBe(2), { timeout: 10_000, interval: 50 });
    expect(fake.calls.connect).toBe(2);
    await sub.close();
    fake.crash(false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(fake.calls.run).toBe(2);
  });

  it('reports itself down once three restarts in a row failed, and up again when one succeeds', async () => {
    vi.useFakeTimers();
    try {
      const fake = fakeKafka();
      const health: boolean[] = [];
      const sub = await subscribe(fake, (healthy) => health.push(healthy));
      fake.failNextConnects(3);
      fake.crash(false);
      // Restarts after 1 s, 2 s and 4 s fail: only the third reports the subscription down.
      await vi.advanceTimersByTimeAsync(1_000 + 2_000);
      expect(health).toEqual([]);
      await vi.advanceTimersByTimeAsync(4_000);
      expect(health).toEqual([false]);
      // The fourth (after 8 s) succeeds.
      await vi.advanceTimersByTimeAsync(8_000);
      expect(fake.calls.run).toBe(2);
      expect(health).toEqual([false, true]);
      await sub.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

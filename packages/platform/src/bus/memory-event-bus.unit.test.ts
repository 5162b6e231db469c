import { describe, expect, it } from 'vitest';
import { describeEventBusContract } from './event-bus.contract.js';
import { createMemoryEventBus } from './memory-event-bus.js';
import type { RecordMetric } from './record-dispatch.js';

describeEventBusContract(
  'memory',
  async (metrics) => {
    const bus = createMemoryEventBus({ metrics });
    return { bus, cleanup: () => bus.close() };
  },
  { compactsImmediately: true, timeoutMs: 5_000 },
);

describe('memory event bus', () => {
  it('reports one metric per delivery with its outcome', async () => {
    const metrics: RecordMetric[] = [];
    const bus = createMemoryEventBus({ metrics: { onRecord: (m) => metrics.push(m) } });
    let first = true;
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async () => {
        if (first) {
          first = false;
          return { action: 'hold', retryAfterMs: 0 };
        }
        return { action: 'done' };
      },
    });
    await bus.publish([{ topic: 't', key: 'k', value: 'v' }]);
    await expect.poll(() => metrics.length).toBe(2);
    expect(metrics.map((m) => [m.topic, m.group, m.outcome])).toEqual([
      ['t', 'g', 'hold'],
      ['t', 'g', 'done'],
    ]);
    expect(metrics.every((m) => m.durationMs >= 0)).toBe(true);
    await sub.close();
    await bus.close();
  });

  it('starts a group without a committed position at the end when fromBeginning is false', async () => {
    const bus = createMemoryEventBus();
    await bus.publish([{ topic: 't', key: 'k', value: 'old' }]);
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: false,
      handler: async (r) => {
        seen.push(r.value);
        return { action: 'done' };
      },
    });
    await bus.publish([{ topic: 't', key: 'k', value: 'new' }]);
    await expect.poll(() => seen).toEqual(['new']);
    await bus.close();
  });
});

import { describe, expect, it } from 'vitest';
import { MalformedEventError } from '../errors.js';
import { createMemoryEventBus } from '../bus/memory-event-bus.js';
import { busMetrics, consumerLagMetrics, createMetrics } from './metrics.js';

const sample = async (metrics: ReturnType<typeof createMetrics>, name: string, labels: Record<string, string>) => {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value;
};

describe('bus metrics', () => {
  it('medicdraft_consumer_lag_records follows the group: behind while it holds, 0 once done (embedded bus)', async () => {
    const metrics = createMetrics('test');
    const bus = createMemoryEventBus({ metrics: busMetrics(metrics) });
    consumerLagMetrics(metrics, bus);
    let open = false;
    const sub = await bus.subscribe({
      groupId: 'scribe',
      topics: ['t'],
      handler: async () => (open ? { action: 'done' } : { action: 'hold' }),
    });
    await bus.publish([1, 2, 3].map((i) => ({ topic: 't', key: `k${i}`, value: String(i) })));
    await expect.poll(() => sample(metrics, 'medicdraft_consumer_lag_records', { group: 'scribe', topic: 't' })).toBe(3);
    open = true;
    sub.wake();
    await expect.poll(() => sample(metrics, 'medicdraft_consumer_lag_records', { group: 'scribe', topic: 't' })).toBe(0);
    await bus.close();
  });

  it('leaves the lag out of a scrape when the bus does not answer in time, instead of a stale value', async () => {
    const metrics = createMetrics('test');
    let answer = true;
    consumerLagMetrics(
      metrics,
      {
        consumerLag: () => (answer ? Promise.resolve([{ group: 'g', topic: 't', lag: 7 }]) : new Promise(() => undefined)),
        deadLetterDepth: () => (answer ? Promise.resolve([{ topic: 'dlq.g', records: 2 }]) : new Promise(() => undefined)),
      },
      50,
    );
    expect(await sample(metrics, 'medicdraft_consumer_lag_records', { group: 'g' })).toBe(7);
    expect(await sample(metrics, 'medicdraft_dlq_depth_records', { topic: 'dlq.g' })).toBe(2);
    answer = false;
    expect(await sample(metrics, 'medicdraft_consumer_lag_records', { group: 'g' })).toBeUndefined();
    expect(await sample(metrics, 'medicdraft_dlq_depth_records', { topic: 'dlq.g' })).toBeUndefined();
  });

  it('medicdraft_dlq_records_total counts dead letters by DLQ topic and reason', async () => {
    const metrics = createMetrics('test');
    const bus = createMemoryEventBus({ metrics: busMetrics(metrics) });
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'narrative',
      topics: ['t'],
      handler: async (r) => {
        seen.push(r.value);
        throw new MalformedEventError('not an event');
      },
    });
    expect(await sample(metrics, 'medicdraft_dlq_records_total', { topic: 'dlq.narrative' })).toBeUndefined();
    await bus.publish([
      { topic: 't', key: 'k', value: 'a' },
      { topic: 't', key: 'k', value: 'b' },
    ]);
    await expect.poll(() => sample(metrics, 'medicdraft_dlq_records_total', { topic: 'dlq.narrative', reason: 'malformed_event' })).toBe(2);
    expect(seen).toEqual(['a', 'b']);
    consumerLagMetrics(metrics, bus);
    expect(await sample(metrics, 'medicdraft_dlq_depth_records', { topic: 'dlq.narrative' })).toBe(2);
    await bus.close();
  });
});

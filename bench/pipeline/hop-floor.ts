/**
 * The overhead scenario's floor: what one dictation cannot avoid on this stack, measured in the
 * same run as the dictations. Sampled one at a time after them: a PUT and a GET of a small object
 * on moto through the services' own object store (tenant prefix, SSE-KMS under the tenant's key), and
 * one Kafka hop through the services' own bus adapter (publish with acks=all → this process's
 * subscriber sees the record).
 */
import { randomUUID } from 'node:crypto';
import type { EventBus, ObjectStore } from '@medicdraft/platform';
import { percentiles, type Percentiles } from './report.js';

export interface HopSamples {
  putMs: Percentiles;
  getMs: Percentiles;
  kafkaHopMs: Percentiles;
}

const now = () => performance.now();

export async function measureHops(opts: {
  objects: ObjectStore;
  bus: EventBus;
  tenantId: string;
  samples: number;
  /** Size of the object put and read back: about what a HealthScribe output of the bench's script weighs. */
  objectBytes?: number;
}): Promise<HopSamples> {
  const body = Buffer.alloc(opts.objectBytes ?? 4096, 0x61);
  const topic = `bench.pipeline.hop.${randomUUID().slice(0, 8)}`;
  await opts.bus.ensureTopics([{ name: topic, partitions: 1 }]);
  const seen = new Map<string, () => void>();
  const sub = await opts.bus.subscribe({
    groupId: `${topic}.floor`,
    topics: [topic],
    handler: async (record) => {
      seen.get(record.key ?? '')?.();
      return { action: 'done' };
    },
  });
  const hop = async (key: string): Promise<number> => {
    const arrived = new Promise<void>((resolve) => seen.set(key, resolve));
    const t0 = now();
    await opts.bus.publish([{ topic, key, value: '{}' }]);
    await arrived;
    seen.delete(key);
    return now() - t0;
  };
  try {
    // The subscriber joins its group asynchronously: the first record tells when it is live.
    await hop('warm-up');
    const put: number[] = [];
    const get: number[] = [];
    const kafka: number[] = [];
    for (let i = 0; i < opts.samples; i++) {
      const ref = { tenantId: opts.tenantId, bucket: 'output' as const, key: `${opts.tenantId}/bench-hop/${i}.json` };
      let t0 = now();
      await opts.objects.put(ref, body, { contentType: 'application/json' });
      put.push(now() - t0);
      t0 = now();
      for await (const _ of await opts.objects.get(ref)); // read to the end, as a service does
      get.push(now() - t0);
      kafka.push(await hop(`hop-${i}`));
    }
    return { putMs: percentiles(put), getMs: percentiles(get), kafkaHopMs: percentiles(kafka) };
  } finally {
    await sub.close();
  }
}

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { ConfigResourceTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEventBusContract } from './event-bus.contract.js';
import { createKafkaClient } from './kafka-client.js';
import { createKafkaEventBus } from './kafka-event-bus.js';
import type { RecordMetric } from './record-dispatch.js';
import { stackConfig } from '../testing/stack-config.js';
import { PayloadTooLargeError } from '../errors.js';

/** A loopback port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeEventBusContract(
  'kafka',
  async (metrics) => {
    // A short rebalance timeout: the rebalance-mid-batch case waits for it once.
    const bus = createKafkaEventBus({ ...stackConfig.kafka, clientId: 'platform-bus-contract', metrics, rebalanceTimeoutMs: 8_000 });
    return { bus, cleanup: () => bus.close() };
  },
  {
    timeoutMs: 30_000,
    makeUnreachableBus: async () =>
      createKafkaEventBus({
        brokers: [`127.0.0.1:${await closedPort()}`],
        clientId: 'platform-bus-unreachable',
        connectionTimeoutMs: 300,
        retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 200 },
        pingTimeoutMs: 1_000,
      }),
  },
);

describe('kafka event bus specifics', () => {
  const admin = createKafkaClient({ ...stackConfig.kafka, clientId: 'platform-bus-inspect' }).admin();
  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('namespaces topics with KAFKA_TOPIC_PREFIX: handlers see plain names, other prefixes see nothing', async () => {
    const id = randomUUID().slice(0, 8);
    const a = createKafkaEventBus({ ...stackConfig.kafka, clientId: 'platform-bus-prefix-a', topicPrefix: `run-a-${id}.` });
    const b = createKafkaEventBus({ ...stackConfig.kafka, clientId: 'platform-bus-prefix-b', topicPrefix: `run-b-${id}.` });
    const topic = `kafka-bus.prefixed.${id}`;
    const seen: Record<'a' | 'b', string[]> = { a: [], b: [] };
    try {
      await a.ensureTopics([{ name: topic, partitions: 1 }]);
      await b.ensureTopics([{ name: topic, partitions: 1 }]);
      const subs = await Promise.all(
        (['a', 'b'] as const).map((name) =>
          (name === 'a' ? a : b).subscribe({
            groupId: `prefix-${name}-${id}`,
            topics: [topic],
            handler: async (r) => (seen[name].push(`${r.topic}=${r.value}`), { action: 'done' }),
          }),
        ),
      );
      await a.publish([{ topic, key: 'k', value: 'from-a' }]);
      for (let i = 0; i < 300 && seen.a.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 500));
      expect(seen).toEqual({ a: [`${topic}=from-a`], b: [] });
      const names = await admin.listTopics();
      expect(names).toContain(`run-a-${id}.${topic}`);
      expect(names).not.toContain(topic);
      await Promise.all(subs.map((s) => s.close()));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('creates topics with the requested partitions and cleanup policy, idempotently', async () => {
    const bus = createKafkaEventBus({ ...stackConfig.kafka, clientId: 'platform-bus-topics' });
    const id = randomUUID().slice(0, 8);
    const plain = `kafka-bus.plain.${id}`;
    const compacted = `kafka-bus.compacted.${id}`;
    try {
      await bus.ensureTopics([{ name: plain, partitions: 3 }]);
      // Mixed existing and new topics, twice: neither call may fail.
      for (let i = 0; i < 2; i++)
        await bus.ensureTopics([
          { name: plain, partitions: 3 },
          { name: compacted, partitions: 2, compacted: true },
        ]);
      const { topics } = await admin.fetchTopicMetadata({ topics: [plain, compacted] });
      expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({ [plain]: 3, [compacted]: 2 });
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [plain, compacted].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['cleanup.policy'] })),
      });
      const policy = Object.fromEntries(resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue]));
      expect(policy).toEqual({ [plain]: 'delete', [compacted]: 'compact' });
      await bus.ping();
    } finally {
      await bus.close();
    }
  });

  it('reports consumer metrics per delivery', async () => {
    const metrics: RecordMetric[] = [];
    const bus = createKafkaEventBus({
      ...stackConfig.kafka,
      clientId: 'platform-bus-metrics',
      metrics: { onRecord: (m) => metrics.push(m) },
    });
    const id = randomUUID().slice(0, 8);
    const topic = `kafka-bus.metrics.${id}`;
    try {
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      let first = true;
      await bus.subscribe({
        groupId: `kafka-bus-metrics-${id}`,
        topics: [topic],
        handler: async () => {
          if (first) {
            first = false;
            return { action: 'hold', retryAfterMs: 0 };
          }
          return { action: 'done' };
        },
      });
      await bus.publish([{ topic, key: 'k', value: 'v' }]);
      await expect.poll(() => metrics.length, { timeout: 15_000 }).toBe(2);
      expect(metrics.map((m) => [m.topic, m.group, m.outcome])).toEqual([
        [topic, `kafka-bus-metrics-${id}`, 'hold'],
        [topic, `kafka-bus-metrics-${id}`, 'done'],
      ]);
    } finally {
      await bus.close();
    }
  });
  it('sends calls queued behind a send together, yet fails only the call whose own record the broker refuses', async () => {
    const bus = createKafkaEventBus({ ...stackConfig.kafka, clientId: 'platform-bus-coalesce' });
    const id = randomUUID().slice(0, 8);
    const topic = `kafka-bus.coalesce.${id}`;
    try {
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      // The first call is in flight while the next three are made: they form one group behind it.
      const settled = await Promise.allSettled([
        bus.publish([{ topic, key: 'k', value: '0' }]),
        bus.publish([{ topic, key: 'k', value: '1' }]),
        bus.publish([{ topic, key: 'k', value: 'x'.repeat(1_200_000) }]),
        bus.publish([{ topic, key: 'k', value: '2' }]),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(PayloadTooLargeError);
      const seen: string[] = [];
      await bus.subscribe({
        groupId: `kafka-bus-coalesce-${id}`,
        topics: [topic],
        handler: async (r) => {
          seen.push(r.value);
          return { action: 'done' };
        },
      });
      await expect.poll(() => seen.length, { timeout: 15_000 }).toBe(3);
      expect(seen).toEqual(['0', '1', '2']);
    } finally {
      await bus.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { decodeEvent, DOMAIN_TOPICS, isDomainTopic, type DomainEvent } from '@medicdraft/contracts';
import { createKafkaClient } from '@medicdraft/platform/kafka';
import { type KafkaSasl } from '@medicdraft/platform';

/**
 * Reads every domain topic from the beginning up to the high watermarks taken at the start, with a
 * throw-away consumer group (nothing of the audit group's position is touched), and yields the
 * valid events for which `keep` is true. Invalid records are skipped: they were dead-lettered, not
 * audited, on the way in too. `topicPrefix` is the deployment's KAFKA_TOPIC_PREFIX; it names the
 * group too (`<prefix>audit.replay.<random>`, deleted afterwards), so the audit principal's
 * prefixed group ACL covers it.
 */
export async function readEventsFromKafka(
  client: { brokers: string[]; topicPrefix?: string | undefined; sasl?: KafkaSasl | undefined; ssl?: boolean | undefined },
  keep: (e: DomainEvent) => boolean,
  onRecord?: () => void,
): Promise<DomainEvent[]> {
  const topicPrefix = client.topicPrefix ?? '';
  const kafka = createKafkaClient({
    brokers: client.brokers,
    clientId: 'medicdraft-audit-replay',
    ...(client.sasl === undefined ? {} : { sasl: client.sasl }),
    ...(client.ssl === true ? { ssl: true } : {}),
  });
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of DOMAIN_TOPICS.map((t) => topicPrefix + t)) {
      if (!existing.has(topic)) continue;
      for (const p of await admin.fetchTopicOffsets(topic))
        if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}:${p.partition}`, BigInt(p.high));
    }
  } finally {
    await admin.disconnect();
  }
  const out: DomainEvent[] = [];
  if (remaining.size === 0) return out;
  const groupId = `${topicPrefix}audit.replay.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: DOMAIN_TOPICS.map((t) => topicPrefix + t).filter((t) => [...remaining.keys()].some((slot) => slot.startsWith(`${t}:`))),
      fromBeginning: true,
    });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const slot = `${batch.topic}:${batch.partition}`;
            const end = remaining.get(slot);
            if (end === undefined) return;
            for (const m of batch.messages) {
              if (BigInt(m.offset) >= end) break;
              onRecord?.();
              const topic = batch.topic.slice(topicPrefix.length);
              if (!isDomainTopic(topic) || m.value === null) continue;
              const parsed = decodeEvent(m.value.toString('utf8'), topic);
              if (parsed.ok && keep(parsed.value)) out.push(parsed.value);
            }
            if (BigInt(batch.lastOffset()) + 1n >= end) remaining.delete(slot);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
  }
  return out;
}

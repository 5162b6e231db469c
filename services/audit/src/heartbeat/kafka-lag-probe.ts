import { DOMAIN_TOPICS } from '@medicdraft/contracts';
import type { Kafka } from 'kafkajs';
import type { LagProbe } from './heartbeat-publisher.js';

/**
 * Lag of the audit consumer group as the broker sees it: for every partition of every domain
 * topic, high watermark − the group's committed offset (the low watermark when nothing is
 * committed yet). The whole group's lag, not only this instance's partitions: a partition no
 * instance is draining is exactly what readiness must notice. `topicPrefix` is the bus's
 * KAFKA_TOPIC_PREFIX: the group consumes the prefixed topics, and the unprefixed ones may belong
 * to another deployment on the same cluster; it prefixes the group id on the broker too, as the
 * bus does, so `groupId` is the unprefixed one the service subscribes with.
 */
export function createKafkaLagProbe(kafka: Kafka, groupId: string, topicPrefix = ''): LagProbe & { close(): Promise<void> } {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  const probe = async () => {
    try {
      await (connected ??= admin.connect());
    } catch (err) {
      connected = undefined;
      throw err;
    }
    const committed = await admin.fetchOffsets({ groupId: topicPrefix + groupId, topics: DOMAIN_TOPICS.map((t) => topicPrefix + t) });
    let lag = 0;
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const c = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const from = BigInt(c) >= 0n ? BigInt(c) : BigInt(end.low);
        const diff = BigInt(end.high) - from;
        if (diff > 0n) lag += Number(diff);
      }
    }
    return lag;
  };
  return Object.assign(probe, { close: () => admin.disconnect() });
}

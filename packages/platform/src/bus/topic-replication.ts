/**
 * How the topics a bus creates are replicated. `auto` gives a cluster of three brokers or more
 * replication factor 3 with min.insync.replicas=2 (with acks=all a write survives one broker
 * failing and is refused, not half-accepted, when two fail) and leaves a smaller cluster (the
 * single-node dev stack) to its broker defaults. An explicit setting applies whatever the size.
 */
export type TopicReplication = 'auto' | { factor: number; minInsyncReplicas: number };

export interface TopicReplicationSettings {
  /** Absent: the broker's default.replication.factor. */
  replicationFactor?: number;
  configEntries: { name: string; value: string }[];
}

export const AUTO_REPLICATION = { minBrokers: 3, factor: 3, minInsyncReplicas: 2 } as const;

export function topicReplicationFor(setting: TopicReplication, brokerCount: number): TopicReplicationSettings {
  const chosen = setting !== 'auto' ? setting : brokerCount >= AUTO_REPLICATION.minBrokers ? AUTO_REPLICATION : undefined;
  if (chosen === undefined) return { configEntries: [] };
  return {
    replicationFactor: chosen.factor,
    configEntries: [{ name: 'min.insync.replicas', value: String(chosen.minInsyncReplicas) }],
  };
}

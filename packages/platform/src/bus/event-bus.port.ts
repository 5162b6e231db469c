/** A record as written to the bus. `key` decides the partition (ordering is per key). */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/**
 * Publishes records durably.
 * Contract: the promise resolves only after every record is accepted by all in-sync replicas
 * (Kafka `acks=all`), so callers may treat resolution as "durably in the bus"
 * (audit-before-action relies on this). Order is preserved per (topic, key) within one call and
 * across sequential calls. Rejects with DependencyUnavailableError when the bus cannot accept.
 * Implementers must not validate or transform `value`.
 */
export interface EventPublisher {
  publish(records: readonly OutgoingRecord[]): Promise<void>;
}

/** A record as delivered to a handler. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  /** Kafka offset as a decimal string. */
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  timestamp: number;
}

/**
 * What a handler decided about one record.
 * - `done`: processed (or deliberately ignored); the offset may be committed.
 * - `hold`: not processed yet (e.g. the tenant's gate is closed). The record is neither committed,
 *   dropped nor dead-lettered: its partition pauses and the same record is delivered again after
 *   `retryAfterMs` or when `Subscription.wake()` is called. Other partitions keep flowing.
 */
export type HandleResult = { action: 'done' } | { action: 'hold'; retryAfterMs?: number };

export type RecordHandler = (record: ConsumedRecord) => Promise<HandleResult>;

export interface SubscribeOptions {
  /** Consumer group; instances with the same group share partitions. */
  groupId: string;
  topics: readonly string[];
  /** Start from the earliest offset when the group has no committed offset. Default true. */
  fromBeginning?: boolean;
  handler: RecordHandler;
  /**
   * Behaviour on a thrown error: an AppError with `deadLetter` (or any error while `deadLetterAll`)
   * sends the original record to `dlq.<groupId>` with headers `x-error-code`, `x-error-message`,
   * `x-original-topic`, `x-original-partition`, `x-original-offset`, then commits. Any other error
   * is treated as transient: the partition is held and retried with backoff.
   */
  maxRetryBackoffMs?: number;
  /** Dead-letter every thrown error instead of retrying (see above). Default false. */
  deadLetterAll?: boolean;
}

/**
 * Consumes records in a consumer group, one record at a time per partition, committing only
 * offsets whose handler returned `done` (at-least-once; handlers dedupe on event id).
 * Contract: a record is never skipped: it is either handled `done`, dead-lettered, or held and
 * redelivered. `close()` stops intake, waits for in-flight handlers, commits, and leaves the group.
 */
export interface EventSubscriber {
  subscribe(options: SubscribeOptions): Promise<Subscription>;
}

export interface Subscription {
  /** Redeliver held records now (e.g. the gate view changed). */
  wake(): void;
  close(): Promise<void>;
}

export function dlqTopic(groupId: string): string {
  return `dlq.${groupId}`;
}

/** How far one consumer group of this process is behind on one topic, summed over its partitions. */
export interface ConsumerLag {
  group: string;
  topic: string;
  /** Records between the group's committed offset and the end of the log (Kafka: the high watermark). */
  lag: number;
}

/** A bus: both halves, plus topic administration and teardown. */
export interface EventBus extends EventPublisher, EventSubscriber {
  /**
   * The lag of every group this process subscribes with, from committed offsets (so a stuck or
   * holding consumer shows its lag growing, which a per-batch figure could not: no batch arrives).
   * A group with no committed offset counts from the log's start. Rejects when the bus cannot answer.
   */
  consumerLag(): Promise<readonly ConsumerLag[]>;
  /**
   * How many dead letters each DLQ topic of this process's groups retains (Kafka: high minus low
   * watermark, summed over partitions; a DLQ topic that does not exist yet is absent). Dead
   * letters are never deleted one by one, so the figure falls only with retention, not with a
   * redrive: alert on its growth. Rejects when the bus cannot answer.
   */
  deadLetterDepth(): Promise<readonly { topic: string; records: number }[]>;
  /** Creates topics if missing (idempotent). `compacted` sets cleanup.policy=compact. */
  ensureTopics(topics: readonly { name: string; partitions?: number; compacted?: boolean }[]): Promise<void>;
  /** Cheap liveness probe used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

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

/**
 * What a batch handler decided about one record of its batch: `done` and `hold` as for a record
 * handler, or `fail` with the error a record handler would have thrown for it (judged by the same
 * rules, see `SubscribeOptions.maxRetryBackoffMs`: a dead-letter error sends that record alone to
 * the DLQ with its reason; any other error holds the partition at that record and retries it).
 */
export type BatchRecordResult = HandleResult | { action: 'fail'; error: unknown };

/**
 * Handles the records of one partition fetch together, in offset order, and returns one result per
 * record (same order, same length). Contract:
 * - Every record it reports `done` must be durable (or deliberately ignored) when the promise
 *   resolves: the bus then commits the batch's offsets once, past the last record that advanced.
 * - The batch advances up to the first record reported `hold` or a transient `fail`; that record
 *   and every one after it are delivered again (in a later batch), whatever was reported for them.
 *   So a handler that meets such a record should leave the rest unapplied (report them `hold`);
 *   if it applied them anyway, its dedupe must absorb the redelivery.
 * - A record reported as a dead-letter `fail` (a poison record, e.g. malformed) goes to the DLQ
 *   with its reason; the records around it are applied once, as reported.
 * - A thrown error (or a result of the wrong length) fails the whole batch transiently: nothing of
 *   it is committed and it is delivered again from its first record with backoff. The handler must
 *   therefore make a batch's effect atomic (one transaction) or idempotent (dedupe on event id).
 * - Delivery stays at least once: a rebalance or a crash between the durable step and the commit
 *   redelivers records that were applied. The handler dedupes (on event id); the bus never commits
 *   an offset of a partition this member no longer owns.
 */
export type BatchHandler = (records: readonly ConsumedRecord[]) => Promise<readonly BatchRecordResult[]>;

interface SubscribeCommon {
  /** Consumer group; instances with the same group share partitions. */
  groupId: string;
  topics: readonly string[];
  /** Start from the earliest offset when the group has no committed offset. Default true. */
  fromBeginning?: boolean;
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
 * A subscription takes either a record handler (one record at a time per partition) or a batch
 * handler (a partition's fetched records together, see BatchHandler): one durable step and one
 * commit per batch instead of one per record, for consumers bound by round trips.
 */
export type SubscribeOptions =
  | (SubscribeCommon & { handler: RecordHandler; batchHandler?: never })
  | (SubscribeCommon & {
      batchHandler: BatchHandler;
      handler?: never;
      /** Most records handed over in one call (a fetch may hold more). Default 500. */
      maxBatchRecords?: number;
    });

/**
 * Consumes records in a consumer group, one record (or, with a batch handler, one fetched batch)
 * at a time per partition, committing only offsets whose handler returned `done` or that were
 * dead-lettered (at-least-once; handlers dedupe on event id).
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

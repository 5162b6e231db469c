import type { EachBatchPayload, IHeaders, Kafka, KafkaMessage, RetryOptions } from 'kafkajs';
import type { ConsumedRecord, EventPublisher, OutgoingRecord, SubscribeOptions, Subscription } from './event-bus.port.js';
import { toBusError } from './kafka-client.js';
import { createBatchDispatcher, createRecordDispatcher, type BusLogger, type BusMetrics } from './record-dispatch.js';

export interface KafkaConsumerTuning {
  /** Long-poll bound; also the worst-case delay before a resumed (woken) partition is fetched again. Default 200 ms. */
  maxWaitTimeInMs?: number;
  sessionTimeoutMs?: number;
  /**
   * How long the coordinator waits for every member to rejoin a rebalance; a member whose batch is
   * still running then is dropped and its partitions move on without it. Default 60000 (kafkajs).
   */
  rebalanceTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Partitions whose batches are handled concurrently (each partition stays sequential). Default 4. */
  partitionsConsumedConcurrently?: number;
  /** Done records between commits inside one batch; every batch also commits when it ends. Default 100. */
  commitEvery?: number;
  defaultHoldMs?: number;
}

export interface KafkaSubscriptionDeps {
  kafka: Kafka;
  options: SubscribeOptions;
  publisher: EventPublisher;
  retry: RetryOptions;
  tuning: KafkaConsumerTuning;
  logger?: BusLogger;
  metrics?: BusMetrics;
  /** Broker-side topic prefix (see KafkaClientOptions.topicPrefix); stripped before handlers see records. */
  topicPrefix?: string;
  onClosed: (subscription: Subscription) => void;
  /**
   * Told `false` when the consumer has been down through REVIVE_FAILURES_DOWN failed restarts in a
   * row, and `true` when a restart succeeds after that: the bus's readiness probe reports it.
   */
  onHealth?: (healthy: boolean) => void;
}

/** How long a partition whose dead letters could not be published waits before it is read again. */
const DEAD_LETTER_RETRY_MS = 1_000;
/** First and longest wait before a consumer kafkajs gave up on is started again. */
const REVIVE_FIRST_MS = 1_000;
const REVIVE_MAX_MS = 30_000;
/** Failed restarts in a row (1 + 2 + 4 s of backoff) after which the subscription reports itself down. */
const REVIVE_FAILURES_DOWN = 3;

interface Held {
  topic: string;
  partition: number;
  timer: NodeJS.Timeout;
  wakeable: boolean;
}

/**
 * One kafkajs consumer per subscription, committing manually (offset + 1 of the last `done` or
 * dead-lettered record) so nothing is committed that was not handled. A hold or transient failure
 * pauses the partition and seeks back to the record, then abandons the rest of the batch for that
 * partition: after the seek kafkajs marks the batch stale, and the next fetch after resume starts
 * at the held offset again. Other partitions keep being fetched meanwhile.
 * A batch handler gets the fetch in chunks of `maxBatchRecords`; each chunk is committed once,
 * after the handler resolved, and only while this member still owns the partition (no rebalance
 * noticed by a heartbeat, no seek): otherwise the chunk is left for redelivery.
 */
export async function startKafkaSubscription(deps: KafkaSubscriptionDeps): Promise<Subscription> {
  const { options, tuning, logger } = deps;
  const heartbeatIntervalMs = tuning.heartbeatIntervalMs ?? 1_000;
  const commitEvery = tuning.commitEvery ?? 100;
  const common = {
    groupId: options.groupId,
    publisher: deps.publisher,
    deadLetterAll: options.deadLetterAll,
    deferDeadLetters: true,
    maxRetryBackoffMs: options.maxRetryBackoffMs,
    defaultHoldMs: tuning.defaultHoldMs,
    metrics: deps.metrics,
    logger,
  };
  const dispatch = options.batchHandler === undefined ? createRecordDispatcher({ ...common, handler: options.handler }) : undefined;
  const dispatchBatch =
    options.batchHandler === undefined ? undefined : createBatchDispatcher({ ...common, batchHandler: options.batchHandler });
  const maxBatchRecords = Math.max(1, options.batchHandler === undefined ? 1 : (options.maxBatchRecords ?? 500));
  const prefix = deps.topicPrefix ?? '';
  const held = new Map<string, Held>();
  let wakes = 0;
  let stopping = false;

  const consumer = deps.kafka.consumer({
    // The deployment's prefix names its groups as well as its topics, so one prefixed ACL per
    // service covers its groups and a test run's groups never meet another run's.
    groupId: prefix + options.groupId,
    maxWaitTimeInMs: tuning.maxWaitTimeInMs ?? 200,
    sessionTimeout: tuning.sessionTimeoutMs ?? 30_000,
    rebalanceTimeout: tuning.rebalanceTimeoutMs ?? 60_000,
    heartbeatInterval: heartbeatIntervalMs,
    // kafkajs restarts a crashed consumer on retriable errors; never while we are closing it.
    retry: { ...deps.retry, restartOnFailure: async () => !stopping },
  });
  // Joins and rebalances at info: when a partition's records stop for a few seconds, these lines say why.
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const partitions = Object.values(payload.memberAssignment).reduce((n, list) => n + list.length, 0);
    logger?.info(
      { group: options.groupId, leader: payload.isLeader, partitions, durationMs: payload.duration },
      'kafka consumer joined group',
    );
  });
  consumer.on(consumer.events.REBALANCING, () => {
    logger?.info({ group: options.groupId }, 'kafka consumer group rebalancing');
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    logger?.error({ group: options.groupId, restart: payload.restart, err: payload.error.name }, 'kafka consumer crashed');
    // kafkajs restarts a consumer only after a retriable error. One it gives up on — a connection a
    // busy broker closed during SASL authentication is reported as an authentication failure — would
    // leave the service without this subscription for good, so it is started again, with backoff.
    if (!payload.restart && !stopping) revive();
  });
  let reviving: NodeJS.Timeout | undefined;
  /** Restarts that failed since the last crash; the next wait doubles with each. */
  let failedRevivals = 0;
  const revive = () => {
    clearTimeout(reviving);
    const delay = Math.min(REVIVE_MAX_MS, REVIVE_FIRST_MS * 2 ** Math.min(failedRevivals, 5));
    reviving = setTimeout(() => {
      if (stopping) return;
      void (async () => {
        try {
          await consumer.disconnect().catch(() => undefined);
          await start();
          if (failedRevivals >= REVIVE_FAILURES_DOWN) deps.onHealth?.(true);
          failedRevivals = 0;
          logger?.info({ group: options.groupId }, 'kafka consumer started again after a crash');
        } catch (err) {
          failedRevivals += 1;
          logger?.warn(
            { group: options.groupId, err: toBusError(err).code, failedRestarts: failedRevivals },
            'kafka consumer restart failed; retrying',
          );
          // An orchestrator sees a subscription that stays down: /readyz fails until a restart succeeds.
          if (failedRevivals === REVIVE_FAILURES_DOWN) deps.onHealth?.(false);
          if (!stopping) revive();
        }
      })();
    }, delay);
  };

  const resume = (slot: string) => {
    const entry = held.get(slot);
    if (!entry) return;
    clearTimeout(entry.timer);
    held.delete(slot);
    if (stopping) return;
    try {
      consumer.resume([{ topic: entry.topic, partitions: [entry.partition] }]);
    } catch {
      // The consumer is between a crash and its restart; the restarted one starts unpaused anyway.
    }
  };
  const hold = (topic: string, partition: number, offset: string, afterMs: number, wakeable: boolean) => {
    const slot = `${topic}\u0000${partition}`;
    clearTimeout(held.get(slot)?.timer);
    consumer.pause([{ topic, partitions: [partition] }]);
    consumer.seek({ topic, partition, offset });
    held.set(slot, { topic, partition, wakeable, timer: setTimeout(() => resume(slot), afterMs) });
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) => {
    const { topic, partition } = batch;
    let toCommit: string | undefined;
    let sinceCommit = 0;
    // Dead letters of this batch not yet published: they go out in one call before any offset past
    // them is committed, so junk costs one round trip per commit, not one per record.
    let deadLetters: { offset: string; out: OutgoingRecord }[] = [];
    /** Publishes pending dead letters, then commits; false when the dead letters failed (partition held at the first). */
    const commit = async (): Promise<boolean> => {
      if (deadLetters.length > 0) {
        const first = deadLetters[0]!.offset;
        const letters = deadLetters.map((d) => d.out);
        deadLetters = [];
        try {
          await deps.publisher.publish(letters);
        } catch (err) {
          logger?.error(
            { topic, partition, offset: first, group: options.groupId, code: toBusError(err).code },
            'dead-letter publish failed; will retry',
          );
          // Commit only what precedes the first unpublished dead letter, and read again from it.
          toCommit = first;
          hold(topic, partition, first, DEAD_LETTER_RETRY_MS, false);
          await commitOffsets();
          return false;
        }
      }
      await commitOffsets();
      return true;
    };
    const commitOffsets = async () => {
      if (toCommit === undefined) return;
      const offset = toCommit;
      toCommit = undefined;
      sinceCommit = 0;
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset }] }] });
    };
    if (dispatchBatch !== undefined) {
      // One handler call, one dead-letter publish and one commit per chunk of the fetch.
      for (let from = 0; from < batch.messages.length; from += maxBatchRecords) {
        if (stopping || !isRunning() || isStale()) break;
        const messages = batch.messages.slice(from, from + maxBatchRecords);
        const wakesBefore = wakes;
        const { step: steps, heartbeatError } = await withHeartbeat(heartbeat, heartbeatIntervalMs, () =>
          dispatchBatch(messages.map((m) => toRecord(topic.slice(prefix.length), partition, m))),
        );
        // A rebalance noticed while the handler ran (or a seek by anyone) may have given the
        // partition to another member: committing now could move that member's offset. The
        // records stay uncommitted and come again to whoever owns the partition; the handler's
        // dedupe absorbs what it already applied.
        const revoked =
          heartbeatError ??
          (await heartbeat().then(
            () => undefined,
            (err: unknown) => err,
          ));
        if (revoked !== undefined) throw revoked;
        if (isStale()) break;
        let redeliver: { offset: string; afterMs: number; wakeable: boolean } | undefined;
        for (const [i, step] of steps.entries()) {
          const message = messages[i]!;
          if (step.kind === 'redeliver') {
            // A wake() that raced the handler's decision to hold means "try again now".
            const afterMs = step.wakeable && wakes !== wakesBefore ? 0 : step.afterMs;
            redeliver = { offset: message.offset, afterMs, wakeable: step.wakeable };
            break;
          }
          resolveOffset(message.offset);
          toCommit = (BigInt(message.offset) + 1n).toString();
          if (step.deadLetter !== undefined) deadLetters.push({ offset: message.offset, out: step.deadLetter });
        }
        if (!(await commit())) return;
        if (redeliver !== undefined) {
          hold(topic, partition, redeliver.offset, redeliver.afterMs, redeliver.wakeable);
          return;
        }
      }
      return;
    }
    const dispatchOne = dispatch!;
    try {
      for (const message of batch.messages) {
        if (stopping || !isRunning() || isStale()) break;
        const wakesBefore = wakes;
        const { step, heartbeatError } = await withHeartbeat(heartbeat, heartbeatIntervalMs, () =>
          dispatchOne(toRecord(topic.slice(prefix.length), partition, message)),
        );
        if (step.kind === 'advance') {
          resolveOffset(message.offset);
          toCommit = (BigInt(message.offset) + 1n).toString();
          if (step.deadLetter !== undefined) deadLetters.push({ offset: message.offset, out: step.deadLetter });
          if (++sinceCommit >= commitEvery && !(await commit())) break;
          if (heartbeatError) throw heartbeatError;
          await heartbeat();
          continue;
        }
        // A wake() that raced the handler's decision to hold means "try again now".
        const afterMs = step.wakeable && wakes !== wakesBefore ? 0 : step.afterMs;
        hold(topic, partition, message.offset, afterMs, step.wakeable);
        if (heartbeatError) throw heartbeatError;
        break;
      }
    } finally {
      await commit();
    }
  };

  async function start(): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics.map((t) => prefix + t), fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently ?? 4,
      eachBatch,
    });
  }
  try {
    await start();
  } catch (err) {
    stopping = true;
    await consumer.disconnect().catch(() => undefined);
    throw toBusError(err);
  }

  let closing: Promise<void> | undefined;
  const subscription: Subscription = {
    wake() {
      wakes++;
      for (const [slot, entry] of held) if (entry.wakeable) resume(slot);
    },
    close: () =>
      (closing ??= (async () => {
        stopping = true;
        clearTimeout(reviving);
        for (const entry of held.values()) clearTimeout(entry.timer);
        held.clear();
        try {
          // stop() waits for in-flight batches; each commits what it finished before returning.
          await consumer.stop();
        } finally {
          await consumer
            .disconnect()
            .catch((err: unknown) =>
              logger?.warn({ group: options.groupId, err: toBusError(err).code }, 'kafka consumer disconnect failed'),
            );
          deps.onClosed(subscription);
        }
      })()),
  };
  return subscription;
}

/**
 * Heartbeats while a slow handler runs, so a long record does not cost the partition through a
 * session timeout. A rebalance noticed meanwhile is rethrown after the record is accounted for.
 */
async function withHeartbeat<T>(
  heartbeat: () => Promise<void>,
  intervalMs: number,
  work: () => Promise<T>,
): Promise<{ step: T; heartbeatError: unknown }> {
  let heartbeatError: unknown;
  const timer = setInterval(() => {
    heartbeat().catch((err: unknown) => {
      heartbeatError ??= err;
    });
  }, intervalMs);
  try {
    const step = await work();
    return { step, heartbeatError };
  } finally {
    clearInterval(timer);
  }
}

function toRecord(topic: string, partition: number, message: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null || message.key === undefined ? null : message.key.toString('utf8'),
    value: message.value === null ? '' : message.value.toString('utf8'),
    headers: decodeHeaders(message.headers),
    timestamp: Number(message.timestamp),
  };
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) out[name] = value.toString();
  }
  return out;
}

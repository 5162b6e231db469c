import { EventSchemaBugError, isAppError } from '../errors.js';
import { runWithLogContext } from '../runtime/log-context.js';
import { deadLetterOf, describeFailure, publishDeadLetter } from './dead-letter.js';
import type {
  BatchHandler,
  BatchRecordResult,
  ConsumedRecord,
  EventPublisher,
  HandleResult,
  OutgoingRecord,
  RecordHandler,
} from './event-bus.port.js';

/** What happened to one delivery of a record; `retry` is a transient failure that will be redelivered. */
export type RecordOutcome = 'done' | 'hold' | 'dlq' | 'retry';

export interface RecordMetric {
  topic: string;
  group: string;
  outcome: RecordOutcome;
  durationMs: number;
}

/** Consumer-side hook so services can feed prom-client without the adapters depending on it. */
export interface BusMetrics {
  onRecord(metric: RecordMetric): void;
  /**
   * Records written to a dead-letter topic (`dlq.<group>`), once the bus accepted them, by the
   * reason in `x-error-code`: whoever wrote them (a consumer, the parking sweep) is counted here.
   */
  onDeadLetter?(metric: { topic: string; reason: string; count: number }): void;
}

/** Tells `metrics` about the dead letters among records the bus just accepted. */
export function reportDeadLetters(metrics: BusMetrics | undefined, records: readonly OutgoingRecord[]): void {
  if (metrics?.onDeadLetter === undefined) return;
  const counts = new Map<string, { topic: string; reason: string; count: number }>();
  for (const r of records) {
    if (!r.topic.startsWith('dlq.')) continue;
    const reason = r.headers?.['x-error-code'] ?? 'unknown';
    const slot = `${r.topic}\u0000${reason}`;
    const entry = counts.get(slot) ?? { topic: r.topic, reason, count: 0 };
    entry.count++;
    counts.set(slot, entry);
  }
  for (const c of counts.values()) metrics.onDeadLetter(c);
}

/** The subset of pino the adapters use (object first, message second). */
export interface BusLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What the adapter does with the partition after one delivery. */
export type NextStep =
  /** `deadLetter`: only with `deferDeadLetters`; the caller must publish it before committing past the record. */
  | { kind: 'advance'; deadLetter?: OutgoingRecord }
  | { kind: 'redeliver'; afterMs: number; /** `wake()` may cut the wait short (holds only, not error backoff). */ wakeable: boolean };

interface DispatchCommon {
  groupId: string;
  /** Where dead letters go; the bus itself. */
  publisher: EventPublisher;
  deadLetterAll?: boolean;
  /**
   * Return dead letters with the step instead of publishing each one: the adapter publishes them
   * in one call per commit, so a burst of junk costs one broker round trip, not one per record.
   */
  deferDeadLetters?: boolean;
  maxRetryBackoffMs?: number;
  /** Used when a handler holds without `retryAfterMs`. */
  defaultHoldMs?: number;
  metrics?: BusMetrics;
  logger?: BusLogger;
  random?: () => number;
}

export interface DispatchOptions extends DispatchCommon {
  handler: RecordHandler;
}

export interface BatchDispatchOptions extends DispatchCommon {
  batchHandler: BatchHandler;
}

const FIRST_BACKOFF_MS = 100;

/** The judging both dispatchers share: backoff per partition head, dead letters, metrics. */
function createJudge(opts: DispatchCommon) {
  const maxBackoff = Math.max(FIRST_BACKOFF_MS, opts.maxRetryBackoffMs ?? 30_000);
  const defaultHold = opts.defaultHoldMs ?? 1_000;
  const random = opts.random ?? Math.random;
  // Consecutive failures of the record at the head of each partition; bounded by the partition count.
  const failures = new Map<string, { offset: string; count: number }>();
  const slotOf = (record: ConsumedRecord) => `${record.topic}\u0000${record.partition}`;
  const report = (record: ConsumedRecord, outcome: RecordOutcome, startedAt: number) =>
    opts.metrics?.onRecord({ topic: record.topic, group: opts.groupId, outcome, durationMs: performance.now() - startedAt });

  return {
    result(record: ConsumedRecord, result: HandleResult | undefined, startedAt: number): NextStep {
      if (result?.action === 'hold') {
        report(record, 'hold', startedAt);
        return { kind: 'redeliver', afterMs: Math.max(0, result.retryAfterMs ?? defaultHold), wakeable: true };
      }
      if (result?.action !== 'done') throw new TypeError('handler returned neither done nor hold');
      failures.delete(slotOf(record));
      report(record, 'done', startedAt);
      return { kind: 'advance' };
    },
    /** `transientOnly`: a failure of a whole batch, never dead-lettered (it is not the first record's fault). */
    async failure(record: ConsumedRecord, err: unknown, startedAt: number, transientOnly = false): Promise<NextStep> {
      const slot = slotOf(record);
      const where = { topic: record.topic, partition: record.partition, offset: record.offset, group: opts.groupId };
      // A bug of ours is never dead-lettered, not even by a consumer that dead-letters everything else.
      const deadLetter = (isAppError(err) && err.deadLetter) || (opts.deadLetterAll === true && !(err instanceof EventSchemaBugError));
      if (deadLetter && !transientOnly) {
        if (opts.deferDeadLetters === true) {
          const { code, out } = deadLetterOf(opts.groupId, record, err);
          failures.delete(slot);
          opts.logger?.warn({ ...where, code }, 'record dead-lettered');
          report(record, 'dlq', startedAt);
          return { kind: 'advance', deadLetter: out };
        }
        try {
          const code = await publishDeadLetter(opts.publisher, opts.groupId, record, err);
          failures.delete(slot);
          opts.logger?.warn({ ...where, code }, 'record dead-lettered');
          report(record, 'dlq', startedAt);
          return { kind: 'advance' };
        } catch (publishErr) {
          opts.logger?.error({ ...where, code: describeFailure(publishErr).code }, 'dead-letter publish failed; will retry');
        }
      }
      const prev = failures.get(slot);
      const count = prev?.offset === record.offset ? prev.count + 1 : 1;
      failures.set(slot, { offset: record.offset, count });
      const ceiling = Math.min(maxBackoff, FIRST_BACKOFF_MS * 2 ** Math.min(count - 1, 30));
      // "Equal jitter": at least half the ceiling, so retries of many partitions spread out but never spin.
      const afterMs = Math.round(ceiling / 2 + (random() * ceiling) / 2);
      const failure = { ...where, code: describeFailure(err).code, attempt: count, afterMs };
      if (err instanceof EventSchemaBugError) opts.logger?.error(failure, 'handler built an invalid event (a bug); retrying');
      else opts.logger?.warn(failure, 'handler failed; retrying');
      report(record, 'retry', startedAt);
      return { kind: 'redeliver', afterMs, wakeable: false };
    },
  };
}

/**
 * The adapter-independent part of consuming: run the handler, then decide between advancing
 * (done, or dead-lettered) and redelivering the same record later (hold, or transient failure).
 * Both bus adapters share it so retry/DLQ semantics cannot drift between embedded and stack mode.
 */
export function createRecordDispatcher(opts: DispatchOptions): (record: ConsumedRecord) => Promise<NextStep> {
  const judge = createJudge(opts);
  return async (record) => {
    const startedAt = performance.now();
    try {
      // Each record gets its own log context; the handler adds the tenant and correlation id once parsed.
      const result = await runWithLogContext({}, () => opts.handler(record));
      return judge.result(record, result, startedAt);
    } catch (err) {
      return judge.failure(record, err, startedAt);
    }
  };
}

/**
 * The batch handler's counterpart of createRecordDispatcher (see BatchHandler): the steps of the
 * batch's records in order, up to and including the first that must be delivered again. Every
 * step but a last `redeliver` advances. A thrown handler (or a malformed answer) is one transient
 * failure of the batch, judged on its first record: the whole batch is delivered again.
 */
export function createBatchDispatcher(opts: BatchDispatchOptions): (records: readonly ConsumedRecord[]) => Promise<NextStep[]> {
  const judge = createJudge(opts);
  return async (records) => {
    const startedAt = performance.now();
    if (records.length === 0) return [];
    let results: readonly BatchRecordResult[];
    try {
      results = await runWithLogContext({}, () => opts.batchHandler(records));
      if (!Array.isArray(results) || results.length !== records.length) {
        throw new TypeError('batch handler returned a result count other than its record count');
      }
    } catch (err) {
      return [await judge.failure(records[0]!, err, startedAt, true)];
    }
    const steps: NextStep[] = [];
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const result = results[i];
      let step: NextStep;
      if (result?.action === 'fail') step = await judge.failure(record, result.error, startedAt);
      else {
        try {
          step = judge.result(record, result, startedAt);
        } catch (err) {
          step = await judge.failure(record, err, startedAt, true);
        }
      }
      steps.push(step);
      if (step.kind === 'redeliver') break;
    }
    return steps;
  };
}

import { performance } from 'node:perf_hooks';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { type HandleResult, type KafkaSasl, type OutgoingRecord } from '@medicdraft/platform';

/**
 * The adapter side: the same shapes of load as the Kafka tools, driven through the EventBus port
 * exactly as services use it (createKafkaEventBus with default tuning: acks=all, one request in
 * flight, whole-batch resend on failure; one-record-at-a-time handlers with manual commits).
 */

export interface AdapterRunConfig {
  brokers: string[];
  /** The stack's admin principal (the bench's topics are under no service's ACLs). */
  sasl: KafkaSasl;
  runId: string;
  recordSize: number;
  /** Records per publish() call in the throughput run (the outbox relay's default batch is 100). */
  batch: number;
  /** publish() calls in flight at once in the throughput run (the relay has one). */
  concurrency: number;
  /** A run fails when no record arrives for this long. */
  stallMs: number;
  log: (line: string) => void;
}

export interface ThroughputResult {
  records: number;
  seconds: number;
  recordsPerSec: number;
  mbPerSec: number;
}

export interface ConsumeResult extends ThroughputResult {
  /** Subscribe → first record: group join and first fetch. */
  firstRecordMs: number;
  /** Including the group join, like ConsumerPerformance's nMsg.sec. */
  recordsPerSecWithJoin: number;
}

export interface LatencySamples {
  /** publish() start → handler invoked, one record in flight (EndToEndLatency's loop). */
  endToEndMs: number[];
  /** publish() start → publish() resolved (acks=all). */
  publishAckMs: number[];
}

const DONE: HandleResult = { action: 'done' };
const MB = 1024 * 1024;
const PROGRESS_EVERY_MS = 2_000;

/** An event-shaped JSON value padded to exactly `size` bytes (ASCII). */
export function eventValue(runId: string, seq: number, size: number): string {
  const base = JSON.stringify({
    id: `${runId}-${seq}`,
    type: 'bench.bus.v1',
    tenantId: `tenant-${seq % 8}`,
    occurredAt: new Date().toISOString(),
    seq,
    pad: '',
  });
  return base.replace('"pad":""', `"pad":"${'x'.repeat(Math.max(0, size - base.length))}"`);
}

const eventRecord = (topic: string, runId: string, seq: number, size: number): OutgoingRecord => ({
  topic,
  key: `tenant-${seq % 8}:session-${seq % 1000}`,
  value: eventValue(runId, seq, size),
  headers: { 'x-bench-run': runId },
});

function throughput(records: number, ms: number, recordSize: number): ThroughputResult {
  const seconds = ms / 1000;
  return { records, seconds, recordsPerSec: records / seconds, mbPerSec: (records * recordSize) / MB / seconds };
}

function progress(label: string, total: number, count: () => number, log: (line: string) => void, since: number) {
  return setInterval(() => {
    const n = count();
    log(`  [${label}] ${n}/${total} records, ${Math.round(n / ((performance.now() - since) / 1000))} rec/s so far`);
  }, PROGRESS_EVERY_MS);
}

/** Resolves when `isDone()`; rejects when `count()` stops moving for `stallMs`. */
function untilDone(isDone: Promise<void>, count: () => number, stallMs: number, what: string): Promise<void> {
  let last = -1;
  let lastMoved = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const n = count();
      if (n !== last) {
        last = n;
        lastMoved = performance.now();
        return;
      }
      if (performance.now() - lastMoved > stallMs) reject(new Error(`${what}: no progress for ${stallMs} ms (at ${n} records)`));
    }, 250);
  });
  return Promise.race([isDone, stalled]).finally(() => clearInterval(timer));
}

export async function runAdapterPublish(cfg: AdapterRunConfig, topic: string, total: number): Promise<ThroughputResult> {
  const records = Array.from({ length: total }, (_, i) => eventRecord(topic, cfg.runId, i, cfg.recordSize));
  const bus = createKafkaEventBus({ brokers: cfg.brokers, sasl: cfg.sasl, clientId: `bench-bus-publish-${cfg.runId}` });
  let next = 0;
  let acked = 0;
  const worker = async () => {
    while (next < total) {
      const from = next;
      next += cfg.batch;
      const slice = records.slice(from, next);
      await bus.publish(slice);
      acked += slice.length;
    }
  };
  // Timed from the first publish(), so the producer's connect and metadata fetch count, as in ProducerPerformance.
  const start = performance.now();
  const timer = progress('adapter publish', total, () => acked, cfg.log, start);
  try {
    await Promise.all(Array.from({ length: cfg.concurrency }, worker));
    return throughput(total, performance.now() - start, cfg.recordSize);
  } finally {
    clearInterval(timer);
    await bus.close();
  }
}

export async function runAdapterConsume(cfg: AdapterRunConfig, topic: string, groupId: string, total: number): Promise<ConsumeResult> {
  const bus = createKafkaEventBus({ brokers: cfg.brokers, sasl: cfg.sasl, clientId: `bench-bus-consume-${cfg.runId}` });
  let count = 0;
  let firstAt: number | undefined;
  let lastAt = 0;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const start = performance.now();
  const timer = progress('adapter consume', total, () => count, cfg.log, start);
  try {
    const subscription = await bus.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: async () => {
        const now = performance.now();
        firstAt ??= now;
        if (++count === total) {
          lastAt = now;
          finish();
        }
        return DONE;
      },
    });
    try {
      await untilDone(finished, () => count, cfg.stallMs, 'adapter consume');
    } finally {
      await subscription.close();
    }
  } finally {
    clearInterval(timer);
    await bus.close();
  }
  const first = firstAt ?? start;
  // First → last record excludes the group join, like ConsumerPerformance's fetch.nMsg.sec.
  return {
    ...throughput(total, lastAt - first, cfg.recordSize),
    firstRecordMs: first - start,
    recordsPerSecWithJoin: total / ((lastAt - start) / 1000),
  };
}

/**
 * One record in flight, as EndToEndLatency does: publish, await the ack, wait until the
 * subscriber's handler sees it, then the next. Warm-up records (not measured) first wait out the
 * group join and the first fetches.
 */
export async function runAdapterEndToEnd(
  cfg: AdapterRunConfig,
  topic: string,
  groupId: string,
  total: number,
  warmup: number,
): Promise<LatencySamples> {
  const bus = createKafkaEventBus({ brokers: cfg.brokers, sasl: cfg.sasl, clientId: `bench-bus-e2e-${cfg.runId}` });
  const waiting = new Map<string, (at: number) => void>();
  const samples: LatencySamples = { endToEndMs: [], publishAckMs: [] };
  const timer = progress('adapter e2e', total, () => samples.endToEndMs.length, cfg.log, performance.now());
  try {
    const subscription = await bus.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: async (record) => {
        const at = performance.now();
        waiting.get(record.headers['x-bench-seq'] ?? '')?.(at);
        return DONE;
      },
    });
    try {
      for (let seq = -warmup; seq < total; seq++) {
        const id = String(seq);
        // Registered before publishing: the fetch may return before the ack does.
        const received = new Promise<number>((resolve, reject) => {
          const limit = setTimeout(
            () => reject(new Error(`adapter e2e: record ${seq} not received within ${cfg.stallMs} ms`)),
            cfg.stallMs,
          );
          waiting.set(id, (at) => {
            clearTimeout(limit);
            resolve(at);
          });
        });
        const record = eventRecord(topic, cfg.runId, seq, cfg.recordSize);
        record.headers = { ...record.headers, 'x-bench-seq': id };
        const start = performance.now();
        await bus.publish([record]);
        const acked = performance.now();
        const at = await received;
        waiting.delete(id);
        if (seq < 0) continue;
        samples.publishAckMs.push(acked - start);
        samples.endToEndMs.push(at - start);
      }
    } finally {
      await subscription.close();
    }
  } finally {
    clearInterval(timer);
    await bus.close();
  }
  return samples;
}

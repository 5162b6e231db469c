import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventBus } from '../bus/event-bus.port.js';
import type { BusMetrics } from '../bus/record-dispatch.js';

/** Prometheus metrics for one service (or the whole embedded process). Labels never hold PHI. */
export interface ServiceMetrics {
  registry: Registry;
  busRecords: Counter<'topic' | 'group' | 'outcome'>;
  busHandleSeconds: Histogram<'topic' | 'group'>;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  deadLetters: Counter<'topic' | 'reason'>;
}

export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    busRecords: new Counter({
      name: 'medicdraft_bus_records_total',
      help: 'Records handled by consumers, by outcome (done, hold, dlq, retry).',
      labelNames: ['topic', 'group', 'outcome'],
      registers: [registry],
    }),
    busHandleSeconds: new Histogram({
      name: 'medicdraft_bus_handle_seconds',
      help: 'Handler time per consumed record.',
      labelNames: ['topic', 'group'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'medicdraft_http_requests_total',
      help: 'HTTP requests by route template, method and status.',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'medicdraft_dlq_records_total',
      help: 'Records this process wrote to a dead-letter topic (dlq.<group>), by topic and reason (x-error-code).',
      labelNames: ['topic', 'reason'],
      registers: [registry],
    }),
  };
}

/** The bus's hooks (records handled, dead letters written) feeding these metrics. */
export function busMetrics(metrics: ServiceMetrics): BusMetrics {
  return {
    onRecord: busMetricsHook(metrics),
    onDeadLetter: (e) => metrics.deadLetters.inc({ topic: e.topic, reason: e.reason }, e.count),
  };
}

/**
 * `medicdraft_consumer_lag_records{group,topic}` and `medicdraft_dlq_depth_records{topic}`: asked of the bus at scrape time (committed
 * offsets against the log's end), bounded by `timeoutMs`. When the bus does not answer in time
 * the series are absent for that scrape (a gap on the dashboard; `/readyz` names the bus when
 * it is down), rather than a stale number that looks healthy.
 */
export function consumerLagMetrics(
  metrics: ServiceMetrics,
  bus: Pick<EventBus, 'consumerLag' | 'deadLetterDepth'>,
  timeoutMs = 2_000,
): void {
  new Gauge({
    name: 'medicdraft_consumer_lag_records',
    help: 'Records a consumer group of this process is behind on a topic (log end minus committed offset), read at scrape time.',
    labelNames: ['group', 'topic'],
    registers: [metrics.registry],
    async collect() {
      this.reset();
      const lags = await withTimeout(bus.consumerLag(), timeoutMs).catch(() => []);
      for (const l of lags) this.set({ group: l.group, topic: l.topic }, l.lag);
    },
  });
  new Gauge({
    name: 'medicdraft_dlq_depth_records',
    help: 'Dead letters retained in each DLQ topic of this process (falls with retention, not with a redrive), read at scrape time.',
    labelNames: ['topic'],
    registers: [metrics.registry],
    async collect() {
      this.reset();
      const depths = await withTimeout(bus.deadLetterDepth(), timeoutMs).catch(() => []);
      for (const d of depths) this.set({ topic: d.topic }, d.records);
    },
  });
}

/** Rejects once `ms` passed; the slow promise is left to settle on its own. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Adapter from the bus's `onRecord` hook to these metrics. */
export function busMetricsHook(metrics: ServiceMetrics) {
  return (e: { topic: string; group: string; outcome: string; durationMs: number }): void => {
    metrics.busRecords.inc({ topic: e.topic, group: e.group, outcome: e.outcome });
    metrics.busHandleSeconds.observe({ topic: e.topic, group: e.group }, e.durationMs / 1000);
  };
}

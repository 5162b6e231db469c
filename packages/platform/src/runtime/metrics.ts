import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for one service (or the whole embedded process). Labels never hold PHI. */
export interface ServiceMetrics {
  registry: Registry;
  busRecords: Counter<'topic' | 'group' | 'outcome'>;
  busHandleSeconds: Histogram<'topic' | 'group'>;
  httpRequests: Counter<'route' | 'method' | 'status'>;
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
  };
}

/** Adapter from the bus's `onRecord` hook to these metrics. */
export function busMetricsHook(metrics: ServiceMetrics) {
  return (e: { topic: string; group: string; outcome: string; durationMs: number }): void => {
    metrics.busRecords.inc({ topic: e.topic, group: e.group, outcome: e.outcome });
    metrics.busHandleSeconds.observe({ topic: e.topic, group: e.group }, e.durationMs / 1000);
  };
}

import { Histogram } from 'prom-client';
import type { ServiceMetrics } from '@medicdraft/platform';
import type { AuditRecord } from './audit-record.js';
import type { AppendedLink } from './audit-store.js';

/**
 * `medicdraft_audit_append_lag_seconds`: from an event's `occurredAt` to its commit in the tenant's
 * chain, for events this instance appended (a redelivered event already chained is not counted
 * again). With `medicdraft_consumer_lag_records{group="audit"}` it tells a slow audit apart from a
 * late one: records waiting on the topics, or appends that take long once read.
 */
export function createAuditMetrics(metrics: ServiceMetrics, now: () => number = Date.now) {
  const lag = new Histogram({
    name: 'medicdraft_audit_append_lag_seconds',
    help: "Seconds from an event's creation (occurredAt) to its durable append to the audit chain.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [metrics.registry],
  });
  return {
    onAppended(links: readonly AppendedLink[], records: readonly AuditRecord[]): void {
      if (links.length === 0) return;
      const appended = new Set(links.map((l) => l.eventId));
      const at = now();
      for (const r of records) {
        const created = Date.parse(r.occurredAt);
        if (appended.has(r.eventId) && Number.isFinite(created)) lag.observe(Math.max(0, (at - created) / 1000));
      }
    },
  };
}

import { createMetrics } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { createAuditMetrics } from './audit-metrics.js';
import type { AuditRecord } from './audit-record.js';

describe('audit metrics', () => {
  it('observes the seconds from occurredAt to the append, for newly chained events only', async () => {
    const metrics = createMetrics('audit');
    const now = Date.parse('2026-12-01T10:00:03Z');
    const audit = createAuditMetrics(metrics, () => now);
    const record = (eventId: string, occurredAt: string) => ({ eventId, occurredAt }) as AuditRecord;
    const series = async () => {
      const m = (await metrics.registry.getMetricsAsJSON()).find((x) => x.name === 'medicdraft_audit_append_lag_seconds');
      return {
        count: m?.values.find((v) => (v as { metricName?: string }).metricName === 'medicdraft_audit_append_lag_seconds_count')?.value,
        sum: m?.values.find((v) => (v as { metricName?: string }).metricName === 'medicdraft_audit_append_lag_seconds_sum')?.value,
      };
    };
    expect(await series()).toEqual({ count: 0, sum: 0 });
    audit.onAppended(
      [{ eventId: 'e1', seq: 1, hash: 'h1' }],
      // e2 was already in the chain (a redelivery): not appended now, not counted.
      [record('e1', '2026-12-01T10:00:01Z'), record('e2', '2026-12-01T09:00:00Z')],
    );
    expect(await series()).toEqual({ count: 1, sum: 2 });
  });
});

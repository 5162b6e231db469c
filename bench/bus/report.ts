import type { ConsumeResult, LatencySamples, ThroughputResult } from './adapter-runs.js';
import type { ConsumerPerfResult, EndToEndResult, ProducerPerfResult } from './kafka-tools.js';

export interface LatencySummary {
  samples: number;
  avgMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface RoundResult {
  round: number;
  /** Which side of each pair ran first; alternates between rounds so drift on a noisy box cancels out. */
  order: 'ceiling-first' | 'adapter-first';
  ceiling: { producer: ProducerPerfResult; consumer: ConsumerPerfResult; endToEnd: EndToEndResult };
  adapter: { publish: ThroughputResult; consume: ConsumeResult; endToEnd: LatencySummary; publishAck: LatencySummary };
}

export interface SummaryRow {
  measure: string;
  adapter: number;
  ceiling: number | null;
  ratio: number | null;
  unit: 'rec/s' | 'ms' | 'MB/s';
}

/** Same rank rule as EndToEndLatency (sorted[floor(n·p)]), so the percentiles line up. */
export function summarizeLatency(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
  return {
    samples: sorted.length,
    avgMs: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    p999Ms: at(0.999),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function summarizeSamples(samples: LatencySamples) {
  return { endToEnd: summarizeLatency(samples.endToEndMs), publishAck: summarizeLatency(samples.publishAckMs) };
}

const ratio = (adapter: number, ceiling: number) => (ceiling > 0 ? adapter / ceiling : null);

/**
 * The table of the report. Every ratio is adapter/ceiling: for throughput 1 means as fast as
 * Kafka's own Java client and below 1 slower; for latency above 1 means slower.
 * EndToEndLatency truncates every sample to whole ms before taking percentiles, so its p50/p99
 * rows compare against the adapter's percentile truncated the same way (exact values in the
 * adapter-only rows); the avg row is exact on both sides.
 */
const ROWS: { measure: string; unit: SummaryRow['unit']; adapter: (r: RoundResult) => number; ceiling?: (r: RoundResult) => number }[] = [
  {
    measure: 'Publish throughput',
    unit: 'rec/s',
    adapter: (r) => r.adapter.publish.recordsPerSec,
    ceiling: (r) => r.ceiling.producer.recordsPerSec,
  },
  { measure: 'Publish throughput', unit: 'MB/s', adapter: (r) => r.adapter.publish.mbPerSec, ceiling: (r) => r.ceiling.producer.mbPerSec },
  {
    measure: 'Consume throughput (first→last record)',
    unit: 'rec/s',
    adapter: (r) => r.adapter.consume.recordsPerSec,
    ceiling: (r) => r.ceiling.consumer.fetchRecordsPerSec,
  },
  {
    measure: 'Consume throughput (incl. group join)',
    unit: 'rec/s',
    adapter: (r) => r.adapter.consume.recordsPerSecWithJoin,
    ceiling: (r) => r.ceiling.consumer.recordsPerSec,
  },
  { measure: 'End-to-end latency avg', unit: 'ms', adapter: (r) => r.adapter.endToEnd.avgMs, ceiling: (r) => r.ceiling.endToEnd.avgMs },
  {
    measure: 'End-to-end latency p50 (whole ms, as the tool reports)',
    unit: 'ms',
    adapter: (r) => Math.floor(r.adapter.endToEnd.p50Ms),
    ceiling: (r) => r.ceiling.endToEnd.p50Ms,
  },
  {
    measure: 'End-to-end latency p99 (whole ms, as the tool reports)',
    unit: 'ms',
    adapter: (r) => Math.floor(r.adapter.endToEnd.p99Ms),
    ceiling: (r) => r.ceiling.endToEnd.p99Ms,
  },
  { measure: 'End-to-end latency p50, exact (adapter only)', unit: 'ms', adapter: (r) => r.adapter.endToEnd.p50Ms },
  { measure: 'End-to-end latency p99, exact (adapter only)', unit: 'ms', adapter: (r) => r.adapter.endToEnd.p99Ms },
  { measure: 'Publish ack latency p50 (1 record, acks=all)', unit: 'ms', adapter: (r) => r.adapter.publishAck.p50Ms },
  { measure: 'Publish ack latency p99 (1 record, acks=all)', unit: 'ms', adapter: (r) => r.adapter.publishAck.p99Ms },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Medians over rounds; a ratio is the median of the per-round ratios (each pair ran back to back). */
export function summaryRows(rounds: readonly RoundResult[]): SummaryRow[] {
  return ROWS.map((row) => {
    const ceiling = row.ceiling;
    const ratios = ceiling ? rounds.map((r) => ratio(row.adapter(r), ceiling(r))) : [];
    const known = ratios.filter((v): v is number => v !== null);
    return {
      measure: row.measure,
      unit: row.unit,
      adapter: median(rounds.map(row.adapter)),
      ceiling: ceiling ? median(rounds.map(ceiling)) : null,
      ratio: known.length > 0 && known.length === ratios.length ? median(known) : null,
    };
  });
}

const num = (v: number, digits: number) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fmt = (v: number | null, unit: SummaryRow['unit']) =>
  v === null || Number.isNaN(v) ? '—' : unit === 'rec/s' || Number.isInteger(v) ? num(v, 0) : num(v, unit === 'ms' && v >= 100 ? 0 : 2);

export function markdownTable(rows: readonly SummaryRow[]): string {
  const lines = [
    '| Measure | Unit | Adapter (kafkajs via EventBus) | Ceiling (Kafka tools) | Ratio adapter/ceiling |',
    '|---|---|--:|--:|--:|',
  ];
  for (const r of rows) {
    const ratio = r.ratio === null ? '—' : num(r.ratio, 2);
    lines.push(`| ${r.measure} | ${r.unit} | ${fmt(r.adapter, r.unit)} | ${fmt(r.ceiling, r.unit)} | ${ratio} |`);
  }
  return lines.join('\n');
}

/** One autocannon run reduced to what the report compares. */
export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface RoundResult {
  round: number;
  order: 'gateway-first' | 'bare-first';
  gateway: LoadResult;
  bare: LoadResult;
}

export interface SummaryRow {
  measure: string;
  unit: 'req/s' | 'ms';
  gateway: number;
  bare: number;
  ratio: number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Medians over rounds, and the median of the per-round ratios gateway/bare (throughput: below 1
 * means the gateway serves fewer requests than the bare route; latency: above 1 means slower).
 * A round with any non-2xx answer or socket error is a broken measurement, not a slow one.
 */
export function summarize(rounds: readonly RoundResult[]): SummaryRow[] {
  for (const r of rounds) {
    for (const side of ['gateway', 'bare'] as const) {
      const x = r[side];
      if (x.non2xx > 0 || x.errors > 0) throw new Error(`round ${r.round}: ${side} had ${x.non2xx} non-2xx answers and ${x.errors} errors`);
    }
  }
  const row = (measure: string, unit: SummaryRow['unit'], pick: (x: LoadResult) => number): SummaryRow => ({
    measure,
    unit,
    gateway: median(rounds.map((r) => pick(r.gateway))),
    bare: median(rounds.map((r) => pick(r.bare))),
    ratio: median(rounds.map((r) => pick(r.gateway) / pick(r.bare))),
  });
  return [
    row('Throughput', 'req/s', (x) => x.requestsPerSec),
    row('Latency p50', 'ms', (x) => x.p50Ms),
    row('Latency p99', 'ms', (x) => x.p99Ms),
  ];
}

const fmt = (v: number, unit: SummaryRow['unit']) => (unit === 'req/s' ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));

export function markdownTable(rows: readonly SummaryRow[], target: string): string {
  const lines = [`| Measure | Unit | Gateway (${target}) | Bare fastify route | Ratio gateway/bare |`, '|---|---|--:|--:|--:|'];
  for (const r of rows)
    lines.push(
      `| ${r.measure} | ${r.unit} | ${fmt(r.gateway, r.unit)} | ${fmt(r.bare, r.unit)} ` +
        `| ${r.ratio < 0.1 ? r.ratio.toPrecision(2) : r.ratio.toFixed(2)} |`,
    );
  return lines.join('\n');
}

import { EDIT_DISTANCE_BUCKETS, type EditDistanceReport, type EditDistanceStats } from '@medicdraft/contracts';
import type { CopyDistanceRow } from './copy-distance.repository.js';

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** Nearest-rank percentile of sorted values: an observed distance, never an interpolated one. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}

/** Count, mean, p50, p90 and the per-bucket counts of some distances. */
export function distanceStats(values: readonly number[]): EditDistanceStats {
  const sorted = [...values].sort((a, b) => a - b);
  const histogram = EDIT_DISTANCE_BUCKETS.map((le) => ({ le, count: 0 }));
  for (const v of sorted) {
    const bucket = histogram.find((b) => v <= b.le);
    if (bucket !== undefined) bucket.count += 1;
  }
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? null : round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    histogram,
  };
}

function grouped<K>(rows: readonly CopyDistanceRow[], keyOf: (r: CopyDistanceRow) => K): { key: K; stats: EditDistanceStats }[] {
  const groups = new Map<string, { key: K; values: number[] }>();
  for (const r of rows) {
    const key = keyOf(r);
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, values: [] };
    g.values.push(r.distance);
    groups.set(id, g);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => ({ key: g.key, stats: distanceStats(g.values) }));
}

/** The report of the narratives copied since `since` (one row each), overall and by each grouping. */
export function editDistanceReport(rows: readonly CopyDistanceRow[], since: string): EditDistanceReport {
  return {
    since,
    overall: distanceStats(rows.map((r) => r.distance)),
    byTemplate: grouped(rows, (r) => ({ template: r.template, templateVersion: r.templateVersion })).map((g) => ({
      ...g.key,
      ...g.stats,
    })),
    byDrafter: grouped(rows, (r) => ({
      engine: r.engine,
      engineVersion: r.engineVersion,
      drafter: r.drafter,
      promptVersion: r.promptVersion,
    })).map((g) => ({ ...g.key, ...g.stats })),
    byProvider: grouped(rows, (r) => ({ providerId: r.providerId })).map((g) => ({ ...g.key, ...g.stats })),
  };
}

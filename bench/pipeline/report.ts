/** Pure report logic of the pipeline bench (unit-tested in test/pipeline-report.unit.test.ts). */

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles (sorted[ceil(n·p) − 1]); empty input gives NaN so it cannot pass a check. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { n: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]!;
  return {
    n: sorted.length,
    p50: rank(0.5),
    p99: rank(0.99),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

export interface ScalingRound {
  workers: number;
  jobs: number;
  quota: number;
  jobMs: number;
  elapsedMs: number;
  maxActive: number;
  /** Sum of the jobs' own durations as the emulator logged them (created → completed). */
  busyMs: number;
}

/** Throughput of a scaling round against the quota's ceiling (quota / job time). */
export function scalingSummary(r: ScalingRound) {
  const perSecond = r.jobs / (r.elapsedMs / 1000);
  const ceiling = r.quota / (r.jobMs / 1000);
  // Utilisation: the share of the quota's slot-time that held a running job. Unlike `ratio`, it
  // does not count the emulator's own time (media reads, output writes on moto) against the scribe.
  return { ...r, perSecond, ceiling, ratio: perSecond / ceiling, utilisation: r.busyMs / (r.quota * r.elapsedMs) };
}

/**
 * Where a scaling round's slot-time went that no job used, from the emulator's own job log (ms
 * since the epoch): `leadInMs` from publishing the dictations to the first job's start, `handoffMs`
 * from a job's completion to the start of the job that took its slot (the n-th completion frees
 * the slot the (quota+n)-th start takes), `tailMs` from the last completion to the last
 * `healthscribe.output.received`.
 */
export function slotGaps(
  publishedAt: number,
  jobs: readonly { createdAt: number; completedAt: number }[],
  quota: number,
  lastOutputAt: number,
): { leadInMs: number; handoffMs: ReturnType<typeof percentiles>; tailMs: number } {
  const starts = jobs.map((j) => j.createdAt).sort((a, b) => a - b);
  const ends = jobs.map((j) => j.completedAt).sort((a, b) => a - b);
  const handoffs = starts.slice(quota).map((start, n) => start - (ends[n] as number));
  return {
    leadInMs: (starts[0] ?? publishedAt) - publishedAt,
    handoffMs: percentiles(handoffs),
    tailMs: lastOutputAt - (ends.at(-1) ?? lastOutputAt),
  };
}

/**
 * The hops one audio dictation cannot avoid on its way to a narrative: the upload's PUT, the
 * HealthScribe job itself, scribe reading the job's outputs (one GET: the two are read in
 * parallel), narrative reading them again (one GET) and storing the narrative (one PUT), and three
 * Kafka hops (audio created → scribe, output received → narrative, narrative generated → the
 * reader). Not counted: Postgres transactions, the audit publishes that must be durable before an
 * action, scribe's copy of the outputs, the status-poll wait — what the pipeline chooses to spend.
 */
export const UNAVOIDABLE_HOPS = { put: 2, get: 2, kafka: 3 } as const;

/** The floor at p50 and at p99: each hop's percentile times its count, plus the job's (the p99 sum is an upper bound). */
export function overheadFloor(h: { jobMs: Percentiles; putMs: Percentiles; getMs: Percentiles; kafkaHopMs: Percentiles }): {
  p50: number;
  p99: number;
} {
  const at = (p: 'p50' | 'p99') =>
    h.jobMs[p] + UNAVOIDABLE_HOPS.put * h.putMs[p] + UNAVOIDABLE_HOPS.get * h.getMs[p] + UNAVOIDABLE_HOPS.kafka * h.kafkaHopMs[p];
  return { p50: at('p50'), p99: at('p99') };
}

export function markdownRows(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v);
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join(
    '\n',
  );
}

/** Pure report logic of bench:audit (unit-tested in test/audit-report.unit.test.ts). */

export interface Throughput {
  events: number;
  seconds: number;
  perSec: number;
  /** CPU per event (µs) of the bench process and of the database's Postgres backends (cpu-meter.ts), where measured. */
  cpu?: { nodeUs: number; pgUs: number | undefined };
}

export interface LatencySummary {
  samples: number;
  avgMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface AppendRound {
  round: number;
  /** Hash chain through the service's batcher (+ checkpointer), as the consumer drives it. */
  append: Throughput;
  /** `COPY … FROM STDIN` of the very rows the append produced, into a plain table with the same columns and indexes. */
  copy: Throughput;
  /** canonical JSON + SHA-256 chaining alone, in this process (no database). */
  hashOnly: Throughput;
}

/**
 * One round of the CLI reads, each next to its ceiling (back to back): Postgres streaming the same
 * statement with `COPY … TO STDOUT` into /dev/null, and the same rows as stored (`SELECT *`).
 */
export interface CliRound {
  round: number;
  verify: Throughput;
  replay: Throughput;
  /** COPY of verify's own statement (same rows and columns, the jsonb = text comparison included). */
  verifyCeiling: Throughput;
  /** COPY of replay's own statement. */
  replayCeiling: Throughput;
  /** COPY of every stored column of the same rows, in chain order. */
  storedCeiling: Throughput;
}

export interface AuditBenchResult {
  rounds: AppendRound[];
  cli: CliRound[];
  /**
   * Absent with --skip-service. `appendCeiling`: the same events through the direct append path just
   * before and just after the ingest.
   */
  ingest?: Throughput & { consumerConcurrency: number; partitions: number; appendCeiling?: readonly Throughput[] };
  latency?: LatencySummary;
}

export interface SummaryRow {
  measure: string;
  unit: 'events/s' | 'ms' | 'ratio' | 'µs/event';
  value: number;
  /** The target (see `TARGETS`) and whether it is met ("≥ 20,000", true). */
  target?: { text: string; met: boolean };
}

export function throughput(events: number, ms: number, cpu?: { nodeMs: number; pgMs: number | undefined }): Throughput {
  const seconds = ms / 1000;
  const t: Throughput = { events, seconds, perSec: seconds > 0 ? events / seconds : Number.NaN };
  if (cpu && events > 0)
    t.cpu = { nodeUs: (cpu.nodeMs * 1000) / events, pgUs: cpu.pgMs === undefined ? undefined : (cpu.pgMs * 1000) / events };
  return t;
}

/** node + Postgres CPU per event, NaN when either was not measured. */
export function cpuPerEvent(t: Throughput): number {
  return t.cpu?.pgUs === undefined ? Number.NaN : t.cpu.nodeUs + t.cpu.pgUs;
}

/** Rank rule sorted[floor(n·p)] (as bench/bus and Kafka's EndToEndLatency). */
export function summarizeLatency(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
  return {
    samples: sorted.length,
    avgMs: sorted.length > 0 ? sorted.reduce((s, v) => s + v, 0) / sorted.length : Number.NaN,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0
    ? Number.NaN
    : sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Audit targets: append and verify fast enough to keep up with the pipeline, and an action signed
 * into a checkpoint within 2 s (p99).
 */
export const TARGETS = {
  appendPerSec: 20_000,
  /** The chained append against a raw COPY of the same rows, same run. */
  appendCopyRatio: 0.7,
  /** The service consuming from Kafka against its own append path on the same events, right before and after it. */
  ingestAppendRatio: 0.8,
  verifyPerSec: 300_000,
  checkpointP99Ms: 2_000,
  /** verify against a COPY of its own statement, same round. */
  verifyRatio: 0.5,
  /** replay against a COPY of its own statement, same round. */
  replayRatio: 0.8,
} as const;

const atLeast = (value: number, min: number) => ({ text: `≥ ${min.toLocaleString('en-US')}`, met: value >= min });

/** The report table: medians over append rounds (the ratio is the median of per-round ratios, each pair back to back). */
export function summaryRows(r: AuditBenchResult): SummaryRow[] {
  const append = median(r.rounds.map((x) => x.append.perSec));
  const appendCopy = median(r.rounds.map((x) => x.append.perSec / x.copy.perSec));
  return [
    {
      measure: 'Append with hash chain (batcher → Postgres, checkpoints on)',
      unit: 'events/s',
      value: append,
      target: atLeast(append, TARGETS.appendPerSec),
    },
    {
      measure: 'Raw COPY of the same rows into a plain table (same columns and indexes)',
      unit: 'events/s',
      value: median(r.rounds.map((x) => x.copy.perSec)),
    },
    {
      measure: 'Ratio append / COPY',
      unit: 'ratio',
      value: appendCopy,
      target: atLeast(appendCopy, TARGETS.appendCopyRatio),
    },
    {
      measure: 'Hashing alone (canonical JSON + SHA-256 chain, no I/O)',
      unit: 'events/s',
      value: median(r.rounds.map((x) => x.hashOnly.perSec)),
    },
    {
      measure: 'CPU per event, append (bench process + Postgres backends)',
      unit: 'µs/event',
      value: median(r.rounds.map((x) => cpuPerEvent(x.append))),
    },
    {
      measure: 'CPU per event, raw COPY (bench process + Postgres backends)',
      unit: 'µs/event',
      value: median(r.rounds.map((x) => cpuPerEvent(x.copy))),
    },
    {
      measure: 'Ratio append / COPY by CPU (COPY µs ÷ append µs; load-independent)',
      unit: 'ratio',
      value: median(r.rounds.map((x) => cpuPerEvent(x.copy) / cpuPerEvent(x.append))),
    },
    ...(r.ingest ? ingestRows(r.ingest) : []),
    ...cliRows(r.cli),
    ...(r.latency
      ? [
          { measure: 'Action → signed checkpoint on `audit.checkpoint`, p50', unit: 'ms' as const, value: r.latency.p50Ms },
          {
            measure: 'Action → signed checkpoint on `audit.checkpoint`, p99',
            unit: 'ms' as const,
            value: r.latency.p99Ms,
            target: { text: `≤ ${TARGETS.checkpointP99Ms.toLocaleString('en-US')}`, met: r.latency.p99Ms <= TARGETS.checkpointP99Ms },
          },
        ]
      : []),
  ];
}

/** The service ingest, and next to it the direct append of the same events (mean of the runs before and after). */
function ingestRows(ingest: NonNullable<AuditBenchResult['ingest']>): SummaryRow[] {
  const ceilings = ingest.appendCeiling ?? [];
  const ceiling = ceilings.length === 0 ? undefined : ceilings.reduce((n, t) => n + t.perSec, 0) / ceilings.length;
  return [
    {
      measure: `Service ingest from Kafka (consumer concurrency ${ingest.consumerConcurrency}, ${ingest.partitions} partitions/topic)`,
      unit: 'events/s',
      value: ingest.perSec,
      target: atLeast(ingest.perSec, TARGETS.appendPerSec),
    },
    ...(ceiling === undefined
      ? []
      : [
          {
            measure: 'Direct append of the ingested events (mean of the runs right before and after the ingest)',
            unit: 'events/s' as const,
            value: ceiling,
          },
          {
            measure: 'Ratio service ingest / direct append of the same events',
            unit: 'ratio' as const,
            value: ingest.perSec / ceiling,
            target: atLeast(ingest.perSec / ceiling, TARGETS.ingestAppendRatio),
          },
        ]),
  ];
}

/** verify and replay, their ceilings and ratios: medians over CLI rounds, ratios the median of per-round ratios. */
function cliRows(cli: readonly CliRound[]): SummaryRow[] {
  const med = (f: (x: CliRound) => number) => median(cli.map(f));
  const verify = med((x) => x.verify.perSec);
  const replay = med((x) => x.replay.perSec);
  const verifyRatio = med((x) => x.verify.perSec / x.verifyCeiling.perSec);
  const replayRatio = med((x) => x.replay.perSec / x.replayCeiling.perSec);
  const atLeastRatio = (value: number, min: number) => ({ text: `≥ ${min.toFixed(1)}`, met: value >= min });
  return [
    {
      measure: '`verify` (CLI code: chain, columns, checkpoints, signatures)',
      unit: 'events/s',
      value: verify,
      target: atLeast(verify, TARGETS.verifyPerSec),
    },
    { measure: "Ceiling: COPY of verify's statement TO STDOUT → /dev/null", unit: 'events/s', value: med((x) => x.verifyCeiling.perSec) },
    {
      measure: 'Ratio verify / its COPY ceiling',
      unit: 'ratio',
      value: verifyRatio,
      target: atLeastRatio(verifyRatio, TARGETS.verifyRatio),
    },
    {
      measure: '`replay --source postgres` (CLI code: read, dedupe, order, Merkle root)',
      unit: 'events/s',
      value: replay,
      target: atLeast(replay, TARGETS.verifyPerSec),
    },
    { measure: "Ceiling: COPY of replay's statement TO STDOUT → /dev/null", unit: 'events/s', value: med((x) => x.replayCeiling.perSec) },
    {
      measure: 'Ratio replay / its COPY ceiling',
      unit: 'ratio',
      value: replayRatio,
      target: atLeastRatio(replayRatio, TARGETS.replayRatio),
    },
    {
      measure: 'Rows as stored: COPY (SELECT * … ORDER BY seq) TO STDOUT → /dev/null',
      unit: 'events/s',
      value: med((x) => x.storedCeiling.perSec),
    },
    { measure: 'Ratio verify / rows as stored', unit: 'ratio', value: med((x) => x.verify.perSec / x.storedCeiling.perSec) },
    { measure: 'Ratio replay / rows as stored', unit: 'ratio', value: med((x) => x.replay.perSec / x.storedCeiling.perSec) },
    { measure: 'CPU per event, `verify` (bench process + Postgres backends)', unit: 'µs/event', value: med((x) => cpuPerEvent(x.verify)) },
    { measure: "CPU per event, verify's COPY ceiling", unit: 'µs/event', value: med((x) => cpuPerEvent(x.verifyCeiling)) },
    { measure: 'CPU per event, `replay` (bench process + Postgres backends)', unit: 'µs/event', value: med((x) => cpuPerEvent(x.replay)) },
    { measure: "CPU per event, replay's COPY ceiling", unit: 'µs/event', value: med((x) => cpuPerEvent(x.replayCeiling)) },
  ];
}

const fmt = (v: number, unit: SummaryRow['unit']) =>
  Number.isNaN(v)
    ? '—'
    : v.toLocaleString('en-US', {
        maximumFractionDigits: unit === 'ratio' ? 2 : unit === 'µs/event' ? 1 : 0,
        minimumFractionDigits: unit === 'ratio' ? 2 : unit === 'µs/event' ? 1 : 0,
      });

export function markdownTable(rows: readonly SummaryRow[]): string {
  const lines = ['| Measure | Unit | Value | Target | Met |', '|---|---|--:|--:|:-:|'];
  for (const r of rows)
    lines.push(
      `| ${r.measure} | ${r.unit} | ${fmt(r.value, r.unit)} | ${r.target?.text ?? ''} ` +
        `| ${r.target ? (r.target.met ? 'yes' : '**no**') : ''} |`,
    );
  return lines.join('\n');
}

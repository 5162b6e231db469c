/**
 * Pipeline benchmark on the local stack (targets below), each service a separate process:
 *   scaling   — scribe throughput with 1, 2 and 4 workers at a fixed emulated job time and quota,
 *               as a ratio of the quota's ceiling (quota / job time); target ≥ 0.9
 *   overhead  — upload → narrative.generated per audio dictation, one at a time, with the
 *               emulator completing jobs at once; target p50 ≤ 150 ms, p99 ≤ 400 ms
 *   sustained — synthetic text dictations/s through ingest → scribe → narrative; target ≥ 200/s
 *
 *   npm run build && npm run bench:pipeline -- [--scenario all|scaling|overhead|sustained] (--help)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { TOPIC } from '@medicdraft/contracts';
import { audioCreatedRecord } from '@medicdraft/contracts/testing';
import { markdownRows, overheadFloor, percentiles, scalingSummary, slotGaps, type ScalingRound } from './report.js';
import { measureHops } from './hop-floor.js';
import { createPipelineStack, until, type PipelineStack } from './pipeline-stack.js';
import { COUNT_COLUMNS, roundTripRows, roundTripsPerDictation, type RoundTripCounts } from './round-trips.js';
import { noiseWav } from '@medicdraft/platform/testing';

const HELP = `Usage: npm run bench:pipeline -- [options]
  --scenario NAME     all | scaling | overhead | sustained              (all)
  --job-ms N          emulated HealthScribe job time for scaling        (1000)
  --quota N           HEALTHSCRIBE_JOB_QUOTA for scaling                 (4)
  --poll-ms N         SCRIBE_POLL_INTERVAL_MS (longest status poll wait) (100)
  --jobs N            jobs per scaling round                            (40)
  --samples N         measured dictations for overhead (+10 warm-up)    (100)
  --dictations N      synthetic dictations for sustained                (1000)
  --in-flight N       concurrent intake requests for sustained          (32)
  --storage WHICH     sustained object store: both | fs | s3            (both)
  --baseline DIR      A/B: also run overhead, sustained and scaling on the services built in DIR
                      (bash bench/pipeline/ab-baseline.sh COMMIT DIR), back to back: overhead in the order
                      baseline, current, current, baseline (pooled per tree), sustained baseline first,
                      scaling both trees per worker count (baseline first at 1 and 4 workers, current first at 2)
  --idle-ms N         idle window measured for the background round-trip rate (3000)
  --out-dir DIR       where JSON and markdown go                        (bench/results)`;

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'all' },
    'job-ms': { type: 'string' },
    quota: { type: 'string' },
    'poll-ms': { type: 'string' },
    jobs: { type: 'string' },
    samples: { type: 'string' },
    dictations: { type: 'string' },
    'in-flight': { type: 'string' },
    storage: { type: 'string', default: 'both' },
    baseline: { type: 'string' },
    'idle-ms': { type: 'string' },
    'out-dir': { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const num = (v: string | undefined, d: number) => (v === undefined ? d : Number.parseInt(v, 10));
const cfg = {
  jobMs: num(args['job-ms'], 1000),
  quota: num(args.quota, 4),
  pollMs: num(args['poll-ms'], 100),
  jobs: num(args.jobs, 40),
  samples: num(args.samples, 100),
  dictations: num(args.dictations, 1000),
  inFlight: num(args['in-flight'], 32),
  idleMs: num(args['idle-ms'], 3000),
  baseline: args.baseline,
};
/** The trees measured: this working tree's build, and with --baseline another one, run first. */
const TREES: readonly { tree: 'baseline' | 'current'; dir?: string }[] =
  cfg.baseline === undefined ? [{ tree: 'current' }] : [{ tree: 'baseline', dir: cfg.baseline }, { tree: 'current' }];
const progress = (msg: string) => process.stderr.write(`[bench:pipeline] ${msg}\n`);
const SCRIPT =
  'Dispatched for chest pain. Responded emergent. On arrival found a 58 year old male sitting upright, alert. ' +
  'Chief complaint chest pressure for one hour. BP 150/90, pulse 98, respirations 18, SpO2 95 percent, glucose 110. ' +
  'Gave aspirin 324 mg PO at 14:05 and nitroglycerin 0.4 mg SL at 14:08, pain improved from 8 to 4. ' +
  'Transported to Mercy General, patient stable on transfer.';

async function scaling() {
  const rounds: (ReturnType<typeof scalingSummary> & { gaps: ReturnType<typeof slotGaps>; tree: string })[] = [];
  // With --baseline, each worker count runs on both trees back to back, the order alternating between worker counts.
  for (const [index, workers] of [1, 2, 4].entries()) {
    for (const tree of index % 2 === 0 ? TREES : [...TREES].reverse()) rounds.push(await scalingRound(workers, tree));
  }
  return rounds;
}

async function scalingRound(workers: number, tree: (typeof TREES)[number]) {
  const s = await createPipelineStack(`scale${workers}${tree.tree === 'baseline' ? 'b' : ''}`, {
    jobMs: cfg.jobMs,
    watch: [TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED],
    baseline: tree.dir,
  });
  try {
    progress(`scaling (${tree.tree}): starting ${workers} scribe worker(s)`);
    for (let i = 0; i < workers; i++)
      await s.start('scribe', {
        HEALTHSCRIBE_JOB_QUOTA: String(cfg.quota),
        SCRIBE_POLL_INTERVAL_MS: String(cfg.pollMs),
        SCRIBE_IDLE_POLL_MS: '50',
      });
    const events = [];
    for (let i = 0; i < cfg.jobs; i++) {
      const dictationId = randomUUID();
      const key = `${s.drill.tenantId}/2026/11/23/${dictationId}/audio.wav`;
      const audio = noiseWav(50);
      const stored = await s.aws.objects.put({ tenantId: s.drill.tenantId, bucket: 'input', key }, audio);
      s.aws.emulator.registerMedia(audio, { text: SCRIPT });
      events.push(audioCreatedRecord({ tenantId: s.drill.tenantId, dictationId, key, sha256: stored.sha256, sizeBytes: stored.size }));
    }
    const t0 = Date.now();
    await s.bus.publish(events);
    const done = s.arrivals.get(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)!;
    await until(() => done.size, cfg.jobs, 600_000, 'scaling outputs');
    const elapsedMs = Math.max(...done.values()) - t0;
    const log = s.aws.emulator.jobLog();
    const busyMs = log.jobs.reduce(
      (sum, j) => sum + (j.completedAt === undefined ? 0 : Date.parse(j.completedAt) - Date.parse(j.createdAt)),
      0,
    );
    const round: ScalingRound = {
      workers,
      jobs: cfg.jobs,
      quota: cfg.quota,
      jobMs: cfg.jobMs,
      elapsedMs,
      maxActive: log.stats.maxActive,
      busyMs,
    };
    const timed = log.jobs.flatMap((j) =>
      j.completedAt === undefined ? [] : [{ createdAt: Date.parse(j.createdAt), completedAt: Date.parse(j.completedAt) }],
    );
    const result = { ...scalingSummary(round), gaps: slotGaps(t0, timed, cfg.quota, Math.max(...done.values())), tree: tree.tree };
    progress(
      `scaling (${tree.tree}): ${workers} worker(s): ${result.perSecond.toFixed(2)} jobs/s (ceiling ${result.ceiling}), ` +
        `max active ${round.maxActive}`,
    );
    return result;
  } finally {
    await s.close();
  }
}

async function postAudio(ingestUrl: string, tenantId: string, audio: Buffer): Promise<string> {
  const res = await fetch(`${ingestUrl}/internal/v1/tenants/${tenantId}/dictations/audio`, {
    method: 'POST',
    body: audio,
    headers: { 'content-type': 'application/octet-stream', 'x-provider-id': randomUUID() },
  });
  if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { dictationId: string }).dictationId;
}

async function postText(ingestUrl: string, tenantId: string, text: string): Promise<string> {
  const res = await fetch(`${ingestUrl}/internal/v1/tenants/${tenantId}/dictations/text`, {
    method: 'POST',
    body: JSON.stringify({ text, synthetic: true }),
    headers: { 'content-type': 'application/json', 'x-provider-id': randomUUID() },
  });
  if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { dictationId: string }).dictationId;
}

const STAGES = [
  TOPIC.DICTATION_AUDIO_CREATED,
  TOPIC.DICTATION_TEXT_CREATED,
  TOPIC.HEALTHSCRIBE_JOB_STARTED,
  TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
  TOPIC.NARRATIVE_GENERATED,
] as const;

async function startPipeline(label: string, storage: 's3' | 'fs', baseline: string | undefined) {
  const s = await createPipelineStack(label, { jobMs: 0, watch: STAGES, storage, baseline });
  for (const name of ['audit', 'narrative', 'scribe'] as const) await s.start(name, { SCRIBE_IDLE_POLL_MS: '50' });
  const ingest = await s.start('ingest');
  return { s, ingest };
}

/**
 * Round trips per dictation over a measured window: the counters before and after it, less the
 * background rate (idle polls, heartbeats, relays looking for work) measured over an idle window
 * of `cfg.idleMs` just before, scaled to the window's length.
 */
let statementsBefore: Record<string, Record<string, number>> = {};
/** Statements per dictation by their first words since the last idle window (BENCH_COUNT_SQL=1). */
function statementsPerDictation(s: PipelineStack, dictations: number): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(s.statements()).map(([service, after]) => [
      service,
      Object.fromEntries(
        Object.entries(after)
          .map(([head, n]) => [head, (n - (statementsBefore[service]?.[head] ?? 0)) / dictations] as const)
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1]),
      ),
    ]),
  );
}
async function idleRate(s: PipelineStack): Promise<{ before: Record<string, RoundTripCounts>; idle: Record<string, RoundTripCounts> }> {
  const a = await s.roundTrips();
  const t = Date.now();
  await new Promise((r) => setTimeout(r, cfg.idleMs));
  const before = await s.roundTrips();
  statementsBefore = s.statements();
  const idle = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, scale(minus(v, a[k]!), 1000 / (Date.now() - t))])) as Record<
    string,
    RoundTripCounts
  >;
  return { before, idle };
}
const minus = (a: RoundTripCounts, b: RoundTripCounts) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k as keyof RoundTripCounts] ?? 0)])) as unknown as RoundTripCounts;
const scale = (a: RoundTripCounts, f: number) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v * f])) as unknown as RoundTripCounts;

async function overhead(tree: (typeof TREES)[number]) {
  const { s, ingest } = await startPipeline(`overhead-${tree.tree}`, 's3', tree.dir);
  try {
    const done = s.arrivals.get(TOPIC.NARRATIVE_GENERATED)!;
    let counters: (Awaited<ReturnType<typeof idleRate>> & { t0: number }) | undefined;
    const samples: number[] = [];
    const stages: Record<string, number[]> = Object.fromEntries(STAGES.map((t) => [t, []]));
    for (let i = 0; i < cfg.samples + 10; i++) {
      const audio = noiseWav(50);
      s.aws.emulator.registerMedia(audio, { text: SCRIPT });
      if (i === 10) counters = { ...(await idleRate(s)), t0: Date.now() };
      const t0 = Date.now();
      const id = await postAudio(ingest.url, s.drill.tenantId, audio);
      await until(() => (done.has(id) ? 1 : 0), 1, 60_000, `narrative of ${id}`);
      if (i >= 10) {
        samples.push(done.get(id)! - t0);
        // Where the time goes: arrival of each stage's event after the upload started.
        for (const t of STAGES) {
          const at = s.arrivals.get(t)!.get(id);
          if (at !== undefined) stages[t]!.push(at - t0);
        }
      }
      if (i % 20 === 0) progress(`overhead: ${i}/${cfg.samples + 10}`);
    }
    // The emulator's own share (reading the media from moto, writing both outputs with SSE-KMS):
    // part of the total, but HealthScribe's time, not the pipeline's.
    const jobs = s.aws.emulator
      .jobLog()
      .jobs.slice(10)
      .filter((j) => j.completedAt !== undefined);
    const emulatorMs = percentiles(jobs.map((j) => Date.parse(j.completedAt!) - Date.parse(j.createdAt)));
    const roundTrips = roundTripsPerDictation({
      before: counters!.before,
      after: await s.roundTrips(),
      idlePerSecond: counters!.idle,
      seconds: (Date.now() - counters!.t0) / 1000,
      dictations: cfg.samples,
    });
    progress('overhead: measuring the unavoidable hops (moto PUT/GET with SSE-KMS, one Kafka hop)');
    const hops = await measureHops({ objects: s.aws.objects, bus: s.bus, tenantId: s.drill.tenantId, samples: cfg.samples });
    return {
      tree: tree.tree,
      samples,
      hops,
      floor: overheadFloor({ jobMs: emulatorMs, ...hops }),
      statements: statementsPerDictation(s, cfg.samples),
      total: percentiles(samples),
      emulatorMs,
      stages: Object.fromEntries(STAGES.map((t) => [t, percentiles(stages[t]!)])),
      roundTrips,
    };
  } finally {
    await s.close();
  }
}

async function sustained(storage: 's3' | 'fs', tree: (typeof TREES)[number]) {
  const { s, ingest } = await startPipeline(`sustained-${storage}-${tree.tree}`, storage, tree.dir);
  try {
    const done = s.arrivals.get(TOPIC.NARRATIVE_GENERATED)!;
    const counters = await idleRate(s);
    const t0 = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < cfg.dictations) {
        next += 1;
        await postText(ingest.url, s.drill.tenantId, SCRIPT);
      }
    };
    const stageCounts = () =>
      [TOPIC.DICTATION_TEXT_CREATED, TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED, TOPIC.NARRATIVE_GENERATED]
        .map((t) => `${t.split('.').slice(1).join('.')} ${s.arrivals.get(t)!.size}`)
        .join(', ');
    const ticker = setInterval(() => progress(`sustained (${storage}): ${next} posted; events seen: ${stageCounts()}`), 2_000);
    await Promise.all(Array.from({ length: cfg.inFlight }, worker));
    const acceptedMs = Date.now() - t0;
    await until(() => done.size, cfg.dictations, 900_000, 'sustained narratives');
    clearInterval(ticker);
    const elapsedMs = Math.max(...done.values()) - t0;
    const roundTrips = roundTripsPerDictation({
      before: counters.before,
      after: await s.roundTrips(),
      idlePerSecond: counters.idle,
      seconds: (Date.now() - t0) / 1000,
      dictations: cfg.dictations,
    });
    return {
      tree: tree.tree,
      statements: statementsPerDictation(s, cfg.dictations),
      roundTrips,
      storage,
      dictations: cfg.dictations,
      acceptedPerSecond: cfg.dictations / (acceptedMs / 1000),
      narrativesPerSecond: cfg.dictations / (elapsedMs / 1000),
      elapsedMs,
    };
  } finally {
    await s.close();
  }
}

const which = args.scenario ?? 'all';
const result: Record<string, unknown> = { startedAt: new Date().toISOString(), cpus: cpus().length, loadavg: loadavg(), config: cfg };
const lines: string[] = [
  `# Pipeline bench ${result['startedAt']}`,
  '',
  `cpus ${cpus().length}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
  '',
];
if (which === 'all' || which === 'scaling') {
  const rounds = await scaling();
  result['scaling'] = rounds;
  lines.push(
    '## Scribe scaling',
    '',
    markdownRows(
      [
        'tree',
        'workers',
        'jobs',
        'quota',
        'job ms (set)',
        'jobs/s',
        'ceiling/s',
        'ratio',
        'job ms (emulator log)',
        'slot utilisation',
        'max active',
      ],
      rounds.map((r) => [
        r.tree,
        r.workers,
        r.jobs,
        r.quota,
        r.jobMs,
        r.perSecond,
        r.ceiling,
        r.ratio,
        r.busyMs / r.jobs,
        r.utilisation,
        r.maxActive,
      ]),
    ),
    '',
    'Slot time no job used (ms): publish → first start, completion → start of the job taking its slot, last completion → last output.',
    '',
    markdownRows(
      ['tree', 'workers', 'lead-in', 'hand-off p50', 'hand-off p99', 'hand-off mean', 'tail'],
      rounds.map((r) => [
        r.tree,
        r.workers,
        r.gaps.leadInMs,
        r.gaps.handoffMs.p50,
        r.gaps.handoffMs.p99,
        r.gaps.handoffMs.mean,
        r.gaps.tailMs,
      ]),
    ),
    '',
  );
}
const countTable = (title: string, per: Record<string, RoundTripCounts>) => [
  title,
  '',
  markdownRows(['service', ...COUNT_COLUMNS.map((c) => c.label)], roundTripRows(per)),
  '',
];
if (which === 'all' || which === 'overhead') {
  // With a baseline, ABBA: a box getting busier or quieter during the run then weighs on both trees alike.
  const order = TREES.length === 1 ? TREES : [TREES[0]!, TREES[1]!, TREES[1]!, TREES[0]!];
  const runs = [];
  for (const tree of order) runs.push(await overhead(tree));
  result['overhead'] = runs;
  const row = (name: string, p: { n: number; p50: number; p99: number; max: number; mean: number }) => [
    name,
    p.n,
    p.p50,
    p.p99,
    p.max,
    p.mean,
  ];
  for (const o of runs) {
    lines.push(
      `## Upload → narrative overhead (emulator completes at once; ${o.tree})`,
      '',
      markdownRows(
        ['event seen (ms after upload start)', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'mean ms'],
        [
          ...STAGES.filter((t) => o.stages[t]!.n > 0).map((t) => row(t, o.stages[t]!)),
          row('total (narrative.generated)', o.total),
          row('of which the emulator job (created → completed)', o.emulatorMs),
          row('moto PUT, SSE-KMS (4 KB, same run)', o.hops.putMs),
          row('moto GET (same object)', o.hops.getMs),
          row('Kafka hop: publish acks=all → subscriber (same run)', o.hops.kafkaHopMs),
        ],
      ),
      '',
      `Floor, the unavoidable hops (the job + 2 PUTs + 2 GETs + 3 Kafka hops, report.ts): p50 ${o.floor.p50.toFixed(1)} ms, ` +
        `p99 ${o.floor.p99.toFixed(1)} ms (sum of p99s, an upper bound); total ÷ floor at p50 ${(o.total.p50 / o.floor.p50).toFixed(2)}.`,
      '',
      ...countTable(`### Round trips per dictation (${o.tree}, overhead, background rate subtracted)`, o.roundTrips.net),
      ...countTable(`### Round trips per dictation (${o.tree}, overhead, raw)`, o.roundTrips.raw),
    );
  }
}
if (result['overhead'] !== undefined && TREES.length > 1) {
  const runs = result['overhead'] as { tree: string; samples: number[] }[];
  const pooled = (tree: string) => percentiles(runs.filter((r) => r.tree === tree).flatMap((r) => r.samples));
  const [base, cur] = [pooled('baseline'), pooled('current')];
  lines.push(
    `A/B overhead, pooled over the ABBA runs: upload → narrative p50 ${base.p50} → ${cur.p50} ms, p99 ${base.p99} → ${cur.p99} ms ` +
      `(baseline → current, ${cur.n} samples each).`,
    '',
  );
}
if (which === 'all' || which === 'sustained') {
  // Same run, two object stores: moto (a single-threaded Python stand-in for S3/KMS) and the
  // encrypted filesystem store, so the figure separates the pipeline's cost from moto's.
  const runs = [];
  for (const storage of ['fs', 's3'] as const) {
    if (args.storage !== 'both' && args.storage !== storage) continue;
    for (const tree of TREES) runs.push(await sustained(storage, tree));
  }
  result['sustained'] = runs;
  lines.push(
    '## Sustained synthetic dictations',
    '',
    markdownRows(
      ['tree', 'objects', 'dictations', 'accepted/s', 'narratives/s', 'narratives/s ÷ accepted/s', 'elapsed ms'],
      runs.map((r) => [
        r.tree,
        r.storage === 'fs' ? 'filesystem (envelope-encrypted)' : 'moto S3 + KMS',
        r.dictations,
        r.acceptedPerSecond,
        r.narrativesPerSecond,
        r.narrativesPerSecond / r.acceptedPerSecond,
        r.elapsedMs,
      ]),
    ),
    '',
  );
  for (const storage of ['fs', 's3'] as const) {
    const base = runs.find((r) => r.storage === storage && r.tree === 'baseline');
    const cur = runs.find((r) => r.storage === storage && r.tree === 'current');
    if (base && cur)
      lines.push(
        `A/B (${storage}): narratives/s current ÷ baseline = ${(cur.narrativesPerSecond / base.narrativesPerSecond).toFixed(2)}`,
        '',
      );
  }
  // Raw here: under load the scribe's idle polls give way to real claims, so subtracting the idle rate would undercount.
  for (const r of runs)
    lines.push(...countTable(`### Round trips per dictation (${r.tree}, sustained ${r.storage}, raw)`, r.roundTrips.raw));
}
const outDir = args['out-dir'] ?? 'bench/results';
mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
writeFileSync(`${outDir}/pipeline-${stamp}.json`, JSON.stringify(result, null, 2));
writeFileSync(`${outDir}/pipeline-${stamp}.md`, lines.join('\n'));
console.log(lines.join('\n'));

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPIC, type ServiceName } from '@medicdraft/contracts';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { type EventBus, type Subscription } from '@medicdraft/platform';
import { createAwsDrill, type AwsDrill } from '../../e2e/src/aws-fixtures.js';
import { startGatePublisher } from '../../e2e/src/gate-publisher.js';
import { COUNT_COLUMNS, type RoundTripCounts } from './round-trips.js';
import { startServiceProcess, type ServiceProcess } from '../../e2e/src/service-process.js';
import { createDrillEnv, stack, type DrillEnv } from '../../e2e/src/stack-env.js';

/**
 * One isolated pipeline on the local stack for a bench scenario: a fresh database, topic and
 * Redis namespace (the e2e drill helpers), moto buckets + KMS key, the HealthScribe emulator in
 * this process, and the services as separate processes (their built dist). Readiness is stood in
 * for by a gate publisher (PHI mode enabled): gates are benchmarked on their own in bench/gates.
 */
export interface PipelineStack {
  drill: DrillEnv;
  aws: AwsDrill;
  bus: EventBus;
  processes: ServiceProcess[];
  /** Arrival time (ms since epoch) per dictation id, per watched topic. */
  arrivals: Map<string, Map<string, number>>;
  start(name: ServiceName, extraEnv?: Record<string, string>): Promise<ServiceProcess>;
  /** Round trips each service process made so far, summed per service (round-trip-preload.mjs). */
  roundTrips(): Promise<Record<string, RoundTripCounts>>;
  /** Statements by their first words per service at the last `roundTrips()` (only with BENCH_COUNT_SQL=1). */
  statements(): Record<string, Record<string, number>>;
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COUNTER_PRELOAD = fileURLToPath(new URL('./round-trip-preload.mjs', import.meta.url));

/**
 * `storage: 'fs'` runs the services on the encrypted filesystem store (one shared DATA_DIR)
 * instead of moto S3/KMS, to separate the pipeline's own cost from moto's.
 */
export async function createPipelineStack(
  label: string,
  opts: { jobMs: number; watch: readonly string[]; storage?: 's3' | 'fs'; baseline?: string | undefined },
): Promise<PipelineStack> {
  const dataDir = await mkdtemp(join(tmpdir(), `bench-${label}-`));
  const countDir = await mkdtemp(join(tmpdir(), `bench-${label}-counts-`));
  // A/B: the services of another checkout's build (bench/pipeline/ab-baseline.sh), same stack.
  const root = opts.baseline === undefined ? '' : `${relative(REPO_ROOT, opts.baseline)}/`;
  const drill = await createDrillEnv(label);
  const aws = await createAwsDrill(label, randomUUID().slice(0, 8), { inProgressMs: opts.jobMs, queuedMs: 0 });
  const bus = createKafkaEventBus({ ...stack.kafka, clientId: `bench-${label}`, topicPrefix: drill.topicPrefix });
  await bus.ensureTopics(
    [...new Set([TOPIC.READINESS_GATE_STATE, TOPIC.DICTATION_AUDIO_CREATED, ...opts.watch])].map((name) => ({ name, partitions: 6 })),
  );
  const gate = startGatePublisher(bus, drill.tenantId, 'enabled');
  const arrivals = new Map<string, Map<string, number>>(opts.watch.map((t) => [t, new Map()]));
  const collector: Subscription = await bus.subscribe({
    groupId: `bench-${label}-collector`,
    topics: opts.watch,
    handler: async (r) => {
      const dictationId = (JSON.parse(r.value) as { correlationId: string }).correlationId;
      arrivals.get(r.topic)?.set(dictationId, Date.now());
      return { action: 'done' };
    },
  });
  const processes: ServiceProcess[] = [];
  let statements: Record<string, Record<string, number>> = {};
  return {
    drill,
    aws,
    bus,
    processes,
    arrivals,
    async start(name, extraEnv = {}) {
      const storageEnv = opts.storage === 'fs' ? { DATA_DIR: dataDir } : aws.env;
      // BENCH_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the service processes.
      const nodeOptions = [`--import ${COUNTER_PRELOAD}`, process.env['BENCH_NODE_OPTIONS'] ?? ''].join(' ').trim();
      const env = {
        ...drill.env,
        ...storageEnv,
        NODE_OPTIONS: nodeOptions,
        BENCH_COUNT_DIR: countDir,
        BENCH_COUNT_SQL: process.env['BENCH_COUNT_SQL'] ?? '',
        BENCH_TIMING_LOG: process.env['BENCH_TIMING_LOG'] ?? '',
        ...extraEnv,
      };
      const p = await startServiceProcess(name, env, 60_000, root);
      processes.push(p);
      return p;
    },
    async roundTrips() {
      const asked = Date.now();
      const live = processes.filter((p) => p.running());
      for (const p of live) process.kill(p.pid, 'SIGUSR2');
      const totals: Record<string, RoundTripCounts> = {};
      statements = {};
      for (const p of live) {
        const file = join(countDir, `${p.name}-${p.pid}.json`);
        const counts = await snapshotAfter(file, asked, p.name);
        const sql = (statements[p.name] ??= {});
        for (const [head, n] of Object.entries(counts.sql ?? {})) sql[head] = (sql[head] ?? 0) + n;
        const sum = (totals[p.name] ??= Object.fromEntries(COUNT_COLUMNS.map(({ key }) => [key, 0])) as unknown as RoundTripCounts);
        for (const { key } of COUNT_COLUMNS) sum[key] += counts[key];
      }
      return totals;
    },
    statements: () => statements,
    async close() {
      await Promise.allSettled(processes.map((p) => p.stop('SIGTERM')));
      await collector.close();
      await gate.stop();
      await bus.close();
      await aws.close();
      // Roles are cluster-wide and shared with whatever else runs on the stack: drop the database only.
      await drill.release();
      await rm(dataDir, { recursive: true, force: true });
      await rm(countDir, { recursive: true, force: true });
    },
  };
}

/** The counters a process wrote to `file` at or after `asked` (it writes on SIGUSR2). */
async function snapshotAfter(file: string, asked: number, name: string): Promise<RoundTripCounts & { sql?: Record<string, number> }> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    let snap: { at: number; counts: RoundTripCounts } | undefined;
    try {
      snap = text === undefined ? undefined : (JSON.parse(text) as { at: number; counts: RoundTripCounts });
    } catch {
      snap = undefined; // read while being written: look again
    }
    if (snap !== undefined && snap.at >= asked) return snap.counts;
    if (Date.now() > deadline) throw new Error(`no round-trip counters from ${name} (is round-trip-preload.mjs loaded?)`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until `count()` reaches `target`, or throws after `timeoutMs`. */
export async function until(count: () => number, target: number, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count() < target) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${count()}/${target}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

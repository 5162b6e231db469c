/**
 * Audit benchmark (targets: `TARGETS`, report.ts), one run on the stack's Postgres and Kafka:
 *  - append throughput with the hash chain through the service's batcher, against a raw COPY of
 *    the same rows into a plain table (ratio), plus the service's ingest rate from Kafka;
 *  - verify and replay throughput of the CLI's own code over every appended event;
 *  - action → signed checkpoint latency (publish on Kafka → checkpoint on `audit.checkpoint`).
 *
 *   npm run bench:audit -- [--events 50000] [--rounds 3] ...   (--help)
 *
 * Needs the local stack (bash scripts/stack/stack.sh up). See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_AUDIT_SETTINGS } from '@medicdraft/audit/config';
import { auditMigrations } from '@medicdraft/audit/internals';
import { AUDIT_ROLE, AUDIT_SCHEMA } from '@medicdraft/audit';
import { topicLayoutFor } from '@medicdraft/contracts';
import { createKafkaClient, createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createLogger, migrate, outboxMigrations, type AdminDatabase } from '@medicdraft/platform';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createPgTestDatabase, loadStackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import { benchKeyRing, runAppend, runCopy, runHashOnly } from './append-runs.js';
import { benchEvents } from './bench-events.js';
import { CEILINGS, runCopyCeiling, runReplay, runVerify } from './cli-runs.js';
import { runCheckpointLatency, runIngest, type ServiceRunConfig } from './service-runs.js';
import { markdownTable, summarizeLatency, summaryRows, type AppendRound, type AuditBenchResult, type CliRound } from './report.js';

const HELP = `Usage: npm run bench:audit -- [options]   (each option also reads the env variable shown)
  --events N              events per append round (and verified/replayed)      (BENCH_AUDIT_EVENTS, 50000)
  --tenants N             tenants the events are spread over                   (BENCH_AUDIT_TENANTS, 4)
  --rounds N              append + COPY rounds, medians reported                (BENCH_AUDIT_ROUNDS, 3)
  --window N              records offered to the batcher before awaiting them  (BENCH_AUDIT_WINDOW, 2000)
  --ingest-events N       events the service ingests from Kafka                (BENCH_AUDIT_INGEST_EVENTS, 20000)
  --consumer-concurrency N partitions handled at once (AUDIT_CONSUMER_CONCURRENCY)  (BENCH_AUDIT_CONSUMER_CONCURRENCY, 96)
  --latency-samples N     action → checkpoint round trips (+5 warm-up)          (BENCH_AUDIT_LATENCY_SAMPLES, 100)
  --cli-rounds N          verify/replay rounds, each beside its COPY ceilings   (BENCH_AUDIT_CLI_ROUNDS, 3)
  --skip-service          skip the Kafka parts (service ingest and its direct-append ceiling, checkpoint latency)
  --partitions N          partitions per domain topic                            (BENCH_AUDIT_PARTITIONS, 6)
  --out-dir DIR           where the JSON and markdown results go                 (BENCH_AUDIT_OUT_DIR, bench/results)
  --json                  print the JSON result to stdout instead of markdown
Stack endpoints: DATABASE_URL (admin), KAFKA_BROKERS, as for the tests.`;

const { values: args } = parseArgs({
  options: {
    events: { type: 'string' },
    tenants: { type: 'string' },
    rounds: { type: 'string' },
    window: { type: 'string' },
    'ingest-events': { type: 'string' },
    'consumer-concurrency': { type: 'string' },
    'latency-samples': { type: 'string' },
    'cli-rounds': { type: 'string' },
    'skip-service': { type: 'boolean' },
    partitions: { type: 'string' },
    'out-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

function int(flag: keyof typeof args, env: string, fallback: number, min = 1): number {
  const raw = (args[flag] as string | undefined) ?? process.env[env];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new Error(`--${flag} / ${env} must be an integer >= ${min}, got "${raw}"`);
  return v;
}

const config = {
  events: int('events', 'BENCH_AUDIT_EVENTS', 50_000),
  tenants: int('tenants', 'BENCH_AUDIT_TENANTS', 4),
  rounds: int('rounds', 'BENCH_AUDIT_ROUNDS', 3),
  window: int('window', 'BENCH_AUDIT_WINDOW', 2_000),
  ingestEvents: int('ingest-events', 'BENCH_AUDIT_INGEST_EVENTS', 20_000),
  consumerConcurrency: int('consumer-concurrency', 'BENCH_AUDIT_CONSUMER_CONCURRENCY', 96),
  latencySamples: int('latency-samples', 'BENCH_AUDIT_LATENCY_SAMPLES', 100),
  cliRounds: int('cli-rounds', 'BENCH_AUDIT_CLI_ROUNDS', 3),
  skipService: args['skip-service'] === true,
  partitions: int('partitions', 'BENCH_AUDIT_PARTITIONS', 6),
  settings: DEFAULT_AUDIT_SETTINGS,
};
const outDir = args['out-dir'] ?? process.env.BENCH_AUDIT_OUT_DIR ?? new URL('../results/', import.meta.url).pathname;
const stack = loadStackConfig();
const log = (line: string) => process.stderr.write(`${line}\n`);
const logger = createLogger({ service: 'bench-audit', level: 'warn' });
const startedAt = new Date();
const runId = `${startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${Math.random().toString(36).slice(2, 6)}`;
const loadBefore = loadavg();
const tenants = Array.from({ length: config.tenants }, (_, i) => `bench-${runId}-t${i}`);

/** A fresh database with the audit schema, as the service migrates it. */
async function freshAuditDb(): Promise<{ testDb: PgTestDatabase; db: AdminDatabase }> {
  const testDb = await createPgTestDatabase(stack.postgres.url);
  const db = createPgDatabase({ url: testDb.url, schema: AUDIT_SCHEMA, role: AUDIT_ROLE, poolSize: 10 });
  await migrate(db, {
    schema: AUDIT_SCHEMA,
    role: AUDIT_ROLE,
    migrations: [...outboxMigrations(AUDIT_SCHEMA, AUDIT_ROLE), ...auditMigrations()],
  });
  return { testDb, db };
}

const cleanups: (() => Promise<void>)[] = [];
const rounds: AppendRound[] = [];
let result: AuditBenchResult;
try {
  log(
    `bench:audit run ${runId}: ${config.rounds} round(s) × ${config.events} events over ${config.tenants} tenants, ` +
      `batch ${config.settings.batchMax}/${config.settings.batchLingerMs} ms, window ${config.window}`,
  );
  let last: { testDb: PgTestDatabase; db: AdminDatabase } | undefined;
  for (let round = 1; round <= config.rounds; round++) {
    const events = benchEvents(config.events, tenants);
    const fresh = await freshAuditDb();
    cleanups.push(async () => {
      await fresh.db.close();
      await fresh.testDb.drop();
    });
    log(`[round ${round}] append through the batcher`);
    const append = await runAppend(
      fresh.db,
      fresh.testDb.url,
      events,
      {
        batchMax: config.settings.batchMax,
        lingerMs: config.settings.batchLingerMs,
        window: config.window,
        checkpointEvery: config.settings.checkpointEvery,
        checkpointIntervalMs: config.settings.checkpointIntervalMs,
      },
      logger,
      benchKeyRing(),
    );
    log(`[round ${round}] raw COPY of the same rows`);
    const copy = await runCopy(fresh.testDb.url);
    const hashOnly = runHashOnly(events);
    rounds.push({ round, append, copy, hashOnly });
    const cpu = (t: typeof append) => (t.cpu ? ` (CPU ${t.cpu.nodeUs.toFixed(1)} + ${t.cpu.pgUs?.toFixed(1) ?? '?'} µs/event)` : '');
    log(
      `[round ${round}] append ${Math.round(append.perSec)}/s${cpu(append)}, COPY ${Math.round(copy.perSec)}/s${cpu(copy)}, ` +
        `hashing ${Math.round(hashOnly.perSec)}/s`,
    );
    last = fresh;
  }
  if (!last) throw new Error('no round ran');
  const cli: CliRound[] = [];
  const rate = (t: { perSec: number }) => Math.round(t.perSec);
  for (let round = 1; round <= config.cliRounds; round++) {
    // Each command next to its ceiling, the order alternating between rounds so drift favours neither.
    const pair = async <T>(ours: () => Promise<T>, ceiling: () => Promise<T>): Promise<[T, T]> => {
      if (round % 2 === 1) {
        const c = await ceiling();
        return [await ours(), c];
      }
      const o = await ours();
      return [o, await ceiling()];
    };
    const url = last.testDb.url;
    log(`[cli ${round}] verify (CLI code) and COPY of its statement, over the last append round`);
    const [verify, verifyCeiling] = await pair(
      () => runVerify(last.db, url, config.events, process.stderr),
      () => runCopyCeiling(url, tenants, CEILINGS.verify),
    );
    log(`[cli ${round}] replay --source postgres (CLI code), every tenant, and COPY of its statement`);
    const [replay, replayCeiling] = await pair(
      () => runReplay(last.db, url, tenants, config.events, process.stderr),
      () => runCopyCeiling(url, tenants, CEILINGS.replay),
    );
    const storedCeiling = await runCopyCeiling(url, tenants, CEILINGS.stored);
    cli.push({ round, verify, replay, verifyCeiling, replayCeiling, storedCeiling });
    log(
      `[cli ${round}] verify ${rate(verify)}/s vs COPY ${rate(verifyCeiling)}/s; replay ${rate(replay)}/s vs COPY ` +
        `${rate(replayCeiling)}/s; rows as stored ${rate(storedCeiling)}/s`,
    );
  }
  if (config.skipService) {
    result = { rounds, cli };
  } else {
    const topicPrefix = `bench-audit-${runId}.`;
    const publisher = createKafkaEventBus({ ...stack.kafka, clientId: `bench-audit-pub-${runId}`, topicPrefix });
    cleanups.push(async () => {
      await publisher.close();
      const admin = createKafkaClient({ clientId: `bench-audit-admin-${runId}`, ...stack.kafka }).admin();
      await admin.connect();
      await admin.deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix)) }).catch(() => undefined);
      await admin.disconnect();
    });
    await publisher.ensureTopics(topicLayoutFor('audit', config.partitions));
    const svc: ServiceRunConfig = {
      ...stack.kafka,
      topicPrefix,
      groupSuffix: `.bench-${runId}`,
      partitions: config.partitions,
      consumerConcurrency: config.consumerConcurrency,
      checkpointIntervalMs: config.settings.checkpointIntervalMs,
      logger,
      log,
    };
    log(`service ingest from Kafka (${config.ingestEvents} events, consumer concurrency ${config.consumerConcurrency})`);
    const ingestDb = await freshAuditDb();
    cleanups.push(async () => {
      await ingestDb.db.close();
      await ingestDb.testDb.drop();
    });
    const ingestEvents = benchEvents(config.ingestEvents, tenants);
    // The ingest's ceiling: the same events through the direct append path, right before and right
    // after it (fresh databases), so the ratio does not drift with this box's load between phases.
    const appendCeiling = async () => {
      const ceilingDb = await freshAuditDb();
      try {
        return await runAppend(
          ceilingDb.db,
          ceilingDb.testDb.url,
          ingestEvents,
          {
            batchMax: config.settings.batchMax,
            lingerMs: config.settings.batchLingerMs,
            window: config.window,
            checkpointEvery: config.settings.checkpointEvery,
            checkpointIntervalMs: config.settings.checkpointIntervalMs,
          },
          logger,
          benchKeyRing(),
        );
      } finally {
        await ceilingDb.db.close();
        await ceilingDb.testDb.drop();
      }
    };
    const ceilingBefore = await appendCeiling();
    const ingest = await runIngest(ingestDb.db, publisher, ingestEvents, {
      ...svc,
      groupSuffix: `${svc.groupSuffix}-ingest`,
    });
    const ceilingAfter = await appendCeiling();
    log(`  ingest ${rate(ingest)}/s; direct append of the same events ${rate(ceilingBefore)}/s before, ` + `${rate(ceilingAfter)}/s after`);

    log(`action → signed checkpoint latency (${config.latencySamples} samples)`);
    const latencyDb = await freshAuditDb();
    cleanups.push(async () => {
      await latencyDb.db.close();
      await latencyDb.testDb.drop();
    });
    const samples = await runCheckpointLatency(
      latencyDb.db,
      publisher,
      benchEvents(config.latencySamples + 5, [`bench-${runId}-latency`]),
      5,
      { ...svc, groupSuffix: `${svc.groupSuffix}-latency` },
    );
    result = {
      rounds,
      cli,
      ingest: {
        ...ingest,
        consumerConcurrency: config.consumerConcurrency,
        partitions: config.partitions,
        appendCeiling: [ceilingBefore, ceilingAfter],
      },
      latency: summarizeLatency(samples),
    };
  }
} finally {
  for (const c of cleanups.reverse()) await c().catch((err: unknown) => log(`cleanup failed (harmless): ${String(err)}`));
}

const rows = summaryRows(result);
const finishedAt = new Date();
const report = {
  runId,
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  durationSec: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadavgBefore: loadBefore, loadavgAfter: loadavg() },
  versions: { node: process.version },
  command: `npm run bench:audit -- ${process.argv.slice(2).join(' ')}`.trim(),
  config,
  summary: rows,
  result,
};
const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
const markdown = [
  `## bench:audit ${runId}`,
  '',
  `${config.rounds} append round(s) (medians) × ${config.events} events over ${config.tenants} tenants; verify/replay ` +
    `over ${config.events} (${config.cliRounds} rounds beside their COPY ceilings); ` +
    (result.ingest
      ? `ingest ${config.ingestEvents} from Kafka; ${result.latency?.samples ?? 0} latency samples. `
      : 'Kafka parts skipped. ') +
    `Node ${process.version}; ` +
    `${report.machine.cpus} × ${report.machine.cpuModel}, load ${load(loadBefore)} ` +
    `→ ${load(report.machine.loadavgAfter)}; ${report.durationSec} s.`,
  '',
  markdownTable(rows),
  '',
].join('\n');
mkdirSync(outDir, { recursive: true });
const base = `${outDir.replace(/\/$/, '')}/audit-${runId}`;
writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${base}.md`, markdown);
log(`results: ${base}.json, ${base}.md`);
process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : markdown);

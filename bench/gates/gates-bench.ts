/**
 * Gates benchmark (target: a gate change seen by every consumer, p99 ≤ 500 ms): an owner
 * switches PHI mode through the readiness service's internal route, and several consumer
 * processes (GateView over Kafka, as every service holds one) report when their decision for PHI
 * work flips. Latency per switch = request sent → the last consumer honouring it.
 *
 *   npm run bench:gates -- [--consumers 4] [--flips 200] [--gap-ms 250] ...   (--help)
 *
 * The readiness service runs as its own process from the working tree's sources, with live probes
 * against moto resources provisioned so every AWS-backed gate is ready, the HealthScribe emulator
 * answering its reachability probe, and a stand-in audit heartbeat (the bench's process beats every
 * 500 ms). Needs the local stack (bash scripts/stack/stack.sh up). See bench/README.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pgDriver from 'pg';
import { TOPIC } from '@medicdraft/contracts';
import { auditHeartbeatFixture } from '@medicdraft/contracts/testing';
import { startHealthscribeEmulator } from '@medicdraft/healthscribe-emulator';
import { createKafkaClient, createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgTestDatabase, kafkaSaslEnv, stackConfig } from '@medicdraft/platform/testing';
import { internalReadinessClient, PHI_READY_SETTINGS, provisionPhiReadyAws } from '@medicdraft/readiness/testing';
import { spawnTs, startServiceFromSource, type TsChild } from './child-processes.js';
import { buildReport, honouredBy, markdownReport, type ConsumerLine, type DecisionLine, type FlipResult } from './report.js';

const HELP = `Usage: npm run bench:gates -- [options]   (each option also reads the env variable shown)
  --consumers N       gate consumer processes                          (BENCH_GATES_CONSUMERS, 4)
  --flips N           owner PHI-mode switches (alternating on/off)     (BENCH_GATES_FLIPS, 200)
  --gap-ms MS         mean pause between switches, ±50% uniform        (BENCH_GATES_GAP_MS, 250)
  --wait-ms MS        how long a switch may take before it counts missed (BENCH_GATES_WAIT_MS, 5000)
  --target-p50-ms MS  the target at p50 (every consumer)               (BENCH_GATES_TARGET_P50_MS, 15)
  --target-p99-ms MS  the target at p99 (every consumer)               (BENCH_GATES_TARGET_P99_MS, 50)
  --out-dir DIR       where the JSON and markdown results go           (BENCH_GATES_OUT_DIR, bench/results)
  (BENCH_GATES_READINESS_ROOT=/abs/dir/: run readiness from that copy of the tree instead, for an A/B against an older commit)
  --json              print the JSON result to stdout instead of markdown`;

const { values: args } = parseArgs({
  options: {
    consumers: { type: 'string' },
    flips: { type: 'string' },
    'gap-ms': { type: 'string' },
    'wait-ms': { type: 'string' },
    'target-p50-ms': { type: 'string' },
    'target-p99-ms': { type: 'string' },
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
  consumers: int('consumers', 'BENCH_GATES_CONSUMERS', 4),
  flips: int('flips', 'BENCH_GATES_FLIPS', 200),
  gapMs: int('gap-ms', 'BENCH_GATES_GAP_MS', 250, 0),
  waitMs: int('wait-ms', 'BENCH_GATES_WAIT_MS', 5_000),
  targetP50Ms: int('target-p50-ms', 'BENCH_GATES_TARGET_P50_MS', 15),
  targetP99Ms: int('target-p99-ms', 'BENCH_GATES_TARGET_P99_MS', 50),
  readinessRoot: process.env.BENCH_GATES_READINESS_ROOT ?? null,
};
const outDir = args['out-dir'] ?? process.env.BENCH_GATES_OUT_DIR ?? new URL('../results/', import.meta.url).pathname;

const log = (line: string) => process.stderr.write(`${line}\n`);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const startedAt = new Date();
const run = randomUUID().slice(0, 6);
const runId = `${startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${run}`;
const label = `bench-gates-${run}`;
const topicPrefix = `${label}.`;
const tenantId = label;
const loadBefore = loadavg();

const cleanups: (() => Promise<unknown>)[] = [];
const decisions: DecisionLine[] = [];
const readyConsumers = new Set<number>();
let result: object | undefined;
let markdown = '';

try {
  log(`bench:gates run ${runId}: ${config.consumers} consumer processes, ${config.flips} switches, gap ${config.gapMs} ms ±50%`);
  const pg = await createPgTestDatabase(stackConfig.postgres.url);
  cleanups.push(() => pg.drop());
  const aws = await provisionPhiReadyAws(stackConfig.aws, { label, inputBucket: `md-${label}-in`, outputBucket: `md-${label}-out` });
  cleanups.push(async () => aws.close());
  const emulator = await startHealthscribeEmulator({ s3: aws.s3, kms: aws.kms });
  cleanups.push(() => emulator.close());
  // Every process of the bench acts as the stack's admin: the bench's topics are under no service ACLs.
  const kafkaEnv = {
    KAFKA_BROKERS: stackConfig.kafka.brokers.join(','),
    ...kafkaSaslEnv(stackConfig.kafka.sasl),
    KAFKA_TOPIC_PREFIX: topicPrefix,
  };

  // The audit service's part: a heartbeat every 500 ms, so the pipeline is not halted.
  const bus = createKafkaEventBus({ ...stackConfig.kafka, clientId: `${label}-driver`, topicPrefix });
  cleanups.push(() => bus.close());
  const beat = () =>
    bus.publish([
      {
        topic: TOPIC.AUDIT_HEARTBEAT,
        key: 'bench-audit',
        value: JSON.stringify({ ...auditHeartbeatFixture(), instanceId: 'bench-audit', issuedAt: new Date().toISOString(), lagTotal: 0 }),
      },
    ]);
  await bus.ensureTopics([{ name: TOPIC.AUDIT_HEARTBEAT, partitions: 1 }]);
  const heartbeat = setInterval(() => void beat().catch(() => undefined), 500);
  cleanups.push(async () => clearInterval(heartbeat));

  log('starting the readiness service (its own process, from source)…');
  const readiness = await startServiceFromSource(
    'readiness',
    {
      ...kafkaEnv,
      ...aws.env,
      AWS_HEALTHSCRIBE_ENDPOINT_URL: emulator.url,
      AUTH_OIDC_ISSUER: 'https://idp.bench.invalid/',
      DATABASE_URL: pg.url,
      KAFKA_GROUP_SUFFIX: `.${label}`,
      TOPIC_PARTITIONS: '6',
    },
    90_000,
    process.env.BENCH_GATES_READINESS_ROOT ?? '',
  );
  cleanups.push(() => readiness.stop());
  const client = internalReadinessClient(readiness.url);
  await client.registerTenant(tenantId, 'Bench Gates EMS');
  await client.updateSettings(tenantId, PHI_READY_SETTINGS);
  for (let i = 0; ; i++) {
    const view = await client.readiness(tenantId);
    if (view.readyCount === 7 && !view.halted) break;
    if (i === 150)
      throw new Error(
        `gates not ready after 30 s: ${view.gates
          .filter((g) => g.status !== 'ready')
          .map((g) => g.id)
          .join(', ')}`,
      );
    await sleep(200);
  }
  log('seven gates ready; starting the consumers…');

  const consumers: TsChild[] = [];
  for (let c = 0; c < config.consumers; c++) {
    consumers.push(
      spawnTs('bench/gates/gate-consumer.ts', { ...kafkaEnv, BENCH_TENANT: tenantId, BENCH_CONSUMER: String(c) }, (line) => {
        if (!line.startsWith('{')) return;
        const msg = JSON.parse(line) as ConsumerLine;
        if (msg.type === 'ready') readyConsumers.add(msg.consumer);
        else decisions.push(msg);
      }),
    );
  }
  cleanups.push(() => Promise.all(consumers.map((c) => c.stop())));
  for (let i = 0; readyConsumers.size < config.consumers; i++) {
    if (i === 600) throw new Error(`consumers not ready after 60 s:\n${consumers.map((c) => c.output()).join('\n')}`);
    await sleep(100);
  }

  // Decisions after this point that no switch asked for (expiry, halt) are counted as unexpected.
  // The floor, sampled after every switch: one Postgres transaction (BEGIN, one row UPDATE, COMMIT
  // on the readiness database) and then one Kafka hop through the same bus adapter (publish with
  // acks=all → this process's subscriber sees it).
  const floorTopic = 'bench.gates.floor';
  await bus.ensureTopics([{ name: floorTopic, partitions: 1 }]);
  const floorSeen = new Map<string, number>();
  const floorSub = await bus.subscribe({
    groupId: `${label}.floor`,
    topics: [floorTopic],
    handler: async (record) => {
      floorSeen.set(record.key ?? '', now());
      return { action: 'done' };
    },
  });
  cleanups.push(() => floorSub.close());
  const floorDb = new pgDriver.Client({ connectionString: pg.url });
  await floorDb.connect();
  cleanups.push(() => floorDb.end());
  await floorDb.query(
    'CREATE TABLE public.bench_floor (id int PRIMARY KEY, n bigint NOT NULL); INSERT INTO public.bench_floor VALUES (1, 0)',
  );
  let floorKeys = 0;
  const floorSample = async (): Promise<number | undefined> => {
    const key = `floor-${++floorKeys}`;
    const t0 = now();
    await floorDb.query('BEGIN');
    await floorDb.query('UPDATE public.bench_floor SET n = n + 1 WHERE id = 1');
    await floorDb.query('COMMIT');
    await bus.publish([{ topic: floorTopic, key, value: '{}' }]);
    while (!floorSeen.has(key) && now() - t0 < config.waitMs) await sleep(1);
    const seen = floorSeen.get(key);
    return seen === undefined ? undefined : seen - t0;
  };
  for (let i = 0; (await floorSample()) === undefined; i++) if (i === 12) throw new Error('the floor subscriber never saw a record');
  const floor: number[] = [];

  const measuredFrom = now();
  const results: FlipResult[] = [];
  let allowed: boolean = false;
  for (let flip = 1; flip <= config.flips; flip++) {
    const target: boolean = !allowed;
    const requestedAt = now();
    await client.setPhiMode(tenantId, target ? 'enabled' : 'disabled');
    const answeredAt = now();
    let honoured = honouredBy(decisions, config.consumers, requestedAt, target);
    while (honoured.some((h) => h === null) && now() - requestedAt < config.waitMs) {
      await sleep(2);
      honoured = honouredBy(decisions, config.consumers, requestedAt, target);
    }
    results.push({ flip, target, requestedAt, answeredAt, honoured });
    allowed = target;
    if (flip % 20 === 0 || flip === config.flips) {
      const last = Math.max(...honoured.map((h) => (h === null ? Number.NaN : h.at))) - requestedAt;
      log(`  switch ${flip}/${config.flips}: every consumer after ${last.toFixed(1)} ms`);
    }
    const f = await floorSample();
    if (f !== undefined) floor.push(f);
    await sleep(config.gapMs * (0.5 + Math.random()));
  }
  const expected = results.reduce((n, r) => n + r.honoured.filter((h) => h !== null).length, 0);
  const unexpected = decisions.filter((d) => d.at >= measuredFrom).length - expected;
  const report = buildReport(results, config.consumers, unexpected, config.targetP99Ms, floor, config.targetP50Ms);

  const finishedAt = new Date();
  result = {
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSec: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadavgBefore: loadBefore, loadavgAfter: loadavg() },
    versions: { node: process.version },
    config,
    report,
    flips: results,
  };
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
  markdown = [
    `## bench:gates ${runId}`,
    '',
    `${config.flips} owner PHI-mode switches through readiness's internal route, ${config.consumers} consumer processes, ` +
      `gap ${config.gapMs} ms ±50%; ` +
      `Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, load ${load(loadBefore)} ` +
      `→ ${load(loadavg())}; ${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s.`,
    '',
    markdownReport(report),
    '',
  ].join('\n');
} finally {
  for (const cleanup of cleanups.reverse())
    await cleanup().catch((err: unknown) => log(`cleanup: ${err instanceof Error ? err.message : String(err)}`));
  await deleteTopics().catch((err: unknown) => log(`topic cleanup failed (harmless): ${err instanceof Error ? err.message : String(err)}`));
}

async function deleteTopics(): Promise<void> {
  const admin = createKafkaClient({ ...stackConfig.kafka, clientId: `${label}-cleanup` }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix) || t.startsWith(`dlq.${topicPrefix}`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

mkdirSync(outDir, { recursive: true });
const base = `${outDir.replace(/\/$/, '')}/gates-${runId}`;
writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(`${base}.md`, markdown);
log(`results: ${base}.json, ${base}.md`);
process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : markdown);
process.exit(0);

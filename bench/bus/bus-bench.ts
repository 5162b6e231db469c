/**
 * Bus benchmark: publish → consume throughput and end-to-end latency through the kafkajs adapter
 * (createKafkaEventBus), measured in the same run as the broker's own ceiling (Kafka's
 * ProducerPerformance, ConsumerPerformance and EndToEndLatency), so the result is a ratio.
 *
 *   npm run bench:bus -- [--records 50000] [--latency-records 2000] [--rounds 1] ...   (--help)
 *
 * Needs the local stack (bash scripts/stack/stack.sh up). See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { loadStackConfig } from '@medicdraft/platform/testing';
import { runAdapterConsume, runAdapterEndToEnd, runAdapterPublish, type AdapterRunConfig } from './adapter-runs.js';
import {
  createJavaTools,
  parseConsumerPerformance,
  parseEndToEndLatency,
  parseProducerPerformance,
  STACK_CLIENT_PROPERTIES,
} from './kafka-tools.js';
import { markdownTable, summarizeSamples, summaryRows, type RoundResult } from './report.js';

const HELP = `Usage: npm run bench:bus -- [options]   (each option also reads the env variable shown)
  --records N           records per throughput run, each side          (BENCH_BUS_RECORDS, 50000)
  --record-size BYTES   value size, about one event                     (BENCH_BUS_RECORD_SIZE, 600)
  --latency-records N   one-at-a-time round trips per latency run       (BENCH_BUS_LATENCY_RECORDS, 2000)
  --warmup-records N    unmeasured adapter round trips before those     (BENCH_BUS_WARMUP_RECORDS, 50)
  --batch N             records per publish() call                      (BENCH_BUS_BATCH, 100)
  --concurrency N       publish() calls in flight                       (BENCH_BUS_CONCURRENCY, 1)
  --partitions N        partitions of every bench topic                 (BENCH_BUS_PARTITIONS, 6)
  --rounds N            repeat everything, report medians               (BENCH_BUS_ROUNDS, 3)
  --brokers LIST        bootstrap servers                               (KAFKA_BROKERS, 127.0.0.1:29092)
  --out-dir DIR         where the JSON and markdown results go          (BENCH_BUS_OUT_DIR, bench/results)
  --keep-topics         do not delete the run's topics at the end
  --json                print the JSON result to stdout instead of markdown`;

const { values: args } = parseArgs({
  options: {
    records: { type: 'string' },
    'record-size': { type: 'string' },
    'latency-records': { type: 'string' },
    'warmup-records': { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    partitions: { type: 'string' },
    rounds: { type: 'string' },
    brokers: { type: 'string' },
    'out-dir': { type: 'string' },
    'keep-topics': { type: 'boolean' },
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
  records: int('records', 'BENCH_BUS_RECORDS', 50_000),
  recordSize: int('record-size', 'BENCH_BUS_RECORD_SIZE', 600, 200),
  latencyRecords: int('latency-records', 'BENCH_BUS_LATENCY_RECORDS', 2_000),
  warmupRecords: int('warmup-records', 'BENCH_BUS_WARMUP_RECORDS', 50, 1),
  batch: int('batch', 'BENCH_BUS_BATCH', 100),
  concurrency: int('concurrency', 'BENCH_BUS_CONCURRENCY', 1),
  partitions: int('partitions', 'BENCH_BUS_PARTITIONS', 6),
  rounds: int('rounds', 'BENCH_BUS_ROUNDS', 3),
  brokers: (args.brokers ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:29092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean),
};
// The adapter's clients act as the stack's admin principal (KAFKA_ADMIN_USERNAME/PASSWORD override it).
const stackSasl = loadStackConfig().kafka.sasl;
const outDir = args['out-dir'] ?? process.env.BENCH_BUS_OUT_DIR ?? new URL('../results/', import.meta.url).pathname;

const log = (line: string) => process.stderr.write(`${line}\n`);
const startedAt = new Date();
const runId = `${startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${Math.random().toString(36).slice(2, 6)}`;
const prefix = `bench.bus.${runId}`;
const loadBefore = loadavg();

const admin = createKafkaEventBus({ brokers: config.brokers, sasl: stackSasl, clientId: `bench-bus-admin-${runId}` });
try {
  await admin.ping();
} catch {
  log(`Kafka at ${config.brokers.join(',')} does not answer; start the stack: bash scripts/stack/stack.sh up`);
  process.exit(1);
}
const tools = createJavaTools(log);
const bootstrap = config.brokers.join(',');
const adapterCfg: AdapterRunConfig = {
  brokers: config.brokers,
  sasl: stackSasl,
  runId,
  recordSize: config.recordSize,
  batch: config.batch,
  concurrency: config.concurrency,
  stallMs: 60_000,
  log,
};

log(
  `bench:bus run ${runId}: ${config.rounds} round(s), ${config.records} records × ${config.recordSize} B, ` +
    `${config.latencyRecords} round trips, ${config.partitions} partitions, Kafka ${tools.kafkaVersion}, java ${tools.javaVersion}`,
);

const commands = new Map<string, string>();
async function tool<T>(label: string, mainClass: string, toolArgs: string[], parse: (lines: string[]) => T): Promise<T> {
  const line = tools.commandLine(mainClass, toolArgs);
  commands.set(label, line);
  log(`  $ ${line}`);
  return parse(await tools.run(label, mainClass, toolArgs));
}

const roundTopic = (round: number, name: string) => `${prefix}.r${round}.${name}`;
const TOPICS = ['ceiling', 'adapter', 'ceiling-e2e', 'adapter-e2e'];

async function runRound(round: number): Promise<RoundResult> {
  const t = (name: string) => roundTopic(round, name);
  const adapterFirst = round % 2 === 0;
  const pair = async <C, A>(what: string, ceiling: () => Promise<C>, adapter: () => Promise<A>): Promise<[C, A]> => {
    const runCeiling = async () => {
      log(`[round ${round}] ceiling ${what}`);
      return ceiling();
    };
    const runAdapter = async () => {
      log(`[round ${round}] adapter ${what}`);
      return adapter();
    };
    if (adapterFirst) {
      const a = await runAdapter();
      return [await runCeiling(), a];
    }
    const c = await runCeiling();
    return [c, await runAdapter()];
  };

  const [producer, publish] = await pair(
    'publish throughput',
    () =>
      tool(
        'ProducerPerformance',
        'org.apache.kafka.tools.ProducerPerformance',
        [
          '--topic',
          t('ceiling'),
          '--num-records',
          String(config.records),
          '--record-size',
          String(config.recordSize),
          '--throughput',
          '-1',
          '--producer-props',
          'acks=all',
          `bootstrap.servers=${bootstrap}`,
          'enable.idempotence=true',
          '--producer.config',
          STACK_CLIENT_PROPERTIES,
        ],
        parseProducerPerformance,
      ),
    () => runAdapterPublish(adapterCfg, t('adapter'), config.records),
  );
  const [consumer, consume] = await pair(
    'consume throughput',
    () =>
      tool(
        'ConsumerPerformance',
        'org.apache.kafka.tools.ConsumerPerformance',
        [
          '--bootstrap-server',
          bootstrap,
          '--topic',
          t('ceiling'),
          '--messages',
          String(config.records),
          '--group',
          t('ceiling-consumer'),
          '--timeout',
          '60000',
          '--consumer.config',
          STACK_CLIENT_PROPERTIES,
        ],
        parseConsumerPerformance,
      ),
    () => runAdapterConsume(adapterCfg, t('adapter'), t('adapter-consumer'), config.records),
  );
  const [endToEnd, samples] = await pair(
    'end-to-end latency',
    () =>
      tool(
        'EndToEndLatency',
        'org.apache.kafka.tools.EndToEndLatency',
        [bootstrap, t('ceiling-e2e'), String(config.latencyRecords), 'all', String(config.recordSize), STACK_CLIENT_PROPERTIES],
        parseEndToEndLatency,
      ),
    () => runAdapterEndToEnd(adapterCfg, t('adapter-e2e'), t('adapter-e2e-consumer'), config.latencyRecords, config.warmupRecords),
  );
  return {
    round,
    order: adapterFirst ? 'adapter-first' : 'ceiling-first',
    ceiling: { producer, consumer, endToEnd },
    adapter: { publish, consume, ...summarizeSamples(samples) },
  };
}

const rounds: RoundResult[] = [];
try {
  // All up front: no side of a pair writes to a topic whose leaders were elected a moment ago.
  await admin.ensureTopics(
    Array.from({ length: config.rounds }, (_, i) =>
      TOPICS.map((n) => ({ name: roundTopic(i + 1, n), partitions: config.partitions })),
    ).flat(),
  );
  for (let round = 1; round <= config.rounds; round++) rounds.push(await runRound(round));
} finally {
  await admin.close();
  if (!args['keep-topics']) {
    // Bench topics and the dead-letter topics the adapter's subscriptions created.
    const pattern = `(dlq\\.)?${prefix.replace(/\./g, '\\.')}\\..*`;
    log(`deleting topics matching ${pattern}`);
    await tools
      .run(
        'TopicCommand',
        'org.apache.kafka.tools.TopicCommand',
        ['--bootstrap-server', bootstrap, '--command-config', STACK_CLIENT_PROPERTIES, '--delete', '--topic', pattern],
        { progress: () => false },
      )
      .catch((err: unknown) => log(`topic cleanup failed (harmless): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`));
  }
}

const rows = summaryRows(rounds);
const finishedAt = new Date();
let kafkajsVersion = 'unknown';
try {
  kafkajsVersion = (createRequire(import.meta.url)('kafkajs/package.json') as { version: string }).version;
} catch {
  // Only labels the report.
}
const result = {
  runId,
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  durationSec: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadavgBefore: loadBefore, loadavgAfter: loadavg() },
  versions: { node: process.version, kafkajs: kafkajsVersion, kafka: tools.kafkaVersion, java: tools.javaVersion },
  config,
  commands: Object.fromEntries(commands),
  summary: rows,
  rounds,
};

const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
const markdown = [
  `## bench:bus ${runId}`,
  '',
  `${config.rounds} round(s) (medians), ${config.records} records × ${config.recordSize} B per throughput run, ` +
    `${config.latencyRecords} one-at-a-time round trips per latency run, ${config.partitions} partitions, ` +
    `adapter batch ${config.batch} × ${config.concurrency} in flight. ` +
    `Kafka ${tools.kafkaVersion}, kafkajs ${kafkajsVersion}, Node ${process.version}, Java ${tools.javaVersion}; ` +
    `${result.machine.cpus} × ${result.machine.cpuModel}, load ${load(loadBefore)} ` +
    `→ ${load(result.machine.loadavgAfter)}; ${result.durationSec} s.`,
  '',
  markdownTable(rows),
  '',
].join('\n');

mkdirSync(outDir, { recursive: true });
const base = `${outDir.replace(/\/$/, '')}/bus-${runId}`;
writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(`${base}.md`, markdown);
log(`results: ${base}.json, ${base}.md`);
process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : markdown);

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The broker's own ceiling: Kafka's perf tools (kafka-tools jar, fetched with the broker by
 * scripts/stack/fetch-kafka.sh) run as separate JVMs against the same broker, with the same
 * acks/idempotence/record size as the adapter, so adapter/ceiling is a ratio within one run.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const stackDir = `${repoRoot}scripts/stack`;
/**
 * The admin principal's client settings that scripts/stack/stack.sh writes (SASL/SCRAM): the
 * broker accepts no unauthenticated client, so the Java tools sign in like the adapter does.
 */
export const STACK_CLIENT_PROPERTIES = `${repoRoot}.stack/kafka/admin-client.properties`;

export interface JavaTools {
  libs: string;
  kafkaVersion: string;
  javaVersion: string;
  /** Full argv of a tool run, with the cache dir shown as $KAFKA_LIBS (for the report). */
  commandLine(mainClass: string, args: readonly string[]): string;
  run(label: string, mainClass: string, args: readonly string[], opts?: { progress?: (line: string) => boolean }): Promise<string[]>;
}

/** Default JIT (no TieredStopAtLevel as in stack.sh's short CLI calls): these runs are measured. */
const jvmFlags = (classpath: string, stack: string) => [
  '-Xmx512m',
  '-Djava.awt.headless=true',
  `-Dlog4j.configuration=file:${stack}/tools-log4j.properties`,
  '-cp',
  classpath,
];

export function createJavaTools(log: (line: string) => void, timeoutMs = 600_000): JavaTools {
  let libs: string;
  try {
    libs = execFileSync('bash', [`${stackDir}/fetch-kafka.sh`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  } catch {
    throw new Error('could not obtain the Kafka jars (bash scripts/stack/fetch-kafka.sh)');
  }
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error('java not found on PATH (scripts/install-deps.sh installs it)');
  // `java -version` writes to stderr.
  const javaVersion = /version "([^"]+)"/.exec(`${probe.stderr}${probe.stdout}`)?.[1] ?? 'unknown';
  let kafkaVersion = 'unknown';
  try {
    kafkaVersion = readFileSync(`${libs}/.complete`, 'utf8').trim();
  } catch {
    // An older cache without the marker; the version only labels the report.
  }

  return {
    libs,
    kafkaVersion,
    javaVersion,
    commandLine: (mainClass, args) =>
      [
        'java',
        ...jvmFlags('"$KAFKA_LIBS/*"', 'scripts/stack'),
        mainClass,
        ...args.map((a) => (/^[\w.,:=\/-]+$/.test(a) ? a : `'${a}'`)),
      ].join(' '),
    run: (label, mainClass, args, opts) =>
      new Promise((resolve, reject) => {
        const child = spawn('java', [...jvmFlags(`${libs}/*`, stackDir), mainClass, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        const lines: string[] = [];
        const stderr: string[] = [];
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (opts?.progress?.(line) ?? true) log(`  [${label}] ${line}`);
        });
        createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
        child.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (code === 0) return resolve(lines);
          reject(new Error(`${label}: java ${mainClass} exited with ${signal ?? code}\n${[...stderr, ...lines].slice(-15).join('\n')}`));
        });
      }),
  };
}

export interface ProducerPerfResult {
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  /** Send→ack latency under saturation (not comparable to the one-at-a-time figures). */
  avgLatencyMs: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
}

// "50000 records sent, 17850.8 records/sec (10.21 MB/sec)" then ", 570.18 ms avg latency, 776.00 ms max latency, 560 ms 50th, …".
const PRODUCER_THROUGHPUT = String.raw`^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)`;
const PRODUCER_LATENCY = String.raw`, ([\d.]+) ms avg latency, [\d.]+ ms max latency, (\d+) ms 50th, \d+ ms 95th, (\d+) ms 99th`;
const PRODUCER_FINAL = new RegExp(PRODUCER_THROUGHPUT + PRODUCER_LATENCY);

/** ProducerPerformance prints progress lines every 5 s and one final line with percentiles. */
export function parseProducerPerformance(lines: readonly string[]): ProducerPerfResult {
  for (const line of [...lines].reverse()) {
    const m = PRODUCER_FINAL.exec(line);
    if (m) {
      return {
        records: Number(m[1]),
        recordsPerSec: Number(m[2]),
        mbPerSec: Number(m[3]),
        avgLatencyMs: Number(m[4]),
        p50LatencyMs: Number(m[5]),
        p99LatencyMs: Number(m[6]),
      };
    }
  }
  throw new Error(`ProducerPerformance: no summary line in output:\n${lines.slice(-5).join('\n')}`);
}

export interface ConsumerPerfResult {
  records: number;
  /** Includes the group join (rebalance.time.ms). */
  recordsPerSec: number;
  /** Excludes the group join: comparable to the adapter's first→last record rate. */
  fetchRecordsPerSec: number;
  fetchMbPerSec: number;
  rebalanceMs: number;
}

/** ConsumerPerformance prints a CSV header and one CSV line. */
export function parseConsumerPerformance(lines: readonly string[]): ConsumerPerfResult {
  const headerAt = lines.findIndex((l) => l.startsWith('start.time,'));
  const header = lines[headerAt]?.split(',').map((s) => s.trim());
  const values = lines[headerAt + 1]?.split(',').map((s) => s.trim());
  if (!header || !values || values.length !== header.length) {
    throw new Error(`ConsumerPerformance: no summary in output:\n${lines.slice(-5).join('\n')}`);
  }
  const col = (name: string) => {
    const v = Number(values[header.indexOf(name)]);
    if (!Number.isFinite(v)) throw new Error(`ConsumerPerformance: column ${name} missing`);
    return v;
  };
  return {
    records: col('data.consumed.in.nMsg'),
    recordsPerSec: col('nMsg.sec'),
    fetchRecordsPerSec: col('fetch.nMsg.sec'),
    fetchMbPerSec: col('fetch.MB.sec'),
    rebalanceMs: col('rebalance.time.ms'),
  };
}

export interface EndToEndResult {
  avgMs: number;
  /** Whole milliseconds: the tool truncates each sample before taking percentiles. */
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
}

export function parseEndToEndLatency(lines: readonly string[]): EndToEndResult {
  const avg = lines.map((l) => /^Avg latency: ([\d.]+) ms/.exec(l)).find(Boolean);
  const pct = lines.map((l) => /^Percentiles: 50th = (\d+), 99th = (\d+), 99\.9th = (\d+)/.exec(l)).find(Boolean);
  if (!avg || !pct) throw new Error(`EndToEndLatency: no summary in output:\n${lines.slice(-5).join('\n')}`);
  return { avgMs: Number(avg[1]), p50Ms: Number(pct[1]), p99Ms: Number(pct[2]), p999Ms: Number(pct[3]) };
}

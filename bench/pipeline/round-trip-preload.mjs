// Preload for the pipeline bench (`--import <abs path>/bench/pipeline/round-trip-preload.mjs` in a
// service's NODE_OPTIONS): counts the round trips a service process makes to its dependencies —
// Postgres transactions and statements (node-postgres `Client.query`), Kafka sends (kafkajs
// producer `send`/`sendBatch`), object-store calls (S3 and KMS client `send`), HealthScribe calls
// (Transcribe client `send`: starts and status polls) and Redis commands (ioredis `sendCommand`) —
// without touching the service's code. On SIGUSR2 it writes the counters so far to
// `$BENCH_COUNT_DIR/<service>-<pid>.json` (synchronously, then the bench reads it); the bench takes
// one snapshot before and one after a measured window and divides the difference by the
// dictations. The clients are resolved from the service's own main.js, so a baseline tree (A/B) is
// counted through the very modules it loads.
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const main = process.argv[1] ?? '';
const service = basename(dirname(dirname(main)));
const requireFromService = createRequire(main);
const counts = {
  pgTransactions: 0,
  pgStatements: 0,
  kafkaSends: 0,
  kafkaRecords: 0,
  objectStoreCalls: 0,
  kmsCalls: 0,
  engineCalls: 0,
  redisCommands: 0,
  objectCommands: {},
  // With BENCH_COUNT_SQL=1: statements by their first words, to see which ones a stage repeats.
  sql: {},
};
const bySql = process.env['BENCH_COUNT_SQL'] === '1';
// With BENCH_TIMING_LOG=<file>: one line per call that returned a promise — service, what (the
// statement's first words or the command), start (epoch ms) and duration (ms), tab-separated — from
// which one dictation's timeline across the services can be read.
const timingLog = process.env['BENCH_TIMING_LOG'] || undefined;
const wallClock = () => performance.timeOrigin + performance.now();
function timed(what, result) {
  if (timingLog === undefined || typeof result?.then !== 'function') return result;
  const start = wallClock();
  const line = () => appendFileSync(timingLog, `${service}\t${what}\t${start.toFixed(1)}\t${(wallClock() - start).toFixed(2)}\n`);
  result.then(line, line);
  return result;
}

function load(name) {
  try {
    return requireFromService(name);
  } catch {
    return undefined;
  }
}

const pg = load('pg');
if (pg?.Client) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(config, ...rest) {
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    counts.pgStatements += 1;
    if (/^\s*BEGIN\b/i.test(text)) counts.pgTransactions += 1;
    if (bySql) {
      const head = text.replace(/\s+/g, ' ').trim().slice(0, 90);
      counts.sql[head] = (counts.sql[head] ?? 0) + 1;
    }
    return timed('pg:' + text.replace(/\s+/g, ' ').trim().slice(0, 40), query.call(this, config, ...rest));
  };
}

const kafkajs = load('kafkajs');
if (kafkajs?.Kafka) {
  const producer = kafkajs.Kafka.prototype.producer;
  kafkajs.Kafka.prototype.producer = function countedProducer(...args) {
    const p = producer.apply(this, args);
    const send = p.send;
    const sendBatch = p.sendBatch;
    p.send = (req) => {
      counts.kafkaSends += 1;
      counts.kafkaRecords += req?.messages?.length ?? 0;
      return timed('kafka.send', send(req));
    };
    p.sendBatch = (req) => {
      counts.kafkaSends += 1;
      for (const t of req?.topicMessages ?? []) counts.kafkaRecords += t.messages?.length ?? 0;
      return timed('kafka.sendBatch', sendBatch(req));
    };
    return p;
  };
}

function countSends(pkg, clientName, counter) {
  const mod = load(pkg);
  const Client = mod?.[clientName];
  if (!Client) return;
  const send = Client.prototype.send;
  Client.prototype.send = function countedSend(command, ...rest) {
    counts[counter] += 1;
    const name = `${clientName}.${command?.constructor?.name ?? 'unknown'}`;
    counts.objectCommands[name] = (counts.objectCommands[name] ?? 0) + 1;
    return timed(name, send.call(this, command, ...rest));
  };
}
countSends('@aws-sdk/client-s3', 'S3Client', 'objectStoreCalls');
countSends('@aws-sdk/client-kms', 'KMSClient', 'kmsCalls');
countSends('@aws-sdk/client-transcribe', 'TranscribeClient', 'engineCalls');

const ioredis = load('ioredis');
const Redis = ioredis?.default ?? ioredis?.Redis ?? ioredis;
if (Redis?.prototype?.sendCommand) {
  const sendCommand = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function countedCommand(...args) {
    counts.redisCommands += 1;
    return timed(`redis.${args[0]?.name ?? 'command'}`, sendCommand.apply(this, args));
  };
}

process.on('SIGUSR2', () => {
  const dir = process.env['BENCH_COUNT_DIR'];
  if (!dir) return;
  writeFileSync(join(dir, `${service}-${process.pid}.json`), JSON.stringify({ service, pid: process.pid, at: Date.now(), counts }));
});

import { generateKeyPairSync } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import type { DomainEvent } from '@medicdraft/contracts';
import {
  createAuditBatcher,
  createCheckpointer,
  chainHash,
  GENESIS_HASH,
  registerSigningKeys,
  signingKeyFromPem,
  toAuditRecord,
  type KeyRing,
} from '@medicdraft/audit/internals';
import { canonicalJson, type AdminDatabase, type Logger } from '@medicdraft/platform';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { startCpuMeter } from './cpu-meter.js';
import { throughput, type Throughput } from './report.js';

export function benchKeyRing(): KeyRing {
  const { privateKey } = generateKeyPairSync('ed25519');
  const key = signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return { active: key, all: [key] };
}

export interface AppendConfig {
  batchMax: number;
  lingerMs: number;
  /** Records offered to the batcher before waiting for them (what many partitions in flight would do). */
  window: number;
  checkpointEvery: number;
  checkpointIntervalMs: number;
}

/**
 * The service's append path minus Kafka: records go through `createAuditBatcher` (one transaction
 * per tenant per batch: advisory lock, dedupe read, head read, hashing, one multi-row INSERT) with
 * the checkpointer told about every append, as service.ts wires it. Timed from the first append
 * to the last record being durable.
 */
export async function runAppend(
  db: AdminDatabase,
  url: string,
  events: readonly DomainEvent[],
  cfg: AppendConfig,
  logger: Logger,
  keys: KeyRing,
): Promise<Throughput> {
  await registerSigningKeys(db, keys.all);
  const checkpointer = createCheckpointer({ db, keys, logger, intervalMs: cfg.checkpointIntervalMs, everyEvents: cfg.checkpointEvery });
  const batcher = createAuditBatcher({
    db,
    maxBatch: cfg.batchMax,
    lingerMs: cfg.lingerMs,
    onAppended: (tenantId, links) => {
      if (links.length > 0) checkpointer.noteAppended(tenantId, links.length);
    },
  });
  const records = events.map((e, i) => toAuditRecord(e, { topic: e.type, partition: i % 6, offset: String(i) }));
  checkpointer.start();
  const cpu = await startCpuMeter(url);
  const started = performance.now();
  for (let i = 0; i < records.length; i += cfg.window) await Promise.all(records.slice(i, i + cfg.window).map((r) => batcher.append(r)));
  const ms = performance.now() - started;
  const used = await cpu();
  await checkpointer.stop();
  return throughput(records.length, ms, used);
}

/** canonical JSON + SHA-256 chaining of the same events per tenant, no I/O: the CPU floor of the append. */
export function runHashOnly(events: readonly DomainEvent[]): Throughput {
  const heads = new Map<string, string>();
  const started = performance.now();
  for (const e of events) heads.set(e.tenantId, chainHash(heads.get(e.tenantId) ?? GENESIS_HASH, canonicalJson(e)));
  return throughput(events.length, performance.now() - started);
}

/**
 * Copies the rows the append produced out of `audit.events` (untimed), then times
 * `COPY bench_copy.events FROM STDIN` of exactly those bytes into a table created
 * `LIKE audit.events INCLUDING DEFAULTS INCLUDING INDEXES` (same columns, primary key, unique
 * (tenant, seq) and time index; no RLS, trigger or check constraint).
 */
export async function runCopy(url: string): Promise<Throughput> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const chunks: Buffer[] = [];
    await pipeline(
      client.query(copyStreams.to('COPY audit.events TO STDOUT')),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          chunks.push(chunk);
          cb();
        },
      }),
    );
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM audit.events');
    await client.query(
      'DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy; CREATE TABLE bench_copy.events (LIKE audit.events ' +
        'INCLUDING DEFAULTS INCLUDING INDEXES)',
    );
    const cpu = await startCpuMeter(url);
    const started = performance.now();
    await pipeline(Readable.from(chunks), client.query(copyStreams.from('COPY bench_copy.events FROM STDIN')));
    const ms = performance.now() - started;
    const used = await cpu();
    await client.query('DROP SCHEMA bench_copy CASCADE');
    return throughput(Number(rows[0]?.n ?? 0), ms, used);
  } finally {
    await client.end();
  }
}

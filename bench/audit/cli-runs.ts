import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import {
  createPgCopyRowStream,
  inlineParams,
  REPLAY_SELECT,
  runCli,
  verifyChainSelect,
  type CliContext,
} from '@medicdraft/audit/internals';
import type { AdminDatabase } from '@medicdraft/platform';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { startCpuMeter } from './cpu-meter.js';
import { throughput, type Throughput } from './report.js';

/** Output of one CLI run: JSON lines kept (they are small: one per tenant or verdict). */
function lines() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return {
    stream,
    parsed: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/**
 * The CLI's context as `medicdraft-audit` builds it: every statement in a READ ONLY transaction,
 * the large reads streamed with COPY on a connection of their own (`streams`).
 */
function cliContext(db: AdminDatabase, streams: pg.Pool, out: NodeJS.WritableStream, err: NodeJS.WritableStream): CliContext {
  return {
    read: (fn) =>
      db.admin(async (tx) => {
        await tx.query('SET TRANSACTION READ ONLY');
        return fn(tx);
      }),
    rows: createPgCopyRowStream(streams),
    out,
    err,
    kafkaBrokers: [],
  };
}

/**
 * `medicdraft-audit verify` (all tenants) through the CLI's own runner. Throws unless it exits 0
 * with every tenant ok, so the figure is never the speed of failing fast.
 */
export async function runVerify(db: AdminDatabase, url: string, expected: number, progress: NodeJS.WritableStream): Promise<Throughput> {
  const out = lines();
  const streams = new pg.Pool({ connectionString: url, max: 1 });
  const cpu = await startCpuMeter(url);
  const started = performance.now();
  // The pool ends only after the CPU meter read its backend (a backend that exits takes its CPU with it).
  const [code, ms, used] = await runCli(['verify'], cliContext(db, streams, out.stream, progress))
    .then(async (c) => [c, performance.now() - started, await cpu()] as const)
    .finally(() => streams.end());
  const summaries = out.parsed().filter((l) => 'ok' in l);
  const records = summaries.reduce((n, l) => n + Number(l['records']), 0);
  if (code !== 0 || records !== expected || !summaries.every((l) => l['ok'] === true))
    throw new Error(`verify exited ${code} over ${records}/${expected} records: ${JSON.stringify(out.parsed().slice(0, 3))}`);
  return throughput(records, ms, used);
}

/** `medicdraft-audit replay --tenant T --source postgres` for every tenant, back to back. */
export async function runReplay(
  db: AdminDatabase,
  url: string,
  tenants: readonly string[],
  expected: number,
  progress: NodeJS.WritableStream,
): Promise<Throughput> {
  let count = 0;
  const streams = new pg.Pool({ connectionString: url, max: 1 });
  const cpu = await startCpuMeter(url);
  const started = performance.now();
  let ms: number;
  let used: Awaited<ReturnType<typeof cpu>>;
  try {
    for (const tenantId of tenants) {
      const out = lines();
      const code = await runCli(['replay', '--tenant', tenantId, '--source', 'postgres'], cliContext(db, streams, out.stream, progress));
      if (code !== 0) throw new Error(`replay of ${tenantId} exited ${code}`);
      count += Number(out.parsed()[0]?.['count']);
    }
    ms = performance.now() - started;
    used = await cpu();
  } finally {
    await streams.end();
  }
  if (count !== expected) throw new Error(`replay counted ${count} events, expected ${expected}`);
  return throughput(count, ms, used);
}

/** The statements a ceiling streams for one tenant (what `psql -c "<statement>" > /dev/null` runs). */
export const CEILINGS = {
  /** verify's own statement: the same rows and columns, with the database's jsonb = text comparison. */
  verify: (tenantId: string) => `COPY (${inlineParams(verifyChainSelect('audit.events'), [tenantId])}) TO STDOUT`,
  /** replay's own statement. */
  replay: (tenantId: string) => `COPY (${inlineParams(REPLAY_SELECT, [tenantId, null, null])}) TO STDOUT`,
  /** The same rows as stored, every column, in chain order (no per-row work beyond printing them). */
  stored: (tenantId: string) =>
    `COPY (${inlineParams('SELECT * FROM audit.events WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq', [tenantId])}) TO STDOUT`,
};

/**
 * The ceiling: Postgres streaming `statement(tenant)` for every tenant with `COPY … TO STDOUT`
 * into /dev/null, nothing parsed (pg-copy-streams on one connection that stays open, so the CPU
 * meter sees its backend). Returns the rows streamed per second.
 */
export async function runCopyCeiling(
  url: string,
  tenants: readonly string[],
  statement: (tenantId: string) => string,
): Promise<Throughput> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows = 0;
    const cpu = await startCpuMeter(url);
    const started = performance.now();
    for (const tenantId of tenants) {
      await client.query('BEGIN READ ONLY');
      const copy = client.query(copyStreams.to(statement(tenantId)));
      await pipeline(copy, createWriteStream('/dev/null'));
      rows += copy.rowCount ?? 0;
      await client.query('COMMIT');
    }
    const ms = performance.now() - started;
    return throughput(rows, ms, await cpu());
  } finally {
    await client.end();
  }
}

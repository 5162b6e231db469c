import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { runCli, type CliContext } from '@medicdraft/audit/internals';
import type { AdminDatabase } from '@medicdraft/platform';
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

/** The CLI's context as `medicdraft-audit` builds it: every statement in a READ ONLY transaction. */
function cliContext(db: AdminDatabase, out: NodeJS.WritableStream, err: NodeJS.WritableStream): CliContext {
  return {
    read: (fn) =>
      db.admin(async (tx) => {
        await tx.query('SET TRANSACTION READ ONLY');
        return fn(tx);
      }),
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
  const cpu = await startCpuMeter(url);
  const started = performance.now();
  const code = await runCli(['verify'], cliContext(db, out.stream, progress));
  const ms = performance.now() - started;
  const used = await cpu();
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
  const cpu = await startCpuMeter(url);
  const started = performance.now();
  for (const tenantId of tenants) {
    const out = lines();
    const code = await runCli(['replay', '--tenant', tenantId, '--source', 'postgres'], cliContext(db, out.stream, progress));
    if (code !== 0) throw new Error(`replay of ${tenantId} exited ${code}`);
    count += Number(out.parsed()[0]?.['count']);
  }
  const ms = performance.now() - started;
  const used = await cpu();
  if (count !== expected) throw new Error(`replay counted ${count} events, expected ${expected}`);
  return throughput(count, ms, used);
}

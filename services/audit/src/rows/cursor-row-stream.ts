import type { ReadTx } from '../verify/pg-audit-source.js';
import type { RowStream, SqlParam, TextRow } from './row-stream.port.js';

/**
 * The row stream over any `Queryable` (PGlite in embedded mode and the unit tests): a server-side
 * cursor declared in one transaction of `read`, fetched `batchSize` rows at a time, the next batch
 * fetched while the caller works on the current one.
 */
export function createCursorRowStream(read: ReadTx, batchSize = 5_000): RowStream {
  return { rows: (sql, params = []) => cursorRows(read, sql, params, batchSize) };
}

async function* cursorRows(read: ReadTx, sql: string, params: readonly SqlParam[], batchSize: number): AsyncGenerator<TextRow[]> {
  const ready: TextRow[][] = [];
  let stopped = false;
  let ended = false;
  let failed = false;
  let failure: unknown;
  let resumeProducer: (() => void) | undefined;
  let wakeConsumer: (() => void) | undefined;
  const wake = () => {
    const w = wakeConsumer;
    wakeConsumer = undefined;
    w?.();
  };
  const producer = read(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    await tx.query(`DECLARE row_stream NO SCROLL CURSOR FOR ${sql}`, params);
    while (!stopped) {
      const { rows } = await tx.query<Record<string, string | null>>(`FETCH FORWARD ${batchSize} FROM row_stream`);
      if (rows.length === 0) return;
      ready.push(rows.map((r) => Object.values(r)));
      wake();
      // One batch ahead of the caller, no more.
      if (!stopped) await new Promise<void>((resolve) => (resumeProducer = resolve));
    }
  }).then(
    () => {
      ended = true;
      wake();
    },
    (err: unknown) => {
      failed = true;
      failure = err;
      ended = true;
      wake();
    },
  );
  try {
    for (;;) {
      const batch = ready.shift();
      if (batch !== undefined) {
        const resume = resumeProducer;
        resumeProducer = undefined;
        resume?.();
        yield batch;
        continue;
      }
      if (failed) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
    }
  } finally {
    stopped = true;
    resumeProducer?.();
    await producer;
  }
}

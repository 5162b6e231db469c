import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { CopyTextDecoder } from './copy-text.js';
import type { RowStream, SqlParam, TextRow } from './row-stream.port.js';

/**
 * The row stream on Postgres: one `COPY (<select>) TO STDOUT` in a READ ONLY transaction on a
 * connection of `pool`, decoded as it arrives (COPY text format, copy-text.ts). One statement, so
 * one snapshot and no per-page round trip or plan; the socket's backpressure bounds memory. COPY
 * takes no bind parameters, so `params` are inlined as literals (node-postgres' `escapeLiteral`).
 */
export function createPgCopyRowStream(pool: pg.Pool): RowStream {
  return { rows: (sql, params = []) => copyRows(pool, sql, params) };
}

async function* copyRows(pool: pg.Pool, sql: string, params: readonly SqlParam[]): AsyncGenerator<TextRow[]> {
  const statement = `COPY (${inlineParams(sql, params)}) TO STDOUT`;
  const client = await pool.connect();
  let clean = false;
  try {
    await client.query('BEGIN READ ONLY');
    const decoder = new CopyTextDecoder();
    for await (const chunk of client.query(copyTo(statement)) as AsyncIterable<Buffer>) {
      const rows = decoder.push(chunk);
      if (rows.length > 0) yield rows;
    }
    decoder.end();
    await client.query('COMMIT');
    clean = true;
  } finally {
    // A caller that stopped mid-COPY (or an error) leaves the connection inside the COPY: drop it.
    client.release(clean ? undefined : true);
  }
}

/** `sql` with `$n` replaced by the literal of `params[n - 1]`. */
export function inlineParams(sql: string, params: readonly SqlParam[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= params.length) throw new RangeError(`no value for $${n}`);
    const v = params[i] as SqlParam;
    if (v === null) return 'NULL';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new RangeError(`$${n} is not a finite number`);
      return String(v);
    }
    return pg.escapeLiteral(v);
  });
}

import { describe, expect, it } from 'vitest';
import type { RowStream, SqlParam, TextRow } from './row-stream.port.js';

/** A RowStream adapter over one database, and a way to run setup SQL on it. */
export interface RowStreamHarness {
  stream(): RowStream;
  exec(sql: string): Promise<void>;
}

async function all(stream: RowStream, sql: string, params?: readonly SqlParam[]): Promise<{ rows: TextRow[]; batches: number }> {
  const rows: TextRow[] = [];
  let batches = 0;
  for await (const batch of stream.rows(sql, params)) {
    expect(batch.length).toBeGreaterThan(0);
    batches++;
    rows.push(...batch);
  }
  return { rows, batches };
}

/** Values whose text output needs escaping in COPY text format, or is easy to get wrong. */
const AWKWARD = [
  'plain',
  '',
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash',
  '\\N',
  'N',
  '\\',
  'ends with backslash\\',
  'form\ffeed \b backspace \v vtab',
  'ünïcödé ✓ 𝄞 😀',
  '{"canonical":"json","with":"\\"quotes\\""}',
  '\u0001\u001f control',
];

/**
 * The RowStream contract (row-stream.port.ts), run against every adapter: text values survive
 * exactly (escapes, NULL, multi-byte UTF-8), params bind as values, order and snapshot are the
 * statement's, large results arrive in several bounded batches, a caller may stop early, and a
 * SQL error rejects with its SQLSTATE.
 */
export function describeRowStreamContract(name: string, harness: () => RowStreamHarness): void {
  describe(`RowStream contract: ${name}`, () => {
    it('returns every text value exactly, NULL as null, in the statement order', async () => {
      const h = harness();
      await h.exec(
        'DROP TABLE IF EXISTS public.row_stream_values; CREATE TABLE public.row_stream_values (i int PRIMARY KEY, v text, j jsonb)',
      );
      for (const [i, v] of AWKWARD.entries())
        await h.exec(`INSERT INTO public.row_stream_values VALUES (${i}, ${literal(v)}, ${literal(JSON.stringify({ v }))}::jsonb)`);
      await h.exec(`INSERT INTO public.row_stream_values VALUES (${AWKWARD.length}, NULL, NULL)`);
      const { rows } = await all(h.stream(), 'SELECT i::text AS id, v, j::text AS j FROM public.row_stream_values ORDER BY i DESC');
      expect(rows.map(([i, v]) => [i, v])).toEqual([...AWKWARD.map((v, i) => [String(i), v]), [String(AWKWARD.length), null]].reverse());
      expect(rows.map(([, , j]) => (j === null || j === undefined ? null : (JSON.parse(j) as { v: string }).v))).toEqual([
        null,
        ...[...AWKWARD].reverse(),
      ]);
    });

    it('binds $n params as values: text with quotes and backslashes, numbers, NULL', async () => {
      const h = harness();
      const tricky = "it's a \\'quote\\' -- ; DROP TABLE x";
      const { rows } = await all(
        h.stream(),
        'SELECT $1::text AS a, ($2::int + 1)::text AS b, ($3::text IS NULL)::text AS c, ($1::text = $4::text)::text AS d',
        [tricky, 41, null, tricky],
      );
      expect(rows).toEqual([[tricky, '42', 'true', 'true']]);
    });

    it('streams a large result in several bounded batches, and nothing for an empty one', async () => {
      const h = harness();
      const { rows, batches } = await all(
        h.stream(),
        "SELECT n::text AS g, repeat('x', 200) AS pad FROM generate_series(1, 30000) AS s(n) ORDER BY n",
      );
      expect(rows.length).toBe(30_000);
      expect(rows.every((r, i) => r[0] === String(i + 1) && r[1]?.length === 200)).toBe(true);
      expect(batches).toBeGreaterThan(1);
      expect(await all(h.stream(), 'SELECT n::text AS g FROM generate_series(1, 0) AS s(n)')).toEqual({ rows: [], batches: 0 });
    });

    it('a caller that stops early releases the connection: the next statement runs', async () => {
      const h = harness();
      const stream = h.stream();
      for (let i = 0; i < 3; i++) {
        for await (const batch of stream.rows("SELECT n::text AS g, repeat('y', 500) AS pad FROM generate_series(1, 50000) AS s(n)")) {
          expect(batch[0]?.[0]).toBe('1');
          break;
        }
      }
      expect((await all(stream, 'SELECT 1::text AS one')).rows).toEqual([['1']]);
    });

    it('a SQL error rejects with its SQLSTATE, also after rows were given', async () => {
      const h = harness();
      const stream = h.stream();
      const seen: string[] = [];
      const failing = async () => {
        for await (const batch of stream.rows(
          "SELECT (CASE WHEN n < 20000 THEN n::text ELSE ('x' || n)::int::text END) AS g FROM generate_series(1, 20001) AS s(n)",
        ))
          for (const r of batch) seen.push(r[0] as string);
      };
      await expect(failing()).rejects.toMatchObject({ code: '22P02' });
      expect(seen.length).toBeLessThan(20_000);
      await expect(all(stream, 'SELECT 1/0 AS boom')).rejects.toMatchObject({ code: '22012' });
      expect((await all(stream, 'SELECT 2::text AS two')).rows).toEqual([['2']]);
    });

    it('reads in a read-only transaction', async () => {
      const h = harness();
      await h.exec('CREATE SEQUENCE IF NOT EXISTS public.row_stream_seq');
      await expect(all(h.stream(), "SELECT (nextval('public.row_stream_seq'))::text AS n")).rejects.toMatchObject({ code: '25006' });
    });
  });
}

function literal(v: string): string {
  return `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

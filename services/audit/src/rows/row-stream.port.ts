/** One row as Postgres prints it: each column's text output, or null for SQL NULL. */
export type TextRow = (string | null)[];

/** A bind value: text, a finite number, or NULL. */
export type SqlParam = string | number | null;

/**
 * Streams the rows of one read-only SELECT, in the statement's order, in batches.
 * Contract:
 * - `sql` is a single SELECT whose every output column is of type text (cast with `::text`) and has
 *   a distinct name; `$1..$n` refer to `params`. Each row is its columns' text in select-list order.
 *   (An ORDER BY names the table's columns qualified: `ORDER BY seq` after `seq::text AS seq` sorts the text.)
 * - The rows come from one snapshot (one statement or one transaction) and from a read-only
 *   transaction as the reader's own connection user (no tenant role: the operator's tools read
 *   every tenant).
 * - Batches are non-empty and at most a few thousand rows; the reader fetches the next one while
 *   the caller works on the current one, and no more (memory stays bounded whatever the table size).
 * - A caller that stops iterating early releases the connection; an error (SQL or connection)
 *   rejects the iteration with the driver's error (SQLSTATE in `code`).
 * Adapters: `pg-copy-row-stream.ts` (one `COPY (…) TO STDOUT`; Postgres) and
 * `cursor-row-stream.ts` (a server-side cursor over any `Queryable`; PGlite and unit tests).
 */
export interface RowStream {
  rows(sql: string, params?: readonly SqlParam[]): AsyncIterable<TextRow[]>;
}

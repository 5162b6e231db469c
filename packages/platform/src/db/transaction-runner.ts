import { AppError } from '../errors.js';
import type { Queryable } from './database.port.js';
import { quoteIdent as quote } from './sql-identifier.js';

/** One physical connection, as both adapters expose it to the runner. */
export interface SqlConnection {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number; command?: string }>;
}

/**
 * The transaction protocol shared by the pg and PGlite adapters, so both behave identically:
 * `begin` statements (BEGIN, then role, search_path, tenant; all `LOCAL`, so they end with the
 * transaction) → `fn` → COMMIT, or ROLLBACK when anything throws. `begin` comes from
 * `transactionSetup`, which sends BEGIN and the settings in as few round trips as the adapter allows.
 *
 * Two traps are closed here. Postgres answers COMMIT of a transaction that already failed with
 * ROLLBACK instead of an error, so a `fn` that swallowed a SQL error would otherwise "succeed"
 * without writing anything; that is reported as `transaction_aborted`. And the `tx` handed to
 * `fn` refuses queries once the transaction is over, so a forgotten `await` cannot run a
 * statement outside the tenant's transaction.
 */
export async function runTransaction<T>(
  conn: SqlConnection,
  begin: readonly { sql: string; params?: readonly unknown[] }[],
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  let open = true;
  const tx: Queryable = {
    query: async <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => {
      if (!open) throw new AppError('transaction_closed', 'query issued after its transaction ended');
      const result = await conn.query(sql, params);
      return { rows: result.rows as R[], rowCount: result.rowCount };
    },
  };
  let finished = false;
  try {
    // Inside the try: a setting that fails after BEGIN leaves an open, aborted transaction to roll back.
    for (const statement of begin) await conn.query(statement.sql, statement.params);
    const value = await fn(tx);
    open = false;
    finished = true;
    const commit = await conn.query('COMMIT');
    if (commit.command === 'ROLLBACK') {
      throw new AppError('transaction_aborted', 'the transaction failed earlier and was rolled back');
    }
    return value;
  } catch (err) {
    open = false;
    if (!finished) await conn.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export type TransactionKind = { kind: 'tenant'; tenantId: string } | { kind: 'system' } | { kind: 'relay' } | { kind: 'admin' };

/**
 * BEGIN and the statements that put the fresh transaction into the requested security context.
 * Every setting is transaction-local. `withSystem` also blanks `app.tenant_id`/`app.relay`
 * explicitly (`withRelay` blanks the tenant and turns the flag on), so even a session-level
 * `set_config(…, false)` left behind on a pooled connection cannot widen what a later system
 * transaction sees; `withTenant` overwrites the tenant for the same reason.
 *
 * Every transaction of every service pays these before its first statement, so they go as one
 * multi-statement text (one round trip) where they can. A bind parameter would need a statement
 * of its own (the extended protocol takes one statement per message), so with `literal` — the
 * driver's own escaping of a string as an SQL literal — the tenant id goes into that text too;
 * without it (PGlite, in-process: no round trip to save) the tenant is still a bind parameter.
 */
export function transactionSetup(
  schema: string,
  role: string,
  ctx: TransactionKind,
  literal?: (value: string) => string,
): { sql: string; params?: readonly unknown[] }[] {
  const searchPath = `SET LOCAL search_path TO ${quote(schema)}`;
  if (ctx.kind === 'admin') return [{ sql: `BEGIN; ${searchPath}` }];
  const asRole = `BEGIN; SET LOCAL ROLE ${quote(role)}; ${searchPath}`;
  if (ctx.kind === 'system' || ctx.kind === 'relay') {
    const relay = ctx.kind === 'relay' ? 'on' : '';
    return [{ sql: `${asRole}; SELECT set_config('app.tenant_id', '', true), set_config('app.relay', '${relay}', true)` }];
  }
  if (literal !== undefined) {
    return [{ sql: `${asRole}; SELECT set_config('app.tenant_id', ${literal(ctx.tenantId)}, true), set_config('app.relay', '', true)` }];
  }
  return [
    { sql: asRole },
    { sql: `SELECT set_config('app.tenant_id', $1, true), set_config('app.relay', '', true)`, params: [ctx.tenantId] },
  ];
}

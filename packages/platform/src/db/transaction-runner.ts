import { AppError } from '../errors.js';
import type { Queryable } from './database.port.js';
import { quoteIdent as quote } from './sql-identifier.js';

/** One physical connection, as both adapters expose it to the runner. */
export interface SqlConnection {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number; command?: string }>;
}

/**
 * The transaction protocol shared by the pg and PGlite adapters, so both behave identically:
 * BEGIN → `setup` statements (role, search_path, tenant; all `LOCAL`, so they end with the
 * transaction) → `fn` → COMMIT, or ROLLBACK when anything throws.
 *
 * Two traps are closed here. Postgres answers COMMIT of a transaction that already failed with
 * ROLLBACK instead of an error, so a `fn` that swallowed a SQL error would otherwise "succeed"
 * without writing anything; that is reported as `transaction_aborted`. And the `tx` handed to
 * `fn` refuses queries once the transaction is over, so a forgotten `await` cannot run a
 * statement outside the tenant's transaction.
 */
export async function runTransaction<T>(
  conn: SqlConnection,
  setup: readonly { sql: string; params?: readonly unknown[] }[],
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
  await conn.query('BEGIN');
  let finished = false;
  try {
    for (const statement of setup) await conn.query(statement.sql, statement.params);
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

export type TransactionKind = { kind: 'tenant'; tenantId: string } | { kind: 'system' } | { kind: 'admin' };

/**
 * Statements that put a fresh transaction into the requested security context. Every setting is
 * transaction-local. `withSystem` also blanks `app.tenant_id`/`app.relay` explicitly, so even a
 * session-level `set_config(…, false)` left behind on a pooled connection cannot widen what a
 * later system transaction sees; `withTenant` overwrites the tenant for the same reason.
 */
export function transactionSetup(schema: string, role: string, ctx: TransactionKind): { sql: string; params?: readonly unknown[] }[] {
  const searchPath = `SET LOCAL search_path TO ${quote(schema)}`;
  if (ctx.kind === 'admin') return [{ sql: searchPath }];
  const asRole = `SET LOCAL ROLE ${quote(role)}; ${searchPath}`;
  if (ctx.kind === 'system') {
    return [{ sql: `${asRole}; SELECT set_config('app.tenant_id', '', true), set_config('app.relay', '', true)` }];
  }
  return [
    { sql: asRole },
    { sql: `SELECT set_config('app.tenant_id', $1, true), set_config('app.relay', '', true)`, params: [ctx.tenantId] },
  ];
}

import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '../errors.js';
import type { AdminDatabase, Queryable } from './database.port.js';
import type { NotificationSource } from './notification-source.js';
import { assertIdentifier, assertTenantId } from './sql-identifier.js';
import { runTransaction, transactionSetup, type SqlConnection, type TransactionKind } from './transaction-runner.js';

/**
 * One PGlite instance shared by every service Database of the embedded process. PGlite is a
 * single Postgres backend, so everything that touches it goes through one FIFO queue: a whole
 * transaction (BEGIN…COMMIT) runs exclusively, and nothing else can slip a statement into it.
 * Consequence: `fn` inside a transaction must not open another transaction on the same handle
 * (it would wait for itself); the pg adapter has the same rule with a pool of size 1.
 */
export interface PgliteHandle {
  exclusive<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Opens PGlite persisted under `dataDir`, or in memory when `dataDir` is undefined. */
export async function openPglite(opts: { dataDir?: string } = {}): Promise<PgliteHandle> {
  if (opts.dataDir !== undefined) await mkdir(opts.dataDir, { recursive: true });
  const pglite = opts.dataDir === undefined ? await PGlite.create() : await PGlite.create(opts.dataDir);
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;

  const conn: SqlConnection = {
    async query(sql, params) {
      // Bind parameters need the extended protocol (one statement); parameterless text may hold
      // several statements (migrations), like node-pg's simple protocol. Callers get the last result.
      const result =
        params !== undefined && params.length > 0
          ? await pglite.query<Record<string, unknown>>(sql, [...params])
          : (await pglite.exec(sql)).at(-1);
      if (result === undefined) return { rows: [], rowCount: 0 };
      const rowCount = result.affectedRows ? result.affectedRows : result.rows.length;
      return { rows: result.rows as Record<string, unknown>[], rowCount, command: (result as { command?: string }).command };
    },
  };

  function exclusive<T>(fn: (c: SqlConnection) => Promise<T>): Promise<T> {
    const run = tail.then(() => {
      if (closed) throw new AppError('database_closed', 'database is closed');
      return fn(conn);
    });
    tail = run.catch(() => undefined);
    return run;
  }

  return {
    exclusive,
    async listen(channel, onNotify) {
      assertIdentifier('channel', channel);
      const unlisten = await exclusive(() => pglite.listen(channel, onNotify));
      let done = false;
      return async () => {
        if (done || closed) return;
        done = true;
        await exclusive(() => unlisten());
      };
    },
    async close() {
      if (closed) return;
      await exclusive(async () => {
        closed = true;
        await pglite.close();
      });
    },
  };
}

export interface PgliteDatabaseOptions {
  schema: string;
  role: string;
  /** Shared instance; when absent the Database opens (and on close, closes) its own. */
  pglite?: PgliteHandle;
  /** For an owned instance: where to persist; undefined = in memory. */
  dataDir?: string;
}

/** Database port over PGlite, with the same transaction protocol as the pg adapter. */
export function createPgliteDatabase(opts: PgliteDatabaseOptions): AdminDatabase & NotificationSource {
  assertIdentifier('schema', opts.schema);
  assertIdentifier('role', opts.role);
  const owned = opts.pglite === undefined;
  let handle: Promise<PgliteHandle> | undefined = opts.pglite ? Promise.resolve(opts.pglite) : undefined;
  let closed = false;

  const getHandle = (): Promise<PgliteHandle> => {
    if (closed) return Promise.reject(new AppError('database_closed', 'database is closed'));
    handle ??= openPglite(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir });
    return handle;
  };

  async function transaction<T>(ctx: TransactionKind, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const h = await getHandle();
    return h.exclusive((conn) => runTransaction(conn, transactionSetup(opts.schema, opts.role, ctx), fn));
  }

  return {
    async withTenant(tenantId, fn) {
      assertTenantId(tenantId);
      return transaction({ kind: 'tenant', tenantId }, fn);
    },
    withSystem: (fn) => transaction({ kind: 'system' }, fn),
    withRelay: (fn) => transaction({ kind: 'relay' }, fn),
    admin: (fn) => transaction({ kind: 'admin' }, fn),
    async ping() {
      const h = await getHandle();
      await h.exclusive((conn) => conn.query('SELECT 1'));
    },
    async listen(channel, onNotify) {
      return (await getHandle()).listen(channel, onNotify);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (owned && handle) await (await handle).close();
    },
  };
}

import pg from 'pg';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { AdminDatabase, Queryable } from './database.port.js';
import type { NotificationSource } from './notification-source.js';
import { mapPgError } from './pg-connection-errors.js';
import { assertIdentifier, assertTenantId, quoteIdent } from './sql-identifier.js';
import { runTransaction, transactionSetup, type SqlConnection, type TransactionKind } from './transaction-runner.js';
import { listenWithReconnect } from './pg-listener.js';

export interface PgDatabaseOptions {
  /** Connection URL of a user allowed to `SET ROLE <role>` (the superuser in dev/test). */
  url: string;
  /**
   * Where LISTEN connects, when `url` is a transaction-pooling PgBouncer (which cannot carry a
   * session's LISTEN). Default: `url`. Everything else in this adapter is transaction-scoped.
   */
  listenUrl?: string | undefined;
  schema: string;
  role: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  logger?: Pick<Logger, 'warn'>;
}

/**
 * Database port over a node-pg Pool. Each transaction checks out one client; a client whose
 * connection failed is destroyed instead of returned, so the pool never hands out a dead socket.
 * Connection failures surface as DependencyUnavailableError (retryable); SQL errors pass through
 * unchanged so callers can inspect their SQLSTATE.
 */
export function createPgDatabase(opts: PgDatabaseOptions): AdminDatabase & NotificationSource {
  assertIdentifier('schema', opts.schema);
  assertIdentifier('role', opts.role);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its socket emits on the pool; unhandled, that would crash the process.
  pool.on('error', (err) => opts.logger?.warn({ err: { message: err.message } }, 'postgres idle client error'));
  const listeners = new Set<() => Promise<void>>();
  let closed = false;

  async function transaction<T>(ctx: TransactionKind, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    if (closed) throw new AppError('database_closed', 'database is closed');
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw mapPgError(err);
    }
    let broken: Error | undefined;
    // A checked-out client has no pool error listener: a server-side kill between two statements
    // (e.g. while the outbox relay awaits Kafka) would otherwise be an uncaught 'error' event.
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    const conn: SqlConnection = {
      async query(sql, params) {
        try {
          const result = await client.query(sql, params as unknown[] | undefined);
          // A multi-statement text returns one result per statement; callers get the last.
          const last = Array.isArray(result) ? (result[result.length - 1] as pg.QueryResult) : result;
          return { rows: last.rows, rowCount: last.rowCount ?? last.rows.length, command: last.command };
        } catch (err) {
          const mapped = mapPgError(err);
          if (mapped !== err) broken = err as Error;
          throw mapped;
        }
      },
    };
    try {
      return await runTransaction(conn, transactionSetup(opts.schema, opts.role, ctx, pg.escapeLiteral), fn);
    } finally {
      client.removeListener('error', onError);
      client.release(broken ?? false);
    }
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
      try {
        await pool.query('SELECT 1');
      } catch (err) {
        throw mapPgError(err);
      }
    },
    async listen(channel, onNotify) {
      if (closed) throw new AppError('database_closed', 'database is closed');
      const stop = await listenWithReconnect({
        url: opts.listenUrl ?? opts.url,
        channel: quoteIdent(channel),
        rawChannel: channel,
        onNotify,
        logger: opts.logger,
      });
      const unlisten = async () => {
        listeners.delete(unlisten);
        await stop();
      };
      listeners.add(unlisten);
      return unlisten;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

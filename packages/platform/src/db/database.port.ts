/** A query surface bound to one transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

/**
 * Postgres access for one service, as handlers and repositories get it: every transaction runs
 * as the service's own role under row-level security.
 * Contract:
 * - `withTenant` runs `fn` in one transaction as the service's non-superuser role
 *   (`SET LOCAL ROLE`) with `SET LOCAL app.tenant_id = tenantId`; RLS is forced on every tenant
 *   table, so `fn` sees and writes only that tenant's rows. Commit on resolve, rollback on throw.
 * - `withSystem` runs a transaction as the same role with no tenant set: tenant tables return
 *   nothing and reject writes; only tables whose policies grant the role system access (outbox
 *   relay, migrations bookkeeping) are usable.
 * - `withRelay` is `withSystem` with `app.relay = 'on'` set by the transaction itself: the outbox
 *   policies let it read, mark published and prune every tenant's outbox rows (nothing more: tenant
 *   tables still return nothing). Only the outbox relay uses it; setting the flag with the
 *   transaction's own setup spares the relay a round trip per batch.
 * Implementers must not leak a tenant setting from one transaction into another.
 * There is deliberately no way out of RLS here: a transaction as the connection's own user is
 * only on `AdminDatabase`, which a composition root keeps and never hands to a handler.
 */
export interface Database {
  withTenant<T>(tenantId: string, fn: (tx: Queryable) => Promise<T>): Promise<T>;
  withSystem<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  withRelay<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The same pool as the composition root holds it (what the adapters return).
 * Contract, in addition to `Database`:
 * - `admin` runs `fn` in one transaction as the connection's own user (schema owner /
 *   superuser), outside the service role and row-level security, across all tenants.
 * Only migrations, start-up provisioning and operator commands use it; everything else is given
 * the narrower `Database`, so a handler cannot reach another tenant's rows by construction.
 */
export interface AdminDatabase extends Database {
  admin<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** A migration of one service schema; applied once, in id order, recorded in `<schema>.migrations`. */
export interface Migration {
  id: string;
  sql: string;
}

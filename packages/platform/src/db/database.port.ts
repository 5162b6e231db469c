/** A query surface bound to one transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

/**
 * Postgres access for one service.
 * Contract:
 * - `withTenant` runs `fn` in one transaction as the service's non-superuser role
 *   (`SET LOCAL ROLE`) with `SET LOCAL app.tenant_id = tenantId`; RLS is forced on every tenant
 *   table, so `fn` sees and writes only that tenant's rows. Commit on resolve, rollback on throw.
 * - `withSystem` runs a transaction as the same role with no tenant set: tenant tables return
 *   nothing and reject writes; only tables whose policies grant the role system access (outbox
 *   relay, migrations bookkeeping) are usable.
 * - `admin` is for migrations only (schema owner / superuser).
 * Implementers must not leak a tenant setting from one transaction into another.
 */
export interface Database {
  withTenant<T>(tenantId: string, fn: (tx: Queryable) => Promise<T>): Promise<T>;
  withSystem<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  admin<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A migration of one service schema; applied once, in id order, recorded in `<schema>.migrations`. */
export interface Migration {
  id: string;
  sql: string;
}

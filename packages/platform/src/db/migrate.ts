import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '../errors.js';
import type { AdminDatabase, Migration, Queryable } from './database.port.js';
import { advisoryKey } from './advisory-key.js';
import { assertIdentifier, quoteIdent } from './sql-identifier.js';

export interface MigrateOptions {
  schema: string;
  role: string;
  migrations: readonly Migration[];
}

export interface MigrateResult {
  /** Ids applied by this call, in order (empty when the schema was already current). */
  applied: string[];
}

/**
 * Brings one service schema up to date, as `admin`:
 * 1. the service role exists and can neither log in (when created here) nor bypass RLS;
 * 2. the schema and `<schema>.schema_migrations` exist, and the role may use the schema;
 * 3. each pending migration runs in its own transaction, in id order, and is recorded with a
 *    checksum. Editing an applied migration is refused (ConflictError) instead of silently
 *    diverging between environments.
 * Every transaction first takes a transaction-scoped advisory lock derived from the schema name,
 * so concurrent instances of a service serialise here; the loser then sees the migration as
 * applied and skips it. Migrations write their own GRANTs (see `tenantTable`).
 */
export async function migrate(db: AdminDatabase, opts: MigrateOptions): Promise<MigrateResult> {
  assertIdentifier('schema', opts.schema);
  assertIdentifier('role', opts.role);
  const ids = new Set<string>();
  for (const m of opts.migrations) {
    if (m.id.trim() === '' || ids.has(m.id)) throw new ValidationError(`migration ids must be unique and non-empty: "${m.id}"`);
    ids.add(m.id);
  }
  const schema = quoteIdent(opts.schema);
  const role = quoteIdent(opts.role);
  const lockKey = advisoryKey(`medicdraft.migrate.${opts.schema}`);
  const lock = (tx: Queryable) => tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey]);

  await db.admin(async (tx) => {
    await lock(tx);
    await tx.query(ensureRoleSql(opts.role));
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
      id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    await tx.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await tx.query(`GRANT SELECT ON ${schema}.schema_migrations TO ${role}`);
  });

  const applied: string[] = [];
  const ordered = [...opts.migrations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const m of ordered) {
    const checksum = createHash('sha256').update(m.sql).digest('hex');
    await db.admin(async (tx) => {
      await lock(tx);
      const { rows } = await tx.query<{ checksum: string }>(`SELECT checksum FROM ${schema}.schema_migrations WHERE id = $1`, [m.id]);
      const existing = rows[0];
      if (existing) {
        if (existing.checksum !== checksum)
          throw new ConflictError(`migration ${m.id} of schema ${opts.schema} changed after it was applied`);
        return;
      }
      await tx.query(m.sql);
      await tx.query(`INSERT INTO ${schema}.schema_migrations (id, checksum) VALUES ($1, $2)`, [m.id, checksum]);
      applied.push(m.id);
    });
  }
  return { applied };
}

/**
 * Roles are cluster-wide, so two databases (or two services) may race to create the same one:
 * the loser's duplicate error is swallowed. A pre-existing role is corrected if it could bypass
 * RLS, but only when needed, because concurrent ALTER ROLE on one role fails in Postgres.
 */
function ensureRoleSql(role: string): string {
  const ident = quoteIdent(role);
  return `DO $role$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
    BEGIN
      CREATE ROLE ${ident} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}' AND (rolsuper OR rolbypassrls)) THEN
    ALTER ROLE ${ident} NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$role$`;
}

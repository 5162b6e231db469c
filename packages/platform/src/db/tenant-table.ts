import type { Database } from './database.port.js';
import { assertIdentifier, qualified, quoteIdent } from './sql-identifier.js';

/**
 * The row filter of every tenant table. `NULLIF` turns an unset or blank `app.tenant_id` into
 * NULL, and `tenant_id = NULL` is never true, so a transaction without a tenant sees no rows and
 * every write fails the WITH CHECK — even for a row whose tenant_id is ''.
 */
export const TENANT_PREDICATE = "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')";

/**
 * SQL that makes `<schema>.<table>` (which must have a `tenant_id` column) a tenant table for
 * `role`: RLS enabled and forced (so even the table owner is filtered), the `tenant_isolation`
 * policy on `app.tenant_id`, and the role's grants — SELECT and INSERT always, UPDATE and DELETE
 * unless `appendOnly` — plus USAGE on the table's own sequences (serial/identity columns), which
 * inserts need. Append-only tables therefore reject UPDATE/DELETE with "permission denied".
 */
export function tenantTable(schema: string, table: string, role: string, opts: { appendOnly?: boolean } = {}): string {
  assertIdentifier('role', role);
  const name = qualified(schema, table);
  const privileges = opts.appendOnly ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
  return `
ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${name} USING (${TENANT_PREDICATE}) WITH CHECK (${TENANT_PREDICATE});
GRANT ${privileges} ON ${name} TO ${quoteIdent(role)};
DO $seq$
DECLARE s regclass;
BEGIN
  FOR s IN SELECT d.objid::regclass FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
           WHERE d.refobjid = '${name}'::regclass AND d.classid = 'pg_class'::regclass AND c.relkind = 'S'
  LOOP
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', s, '${role}');
  END LOOP;
END
$seq$;
`;
}

export interface TenantTableStatus {
  schema: string;
  table: string;
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  /** Whether a `tenant_isolation` policy exists on the table. */
  hasTenantPolicy: boolean;
}

/**
 * Every table of `schema` (default: the Database's own schema) with a `tenant_id` column, with
 * its RLS flags. The readiness gate `database` requires `rowSecurity && forceRowSecurity &&
 * hasTenantPolicy` for each. Reads only catalogs, so it runs as the service role.
 */
export async function listTenantTables(db: Database, schema?: string): Promise<TenantTableStatus[]> {
  if (schema !== undefined) assertIdentifier('schema', schema);
  return db.withSystem(async (tx) => {
    const { rows } = await tx.query<{ schema: string; table: string; rls: boolean; force: boolean; policy: boolean }>(
      `SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
              EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS policy
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p') AND n.nspname = COALESCE($1, current_schema())
        ORDER BY c.relname`,
      [schema ?? null],
    );
    return rows.map((r) => ({
      schema: r.schema,
      table: r.table,
      rowSecurity: r.rls,
      forceRowSecurity: r.force,
      hasTenantPolicy: r.policy,
    }));
  });
}

import type { Database } from '@medicdraft/platform';
import { NOT_CONFIGURED, PROBE_OK, probeFailed, type ProbeOutcome } from '../gates/gate-inputs.js';

/** The append-only triggers the audit migrations create, by table (all must exist and be enabled). */
export const AUDIT_TRIGGERS: Readonly<Record<string, readonly string[]>> = {
  events: ['events_append_only', 'events_no_truncate'],
  checkpoints: ['checkpoints_append_only', 'checkpoints_no_truncate'],
  signing_keys: ['signing_keys_append_only', 'signing_keys_no_truncate'],
};

/** Privileges the audit service role must not hold: it appends, it never rewrites or registers keys. */
const FORBIDDEN: readonly (readonly [table: string, privilege: string])[] = [
  ['events', 'UPDATE'],
  ['events', 'DELETE'],
  ['events', 'TRUNCATE'],
  ['checkpoints', 'UPDATE'],
  ['checkpoints', 'DELETE'],
  ['checkpoints', 'TRUNCATE'],
  ['signing_keys', 'INSERT'],
  ['signing_keys', 'UPDATE'],
  ['signing_keys', 'DELETE'],
  ['signing_keys', 'TRUNCATE'],
];

/**
 * The audit tables are append-only in fact: every trigger of AUDIT_TRIGGERS exists and is enabled,
 * and the service role holds none of the FORBIDDEN privileges. Reads only the catalogs and
 * `has_table_privilege` (no grant on the audit tables needed). No audit schema in this database
 * (audit runs on another one) is `not_configured`: there is nothing here to prove.
 */
export async function probeAuditGuards(db: Database, opts: { schema?: string; role?: string } = {}): Promise<ProbeOutcome> {
  const schema = opts.schema ?? 'audit';
  const role = opts.role ?? 'medicdraft_audit';
  try {
    return await db.withSystem(async (tx) => {
      const tables = await tx.query<{ relname: string; oid: number }>(
        'SELECT c.relname, c.oid::int8 AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
          'WHERE n.nspname = $1 AND c.relname = ANY($2::text[])',
        [schema, Object.keys(AUDIT_TRIGGERS)],
      );
      if (tables.rows.length === 0) return NOT_CONFIGURED;
      const oidOf = new Map(tables.rows.map((r) => [r.relname, Number(r.oid)]));
      const wanted = Object.entries(AUDIT_TRIGGERS).flatMap(([table, names]) => names.map((name) => `${table}.${name}`));
      const { rows } = await tx.query<{ t: string }>(
        `SELECT c.relname || '.' || t.tgname AS t FROM pg_trigger t
           JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND NOT t.tgisinternal AND t.tgenabled <> 'D'`,
        [schema],
      );
      const enabled = new Set(rows.map((r) => r.t));
      if (!wanted.every((t) => enabled.has(t))) return probeFailed('misconfigured');
      // By oid, not by name: resolving a name would need USAGE on the audit schema, which this role lacks.
      for (const [table, privilege] of FORBIDDEN) {
        const oid = oidOf.get(table);
        if (oid === undefined) return probeFailed('misconfigured');
        const held = await tx.query<{ held: boolean }>('SELECT has_table_privilege($1, $2::oid, $3) AS held', [role, oid, privilege]);
        if (held.rows[0]?.held !== false) return probeFailed('misconfigured');
      }
      return PROBE_OK;
    });
  } catch {
    return probeFailed('unreachable');
  }
}

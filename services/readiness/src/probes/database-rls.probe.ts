import { SERVICE_NAMES } from '@medicdraft/contracts';
import type { Database } from '@medicdraft/platform';
import { PROBE_OK, probeFailed, type ProbeOutcome } from '../gates/gate-inputs.js';

/**
 * Every table with a `tenant_id` column in the MedicDraft service schemas has row-level security
 * enabled AND forced and a `tenant_isolation` policy. Reads only the catalogs (readable by the
 * service role), so it sees the other services' schemas without any grant on their tables.
 * No tenant table at all is `not_found`: an empty database proves nothing.
 */
export async function probeDatabaseRls(db: Database, schemas: readonly string[] = SERVICE_NAMES): Promise<ProbeOutcome> {
  try {
    const { rows } = await db.withSystem((tx) =>
      tx.query<{ ok: boolean }>(
        `SELECT (c.relrowsecurity AND c.relforcerowsecurity
                 AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation')) AS ok
           FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
          WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])`,
        [[...schemas]],
      ),
    );
    if (rows.length === 0) return probeFailed('not_found');
    return rows.every((r) => r.ok) ? PROBE_OK : probeFailed('misconfigured');
  } catch {
    return probeFailed('unreachable');
  }
}

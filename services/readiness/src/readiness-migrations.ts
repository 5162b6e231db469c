import { TENANT_ID_PATTERN } from '@medicdraft/contracts';
import { qualified, quoteIdent, tenantTable, type Migration } from '@medicdraft/platform';

export const READINESS_SCHEMA = 'readiness';
export const READINESS_ROLE = 'medicdraft_readiness';

/**
 * - `tenants`: the directory of tenants (id, display name). Deliberately not a tenant table (no
 *   `tenant_id` column, no RLS): the broadcaster must enumerate every tenant, and the rows are
 *   the department's own public name, never PHI.
 * - `tenant_settings`: owner-managed settings (jsonb, validated on read), versioned; RLS forced.
 * - `gate_states`: the last computed GateState content per tenant and its version, so versions
 *   stay monotonic across restarts (consumers ignore a lower version) and a change is detected
 *   and announced (`readiness.gate.changed`) exactly once, in the same transaction; RLS forced.
 * - `halt_state`: the single global halt record (key `*`) and its version.
 */
export function readinessMigrations(schema = READINESS_SCHEMA, role = READINESS_ROLE): Migration[] {
  const tenants = qualified(schema, 'tenants');
  const settings = qualified(schema, 'tenant_settings');
  const states = qualified(schema, 'gate_states');
  const halt = qualified(schema, 'halt_state');
  const r = quoteIdent(role);
  return [
    {
      id: '0001_readiness_tenants_settings_states',
      sql: `
CREATE TABLE ${tenants} (
  id text PRIMARY KEY CHECK (id ~ '${TENANT_ID_PATTERN.source}'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON ${tenants} TO ${r};
CREATE TABLE ${settings} (
  tenant_id text PRIMARY KEY CHECK (tenant_id <> ''),
  version int NOT NULL CHECK (version >= 1),
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);
${tenantTable(schema, 'tenant_settings', role)}
CREATE TABLE ${states} (
  tenant_id text PRIMARY KEY CHECK (tenant_id <> ''),
  version bigint NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
${tenantTable(schema, 'gate_states', role)}
CREATE TABLE ${halt} (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL,
  halted boolean NOT NULL,
  reasons text[] NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON ${halt} TO ${r};
`,
    },
  ];
}

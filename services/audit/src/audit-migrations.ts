import { qualified, tenantTable, type Migration } from '@medicdraft/platform';

export const AUDIT_SCHEMA = 'audit';
export const AUDIT_ROLE = 'medicdraft_audit';

/**
 * `audit.events`: one row per domain event, keyed by (tenant, event id) so a redelivered event is
 * recorded once. Append-only twice over: the role is granted SELECT and INSERT only, and a trigger
 * rejects UPDATE, DELETE and TRUNCATE even for the schema owner. Rows hold identifiers and codes
 * (who, what, when, where, outcome) — events carry no PHI by contract, so neither does this table.
 */
export function auditMigrations(): Migration[] {
  const events = qualified(AUDIT_SCHEMA, 'events');
  const reject = qualified(AUDIT_SCHEMA, 'reject_change');
  return [
    {
      id: '0001_audit_events',
      sql: `
CREATE TABLE ${events} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  event_version int NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_type text NOT NULL,
  actor_id text NOT NULL,
  actor_role text,
  correlation_id uuid NOT NULL,
  causation_id uuid,
  source_topic text NOT NULL,
  source_partition int NOT NULL,
  source_offset bigint NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  event jsonb NOT NULL,
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX events_by_time ON ${events} (tenant_id, occurred_at);
${tenantTable(AUDIT_SCHEMA, 'events', AUDIT_ROLE, { appendOnly: true })}
CREATE FUNCTION ${reject}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${events} FOR EACH ROW EXECUTE FUNCTION ${reject}();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${events} FOR EACH STATEMENT EXECUTE FUNCTION ${reject}();
`,
    },
  ];
}

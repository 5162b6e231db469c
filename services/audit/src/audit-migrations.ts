import { qualified, tenantTable, type Migration } from '@medicdraft/platform';

export const AUDIT_SCHEMA = 'audit';
export const AUDIT_ROLE = 'medicdraft_audit';
/**
 * The only role that may register signing keys (`medicdraft-audit keys add`). Operators who
 * provision keys are made members of it; the service's own login is not, so a database session
 * of the service cannot add a key it would then sign with.
 */
export const AUDIT_KEY_ADMIN_ROLE = 'medicdraft_audit_keys';
/** Session flag of a system transaction allowed to read chain heads of every tenant (see backlog-scan.ts). */
const BACKLOG_SCAN = "current_setting('app.audit_scan', true) = 'on'";

/**
 * `audit.events`: one row per domain event, keyed by (tenant, event id) so a redelivered event is
 * recorded once. Append-only twice over: the role is granted SELECT and INSERT only, and a trigger
 * rejects UPDATE, DELETE and TRUNCATE even for the schema owner. Rows hold identifiers and codes
 * (who, what, when, where, outcome) — events carry no PHI by contract, so neither does this table.
 * `checkpoints` (signed tree heads) and `signing_keys` (public keys by id) are append-only the same way.
 * Nothing in the service deletes audit data: retention is a minimum (AUDIT_RETENTION_DAYS), never a purge.
 */
export function auditMigrations(): Migration[] {
  const events = qualified(AUDIT_SCHEMA, 'events');
  const reject = qualified(AUDIT_SCHEMA, 'reject_change');
  const checkpoints = qualified(AUDIT_SCHEMA, 'checkpoints');
  const keys = qualified(AUDIT_SCHEMA, 'signing_keys');
  const mirror = qualified(AUDIT_SCHEMA, 'mirror_progress');
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
    {
      // Hash chain and the derived who/what/where/outcome columns. Added as a second migration
      // so schemas that already hold 0001 rows keep them: those rows predate the chain (seq NULL)
      // and the verifier reports them as `unchained`; the NOT VALID checks bind every new row.
      id: '0002_audit_chain',
      sql: `
ALTER TABLE ${events}
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text,
  ADD COLUMN resource_ids jsonb,
  ADD COLUMN service text,
  ADD COLUMN source_address text,
  ADD COLUMN outcome text,
  ADD COLUMN outcome_detail text;
ALTER TABLE ${events} ADD CONSTRAINT events_chained CHECK (
  seq >= 1 AND prev_hash ~ '^[0-9a-f]{64}$' AND hash ~ '^[0-9a-f]{64}$' AND resource_ids IS NOT NULL
  AND service IS NOT NULL AND outcome IN ('success', 'failure', 'denied')) NOT VALID;
ALTER TABLE ${events} ALTER COLUMN recorded_at SET DEFAULT clock_timestamp();
CREATE UNIQUE INDEX events_by_seq ON ${events} (tenant_id, seq);

CREATE TABLE ${checkpoints} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  tree_size bigint NOT NULL CHECK (tree_size >= 1),
  root_hash text NOT NULL CHECK (root_hash ~ '^[0-9a-f]{64}$'),
  key_id text NOT NULL,
  algorithm text NOT NULL CHECK (algorithm = 'ed25519'),
  signature text NOT NULL,
  issued_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, tree_size)
);
${tenantTable(AUDIT_SCHEMA, 'checkpoints', AUDIT_ROLE, { appendOnly: true })}
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON ${checkpoints} FOR EACH ROW EXECUTE FUNCTION ${reject}();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON ${checkpoints} FOR EACH STATEMENT EXECUTE FUNCTION ${reject}();

-- Position of the CloudWatch Logs mirror per tenant (derived state, so updatable).
CREATE TABLE ${mirror} (
  tenant_id text PRIMARY KEY CHECK (tenant_id <> ''),
  seq bigint NOT NULL,
  last_timestamp bigint NOT NULL
);
${tenantTable(AUDIT_SCHEMA, 'mirror_progress', AUDIT_ROLE)}

-- Public keys by key id, so checkpoints stay verifiable after their key is rotated out of config.
-- Not tenant data (one signer for all tenants), so no tenant_id and no RLS.
CREATE TABLE ${keys} (
  key_id text PRIMARY KEY,
  algorithm text NOT NULL CHECK (algorithm = 'ed25519'),
  public_key_pem text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON ${keys} TO ${AUDIT_ROLE};
CREATE TRIGGER signing_keys_append_only BEFORE UPDATE OR DELETE ON ${keys} FOR EACH ROW EXECUTE FUNCTION ${reject}();
CREATE TRIGGER signing_keys_no_truncate BEFORE TRUNCATE ON ${keys} FOR EACH STATEMENT EXECUTE FUNCTION ${reject}();
`,
    },
    {
      // Restart recovery: after a crash, the mirror (and the checkpointer) must find the tenants whose
      // chain grew past what they shipped/signed, although no append will tell them. The role may
      // read heads across tenants only in a transaction that sets app.audit_scan (like the outbox
      // relay's app.relay); tenant transactions never set it, so they stay isolated.
      id: '0003_audit_backlog_scan',
      sql: `
CREATE POLICY backlog_scan ON ${events} FOR SELECT USING (${BACKLOG_SCAN});
CREATE POLICY backlog_scan ON ${checkpoints} FOR SELECT USING (${BACKLOG_SCAN});
CREATE POLICY backlog_scan ON ${mirror} FOR SELECT USING (${BACKLOG_SCAN});
`,
    },
    {
      // The exact canonical event text the chain hash covers, stored at append time so verify and
      // replay hash the bytes they read instead of rebuilding them from jsonb (which reorders keys)
      // in JS. `event` stays the queryable jsonb; verify checks that the two hold the same value.
      // Rows appended before this migration have NULL here and are verified from `event` as before.
      id: '0004_audit_event_text',
      sql: `ALTER TABLE ${events} ADD COLUMN event_text text;`,
    },
    {
      // Keys are provisioned out of band: the service role loses INSERT on signing_keys, and a
      // separate NOLOGIN key-admin role (granted to the people who provision keys) gets it.
      // The role is cluster-wide, so it is created once and reused by every audit schema.
      id: '0006_audit_key_admin_role',
      sql: `
DO $do$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${AUDIT_KEY_ADMIN_ROLE}') THEN
    CREATE ROLE ${AUDIT_KEY_ADMIN_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $do$;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${keys} FROM ${AUDIT_ROLE};
GRANT USAGE ON SCHEMA ${AUDIT_SCHEMA} TO ${AUDIT_KEY_ADMIN_ROLE};
GRANT SELECT, INSERT ON ${keys} TO ${AUDIT_KEY_ADMIN_ROLE};
`,
    },
    {
      // The same chain check as 0002, cheaper to evaluate: Postgres runs a bounded repetition like
      // '^[0-9a-f]{64}$' through a slow path (~15-20 µs per value here, two per appended row, a
      // third of the append's database time), while "64 characters, none outside [0-9a-f]" is
      // the same set of strings (and NULL passes both) at ~1 µs. Still NOT VALID for pre-0002 rows.
      id: '0005_audit_chain_check_cost',
      sql: `
ALTER TABLE ${events} DROP CONSTRAINT events_chained;
ALTER TABLE ${events} ADD CONSTRAINT events_chained CHECK (
  seq >= 1 AND length(prev_hash) = 64 AND prev_hash !~ '[^0-9a-f]' AND length(hash) = 64 AND hash !~ '[^0-9a-f]'
  AND resource_ids IS NOT NULL AND service IS NOT NULL AND outcome IN ('success', 'failure', 'denied')) NOT VALID;
`,
    },
  ];
}

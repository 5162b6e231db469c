import type { Migration } from '../db/database.port.js';
import { qualified } from '../db/sql-identifier.js';
import { tenantTable } from '../db/tenant-table.js';

/** The NOTIFY channel an outbox insert signals on; the relay LISTENs on it. */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

/**
 * The outbox and consumer-dedupe tables of one service schema. Append these to the service's own
 * migrations (their ids sort before typical `0001_…` ids only by accident; order does not matter,
 * they depend on nothing).
 *
 * Relay access (a documented choice): the relay is cross-tenant by nature, yet runs as the service
 * role like everything else, with RLS forced. Extra policies admit `outbox` rows when the
 * transaction has `app.relay = 'on'`: SELECT and UPDATE (read, set published_at) and DELETE, which
 * a restrictive policy limits to already-published rows (retention pruning). The same restrictive
 * policy keeps tenant transactions from deleting outbox rows at all, so an unpublished event
 * cannot be lost by mistake. No other table is affected. The alternative, a second BYPASSRLS role
 * for the relay, would put an all-tenant role in every service. `app.relay` is no secret: like
 * `app.tenant_id` it guards against mistakes, not against code already running as the role.
 * Outbox rows carry events, which by contract hold no PHI.
 *
 * `value` is text, not jsonb: the bus must receive exactly the bytes the producer serialised.
 */
export function outboxMigrations(schema: string, role: string): Migration[] {
  const outbox = qualified(schema, 'outbox');
  const processed = qualified(schema, 'processed_events');
  const relay = "current_setting('app.relay', true) = 'on'";
  const notify = qualified(schema, 'outbox_notify');
  return [
    {
      id: '0000_platform_outbox',
      sql: `
CREATE TABLE ${outbox} (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  topic text NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON ${outbox} (seq) WHERE published_at IS NULL;
${tenantTable(schema, 'outbox', role)}
CREATE POLICY relay_read ON ${outbox} FOR SELECT USING (${relay});
CREATE POLICY relay_mark ON ${outbox} FOR UPDATE USING (${relay}) WITH CHECK (${relay});
CREATE POLICY relay_prune ON ${outbox} FOR DELETE USING (${relay});
CREATE POLICY only_relay_prunes_published ON ${outbox} AS RESTRICTIVE FOR DELETE USING (${relay} AND published_at IS NOT NULL);
CREATE FUNCTION ${notify}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('${outboxChannel(schema)}', '');
  RETURN NULL;
END
$fn$;
CREATE TRIGGER outbox_notify AFTER INSERT ON ${outbox} FOR EACH STATEMENT EXECUTE FUNCTION ${notify}();
`,
    },
    {
      id: '0000_platform_processed_events',
      sql: `
CREATE TABLE ${processed} (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
${tenantTable(schema, 'processed_events', role, { appendOnly: true })}
`,
    },
  ];
}

import type { Migration } from '../db/database.port.js';
import { qualified } from '../db/sql-identifier.js';
import { tenantTable } from '../db/tenant-table.js';

/**
 * The `parked_records` table of one consuming service: records of a known tenant whose gate was
 * closed when they arrived, kept here (durably, in the service's own database) so their offsets
 * can be committed and the partition moves on for every other tenant. A tenant table: work on it
 * runs under the tenant's RLS setting; the one cross-tenant read (which tenants have parked
 * records, for resuming and metrics) is admitted by `app.parking = 'on'`, SELECT only, like the
 * outbox relay's policy. Rows carry event envelopes, which by contract hold no PHI.
 *
 * `(consumer, topic, partition, record_offset)` is unique: a record redelivered because the
 * commit after parking was lost parks once. `seq` is the resume order (arrival order, so
 * per-partition and per-dictation order are kept); `key` is the record key (the dictation), the
 * unit whose order parking keeps.
 */
export function parkingMigrations(schema: string, role: string): Migration[] {
  const table = qualified(schema, 'parked_records');
  return [
    {
      id: '0000_platform_parked_records',
      sql: `
CREATE TABLE ${table} (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  consumer text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  record_offset bigint NOT NULL,
  key text,
  value text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  record_timestamp bigint NOT NULL,
  reason text NOT NULL,
  parked_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (consumer, topic, partition, record_offset)
);
CREATE INDEX parked_records_resume_order ON ${table} (consumer, tenant_id, seq);
CREATE INDEX parked_records_by_key ON ${table} (consumer, tenant_id, key);
${tenantTable(schema, 'parked_records', role)}
CREATE POLICY parking_overview ON ${table} FOR SELECT USING (current_setting('app.parking', true) = 'on');
`,
    },
    {
      // Records of a tenant no directory could confirm yet are parked and settled for all such
      // tenants at once (one statement per batch, one pass per directory), so junk naming made-up
      // tenants costs no transaction per record. Only rows with that reason, only with app.parking on.
      id: '0001_platform_parked_unconfirmed',
      sql: `
CREATE POLICY parking_unconfirmed ON ${table}
  USING (current_setting('app.parking', true) = 'on' AND reason = 'tenant_unconfirmed')
  WITH CHECK (current_setting('app.parking', true) = 'on' AND reason = 'tenant_unconfirmed');
`,
    },
  ];
}

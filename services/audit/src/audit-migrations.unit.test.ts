import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { migrate, outboxMigrations, type AdminDatabase } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA, auditMigrations } from './audit-migrations.js';
import { toAuditRecord } from './audit-record.js';
import { appendAuditRecords } from './audit-store.js';
import { testEvent } from './testing/audit-log-fixture.js';

describe('audit chain check (migration 0005)', () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  beforeAll(async () => {
    pglite = await openPglite();
    db = createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
    await migrate(db, {
      schema: AUDIT_SCHEMA,
      role: AUDIT_ROLE,
      migrations: [...outboxMigrations(AUDIT_SCHEMA, AUDIT_ROLE), ...auditMigrations()],
    });
  });
  afterAll(async () => {
    await pglite.close();
  });

  it('accepts exactly the hashes the 0002 regex accepted', async () => {
    const hex = '0123456789abcdef'.repeat(4);
    const samples = [
      hex,
      hex.toUpperCase(),
      hex.slice(1),
      `${hex}0`,
      `${hex.slice(1)}g`,
      `${hex.slice(1)}\n`,
      `${hex.slice(2)}é`,
      '',
      ' '.repeat(64),
      null,
    ];
    const { rows } = await db.admin((tx) =>
      tx.query<{ old: boolean | null; new: boolean | null }>(
        `SELECT x ~ '^[0-9a-f]{64}$' AS old, (length(x) = 64 AND x !~ '[^0-9a-f]') AS new FROM unnest($1::text[]) AS x`,
        [samples],
      ),
    );
    expect(rows.map((r) => r.new)).toEqual(rows.map((r) => r.old));
    expect(rows.filter((r) => r.new === true)).toHaveLength(1);
  });

  it('a row with a malformed hash is refused', async () => {
    const [link] = await appendAuditRecords(db, 'tenant-a', [
      toAuditRecord(testEvent('tenant-a', 0), { topic: 'auth.login', partition: 0, offset: '0' }),
    ]);
    const cols =
      `tenant_id, event_type, event_version, occurred_at, actor_type, actor_id, actor_role, correlation_id, causation_id,
      source_topic, source_partition, source_offset, event, event_text, prev_hash, resource_ids, service, source_address, ` +
      `outcome, outcome_detail`;
    const insert = (hash: string) =>
      db.admin((tx) =>
        tx.query(
          `INSERT INTO audit.events (event_id, seq, hash, ${cols}) SELECT gen_random_uuid(), 2, $1, ${cols} FROM ` +
            `audit.events WHERE seq = 1`,
          [hash],
        ),
      );
    expect(link?.seq).toBe(1);
    await expect(insert((link?.hash ?? '').toUpperCase())).rejects.toThrow(/events_chained/);
  });
});

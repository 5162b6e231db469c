import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { migrate, outboxMigrations, type AdminDatabase, type Database } from '@medicdraft/platform';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditBatcher } from './audit-batcher.js';
import { AUDIT_ROLE, AUDIT_SCHEMA, auditMigrations } from './audit-migrations.js';
import { toAuditRecord } from './audit-record.js';
import { testEvent } from './testing/audit-log-fixture.js';

describe('audit batcher', () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;

  beforeEach(async () => {
    pglite = await openPglite();
    db = createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
    await migrate(db, {
      schema: AUDIT_SCHEMA,
      role: AUDIT_ROLE,
      migrations: [...outboxMigrations(AUDIT_SCHEMA, AUDIT_ROLE), ...auditMigrations()],
    });
  });
  afterEach(async () => {
    await pglite.close();
  });

  const record = (i: number) => toAuditRecord(testEvent('tenant-a', i), { topic: 'auth.login', partition: i, offset: '0' });

  it('group commit: records that arrive while a batch is being written go out together in the next transaction', async () => {
    // The first transaction is held open until released, as a slow commit would be.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    const slow: Database = {
      ...db,
      withTenant: async (t, fn) => {
        if (calls++ === 0) await held;
        return db.withTenant(t, fn);
      },
    };
    const batches: number[] = [];
    const batcher = createAuditBatcher({ db: slow, maxBatch: 100, lingerMs: 1, onAppended: (_t, links) => batches.push(links.length) });

    const first = batcher.append(record(0));
    while (calls === 0) await new Promise((r) => setTimeout(r, 1));
    const later = [1, 2, 3].map((i) => batcher.append(record(i)));
    await new Promise((r) => setTimeout(r, 30)); // many lingers: none of them may start a transaction of their own
    expect(calls).toBe(1);
    expect(batcher.pending()).toBe(4);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([1, 3]);
    await batcher.drain();
    expect(batcher.pending()).toBe(0);
  });

  it("one transaction per tenant at a time: a full batch of that tenant waits for it, another tenant's goes at once", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const started: string[] = [];
    const slow: Database = {
      ...db,
      withTenant: async (t, fn) => {
        started.push(t);
        if (started.length === 1) await held;
        return db.withTenant(t, fn);
      },
    };
    const batches: string[] = [];
    const batcher = createAuditBatcher({
      db: slow,
      maxBatch: 3,
      lingerMs: 1,
      onAppended: (t, links) => batches.push(`${t}:${links.length}`),
    });
    const other = (i: number) => toAuditRecord(testEvent('tenant-b', i), { topic: 'auth.login', partition: i, offset: '1' });
    const first = batcher.append(record(0));
    while (started.length === 0) await new Promise((r) => setTimeout(r, 1));
    const sameTenant = [1, 2, 3].map((i) => batcher.append(record(i)));
    await Promise.all([0, 1, 2].map((i) => batcher.append(other(i))));
    expect(started).toEqual(['tenant-a', 'tenant-b']);
    expect(batches).toEqual(['tenant-b:3']);
    release();
    await Promise.all([first, ...sameTenant]);
    expect(started).toEqual(['tenant-a', 'tenant-b', 'tenant-a']);
    expect(batches).toEqual(['tenant-b:3', 'tenant-a:1', 'tenant-a:3']);
    await batcher.drain();
    expect(batcher.pending()).toBe(0);
  });

  it('appendAll: one promise for a fetch spanning tenants, resolved once all are durable, rejected when a batch failed', async () => {
    const batches: string[] = [];
    const batcher = createAuditBatcher({ db, maxBatch: 100, lingerMs: 1, onAppended: (t, links) => batches.push(`${t}:${links.length}`) });
    const other = (i: number) => toAuditRecord(testEvent('tenant-b', i), { topic: 'auth.login', partition: 0, offset: String(i) });
    await batcher.appendAll([record(0), other(0), record(1), other(1), record(2)]);
    expect(batches.sort()).toEqual(['tenant-a:3', 'tenant-b:2']);
    await batcher.appendAll([]);
    await batcher.drain();
    expect(batcher.pending()).toBe(0);

    let down = false;
    const failing: Database = {
      ...db,
      withTenant: async (t, fn) => {
        if (down && t === 'tenant-b') throw new Error('connection lost');
        return db.withTenant(t, fn);
      },
    };
    down = true;
    const flaky = createAuditBatcher({ db: failing, maxBatch: 100, lingerMs: 1 });
    await expect(flaky.appendAll([record(3), other(2)])).rejects.toThrow('connection lost');
    await flaky.drain();
    expect(flaky.pending()).toBe(0);
  });
});

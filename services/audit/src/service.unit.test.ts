import { randomUUID } from 'node:crypto';
import { encodeEvent, TOPIC } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { createLogger, createMemoryEventBus, type ConsumedRecord, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { type RunningService } from '@medicdraft/platform/http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA } from './audit-migrations.js';
import { toAuditRecord } from './audit-record.js';
import { appendAuditRecords } from './audit-store.js';
import { startAuditService } from './service.js';
import { testEvent } from './testing/audit-log-fixture.js';

const logger = createLogger({ service: 'audit-test', level: 'silent' });

describe('audit service (memory bus, PGlite)', () => {
  let bus: EventBus;
  let pglite: PgliteHandle;
  let service: RunningService;
  const db = () => createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });

  beforeEach(async () => {
    bus = createMemoryEventBus({ defaultPartitions: 3 });
    pglite = await openPglite();
    service = await startAuditService({ bus, db: db(), logger, partitions: 3, groupSuffix: '' });
  });
  afterEach(async () => {
    await service.stop();
    await bus.close();
    await pglite.close();
  });

  const publish = (event: ReturnType<typeof eventFixture>) =>
    bus.publish([{ topic: event.type, key: event.correlationId, value: encodeEvent(event) }]);

  const rows = (tenantId: string) =>
    db().withTenant(
      tenantId,
      async (tx) =>
        (
          await tx.query<{ event_id: string; event_type: string; actor_id: string }>(
            'SELECT event_id, event_type, actor_id FROM events ORDER BY occurred_at',
          )
        ).rows,
    );
  it('records every domain event once, even when it is delivered twice', async () => {
    const login = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID() };
    const viewed = { ...eventFixture(TOPIC.NARRATIVE_VIEWED), id: randomUUID() };
    await publish(login);
    await publish(viewed);
    await publish(login);
    const recorded = await vi.waitFor(
      async () => {
        const r = await rows(login.tenantId);
        expect(r.length).toBeGreaterThanOrEqual(2);
        return r;
      },
      { timeout: 5_000, interval: 10 },
    );
    await new Promise((r) => setTimeout(r, 50));
    expect((await rows(login.tenantId)).map((r) => r.event_id).sort()).toEqual([login.id, viewed.id].sort());
    expect(recorded.find((r) => r.event_id === login.id)).toMatchObject({ event_type: 'auth.login', actor_id: login.actor.id });
  });

  it('keeps tenants apart: another tenant sees none of the records', async () => {
    const login = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID() };
    await publish(login);
    await vi.waitFor(
      async () => {
        const r = await rows(login.tenantId);
        expect(r.length).toBe(1);
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(await rows('other-tenant')).toEqual([]);
  });

  it('dead-letters a malformed record with a reason and keeps consuming', async () => {
    const dlq: ConsumedRecord[] = [];
    const sub = await bus.subscribe({
      groupId: 'dlq-reader',
      topics: ['dlq.audit'],
      handler: async (r) => {
        dlq.push(r);
        return { action: 'done' };
      },
    });
    const bad = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID(), extra: 'CANARY-PATIENT-NAME' };
    await bus.publish([{ topic: TOPIC.AUTH_LOGIN, key: 'k', value: JSON.stringify(bad) }]);
    const good = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID() };
    await publish(good);
    await vi.waitFor(
      async () => {
        const n = await dlq.length;
        expect(n).toBe(1);
      },
      { timeout: 5_000, interval: 10 },
    );
    await vi.waitFor(
      async () => {
        const r = await rows(good.tenantId);
        expect(r.length).toBe(1);
      },
      { timeout: 5_000, interval: 10 },
    );
    await sub.close();
    expect(dlq[0]?.headers['x-error-code']).toBe('malformed_event');
    expect(dlq[0]?.headers['x-error-message']).not.toContain('CANARY');
    expect(dlq[0]?.value).toBe(JSON.stringify(bad));
    expect((await rows(good.tenantId)).map((r) => r.event_id)).toEqual([good.id]);
  });

  it(
    'dead-letters events of a tenant readiness does not list (no chain for made-up tenants); chains while the directory is ' + 'undecided',
    async () => {
      const dlq: ConsumedRecord[] = [];
      const sub = await bus.subscribe({
        groupId: 'dlq-reader-unknown',
        topics: ['dlq.audit'],
        handler: async (r) => {
          dlq.push(r);
          return { action: 'done' };
        },
      });
      const known = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID() };
      const early = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID(), tenantId: 'before-directory' };
      await publish(early);
      await vi.waitFor(
        async () => {
          const r = await rows('before-directory');
          expect(r.length).toBe(1);
        },
        { timeout: 5_000, interval: 10 },
      );
      const now = Date.now();
      await bus.publish([
        {
          topic: TOPIC.READINESS_GATE_STATE,
          key: '*',
          value: JSON.stringify({
            tenantId: '*',
            version: 1,
            issuedAt: new Date(now).toISOString(),
            expiresAt: new Date(now + 60_000).toISOString(),
            halted: false,
            haltReasons: [],
            tenants: [known.tenantId],
          }),
        },
      ]);
      // The directory arrives on its own subscription: wait until a made-up tenant is refused.
      await vi.waitFor(
        async () => {
          const n = await (async () => {
            await publish({ ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID(), tenantId: 'made-up-tenant' });
            return dlq.length;
          })();
          expect(n).toBeGreaterThanOrEqual(1);
        },
        { timeout: 5_000, interval: 10 },
      );
      // From now on every made-up event is refused, none is chained, and a known tenant flows.
      const chainedBefore = (await rows('made-up-tenant')).length;
      const refusedBefore = dlq.length;
      for (let i = 0; i < 3; i++) await publish({ ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID(), tenantId: 'made-up-tenant' });
      await publish(known);
      await vi.waitFor(
        async () => {
          const r = await rows(known.tenantId);
          expect(r.some((x) => x.event_id === known.id)).toBe(true);
        },
        { timeout: 5_000, interval: 10 },
      );
      await vi.waitFor(
        async () => {
          const n = await dlq.length;
          expect(n).toBe(refusedBefore + 3);
        },
        { timeout: 5_000, interval: 10 },
      );
      await sub.close();
      expect(new Set(dlq.map((r) => r.headers['x-error-code']))).toEqual(new Set(['unknown_tenant']));
      expect((await rows('made-up-tenant')).length).toBe(chainedBefore);
    },
  );

  it('after a crash, signs records appended before it that no checkpoint covers, with no new event of their tenant', async () => {
    const tenantId = `crashed-${randomUUID().slice(0, 8)}`;
    // Appended by an instance that died before its checkpointer ran: this service never heard of them.
    await appendAuditRecords(
      db(),
      tenantId,
      Array.from({ length: 7 }, (_, i) => toAuditRecord(testEvent(tenantId, i), { topic: 'auth.login', partition: 0, offset: String(i) })),
    );
    const signedSize = async () =>
      db().withTenant(tenantId, async (tx) =>
        Number((await tx.query<{ n: string | null }>('SELECT max(tree_size) AS n FROM checkpoints')).rows[0]?.n ?? 0),
      );
    await service.stop();
    expect(await signedSize()).toBe(0);
    service = await startAuditService({ bus, db: db(), logger, partitions: 3, groupSuffix: '', settings: { checkpointIntervalMs: 100 } });
    expect(
      await vi.waitFor(
        async () => {
          const n = await signedSize();
          expect(n).toBe(7);
          return n;
        },
        { timeout: 5_000, interval: 10 },
      ),
    ).toBe(7);
  });

  it('refuses UPDATE and DELETE: the role lacks the grant and a trigger stops even the owner', async () => {
    const login = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID() };
    await publish(login);
    await vi.waitFor(
      async () => {
        const r = await rows(login.tenantId);
        expect(r.length).toBe(1);
      },
      { timeout: 5_000, interval: 10 },
    );
    await expect(db().withTenant(login.tenantId, (tx) => tx.query('UPDATE events SET actor_id = $1', ['x']))).rejects.toThrow(
      /permission denied/,
    );
    await expect(db().withTenant(login.tenantId, (tx) => tx.query('DELETE FROM events'))).rejects.toThrow(/permission denied/);
    await expect(db().admin((tx) => tx.query('UPDATE audit.events SET actor_id = $1', ['x']))).rejects.toThrow(/append-only/);
    await expect(db().admin((tx) => tx.query('DELETE FROM audit.events'))).rejects.toThrow(/append-only/);
    await expect(db().admin((tx) => tx.query('TRUNCATE audit.events'))).rejects.toThrow(/append-only/);
    expect(await rows(login.tenantId)).toHaveLength(1);
  });
});

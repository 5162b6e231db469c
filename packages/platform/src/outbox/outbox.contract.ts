import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumedRecord, EventBus, EventPublisher, Subscription } from '../bus/event-bus.port.js';
import { MalformedEventError } from '../errors.js';
import type { AdminDatabase, Migration } from '../db/database.port.js';
import { sqlState } from '../db/database.contract.js';
import { migrate } from '../db/migrate.js';
import { listTenantTables, tenantTable } from '../db/tenant-table.js';
import { outboxMigrations } from './outbox-migrations.js';
import { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import { appendToOutbox, type OutboxRecord } from './outbox-writer.js';
import { processOnce } from './processed-events.js';

export interface OutboxHarness {
  /** Opens a Database on the shared store (one fresh pg database, or one PGlite instance). */
  open(opts: { schema: string; role: string }): Promise<AdminDatabase>;
  bus: EventBus;
  close(): Promise<void>;
}

export interface OutboxContractOptions {
  /** Bound for every wait on a delivery (Kafka consumer groups need seconds to join). */
  timeoutMs?: number;
}
interface TestEvent {
  id: string;
  tenantId: string;
  n: number;
}

/**
 * The transactional outbox's contract: events commit with the state change, the relay publishes
 * every committed event at least once and in order per key, survives a crash between publish and
 * mark, and `processOnce` turns redelivery into an exactly-once effect.
 */
export function describeOutboxContract(
  label: string,
  makeHarness: () => Promise<OutboxHarness>,
  options: OutboxContractOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 10_000;

  describe(`Outbox contract: ${label}`, () => {
    let harness: OutboxHarness;
    let relays: OutboxRelay[] = [];
    let subscriptions: Subscription[] = [];
    beforeAll(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await Promise.all(relays.map((r) => r.stop()));
      await Promise.all(subscriptions.map((s) => s.close()));
      relays = [];
      subscriptions = [];
    });
    afterAll(async () => {
      await harness?.close();
    });

    const suffix = () => randomUUID().replaceAll('-', '').slice(0, 10);

    /** A migrated service: outbox + processed_events + a `things` state table. */
    async function service(extra: (schema: string, role: string) => Migration[] = () => []) {
      const id = suffix();
      const schema = `ob_${id}`;
      const role = `md_ob_${id}`;
      const db = await harness.open({ schema, role });
      const things: Migration = {
        id: '0001_things',
        sql: `CREATE TABLE "${schema}".things (id uuid PRIMARY KEY, tenant_id text NOT NULL, label text NOT NULL);
              ${tenantTable(schema, 'things', role)}`,
      };
      await migrate(db, { schema, role, migrations: [...outboxMigrations(schema, role), things, ...extra(schema, role)] });
      return { db, schema, role };
    }

    async function topic(partitions = 3): Promise<string> {
      const name = `outbox.contract.${suffix()}`;
      await harness.bus.ensureTopics([{ name, partitions }]);
      return name;
    }

    function event(topicName: string, tenantId: string, key: string, n: number): OutboxRecord {
      const id = randomUUID();
      const body: TestEvent = { id, tenantId, n };
      return { id, tenantId, topic: topicName, key, value: JSON.stringify(body), headers: { 'x-event-type': 'contract.test' } };
    }

    async function collect(topicName: string, handler?: (r: ConsumedRecord) => Promise<void>) {
      const seen: ConsumedRecord[] = [];
      const sub = await harness.bus.subscribe({
        groupId: `outbox-contract-${suffix()}`,
        topics: [topicName],
        fromBeginning: true,
        handler: async (r) => {
          await handler?.(r);
          seen.push(r);
          return { action: 'done' };
        },
      });
      subscriptions.push(sub);
      const ids = () => seen.map((r) => (JSON.parse(r.value) as TestEvent).id);
      return { seen, ids };
    }

    function relay(db: AdminDatabase, schema: string, extra: Partial<OutboxRelayOptions> = {}): OutboxRelay {
      const r = createOutboxRelay({ db, schema, publisher: harness.bus, pollIntervalMs: 50, ...extra });
      relays.push(r);
      return r;
    }

    const unpublished = (db: AdminDatabase, schema: string) =>
      db.admin(async (tx) =>
        (await tx.query<{ id: string }>(`SELECT id::text AS id FROM "${schema}".outbox WHERE published_at IS NULL ORDER BY seq`)).rows.map(
          (r) => r.id,
        ),
      );

    /** Publishes a sentinel through the outbox and waits for it: everything before it has been seen. */
    async function flush(db: AdminDatabase, schema: string, topicName: string, c: { ids(): string[] }) {
      const sentinel = event(topicName, 'tenant-a', 'sentinel', -1);
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [sentinel]));
      await relay(db, schema).drainOnce();
      await expect.poll(() => c.ids().includes(sentinel.id), { timeout: timeoutMs, interval: 10, message: 'the sentinel' }).toBe(true);
      return sentinel.id;
    }

    it('commits the state change and its event together, or neither', async () => {
      const { db, schema } = await service();
      const t = await topic();
      const c = await collect(t);
      const kept = event(t, 'tenant-a', 'k1', 1);
      await db.withTenant('tenant-a', async (tx) => {
        await tx.query("INSERT INTO things (id, tenant_id, label) VALUES ($1, 'tenant-a', 'kept')", [kept.id]);
        await appendToOutbox(tx, [kept]);
      });
      const lost = event(t, 'tenant-a', 'k1', 2);
      await expect(
        db.withTenant('tenant-a', async (tx) => {
          await tx.query("INSERT INTO things (id, tenant_id, label) VALUES ($1, 'tenant-a', 'lost')", [lost.id]);
          await appendToOutbox(tx, [lost]);
          throw new Error('handler failed after appending');
        }),
      ).rejects.toThrow('handler failed');
      const stored = await db.admin(async (tx) => ({
        things: (await tx.query<{ label: string }>(`SELECT label FROM "${schema}".things`)).rows.map((r) => r.label),
        outbox: (await tx.query<{ id: string }>(`SELECT id::text AS id FROM "${schema}".outbox`)).rows.map((r) => r.id),
      }));
      expect(stored).toEqual({ things: ['kept'], outbox: [kept.id] });

      expect(await relay(db, schema).drainOnce()).toBe(1);
      await expect.poll(() => c.ids().includes(kept.id), { timeout: timeoutMs, interval: 10, message: 'the committed event' }).toBe(true);
      const sentinel = await flush(db, schema, t, c);
      expect(c.ids()).toEqual([kept.id, sentinel]);
      const delivered = c.seen[0]!;
      expect({ key: delivered.key, value: delivered.value, type: delivered.headers['x-event-type'] }).toEqual({
        key: 'k1',
        value: kept.value,
        type: 'contract.test',
      });
      expect(await unpublished(db, schema)).toEqual([]);
    });

    it('refuses an event of another tenant inside a tenant transaction', async () => {
      const { db, schema } = await service();
      const t = await topic();
      expect(await sqlState(db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [event(t, 'tenant-b', 'k', 1)])))).toBe('42501');
      expect(await db.admin(async (tx) => (await tx.query(`SELECT 1 FROM "${schema}".outbox`)).rowCount)).toBe(0);
    });

    it('keeps outbox rows tenant-isolated and RLS-forced; only the relay flag reads across tenants', async () => {
      const { db, schema } = await service();
      const t = await topic();
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [event(t, 'tenant-a', 'k', 1)]));
      expect(await db.withTenant('tenant-b', async (tx) => (await tx.query('SELECT 1 FROM outbox')).rowCount)).toBe(0);
      expect(await db.withSystem(async (tx) => (await tx.query('SELECT 1 FROM outbox')).rowCount)).toBe(0);
      // Nobody deletes an unpublished event: not a tenant transaction, not the relay.
      expect(await db.withTenant('tenant-a', async (tx) => (await tx.query('DELETE FROM outbox')).rowCount)).toBe(0);
      expect(await db.withRelay(async (tx) => (await tx.query('DELETE FROM outbox')).rowCount)).toBe(0);
      expect(await db.withRelay(async (tx) => (await tx.query('SELECT 1 FROM outbox')).rowCount)).toBe(1);
      expect(await unpublished(db, schema)).toHaveLength(1);
      const tables = (await listTenantTables(db, schema)).filter((x) => ['outbox', 'processed_events'].includes(x.table));
      expect(tables.map((x) => [x.table, x.rowSecurity, x.forceRowSecurity, x.hasTenantPolicy])).toEqual([
        ['outbox', true, true, true],
        ['processed_events', true, true, true],
      ]);
    });

    it('publishes in order per key across batches and wakes on commit rather than on the poll', async () => {
      const { db, schema } = await service();
      const t = await topic(3);
      const c = await collect(t);
      // A poll far beyond the wait bound: only the commit notification can wake the relay in time.
      const r = relay(db, schema, { batchSize: 4, pollIntervalMs: 600_000 });
      await r.start();
      const written: OutboxRecord[] = [];
      for (let txn = 0; txn < 5; txn++) {
        const batch = [0, 1, 2, 3, 4, 5].map((i) => event(t, 'tenant-a', `key-${i % 3}`, txn * 6 + i));
        written.push(...batch);
        await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, batch));
      }
      await expect.poll(() => c.seen.length >= 30, { timeout: timeoutMs, interval: 10, message: '30 events' }).toBe(true);
      for (const key of ['key-0', 'key-1', 'key-2']) {
        const got = c.seen.filter((x) => x.key === key).map((x) => (JSON.parse(x.value) as TestEvent).n);
        expect(got).toEqual(written.filter((w) => w.key === key).map((w) => (JSON.parse(w.value) as TestEvent).n));
      }
      expect(c.seen).toHaveLength(30);
    });

    it('relays a backlog in batches: one publish call per batch, every row marked', async () => {
      const { db, schema } = await service();
      const t = await topic(3);
      const rows = Array.from({ length: 25 }, (_, i) => event(t, 'tenant-a', `key-${i % 4}`, i));
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, rows));
      const sends: number[] = [];
      const counting: EventPublisher = {
        async publish(records) {
          sends.push(records.length);
          await harness.bus.publish(records);
        },
      };
      expect(await relay(db, schema, { publisher: counting, batchSize: 10 }).drainOnce()).toBe(25);
      expect(sends).toEqual([10, 10, 5]);
      expect(await unpublished(db, schema)).toEqual([]);
    });

    it(
      'crash drill: a relay that dies after publishing but before marking re-publishes; the consumer applies the effect ' + 'once',
      async () => {
        const producer = await service();
        const consumer = await service((schema, role) => [
          {
            id: '0002_effects',
            sql:
              `CREATE TABLE "${schema}".effects (event_id uuid NOT NULL, tenant_id text NOT NULL, applied_at timestamptz ` +
              `NOT NULL DEFAULT now());
              ${tenantTable(schema, 'effects', role, { appendOnly: true })}`,
          },
        ]);
        const t = await topic();
        const c = await collect(t, async (r) => {
          const e = JSON.parse(r.value) as TestEvent;
          await consumer.db.withTenant(e.tenantId, async (tx) => {
            if (await processOnce(tx, 'effects-consumer', e.id, e.tenantId)) {
              await tx.query('INSERT INTO effects (event_id, tenant_id) VALUES ($1, $2)', [e.id, e.tenantId]);
            }
          });
        });
        const e = event(t, 'tenant-a', 'dictation-1', 1);
        await producer.db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [e]));

        const crashing = relay(producer.db, producer.schema, {
          hooks: {
            afterPublish: () => {
              throw new Error('relay killed before marking');
            },
          },
        });
        await expect(crashing.drainOnce()).rejects.toThrow('relay killed');
        expect(await unpublished(producer.db, producer.schema)).toEqual([e.id]);
        await expect.poll(() => c.ids().includes(e.id), { timeout: timeoutMs, interval: 10, message: 'the first delivery' }).toBe(true);

        expect(await relay(producer.db, producer.schema).drainOnce()).toBe(1);
        await expect
          .poll(() => c.ids().filter((id) => id === e.id).length === 2, { timeout: timeoutMs, interval: 10, message: 'the redelivery' })
          .toBe(true);
        expect(await unpublished(producer.db, producer.schema)).toEqual([]);
        const effects = await consumer.db.admin(async (tx) => ({
          effects: (await tx.query<{ id: string }>(`SELECT event_id::text AS id FROM "${consumer.schema}".effects`)).rows.map((r) => r.id),
          processed: (await tx.query(`SELECT 1 FROM "${consumer.schema}".processed_events`)).rowCount,
        }));
        expect(effects).toEqual({ effects: [e.id], processed: 1 });
      },
    );

    it('an event committed while the relay is stopped is published after restart', async () => {
      const { db, schema } = await service();
      const t = await topic();
      const c = await collect(t);
      const first = relay(db, schema);
      await first.start();
      await first.stop();
      const e = event(t, 'tenant-a', 'k', 1);
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [e]));
      await sleep(200);
      expect(await unpublished(db, schema)).toEqual([e.id]);
      expect(c.ids()).toEqual([]);
      await relay(db, schema).start();
      await expect.poll(() => c.ids().includes(e.id), { timeout: timeoutMs, interval: 10, message: 'the event after restart' }).toBe(true);
    });

    it('a relay that dies before publishing loses nothing: the next relay publishes once', async () => {
      const { db, schema } = await service();
      const t = await topic();
      const c = await collect(t);
      const e = event(t, 'tenant-a', 'k', 1);
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [e]));
      const dying = relay(db, schema, {
        hooks: {
          beforePublish: () => {
            throw new Error('relay killed before publishing');
          },
        },
      });
      await expect(dying.drainOnce()).rejects.toThrow('relay killed');
      expect(await unpublished(db, schema)).toEqual([e.id]);
      expect(await relay(db, schema).drainOnce()).toBe(1);
      const sentinel = await flush(db, schema, t, c);
      expect(c.ids()).toEqual([e.id, sentinel]);
    });

    it('stop() lets the in-flight publish finish and mark before returning', async () => {
      const { db, schema } = await service();
      const t = await topic();
      let entered!: () => void;
      const publishing = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const slow: EventPublisher = {
        async publish(records) {
          entered();
          await sleep(300);
          await harness.bus.publish(records);
        },
      };
      const r = relay(db, schema, { publisher: slow });
      await r.start();
      const e = event(t, 'tenant-a', 'k', 1);
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [e]));
      await publishing;
      await r.stop();
      expect(await unpublished(db, schema)).toEqual([]);
      const later = event(t, 'tenant-a', 'k', 2);
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [later]));
      await sleep(200);
      expect(await unpublished(db, schema)).toEqual([later.id]);
    });

    it('concurrent relays publish every record exactly once between them', async () => {
      const { db, schema } = await service();
      const t = await topic();
      const c = await collect(t);
      const written = Array.from({ length: 40 }, (_, i) => event(t, 'tenant-a', `k${i % 4}`, i));
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, written));
      const counts = await Promise.all(
        [relay(db, schema, { batchSize: 5 }), relay(db, schema, { batchSize: 5 })].map((r) => r.drainOnce()),
      );
      // A relay that finds the lock taken returns early; a second pass picks up anything left.
      await relay(db, schema).drainOnce();
      const sentinel = await flush(db, schema, t, c);
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(
        c
          .ids()
          .filter((id) => id !== sentinel)
          .sort(),
      ).toEqual(written.map((w) => w.id).sort());
    });

    it('prunes only rows published longer ago than the retention', async () => {
      const { db, schema } = await service();
      const t = await topic();
      const old = event(t, 'tenant-a', 'k', 1);
      const recent = event(t, 'tenant-a', 'k', 2);
      const pending = event(t, 'tenant-a', 'k', 3);
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [old]));
      await relay(db, schema, { clock: () => Date.now() - 2 * 3_600_000 }).drainOnce();
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [recent]));
      await relay(db, schema).drainOnce();
      await db.withTenant('tenant-a', (tx) => appendToOutbox(tx, [pending]));
      expect(await relay(db, schema, { retentionMs: 3_600_000 }).pruneOnce()).toBe(1);
      const left = await db.admin(async (tx) =>
        (await tx.query<{ id: string }>(`SELECT id::text AS id FROM "${schema}".outbox ORDER BY seq`)).rows.map((r) => r.id),
      );
      expect(left).toEqual([recent.id, pending.id]);
    });

    it('processOnce is true only the first time per consumer and event, and needs a tenant', async () => {
      const { db } = await service();
      const id = randomUUID();
      const first = await db.withTenant('tenant-a', (tx) => processOnce(tx, 'c1', id, 'tenant-a'));
      const again = await db.withTenant('tenant-a', (tx) => processOnce(tx, 'c1', id, 'tenant-a'));
      const other = await db.withTenant('tenant-a', (tx) => processOnce(tx, 'c2', id, 'tenant-a'));
      expect([first, again, other]).toEqual([true, false, true]);
      expect(await sqlState(db.withSystem((tx) => processOnce(tx, 'c3', id, 'tenant-a')))).toBe('42501');
      await expect(db.withTenant('tenant-a', (tx) => processOnce(tx, 'c1', 'not-a-uuid', 'tenant-a'))).rejects.toBeInstanceOf(
        MalformedEventError,
      );
      // A rolled-back transaction forgets the mark, so the redelivered event is processed again.
      const rolledBack = randomUUID();
      await expect(
        db.withTenant('tenant-a', async (tx) => {
          await processOnce(tx, 'c1', rolledBack, 'tenant-a');
          throw new Error('effect failed');
        }),
      ).rejects.toThrow('effect failed');
      expect(await db.withTenant('tenant-a', (tx) => processOnce(tx, 'c1', rolledBack, 'tenant-a'))).toBe(true);
    });
  });
}

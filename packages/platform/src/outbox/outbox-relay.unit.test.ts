import { describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '../bus/memory-event-bus.js';
import type { EventPublisher, OutgoingRecord } from '../bus/event-bus.port.js';
import type { Database, Queryable } from '../db/database.port.js';
import { migrate } from '../db/migrate.js';
import { createPgliteDatabase, openPglite } from '../db/pglite-database.js';
import { DependencyUnavailableError } from '../errors.js';
import { outboxMigrations } from './outbox-migrations.js';
import { describeOutboxContract } from './outbox.contract.js';
import { createOutboxRelay } from './outbox-relay.js';
import { appendToOutbox } from './outbox-writer.js';

/** Each test below boots its own PGlite (WASM), which takes seconds on a loaded 2-core machine. */
const PGLITE_TEST_TIMEOUT_MS = 60_000;

describeOutboxContract(
  'pglite + memory bus',
  async () => {
    const pglite = await openPglite();
    const bus = createMemoryEventBus({ defaultPartitions: 3 });
    const dbs: Database[] = [];
    return {
      bus,
      async open({ schema, role }) {
        const db = createPgliteDatabase({ pglite, schema, role });
        dbs.push(db);
        return db;
      },
      async close() {
        await bus.close();
        await Promise.all(dbs.map((db) => db.close()));
        await pglite.close();
      },
    };
  },
  { timeoutMs: 5_000 },
);

describe('outbox relay', () => {
  it(
    'reads a batch in its first statement: the relay flag comes with the transaction and the lock with the read',
    async () => {
      const db = createPgliteDatabase({ schema: 'relay_trips', role: 'relay_trips_svc' });
      await migrate(db, { schema: 'relay_trips', role: 'relay_trips_svc', migrations: outboxMigrations('relay_trips', 'relay_trips_svc') });
      await db.withTenant('t', (tx) =>
        appendToOutbox(tx, [{ id: '00000000-0000-4000-8000-0000000000e1', tenantId: 't', topic: 'trips', key: 'k', value: 'v' }]),
      );
      // What the relay sends inside its transactions (the setup is the adapter's, not counted).
      const sent: string[] = [];
      const recording = (tx: Queryable): Queryable => ({
        query: (sql, params) => {
          sent.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
          return tx.query(sql, params);
        },
      });
      const watched: Database = {
        withTenant: (tenantId, fn) => db.withTenant(tenantId, (tx) => fn(recording(tx))),
        withSystem: (fn) => db.withSystem((tx) => fn(recording(tx))),
        withRelay: (fn) => db.withRelay((tx) => fn(recording(tx))),
        ping: () => db.ping(),
        close: () => db.close(),
      };
      const published: OutgoingRecord[] = [];
      const relay = createOutboxRelay({
        db: watched,
        schema: 'relay_trips',
        publisher: { publish: async (records) => void published.push(...records) },
      });
      expect(await relay.drainOnce()).toBe(1);
      expect(published.map((r) => r.value)).toEqual(['v']);
      // One batch (fewer rows than a batch holds, so the drain stops there): its read, lock and rows together, and the mark.
      expect(sent).toEqual(['SELECT o.seq::text', 'UPDATE "relay_trips"."outbox"']);
      await db.close();
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'backs off while the bus is down and publishes everything once it is back',
    async () => {
      const db = createPgliteDatabase({ schema: 'relay_retry', role: 'relay_retry_svc' });
      await migrate(db, { schema: 'relay_retry', role: 'relay_retry_svc', migrations: outboxMigrations('relay_retry', 'relay_retry_svc') });
      const published: OutgoingRecord[] = [];
      let down = true;
      let attempts = 0;
      const publisher: EventPublisher = {
        async publish(records) {
          attempts += 1;
          if (down) throw new DependencyUnavailableError('event bus');
          published.push(...records);
        },
      };
      const warnings: unknown[] = [];
      const relay = createOutboxRelay({
        db,
        schema: 'relay_retry',
        publisher,
        pollIntervalMs: 10,
        maxBackoffMs: 40,
        logger: {
          warn: (obj: unknown) => {
            warnings.push(obj);
          },
          debug: () => undefined,
        },
      });
      await relay.start();
      await db.withTenant('t1', (tx) =>
        appendToOutbox(tx, [{ id: '00000000-0000-4000-8000-000000000001', tenantId: 't1', topic: 'x', key: 'k', value: '{"n":1}' }]),
      );
      await expect.poll(() => attempts, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
      expect(published).toEqual([]);
      down = false;
      await expect.poll(() => published.length, { timeout: 5_000 }).toBe(1);
      await relay.stop();
      expect(published[0]).toEqual({ topic: 'x', key: 'k', value: '{"n":1}', headers: {} });
      expect(warnings.length).toBeGreaterThan(0);
      await db.close();
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'shares one PGlite instance: a stopped database does not break another service’s relay',
    async () => {
      const pglite = await openPglite();
      const bus = createMemoryEventBus();
      const a = createPgliteDatabase({ pglite, schema: 'svc_a', role: 'svc_a_role' });
      const b = createPgliteDatabase({ pglite, schema: 'svc_b', role: 'svc_b_role' });
      await migrate(a, { schema: 'svc_a', role: 'svc_a_role', migrations: outboxMigrations('svc_a', 'svc_a_role') });
      await migrate(b, { schema: 'svc_b', role: 'svc_b_role', migrations: outboxMigrations('svc_b', 'svc_b_role') });
      const relayA = createOutboxRelay({ db: a, schema: 'svc_a', publisher: bus, pollIntervalMs: 600_000 });
      const relayB = createOutboxRelay({ db: b, schema: 'svc_b', publisher: bus, pollIntervalMs: 600_000 });
      await Promise.all([relayA.start(), relayB.start()]);
      const seen: string[] = [];
      await bus.subscribe({
        groupId: 'g',
        topics: ['shared'],
        handler: async (r) => {
          seen.push(r.value);
          return { action: 'done' };
        },
      });
      await a.withTenant('t', (tx) =>
        appendToOutbox(tx, [{ id: '00000000-0000-4000-8000-00000000000a', tenantId: 't', topic: 'shared', key: 'k', value: 'from-a' }]),
      );
      await b.withTenant('t', (tx) =>
        appendToOutbox(tx, [{ id: '00000000-0000-4000-8000-00000000000b', tenantId: 't', topic: 'shared', key: 'k', value: 'from-b' }]),
      );
      await expect.poll(() => [...seen].sort(), { timeout: 5_000 }).toEqual(['from-a', 'from-b']);
      await relayA.stop();
      await a.close();
      await b.withTenant('t', (tx) =>
        appendToOutbox(tx, [{ id: '00000000-0000-4000-8000-00000000000c', tenantId: 't', topic: 'shared', key: 'k', value: 'b-again' }]),
      );
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(3);
      await relayB.stop();
      await bus.close();
      await pglite.close();
    },
    PGLITE_TEST_TIMEOUT_MS,
  );
});

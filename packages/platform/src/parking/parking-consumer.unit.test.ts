import { randomUUID } from 'node:crypto';
import type { GateState } from '@medicdraft/contracts';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dlqTopic, type ConsumedRecord, type EventBus, type Subscription } from '../bus/event-bus.port.js';
import { createMemoryEventBus } from '../bus/memory-event-bus.js';
import { migrate } from '../db/migrate.js';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '../db/pglite-database.js';
import type { Database, Queryable } from '../db/database.port.js';
import { isAppError, MalformedEventError } from '../errors.js';
import { createGateView, type GateView } from '../gates/gate-view.js';
import { outboxMigrations } from '../outbox/outbox-migrations.js';
import { processOnceAll } from '../outbox/processed-events.js';
import { annotateLogContext, runWithLogContext } from '../runtime/log-context.js';
import { createLogger } from '../runtime/logger.js';
import { createMetrics } from '../runtime/metrics.js';
import { createParkedRecords } from './parked-records.js';
import { createParkingConsumer, type Applied, type ParkingConsumer, type ParkingWork } from './parking-consumer.js';
import { parkingMetrics } from './parking-metrics.js';
import { parkingMigrations } from './parking-migrations.js';

const SCHEMA = 'parking_test';
const ROLE = 'medicdraft_parking_test';
const TOPIC = 'work.requested';
const GROUP = 'worker';
const A = 'tenant-a';
const B = 'tenant-b';
const logger = createLogger({ service: 'parking-test', level: 'silent' });
/**
 * Every case runs with the consumer subscribed as a batch handler (a partition's fetch at once) and
 * as a record handler (a batch of one): the same judging, so the same outcomes.
 */
describe.each(['batch', 'record'] as const)('parking consumer (PGlite, memory bus, %s handler)', { timeout: 30_000 }, (form) => {
  let pglite: PgliteHandle;
  let bus: EventBus;
  let gates: GateView;
  const frozen = Date.now();
  let version = 0;
  /** The work's effects in the order they were applied: `<tenant>:<n>`. */
  let applied: string[];
  let running: { consumer: ParkingConsumer; subscription: Subscription }[];
  const db = () => createPgliteDatabase({ pglite, schema: SCHEMA, role: ROLE });

  const state = (tenantId: string, over: Partial<{ halted: boolean; phiMode: 'enabled' | 'disabled' }> = {}) => {
    version += 1;
    const halted = over.halted === true;
    gates.apply({
      ...sandboxGateStateFixture(tenantId),
      version,
      phiMode: over.phiMode ?? 'disabled',
      issuedAt: new Date(frozen).toISOString(),
      expiresAt: new Date(frozen + 60_000).toISOString(),
      halted,
      haltReasons: halted ? ['manual'] : [],
    } as GateState);
  };
  const directory = (over: { halted?: boolean; tenants?: string[]; at?: number } = {}) => {
    version += 1;
    const halted = over.halted === true;
    const at = over.at ?? frozen;
    gates.apply({
      tenantId: '*',
      version,
      issuedAt: new Date(at).toISOString(),
      expiresAt: new Date(at + 60_000).toISOString(),
      halted,
      haltReasons: halted ? ['manual'] : [],
      tenants: over.tenants ?? [A, B],
    });
  };
  /** Every record goes to one partition (one key), so a stall would stop everyone. */
  /** `at`: when the event was created (epoch ms), as an envelope's `occurredAt` says. */
  const send = (tenantId: string, n: number, over: { phi?: boolean; id?: string; key?: string; at?: number } = {}) =>
    bus.publish([
      {
        topic: TOPIC,
        key: over.key ?? 'one-partition',
        value: JSON.stringify({ id: over.id ?? randomUUID(), tenantId, n, phi: over.phi ?? false, at: over.at }),
      },
    ]);
  const classify = (record: ConsumedRecord) => {
    const v = JSON.parse(record.value) as { tenantId?: unknown; phi?: unknown; at?: unknown };
    if (typeof v.tenantId !== 'string') throw new MalformedEventError('no tenant');
    return { tenantId: v.tenantId, phi: v.phi === true, ...(typeof v.at === 'number' ? { occurredAt: v.at } : {}) };
  };
  /** The work: a dedupe mark per record in the tenant's transaction; `applied` grows once it committed. */
  const testWork = (work?: (record: ConsumedRecord) => Promise<void>, prepare?: (record: ConsumedRecord) => void) => ({
    ...(prepare === undefined
      ? {}
      : {
          async prepare(_tenantId: string, records: readonly ConsumedRecord[]) {
            return records.map((r) => (prepare(r), { action: 'apply' as const, value: undefined }));
          },
        }),
    async apply(tx: Queryable, tenantId: string, items: readonly { record: ConsumedRecord }[]): Promise<Applied[]> {
      const out: Applied[] = [];
      const ok: { id: string; n: number; i: number }[] = [];
      for (const { record } of items) {
        try {
          await work?.(record);
        } catch (error) {
          if (!isAppError(error) || !error.deadLetter) throw error;
          out.push({ action: 'fail', error });
          continue;
        }
        const v = JSON.parse(record.value) as { id: string; n: number };
        ok.push({ id: v.id, n: v.n, i: out.length });
        out.push({ action: 'done' });
      }
      const fresh = await processOnceAll(
        tx,
        GROUP,
        ok.map((o) => o.id),
        tenantId,
      );
      for (const o of ok) {
        if (fresh.delete(o.id)) out[o.i] = { action: 'done', afterCommit: () => applied.push(`${tenantId}:${o.n}`) };
      }
      return out;
    },
  });
  const start = async (
    over: {
      work?: (record: ConsumedRecord) => Promise<void>;
      metrics?: ReturnType<typeof createMetrics>;
      sweepMs?: number;
      db?: Database;
      prepare?: (record: ConsumedRecord) => void;
    } = {},
  ) => {
    const consumer = createParkingConsumer({
      service: 'worker',
      consumer: GROUP,
      groupId: GROUP,
      db: over.db ?? db(),
      gates,
      publisher: bus,
      logger,
      clock: () => frozen,
      sweepMs: over.sweepMs ?? 60_000,
      ...(over.metrics === undefined ? {} : { observer: parkingMetrics(over.metrics, 'worker', () => frozen + 5_000) }),
      classify,
      work: testWork(over.work, over.prepare),
    });
    await run(consumer);
    return consumer;
  };
  /** Subscribes the consumer in this suite's handler form and starts it; stopped after the test. */
  const run = async (consumer: ParkingConsumer) => {
    const subscription = await bus.subscribe(
      form === 'batch'
        ? { groupId: GROUP, topics: [TOPIC], batchHandler: consumer.batchHandler }
        : { groupId: GROUP, topics: [TOPIC], handler: consumer.handler },
    );
    consumer.start();
    running.push({ consumer, subscription });
  };
  const stopAll = async () => {
    for (const r of running.splice(0)) {
      await r.subscription.close();
      await r.consumer.stop();
    }
  };
  const parkedCount = async (tenantId: string) => (await createParkedRecords(db(), GROUP).head(tenantId, '0', 1000)).length;
  const deadLetters = async () => {
    const codes: string[] = [];
    const sub = await bus.subscribe({
      groupId: `dlq-reader-${randomUUID()}`,
      topics: [dlqTopic(GROUP)],
      handler: async (r) => (codes.push(r.headers['x-error-code'] ?? ''), { action: 'done' }),
    });
    return { codes, close: () => sub.close() };
  };

  beforeEach(async () => {
    pglite = await openPglite();
    bus = createMemoryEventBus({ defaultPartitions: 1 });
    gates = createGateView({ clock: () => frozen });
    applied = [];
    running = [];
    await migrate(db(), {
      schema: SCHEMA,
      role: ROLE,
      migrations: [...outboxMigrations(SCHEMA, ROLE), ...parkingMigrations(SCHEMA, ROLE)],
    });
  });
  afterEach(async () => {
    await stopAll();
    await bus.close();
    await pglite.close();
  });

  it('parks a blocked tenant so another tenant on the same partition flows; resumes it in order, once, when its gate opens', async () => {
    directory();
    state(A);
    state(B, { halted: true });
    await start();
    for (let n = 1; n <= 5; n++) await send(B, n);
    await send(A, 1);
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.includes(`${A}:1`)).toBe(true);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([`${A}:1`]);
    expect(await parkedCount(B)).toBe(5);
    state(B);
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(6);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([`${A}:1`, `${B}:1`, `${B}:2`, `${B}:3`, `${B}:4`, `${B}:5`]);
    expect(await parkedCount(B)).toBe(0);
  });

  it("parks newer records behind parked ones, so a tenant's order holds while its backlog drains", async () => {
    directory();
    state(B, { halted: true });
    const consumer = await start();
    for (let n = 1; n <= 3; n++) await send(B, n);
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(3);
      },
      { timeout: 15_000, interval: 10 },
    );
    // The gate opens, but nothing has resumed yet (no sweep, and the resume races the new records).
    state(B);
    for (let n = 4; n <= 6; n++) await send(B, n);
    await consumer.resume(B);
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(6);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${B}:${n}`));
  });

  it('waits for PHI mode only on PHI work, without letting later records overtake a parked one', async () => {
    directory();
    state(B, { phiMode: 'disabled' });
    await start();
    await send(B, 1, { phi: true });
    await send(B, 2);
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(2);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([]);
    // Another dictation (key) of the tenant that needs no PHI mode is not held up by them.
    await send(B, 3, { key: 'another-dictation' });
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(1);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([`${B}:3`]);
    state(B, { phiMode: 'enabled' });
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(3);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([`${B}:3`, `${B}:1`, `${B}:2`]);
  });

  it('resumes the keys that may run and keeps a key whose first record still may not run parked whole', async () => {
    directory();
    state(B, { halted: true });
    await start();
    await send(B, 1, { phi: true, key: 'audio-dictation' });
    await send(B, 2, { key: 'text-dictation' });
    await send(B, 3, { key: 'audio-dictation' });
    await send(B, 4, { key: 'text-dictation' });
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(4);
      },
      { timeout: 15_000, interval: 10 },
    );
    state(B, { phiMode: 'disabled' });
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(2);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([`${B}:2`, `${B}:4`]);
    expect(await parkedCount(B)).toBe(2);
    state(B, { phiMode: 'enabled' });
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(4);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([`${B}:2`, `${B}:4`, `${B}:1`, `${B}:3`]);
  });

  it(
    'holds without parking while every tenant is blocked (nothing heard from readiness yet, a global halt, readiness gone ' + 'silent)',
    async () => {
      let now = frozen;
      gates = createGateView({ clock: () => now });
      await start();
      await send(A, 1);
      // Nothing heard from readiness: A is neither known nor unknown, so its record waits in the partition.
      await new Promise((r) => setTimeout(r, 100));
      expect(applied).toEqual([]);
      expect(await parkedCount(A)).toBe(0);
      directory({ halted: true });
      state(A);
      await new Promise((r) => setTimeout(r, 100));
      expect(applied).toEqual([]);
      expect(await parkedCount(A)).toBe(0);
      directory();
      await vi.waitFor(
        async () => {
          const a = await applied;
          expect(a.length).toBe(1);
        },
        { timeout: 15_000, interval: 10 },
      );
      // Readiness falls silent: every state expires together, and records wait in the partition again.
      now = frozen + 61_000;
      await send(A, 2);
      await new Promise((r) => setTimeout(r, 100));
      expect(applied).toEqual([`${A}:1`]);
      expect(await parkedCount(A)).toBe(0);
    },
  );

  it('dead-letters unknown tenants and malformed records at once, with their reasons', async () => {
    directory();
    state(A);
    const dlq = await deadLetters();
    await start();
    await send('nobody', 1);
    await bus.publish([{ topic: TOPIC, key: 'one-partition', value: '{"no":"tenant"}' }]);
    await send(A, 1);
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(1);
      },
      { timeout: 15_000, interval: 10 },
    );
    await vi.waitFor(
      async () => {
        const c = await dlq.codes;
        expect(c.length).toBe(2);
      },
      { timeout: 15_000, interval: 10 },
    );
    await dlq.close();
    expect(dlq.codes).toEqual(['unknown_tenant', 'malformed_event']);
  });

  it(
    'parks a record of a tenant the directory in hand cannot vouch for (created after it), so the partition flows; the next ' +
      'directory runs it if it lists the tenant and dead-letters it if not',
    async () => {
      let now = frozen;
      gates = createGateView({ clock: () => now });
      directory();
      state(A);
      const dlq = await deadLetters();
      await start();
      // Both were created after the directory: "late" was provisioned since, "ghost" never was.
      now = frozen + 1_000;
      await send('late', 1, { at: now });
      await send('ghost', 1, { at: now });
      await send(A, 1, { at: now });
      await vi.waitFor(
        async () => {
          const a = await applied;
          expect(a).toEqual([`${A}:1`]);
        },
        { timeout: 15_000, interval: 10 },
      );
      expect(await parkedCount('late')).toBe(1);
      expect(await parkedCount('ghost')).toBe(1);
      expect(dlq.codes).toEqual([]);
      state('late');
      directory({ tenants: [A, B, 'late'], at: now });
      await vi.waitFor(
        async () => {
          const a = await applied;
          expect(a).toEqual([`${A}:1`, 'late:1']);
          expect(dlq.codes).toEqual(['unknown_tenant']);
        },
        { timeout: 15_000, interval: 10 },
      );
      await vi.waitFor(
        async () => {
          const parked = (await parkedCount('late')) + (await parkedCount('ghost'));
          expect(parked).toBe(0);
        },
        { timeout: 15_000, interval: 10 },
      );
      await dlq.close();
    },
  );

  it('settles unconfirmed records after a sweep found everyone halted: a settle that ended at once is not left "running"', async () => {
    let now = frozen;
    const view = createGateView({ clock: () => now });
    /** Whether the sweep looked at the ghost tenant (it asks without a record time) since the last reset. */
    let sweptGhost = false;
    gates = {
      ...view,
      tenantStatus(tenantId, recordAt) {
        if (tenantId === 'ghost' && recordAt === undefined) sweptGhost = true;
        return view.tenantStatus(tenantId, recordAt);
      },
    };
    directory();
    state(A);
    const dlq = await deadLetters();
    await start({ sweepMs: 20 });
    now = frozen + 1_000;
    await send('ghost', 1, { at: now });
    await vi.waitFor(async () => expect(await parkedCount('ghost')).toBe(1), { timeout: 15_000, interval: 10 });
    // Everyone halted (by a directory older than the record, so a pass still under way keeps it):
    // the sweep still finds the unconfirmed record and asks for a settle, which must end at once
    // (nothing is settled while halted) and leave no settle behind.
    directory({ halted: true });
    sweptGhost = false;
    await vi.waitFor(() => expect(sweptGhost).toBe(true), { timeout: 15_000, interval: 5 });
    await new Promise((resolve) => setImmediate(resolve));
    // Unhalted, with a directory newer than the record that does not list its tenant: dead-lettered.
    directory({ at: now + 1 });
    await vi.waitFor(() => expect(dlq.codes).toEqual(['unknown_tenant']), { timeout: 15_000, interval: 10 });
    await vi.waitFor(async () => expect(await parkedCount('ghost')).toBe(0), { timeout: 15_000, interval: 10 });
    await dlq.close();
  });

  it('a parked record that fails for good when resumed goes to the dead-letter topic, and the rest of the tenant resumes', async () => {
    directory();
    state(B, { halted: true });
    const dlq = await deadLetters();
    await start({
      work: async (record) => {
        if ((JSON.parse(record.value) as { n: number }).n === 2) throw new MalformedEventError('rejected on resume');
      },
    });
    for (let n = 1; n <= 3; n++) await send(B, n);
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(3);
      },
      { timeout: 15_000, interval: 10 },
    );
    state(B);
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(2);
      },
      { timeout: 15_000, interval: 10 },
    );
    await vi.waitFor(
      async () => {
        const c = await dlq.codes;
        expect(c.length).toBe(1);
      },
      { timeout: 15_000, interval: 10 },
    );
    await dlq.close();
    expect(applied).toEqual([`${B}:1`, `${B}:3`]);
    expect(dlq.codes).toEqual(['malformed_event']);
    expect(await parkedCount(B)).toBe(0);
  });

  it('survives a crash: another instance resumes what the first parked, and two resuming at once apply each record once', async () => {
    directory();
    state(B, { halted: true });
    await start();
    for (let n = 1; n <= 20; n++) await send(B, n);
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(20);
      },
      { timeout: 15_000, interval: 10 },
    );
    await stopAll();
    // A transient failure on the first run of record 7 stops that pass; the sweep tries again.
    let failedOnce = false;
    const flaky = async (record: ConsumedRecord) => {
      if (!failedOnce && (JSON.parse(record.value) as { n: number }).n === 7) {
        failedOnce = true;
        throw new Error('connection reset');
      }
    };
    state(B);
    await start({ work: flaky, sweepMs: 50 });
    await start({ sweepMs: 50 });
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(0);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual(Array.from({ length: 20 }, (_, i) => `${B}:${i + 1}`));
    expect(failedOnce).toBe(true);
  });

  /** The database with every tenant transaction and statement counted, per tenant. */
  const counted = (inner: Database, over: { failCommitOnce?: string } = {}) => {
    const transactions = new Map<string, number>();
    const statements = new Map<string, number>();
    let failCommit = over.failCommitOnce;
    const bump = (m: Map<string, number>, t: string) => m.set(t, (m.get(t) ?? 0) + 1);
    const counting: Database = {
      withTenant: (tenantId, fn) => {
        bump(transactions, tenantId);
        return inner.withTenant(tenantId, async (tx) => {
          const result = await fn({
            query: (sql, params) => {
              bump(statements, tenantId);
              return tx.query(sql, params);
            },
          });
          // The connection is lost after the work but before COMMIT: the transaction rolls back.
          if (failCommit === tenantId) {
            failCommit = undefined;
            throw new Error('connection terminated before commit');
          }
          return result;
        });
      },
      withSystem: (fn) => inner.withSystem(fn),
      withRelay: (fn) => inner.withRelay(fn),
      ping: () => inner.ping(),
      close: () => inner.close(),
    };
    return { db: counting, transactions, statements, commitFailed: () => over.failCommitOnce !== undefined && failCommit === undefined };
  };
  let offset = 0;
  const record = (tenantId: string, n: number, key: string): ConsumedRecord => ({
    topic: TOPIC,
    partition: 0,
    offset: String(offset++),
    key,
    value: JSON.stringify({ id: randomUUID(), tenantId, n, phi: false }),
    headers: {},
    timestamp: frozen,
  });
  /** The batch through the consumer's batch handler, or record by record through its record handler. */
  const deliver = async (consumer: ParkingConsumer, records: readonly ConsumedRecord[]) => {
    if (form === 'batch') return consumer.batchHandler(records);
    const results = [];
    for (const r of records) {
      try {
        results.push(await consumer.handler(r));
      } catch (error) {
        results.push({ action: 'fail' as const, error });
      }
    }
    return results;
  };

  /**
   * A consumer whose log lines are kept, whose classifier puts the record's ids into the log context
   * as the services' classifiers do, and whose work is `apply`.
   */
  const loggedConsumer = (apply: ParkingWork<unknown>['apply']) => {
    const lines: Record<string, unknown>[] = [];
    const sink = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
    const log = createLogger({ service: 'parking-test', destination: sink });
    const consumer = createParkingConsumer({
      service: 'worker',
      consumer: GROUP,
      groupId: GROUP,
      db: db(),
      gates,
      publisher: bus,
      logger: log,
      clock: () => frozen,
      sweepMs: 60_000,
      classify: (record) => {
        const work = classify(record);
        annotateLogContext({ tenantId: work.tenantId, correlationId: `classified-${(JSON.parse(record.value) as { n: number }).n}` });
        return work;
      },
      work: { apply },
    });
    return { consumer, log, lines };
  };

  it("logs each record's work under its own tenant, not the tenant of the batch's last record", async () => {
    directory();
    state(A);
    state(B);
    const { consumer, log, lines } = loggedConsumer(async (_tx, _tenantId, items) =>
      items.map(({ record }) => ({
        action: 'done' as const,
        afterCommit: () => log.info({ record: (JSON.parse(record.value) as { n: number }).n }, 'applied'),
      })),
    );
    const batch = [record(A, 1, 'a'), record(B, 2, 'b'), record(A, 3, 'a'), record(B, 4, 'b')];
    await runWithLogContext({}, () => deliver(consumer, batch));
    const applied = lines.filter((l) => l['msg'] === 'applied').map((l) => [l['record'], l['tenantId']]);
    expect(applied.sort()).toEqual([
      [1, A],
      [2, B],
      [3, A],
      [4, B],
    ]);
  });

  it("a resumed record's afterCommit annotates its own context: the next parked record does not log the previous one's ids", async () => {
    directory();
    state(B, { halted: true });
    const { consumer, log, lines } = loggedConsumer(async (_tx, _tenantId, items) =>
      items.map(({ record }) => {
        const n = (JSON.parse(record.value) as { n: number }).n;
        log.info({ record: n }, 'applying');
        // As the services' afterCommit does: the record's correlation id goes into the log context.
        return { action: 'done' as const, afterCommit: () => annotateLogContext({ correlationId: `corr-${n}` }) };
      }),
    );
    await run(consumer);
    for (let n = 1; n <= 3; n++) await send(B, n);
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(3);
      },
      { timeout: 15_000, interval: 10 },
    );
    state(B);
    await runWithLogContext({}, () => consumer.resume(B));
    await vi.waitFor(() => expect(lines.filter((l) => l['msg'] === 'applying')).toHaveLength(3), { timeout: 15_000, interval: 10 });
    const applying = lines.filter((l) => l['msg'] === 'applying').map((l) => [l['record'], l['tenantId'], l['correlationId']]);
    expect(applying).toEqual([
      [1, B, undefined],
      [2, B, undefined],
      [3, B, undefined],
    ]);
  });

  it('judges a batch of three tenants per record and writes each tenant in one transaction (blocked: parked, unknown: DLQ)', async () => {
    directory();
    state(A, { halted: true });
    state(B);
    const count = counted(db());
    const consumer = createParkingConsumer({
      service: 'worker',
      consumer: GROUP,
      groupId: GROUP,
      db: count.db,
      gates,
      publisher: bus,
      logger,
      clock: () => frozen,
      classify,
      work: testWork(),
    });
    const batch = [
      record(B, 1, 'b-one'),
      record(A, 1, 'a-one'),
      record('nobody', 1, 'x'),
      record(B, 2, 'b-two'),
      record(A, 2, 'a-one'),
      record(B, 3, 'b-one'),
    ];
    const results = await deliver(consumer, batch);
    expect(results.map((r) => (r.action === 'fail' ? (r.error as { code?: string }).code : r.action))).toEqual([
      'done',
      'done',
      'unknown_tenant',
      'done',
      'done',
      'done',
    ]);
    expect(applied).toEqual([`${B}:1`, `${B}:2`, `${B}:3`]);
    expect(await parkedCount(A)).toBe(2);
    expect(await parkedCount('nobody')).toBe(0);
    // Batch: the fine tenant's parked-keys query and dedupe in one transaction; the blocked one's two records in one statement.
    expect(count.transactions.get(B)).toBe(form === 'batch' ? 1 : 3);
    expect(count.statements.get(B)).toBe(form === 'batch' ? 2 : 6);
    expect(count.transactions.get(A)).toBe(form === 'batch' ? 1 : 2);
    expect(count.statements.get(A)).toBe(form === 'batch' ? 1 : 2);
    expect(count.transactions.has('nobody')).toBe(false);
    // A's gate opens but nothing resumed yet: a newer record of its parked dictation parks behind, another dictation runs.
    state(A);
    const later = await deliver(consumer, [record(A, 3, 'a-one'), record(A, 4, 'a-two')]);
    expect(later.map((r) => r.action)).toEqual(['done', 'done']);
    expect(applied).toEqual([`${B}:1`, `${B}:2`, `${B}:3`, `${A}:4`]);
    // Parking one behind the backlog resumes it: in parking order, the newer record last.
    await consumer.resume(A);
    expect(applied).toEqual([`${B}:1`, `${B}:2`, `${B}:3`, `${A}:4`, `${A}:1`, `${A}:2`, `${A}:3`]);
    expect(await parkedCount(A)).toBe(0);
    await consumer.stop();
  });

  it('a crash before the commit applies nothing; the records are delivered again and applied (and parked) once', async () => {
    directory();
    state(A, { halted: true });
    state(B);
    const count = counted(db(), { failCommitOnce: B });
    const delivered: ConsumedRecord[] = [];
    await send(B, 1);
    await send(A, 1);
    await send(B, 2);
    await send(B, 3);
    const consumer = await start({ db: count.db });
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(3);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(count.commitFailed()).toBe(true);
    expect(applied).toEqual([`${B}:1`, `${B}:2`, `${B}:3`]);
    expect(await parkedCount(A)).toBe(1);
    // A crash after the commit but before the offsets were committed: the same records come again.
    const reader = await bus.subscribe({
      groupId: `reader-${randomUUID()}`,
      topics: [TOPIC],
      handler: async (r) => (delivered.push(r), { action: 'done' }),
    });
    await vi.waitFor(() => expect(delivered.length).toBe(4), { timeout: 15_000, interval: 10 });
    await reader.close();
    const again = await deliver(consumer, delivered);
    expect(again.map((r) => r.action)).toEqual(['done', 'done', 'done', 'done']);
    expect(applied).toEqual([`${B}:1`, `${B}:2`, `${B}:3`]);
    expect(await parkedCount(A)).toBe(1);
  });

  it('checks the gate again after prepare: a tenant halted meanwhile parks the record, a global halt holds it', async () => {
    directory();
    state(B);
    let halt: (() => void) | undefined = () => state(B, { halted: true });
    await start({
      prepare: () => {
        halt?.();
        halt = undefined;
      },
    });
    await send(B, 1);
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(1);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(applied).toEqual([]);
    expect((await createParkedRecords(db(), GROUP).head(B, '0', 10)).map((p) => p.reason)).toEqual(['halted']);
    state(B);
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a).toEqual([`${B}:1`]);
      },
      { timeout: 15_000, interval: 10 },
    );
    let halted = false;
    halt = () => {
      halted = true;
      directory({ halted: true });
    };
    await send(B, 2);
    await vi.waitFor(() => expect(halted).toBe(true), { timeout: 15_000, interval: 10 });
    expect(await parkedCount(B)).toBe(0);
    expect(applied).toEqual([`${B}:1`]);
    directory();
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a).toEqual([`${B}:1`, `${B}:2`]);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(await parkedCount(B)).toBe(0);
  });

  it("reports parked records and the oldest one's age per service and tenant", async () => {
    directory();
    state(B, { halted: true });
    const metrics = createMetrics('parking-test');
    await start({ metrics });
    for (let n = 1; n <= 4; n++) await send(B, n);
    await vi.waitFor(
      async () => {
        const c = await parkedCount(B);
        expect(c).toBe(4);
      },
      { timeout: 15_000, interval: 10 },
    );
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/medicdraft_parked_records\{service="worker",tenant="tenant-b"\} 4/);
    expect(text).toMatch(/medicdraft_parked_oldest_age_seconds\{service="worker",tenant="tenant-b"\} 5/);
    expect(text).toMatch(/medicdraft_records_parked_total\{service="worker",tenant="tenant-b"\} 4/);
    state(B);
    await vi.waitFor(
      async () => {
        const a = await applied;
        expect(a.length).toBe(4);
      },
      { timeout: 15_000, interval: 10 },
    );
    const after = await metrics.registry.metrics();
    expect(after).toMatch(/medicdraft_parked_records\{service="worker",tenant="tenant-b"\} 0/);
    expect(after).toMatch(/medicdraft_records_resumed_total\{service="worker",tenant="tenant-b"\} 4/);
  });
});

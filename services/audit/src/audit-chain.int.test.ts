import { randomUUID } from 'node:crypto';
import { encodeEvent, type DomainEvent } from '@medicdraft/contracts';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createLogger, migrate, outboxMigrations, type AdminDatabase, type EventBus } from '@medicdraft/platform';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { type RunningService } from '@medicdraft/platform/http';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA, auditMigrations } from './audit-migrations.js';
import { toAuditRecord } from './audit-record.js';
import { appendAuditRecords } from './audit-store.js';
import pg from 'pg';
import { runCli } from './cli/run-cli.js';
import { createPgCopyRowStream } from './rows/pg-copy-row-stream.js';
import { startAuditService } from './service.js';
import { testEvent, testKeyRing } from './testing/audit-log-fixture.js';
import { verifyTenantChain } from './verify/chain-verifier.js';
import { readCheckpoints, readRegisteredKeys, readRowsToVerify, type ReadTx } from './verify/pg-audit-source.js';
import { createPublicKey } from 'node:crypto';
import { sink } from './testing/output-sink.js';

const logger = createLogger({ service: 'audit-int', level: 'silent' });
const suffix = randomUUID().slice(0, 8);
/** This file's topic namespace on the shared cluster (KAFKA_TOPIC_PREFIX). */
const topicPrefix = `audit-int-${suffix}.`;

describe('audit hash chain on Postgres', () => {
  let testDb: PgTestDatabase;
  const dbs: AdminDatabase[] = [];
  const open = () => {
    const db = createPgDatabase({ url: testDb.url, schema: AUDIT_SCHEMA, role: AUDIT_ROLE, poolSize: 4 });
    dbs.push(db);
    return db;
  };
  const read: ReadTx = (fn) => (dbs[0] as AdminDatabase).admin(fn);
  const pools: pg.Pool[] = [];
  /** The COPY row stream, as `medicdraft-audit` builds it. */
  const copyRows = () => {
    const pool = new pg.Pool({ connectionString: testDb.url, max: 1 });
    pools.push(pool);
    return createPgCopyRowStream(pool);
  };
  const verify = async (tenantId: string) => {
    const trusted = new Map([...(await readRegisteredKeys(read))].map(([id, pem]) => [id, createPublicKey(pem)]));
    return verifyTenantChain(tenantId, readRowsToVerify(copyRows(), tenantId), await readCheckpoints(read, tenantId), trusted);
  };

  beforeAll(async () => {
    testDb = await createPgTestDatabase(stackConfig.postgres.url);
    await migrate(open(), {
      schema: AUDIT_SCHEMA,
      role: AUDIT_ROLE,
      migrations: [...outboxMigrations(AUDIT_SCHEMA, AUDIT_ROLE), ...auditMigrations()],
    });
  });
  afterAll(async () => {
    await Promise.all([...dbs.map((d) => d.close()), ...pools.map((p) => p.end())]);
    await testDb.drop();
  });

  it('three appenders on separate pools, overlapping batches: one gap-free chain, duplicates ignored, no fork', async () => {
    const tenantId = `chain-${suffix}`;
    const events = Array.from({ length: 400 }, (_, i) => testEvent(tenantId, i));
    const appenders = [open(), open(), open()];
    // Every event is offered by two appenders (redelivery after a rebalance), in interleaved batches.
    await Promise.all(
      appenders.map(async (db, a) => {
        for (let i = 0; i < events.length; i += 20) {
          const batch = events.slice(i, i + 20).filter((_, j) => (i / 20 + j + a) % 3 !== 0);
          await appendAuditRecords(
            db,
            tenantId,
            batch.map((e, j) => toAuditRecord(e, { topic: e.type, partition: a, offset: String(i + j) })),
          );
        }
      }),
    );
    const { rows } = await read((tx) =>
      tx.query<{ n: string; max: string; ids: string }>(
        'SELECT count(*) AS n, max(seq) AS max, count(DISTINCT event_id) AS ids FROM audit.events WHERE tenant_id = $1',
        [tenantId],
      ),
    );
    expect(rows[0]).toEqual({ n: '400', max: '400', ids: '400' });
    const result = await verify(tenantId);
    expect(result.verdicts).toEqual([]);
    expect(result.rows).toBe(400);
  });

  it('the service role cannot UPDATE or DELETE, and the trigger stops the owner', async () => {
    const tenantId = `immutable-${suffix}`;
    const db = open();
    await appendAuditRecords(db, tenantId, [toAuditRecord(testEvent(tenantId, 0), { topic: 'auth.login', partition: 0, offset: '0' })]);
    await expect(db.withTenant(tenantId, (tx) => tx.query('UPDATE events SET actor_id = $1', ['x']))).rejects.toThrow(/permission denied/);
    await expect(db.withTenant(tenantId, (tx) => tx.query('DELETE FROM events'))).rejects.toThrow(/permission denied/);
    await expect(db.admin((tx) => tx.query('UPDATE audit.events SET actor_id = $1', ['x']))).rejects.toThrow(/append-only/);
    await expect(db.admin((tx) => tx.query('DELETE FROM audit.events'))).rejects.toThrow(/append-only/);
    await expect(db.admin((tx) => tx.query('TRUNCATE audit.events'))).rejects.toThrow(/append-only/);
  });
});

describe('two audit service instances in one Kafka consumer group', () => {
  let testDb: PgTestDatabase;
  let bus: EventBus;
  const services: RunningService[] = [];
  const dbs: AdminDatabase[] = [];
  const tenantId = `group-${suffix}`;
  const keys = testKeyRing();

  beforeAll(async () => {
    testDb = await createPgTestDatabase(stackConfig.postgres.url);
    bus = createKafkaEventBus({ ...stackConfig.kafka, clientId: `audit-int-${suffix}`, topicPrefix });
  });
  afterAll(async () => {
    for (const s of services) await s.stop();
    await bus.close();
    await Promise.all(dbs.map((d) => d.close()));
    await testDb.drop();
  });

  it(
    'both append to the same tenant chain without forking; checkpoints sign it; the CLI verifies it and replays the same ' +
      'root from Postgres and Kafka',
    async () => {
      for (let i = 0; i < 2; i++) {
        const db = createPgDatabase({ url: testDb.url, schema: AUDIT_SCHEMA, role: AUDIT_ROLE, poolSize: 4 });
        dbs.push(db);
        const instanceBus = createKafkaEventBus({
          ...stackConfig.kafka,
          clientId: `audit-int-${suffix}-${i}`,
          partitionsConsumedConcurrently: 8,
          topicPrefix,
        });
        const service = await startAuditService({
          bus: instanceBus,
          db,
          logger,
          partitions: 6,
          groupSuffix: `.int-${suffix}`,
          keys,
          settings: { checkpointIntervalMs: 200 },
        });
        services.push({
          checks: [],
          stop: async () => {
            await service.stop();
            await instanceBus.close();
          },
        });
      }
      const events: DomainEvent[] = Array.from({ length: 300 }, (_, i) => testEvent(tenantId, i));
      const records = events.map((e) => ({ topic: e.type, key: e.correlationId + String(Math.random()), value: encodeEvent(e) }));
      await bus.publish(records);
      await bus.publish(records.slice(0, 30)); // redelivered duplicates
      const db = dbs[0] as AdminDatabase;
      const read: ReadTx = (fn) => db.admin(fn);
      for (let i = 0; i < 600; i++) {
        const { rows } = await read((tx) =>
          tx.query<{ n: string }>('SELECT max(tree_size) AS n FROM audit.checkpoints WHERE tenant_id = $1', [tenantId]),
        );
        if (rows[0]?.n === '300') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const out = sink();
      const err = sink();
      const streams = new pg.Pool({ connectionString: testDb.url, max: 1 });
      onTestFinished(() => streams.end());
      const ctx = {
        read,
        rows: createPgCopyRowStream(streams),
        out: out.stream,
        err: err.stream,
        kafkaBrokers: stackConfig.kafka.brokers,
        kafkaSasl: stackConfig.kafka.sasl,
        kafkaTopicPrefix: topicPrefix,
      };
      expect(await runCli(['verify', '--tenant', tenantId], ctx)).toBe(0);
      expect(out.lines().at(-1)).toMatchObject({ tenantId, ok: true, records: 300, lastSeq: 300, unanchored: 0 });

      const fromPg = sink();
      const kafka = sink();
      expect(await runCli(['replay', '--tenant', tenantId, '--source', 'postgres'], { ...ctx, out: fromPg.stream })).toBe(0);
      expect(await runCli(['replay', '--tenant', tenantId, '--source', 'kafka'], { ...ctx, out: kafka.stream })).toBe(0);
      expect(fromPg.lines()[0]).toMatchObject({ count: 300 });
      expect(kafka.lines()[0]?.['root']).toBe(fromPg.lines()[0]?.['root']);

      const proof = sink();
      expect(await runCli(['proof', events[123]?.id ?? ''], { ...ctx, out: proof.stream })).toBe(0);
      expect(proof.lines()[0]).toMatchObject({ verified: true, tenantId });
    },
  );
});

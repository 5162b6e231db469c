import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPIC, type GateState } from '@medicdraft/contracts';
import { audioCreatedRecord, sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import {
  createFsObjectStore,
  createGateView,
  createLocalKeyService,
  type ConsumedRecord,
  type Coordination,
  type Database,
  type EventBus,
  type ObjectStore,
} from '@medicdraft/platform';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createRedisCoordination } from '@medicdraft/platform/redis';
import { type RunningService } from '@medicdraft/platform/http';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCRIBE_ROLE, SCRIBE_SCHEMA } from './jobs/job-migrations.js';
import { startScribeService } from './service.js';
import { silentLogger, testDocuments } from './testing/scribe-harness.js';
import { createScriptedEngine } from './testing/scripted-engine.js';

/**
 * Three scribe workers on the real stack parts (Postgres job table with SKIP LOCKED claims, Redis
 * quota semaphore, Kafka consumer group), one shared engine: every job completes once, and the
 * engine never runs more jobs at once than the quota.
 */
describe('scribe workers on Postgres + Kafka + Redis', { timeout: 120_000 }, () => {
  const run = randomUUID().slice(0, 8);
  const tenantId = `scribe-int-${run}`;
  let pg: PgTestDatabase;
  let bus: EventBus;
  let coordination: Coordination;
  let objects: ObjectStore;
  let dir: string;
  const dbs: Database[] = [];
  const services: RunningService[] = [];
  const seen: ConsumedRecord[] = [];
  const frozen = Date.now();
  const gates = createGateView({ clock: () => frozen });

  beforeAll(async () => {
    pg = await createPgTestDatabase(stackConfig.postgres.url);
    bus = createKafkaEventBus({ ...stackConfig.kafka, clientId: `scribe-int-${run}`, topicPrefix: `scribe-int-${run}.` });
    coordination = createRedisCoordination({ url: stackConfig.redis.url, prefix: `scribe-int-${run}:` });
    dir = await mkdtemp(join(tmpdir(), 'scribe-int-'));
    objects = createFsObjectStore({ rootDir: dir, keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local-int' }) });
    gates.apply({
      ...sandboxGateStateFixture(tenantId),
      version: 1,
      phiMode: 'enabled',
      issuedAt: new Date(frozen).toISOString(),
      expiresAt: new Date(frozen + 3_000).toISOString(),
    } as GateState);
    await bus.ensureTopics([
      { name: TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED, partitions: 6 },
      { name: TOPIC.HEALTHSCRIBE_JOB_STARTED, partitions: 6 },
    ]);
    services.push(
      await bus
        .subscribe({
          groupId: `collector-${run}`,
          topics: [TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED],
          handler: async (r) => (seen.push(r), { action: 'done' }),
        })
        .then((s) => ({ checks: [], stop: () => s.close() })),
    );
  });

  afterAll(async () => {
    for (const s of services.splice(0).reverse()) await s.stop();
    await bus.close();
    await coordination.close();
    for (const db of dbs) await db.close();
    await pg.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('three workers with a quota of 2: every job completes once and at most 2 run at a time', async () => {
    const scripted = createScriptedEngine({ quota: 2, pollsToComplete: 3 });
    for (let i = 0; i < 3; i++) {
      const db = createPgDatabase({ url: pg.url, poolSize: 4, schema: SCRIBE_SCHEMA, role: SCRIBE_ROLE });
      dbs.push(db);
      services.push(
        await startScribeService({
          bus,
          db,
          logger: silentLogger,
          coordination,
          objects,
          documents: testDocuments,
          healthscribe: scripted.engine,
          jobName: (d, a) => `md-${d}-${a}`,
          partitions: 6,
          groupSuffix: `.${run}`,
          gates,
          worker: {
            concurrency: 4,
            idlePollMs: 20,
            maxTextBytes: 65_536,
            policy: { firstPollMs: 10, pollIntervalMs: 40, waitRetryMs: 30 },
          },
        }),
      );
    }
    const n = 12;
    for (let i = 0; i < n; i++) {
      const dictationId = randomUUID();
      const key = `${tenantId}/2026/11/23/${dictationId}/audio.wav`;
      const stored = await objects.put({ tenantId, bucket: 'input', key }, randomBytes(512));
      await bus.publish([audioCreatedRecord({ tenantId, dictationId, key, sha256: stored.sha256, sizeBytes: stored.size })]);
    }
    const outputs = () => seen.filter((r) => r.topic === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED);
    await vi.waitFor(
      async () => {
        const o = await outputs();
        expect(o.length).toBeGreaterThanOrEqual(n);
      },
      { timeout: 90_000, interval: 10 },
    );
    expect(new Set(outputs().map((r) => JSON.parse(r.value).payload.dictationId)).size).toBe(n);
    expect(outputs()).toHaveLength(n);
    expect(scripted.stats.created).toBe(n);
    expect(scripted.stats.maxConcurrent).toBeLessThanOrEqual(2);
    expect(scripted.stats.maxConcurrent).toBe(2); // the quota is used, not just respected
    expect(await coordination.semaphore.count('scribe.engine-jobs')).toBe(0);
    const states = await dbs[0]!.withTenant(
      tenantId,
      async (tx) => (await tx.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM jobs GROUP BY state')).rows,
    );
    expect(states).toEqual([{ state: 'completed', n }]);
  });
});

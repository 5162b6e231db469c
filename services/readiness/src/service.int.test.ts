import { randomUUID } from 'node:crypto';
import { TOPIC } from '@medicdraft/contracts';
import { auditHeartbeatFixture } from '@medicdraft/contracts/testing';
import {
  createGateView,
  createLogger,
  subscribeGateView,
  type ConsumedRecord,
  type EventBus,
  type Subscription,
} from '@medicdraft/platform';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READINESS_SCHEMA } from './readiness-migrations.js';
import { startReadinessService, type ReadinessService } from './service.js';
import { DEFAULT_TENANT } from './settings/tenant-settings.js';

const logger = createLogger({ service: 'readiness-kafka-int', level: 'silent' });
const suffix = randomUUID().slice(0, 8);
const tenant = `rd-kafka-${suffix}`;

/**
 * Test isolation on the shared cluster: the control topics get a per-run name, so this file's
 * global `*` record and heartbeats never reach other test runs' gate views. Everything else —
 * kafkajs, the broker, compaction, consumer groups — is the real path.
 */
function isolatedControlTopics(bus: EventBus): EventBus {
  const names: Record<string, string> = {
    [TOPIC.READINESS_GATE_STATE]: `${TOPIC.READINESS_GATE_STATE}.${suffix}`,
    [TOPIC.AUDIT_HEARTBEAT]: `${TOPIC.AUDIT_HEARTBEAT}.${suffix}`,
  };
  const back = Object.fromEntries(Object.entries(names).map(([k, v]) => [v, k]));
  const to = (t: string) => names[t] ?? t;
  return {
    ...bus,
    publish: (records) => bus.publish(records.map((r) => ({ ...r, topic: to(r.topic) }))),
    ensureTopics: (topics) => bus.ensureTopics(topics.map((t) => ({ ...t, name: to(t.name) }))),
    subscribe: (o) => {
      const topics = o.topics.map(to);
      const plain = (r: ConsumedRecord) => ({ ...r, topic: back[r.topic] ?? r.topic });
      const { batchHandler, handler } = o;
      return batchHandler !== undefined
        ? bus.subscribe({ ...o, topics, batchHandler: (records) => batchHandler(records.map(plain)) })
        : bus.subscribe({ ...o, topics, handler: (r) => handler(plain(r)) });
    },
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}

describe('readiness broadcast on Kafka', { timeout: 120_000 }, () => {
  let pgTest: PgTestDatabase;
  let kafka: EventBus;
  let bus: EventBus;
  let service: ReadinessService;
  let gateSub: Subscription;
  const view = createGateView();
  const dbRole = `medicdraft_readiness_${suffix}`;

  beforeAll(async () => {
    pgTest = await createPgTestDatabase(stackConfig.postgres.url);
    kafka = createKafkaEventBus({ ...stackConfig.kafka, clientId: `readiness-int-${suffix}`, logger });
    bus = isolatedControlTopics(kafka);
    const db = createPgDatabase({ url: pgTest.url, schema: READINESS_SCHEMA, role: dbRole, poolSize: 2, logger });
    service = await startReadinessService({
      bus,
      db,
      logger,
      partitions: 6,
      role: dbRole,
      groupSuffix: `.${suffix}`,
      tenants: [{ ...DEFAULT_TENANT, id: tenant }],
      timings: { publishIntervalMs: 500 },
    });
    gateSub = await subscribeGateView({ bus, view, service: `int-${suffix}` });
    closers.push(() => db.close());
  });
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await gateSub?.close();
    await service?.stop();
    await kafka?.close();
    for (const c of closers) await c();
    await pgTest?.drop([dbRole]);
  });
  it(
    'publishes the tenant state (halted until audit beats), lifts the halt on a heartbeat and halts again when it goes ' + 'stale',
    async () => {
      await expect.poll(() => view.current(tenant) !== undefined, { timeout: 30_000, interval: 50 }).toBe(true);
      expect(view.current(tenant)).toMatchObject({ phiMode: 'disabled', halted: true, haltReasons: ['audit_heartbeat_stale'] });
      // Periodic heartbeats until the halt lifts (the subscription starts at "latest", so the first may predate it).
      const beat = () =>
        bus.publish([
          {
            topic: TOPIC.AUDIT_HEARTBEAT,
            key: 'audit-k',
            value: JSON.stringify({ ...auditHeartbeatFixture(), instanceId: 'audit-k', issuedAt: new Date().toISOString(), lagTotal: 0 }),
          },
        ]);
      const timer = setInterval(() => void beat(), 500);
      try {
        await expect.poll(() => view.decide(tenant, { phi: false }).allowed, { timeout: 30_000, interval: 50 }).toBe(true);
      } finally {
        clearInterval(timer);
      }
      expect(view.decide(tenant, { phi: true })).toEqual({ allowed: false, reason: 'phi_mode_disabled' });
      await expect.poll(() => view.current(tenant)?.halted === true, { timeout: 30_000, interval: 50 }).toBe(true);
      expect(view.current(tenant)?.haltReasons).toEqual(['audit_heartbeat_stale']);
      expect(view.decide(tenant, { phi: false })).toEqual({ allowed: false, reason: 'halted' });
    },
  );
});

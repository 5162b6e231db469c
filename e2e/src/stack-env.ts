import { randomUUID } from 'node:crypto';
import { createKafkaClient, deleteKafkaAcls, kafkaAclsFor, principalsFromTemplate, syncKafkaAcls } from '@medicdraft/platform/kafka';
import { createPgTestDatabase, loadStackConfig, viaPooler, type PgTestDatabase } from '@medicdraft/platform/testing';

export const stack = loadStackConfig();

/**
 * An isolated slice of the shared stack for one test file: a fresh Postgres database, a topic
 * namespace (KAFKA_TOPIC_PREFIX) and a consumer-group suffix, so records, committed offsets and
 * schemas of other runs are invisible to it. Without the topic namespace a consumer reading from
 * the beginning would meet other runs' tenants, which have no gate state here, and hold on them.
 * Kafka runs with authentication and ACLs: the namespace gets the ACLs the topic registry grants
 * (applied as the stack's admin), and each service process runs as its own principal
 * (service-process.ts), so the tests exercise the same permissions a deployment has.
 * Service processes reach Postgres as a deployment behind PgBouncer does: DATABASE_URL through the
 * stack's transaction-pooling PgBouncer, DATABASE_LISTEN_URL (LISTEN only) directly. The drill's own
 * reads (`db.url`) and the operator tools go to Postgres directly.
 */
export interface DrillEnv {
  db: PgTestDatabase;
  /** The file's topic namespace: pass it as `topicPrefix` to buses the test itself creates. */
  topicPrefix: string;
  /** Variables every service process of this file gets. */
  env: Record<string, string>;
  tenantId: string;
  /** The random part of the namespace, for names the drill makes elsewhere (buckets, groups). */
  run: string;
  /**
   * Gives the namespace back: its ACLs and topics are deleted, then its database is dropped.
   * A local stack keeps its Kafka state between `up`s, and grants that pile up run after run slow the
   * broker's authorizer until a service's first CreateTopics is refused before its grant took effect.
   */
  release(): Promise<void>;
}

export async function createDrillEnv(label: string): Promise<DrillEnv> {
  const run = randomUUID().slice(0, 8);
  const db = await createPgTestDatabase(stack.postgres.url);
  const topicPrefix = `${label}-${run}.`;
  await applyStackAcls(topicPrefix);
  return {
    async release() {
      try {
        await releaseNamespace(topicPrefix);
      } catch (err) {
        // Only housekeeping (the namespace is random and never reused): a drill that left the cluster
        // degraded must not fail its teardown for it.
        console.warn(`could not release Kafka namespace ${topicPrefix}: ${String(err)}`);
      }
      await db.drop();
    },
    db,
    topicPrefix,
    tenantId: `${label}-${run}`,
    run,
    env: {
      DATABASE_URL: viaPooler(db.url, stack.postgres.poolerUrl),
      DATABASE_LISTEN_URL: db.url,
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      KAFKA_GROUP_SUFFIX: `.${label}-${run}`,
      KAFKA_TOPIC_PREFIX: `${label}-${run}.`,
      REDIS_URL: stack.redis.url,
      REDIS_KEY_PREFIX: `md-${label}-${run}:`,
      TOPIC_PARTITIONS: '6',
      // The drills post one fixture text many times on purpose (halts, restarts, load) and count
      // each post as a dictation; resend dedupe is proved by ingest's own unit and int tests and
      // by the browser test (ui-users-usage.e2e.test.ts), whose embedded app keeps the default.
      INGEST_DEDUPE_WINDOW_MS: '0',
      // The stack's generated key: ingest stamps incident keys with it, the gateway looks reports up by it.
      ...(stack.incidentKeySecret === undefined ? {} : { INCIDENT_KEY_SECRET: stack.incidentKeySecret.reveal() }),
    },
  };
}

/** Service principals of the stack (scripts/stack/stack.sh creates them): `medicdraft-<service>`. */
const STACK_PRINCIPALS = principalsFromTemplate('medicdraft-{service}');

/** Deletes the ACLs applyStackAcls granted under `topicPrefix`, and every topic of the namespace. */
async function releaseNamespace(topicPrefix: string): Promise<void> {
  const admin = createKafkaClient({ ...stack.kafka, clientId: 'e2e-acls' }).admin();
  await admin.connect();
  try {
    await deleteKafkaAcls(admin, kafkaAclsFor({ topicPrefix, principalFor: STACK_PRINCIPALS }));
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** Grants the registry's ACLs under `topicPrefix` to the stack's service principals. */
async function applyStackAcls(topicPrefix: string): Promise<void> {
  const admin = createKafkaClient({ ...stack.kafka, clientId: 'e2e-acls' }).admin();
  await admin.connect();
  try {
    await syncKafkaAcls(admin, kafkaAclsFor({ topicPrefix, principalFor: STACK_PRINCIPALS }), { topicPrefix, prune: false });
  } finally {
    await admin.disconnect();
  }
}

import { randomUUID } from 'node:crypto';
import { createPgTestDatabase, loadStackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';

export const stack = loadStackConfig();

/**
 * An isolated slice of the shared stack for one test file: a fresh Postgres database, a topic
 * namespace (KAFKA_TOPIC_PREFIX) and a consumer-group suffix, so records, committed offsets and
 * schemas of other runs are invisible to it. Without the topic namespace a consumer reading from
 * the beginning would meet other runs' tenants, which have no gate state here, and hold on them.
 */
export interface DrillEnv {
  db: PgTestDatabase;
  /** The file's topic namespace: pass it as `topicPrefix` to buses the test itself creates. */
  topicPrefix: string;
  /** Variables every service process of this file gets. */
  env: Record<string, string>;
  tenantId: string;
}

export async function createDrillEnv(label: string): Promise<DrillEnv> {
  const run = randomUUID().slice(0, 8);
  const db = await createPgTestDatabase(stack.postgres.url);
  return {
    db,
    topicPrefix: `${label}-${run}.`,
    tenantId: `${label}-${run}`,
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      KAFKA_GROUP_SUFFIX: `.${label}-${run}`,
      KAFKA_TOPIC_PREFIX: `${label}-${run}.`,
      REDIS_URL: stack.redis.url,
      REDIS_KEY_PREFIX: `md-${label}-${run}:`,
      TOPIC_PARTITIONS: '6',
    },
  };
}

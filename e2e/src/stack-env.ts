import { randomUUID } from 'node:crypto';
import { createPgTestDatabase, loadStackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';

export const stack = loadStackConfig();

/**
 * An isolated slice of the shared stack for one test file: a fresh Postgres database and a
 * consumer-group suffix, so committed offsets and schemas of other runs are invisible to it.
 * Topics are shared (they are named by contract); tests tell their events apart by tenant id.
 */
export interface DrillEnv {
  db: PgTestDatabase;
  /** Variables every service process of this file gets. */
  env: Record<string, string>;
  tenantId: string;
}

export async function createDrillEnv(label: string): Promise<DrillEnv> {
  const run = randomUUID().slice(0, 8);
  const db = await createPgTestDatabase(stack.postgres.url);
  return {
    db,
    tenantId: `${label}-${run}`,
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      KAFKA_GROUP_SUFFIX: `.${label}-${run}`,
      REDIS_URL: stack.redis.url,
      TOPIC_PARTITIONS: '6',
    },
  };
}

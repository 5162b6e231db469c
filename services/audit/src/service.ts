import { DOMAIN_TOPICS, topicLayoutFor } from '@medicdraft/contracts';
import { startServiceCore, type Database, type EventBus, type Logger, type RunningService } from '@medicdraft/platform';
import { createAuditHandler } from './audit-consumer.js';
import { AUDIT_ROLE, AUDIT_SCHEMA, auditMigrations } from './audit-migrations.js';

export interface AuditServiceDeps {
  bus: EventBus;
  db: Database;
  logger: Logger;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
  /** Appended to the consumer group id (KAFKA_GROUP_SUFFIX). */
  groupSuffix: string;
}

/** Consumer group of the audit service; all instances share it, so partitions are split. */
export const AUDIT_GROUP = 'audit';

/** Starts the audit store: migrate, relay, then consume every domain topic from the beginning. */
export async function startAuditService(deps: AuditServiceDeps): Promise<RunningService> {
  const logger = deps.logger.child({ service: 'audit' });
  const core = await startServiceCore({
    ...deps,
    logger,
    schema: AUDIT_SCHEMA,
    role: AUDIT_ROLE,
    migrations: auditMigrations(),
    topics: topicLayoutFor('audit', deps.partitions),
  });
  const subscription = await deps.bus.subscribe({
    groupId: `${AUDIT_GROUP}${deps.groupSuffix}`,
    topics: DOMAIN_TOPICS,
    fromBeginning: true,
    handler: createAuditHandler(deps.db, logger),
  });
  return {
    checks: core.checks,
    async stop() {
      await subscription.close();
      await core.stop();
    },
  };
}

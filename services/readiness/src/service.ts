import { topicLayoutFor } from '@medicdraft/contracts';
import { startServiceCore, type Database, type EventBus, type Logger, type RunningService } from '@medicdraft/platform';

export const READINESS_SCHEMA = 'readiness';
export const READINESS_ROLE = 'medicdraft_readiness';

export interface ReadinessServiceDeps {
  bus: EventBus;
  db: Database;
  logger: Logger;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
}

/** Computes gate state (issue 4 adds the gates); today: its schema, outbox relay and topics. */
export async function startReadinessService(deps: ReadinessServiceDeps): Promise<RunningService> {
  const core = await startServiceCore({
    bus: deps.bus,
    db: deps.db,
    logger: deps.logger.child({ service: 'readiness' }),
    schema: READINESS_SCHEMA,
    role: READINESS_ROLE,
    migrations: [],
    topics: topicLayoutFor('readiness', deps.partitions),
  });
  return { checks: core.checks, stop: () => core.stop() };
}

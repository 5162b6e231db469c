import { topicLayoutFor } from '@medicdraft/contracts';
import { startServiceCore, type Database, type EventBus, type Logger, type RunningService, type Coordination } from '@medicdraft/platform';

export const SCRIBE_SCHEMA = 'scribe';
export const SCRIBE_ROLE = 'medicdraft_scribe';

export interface ScribeServiceDeps {
  bus: EventBus;
  db: Database;
  logger: Logger;
  /** Shared semaphore / idempotency store (Redis on the stack, memory when embedded). */
  coordination: Coordination;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
}

/** Runs transcription jobs (issue 3 adds the engines); today: its schema, outbox relay, topics and the Redis semaphore store. */
export async function startScribeService(deps: ScribeServiceDeps): Promise<RunningService> {
  const core = await startServiceCore({
    bus: deps.bus,
    db: deps.db,
    logger: deps.logger.child({ service: 'scribe' }),
    schema: SCRIBE_SCHEMA,
    role: SCRIBE_ROLE,
    migrations: [],
    topics: topicLayoutFor('scribe', deps.partitions),
  });
  return { checks: [...core.checks, { name: 'coordination', check: () => deps.coordination.ping() }], stop: () => core.stop() };
}

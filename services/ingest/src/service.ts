import { topicLayoutFor } from '@medicdraft/contracts';
import { startServiceCore, type Database, type EventBus, type Logger, type RunningService } from '@medicdraft/platform';

export const INGEST_SCHEMA = 'ingest';
export const INGEST_ROLE = 'medicdraft_ingest';

export interface IngestServiceDeps {
  bus: EventBus;
  db: Database;
  logger: Logger;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
}

/** Stores dictations (issue 3 adds the intake); today: its schema, outbox relay and topics. */
export async function startIngestService(deps: IngestServiceDeps): Promise<RunningService> {
  const core = await startServiceCore({
    bus: deps.bus,
    db: deps.db,
    logger: deps.logger.child({ service: 'ingest' }),
    schema: INGEST_SCHEMA,
    role: INGEST_ROLE,
    migrations: [],
    topics: topicLayoutFor('ingest', deps.partitions),
  });
  return { checks: core.checks, stop: () => core.stop() };
}

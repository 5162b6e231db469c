import { topicLayoutFor } from '@medicdraft/contracts';
import { startServiceCore, type Database, type EventBus, type Logger, type RunningService } from '@medicdraft/platform';

export const NARRATIVE_SCHEMA = 'narrative';
export const NARRATIVE_ROLE = 'medicdraft_narrative';

export interface NarrativeServiceDeps {
  bus: EventBus;
  db: Database;
  logger: Logger;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
}

/** Builds narratives (issue 3 adds the templates); today: its schema, outbox relay and topics. */
export async function startNarrativeService(deps: NarrativeServiceDeps): Promise<RunningService> {
  const core = await startServiceCore({
    bus: deps.bus,
    db: deps.db,
    logger: deps.logger.child({ service: 'narrative' }),
    schema: NARRATIVE_SCHEMA,
    role: NARRATIVE_ROLE,
    migrations: [],
    topics: topicLayoutFor('narrative', deps.partitions),
  });
  return { checks: core.checks, stop: () => core.stop() };
}

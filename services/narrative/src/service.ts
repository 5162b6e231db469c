import { DEFAULT_NARRATIVE_TEMPLATE, TOPIC, topicLayoutFor, type NarrativeTemplate } from '@medicdraft/contracts';
import {
  createGateView,
  randomId,
  startServiceCore,
  subscribeGateView,
  systemClock,
  type Clock,
  type Database,
  type EventBus,
  type GateView,
  type Logger,
  type ObjectStore,
  type RunningService,
} from '@medicdraft/platform';
import { createOutputHandler, NARRATIVE_GROUP } from './consumer/output-consumer.js';
import { NARRATIVE_ROLE, NARRATIVE_SCHEMA, narrativeMigrations } from './narrative-migrations.js';

export { NARRATIVE_ROLE, NARRATIVE_SCHEMA };

export interface NarrativeServiceDeps {
  bus: EventBus;
  db: Database;
  logger: Logger;
  /** Reads HealthScribe outputs and stores narrative content (S3 SSE-KMS or the encrypted filesystem store). */
  objects: ObjectStore;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
  /** Appended to the consumer group id (KAFKA_GROUP_SUFFIX). */
  groupSuffix?: string;
  defaultTemplate?: NarrativeTemplate;
  maxDocumentBytes?: number;
  /** Defaults to a gate view fed from `readiness.gate.state`; tests may pass their own. */
  gates?: GateView;
  clock?: Clock;
}

/** Builds narratives from HealthScribe (or synthetic) output: consumer group `narrative`, outbox relay. */
export async function startNarrativeService(deps: NarrativeServiceDeps): Promise<RunningService> {
  const logger = deps.logger.child({ service: 'narrative' });
  const clock = deps.clock ?? systemClock;
  const core = await startServiceCore({
    bus: deps.bus,
    db: deps.db,
    logger,
    schema: NARRATIVE_SCHEMA,
    role: NARRATIVE_ROLE,
    migrations: narrativeMigrations(),
    topics: topicLayoutFor('narrative', deps.partitions),
  });
  const gates = deps.gates ?? createGateView({ clock });
  const gateFeed = deps.gates === undefined ? await subscribeGateView({ bus: deps.bus, view: gates, service: 'narrative', logger }) : undefined;
  const template = deps.defaultTemplate ?? DEFAULT_NARRATIVE_TEMPLATE;
  const subscription = await deps.bus.subscribe({
    groupId: `${NARRATIVE_GROUP}${deps.groupSuffix ?? ''}`,
    topics: [TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED],
    handler: createOutputHandler({
      db: deps.db,
      objects: deps.objects,
      gates,
      logger,
      clock,
      newId: randomId,
      templateFor: () => template,
      maxDocumentBytes: deps.maxDocumentBytes ?? 32 * 1024 * 1024,
      holdMs: 1_000,
    }),
  });
  const unwatch = gates.onChange(() => subscription.wake());
  return {
    checks: core.checks,
    async stop() {
      unwatch();
      await subscription.close();
      await gateFeed?.close();
      await core.stop();
    },
  };
}

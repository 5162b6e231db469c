import {
  DEFAULT_NARRATIVE_TEMPLATE,
  narrativeApi,
  TOPIC,
  topicLayoutFor,
  type NarrativeApi,
  type NarrativeTemplate,
} from '@medicdraft/contracts';
import { registerInternalApi } from '@medicdraft/platform/http';
import {
  startParkingIntake,
  randomId,
  startGatedServiceCore,
  systemClock,
  type Clock,
  type AdminDatabase,
  type EventBus,
  type GateView,
  type IdGenerator,
  type Logger,
  type ObjectStore,
  type ServiceMetrics,
  serviceLogger,
} from '@medicdraft/platform';
import { type RunningService } from '@medicdraft/platform/http';
import { classifyOutputRecord, createOutputWork, NARRATIVE_GROUP } from './consumer/output-consumer.js';
import { createDeterministicDrafter } from './drafting/deterministic-drafter.js';
import { createDraftingMetrics } from './drafting/drafting-metrics.js';
import type { NarrativeDrafter } from './drafting/narrative-drafter.port.js';
import { NARRATIVE_ROLE, NARRATIVE_SCHEMA, narrativeMigrations } from './narrative-migrations.js';
import { createNarrativeReview, type NarrativeReview } from './review/narrative-review.js';
import { createNarrativeApi } from './review/narrative-api.js';
import { createCopyDistanceMetrics } from './review/copy-distance-metrics.js';
import { createQaReview, type QaReview } from './qa/qa-review.js';

export { NARRATIVE_ROLE, NARRATIVE_SCHEMA };

export interface NarrativeServiceDeps {
  bus: EventBus;
  db: AdminDatabase;
  logger: Logger;
  /** Reads HealthScribe outputs and stores narrative content (S3 SSE-KMS or the encrypted filesystem store). */
  objects: ObjectStore;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
  /**
   * This instance's stable name (KAFKA_INSTANCE_ID): names the consumer group it needs for itself
   * (the gate view), so a restart rejoins that group. Absent (tests, one-process apps on the
   * memory bus): a random one.
   */
  kafkaInstanceId?: string;
  /** Appended to the consumer group id (KAFKA_GROUP_SUFFIX). */
  groupSuffix?: string;
  defaultTemplate?: NarrativeTemplate;
  maxDocumentBytes?: number;
  /** Defaults to a gate view fed from `readiness.gate.state`; tests may pass their own. */
  gates?: GateView;
  clock?: Clock;
  newId?: IdGenerator;
  /** Where the parking gauges go (`medicdraft_parked_records{service,tenant}`, oldest age). */
  metrics?: ServiceMetrics;
  /** How often parked records of every tenant are looked at (default 5 s). */
  parkingSweepMs?: number;
  /** Longest ESO text a copy may produce (NARRATIVE_COPY_MAX_CHARS). */
  copyMaxChars?: number;
  /**
   * Serve the internal review API (contracts' `narrativeApi`) through `routes`: true for the
   * service's own process only. Embedded mode leaves it off — its one HTTP app is the public
   * port, the internal API trusts its caller for identity, and the gateway calls `api` in process.
   */
  internalApi?: boolean;
  /** Who drafts new narratives (default: the rule engine; main.ts builds the Bedrock drafter from config). */
  drafter?: NarrativeDrafter;
}

/** The running service plus its review: as operations, and as the narrative API's port (the embedded gateway calls it). */
export interface NarrativeService extends RunningService {
  review: NarrativeReview;
  /** The QA review loop (comments, return, resubmit, approve). */
  qa: QaReview;
  api: NarrativeApi;
}

/** ESO narrative fields are long but finite; configure to the ePCR's limit. */
export const DEFAULT_COPY_MAX_CHARS = 10_000;

/** Builds narratives from HealthScribe (or synthetic) output: consumer group `narrative`, outbox relay. */
export async function startNarrativeService(deps: NarrativeServiceDeps): Promise<NarrativeService> {
  const logger = serviceLogger(deps.logger, 'narrative');
  const clock = deps.clock ?? systemClock;
  const core = await startGatedServiceCore({
    metrics: deps.metrics,
    bus: deps.bus,
    db: deps.db,
    logger,
    schema: NARRATIVE_SCHEMA,
    role: NARRATIVE_ROLE,
    migrations: narrativeMigrations(),
    topics: topicLayoutFor('narrative', deps.partitions),
    service: 'narrative',
    gates: deps.gates,
    clock,
    instanceId: deps.kafkaInstanceId,
  });
  const gates = core.gates;
  const template = deps.defaultTemplate ?? DEFAULT_NARRATIVE_TEMPLATE;
  const intake = await startParkingIntake({
    service: 'narrative',
    bus: deps.bus,
    group: NARRATIVE_GROUP,
    ...(deps.groupSuffix === undefined ? {} : { groupSuffix: deps.groupSuffix }),
    topics: [TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED],
    db: deps.db,
    gates,
    logger,
    clock,
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
    ...(deps.parkingSweepMs === undefined ? {} : { sweepMs: deps.parkingSweepMs }),
    classify: classifyOutputRecord,
    work: createOutputWork({
      db: deps.db,
      objects: deps.objects,
      logger,
      clock,
      newId: deps.newId ?? randomId,
      templateFor: () => template,
      maxDocumentBytes: deps.maxDocumentBytes ?? 32 * 1024 * 1024,
      drafter: deps.drafter ?? createDeterministicDrafter(),
      ...(deps.metrics === undefined ? {} : { onDrafted: createDraftingMetrics(deps.metrics).onDrafted }),
    }),
  });
  const review = createNarrativeReview({
    db: deps.db,
    objects: deps.objects,
    gates,
    logger,
    clock,
    newId: deps.newId ?? randomId,
    copyMaxChars: deps.copyMaxChars ?? DEFAULT_COPY_MAX_CHARS,
    ...(deps.metrics === undefined ? {} : { onCopyDistance: createCopyDistanceMetrics(deps.metrics).onCopyDistance }),
  });
  const qa = createQaReview({ db: deps.db, objects: deps.objects, gates, logger, clock, newId: deps.newId ?? randomId });
  const api = createNarrativeApi(review, qa);
  return {
    review,
    qa,
    api,
    checks: core.checks,
    ...(deps.internalApi === true ? { routes: (app) => registerInternalApi(app, narrativeApi, api) } : {}),
    async stop() {
      await intake.stop();
      await core.stop();
    },
  };
}

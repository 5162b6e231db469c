import { ingestApi, topicLayoutFor, type IngestApi } from '@medicdraft/contracts';
import {
  randomId,
  startGatedServiceCore,
  systemClock,
  type Clock,
  type AdminDatabase,
  type EventBus,
  type GateView,
  type IdGenerator,
  type IncidentKeyer,
  type Logger,
  type ObjectStore,
  serviceLogger,
  type ServiceMetrics,
} from '@medicdraft/platform';
import { registerInternalApi } from '@medicdraft/platform/http';
import { type RunningService } from '@medicdraft/platform/http';
import { createDictationIntake, type DictationIntake, type IntakeLimits } from './dictation-intake.js';
import { INGEST_ROLE, INGEST_SCHEMA, ingestMigrations } from './ingest-migrations.js';
import { createIngestApi } from './ingest-api.js';
import { gateHoldsFor } from './lifecycle/dictation-status-view.js';
import { createLifecycleBatchHandler, LIFECYCLE_GROUP, LIFECYCLE_TOPICS } from './lifecycle/lifecycle-consumer.js';

export { INGEST_ROLE, INGEST_SCHEMA } from './ingest-migrations.js';

export interface IngestServiceDeps {
  /** The process's metrics (the outbox backlog gauges go here). */
  metrics?: ServiceMetrics;
  bus: EventBus;
  db: AdminDatabase;
  logger: Logger;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
  /**
   * This instance's stable name (KAFKA_INSTANCE_ID): names the consumer group it needs for itself
   * (the gate view), so a restart rejoins that group. Absent (tests, one-process apps on the
   * memory bus): a random one.
   */
  kafkaInstanceId?: string;
  /** Input/output buckets: S3 with SSE-KMS on the stack, the filesystem envelope store embedded. */
  objects: ObjectStore;
  limits: IntakeLimits;
  /** Keys ePCR incident numbers (platform `createIncidentKeyer`); without it an intake naming one is refused. */
  incidentKey?: IncidentKeyer | undefined;
  /**
   * Serve the internal intake API (contracts' `ingestApi`) through `routes`. True for the service's own
   * process; the embedded mode passes false, because its one HTTP app is the public port and the
   * internal API trusts its caller for identity.
   */
  internalApi?: boolean;
  /** A gate view fed elsewhere (tests); by default the service subscribes its own. */
  gates?: GateView;
  /** Appended to the lifecycle consumer group id (KAFKA_GROUP_SUFFIX). */
  groupSuffix?: string;
  clock?: Clock;
  newId?: IdGenerator;
}

/** The running service plus its intake: as operations, and as the ingest API's port (the embedded gateway calls it). */
export interface IngestService extends RunningService {
  intake: DictationIntake;
  api: IngestApi;
}

/**
 * Stores dictations: schema and outbox relay, the gate view, then the intake and its internal API,
 * and tracks each dictation's lifecycle from the pipeline's events.
 */
export async function startIngestService(deps: IngestServiceDeps): Promise<IngestService> {
  const logger = serviceLogger(deps.logger, 'ingest');
  const core = await startGatedServiceCore({
    metrics: deps.metrics,
    bus: deps.bus,
    db: deps.db,
    logger,
    schema: INGEST_SCHEMA,
    role: INGEST_ROLE,
    migrations: ingestMigrations(),
    topics: topicLayoutFor('ingest', deps.partitions),
    service: 'ingest',
    gates: deps.gates,
    clock: deps.clock,
    instanceId: deps.kafkaInstanceId,
  });
  const gates = core.gates;
  const intake = createDictationIntake({
    db: deps.db,
    objects: deps.objects,
    publisher: deps.bus,
    gates,
    logger,
    limits: deps.limits,
    incidentKey: deps.incidentKey,
    clock: deps.clock ?? systemClock,
    newId: deps.newId ?? randomId,
  });
  const api = createIngestApi(intake, (tenantId) => gateHoldsFor(gates, tenantId));
  // The dictation lifecycle from the pipeline's events (lifecycle/lifecycle-consumer.ts).
  const lifecycle = await deps.bus.subscribe({
    groupId: `${LIFECYCLE_GROUP}${deps.groupSuffix ?? ''}`,
    topics: LIFECYCLE_TOPICS,
    batchHandler: createLifecycleBatchHandler({ db: deps.db, logger, clock: deps.clock ?? systemClock }),
  });
  return {
    intake,
    api,
    checks: core.checks,
    ...(deps.internalApi === false
      ? {}
      : {
          routes: (app) =>
            // JSON escapes can double the text's size; the text itself is held to maxTextBytes afterwards.
            registerInternalApi(app, ingestApi, api, { bodyLimit: { submitText: 2 * deps.limits.maxTextBytes + 1024 } }),
        }),
    async stop() {
      await lifecycle.close();
      await core.stop();
    },
  };
}

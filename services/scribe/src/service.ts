import { topicLayoutFor, type ScribeEngine as ScribeEngineName } from '@medicdraft/contracts';
import {
  startParkingIntake,
  randomId,
  startGatedServiceCore,
  systemClock,
  type Clock,
  type Coordination,
  type AdminDatabase,
  type EventBus,
  type GateView,
  type Logger,
  type ObjectStore,
  type ServiceMetrics,
  serviceLogger,
} from '@medicdraft/platform';
import { type RunningService } from '@medicdraft/platform/http';
import type { RawScribeDocuments, ScribeEngine } from './engine/scribe-engine.port.js';
import { createSyntheticEngine } from './engine/synthetic-engine.js';
import { classifyDictationRecord, createDictationWork, DICTATION_TOPICS, SCRIBE_GROUP } from './jobs/dictation-consumer.js';
import { SCRIBE_ROLE, SCRIBE_SCHEMA, scribeMigrations } from './jobs/job-migrations.js';
import { DEFAULT_JOB_POLICY, type JobPolicy } from './jobs/job-policy.js';
import { startJobWorker, type JobWorker } from './jobs/job-worker.js';
import { countJobQueue } from './jobs/job-store.js';
import { createScribeMetrics } from './scribe-metrics.js';
import type { JobStepOutcome } from './jobs/job-runner.js';

export { SCRIBE_ROLE, SCRIBE_SCHEMA };

export interface ScribeServiceDeps {
  bus: EventBus;
  db: AdminDatabase;
  logger: Logger;
  /** Shared semaphore store (Redis on the stack, memory when embedded). */
  coordination: Coordination;
  /** Dictation inputs and job outputs (S3 with SSE-KMS, or the encrypted filesystem store). */
  objects: ObjectStore;
  /** Tolerant validation of engine outputs and the synthetic drafting (healthscribe-documents). */
  documents: {
    draft(text: string): RawScribeDocuments;
    validate(documents: RawScribeDocuments): { segmentCount: number };
  };
  /** AWS HealthScribe (or the emulator); absent in the sandbox, where audio never arrives. */
  healthscribe?: ScribeEngine;
  jobName(dictationId: string, attempt: number): string;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
  /**
   * This instance's stable name (KAFKA_INSTANCE_ID): names the consumer group it needs for itself
   * (the gate view), so a restart rejoins that group. Absent (tests, one-process apps on the
   * memory bus): a random one.
   */
  kafkaInstanceId?: string;
  groupSuffix: string;
  worker: { concurrency: number; idlePollMs: number; policy?: Partial<JobPolicy>; maxTextBytes: number };
  /** Defaults to a gate view fed from `readiness.gate.state`; tests may pass their own. */
  gates?: GateView;
  clock?: Clock;
  /** Where the parking, outbox and job gauges go (`medicdraft_parked_records{service,tenant}`, `medicdraft_scribe_*`). */
  metrics?: ServiceMetrics;
  /** How often parked records of every tenant are looked at (default 5 s). */
  parkingSweepMs?: number;
  onStep?: (outcome: JobStepOutcome) => void;
}

/**
 * The scribe service: records a job per dictation (consumer group `scribe`), and a worker loop
 * that starts, polls and finishes jobs through the engine. Stop order: intake first, then the
 * worker finishes its steps and hands back leases, then the relay.
 */
export async function startScribeService(deps: ScribeServiceDeps): Promise<RunningService> {
  const logger = serviceLogger(deps.logger, 'scribe');
  const clock = deps.clock ?? systemClock;
  const core = await startGatedServiceCore({
    metrics: deps.metrics,
    bus: deps.bus,
    db: deps.db,
    logger,
    schema: SCRIBE_SCHEMA,
    role: SCRIBE_ROLE,
    migrations: scribeMigrations(),
    topics: topicLayoutFor('scribe', deps.partitions),
    service: 'scribe',
    gates: deps.gates,
    clock,
    instanceId: deps.kafkaInstanceId,
  });
  const gates = core.gates;
  const engines: Record<string, ScribeEngine> = {
    synthetic: createSyntheticEngine({ objects: deps.objects, draft: deps.documents.draft, maxTextBytes: deps.worker.maxTextBytes }),
    ...(deps.healthscribe === undefined ? {} : { healthscribe: deps.healthscribe }),
  };
  const observed =
    deps.metrics === undefined
      ? undefined
      : createScribeMetrics(deps.metrics, { semaphore: deps.coordination.semaphore, queue: () => countJobQueue(deps.db, clock()) });
  const worker: JobWorker = startJobWorker({
    db: deps.db,
    bus: deps.bus,
    engines,
    semaphore: deps.coordination.semaphore,
    gates,
    outputs: { objects: deps.objects, validate: deps.documents.validate },
    policy: { ...DEFAULT_JOB_POLICY, ...deps.worker.policy },
    clock,
    newId: randomId,
    random: Math.random,
    logger,
    owner: `scribe-${randomId().slice(0, 8)}`,
    concurrency: deps.worker.concurrency,
    idlePollMs: deps.worker.idlePollMs,
    onStep: (outcome) => {
      observed?.onStep(outcome);
      deps.onStep?.(outcome);
    },
    ...(observed === undefined ? {} : { onFinished: observed.onFinished }),
  });
  const intake = await startParkingIntake({
    service: 'scribe',
    bus: deps.bus,
    group: SCRIBE_GROUP,
    groupSuffix: deps.groupSuffix,
    topics: DICTATION_TOPICS,
    db: deps.db,
    gates,
    logger,
    clock,
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
    ...(deps.parkingSweepMs === undefined ? {} : { sweepMs: deps.parkingSweepMs }),
    classify: classifyDictationRecord,
    work: createDictationWork({
      engines: new Set(Object.keys(engines) as ScribeEngineName[]),
      jobName: deps.jobName,
      onJobRecorded: () => worker.kick(),
      logger,
      clock,
      newId: randomId,
    }),
  });
  // Jobs of a tenant whose gate just opened start without waiting for the worker's next poll.
  const unwatch = gates.onChange(() => worker.kick());
  return {
    checks: [...core.checks, { name: 'coordination', check: () => deps.coordination.ping() }],
    async stop() {
      unwatch();
      await intake.stop();
      await worker.stop();
      await core.stop();
    },
  };
}

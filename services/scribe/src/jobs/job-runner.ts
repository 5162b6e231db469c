import { type ScribeFailureReason, toRecord } from '@medicdraft/contracts';
import {
  AppError,
  buildEvent,
  type Clock,
  type Database,
  type EventPublisher,
  type GateView,
  type IdGenerator,
  type Logger,
  type Semaphore,
} from '@medicdraft/platform';
import { asScribeEngineError } from '../engine/scribe-engine-error.js';
import type { ScribeEngine, ScribeJobSpec } from '../engine/scribe-engine.port.js';
import { backoffMs, pollDelayMs, type JobPolicy } from './job-policy.js';
import { promoteWaitingJobs, updateLeasedJob, type ClaimedJob, type JobRow, type JobState } from './job-store.js';
import { completeJob, recordFailure, type JobOutputs } from './job-outcomes.js';

/** The semaphore that caps concurrent HealthScribe jobs across every worker. */
export const JOB_SLOT_SEMAPHORE = 'scribe.engine-jobs';

export interface JobRunnerDeps {
  db: Database;
  bus: EventPublisher;
  engines: Readonly<Record<string, ScribeEngine>>;
  semaphore: Semaphore;
  gates: GateView;
  outputs: JobOutputs;
  policy: JobPolicy;
  clock: Clock;
  newId: IdGenerator;
  random: () => number;
  logger: Logger;
  /** This worker's lease owner id. */
  owner: string;
  /**
   * Told when a job this worker gave back is next due (a poll, a retry, a wait), so the worker looks
   * for it then rather than at its next idle poll, which may be much later than a 25 ms first poll.
   */
  onDue?: (at: number) => void;
  /** Told when a waiting job was made due because a quota slot freed up (the worker looks at once). */
  onSlotFreed?: () => void;
  /**
   * Asked to run a running job's next poll itself at `at`, on the lease it still holds (no claim and no write between
   * polls); true when the worker took it. Absent, or false (the worker is stopping), and the step writes the job back
   * and releases the lease for any worker to claim.
   */
  hold?: (job: ClaimedJob, at: number) => boolean;
  /** Told when an attempt ends, with its duration since it was recorded (gate and quota waits included). */
  onFinished?: (finished: { engine: string; outcome: 'completed' | 'failed'; seconds: number }) => void;
}

export type JobStepOutcome = 'lost_lease' | 'waiting' | 'started' | 'retrying' | 'polled' | 'completed' | 'failed';

/**
 * Advances one leased job by one step and releases its lease:
 * pending → (gate open, quota slot taken, `healthscribe.job.started` durably published) start the
 * engine job → running; running → poll → completed (outputs stored, `healthscribe.output.received`)
 * or failed (`healthscribe.job.failed`). Every decision is written back before the lease is given
 * up, so a worker that dies mid-step leaves a job another worker resumes from the last write.
 */
export async function runJobStep(deps: JobRunnerDeps, job: ClaimedJob): Promise<JobStepOutcome> {
  const engine = deps.engines[job.engine];
  if (engine === undefined) throw new AppError('scribe_engine_unconfigured', `engine ${job.engine} is not configured on this worker`);
  const spec = specOf(job);
  return job.state === 'pending' ? startStep(deps, job, engine, spec) : pollStep(deps, job, engine, spec);
}

async function startStep(deps: JobRunnerDeps, job: ClaimedJob, engine: ScribeEngine, spec: ScribeJobSpec): Promise<JobStepOutcome> {
  const now = deps.clock();
  // Checked again here, not only on intake: no PHI action may start once the gate has closed.
  const gate = deps.gates.decide(job.tenantId, { phi: engine.name === 'healthscribe' });
  if (!gate.allowed) return reschedule(deps, job, { nextRunAt: now + deps.policy.waitRetryMs }, 'waiting');
  if (engine.quota !== null) {
    const slot = await deps.semaphore.tryAcquire(JOB_SLOT_SEMAPHORE, job.jobName, engine.quota, deps.policy.slotLeaseMs);
    if (slot === null) {
      const outcome = await reschedule(
        deps,
        job,
        { nextRunAt: now + deps.policy.slotWaitMs * (0.5 + deps.random()), slotWait: true },
        'waiting',
      );
      // A slot given back between the refusal and this write woke nobody (this job was still
      // leased, so not yet a waiter): look once more, now that any later release will see it.
      if (outcome === 'waiting' && (await deps.semaphore.count(JOB_SLOT_SEMAPHORE)) < engine.quota) await promoteWaiting(deps);
      return outcome;
    }
  }
  await publishStarted(deps, job); // audit before action: rejects unless durably in Kafka
  try {
    await engine.start(spec);
  } catch (err) {
    const failure = asScribeEngineError(err);
    const tries = job.startTries + 1;
    if (failure.retryable && tries < deps.policy.maxStartTries) {
      await releaseSlot(deps, engine, job);
      deps.logger.warn({ dictationId: job.dictationId, reason: failure.reason, tries }, 'engine start failed; retrying with backoff');
      const update = { startTries: tries, nextRunAt: deps.clock() + backoffMs(deps.policy, tries, deps.random) };
      if (!(await recordFailure(deps, job, failure.reason, { retryable: true, update }))) return 'lost_lease';
      deps.onDue?.(update.nextRunAt);
      return 'retrying';
    }
    return fail(deps, job, engine, failure.reason, { startTries: tries });
  }
  // An in-process engine (no quota, e.g. synthetic) has its result at once: finish in this step
  // instead of paying another claim, load and update for a poll.
  if (engine.quota === null) {
    changed(deps, job, 'running');
    return pollStep(deps, { ...job, state: 'running', startTries: job.startTries + 1 }, engine, spec);
  }
  const outcome = await nextPoll(deps, engine, job, { state: 'running', startTries: job.startTries + 1, polls: 0 }, 'started');
  if (outcome === 'started') changed(deps, job, 'running');
  return outcome;
}

async function pollStep(deps: JobRunnerDeps, job: ClaimedJob, engine: ScribeEngine, spec: ScribeJobSpec): Promise<JobStepOutcome> {
  // A job claimed afresh may have lost its slot's lease (its worker died): renew it. A held job's slot was renewed with
  // its job lease (nextPoll).
  if (job.held !== true) await renewSlot(deps, engine, job);
  let status;
  try {
    status = await engine.status(spec);
  } catch (err) {
    return readFailed(deps, job, engine, err, 'engine status failed; polling again');
  }
  if (status.state === 'failed') return fail(deps, job, engine, status.reason, {});
  if (status.state === 'completed') {
    // The engine job is over, so its quota slot is free now: the next job need not wait for the
    // outputs to be read, checked and stored, nor the reads for the slot's hand-over (a crash from
    // here on only repeats this step).
    const [released, read] = await Promise.allSettled([releaseSlot(deps, engine, job), status.documents()]);
    if (released.status === 'rejected') throw released.reason;
    if (read.status === 'rejected') return readFailed(deps, job, engine, read.reason, 'reading the engine outputs failed; polling again');
    const done = await completeJob(deps, job, read.value);
    if (!done.ok) return fail(deps, job, engine, done.reason, {});
    changed(deps, job, 'completed');
    return 'completed';
  }
  const polls = job.polls + 1;
  if (polls >= deps.policy.maxPolls) return fail(deps, job, engine, 'timeout', { polls });
  return nextPoll(deps, engine, job, { polls }, 'polled');
}

/**
 * Schedules a running job's next poll. While the delay fits well inside a lease, the worker keeps the lease and polls
 * the job itself (`hold`): a poll then costs one engine call and no database round trip, and the lease (with the quota
 * slot's) is extended only when less than half of it would be left at the poll, or the state changed. Otherwise, or when
 * the worker will not hold it, the job is written back with the lease released, for any worker to claim when due.
 */
async function nextPoll(
  deps: JobRunnerDeps,
  engine: ScribeEngine,
  job: ClaimedJob,
  update: { state?: JobState; startTries?: number; polls: number },
  outcome: JobStepOutcome,
): Promise<JobStepOutcome> {
  const now = deps.clock();
  const at = now + pollDelayMs(deps.policy, update.polls, deps.random);
  const leaseMs = deps.policy.jobLeaseMs;
  if (deps.hold !== undefined && at - now <= leaseMs / 2) {
    let leaseUntilMs = job.leaseUntilMs;
    if (update.state !== undefined || at > leaseUntilMs - leaseMs / 2) {
      leaseUntilMs = now + leaseMs;
      const kept = await deps.db.withTenant(job.tenantId, (tx) =>
        updateLeasedJob(tx, job.dictationId, deps.owner, { ...update, nextRunAt: at, leaseUntil: leaseUntilMs }),
      );
      if (kept === undefined) return 'lost_lease';
      if (update.state === undefined) await renewSlot(deps, engine, job);
    }
    const held: ClaimedJob = {
      ...job,
      state: update.state ?? job.state,
      startTries: update.startTries ?? job.startTries,
      polls: update.polls,
      leaseUntilMs,
      held: true,
    };
    if (deps.hold(held, at)) return outcome;
  }
  return reschedule(deps, job, { ...update, nextRunAt: at }, outcome);
}

/** A status poll or an output read that rejected: a retryable failure polls again later, any other fails the job. */
async function readFailed(deps: JobRunnerDeps, job: JobRow, engine: ScribeEngine, err: unknown, message: string): Promise<JobStepOutcome> {
  const failure = asScribeEngineError(err);
  if (!failure.retryable) return fail(deps, job, engine, failure.reason, {});
  deps.logger.warn({ dictationId: job.dictationId, reason: failure.reason }, message);
  return reschedule(
    deps,
    job,
    { polls: job.polls + 1, nextRunAt: deps.clock() + pollDelayMs(deps.policy, Infinity, deps.random) },
    'polled',
  );
}

async function fail(
  deps: JobRunnerDeps,
  job: JobRow,
  engine: ScribeEngine,
  reason: ScribeFailureReason,
  counters: { startTries?: number; polls?: number },
): Promise<JobStepOutcome> {
  const kept = await recordFailure(deps, job, reason, { retryable: false, update: { ...counters, nextRunAt: deps.clock() } });
  await releaseSlot(deps, engine, job);
  if (!kept) return 'lost_lease';
  changed(deps, job, 'failed', { reason });
  return 'failed';
}

/**
 * The one info line per state change of a job (pending → running → completed | failed), with ids
 * and the reason code only; an ended attempt also reports its duration.
 */
function changed(deps: JobRunnerDeps, job: JobRow, to: JobState, extra: { reason?: ScribeFailureReason } = {}): void {
  deps.logger.info(
    { dictationId: job.dictationId, attempt: job.attempt, engine: job.engine, from: job.state, to, ...extra },
    'scribe job state changed',
  );
  if (to === 'completed' || to === 'failed') {
    deps.onFinished?.({ engine: job.engine, outcome: to, seconds: Math.max(0, (deps.clock() - job.attemptSinceMs) / 1000) });
  }
}

async function reschedule(
  deps: JobRunnerDeps,
  job: JobRow,
  update: Parameters<typeof updateLeasedJob>[3],
  outcome: JobStepOutcome,
): Promise<JobStepOutcome> {
  const kept = (await deps.db.withTenant(job.tenantId, (tx) => updateLeasedJob(tx, job.dictationId, deps.owner, update))) !== undefined;
  if (!kept) return 'lost_lease';
  deps.onDue?.(update.nextRunAt);
  return outcome;
}

/** Extends the job's quota slot (a held holder's tryAcquire renews its lease; a lost one is taken again if free). */
async function renewSlot(deps: JobRunnerDeps, engine: ScribeEngine, job: JobRow): Promise<void> {
  if (engine.quota === null) return;
  await deps.semaphore.tryAcquire(JOB_SLOT_SEMAPHORE, job.jobName, engine.quota, deps.policy.slotLeaseMs);
}

/** Frees the job's quota slot and hands it to the oldest job waiting for one. */
async function releaseSlot(deps: JobRunnerDeps, engine: ScribeEngine, job: JobRow): Promise<void> {
  if (engine.quota === null) return;
  await deps.semaphore.release({ name: JOB_SLOT_SEMAPHORE, holder: job.jobName, expiresAt: 0 });
  await promoteWaiting(deps);
}

/** Makes the oldest job waiting for a quota slot due now (see promoteWaitingJobs) and tells the worker. */
async function promoteWaiting(deps: JobRunnerDeps): Promise<void> {
  if ((await promoteWaitingJobs(deps.db, deps.clock(), 1)) > 0) deps.onSlotFreed?.();
}

/**
 * Publishes `healthscribe.job.started` straight to the bus and waits for acks=all. Its id is fixed
 * when the job is recorded, so a retried start republishes the same event and audit keeps one.
 */
async function publishStarted(deps: JobRunnerDeps, job: JobRow): Promise<void> {
  const event = buildEvent(
    'healthscribe.job.started',
    {
      tenantId: job.tenantId,
      actor: { type: 'service', id: 'scribe' },
      correlationId: job.dictationId,
      causationId: job.sourceEventId,
      payload: {
        dictationId: job.dictationId,
        jobName: job.jobName,
        engine: job.engine,
        attempt: job.attempt,
        inputRef: { bucket: job.inputBucket, key: job.inputKey },
        inputSha256: job.inputSha256,
      },
    },
    { clock: deps.clock, newId: () => job.startedEventId },
  );
  await deps.bus.publish([toRecord(event)]);
}

function specOf(job: JobRow): ScribeJobSpec {
  return {
    tenantId: job.tenantId,
    dictationId: job.dictationId,
    jobName: job.jobName,
    input: { tenantId: job.tenantId, bucket: job.inputBucket, key: job.inputKey },
    inputSha256: job.inputSha256,
    ...(job.mediaFormat === null ? {} : { mediaFormat: job.mediaFormat }),
  };
}

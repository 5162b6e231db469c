import { runWithLogContext } from '@medicdraft/platform';
import { claimDueJobs, releaseLeases, updateLeasedJob, type ClaimedJob } from './job-store.js';
import { runJobStep, type JobRunnerDeps, type JobStepOutcome } from './job-runner.js';

export interface JobWorkerOptions extends JobRunnerDeps {
  /** Jobs this worker advances at the same time. */
  concurrency: number;
  /** How often an idle worker looks for due jobs it was not told of (other workers' and processes' jobs). */
  idlePollMs: number;
  onStep?: (outcome: JobStepOutcome) => void;
}

const MAX_DUE_TIMES = 1_000;

export interface JobWorker {
  /** Look for due jobs now (e.g. this process just recorded one). */
  kick(): void;
  /** Stops claiming, waits for the steps in flight, gives back leases. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The scribe worker loop: claim due jobs (lease, SKIP LOCKED), advance each by one step, repeat.
 * Any number of workers in any number of processes share the job table; the quota semaphore, not
 * the worker count, bounds concurrent engine jobs.
 */
export function startJobWorker(opts: JobWorkerOptions): JobWorker {
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let kicked = false;
  let wakeUp: (() => void) | undefined;
  let failures = 0;

  const kick = () => {
    kicked = true;
    wakeUp?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  // When the jobs this worker gave back come due (ascending; one timer for the earliest). Other
  // workers' jobs are found by the idle poll; bounded, since past that the idle poll covers them too.
  const dueTimes: number[] = [];
  let dueTimer: NodeJS.Timeout | undefined;
  const armDueTimer = () => {
    clearTimeout(dueTimer);
    dueTimer = undefined;
    const next = dueTimes[0];
    if (next === undefined || stopping) return;
    // +1 ms: a timer may fire within its own millisecond, before the job counts as due.
    dueTimer = setTimeout(onDueTimer, Math.max(0, next - opts.clock()) + 1);
  };
  function onDueTimer() {
    const now = opts.clock();
    while (dueTimes.length > 0 && (dueTimes[0] as number) <= now) dueTimes.shift();
    kick();
    armDueTimer();
  }
  const onDue = (at: number) => {
    if (stopping || dueTimes.length >= MAX_DUE_TIMES) return;
    let i = dueTimes.length;
    while (i > 0 && (dueTimes[i - 1] as number) > at) i -= 1;
    dueTimes.splice(i, 0, at);
    if (i === 0) armDueTimer();
  };

  // Running jobs this worker polls itself on the lease it keeps (JobRunnerDeps.hold): the timer of each one's next poll.
  // Between polls they take no place among the steps in flight; stopping drops the timers and `releaseLeases` gives
  // the jobs back, due at once for any worker.
  const heldPolls = new Set<NodeJS.Timeout>();
  const hold = (job: ClaimedJob, at: number): boolean => {
    if (stopping) return false;
    const timer = setTimeout(
      () => {
        heldPolls.delete(timer);
        if (!stopping) launch(job);
      },
      Math.max(0, at - opts.clock()),
    );
    heldPolls.add(timer);
    return true;
  };

  // A freed quota slot makes a waiting job due: look for it now rather than at the next idle poll.
  const runner: JobRunnerDeps = { ...opts, onSlotFreed: opts.onSlotFreed ?? kick, onDue, hold };

  // Every line about a job carries its tenant and its dictation as the correlation id.
  const step = (job: ClaimedJob) => runWithLogContext({ tenantId: job.tenantId, correlationId: job.dictationId }, () => advance(job));
  async function advance(job: ClaimedJob): Promise<void> {
    try {
      // Not `onStep?.(await …)`: optional call short-circuits its arguments, so the step would never run.
      const outcome = await runJobStep(runner, job);
      opts.onStep?.(outcome);
    } catch (err) {
      opts.logger.error({ err, dictationId: job.dictationId }, 'scribe job step failed; rescheduling');
      // Give the job back with a pause; if even that fails, its lease expires on its own.
      const nextRunAt = opts.clock() + opts.policy.waitRetryMs * 4;
      await opts.db
        .withTenant(job.tenantId, (tx) => updateLeasedJob(tx, job.dictationId, opts.owner, { nextRunAt }))
        // A lease lost meanwhile: the job is another worker's now, and so is its next run.
        .then((kept) => kept !== undefined && onDue(nextRunAt))
        .catch(() => undefined);
    }
  }

  // Whether the last claim took as many jobs as it was allowed: more may be due, so a finished step looks again at once.
  // Otherwise nothing due was left behind, and a finished step (most are a held job's poll) costs no claim.
  let claimWasFull = false;
  function launch(job: ClaimedJob): void {
    const running: Promise<void> = step(job).finally(() => {
      inFlight.delete(running);
      if (claimWasFull) kick();
    });
    inFlight.add(running);
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      kicked = false;
      let claimed: ClaimedJob[] = [];
      try {
        const limit = opts.concurrency - inFlight.size;
        claimed = await claimDueJobs(opts.db, { owner: opts.owner, now: opts.clock(), leaseMs: opts.policy.jobLeaseMs, limit });
        claimWasFull = claimed.length >= limit;
        failures = 0;
      } catch (err) {
        failures += 1;
        opts.logger.error({ err }, 'claiming scribe jobs failed');
        await sleep(Math.min(10_000, opts.idlePollMs * 2 ** failures));
        continue;
      }
      for (const job of claimed) launch(job);
      if (!kicked && !stopping) await sleep(opts.idlePollMs);
    }
  }

  const looping = loop();
  let stopped: Promise<void> | undefined;
  return {
    kick,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        clearTimeout(dueTimer);
        for (const timer of heldPolls) clearTimeout(timer);
        heldPolls.clear();
        wakeUp?.();
        await looping;
        await Promise.allSettled([...inFlight]);
        await releaseLeases(opts.db, opts.owner).catch((err: unknown) =>
          opts.logger.warn({ err }, 'could not release scribe job leases; they expire on their own'),
        );
      })();
      return stopped;
    },
  };
}

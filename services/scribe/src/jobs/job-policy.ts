/** Timing of the job loop; defaults suit HealthScribe (jobs of seconds to minutes). */
export interface JobPolicy {
  /**
   * First status poll after a start, then each wait `pollGrowth` times the one before, up to `pollIntervalMs` (a failed
   * read waits the interval); each delay is jittered down to half of it. The growth sets how late a poll lands after the
   * job ends: with waits growing by a factor g, up to (g − 1) times the job's length and about half that on average
   * (doubling: up to a whole job's length; 1.5: up to half of it), for a few more polls while the waits ramp up
   * (HealthScribe offers no completion notice to wait on).
   */
  firstPollMs: number;
  pollGrowth: number;
  pollIntervalMs: number;
  /** Start attempts (throttling/internal failure) before the job fails for good. */
  maxStartTries: number;
  /** Full-jitter exponential backoff between start attempts. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** When the gate is closed, look again after this long. */
  waitRetryMs: number;
  /**
   * When the quota is full, sleep this long (jittered) unless a freed slot wakes the job first
   * (every slot given back promotes the oldest job waiting for one). Only a slot that is never
   * given back (its holder died; the lease runs out after `slotLeaseMs`) leaves the waiters to it.
   */
  slotWaitMs: number;
  /** How long a claimed job stays leased to one worker; a dead worker's jobs are free after it. */
  jobLeaseMs: number;
  /** How long a quota slot lives without renewal (each poll renews it). */
  slotLeaseMs: number;
  /** Give up on a job whose engine never finishes after this many polls. */
  maxPolls: number;
}

export const DEFAULT_JOB_POLICY: JobPolicy = {
  firstPollMs: 10,
  pollGrowth: 1.5,
  pollIntervalMs: 2_000,
  maxStartTries: 6,
  backoffBaseMs: 200,
  backoffMaxMs: 10_000,
  waitRetryMs: 250,
  slotWaitMs: 5_000,
  jobLeaseMs: 15_000,
  slotLeaseMs: 60_000,
  maxPolls: 2_000,
};

/** Full jitter (AWS architecture blog): uniform in [0, min(max, base·2^try)]. */
export function backoffMs(policy: JobPolicy, tries: number, random: () => number): number {
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, tries - 1));
  return Math.round(random() * ceiling);
}

/**
 * Poll delay after `polls` polls: firstPollMs growing by pollGrowth, capped at pollIntervalMs, then jittered between half
 * and all of it. Without the jitter, jobs of like length started together are polled in step with their completions,
 * and a poll landing just before each completion adds a whole interval to every hand-off of the quota slot.
 */
export function pollDelayMs(policy: JobPolicy, polls: number, random: () => number): number {
  const delay = Math.min(policy.pollIntervalMs, Math.round(policy.firstPollMs * policy.pollGrowth ** Math.max(0, polls)));
  return Math.round(delay * (0.5 + 0.5 * random()));
}

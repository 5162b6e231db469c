import type { AdminDatabase, Semaphore } from '@medicdraft/platform';
import type { PgliteHandle } from '@medicdraft/platform/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newJob } from '../testing/job-fixtures.js';
import { openJobsDatabase } from '../testing/jobs-database.js';
import { silentLogger } from '../testing/scribe-harness.js';
import { createScriptedEngine } from '../testing/scripted-engine.js';
import { DEFAULT_JOB_POLICY } from './job-policy.js';
import { runJobStep, type JobRunnerDeps } from './job-runner.js';
import { claimDueJobs, insertJob, promoteWaitingJobs, updateLeasedJob } from './job-store.js';

/** Jobs waiting for a quota slot: asleep until a freed slot wakes them, and never left asleep beside a free slot. */
describe('waiting for a quota slot (PGlite)', () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  const tenant = 'tenant-a';
  const now = Date.now();

  beforeEach(async () => {
    ({ pglite, db } = await openJobsDatabase());
  });
  afterEach(() => pglite.close());

  const claimOne = async (owner: string, at: number) => {
    const [job] = await claimDueJobs(db, { owner, now: at, leaseMs: 10_000, limit: 1 });
    if (!job) throw new Error('no job due');
    return job;
  };

  /** A quota that refused this job, then had its only slot given back before the job's wait was written. */
  const slotFreedMeanwhile: Semaphore = {
    tryAcquire: async () => null,
    renew: async () => false,
    release: async () => undefined,
    count: async () => 0,
  };

  it('looks again after writing its wait when the slot was given back in between (no one was left to wake it)', async () => {
    const job = newJob(tenant, 'healthscribe');
    await db.withTenant(tenant, (tx) => insertJob(tx, job, now));
    let woken = 0;
    const deps = {
      db,
      engines: { healthscribe: createScriptedEngine({ quota: 1 }).engine },
      semaphore: slotFreedMeanwhile,
      gates: { decide: () => ({ allowed: true }) },
      policy: DEFAULT_JOB_POLICY,
      clock: () => now,
      random: () => 0.5,
      logger: silentLogger,
      owner: 'w1',
      onSlotFreed: () => (woken += 1),
    } as unknown as JobRunnerDeps;
    expect(await runJobStep(deps, await claimOne('w1', now))).toBe('waiting');
    // Due now, not after the slot wait (2.5-7.5 s), and the worker told to look.
    expect((await claimDueJobs(db, { owner: 'w2', now, leaseMs: 10_000, limit: 1 })).map((j) => j.dictationId)).toEqual([job.dictationId]);
    expect(woken).toBe(1);
  });

  it('hands a freed slot only to a job waiting for one, not to one waiting on a closed gate or a backoff', async () => {
    const gated = newJob(tenant, 'healthscribe');
    const waiting = newJob(tenant, 'healthscribe');
    await db.withTenant(tenant, (tx) => insertJob(tx, gated, now - 2));
    await db.withTenant(tenant, (tx) => insertJob(tx, waiting, now - 1));
    const later = now + 60_000;
    for (const [job, slotWait] of [
      [gated, false],
      [waiting, true],
    ] as const) {
      const claimed = await claimOne('w1', now);
      expect(claimed.dictationId).toBe(job.dictationId);
      await db.withTenant(tenant, (tx) => updateLeasedJob(tx, job.dictationId, 'w1', { nextRunAt: later, slotWait }));
    }
    expect(await promoteWaitingJobs(db, now, 5)).toBe(1);
    expect((await claimDueJobs(db, { owner: 'w2', now, leaseMs: 10_000, limit: 5 })).map((j) => j.dictationId)).toEqual([
      waiting.dictationId,
    ]);
  });
});

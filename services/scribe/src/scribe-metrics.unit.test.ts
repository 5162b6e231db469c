import type { PgliteHandle } from '@medicdraft/platform/pglite';
import { createMemoryCoordination, createMetrics, type AdminDatabase } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDueJobs, countJobQueue, insertJob, updateLeasedJob } from './jobs/job-store.js';
import { newJob as audioJob } from './testing/job-fixtures.js';
import { openJobsDatabase } from './testing/jobs-database.js';
import { createScribeMetrics } from './scribe-metrics.js';

const newJob = (tenantId: string) => audioJob(tenantId, 'healthscribe');

describe('scribe metrics (PGlite)', { timeout: 60_000 }, () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  beforeAll(async () => {
    ({ pglite, db } = await openJobsDatabase());
  });
  afterAll(async () => {
    await db.close();
    await pglite.close();
  });

  it('due and running jobs follow scribe.jobs across tenants; durations are observed by engine and outcome', async () => {
    const metrics = createMetrics('scribe');
    let now = Date.parse('2026-12-01T10:00:00Z');
    const coordination = createMemoryCoordination();
    const observed = createScribeMetrics(metrics, { semaphore: coordination.semaphore, queue: () => countJobQueue(db, now) });
    const read = async (name: string, labels: Record<string, string> = {}) =>
      (await metrics.registry.getMetricsAsJSON())
        .find((m) => m.name === name)
        ?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;

    expect([await read('medicdraft_scribe_jobs_due'), await read('medicdraft_scribe_jobs_running')]).toEqual([0, 0]);
    const a = newJob('tenant-a');
    await db.withTenant('tenant-a', (tx) => insertJob(tx, a, now));
    expect([await read('medicdraft_scribe_jobs_due'), await read('medicdraft_scribe_jobs_running')]).toEqual([1, 0]);

    // A worker leases one and the engine accepts it: it is running, and no longer waiting for a worker.
    const [claimed] = await claimDueJobs(db, { owner: 'w1', now, leaseMs: 30_000, limit: 1 });
    await db.withTenant(claimed!.tenantId, (tx) =>
      updateLeasedJob(tx, claimed!.dictationId, 'w1', { state: 'running', nextRunAt: now + 5_000 }),
    );
    await db.withTenant('tenant-b', (tx) => insertJob(tx, newJob('tenant-b'), now));
    expect([await read('medicdraft_scribe_jobs_due'), await read('medicdraft_scribe_jobs_running')]).toEqual([1, 1]);

    // The duration counts from the attempt's own start, recorded with the job.
    const since = await db.withTenant(claimed!.tenantId, async (tx) => {
      const { rows } = await tx.query<{ ms: number }>(
        'SELECT (extract(epoch FROM attempt_since) * 1000)::float8 AS ms FROM jobs WHERE dictation_id = $1',
        [claimed!.dictationId],
      );
      return rows[0]?.ms;
    });
    expect(since).toBe(now);
    now += 42_000;
    observed.onFinished({ engine: 'healthscribe', outcome: 'completed', seconds: (now - since!) / 1000 });
    const histogram = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'medicdraft_scribe_job_duration_seconds');
    const sum = histogram?.values.find((v) => (v as { metricName?: string }).metricName === 'medicdraft_scribe_job_duration_seconds_sum');
    expect(sum).toMatchObject({ value: 42, labels: { engine: 'healthscribe', outcome: 'completed' } });
    await coordination.close();
  });

  it('claimDueJobs returns the whole leased rows, so a step needs no second read per job', async () => {
    const now = Date.parse('2026-12-02T09:00:00Z');
    const job = newJob('tenant-f');
    await db.withTenant('tenant-f', (tx) => insertJob(tx, job, now));
    const claimed = await claimDueJobs(db, { owner: 'w-rows', now, leaseMs: 60_000, limit: 10 });
    expect(claimed.find((c) => c.dictationId === job.dictationId)).toEqual({
      ...job,
      state: 'pending',
      startTries: 0,
      polls: 0,
      failureReason: null,
      attemptSinceMs: now,
      leaseUntilMs: now + 60_000,
    });
  });

  it('claimDueJobs leases at most `limit` due jobs, however many are due', async () => {
    const now = Date.parse('2026-12-01T09:00:00Z');
    for (const t of ['tenant-c', 'tenant-c', 'tenant-d', 'tenant-d', 'tenant-e'])
      await db.withTenant(t, (tx) => insertJob(tx, newJob(t), now));
    for (const [round, limit] of [1, 2, 1].entries()) {
      const claimed = await claimDueJobs(db, { owner: `w-${round}`, now, leaseMs: 60_000, limit });
      expect(claimed).toHaveLength(limit);
      const leased = await db.withSystem(async (tx) => {
        await tx.query("SELECT set_config('app.scheduler', 'on', true)");
        const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs WHERE lease_owner = $1', [`w-${round}`]);
        return rows[0]?.n;
      });
      expect(leased, `rows leased with limit ${limit}`).toBe(claimed.length);
    }
  });
});

import type { PgliteHandle } from '@medicdraft/platform/pglite';
import type { AdminDatabase } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newJob } from '../testing/job-fixtures.js';
import { openJobsDatabase } from '../testing/jobs-database.js';
import { claimDueJobs, insertJob } from './job-store.js';

/** Tenant isolation of `scribe.jobs` (RLS enabled and forced), and the scheduler's narrow exception. */
describe('scribe.jobs tenant isolation (PGlite)', () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  const a = newJob('tenant-a');
  const b = newJob('tenant-b');

  beforeAll(async () => {
    ({ pglite, db } = await openJobsDatabase());
    await db.withTenant('tenant-a', (tx) => insertJob(tx, a, Date.now()));
    await db.withTenant('tenant-b', (tx) => insertJob(tx, b, Date.now()));
  });
  afterAll(() => pglite.close());

  it('has RLS enabled and forced', async () => {
    const { rows } = await db.admin((tx) =>
      tx.query<{ rls: boolean; force: boolean }>(
        "SELECT relrowsecurity AS rls, relforcerowsecurity AS force FROM pg_class WHERE oid = 'scribe.jobs'::regclass",
      ),
    );
    expect(rows).toEqual([{ rls: true, force: true }]);
  });

  it('shows nothing and accepts no write without a tenant', async () => {
    expect((await db.withSystem((tx) => tx.query('SELECT * FROM jobs'))).rows).toEqual([]);
    await expect(db.withSystem((tx) => insertJob(tx, newJob('tenant-a'), Date.now()))).rejects.toThrow();
  });

  it('keeps each tenant to its own rows: no read, update, delete or insert across', async () => {
    const ids = await db.withTenant('tenant-b', async (tx) =>
      (await tx.query<{ id: string }>('SELECT dictation_id::text AS id FROM jobs')).rows.map((r) => r.id),
    );
    expect(ids).toEqual([b.dictationId]);
    await db.withTenant('tenant-b', async (tx) => {
      expect((await tx.query("UPDATE jobs SET state = 'failed' WHERE dictation_id = $1", [a.dictationId])).rowCount).toBe(0);
      expect((await tx.query('DELETE FROM jobs WHERE dictation_id = $1', [a.dictationId])).rowCount).toBe(0);
    });
    await expect(db.withTenant('tenant-b', (tx) => insertJob(tx, newJob('tenant-a'), Date.now()))).rejects.toThrow();
    const state = await db.withTenant('tenant-a', async (tx) => (await tx.query<{ state: string }>('SELECT state FROM jobs')).rows);
    expect(state).toEqual([{ state: 'pending' }]);
  });

  it('lets only the scheduler see across tenants, and only to take leases', async () => {
    const claimed = await claimDueJobs(db, { owner: 'w1', now: Date.now() + 1_000, leaseMs: 1_000, limit: 10 });
    expect(claimed.map((c) => c.tenantId).sort()).toEqual(['tenant-a', 'tenant-b']);
    await expect(
      db.withSystem(async (tx) => {
        await tx.query("SELECT set_config('app.scheduler', 'on', true)");
        await tx.query('DELETE FROM jobs');
      }),
    ).resolves.toBeUndefined();
    expect(await db.withTenant('tenant-a', async (tx) => (await tx.query('SELECT 1 FROM jobs')).rowCount)).toBe(1);
  });
});

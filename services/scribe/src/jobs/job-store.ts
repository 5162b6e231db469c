import type { MediaFormat, ScribeEngine as ScribeEngineName, ScribeFailureReason } from '@medicdraft/contracts';
import type { Database, Queryable } from '@medicdraft/platform';

export type JobState = 'pending' | 'running' | 'completed' | 'failed';

/** A row of `scribe.jobs` (see job-migrations.ts). */
export interface JobRow {
  tenantId: string;
  dictationId: string;
  jobName: string;
  engine: ScribeEngineName;
  providerId: string;
  sourceEventId: string;
  inputBucket: 'input' | 'output';
  inputKey: string;
  inputSha256: string;
  mediaFormat: MediaFormat | null;
  attempt: number;
  startedEventId: string;
  state: JobState;
  startTries: number;
  polls: number;
  failureReason: ScribeFailureReason | null;
  /** When this attempt was recorded or rolled over to (ms since epoch): the start of its duration. */
  attemptSinceMs: number;
}

export type NewJob = Omit<JobRow, 'state' | 'startTries' | 'polls' | 'failureReason' | 'attemptSinceMs'>;

const columns = (t: string) => `${t}.tenant_id AS "tenantId", ${t}.dictation_id::text AS "dictationId", ${t}.job_name AS "jobName",
  ${t}.engine, ${t}.provider_id AS "providerId", ${t}.source_event_id::text AS "sourceEventId", ${t}.input_bucket AS "inputBucket",
  ${t}.input_key AS "inputKey", ${t}.input_sha256 AS "inputSha256", ${t}.media_format AS "mediaFormat", ${t}.attempt,
  ${t}.started_event_id::text AS "startedEventId", ${t}.state, ${t}.start_tries AS "startTries", ${t}.polls,
  ${t}.failure_reason AS "failureReason", (extract(epoch FROM ${t}.attempt_since) * 1000)::float8 AS "attemptSinceMs"`;

/** Records a new job due now; false when the dictation already has one (dedupe on dictation id). */
export async function insertJob(tx: Queryable, job: NewJob, now: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO jobs (tenant_id, dictation_id, job_name, engine, provider_id, source_event_id, input_bucket, input_key,
                       input_sha256, media_format, attempt, started_event_id, next_run_at, attempt_since)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) ON CONFLICT DO NOTHING`,
    [
      job.tenantId,
      job.dictationId,
      job.jobName,
      job.engine,
      job.providerId,
      job.sourceEventId,
      job.inputBucket,
      job.inputKey,
      job.inputSha256,
      job.mediaFormat,
      job.attempt,
      job.startedEventId,
      new Date(now).toISOString(),
    ],
  );
  return rowCount === 1;
}

/**
 * `insertJob` for several jobs in one statement (in the caller's tenant transaction, in the given
 * order); returns the dictation ids whose job was recorded now (the others had one already).
 */
export async function insertJobs(tx: Queryable, jobs: readonly NewJob[], now: number): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  if (jobs.length === 1) return (await insertJob(tx, jobs[0]!, now)) ? new Set([jobs[0]!.dictationId]) : new Set();
  const { rows } = await tx.query<{ dictation_id: string }>(
    `INSERT INTO jobs (tenant_id, dictation_id, job_name, engine, provider_id, source_event_id, input_bucket, input_key,
                       input_sha256, media_format, attempt, started_event_id, next_run_at, attempt_since)
     SELECT j."tenantId", j."dictationId", j."jobName", j.engine, j."providerId", j."sourceEventId", j."inputBucket", j."inputKey",
            j."inputSha256", j."mediaFormat", j.attempt, j."startedEventId", $2::timestamptz, $2::timestamptz
       FROM ROWS FROM (json_to_recordset($1::json) AS ("tenantId" text, "dictationId" uuid, "jobName" text, engine text,
            "providerId" text, "sourceEventId" uuid, "inputBucket" text, "inputKey" text, "inputSha256" text, "mediaFormat" text,
            attempt integer, "startedEventId" uuid)) WITH ORDINALITY
            AS j("tenantId", "dictationId", "jobName", engine, "providerId", "sourceEventId", "inputBucket", "inputKey",
                 "inputSha256", "mediaFormat", attempt, "startedEventId", ord)
      ORDER BY j.ord
     ON CONFLICT DO NOTHING RETURNING dictation_id::text AS dictation_id`,
    [JSON.stringify(jobs), new Date(now).toISOString()],
  );
  return new Set(rows.map((r) => r.dictation_id.toLowerCase()));
}

/**
 * Asks for attempt `job.attempt` (≥ 2, a reprocess) of a dictation's job, in the caller's tenant
 * transaction. No row yet: the job is recorded at that attempt (the original `*.created` then finds
 * it and adds nothing). A row on an older attempt: the request is noted, and taken up at once when
 * that attempt has ended, or by `rollOverRequestedAttempt` when it ends. A request no newer than
 * what the row has or already awaits changes nothing. True when a job became due now.
 */
export async function requestAttempt(tx: Queryable, job: NewJob, now: number): Promise<boolean> {
  if (await insertJob(tx, job, now)) return true;
  await tx.query(
    `UPDATE jobs SET requested_attempt = $2, requested_job_name = $3, requested_event_id = $4, updated_at = now()
      WHERE dictation_id = $1 AND attempt < $2 AND (requested_attempt IS NULL OR requested_attempt < $2)`,
    [job.dictationId, job.attempt, job.jobName, job.sourceEventId],
  );
  return rollOverRequestedAttempt(tx, job.dictationId, job.startedEventId, now);
}

/**
 * Starts the requested attempt of a dictation whose current attempt has ended (completed or
 * failed, no lease): the row becomes that attempt's pending job with fresh counters and a new
 * `startedEventId`. Called by `requestAttempt` and in the transaction that ends an attempt.
 */
export async function rollOverRequestedAttempt(tx: Queryable, dictationId: string, startedEventId: string, now: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE jobs SET attempt = requested_attempt, job_name = requested_job_name, source_event_id = requested_event_id,
            started_event_id = $2, state = 'pending', start_tries = 0, polls = 0, failure_reason = NULL, next_run_at = $3,
            attempt_since = $3,
            requested_attempt = NULL, requested_job_name = NULL, requested_event_id = NULL, updated_at = now()
      WHERE dictation_id = $1 AND requested_attempt IS NOT NULL AND state IN ('completed', 'failed') AND lease_owner IS NULL`,
    [dictationId, startedEventId, new Date(now).toISOString()],
  );
  return rowCount === 1;
}

/** A job as leased: the row at the moment the lease was taken (or last renewed), and until when the lease runs. */
export interface ClaimedJob extends JobRow {
  /** When the lease runs out (ms since epoch): past it, any worker may claim the job. */
  leaseUntilMs: number;
  /** Kept leased by this worker since its last step (see JobRunnerDeps.hold): its quota slot needs no renewal yet. */
  held?: boolean;
}

/**
 * Takes a lease on up to `limit` due jobs of any tenant and returns their rows, so a step starts
 * from what the claim read instead of reading each job again (one round trip per job less; the
 * lease it was read under is the one every write-back checks). `FOR UPDATE SKIP LOCKED` lets
 * several workers claim concurrently without waiting on or double-claiming each other's rows; the
 * lease (not a held row lock) covers the slow engine calls, and expires if the worker dies.
 */
export async function claimDueJobs(
  db: Database,
  opts: { owner: string; now: number; leaseMs: number; limit: number },
): Promise<ClaimedJob[]> {
  if (opts.limit <= 0) return [];
  return db.withSystem(async (tx) => {
    await tx.query("SELECT set_config('app.scheduler', 'on', true)");
    const now = new Date(opts.now).toISOString();
    const { rows } = await tx.query<ClaimedJob>(
      // The pick is a materialised CTE: as a subquery in FROM the planner may scan it again for each
      // joined row, and with SKIP LOCKED every scan can pick other rows, so more than `limit` were leased.
      `WITH due AS MATERIALIZED (
         SELECT tenant_id, dictation_id FROM jobs
          WHERE state IN ('pending', 'running') AND next_run_at <= $2::timestamptz
            AND (lease_until IS NULL OR lease_until < $2::timestamptz)
          ORDER BY next_run_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       UPDATE jobs j SET lease_owner = $1, lease_until = $2::timestamptz + make_interval(secs => $3::float8 / 1000)
         FROM due
        WHERE j.tenant_id = due.tenant_id AND j.dictation_id = due.dictation_id
       RETURNING ${columns('j')}, (extract(epoch FROM j.lease_until) * 1000)::float8 AS "leaseUntilMs"`,
      [opts.owner, now, opts.leaseMs, opts.limit],
    );
    return rows;
  });
}

export interface JobUpdate {
  state?: JobState;
  startTries?: number;
  polls?: number;
  failureReason?: ScribeFailureReason;
  /** When the job is next due; the lease is released with the update. */
  nextRunAt: number;
  /** The job waits for a quota slot (a freed slot may wake it early); any other update clears it. */
  slotWait?: boolean;
  /**
   * Keep the lease until then (ms since epoch) instead of releasing it: the worker goes on polling the job itself, so
   * no claim is needed for its next step. The row still says when that step is due, for whoever takes the job over
   * if this worker dies and the lease runs out.
   */
  leaseUntil?: number;
}

/**
 * Applies an update and releases (or, with `leaseUntil`, extends) the lease, only while `owner` holds it; undefined otherwise.
 * `reprocessWaiting`: a reprocess request waits on the row (see `rollOverRequestedAttempt`), read
 * in the same statement so the transaction that ends an attempt knows whether to hand it over.
 */
export async function updateLeasedJob(
  tx: Queryable,
  dictationId: string,
  owner: string,
  update: JobUpdate,
): Promise<{ reprocessWaiting: boolean } | undefined> {
  const { rows } = await tx.query<{ reprocessWaiting: boolean }>(
    `UPDATE jobs SET state = COALESCE($3, state), start_tries = COALESCE($4, start_tries), polls = COALESCE($5, polls),
            failure_reason = COALESCE($6, failure_reason), next_run_at = $7, slot_wait = $8,
            lease_owner = CASE WHEN $9::timestamptz IS NULL THEN NULL ELSE lease_owner END, lease_until = $9::timestamptz,
            updated_at = now()
      WHERE dictation_id = $1 AND lease_owner = $2
      RETURNING requested_attempt IS NOT NULL AS "reprocessWaiting"`,
    [
      dictationId,
      owner,
      update.state ?? null,
      update.startTries ?? null,
      update.polls ?? null,
      update.failureReason ?? null,
      new Date(update.nextRunAt).toISOString(),
      update.slotWait ?? false,
      update.leaseUntil === undefined ? null : new Date(update.leaseUntil).toISOString(),
    ],
  );
  return rows[0];
}

/** Gives back every lease `owner` holds (orderly shutdown), so other workers need not wait for expiry. */
export async function releaseLeases(db: Database, owner: string): Promise<void> {
  await db.withSystem(async (tx) => {
    await tx.query("SELECT set_config('app.scheduler', 'on', true)");
    await tx.query('UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1', [owner]);
  });
}

/**
 * Makes up to `limit` jobs waiting for a quota slot due now (oldest first). Called when a slot frees
 * up, so the next job starts at once rather than when its slot wait runs out; any worker may take it.
 * Jobs waiting on a closed gate or a backoff are left alone: a slot handed to them would stay unused.
 */
export async function promoteWaitingJobs(db: Database, now: number, limit: number): Promise<number> {
  return db.withSystem(async (tx) => {
    await tx.query("SELECT set_config('app.scheduler', 'on', true)");
    const { rowCount } = await tx.query(
      `UPDATE jobs j SET next_run_at = $1 FROM (
         SELECT tenant_id, dictation_id FROM jobs WHERE state = 'pending' AND slot_wait AND next_run_at > $1 AND lease_owner IS NULL
          ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED) w
        WHERE j.tenant_id = w.tenant_id AND j.dictation_id = w.dictation_id`,
      [new Date(now).toISOString(), limit],
    );
    return rowCount;
  });
}

/** Jobs whose next step is due and that no live lease holds (waiting for a worker), and engine jobs in flight. */
export async function countJobQueue(db: Database, now: number): Promise<{ due: number; running: number }> {
  return db.withSystem(async (tx) => {
    await tx.query("SELECT set_config('app.scheduler', 'on', true)");
    const { rows } = await tx.query<{ due: number; running: number }>(
      `SELECT count(*) FILTER (WHERE next_run_at <= $1::timestamptz AND (lease_until IS NULL OR lease_until < $1::timestamptz))::int AS due,
              count(*) FILTER (WHERE state = 'running')::int AS running
         FROM jobs WHERE state IN ('pending', 'running')`,
      [new Date(now).toISOString()],
    );
    return { due: rows[0]?.due ?? 0, running: rows[0]?.running ?? 0 };
  });
}

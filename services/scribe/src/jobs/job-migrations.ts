import { parkingMigrations, qualified, tenantTable, type Migration } from '@medicdraft/platform';

export const SCRIBE_SCHEMA = 'scribe';
export const SCRIBE_ROLE = 'medicdraft_scribe';

/**
 * `scribe.jobs`: one row per dictation, the durable progress of its current transcription attempt
 * (`attempt` 1 from `dictation.*.created`, 2… from `dictation.reprocess.requested`), so any worker
 * can resume it after a crash. States: pending (not started) → running (engine accepted it) →
 * completed | failed. `lease_owner`/`lease_until` say which worker is handling the row right now;
 * an expired lease is free for another worker to claim.
 *
 * Scheduler access (a documented choice, like the outbox relay's): claiming is cross-tenant, so a
 * transaction with `app.scheduler = 'on'` may SELECT and UPDATE rows to take a lease; everything
 * that touches a job's content runs in a `withTenant` transaction. The row holds ids, refs and
 * digests only — no PHI.
 */
export function scribeMigrations(schema = SCRIBE_SCHEMA, role = SCRIBE_ROLE): Migration[] {
  const jobs = qualified(schema, 'jobs');
  const scheduler = "current_setting('app.scheduler', true) = 'on'";
  return [
    ...parkingMigrations(schema, role),
    {
      id: '0001_scribe_jobs',
      sql: `
CREATE TABLE ${jobs} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  dictation_id uuid NOT NULL,
  job_name text NOT NULL UNIQUE,
  engine text NOT NULL CHECK (engine IN ('healthscribe', 'synthetic')),
  provider_id text NOT NULL,
  source_event_id uuid NOT NULL,
  input_bucket text NOT NULL,
  input_key text NOT NULL,
  input_sha256 text NOT NULL,
  media_format text,
  attempt int NOT NULL DEFAULT 1,
  started_event_id uuid NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'completed', 'failed')),
  start_tries int NOT NULL DEFAULT 0,
  polls int NOT NULL DEFAULT 0,
  failure_reason text,
  next_run_at timestamptz NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, dictation_id)
);
CREATE INDEX jobs_due ON ${jobs} (next_run_at) WHERE state IN ('pending', 'running');
${tenantTable(schema, 'jobs', role)}
CREATE POLICY scheduler_read ON ${jobs} FOR SELECT USING (${scheduler});
CREATE POLICY scheduler_lease ON ${jobs} FOR UPDATE USING (${scheduler}) WITH CHECK (${scheduler});
`,
    },
    {
      // A reprocess request that arrives while an attempt is in progress waits here; the attempt
      // that ends rolls the row over to it (job-store.ts rollOverRequestedAttempt).
      id: '0002_scribe_requested_attempt',
      sql: `
ALTER TABLE ${jobs} ADD COLUMN requested_attempt int, ADD COLUMN requested_job_name text, ADD COLUMN requested_event_id uuid;
ALTER TABLE ${jobs} ADD CONSTRAINT jobs_requested_attempt CHECK (
  (requested_attempt IS NULL) = (requested_job_name IS NULL) AND (requested_attempt IS NULL) = (requested_event_id IS NULL));
`,
    },
    {
      // The start of the current attempt, so a finished job's duration (medicdraft_scribe_job_duration_seconds)
      // counts from its own attempt, not from the first one of a reprocessed dictation.
      id: '0003_scribe_attempt_since',
      sql: `ALTER TABLE ${jobs} ADD COLUMN attempt_since timestamptz NOT NULL DEFAULT now();`,
    },
    {
      // Jobs that wait for a quota slot sleep until a freed slot wakes the oldest of them, instead
      // of asking the quota every few hundred milliseconds (job-runner.ts releaseSlot); the flag
      // tells them apart from jobs waiting on a closed gate or a backoff, which no slot can help.
      id: '0004_scribe_slot_wait',
      sql: `
ALTER TABLE ${jobs} ADD COLUMN slot_wait boolean NOT NULL DEFAULT false;
CREATE INDEX jobs_slot_wait ON ${jobs} (created_at) WHERE state = 'pending' AND slot_wait;
`,
    },
  ];
}

import { qualified, tenantTable, type Migration } from '@medicdraft/platform';

export const INGEST_SCHEMA = 'ingest';
export const INGEST_ROLE = 'medicdraft_ingest';

/**
 * `ingest.dictations`: one row per stored dictation — who dictated it, what kind and format it is,
 * its size, the sha256 of the stored plaintext and where the object lives. A tenant table (RLS
 * enabled and forced on `app.tenant_id`). No content: the dictation itself is only in the object
 * store. `status` is `stored` at intake; a deletion (dictation-deletion.ts) moves it to `deleted`
 * (with `deleted_at`) after its objects are gone — the row stays as the metadata of what existed.
 * `lifecycle` (migration 0004) is where the stored dictation is in the pipeline.
 * A row is inserted only after its object was written, so it never points at a missing object.
 */
export function ingestMigrations(): Migration[] {
  const dictations = qualified(INGEST_SCHEMA, 'dictations');
  const corrections = qualified(INGEST_SCHEMA, 'incident_corrections');
  return [
    {
      id: '0001_ingest_dictations',
      sql: `
CREATE TABLE ${dictations} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  id uuid NOT NULL,
  provider_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('audio', 'text')),
  format text NOT NULL CHECK (format IN ('wav', 'flac', 'mp3', 'mp4', 'ogg', 'webm', 'text')),
  synthetic boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('stored', 'deleted')),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[a-f0-9]{64}$'),
  object_bucket text NOT NULL CHECK (object_bucket IN ('input', 'output')),
  object_key text NOT NULL CHECK (starts_with(object_key, tenant_id || '/')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (object_bucket, object_key),
  CHECK ((kind = 'text') = (format = 'text')),
  CHECK (kind = 'audio' OR synthetic)
);
CREATE INDEX dictations_by_provider ON ${dictations} (tenant_id, provider_id, created_at DESC);
${tenantTable(INGEST_SCHEMA, 'dictations', INGEST_ROLE)}
`,
    },
    {
      // Listing newest first with a (created_at, id) keyset cursor; deleted rows keep their metadata.
      id: '0002_ingest_dictation_deletion',
      sql: `
ALTER TABLE ${dictations} ADD COLUMN deleted_at timestamptz;
ALTER TABLE ${dictations} ADD CONSTRAINT dictations_deleted_at CHECK ((status = 'deleted') = (deleted_at IS NOT NULL));
CREATE INDEX dictations_by_time ON ${dictations} (tenant_id, created_at DESC, id DESC);
`,
    },
    {
      // How many times transcription was asked for: 1 at intake, +1 per reprocess request.
      id: '0003_ingest_dictation_attempts',
      sql: `ALTER TABLE ${dictations} ADD COLUMN attempts int NOT NULL DEFAULT 1 CHECK (attempts >= 1);`,
    },
    {
      // The lifecycle of the current attempt (lifecycle/dictation-lifecycle.ts), from the pipeline's
      // events; `lifecycle_reason` is a failure code, never text. The versions order narrative events
      // that arrive out of order. Rows from before this migration start at `received` and catch up
      // when the new consumer group reads the retained events from the beginning.
      id: '0004_ingest_dictation_lifecycle',
      sql: `
ALTER TABLE ${dictations}
  ADD COLUMN lifecycle text NOT NULL DEFAULT 'received'
    CHECK (lifecycle IN ('received', 'transcribing', 'drafted', 'needs_information', 'ready_to_copy', 'copied', 'failed')),
  ADD COLUMN lifecycle_reason text CHECK (lifecycle_reason ~ '^[a-z][a-z_]{0,63}$'),
  ADD COLUMN narrative_version int NOT NULL DEFAULT 0 CHECK (narrative_version >= 0),
  ADD COLUMN copied_version int NOT NULL DEFAULT 0 CHECK (copied_version >= 0),
  ADD COLUMN lifecycle_at timestamptz;
ALTER TABLE ${dictations} ADD CONSTRAINT dictations_lifecycle_reason CHECK ((lifecycle = 'failed') = (lifecycle_reason IS NOT NULL));
CREATE INDEX dictations_by_lifecycle ON ${dictations} (tenant_id, lifecycle, created_at DESC, id DESC);
`,
    },
    {
      // The duplicate check at intake: the same provider's stored dictation with the same content.
      id: '0005_ingest_dictation_dedupe',
      sql: `CREATE INDEX dictations_by_content ON ${dictations} (tenant_id, provider_id, sha256, created_at DESC);`,
    },
    {
      // The dictation's current incident key (the keyed hash, never the number: set at intake and by
      // corrections), and every correction with its reason (free text, kept here only; never in an
      // event or a log). Append-only: a correction is never edited or removed.
      id: '0006_ingest_incident_corrections',
      sql: `
ALTER TABLE ${dictations} ADD COLUMN incident_key text CHECK (incident_key ~ '^[a-f0-9]{64}$');
CREATE TABLE ${corrections} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  event_id uuid NOT NULL,
  dictation_id uuid NOT NULL,
  previous_key text CHECK (previous_key ~ '^[a-f0-9]{64}$'),
  incident_key text NOT NULL CHECK (incident_key ~ '^[a-f0-9]{64}$'),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  actor_id uuid NOT NULL,
  actor_role text NOT NULL,
  corrected_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX incident_corrections_by_dictation ON ${corrections} (tenant_id, dictation_id, corrected_at);
${tenantTable(INGEST_SCHEMA, 'incident_corrections', INGEST_ROLE, { appendOnly: true })}
`,
    },
    {
      // The QA review state of the dictation's narrative, followed from the qa.review.* events (the
      // narrative service holds the steps): the dictation list filters by it.
      id: '0007_ingest_review_state',
      sql: `
ALTER TABLE ${dictations} ADD COLUMN review_state text NOT NULL DEFAULT 'not_started'
  CHECK (review_state IN ('not_started', 'in_review', 'returned', 'resubmitted', 'approved'));
CREATE INDEX dictations_by_review_state ON ${dictations} (tenant_id, review_state, created_at DESC, id DESC);
`,
    },
  ];
}

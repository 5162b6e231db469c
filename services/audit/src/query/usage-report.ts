import type { UsageReport } from '@medicdraft/contracts';
import type { Clock, Database } from '@medicdraft/platform';
import { lastMonths, summarizeUsage, type StorageRow, type UsageEventRow } from './usage-math.js';

/** The event types usage counts (usage-math.ts). */
const USAGE_TYPES = [
  'dictation.audio.created',
  'dictation.text.created',
  'healthscribe.job.started',
  'dictation.reprocess.requested',
  'narrative.generated',
] as const;

/**
 * Bytes per data class and month, over the tenant's whole log (what is stored at a month's end
 * includes every earlier month). Each stored object is announced with its ref and size by the
 * event that reports it written; a `retention.object.deleted` names the same ref, so it frees
 * exactly the bytes that were counted in — an object announced without a size (older events, a QA
 * comment's text) counts 0 both ways. A repeated announcement or a retried deletion of one object
 * counts once (the first). Only refs, sizes and times are read.
 */
const STORAGE_SQL = `
WITH announced AS (
  SELECT occurred_at,
         CASE event_type WHEN 'dictation.audio.created' THEN 'audio_recording' ELSE 'dictation_text' END AS data_class,
         event #> '{payload,objectRef}' AS ref, (event #>> '{payload,sizeBytes}')::bigint AS bytes
    FROM events WHERE event_type IN ('dictation.audio.created', 'dictation.text.created')
  UNION ALL
  SELECT occurred_at, 'transcript', event #> '{payload,transcriptRef}', (event #>> '{payload,transcriptSizeBytes}')::bigint
    FROM events WHERE event_type = 'healthscribe.output.received'
  UNION ALL
  SELECT occurred_at, 'clinical_document', event #> '{payload,clinicalDocumentRef}',
         (event #>> '{payload,clinicalDocumentSizeBytes}')::bigint
    FROM events WHERE event_type = 'healthscribe.output.received'
  UNION ALL
  SELECT occurred_at, 'narrative', event #> '{payload,contentRef}', (event #>> '{payload,contentBytes}')::bigint
    FROM events WHERE event_type IN ('narrative.generated', 'narrative.edited')
),
objects AS (
  SELECT DISTINCT ON (ref) ref, occurred_at, data_class, bytes
    FROM announced WHERE ref IS NOT NULL AND bytes IS NOT NULL
   ORDER BY ref, occurred_at
),
deletions AS (
  SELECT DISTINCT ON (ref) ref, occurred_at
    FROM (SELECT event #> '{payload,objectRef}' AS ref, occurred_at FROM events WHERE event_type = 'retention.object.deleted') d
   ORDER BY ref, occurred_at
),
moves AS (
  SELECT occurred_at, data_class, bytes AS written, 0::bigint AS deleted FROM objects
  UNION ALL
  SELECT d.occurred_at, o.data_class, 0::bigint, o.bytes FROM deletions d JOIN objects o ON o.ref = d.ref
)
SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, data_class AS "dataClass",
       sum(written) AS written, sum(deleted) AS deleted
  FROM moves
 GROUP BY 1, 2`;

const int = (path: string) => `(e.event #>> '{payload,${path}}')::bigint`;

/**
 * Usage per month, read from the audit log (the one store holding every domain event of the
 * tenant, under its row-level security). Only numbers and codes are selected from the payloads;
 * a job start's audio length is looked up in its dictation's `dictation.audio.created`, which may
 * be of an earlier month (a re-transcription).
 */
export function createUsageReport(deps: { db: Database; clock: Clock }) {
  return async (tenantId: string, months: number): Promise<UsageReport> => {
    const range = lastMonths(new Date(deps.clock()), months);
    const from = `${range[0]}-01T00:00:00Z`;
    const { rows, storage } = await deps.db.withTenant(tenantId, async (tx) => ({
      rows: (
        await tx.query<UsageEventRow>(
          `SELECT e.event_type AS type,
                to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
                e.event #>> '{payload,engine}' AS engine,
                ${int('version')} AS version,
                e.event #>> '{payload,drafting,requested}' AS "draftingRequested",
                e.event #>> '{payload,drafting,drafter}' AS "drafter",
                CASE WHEN e.event_type = 'healthscribe.job.started' AND e.event #>> '{payload,engine}' = 'healthscribe' THEN
                  (SELECT (a.event #>> '{payload,durationMs}')::bigint FROM events a
                    WHERE a.event_type = 'dictation.audio.created'
                      AND a.event #>> '{payload,dictationId}' = e.event #>> '{payload,dictationId}'
                    LIMIT 1)
                END AS "durationMs"
           FROM events e
          WHERE e.event_type = ANY($1::text[]) AND e.occurred_at >= $2`,
          [[...USAGE_TYPES], from],
        )
      ).rows,
      storage: (await tx.query<StorageRow>(STORAGE_SQL)).rows,
    }));
    // pg returns bigint and numeric as text: the math wants numbers.
    const numeric = rows.map((r) => ({ ...r, version: toNumber(r.version), durationMs: toNumber(r.durationMs) }));
    const bytes = storage.map((r) => ({ ...r, written: toNumber(r.written) ?? 0, deleted: toNumber(r.deleted) ?? 0 }));
    return { months: summarizeUsage(numeric, range, bytes) };
  };
}

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
}

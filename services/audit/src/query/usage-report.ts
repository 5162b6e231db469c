import type { UsageReport } from '@medicdraft/contracts';
import type { Clock, Database } from '@medicdraft/platform';
import { lastMonths, summarizeUsage, type UsageEventRow } from './usage-math.js';

/** The event types usage counts (usage-math.ts). */
const USAGE_TYPES = [
  'dictation.audio.created',
  'dictation.text.created',
  'healthscribe.job.started',
  'healthscribe.output.received',
  'dictation.reprocess.requested',
  'narrative.generated',
] as const;

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
    const { rows } = await deps.db.withTenant(tenantId, (tx) =>
      tx.query<UsageEventRow>(
        `SELECT e.event_type AS type,
                to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
                e.event #>> '{payload,engine}' AS engine,
                ${int('sizeBytes')} AS "sizeBytes",
                ${int('transcriptSizeBytes')} AS "transcriptSizeBytes",
                ${int('clinicalDocumentSizeBytes')} AS "clinicalDocumentSizeBytes",
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
      ),
    );
    // pg returns bigint as text: the math wants numbers.
    const numeric = rows.map((r) => ({
      ...r,
      sizeBytes: toNumber(r.sizeBytes),
      transcriptSizeBytes: toNumber(r.transcriptSizeBytes),
      clinicalDocumentSizeBytes: toNumber(r.clinicalDocumentSizeBytes),
      version: toNumber(r.version),
      durationMs: toNumber(r.durationMs),
    }));
    return { months: summarizeUsage(numeric, range) };
  };
}

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
}

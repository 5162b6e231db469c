import { createHash } from 'node:crypto';
import {
  NarrativeDraftingSchema,
  type NarrativeDrafting,
  type NarrativeElementCode,
  type NarrativeTemplate,
  type ScribeEngine,
} from '@medicdraft/contracts';
import { advisoryKey, AppError, type ObjectRef, type Queryable } from '@medicdraft/platform';

/** One immutable narrative version as stored (no PHI: the content is behind `contentRef`). */
export interface NarrativeVersionRow {
  tenantId: string;
  narrativeId: string;
  version: number;
  dictationId: string;
  template: NarrativeTemplate;
  templateVersion: number;
  engine: ScribeEngine;
  engineVersion: string;
  sourceEventId: string;
  contentRef: ObjectRef;
  sha256: string;
  sentenceCount: number;
  missingElements: NarrativeElementCode[];
  createdAt: string;
  /** How a generated version was drafted (lineage, no text); absent on edits and on versions from before it was recorded. */
  drafting?: NarrativeDrafting;
}

/**
 * A dictation has one narrative whose id is derived from (tenant, dictation), so every version —
 * regenerated or edited, by any instance — lands under the same id without a lookup race.
 */
export function narrativeIdFor(tenantId: string, dictationId: string): string {
  const h = createHash('sha256').update(`narrative:${tenantId}:${dictationId}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Inserts the next version of the narrative in the caller's transaction and returns its number.
 * A transaction-scoped advisory lock serialises concurrent writers of one narrative; the primary
 * key catches the rest. With `expectedCurrent` (an edit's base version) the insert is refused
 * with 409 `version_conflict` unless that is still the latest version (optimistic concurrency).
 */
export async function insertNextVersion(
  tx: Queryable,
  row: Omit<NarrativeVersionRow, 'version'>,
  expectedCurrent?: number,
): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey(`narrative:${row.tenantId}:${row.narrativeId}`)]);
  const { rows } = await tx.query<{ next: number }>(
    'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM narratives WHERE narrative_id = $1',
    [row.narrativeId],
  );
  const version = Number(rows[0]?.next ?? 1);
  if (expectedCurrent !== undefined && expectedCurrent !== version - 1) throw staleVersion(version - 1);
  await tx.query(
    `INSERT INTO narratives (tenant_id, narrative_id, version, dictation_id, template, template_version, engine, engine_version,
                             source_event_id, content_bucket, content_key, sha256, sentence_count, missing_elements, created_at, drafting)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      row.tenantId,
      row.narrativeId,
      version,
      row.dictationId,
      row.template,
      row.templateVersion,
      row.engine,
      row.engineVersion,
      row.sourceEventId,
      row.contentRef.bucket,
      row.contentRef.key,
      row.sha256,
      row.sentenceCount,
      row.missingElements,
      row.createdAt,
      row.drafting === undefined ? null : JSON.stringify(row.drafting),
    ],
  );
  return version;
}

/** All versions of a dictation's narrative, newest first (RLS scopes to the transaction's tenant). */
export async function listVersions(tx: Queryable, dictationId: string): Promise<NarrativeVersionRow[]> {
  const { rows } = await tx.query<Record<string, unknown>>('SELECT * FROM narratives WHERE dictation_id = $1 ORDER BY version DESC', [
    dictationId,
  ]);
  return rows.map(rowOf);
}

/**
 * The latest version of each of the tenant's narratives, newest first, at most `limit` (RLS scopes
 * to the transaction's tenant). The version number is also how many versions the narrative has.
 */
export async function listLatestVersions(tx: Queryable, limit: number): Promise<NarrativeVersionRow[]> {
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT * FROM narratives n
      WHERE version = (SELECT MAX(version) FROM narratives m WHERE m.narrative_id = n.narrative_id)
      ORDER BY created_at DESC, narrative_id
      LIMIT $1`,
    [limit],
  );
  return rows.map(rowOf);
}

function rowOf(r: Record<string, unknown>): NarrativeVersionRow {
  return {
    tenantId: String(r.tenant_id),
    narrativeId: String(r.narrative_id),
    version: Number(r.version),
    dictationId: String(r.dictation_id),
    template: r.template as NarrativeTemplate,
    templateVersion: Number(r.template_version),
    engine: r.engine as ScribeEngine,
    engineVersion: String(r.engine_version),
    sourceEventId: String(r.source_event_id),
    contentRef: { tenantId: String(r.tenant_id), bucket: r.content_bucket as ObjectRef['bucket'], key: String(r.content_key) },
    sha256: String(r.sha256),
    sentenceCount: Number(r.sentence_count),
    missingElements: r.missing_elements as NarrativeElementCode[],
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
    ...draftingOf(r.drafting),
  };
}

/** The stored lineage, read tolerantly: a row without one (or an unreadable one) has none. */
function draftingOf(value: unknown): { drafting?: NarrativeDrafting } {
  const parsed = NarrativeDraftingSchema.safeParse(typeof value === 'string' ? JSON.parse(value) : value);
  return parsed.success ? { drafting: parsed.data } : {};
}

/** 409 `version_conflict`: the edit or copy was based on a version that is no longer the latest. */
export function staleVersion(latest: number): AppError {
  return new AppError('version_conflict', `the narrative has changed: the latest version is ${latest}`, { status: 409 });
}

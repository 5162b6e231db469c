import type { NarrativeDrafter, NarrativeTemplate, ScribeEngine } from '@medicdraft/contracts';
import type { Queryable } from '@medicdraft/platform';

/** One copied version's distance from the first draft and the labels it is reported by (no text). */
export interface CopyDistanceRow {
  tenantId: string;
  narrativeId: string;
  /** The copied version. */
  version: number;
  dictationId: string;
  /** The draft it is measured against: the narrative's first generated version. */
  firstVersion: number;
  template: NarrativeTemplate;
  templateVersion: number;
  engine: ScribeEngine;
  engineVersion: string;
  /** Who drafted the first version; `unknown` for versions stored before the lineage was recorded. */
  drafter: NarrativeDrafter | 'unknown';
  promptVersion: string | null;
  providerId: string;
  distance: number;
  copiedAt: string;
}

/**
 * Records the distance of a copied version once: a second copy of the same version (another
 * format, a retry) measures the same two texts, so it is not counted again. True when inserted.
 */
export async function recordCopyDistance(tx: Queryable, row: CopyDistanceRow): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO copy_edit_distances (tenant_id, narrative_id, version, dictation_id, first_version, template, template_version,
                                      engine, engine_version, drafter, prompt_version, provider_id, distance, copied_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (tenant_id, narrative_id, version) DO NOTHING`,
    [
      row.tenantId,
      row.narrativeId,
      row.version,
      row.dictationId,
      row.firstVersion,
      row.template,
      row.templateVersion,
      row.engine,
      row.engineVersion,
      row.drafter,
      row.promptVersion,
      row.providerId,
      row.distance,
      row.copiedAt,
    ],
  );
  return rowCount > 0;
}

/**
 * The distance of every narrative copied since `since`, one per narrative: its last copied version
 * (what ended up in the ePCR). RLS scopes to the transaction's tenant.
 */
export async function latestCopyDistancesSince(tx: Queryable, since: string): Promise<CopyDistanceRow[]> {
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT DISTINCT ON (narrative_id) * FROM copy_edit_distances WHERE copied_at >= $1 ORDER BY narrative_id, version DESC`,
    [since],
  );
  return rows.map((r) => ({
    tenantId: String(r.tenant_id),
    narrativeId: String(r.narrative_id),
    version: Number(r.version),
    dictationId: String(r.dictation_id),
    firstVersion: Number(r.first_version),
    template: r.template as NarrativeTemplate,
    templateVersion: Number(r.template_version),
    engine: r.engine as ScribeEngine,
    engineVersion: String(r.engine_version),
    drafter: r.drafter as CopyDistanceRow['drafter'],
    promptVersion: r.prompt_version === null ? null : String(r.prompt_version),
    providerId: String(r.provider_id),
    distance: Number(r.distance),
    copiedAt: r.copied_at instanceof Date ? r.copied_at.toISOString() : String(r.copied_at),
  }));
}

import { QaAnchorSchema, type QaSeverity, type Role } from '@medicdraft/contracts';
import { advisoryKey, type ObjectRef, type Queryable } from '@medicdraft/platform';
import type { QaReviewAction, QaReviewStep } from './qa-review-machine.js';

/** A stored step with where its comment's text is (comments only). */
export interface StoredQaStep extends QaReviewStep {
  textRef?: ObjectRef;
}

interface Row {
  tenant_id: string;
  seq: number;
  action: QaReviewAction;
  version: number;
  actor_id: string;
  actor_role: Role;
  created_at: Date | string;
  comment_id: string | null;
  severity: QaSeverity | null;
  anchor: unknown;
  text_bucket: string | null;
  text_key: string | null;
}

const toStep = (r: Row): StoredQaStep => ({
  seq: Number(r.seq),
  action: r.action,
  version: Number(r.version),
  actorId: r.actor_id,
  actorRole: r.actor_role,
  at: new Date(r.created_at).toISOString(),
  ...(r.comment_id === null || r.severity === null
    ? {}
    : { comment: { commentId: r.comment_id, severity: r.severity, anchor: QaAnchorSchema.parse(r.anchor) } }),
  ...(r.text_bucket === null || r.text_key === null
    ? {}
    : { textRef: { tenantId: r.tenant_id, bucket: r.text_bucket as ObjectRef['bucket'], key: r.text_key } }),
});

/**
 * The review's steps in order, inside the caller's `withTenant` transaction. With `lock`, a
 * transaction-scoped advisory lock first serialises writers of this dictation's review, so the
 * state a step is decided on is the state it is appended to.
 */
export async function reviewSteps(tx: Queryable, tenantId: string, dictationId: string, lock = false): Promise<StoredQaStep[]> {
  if (lock) await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey(`qa-review:${tenantId}:${dictationId}`)]);
  const { rows } = await tx.query<Row>('SELECT * FROM review_steps WHERE dictation_id = $1 ORDER BY seq', [dictationId]);
  return rows.map(toStep);
}

export async function appendReviewStep(
  tx: Queryable,
  step: StoredQaStep & { tenantId: string; dictationId: string; narrativeId: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO review_steps (tenant_id, dictation_id, seq, narrative_id, action, version, actor_id, actor_role, created_at,
       comment_id, severity, anchor, text_bucket, text_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)`,
    [
      step.tenantId,
      step.dictationId,
      step.seq,
      step.narrativeId,
      step.action,
      step.version,
      step.actorId,
      step.actorRole,
      step.at,
      step.comment?.commentId ?? null,
      step.comment?.severity ?? null,
      step.comment === undefined ? null : JSON.stringify(step.comment.anchor),
      step.textRef?.bucket ?? null,
      step.textRef?.key ?? null,
    ],
  );
}

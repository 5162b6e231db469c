import {
  type DomainEvent,
  type MediaFormat,
  type QaReviewState,
  type ScribeFailureReason,
  type StoredDictationStatus,
  toRecord,
} from '@medicdraft/contracts';
import { appendToOutbox, type ObjectRef, type Queryable } from '@medicdraft/platform';
import type { LifecycleState } from './lifecycle/dictation-lifecycle.js';

/** A stored dictation's metadata (never its content). */
export interface DictationRecord {
  tenantId: string;
  id: string;
  providerId: string;
  kind: 'audio' | 'text';
  format: MediaFormat | 'text';
  synthetic: boolean;
  status: 'stored' | 'deleted';
  sizeBytes: number;
  sha256: string;
  objectRef: ObjectRef;
  createdAt: Date;
  /** Where the current attempt is in the pipeline (`received` at intake); its failure code while `failed`. */
  lifecycle: StoredDictationStatus;
  lifecycleReason: ScribeFailureReason | null;
}

interface DictationRow {
  tenant_id: string;
  id: string;
  provider_id: string;
  kind: DictationRecord['kind'];
  format: DictationRecord['format'];
  synthetic: boolean;
  status: DictationRecord['status'];
  size_bytes: string | number;
  sha256: string;
  object_bucket: ObjectRef['bucket'];
  object_key: string;
  created_at: Date | string;
  lifecycle: StoredDictationStatus;
  lifecycle_reason: ScribeFailureReason | null;
}

const INSERTED = 'tenant_id, id, provider_id, kind, format, synthetic, status, size_bytes, sha256, object_bucket, object_key, created_at';
const COLUMNS = `${INSERTED}, lifecycle, lifecycle_reason`;

function fromRow(r: DictationRow): DictationRecord {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    providerId: r.provider_id,
    kind: r.kind,
    format: r.format,
    synthetic: r.synthetic,
    status: r.status,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    objectRef: { tenantId: r.tenant_id, bucket: r.object_bucket, key: r.object_key },
    createdAt: new Date(r.created_at),
    lifecycle: r.lifecycle,
    lifecycleReason: r.lifecycle_reason,
  };
}

/**
 * Records a dictation and its `dictation.*.created` event in the caller's `withTenant`
 * transaction: both commit or neither does (transactional outbox). The row is inserted first so
 * the outbox order follows the entity's commit order (outbox-writer.ts).
 */
export async function insertDictation(tx: Queryable, d: DictationRecord, event: DomainEvent): Promise<void> {
  await tx.query(`INSERT INTO dictations (${INSERTED}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
    d.tenantId,
    d.id,
    d.providerId,
    d.kind,
    d.format,
    d.synthetic,
    d.status,
    d.sizeBytes,
    d.sha256,
    d.objectRef.bucket,
    d.objectRef.key,
    d.createdAt.toISOString(),
  ]);
  const incidentKey = (event.payload as { incidentKey?: unknown }).incidentKey;
  if (typeof incidentKey === 'string') await tx.query('UPDATE dictations SET incident_key = $2 WHERE id = $1', [d.id, incidentKey]);
  await appendToOutbox(tx, [toRecord(event)]);
}

/** The dictation's current incident key (locked for the correction that reads it); undefined: none known. */
export async function lockIncidentKey(tx: Queryable, id: string): Promise<{ incidentKey: string | null } | undefined> {
  const { rows } = await tx.query<{ incident_key: string | null }>('SELECT incident_key FROM dictations WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] === undefined ? undefined : { incidentKey: rows[0].incident_key };
}

export interface IncidentCorrectionRow {
  tenantId: string;
  eventId: string;
  dictationId: string;
  previousKey: string | null;
  incidentKey: string;
  reason: string;
  actorId: string;
  actorRole: string;
  correctedAt: Date;
}

/** Records a correction (with its reason), moves the dictation to the new key and queues its event, in one transaction. */
export async function recordIncidentCorrection(tx: Queryable, c: IncidentCorrectionRow, event: DomainEvent): Promise<void> {
  await tx.query(
    `INSERT INTO incident_corrections
       (tenant_id, event_id, dictation_id, previous_key, incident_key, reason, actor_id, actor_role, corrected_at)
     VALUES ($9, $1, $2, $3, $4, $5, $6, $7, $8)`,
    [c.eventId, c.dictationId, c.previousKey, c.incidentKey, c.reason, c.actorId, c.actorRole, c.correctedAt.toISOString(), c.tenantId],
  );
  await tx.query('UPDATE dictations SET incident_key = $2 WHERE id = $1', [c.dictationId, c.incidentKey]);
  await appendToOutbox(tx, [toRecord(event)]);
}

/** The dictation with this id, as far as the transaction's tenant may see it (RLS). */
export async function findDictation(tx: Queryable, id: string): Promise<DictationRecord | undefined> {
  const { rows } = await tx.query<DictationRow>(`SELECT ${COLUMNS} FROM dictations WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : fromRow(rows[0]);
}

/**
 * Serialises intakes of the same content by the same provider (a transaction-scoped advisory lock
 * on the tenant, provider and digest), so two copies sent at once cannot both become dictations.
 */
export async function lockContent(tx: Queryable, d: Pick<DictationRecord, 'tenantId' | 'providerId' | 'sha256'>): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${d.tenantId}:${d.providerId}:${d.sha256}`]);
}

/**
 * The provider's newest stored (not deleted) dictation of this kind with this content created
 * after `since`, or undefined. A deleted one no longer holds the content, so it never absorbs a resend.
 */
export async function findRecentDuplicate(
  tx: Queryable,
  d: Pick<DictationRecord, 'providerId' | 'sha256' | 'kind'>,
  since: Date,
): Promise<DictationRecord | undefined> {
  const { rows } = await tx.query<DictationRow>(
    `SELECT ${COLUMNS} FROM dictations
      WHERE provider_id = $1 AND sha256 = $2 AND kind = $3 AND status = 'stored' AND created_at > $4
      ORDER BY created_at DESC LIMIT 1`,
    [d.providerId, d.sha256, d.kind, since.toISOString()],
  );
  return rows[0] === undefined ? undefined : fromRow(rows[0]);
}

/** Position after which a page continues: the last row's (createdAt, id), newest first. */
export interface DictationCursor {
  createdAt: Date;
  id: string;
}

/** Rows of one displayed status (lifecycle/dictation-status-view.ts `rowFilterFor`). */
export type DictationRowFilter =
  { storage: 'deleted' } | { storage: 'stored'; lifecycle: readonly StoredDictationStatus[]; kinds: readonly DictationRecord['kind'][] };

/**
 * A page of the transaction tenant's dictations, newest first (ties broken by id), optionally
 * only one provider's. Keyset pagination: a row inserted meanwhile never shifts a later page.
 */
export async function listDictations(
  tx: Queryable,
  opts: {
    providerId?: string | undefined;
    limit: number;
    after?: DictationCursor | undefined;
    status?: DictationRowFilter | undefined;
    reviewState?: QaReviewState | undefined;
  },
): Promise<DictationRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.providerId !== undefined) {
    params.push(opts.providerId);
    where.push(`provider_id = $${params.length}`);
  }
  const f = opts.status;
  if (f !== undefined && f.storage === 'deleted') where.push(`status = 'deleted'`);
  if (f !== undefined && f.storage === 'stored') {
    params.push(f.lifecycle, f.kinds);
    where.push(`status = 'stored' AND lifecycle = ANY($${params.length - 1}::text[]) AND kind = ANY($${params.length}::text[])`);
  }
  if (opts.reviewState !== undefined) {
    params.push(opts.reviewState);
    where.push(`review_state = $${params.length}`);
  }
  if (opts.after !== undefined) {
    params.push(opts.after.createdAt.toISOString(), opts.after.id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(opts.limit);
  const { rows } = await tx.query<DictationRow>(
    `SELECT ${COLUMNS} FROM dictations ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ` +
      `ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(fromRow);
}

/**
 * Counts one more attempt of a stored dictation and queues its `dictation.reprocess.requested`
 * (built by `eventFor` from the new attempt number) in the caller's transaction. The row lock of
 * the UPDATE numbers concurrent requests one after the other. Undefined when the dictation is not
 * stored or already has `maxAttempts`.
 */
export async function recordReprocessRequest(
  tx: Queryable,
  id: string,
  maxAttempts: number,
  eventFor: (attempt: number) => DomainEvent,
): Promise<number | undefined> {
  // A new attempt starts at `received` (the lifecycle's reprocess transition).
  const { rows } = await tx.query<{ attempts: number }>(
    `UPDATE dictations SET attempts = attempts + 1, lifecycle = 'received', lifecycle_reason = NULL, lifecycle_at = now()
      WHERE id = $1 AND status = 'stored' AND attempts < $2 RETURNING attempts`,
    [id, maxAttempts],
  );
  const attempt = rows[0]?.attempts;
  if (attempt === undefined) return undefined;
  const event = eventFor(attempt);
  await appendToOutbox(tx, [toRecord(event)]);
  return attempt;
}

/** Marks a dictation deleted (its objects are gone); false when it was not `stored`. */
export async function markDictationDeleted(tx: Queryable, id: string, at: Date): Promise<boolean> {
  const { rowCount } = await tx.query(`UPDATE dictations SET status = 'deleted', deleted_at = $2 WHERE id = $1 AND status = 'stored'`, [
    id,
    at.toISOString(),
  ]);
  return rowCount === 1;
}

/**
 * The stored lifecycle of a dictation, locked for the update that follows (lifecycle-consumer.ts).
 * The same statement first marks the event handled (`processed_events`, as `processOnce` does:
 * a concurrent duplicate waits on the key until the first commits), so the dedupe costs no round
 * trip of its own; an event handled before, like a dictation ingest does not hold, yields undefined.
 */
export async function lockLifecycle(
  tx: Queryable,
  id: string,
  once: { consumer: string; eventId: string; tenantId: string },
): Promise<LifecycleState | undefined> {
  const columns = 'lifecycle, lifecycle_reason, attempts, narrative_version, copied_version';
  const { rows } = await tx.query<{
    lifecycle: StoredDictationStatus;
    lifecycle_reason: ScribeFailureReason | null;
    attempts: number;
    narrative_version: number;
    copied_version: number;
  }>(
    `WITH mark AS (INSERT INTO processed_events (consumer, event_id, tenant_id) VALUES ($2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1)
     SELECT ${columns} FROM dictations WHERE id = $1 AND status = 'stored' AND EXISTS (SELECT 1 FROM mark) FOR UPDATE OF dictations`,
    [id, once.consumer, once.eventId, once.tenantId],
  );
  const r = rows[0];
  return r === undefined
    ? undefined
    : {
        status: r.lifecycle,
        reason: r.lifecycle_reason,
        attempt: r.attempts,
        narrativeVersion: r.narrative_version,
        copiedVersion: r.copied_version,
      };
}

/** Stores a lifecycle computed from the locked one (the attempt is ingest's own and is not written here). */
export async function storeLifecycle(tx: Queryable, id: string, s: LifecycleState, at: Date): Promise<void> {
  await tx.query(
    `UPDATE dictations SET lifecycle = $2, lifecycle_reason = $3, narrative_version = $4, copied_version = $5, lifecycle_at = $6
      WHERE id = $1`,
    [id, s.status, s.reason, s.narrativeVersion, s.copiedVersion, at.toISOString()],
  );
}

/**
 * The dictation's review state, locked, once per event (the same dedupe mark as the lifecycle's):
 * undefined when the event was seen before or the dictation is not this service's.
 */
export async function lockReviewState(
  tx: Queryable,
  id: string,
  once: { consumer: string; eventId: string; tenantId: string },
): Promise<QaReviewState | undefined> {
  const { rows } = await tx.query<{ review_state: QaReviewState }>(
    `WITH mark AS (INSERT INTO processed_events (consumer, event_id, tenant_id) VALUES ($2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1)
     SELECT review_state FROM dictations WHERE id = $1 AND EXISTS (SELECT 1 FROM mark) FOR UPDATE OF dictations`,
    [id, once.consumer, once.eventId, once.tenantId],
  );
  return rows[0]?.review_state;
}

export async function storeReviewState(tx: Queryable, id: string, state: QaReviewState): Promise<void> {
  await tx.query('UPDATE dictations SET review_state = $2 WHERE id = $1', [id, state]);
}

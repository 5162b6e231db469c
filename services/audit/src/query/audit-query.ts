import { createPublicKey } from 'node:crypto';
import type { AuditPage, AuditRecordView, CheckpointView, InclusionProofView } from '@medicdraft/contracts';
import { AppError, NotFoundError, type Database, type Queryable } from '@medicdraft/platform';
import { inclusionProof, verifyInclusion } from '../chain/merkle-proofs.js';
import { leafHash } from '../chain/merkle-tree.js';
import { checkpointFromRow } from '../checkpoint/checkpoint-store.js';
import { checkpointSignatureValid } from '../checkpoint/checkpoint-signature.js';

export interface AuditListQuery {
  /** Records with a larger sequence number than this (the previous page's `nextAfter`). */
  after?: number | undefined;
  limit: number;
  types?: readonly string[] | undefined;
  /** Inclusive lower and exclusive upper bound on `occurredAt`. */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Records naming this dictation. */
  dictationId?: string | undefined;
  /** Records naming a dictation whose `dictation.*.created` event carried this keyed incident hash. */
  incidentKey?: string | undefined;
  /** Records whose actor is this user id or service name. */
  actorId?: string | undefined;
}

export type { AuditPage, AuditRecordView, CheckpointView, InclusionProofView } from '@medicdraft/contracts';

/**
 * Read side of the audit store for the gateway (served as contracts' `auditApi` by audit-api.ts).
 * Contract: every call runs in a `withTenant` transaction, so RLS decides what exists — another
 * tenant's event is "not found", never an error that tells it apart; only chained rows are shown
 * (legacy rows predating the chain have no sequence); a checkpoint or proof is returned only
 * after its signature (and the proof itself) verified here, so a tampered store answers an error
 * rather than a proof that fails later. Read-only: nothing here writes, and the role cannot.
 */
export interface AuditQuery {
  list(tenantId: string, query: AuditListQuery): Promise<AuditPage>;
  latestCheckpoint(tenantId: string): Promise<CheckpointView>;
  proof(tenantId: string, eventId: string): Promise<InclusionProofView>;
}

/** The store answered something its own signatures or proofs disown (tampering or a bug). */
class AuditIntegrityError extends AppError {
  constructor(what: string) {
    super('audit_integrity', `${what} failed verification`, { status: 500 });
  }
}

interface EventRow {
  seq: string;
  event_id: string;
  event_type: string;
  event_version: number;
  occurred_at: Date | string;
  recorded_at: Date | string;
  actor_type: string;
  actor_id: string;
  actor_role: string | null;
  correlation_id: string;
  causation_id: string | null;
  resource_ids: Record<string, string> | null;
  service: string;
  source_address: string | null;
  outcome: string;
  outcome_detail: string | null;
  prev_hash: string;
  hash: string;
}

function toView(r: EventRow): AuditRecordView {
  const { object: _object, ...ids } = r.resource_ids ?? {};
  return {
    seq: Number(r.seq),
    eventId: r.event_id,
    type: r.event_type,
    version: r.event_version,
    occurredAt: new Date(r.occurred_at).toISOString(),
    recordedAt: new Date(r.recorded_at).toISOString(),
    actor: { type: r.actor_type, id: r.actor_id, role: r.actor_role },
    correlationId: r.correlation_id,
    causationId: r.causation_id,
    resourceIds: ids,
    service: r.service,
    sourceAddress: r.source_address,
    outcome: r.outcome,
    outcomeDetail: r.outcome_detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The latest checkpoint of the transaction's tenant, or the smallest that covers record `covering`; signature checked. */
async function verifiedCheckpoint(tx: Queryable, covering?: number): Promise<CheckpointView | undefined> {
  const { rows } = await tx.query<Parameters<typeof checkpointFromRow>[0] & { public_key_pem: string | null }>(
    `SELECT c.tenant_id, c.tree_size, c.root_hash, c.key_id, c.algorithm, c.signature, c.issued_at, k.public_key_pem
       FROM checkpoints c LEFT JOIN signing_keys k ON k.key_id = c.key_id
      ${covering === undefined ? 'ORDER BY c.tree_size DESC' : 'WHERE c.tree_size >= $1 ORDER BY c.tree_size ASC'} LIMIT 1`,
    covering === undefined ? [] : [covering],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const cp = checkpointFromRow(row);
  if (row.public_key_pem === null || !checkpointSignatureValid(cp, createPublicKey(row.public_key_pem)))
    throw new AuditIntegrityError('the checkpoint signature');
  return { ...cp, publicKeyPem: row.public_key_pem };
}

export function createAuditQuery(deps: { db: Database }): AuditQuery {
  const { db } = deps;
  return {
    async list(tenantId, q) {
      const where = ['seq IS NOT NULL', 'seq > $1'];
      const params: unknown[] = [q.after ?? 0];
      if (q.types !== undefined && q.types.length > 0) where.push(`event_type = ANY($${params.push([...q.types])}::text[])`);
      if (q.from !== undefined) where.push(`occurred_at >= $${params.push(q.from.toISOString())}`);
      if (q.to !== undefined) where.push(`occurred_at < $${params.push(q.to.toISOString())}`);
      if (q.dictationId !== undefined) where.push(`resource_ids->>'dictationId' = $${params.push(q.dictationId)}`);
      if (q.incidentKey !== undefined) {
        // A dictation belongs to the incident its latest key names (intake's, or the last correction's);
        // the report of a key a correction replaced shows that correction.
        const key = params.push(q.incidentKey);
        where.push(
          `(resource_ids->>'dictationId' IN (
              SELECT k.dictation_id FROM (
                SELECT DISTINCT ON (c.resource_ids->>'dictationId') c.resource_ids->>'dictationId' AS dictation_id,
                       c.resource_ids->>'incidentKey' AS incident_key
                  FROM events c
                 WHERE c.seq IS NOT NULL AND c.resource_ids ? 'incidentKey'
                   AND c.event_type IN ('dictation.audio.created', 'dictation.text.created', 'dictation.incident.corrected')
                 ORDER BY c.resource_ids->>'dictationId', c.seq DESC) k
               WHERE k.incident_key = $${key})
            OR (event_type = 'dictation.incident.corrected' AND resource_ids->>'previousIncidentKey' = $${key}))`,
        );
      }
      if (q.actorId !== undefined) where.push(`actor_id = $${params.push(q.actorId)}`);
      const limit = params.push(q.limit + 1);
      const { rows } = await db.withTenant(tenantId, (tx) =>
        tx.query<EventRow>(
          `SELECT seq, event_id, event_type, event_version, occurred_at, recorded_at, actor_type, actor_id, actor_role, correlation_id,
                causation_id, resource_ids, service, source_address, outcome, outcome_detail, prev_hash, hash
           FROM events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${limit}`,
          params,
        ),
      );
      const records = rows.slice(0, q.limit).map(toView);
      const last = records.at(-1);
      return rows.length > q.limit && last !== undefined ? { records, nextAfter: last.seq } : { records };
    },

    async latestCheckpoint(tenantId) {
      const cp = await db.withTenant(tenantId, (tx) => verifiedCheckpoint(tx));
      if (cp === undefined) throw new NotFoundError('no signed checkpoint yet');
      return cp;
    },

    async proof(tenantId, eventId) {
      return db.withTenant(tenantId, async (tx) => {
        const { rows } = await tx.query<{ seq: string; hash: string }>(
          'SELECT seq, hash FROM events WHERE event_id = $1 AND seq IS NOT NULL',
          [eventId],
        );
        const located = rows[0];
        if (located === undefined) throw new NotFoundError('audit event not found');
        const seq = Number(located.seq);
        // The smallest signed tree that holds the event: the least to read, and what the CLI proves too.
        const cp = await verifiedCheckpoint(tx, seq);
        if (cp === undefined) throw new NotFoundError('the event is not covered by a signed checkpoint yet');
        const leaves = (
          await tx.query<{ hash: string }>('SELECT hash FROM events WHERE seq BETWEEN 1 AND $1 ORDER BY seq', [cp.treeSize])
        ).rows.map((r) => leafHash(Buffer.from(r.hash, 'hex')));
        if (leaves.length !== cp.treeSize) throw new AuditIntegrityError('the chain under the checkpoint');
        const path = inclusionProof(leaves, seq - 1, cp.treeSize);
        if (!verifyInclusion(leafHash(Buffer.from(located.hash, 'hex')), seq - 1, cp.treeSize, path, Buffer.from(cp.rootHash, 'hex'))) {
          throw new AuditIntegrityError('the inclusion proof');
        }
        return { eventId, leafIndex: seq - 1, chainHash: located.hash, checkpoint: cp, inclusionPath: path.map((h) => h.toString('hex')) };
      });
    },
  };
}

import { advisoryKey, canonicalJson, type Database, type Queryable } from '@medicdraft/platform';
import type { AuditRecord } from './audit-record.js';
import { chainHash, GENESIS_HASH } from './chain/chain-hash.js';

/** A record as appended: its place in the tenant's chain. */
export interface AppendedLink {
  eventId: string;
  seq: number;
  hash: string;
}

/** Key of the per-tenant advisory lock every appender of a tenant's chain holds until commit. */
function chainLockKey(tenantId: string): string {
  return advisoryKey(`medicdraft.audit.chain.${tenantId}`);
}

/**
 * Appends records of one tenant to its hash chain in one transaction, and returns the links it
 * created (records whose event id is already stored, or repeated in the batch, are skipped, which
 * makes redelivery harmless).
 *
 * No forks: the transaction first takes the tenant's advisory lock, so the head it reads (highest
 * seq) is final until it commits, and any number of audit instances append one after another. A
 * unique (tenant_id, seq) index backs this up: a second writer that skipped the lock would fail
 * instead of forking. Because seqs are assigned under the lock, every seq ≤ the highest committed
 * one is committed, which lets readers (checkpointer, mirror) page by seq without gaps.
 */
export async function appendAuditRecords(db: Database, tenantId: string, records: readonly AuditRecord[]): Promise<AppendedLink[]> {
  if (records.length === 0) return [];
  let known = committedHeads.get(db);
  if (!known) committedHeads.set(db, (known = new Map()));
  const links = await db.withTenant(tenantId, (tx) => appendInTransaction(tx, tenantId, records, known.get(tenantId)));
  const last = links.at(-1);
  // Only after the commit: a hint must be a seq that is durably in the chain.
  if (last && last.seq > (known.get(tenantId) ?? 0)) known.set(tenantId, last.seq);
  return links;
}

/**
 * Per database handle and tenant, the highest seq this process saw committed: where the next
 * head search starts. Only ever a lower bound of the real head (rows are never removed, seqs
 * only grow), so another instance appending in between costs a few more rows read, never a fork.
 */
const committedHeads = new WeakMap<Database, Map<string, number>>();

interface ChainState {
  existing: string[] | null;
  seq: string | null;
  hash: string | null;
}

/** Which of `ids` are stored, and the head (highest seq ≥ fromSeq), in one round trip. */
async function readChainState(tx: Queryable, tenantId: string, ids: readonly string[], fromSeq: number): Promise<ChainState> {
  const { rows } = await tx.query<ChainState>(
    // Dedupe as one primary-key probe per id (a lateral LIMIT 1 plans as exactly that), not a
    // filter over the tenant's rows, which is what an un-analysed table's estimates pick for ANY().
    `SELECT (SELECT array_agg(i.id::text) FROM unnest($2::uuid[]) AS i(id)
               CROSS JOIN LATERAL (SELECT 1 FROM events WHERE tenant_id = $1 AND event_id = i.id LIMIT 1) AS hit) AS existing, h.seq, h.hash
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT seq, hash FROM events WHERE tenant_id = $1 AND seq >= $3 ORDER BY seq DESC LIMIT 1) AS h ON true`,
    [tenantId, ids, fromSeq],
  );
  return rows[0] ?? { existing: null, seq: null, hash: null };
}

/** `fromSeq`: a seq known to be committed in this tenant's chain (see committedHeads); a hint only. */
async function appendInTransaction(
  tx: Queryable,
  tenantId: string,
  records: readonly AuditRecord[],
  fromSeq?: number,
): Promise<AppendedLink[]> {
  // The lock is its own statement: a statement's snapshot is taken when it starts, so reads in
  // the same statement as the lock could miss the previous holder's commit and fork the chain.
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [chainLockKey(tenantId)]);
  const ids = [...new Set(records.map((r) => r.eventId))];
  // The head search starts at the hint, so it reads the rows appended since rather than the
  // whole chain, whatever plan stale statistics lead to. Nothing at or above the hint (another
  // database behind the same handle?) falls back to a search from seq 1.
  let state = await readChainState(tx, tenantId, ids, fromSeq ?? 1);
  if (state.seq === null && fromSeq !== undefined && fromSeq > 1) state = await readChainState(tx, tenantId, ids, 1);
  const seen = new Set(state.existing ?? []);
  const fresh: AuditRecord[] = [];
  for (const r of records) {
    if (r.tenantId !== tenantId) throw new TypeError('record of another tenant in the batch');
    if (seen.has(r.eventId)) continue;
    seen.add(r.eventId);
    fresh.push(r);
  }
  if (fresh.length === 0) return [];
  let seq = state.seq === null ? 0 : Number(state.seq);
  let prev = state.hash ?? GENESIS_HASH;
  const prevs: string[] = [];
  const links: AppendedLink[] = [];
  const canon: string[] = [];
  for (const r of fresh) {
    const c = canonicalJson(r.event);
    const hash = chainHash(prev, c);
    prevs.push(prev);
    canon.push(c);
    links.push({ eventId: r.eventId, seq: ++seq, hash });
    prev = hash;
  }
  // One JSON parameter for the whole batch: node-postgres serialises a text array element by
  // element with escaping (22 of them cost more CPU than hashing), JSON.stringify is native.
  // The canonical text is sent once and stored twice: as the hashed bytes (event_text) and parsed
  // into the queryable jsonb (event), so the two cannot differ at append.
  const rows = fresh.map((r, i) => {
    const link = links[i] as AppendedLink;
    return {
      tenant_id: r.tenantId,
      event_id: r.eventId,
      event_type: r.eventType,
      event_version: r.eventVersion,
      occurred_at: r.occurredAt,
      actor_type: r.actorType,
      actor_id: r.actorId,
      actor_role: r.actorRole,
      correlation_id: r.correlationId,
      causation_id: r.causationId,
      source_topic: r.sourceTopic,
      source_partition: r.sourcePartition,
      source_offset: r.sourceOffset,
      c: canon[i],
      seq: link.seq,
      prev_hash: prevs[i],
      hash: link.hash,
      resource_ids: r.resourceIds,
      service: r.service,
      source_address: r.sourceAddress,
      outcome: r.outcome,
      outcome_detail: r.outcomeDetail,
    };
  });
  await tx.query(
    `INSERT INTO events (tenant_id, event_id, event_type, event_version, occurred_at, actor_type, actor_id, actor_role,
                         correlation_id, causation_id, source_topic, source_partition, source_offset, event, event_text,
                         seq, prev_hash, hash, resource_ids, service, source_address, outcome, outcome_detail)
     SELECT tenant_id, event_id, event_type, event_version, occurred_at, actor_type, actor_id, actor_role,
            correlation_id, causation_id, source_topic, source_partition, source_offset, c::jsonb, c,
            seq, prev_hash, hash, resource_ids, service, source_address, outcome, outcome_detail
       FROM json_to_recordset($1::json) AS r(tenant_id text, event_id uuid, event_type text, event_version int, occurred_at timestamptz,
            actor_type text, actor_id text, actor_role text, correlation_id uuid, causation_id uuid, source_topic text,
            source_partition int, source_offset bigint, c text, seq bigint, prev_hash text, hash text, resource_ids jsonb,
            service text, source_address text, outcome text, outcome_detail text)`,
    [JSON.stringify(rows)],
  );
  return links;
}

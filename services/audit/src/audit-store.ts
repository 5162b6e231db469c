import { advisoryKey, type Database, type Queryable } from '@medicdraft/platform';
import type { AuditRecord } from './audit-record.js';
import { canonicalJson } from './chain/canonical-json.js';
import { chainHash, GENESIS_HASH } from './chain/chain-hash.js';

/** A record as appended: its place in the tenant's chain. */
export interface AppendedLink {
  eventId: string;
  seq: number;
  hash: string;
}

/** Key of the per-tenant advisory lock every appender of a tenant's chain holds until commit. */
export function chainLockKey(tenantId: string): string {
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
export async function appendInTransaction(tx: Queryable, tenantId: string, records: readonly AuditRecord[], fromSeq?: number): Promise<AppendedLink[]> {
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
  // The canonical text is sent once and stored twice: as the hashed bytes (event_text) and parsed
  // into the queryable jsonb (event), so the two cannot differ at append.
  await tx.query(
    `INSERT INTO events (tenant_id, event_id, event_type, event_version, occurred_at, actor_type, actor_id, actor_role,
                         correlation_id, causation_id, source_topic, source_partition, source_offset, event, event_text,
                         seq, prev_hash, hash, resource_ids, service, source_address, outcome, outcome_detail)
     SELECT tenant_id, event_id, event_type, event_version, occurred_at, actor_type, actor_id, actor_role,
            correlation_id, causation_id, source_topic, source_partition, source_offset, c::jsonb, c,
            seq, prev_hash, hash, resource_ids, service, source_address, outcome, outcome_detail
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::text[], $7::text[], $8::text[],
                   $9::uuid[], $10::uuid[], $11::text[], $12::int[], $13::bigint[], $14::text[],
                   $15::bigint[], $16::text[], $17::text[], $18::jsonb[], $19::text[], $20::text[], $21::text[], $22::text[])
         AS r(tenant_id, event_id, event_type, event_version, occurred_at, actor_type, actor_id, actor_role,
              correlation_id, causation_id, source_topic, source_partition, source_offset, c,
              seq, prev_hash, hash, resource_ids, service, source_address, outcome, outcome_detail)`,
    [
      fresh.map((r) => r.tenantId),
      fresh.map((r) => r.eventId),
      fresh.map((r) => r.eventType),
      fresh.map((r) => r.eventVersion),
      fresh.map((r) => r.occurredAt),
      fresh.map((r) => r.actorType),
      fresh.map((r) => r.actorId),
      fresh.map((r) => r.actorRole),
      fresh.map((r) => r.correlationId),
      fresh.map((r) => r.causationId),
      fresh.map((r) => r.sourceTopic),
      fresh.map((r) => r.sourcePartition),
      fresh.map((r) => r.sourceOffset),
      canon,
      links.map((l) => l.seq),
      prevs,
      links.map((l) => l.hash),
      fresh.map((r) => JSON.stringify(r.resourceIds)),
      fresh.map((r) => r.service),
      fresh.map((r) => r.sourceAddress),
      fresh.map((r) => r.outcome),
      fresh.map((r) => r.outcomeDetail),
    ],
  );
  return links;
}

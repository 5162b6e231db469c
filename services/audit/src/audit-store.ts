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
  return db.withTenant(tenantId, (tx) => appendInTransaction(tx, tenantId, records));
}

export async function appendInTransaction(tx: Queryable, tenantId: string, records: readonly AuditRecord[]): Promise<AppendedLink[]> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [chainLockKey(tenantId)]);
  const ids = [...new Set(records.map((r) => r.eventId))];
  const { rows: existing } = await tx.query<{ event_id: string }>('SELECT event_id FROM events WHERE tenant_id = $1 AND event_id = ANY($2::uuid[])', [tenantId, ids]);
  const seen = new Set(existing.map((r) => r.event_id));
  const fresh: AuditRecord[] = [];
  for (const r of records) {
    if (r.tenantId !== tenantId) throw new TypeError('record of another tenant in the batch');
    if (seen.has(r.eventId)) continue;
    seen.add(r.eventId);
    fresh.push(r);
  }
  if (fresh.length === 0) return [];
  const { rows: head } = await tx.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM events WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
    [tenantId],
  );
  let seq = head[0] ? Number(head[0].seq) : 0;
  let prev = head[0]?.hash ?? GENESIS_HASH;
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
  await tx.query(
    `INSERT INTO events (tenant_id, event_id, event_type, event_version, occurred_at, actor_type, actor_id, actor_role,
                         correlation_id, causation_id, source_topic, source_partition, source_offset, event,
                         seq, prev_hash, hash, resource_ids, service, source_address, outcome, outcome_detail)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::text[], $7::text[], $8::text[],
                          $9::uuid[], $10::uuid[], $11::text[], $12::int[], $13::bigint[], $14::jsonb[],
                          $15::bigint[], $16::text[], $17::text[], $18::jsonb[], $19::text[], $20::text[], $21::text[], $22::text[])`,
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

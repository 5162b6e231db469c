import type { Database } from '@medicdraft/platform';
import type { AuditRecord } from './audit-record.js';

/**
 * Appends records of one tenant in one transaction. Returns how many were new: a record whose
 * (tenant, event id) is already stored is skipped, which makes redelivery harmless.
 */
export async function appendAuditRecords(db: Database, tenantId: string, records: readonly AuditRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  return db.withTenant(tenantId, async (tx) => {
    const { rowCount } = await tx.query(
      `INSERT INTO events (tenant_id, event_id, event_type, event_version, occurred_at, actor_type, actor_id, actor_role,
                           correlation_id, causation_id, source_topic, source_partition, source_offset, event)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::text[], $7::text[], $8::text[],
                            $9::uuid[], $10::uuid[], $11::text[], $12::int[], $13::bigint[], $14::jsonb[])
       ON CONFLICT (tenant_id, event_id) DO NOTHING`,
      [
        records.map((r) => r.tenantId),
        records.map((r) => r.eventId),
        records.map((r) => r.eventType),
        records.map((r) => r.eventVersion),
        records.map((r) => r.occurredAt),
        records.map((r) => r.actorType),
        records.map((r) => r.actorId),
        records.map((r) => r.actorRole),
        records.map((r) => r.correlationId),
        records.map((r) => r.causationId),
        records.map((r) => r.sourceTopic),
        records.map((r) => r.sourcePartition),
        records.map((r) => r.sourceOffset),
        records.map((r) => JSON.stringify(r.event)),
      ],
    );
    return rowCount;
  });
}

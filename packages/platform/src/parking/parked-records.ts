import type { ConsumedRecord } from '../bus/event-bus.port.js';
import type { Database } from '../db/database.port.js';

/** A parked record as stored: the original record plus where it waits. */
export interface ParkedRecord {
  seq: string;
  tenantId: string;
  record: ConsumedRecord;
  reason: string;
  parkedAt: number;
}

/** Per tenant: how many records wait and since when (for metrics and resuming). */
export interface ParkedTenant {
  tenantId: string;
  count: number;
  oldestParkedAt: number;
}

interface Row {
  seq: string;
  tenant_id: string;
  topic: string;
  partition: number;
  record_offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string> | string;
  record_timestamp: string;
  reason: string;
  parked_at: Date | string;
}

/**
 * The `parked_records` table of one consumer (parking-migrations.ts), in the service's own schema.
 * Every method is one short transaction; callers order their effects around them.
 */
export interface ParkedRecords {
  /** Stores the record; true when stored now, false when it was parked before (a redelivery). */
  park(tenantId: string, record: ConsumedRecord, reason: string, at: number): Promise<boolean>;
  /** Whether records of the tenant with this record key (one dictation) wait. */
  hasAny(tenantId: string, key: string | null): Promise<boolean>;
  /** The tenant's next `limit` records after `afterSeq` ('0': from the start), in resume order. */
  head(tenantId: string, afterSeq: string, limit: number): Promise<ParkedRecord[]>;
  remove(tenantId: string, seq: string): Promise<void>;
  /** Every tenant with parked records of this consumer (cross-tenant read, counts only). */
  overview(): Promise<ParkedTenant[]>;
}

export function createParkedRecords(db: Database, consumer: string): ParkedRecords {
  return {
    async park(tenantId, record, reason, at) {
      return db.withTenant(tenantId, async (tx) => {
        const { rows } = await tx.query(
          `INSERT INTO parked_records (tenant_id, consumer, topic, partition, record_offset, key, value, headers, ` +
            `record_timestamp, reason, parked_at)
           VALUES ($1, $2, $3, $4, $5::bigint, $6, $7, $8::jsonb, $9::bigint, $10, to_timestamp($11::double precision / 1000))
           ON CONFLICT (consumer, topic, partition, record_offset) DO NOTHING RETURNING 1 AS parked`,
          [
            tenantId,
            consumer,
            record.topic,
            record.partition,
            record.offset,
            record.key,
            record.value,
            JSON.stringify(record.headers),
            Math.trunc(record.timestamp),
            reason,
            at,
          ],
        );
        return rows.length === 1;
      });
    },
    async hasAny(tenantId, key) {
      return db.withTenant(
        tenantId,
        async (tx) =>
          (await tx.query('SELECT 1 FROM parked_records WHERE consumer = $1 AND key IS NOT DISTINCT FROM $2 LIMIT 1', [consumer, key])).rows
            .length > 0,
      );
    },
    async head(tenantId, afterSeq, limit) {
      // ORDER BY the column, not the text alias of the same name, or 10 would sort before 9.
      const rows = await db.withTenant(
        tenantId,
        async (tx) =>
          (
            await tx.query<Row>(
              `SELECT seq::text AS seq, tenant_id, topic, partition, record_offset::text AS record_offset, key, value, headers,
                  record_timestamp::text AS record_timestamp, reason, parked_at
             FROM parked_records WHERE consumer = $1 AND parked_records.seq > $2::bigint ORDER BY parked_records.seq LIMIT $3`,
              [consumer, afterSeq, limit],
            )
          ).rows,
      );
      return rows.map(toParked);
    },
    async remove(tenantId, seq) {
      await db.withTenant(tenantId, (tx) =>
        tx.query('DELETE FROM parked_records WHERE consumer = $1 AND seq = $2::bigint', [consumer, seq]),
      );
    },
    async overview() {
      const rows = await db.withSystem(async (tx) => {
        await tx.query("SELECT set_config('app.parking', 'on', true)");
        return (
          await tx.query<{ tenant_id: string; count: string | number; oldest: Date | string }>(
            'SELECT tenant_id, count(*) AS count, min(parked_at) AS oldest FROM parked_records ' +
              'WHERE consumer = $1 GROUP BY tenant_id ORDER BY tenant_id',
            [consumer],
          )
        ).rows;
      });
      return rows.map((r) => ({ tenantId: r.tenant_id, count: Number(r.count), oldestParkedAt: new Date(r.oldest).getTime() }));
    },
  };
}

function toParked(r: Row): ParkedRecord {
  const headers = typeof r.headers === 'string' ? (JSON.parse(r.headers) as Record<string, string>) : r.headers;
  return {
    seq: r.seq,
    tenantId: r.tenant_id,
    reason: r.reason,
    parkedAt: new Date(r.parked_at).getTime(),
    record: {
      topic: r.topic,
      partition: r.partition,
      offset: r.record_offset,
      key: r.key,
      value: r.value,
      headers,
      timestamp: Number(r.record_timestamp),
    },
  };
}

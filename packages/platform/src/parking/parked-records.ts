import type { ConsumedRecord } from '../bus/event-bus.port.js';
import type { Database, Queryable } from '../db/database.port.js';

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

/** The reason of a record whose tenant no directory in hand could confirm or refute yet. */
export const UNCONFIRMED_REASON = 'tenant_unconfirmed';
/** What an unconfirmed record's reason becomes once a directory lists its tenant. */
export const CONFIRMED_REASON = 'tenant_confirmed';

/** A record to park and why. */
export interface ToPark {
  record: ConsumedRecord;
  reason: string;
}

/**
 * The `parked_records` table of one consumer (parking-migrations.ts), in the service's own schema.
 * Methods taking `tx` run in the caller's tenant transaction (so parking commits with the work of
 * the same batch); every other method is one short transaction of its own.
 */
export interface ParkedRecords {
  /**
   * Stores the records in one statement; returns those stored now (a record parked before, i.e. a
   * redelivery, is left out).
   */
  parkAll(tx: Queryable, tenantId: string, items: readonly ToPark[], at: number): Promise<ToPark[]>;
  /** Which of these record keys (dictations) have records of the tenant waiting, in one query. */
  keysWithParked(tx: Queryable, keys: readonly (string | null)[]): Promise<Set<string | null>>;
  /** The tenant's next `limit` records after `afterSeq` ('0': from the start), in resume order. */
  head(tenantId: string, afterSeq: string, limit: number): Promise<ParkedRecord[]>;
  remove(tenantId: string, seq: string): Promise<void>;
  /** `remove` inside the caller's transaction (a resumed record's work and its removal commit together). */
  removeIn(tx: Queryable, seq: string): Promise<void>;
  /** Every tenant with parked records of this consumer (cross-tenant read, counts only). */
  overview(): Promise<ParkedTenant[]>;
  /**
   * Parks records of tenants no directory could confirm yet (reason `tenant_unconfirmed`), of any
   * number of tenants, in one statement of one transaction of its own.
   */
  parkUnconfirmed(items: readonly { tenantId: string; record: ConsumedRecord }[], at: number): Promise<void>;
  /**
   * One settling pass over the oldest `limit` unconfirmed records of every tenant, in one
   * transaction: `decide` names each record's fate (`drop`: deleted, after `beforeDrop` — e.g. the
   * dead letters' publish — succeeded inside the transaction; `confirm` or `keep`: left). Rows
   * another instance is settling are skipped. Returns the records looked at and those confirmed.
   */
  settleUnconfirmed(
    limit: number,
    decide: (item: ParkedRecord) => 'drop' | 'confirm' | 'keep',
    beforeDrop: (dropped: readonly ParkedRecord[]) => Promise<void>,
  ): Promise<{ seen: number; confirmed: ParkedRecord[] }>;
  /** Makes the tenant's confirmed records ordinary parked records (reason `tenant_confirmed`), in its own transaction. */
  confirm(tenantId: string, seqs: readonly string[]): Promise<void>;
}

export function createParkedRecords(db: Database, consumer: string): ParkedRecords {
  return {
    async parkAll(tx, tenantId, items, at) {
      if (items.length === 0) return [];
      // One JSON parameter for all rows: node-postgres escapes every element of an array parameter,
      // and one statement keeps a burst of blocked records to one round trip. Rows are numbered
      // (`seq`, the resume order) in the order given, which is arrival order.
      const rows = items.map(({ record, reason }) => ({ ...rowOf(record), reason }));
      const { rows: stored } = await tx.query<{ topic: string; partition: number; record_offset: string }>(
        `INSERT INTO parked_records (tenant_id, consumer, topic, partition, record_offset, key, value, headers, ` +
          `record_timestamp, reason, parked_at)
         SELECT $1, $2, r.topic, r.partition, r.record_offset, r.key, r.value, r.headers, r.record_timestamp, r.reason,
                to_timestamp($4::double precision / 1000)
           FROM ROWS FROM (json_to_recordset($3::json) AS (topic text, partition integer, record_offset bigint, key text,
                           value text, headers jsonb, record_timestamp bigint, reason text)) WITH ORDINALITY
                AS r(topic, partition, record_offset, key, value, headers, record_timestamp, reason, ord)
          ORDER BY r.ord
         ON CONFLICT (consumer, topic, partition, record_offset) DO NOTHING
         RETURNING topic, partition, record_offset::text AS record_offset`,
        [tenantId, consumer, JSON.stringify(rows), at],
      );
      const slot = (topic: string, partition: number, offset: string) => `${topic}\u0000${partition}\u0000${offset}`;
      const now = new Set(stored.map((r) => slot(r.topic, Number(r.partition), r.record_offset)));
      return items.filter((i) => now.has(slot(i.record.topic, i.record.partition, i.record.offset)));
    },
    async keysWithParked(tx, keys) {
      if (keys.length === 0) return new Set();
      const named = [...new Set(keys.filter((k): k is string => k !== null))];
      const { rows } = await tx.query<{ key: string | null }>(
        'SELECT DISTINCT key FROM parked_records WHERE consumer = $1 AND (key = ANY($2::text[]) OR ($3 AND key IS NULL))',
        [consumer, named, keys.includes(null)],
      );
      return new Set(rows.map((r) => r.key));
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
    async removeIn(tx, seq) {
      await tx.query('DELETE FROM parked_records WHERE consumer = $1 AND seq = $2::bigint', [consumer, seq]);
    },
    async parkUnconfirmed(items, at) {
      if (items.length === 0) return;
      const rows = items.map(({ tenantId, record }) => ({ tenant_id: tenantId, ...rowOf(record) }));
      await db.withSystem(async (tx) => {
        await tx.query("SELECT set_config('app.parking', 'on', true)");
        await tx.query(
          `INSERT INTO parked_records (tenant_id, consumer, topic, partition, record_offset, key, value, headers, ` +
            `record_timestamp, reason, parked_at)
           SELECT r.tenant_id, $1, r.topic, r.partition, r.record_offset, r.key, r.value, r.headers, r.record_timestamp,
                  '${UNCONFIRMED_REASON}', to_timestamp($3::double precision / 1000)
             FROM ROWS FROM (json_to_recordset($2::json) AS (tenant_id text, topic text, partition integer, record_offset bigint,
                             key text, value text, headers jsonb, record_timestamp bigint)) WITH ORDINALITY
                  AS r(tenant_id, topic, partition, record_offset, key, value, headers, record_timestamp, ord)
            ORDER BY r.ord
           ON CONFLICT (consumer, topic, partition, record_offset) DO NOTHING`,
          [consumer, JSON.stringify(rows), at],
        );
      });
    },
    async settleUnconfirmed(limit, decide, beforeDrop) {
      return db.withSystem(async (tx) => {
        await tx.query("SELECT set_config('app.parking', 'on', true)");
        const { rows } = await tx.query<Row>(
          `SELECT seq::text AS seq, tenant_id, topic, partition, record_offset::text AS record_offset, key, value, headers,
                  record_timestamp::text AS record_timestamp, reason, parked_at
             FROM parked_records WHERE consumer = $1 AND reason = '${UNCONFIRMED_REASON}'
            ORDER BY parked_records.seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [consumer, limit],
        );
        const items = rows.map(toParked);
        const fates = items.map((item) => decide(item));
        const dropped = items.filter((_, i) => fates[i] === 'drop');
        if (dropped.length > 0) {
          await beforeDrop(dropped);
          await tx.query('DELETE FROM parked_records WHERE consumer = $1 AND seq = ANY($2::bigint[])', [
            consumer,
            dropped.map((d) => d.seq),
          ]);
        }
        return { seen: items.length, confirmed: items.filter((_, i) => fates[i] === 'confirm') };
      });
    },
    async confirm(tenantId, seqs) {
      if (seqs.length === 0) return;
      // Under the tenant's own policy: the unconfirmed-rows policy admits no other reason.
      await db.withTenant(tenantId, (tx) =>
        tx.query(`UPDATE parked_records SET reason = '${CONFIRMED_REASON}' WHERE consumer = $1 AND seq = ANY($2::bigint[])`, [
          consumer,
          seqs,
        ]),
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

/** A record's columns, for the `json_to_recordset` parameter of the parking inserts. */
function rowOf(record: ConsumedRecord) {
  return {
    topic: record.topic,
    partition: record.partition,
    record_offset: record.offset,
    key: record.key,
    value: record.value,
    headers: record.headers,
    record_timestamp: Math.trunc(record.timestamp),
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

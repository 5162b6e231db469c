import type { Queryable } from '../db/database.port.js';
import { qualified } from '../db/sql-identifier.js';

export interface OutboxRecord {
  /** The event id (uuid): the consumers' idempotency key. */
  id: string;
  tenantId: string;
  topic: string;
  key: string;
  /** The serialised event, published byte for byte. */
  value: string;
  headers?: Record<string, string>;
}

/**
 * Appends events to the outbox inside the caller's `withTenant` transaction, so they commit or
 * roll back together with the state change they describe. RLS rejects a record of another tenant
 * (and so the whole transaction). Append after the statement that locks the changed entity, so
 * that for one entity the outbox order (seq) equals the commit order.
 * `schema` defaults to the transaction's search_path (the Database's own schema).
 */
export async function appendToOutbox(tx: Queryable, records: readonly OutboxRecord[], opts: { schema?: string } = {}): Promise<void> {
  if (records.length === 0) return;
  const table = opts.schema === undefined ? 'outbox' : qualified(opts.schema, 'outbox');
  // One statement for the whole batch: arrays + unnest keep it a single round trip, in order.
  await tx.query(
    `INSERT INTO ${table} (id, tenant_id, topic, key, value, headers)
     SELECT id, tenant_id, topic, key, value, headers
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY
       AS r(id, tenant_id, topic, key, value, headers, ord) ORDER BY ord`,
    [
      records.map((r) => r.id),
      records.map((r) => r.tenantId),
      records.map((r) => r.topic),
      records.map((r) => r.key),
      records.map((r) => r.value),
      records.map((r) => JSON.stringify(r.headers ?? {})),
    ],
  );
}

import type { Queryable } from '../db/database.port.js';
import { MalformedEventError } from '../errors.js';
import { qualified } from '../db/sql-identifier.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Consumer-side dedupe: records that `consumer` handled `eventId` and returns true only the first
 * time. Call it inside the same `withTenant` transaction as the handler's effect and apply the
 * effect only when it returns true: a redelivered event (at-least-once bus) then changes nothing,
 * and a crash before commit forgets both the mark and the effect — exactly-once effect.
 * A concurrent duplicate blocks on the primary key until the first commits, then returns false.
 */
export async function processOnce(
  tx: Queryable,
  consumer: string,
  eventId: string,
  tenantId: string,
  opts: { schema?: string } = {},
): Promise<boolean> {
  if (!UUID.test(eventId)) throw new MalformedEventError('event id must be a uuid');
  const table = opts.schema === undefined ? 'processed_events' : qualified(opts.schema, 'processed_events');
  const { rows } = await tx.query(
    `INSERT INTO ${table} (consumer, event_id, tenant_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
    [consumer, eventId, tenantId],
  );
  return rows.length === 1;
}

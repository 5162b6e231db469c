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

/**
 * `processOnce` for several events of one tenant in one statement: returns the ids marked now, so
 * the caller applies the effect of exactly those (an id given twice is new at most once; apply it
 * for its first occurrence). Same transaction rule as `processOnce`.
 */
export async function processOnceAll(tx: Queryable, consumer: string, eventIds: readonly string[], tenantId: string): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  if (!eventIds.every((id) => UUID.test(id))) throw new MalformedEventError('event id must be a uuid');
  const { rows } = await tx.query<{ event_id: string }>(
    `INSERT INTO processed_events (consumer, event_id, tenant_id) SELECT $1, id, $3 FROM unnest($2::uuid[]) AS id
     ON CONFLICT DO NOTHING RETURNING event_id::text AS event_id`,
    [consumer, [...new Set(eventIds)], tenantId],
  );
  return new Set(rows.map((r) => r.event_id.toLowerCase()));
}

import type { AuditCheckpoint } from '@medicdraft/contracts';
import type { Queryable } from '@medicdraft/platform';
import { listCheckpoints } from '../checkpoint/checkpoint-store.js';
import type { StoredRow } from './stored-row.js';

/** Runs one read-only statement batch (admin connection for the CLI, a tenant transaction in the service). */
export type ReadTx = <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;

/** Which tables to read: `audit.events`/`audit.checkpoints`, or a copy (the mutation suite's). */
export interface AuditTables {
  events: string;
  checkpoints: string;
}

export const AUDIT_TABLES: AuditTables = { events: 'audit.events', checkpoints: 'audit.checkpoints' };

interface Row {
  seq: string | null;
  tenant_id: string;
  event_id: string;
  prev_hash: string | null;
  hash: string | null;
  event?: unknown;
  event_text: string | null;
  event_matches_text?: boolean | null;
  event_type: string;
  event_version: number;
  /** A Date (the driver's), or epoch ms (floor) where the verification read asks Postgres for it. */
  occurred_at: Date | string | number;
  actor_type: string;
  actor_id: string;
  actor_role: string | null;
  correlation_id: string;
  causation_id: string | null;
  resource_ids: unknown;
  service: string | null;
  source_address: string | null;
  outcome: string | null;
  outcome_detail: string | null;
}

const DERIVED = `event_type, event_version, occurred_at, actor_type, actor_id, actor_role, correlation_id, causation_id,
  resource_ids, service, source_address, outcome, outcome_detail`;
/** Everything, as stored (export). */
const ALL_COLUMNS = `seq, tenant_id, event_id, prev_hash, hash, event, event_text, ${DERIVED}`;
/**
 * For verification: a row with canonical text ships the text and the database's comparison of
 * it with the jsonb, not the jsonb itself (no jsonb → text → JSON.parse round per row). The cast
 * fails on text that is not JSON, which only tampering produces; that page is re-read with
 * ALL_COLUMNS and compared in JS (see readRowsToVerify).
 */
const VERIFY_COLUMNS = `seq, tenant_id, event_id, prev_hash, hash, event_text,
  CASE WHEN event_text IS NULL THEN event END AS event,
  CASE WHEN event_text IS NOT NULL THEN event = event_text::jsonb END AS event_matches_text,
  ${DERIVED.replace('occurred_at', 'floor(extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_at')}`;

function toStoredRow(r: Row): StoredRow {
  return {
    seq: r.seq === null ? null : Number(r.seq),
    tenantId: r.tenant_id,
    eventId: r.event_id,
    prevHash: r.prev_hash,
    hash: r.hash,
    event: r.event ?? undefined,
    eventText: r.event_text,
    ...(typeof r.event_matches_text === 'boolean' ? { eventMatchesText: r.event_matches_text } : {}),
    columns: {
      eventType: r.event_type,
      eventVersion: r.event_version,
      occurredAt: r.occurred_at,
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      correlationId: r.correlation_id,
      causationId: r.causation_id,
      resourceIds: r.resource_ids,
      service: r.service,
      sourceAddress: r.source_address,
      outcome: r.outcome,
      outcomeDetail: r.outcome_detail,
    },
  };
}

/**
 * A tenant's chained rows in pages of consecutive seq ranges (`seq > a AND seq <= a + pageSize`)
 * up to the highest seq at the start, the next page read while the caller works on the current
 * one. Ranges rather than keyset + LIMIT: a range reads only its own rows whatever plan the
 * statistics lead to, and rows sharing a seq (possible in a tampered copy) are never split.
 */
export async function* pagesBySeq<R>(
  read: ReadTx,
  tenantId: string,
  table: string,
  fetch: (from: number, to: number) => Promise<R[]>,
  pageSize = 10_000,
): AsyncGenerator<R[]> {
  const { rows } = await read((tx) =>
    tx.query<{ max: string | null }>(`SELECT max(seq) AS max FROM ${table} WHERE tenant_id = $1`, [tenantId]),
  );
  const last = Number(rows[0]?.max ?? 0);
  const page = (from: number) => {
    const p = fetch(from, Math.min(from + pageSize, last));
    p.catch(() => undefined); // awaited below; a consumer that stops early must not leave it unhandled
    return p;
  };
  let next = last > 0 ? page(0) : undefined;
  for (let from = 0; next; from += pageSize) {
    const rows = await next;
    next = from + pageSize < last ? page(from + pageSize) : undefined;
    yield rows;
  }
}

/** Every row of a tenant as stored (export): unchained rows first, then the chain in seq order. */
export async function* readTenantRows(
  read: ReadTx,
  tenantId: string,
  tables: AuditTables = AUDIT_TABLES,
  pageSize = 10_000,
): AsyncGenerator<StoredRow> {
  const legacy = await read((tx) =>
    tx.query<Row>(`SELECT ${ALL_COLUMNS} FROM ${tables.events} WHERE tenant_id = $1 AND seq IS NULL ORDER BY occurred_at, event_id`, [
      tenantId,
    ]),
  );
  for (const r of legacy.rows) yield toStoredRow(r);
  const fetch = (from: number, to: number) =>
    read(
      async (tx) =>
        (
          await tx.query<Row>(`SELECT ${ALL_COLUMNS} FROM ${tables.events} WHERE tenant_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`, [
            tenantId,
            from,
            to,
          ])
        ).rows,
    );
  for await (const rows of pagesBySeq(read, tenantId, tables.events, fetch, pageSize)) for (const r of rows) yield toStoredRow(r);
}

/** A tenant's rows for verification, in pages: unchained rows first, then the chain in seq order. */
export async function* readRowsToVerify(
  read: ReadTx,
  tenantId: string,
  tables: AuditTables = AUDIT_TABLES,
  pageSize = 10_000,
): AsyncGenerator<StoredRow[]> {
  const legacy = await read((tx) =>
    tx.query<Row>(`SELECT ${ALL_COLUMNS} FROM ${tables.events} WHERE tenant_id = $1 AND seq IS NULL ORDER BY occurred_at, event_id`, [
      tenantId,
    ]),
  );
  if (legacy.rows.length > 0) yield legacy.rows.map(toStoredRow);
  const select = (columns: string, from: number, to: number) =>
    read(
      async (tx) =>
        (
          await tx.query<Row>(`SELECT ${columns} FROM ${tables.events} WHERE tenant_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`, [
            tenantId,
            from,
            to,
          ])
        ).rows,
    );
  const fetch = async (from: number, to: number): Promise<StoredRow[]> => {
    try {
      return (await select(VERIFY_COLUMNS, from, to)).map(toStoredRow);
    } catch (err) {
      if ((err as { code?: string }).code !== '22P02') throw err; // invalid_text_representation: event_text is not JSON
      return (await select(ALL_COLUMNS, from, to)).map(toStoredRow);
    }
  };
  yield* pagesBySeq(read, tenantId, tables.events, fetch, pageSize);
}

export async function readTenants(read: ReadTx, tables: AuditTables = AUDIT_TABLES): Promise<string[]> {
  const { rows } = await read((tx) =>
    tx.query<{ tenant_id: string }>(`SELECT DISTINCT tenant_id FROM ${tables.events} ORDER BY tenant_id`),
  );
  return rows.map((r) => r.tenant_id);
}

export function readCheckpoints(read: ReadTx, tenantId: string, tables: AuditTables = AUDIT_TABLES): Promise<AuditCheckpoint[]> {
  return read((tx) => listCheckpoints(tx, tenantId, tables.checkpoints));
}

/** Registered public keys (PEM by key id) — trust on first use when no key directory is given. */
export async function readRegisteredKeys(read: ReadTx, table = 'audit.signing_keys'): Promise<Map<string, string>> {
  const { rows } = await read((tx) => tx.query<{ key_id: string; public_key_pem: string }>(`SELECT key_id, public_key_pem FROM ${table}`));
  return new Map(rows.map((r) => [r.key_id, r.public_key_pem]));
}

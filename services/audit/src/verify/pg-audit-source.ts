import type { AuditCheckpoint } from '@medicdraft/contracts';
import type { Queryable } from '@medicdraft/platform';
import { listCheckpoints } from '../checkpoint/checkpoint-store.js';
import type { RowStream, TextRow } from '../rows/row-stream.port.js';
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
  event_type: string;
  event_version: number;
  occurred_at: Date;
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
function toStoredRow(r: Row): StoredRow {
  return {
    seq: r.seq === null ? null : Number(r.seq),
    tenantId: r.tenant_id,
    eventId: r.event_id,
    prevHash: r.prev_hash,
    hash: r.hash,
    event: r.event ?? undefined,
    eventText: r.event_text,
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

/**
 * The verification read, every column as text (row-stream.port.ts): a row with canonical text ships
 * the text and the database's comparison of it with the jsonb, not the jsonb itself (no jsonb →
 * text → JSON.parse round per row); occurred_at as epoch ms (floor), what the driver's Date holds.
 * The cast fails on text that is not JSON, which only tampering produces; the rest of the tenant is
 * then read with VERIFY_PLAIN and compared in JS (see readRowsToVerify).
 */
const TEXT_DERIVED = `event_type, event_version::text AS event_version,
  floor(extract(epoch FROM occurred_at) * 1000)::float8::text AS occurred_at, actor_type, actor_id, actor_role,
  correlation_id::text AS correlation_id, causation_id::text AS causation_id, resource_ids::text AS resource_ids, service,
  source_address, outcome, outcome_detail`;
const VERIFY_TEXT = `seq::text AS seq, tenant_id, event_id::text AS event_id, prev_hash, hash, event_text,
  CASE WHEN event_text IS NULL THEN event::text END AS event,
  CASE WHEN event_text IS NOT NULL THEN (event = event_text::jsonb)::text END AS event_matches_text, ${TEXT_DERIVED}`;
const VERIFY_PLAIN = `seq::text AS seq, tenant_id, event_id::text AS event_id, prev_hash, hash, event_text, event::text AS event,
  NULL::text AS event_matches_text, ${TEXT_DERIVED}`;

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** A verification row (VERIFY_TEXT / VERIFY_PLAIN column order) as the verifier takes it. */
function storedRowOfText(r: TextRow): StoredRow {
  const matches = r[7];
  return {
    seq: r[0] === null ? null : Number(r[0]),
    tenantId: r[1] as string,
    eventId: r[2] as string,
    prevHash: r[3] ?? null,
    hash: r[4] ?? null,
    eventText: r[5] ?? null,
    event: r[6] === null || r[6] === undefined ? undefined : json(r[6]),
    ...(matches === null || matches === undefined ? {} : { eventMatchesText: matches === 'true' }),
    columns: {
      eventType: r[8],
      eventVersion: r[9] === null ? null : Number(r[9]),
      occurredAt: Number(r[10]),
      actorType: r[11],
      actorId: r[12],
      actorRole: r[13],
      correlationId: r[14],
      causationId: r[15],
      resourceIds: json(r[16] ?? null),
      service: r[17],
      sourceAddress: r[18],
      outcome: r[19],
      outcomeDetail: r[20],
    },
  };
}

/** The statement verify streams a tenant's chain with ($1: the tenant); exported for the benchmark's ceiling. */
export const verifyChainSelect = (events: string) =>
  `SELECT ${VERIFY_TEXT} FROM ${events} e WHERE tenant_id = $1 AND e.seq IS NOT NULL ORDER BY e.seq`;

/**
 * A tenant's rows for verification, streamed in batches: unchained rows first (by time), then the
 * chain in seq order, each set in one statement.
 */
export async function* readRowsToVerify(
  stream: RowStream,
  tenantId: string,
  tables: AuditTables = AUDIT_TABLES,
): AsyncGenerator<StoredRow[]> {
  const from = `FROM ${tables.events} e WHERE tenant_id = $1`;
  for await (const batch of stream.rows(`SELECT ${VERIFY_PLAIN} ${from} AND e.seq IS NULL ORDER BY e.occurred_at, e.event_id`, [tenantId]))
    yield batch.map(storedRowOfText);
  // Where the chain read got to, so a restart neither skips nor repeats a row (a tampered copy may
  // hold several rows with one seq: those already given at `after` are counted by event id).
  let after = 0;
  let givenAtAfter = new Map<string, number>();
  try {
    for await (const batch of stream.rows(verifyChainSelect(tables.events), [tenantId])) {
      const rows = batch.map(storedRowOfText);
      for (const row of rows) {
        const seq = row.seq as number;
        if (seq !== after) givenAtAfter = new Map();
        after = seq;
        givenAtAfter.set(row.eventId, (givenAtAfter.get(row.eventId) ?? 0) + 1);
      }
      yield rows;
    }
  } catch (err) {
    if ((err as { code?: string }).code !== '22P02') throw err; // invalid_text_representation: event_text is not JSON
    const rest = stream.rows(`SELECT ${VERIFY_PLAIN} ${from} AND e.seq >= $2 ORDER BY e.seq`, [tenantId, after]);
    for await (const batch of rest) {
      yield batch.map(storedRowOfText).filter((row) => {
        const given = row.seq === after ? (givenAtAfter.get(row.eventId) ?? 0) : 0;
        if (given > 0) givenAtAfter.set(row.eventId, given - 1);
        return given === 0;
      });
    }
  }
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

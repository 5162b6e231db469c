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
  event: unknown;
  event_type: string;
  event_version: number;
  occurred_at: Date | string;
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

const COLUMNS = `seq, tenant_id, event_id, prev_hash, hash, event, event_type, event_version, occurred_at, actor_type, actor_id,
  actor_role, correlation_id, causation_id, resource_ids, service, source_address, outcome, outcome_detail`;

export function toStoredRow(r: Row): StoredRow {
  return {
    seq: r.seq === null ? null : Number(r.seq),
    tenantId: r.tenant_id,
    eventId: r.event_id,
    prevHash: r.prev_hash,
    hash: r.hash,
    event: r.event,
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

/** Every row of a tenant: unchained rows first, then the chain in seq order, paged by seq (keyset). */
export async function* readTenantRows(read: ReadTx, tenantId: string, tables: AuditTables = AUDIT_TABLES, pageSize = 10_000): AsyncGenerator<StoredRow> {
  const legacy = await read((tx) => tx.query<Row>(`SELECT ${COLUMNS} FROM ${tables.events} WHERE tenant_id = $1 AND seq IS NULL ORDER BY occurred_at, event_id`, [tenantId]));
  for (const r of legacy.rows) yield toStoredRow(r);
  let after = 0;
  for (;;) {
    const { rows } = await read((tx) =>
      tx.query<Row>(`SELECT ${COLUMNS} FROM ${tables.events} WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [tenantId, after, pageSize]),
    );
    for (const r of rows) yield toStoredRow(r);
    if (rows.length < pageSize) return;
    after = Number(rows.at(-1)?.seq);
  }
}

export async function readTenants(read: ReadTx, tables: AuditTables = AUDIT_TABLES): Promise<string[]> {
  const { rows } = await read((tx) => tx.query<{ tenant_id: string }>(`SELECT DISTINCT tenant_id FROM ${tables.events} ORDER BY tenant_id`));
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

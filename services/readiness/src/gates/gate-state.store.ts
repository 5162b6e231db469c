import { GATE_IDS, toRecord, type GateStatus, type HaltReason } from '@medicdraft/contracts';
import {
  appendToOutbox,
  buildEvent,
  canonicalJson,
  type Clock,
  type Database,
  type IdGenerator,
  type Queryable,
} from '@medicdraft/platform';
import type { GateEvaluation } from './evaluate-gates.js';

/** What a tenant's GateState says, without its header (version, issuedAt, expiresAt). */
export type GateStateContent = GateEvaluation & { halted: boolean; haltReasons: HaltReason[] };

/**
 * Stores the tenant's newly computed content inside the caller's `withTenant` transaction and
 * returns its version: unchanged content keeps the version; changed content takes version+1, and
 * every gate whose status moved gets a `readiness.gate.changed` event in the same transaction
 * (`from: null` the first time). Content is compared as canonical JSON: jsonb does not keep key
 * order, arrays (evidence lines) keep theirs.
 */
export async function saveGateState(
  tx: Queryable,
  tenantId: string,
  content: GateStateContent,
  deps: { clock: Clock; newId: IdGenerator },
): Promise<number> {
  const { rows } = await tx.query<{ version: string; content: GateStateContent }>('SELECT version, content FROM gate_states FOR UPDATE');
  const held = rows[0];
  if (held !== undefined && canonicalJson(held.content) === canonicalJson(content)) return Number(held.version);
  const version = held === undefined ? 1 : Number(held.version) + 1;
  await tx.query(
    `INSERT INTO gate_states (tenant_id, version, content) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version, content = EXCLUDED.content, updated_at = now()`,
    [tenantId, version, JSON.stringify(content)],
  );
  const records = [];
  for (const gateId of GATE_IDS) {
    const from: GateStatus | null = held?.content.gates[gateId]?.status ?? null;
    const to = content.gates[gateId].status;
    if (from === to) continue;
    const event = buildEvent(
      'readiness.gate.changed',
      {
        tenantId,
        actor: { type: 'service', id: 'readiness' },
        correlationId: deps.newId(),
        payload: { gateId, from, to, phiMode: content.phiMode, stateVersion: version },
      },
      deps,
    );
    records.push(toRecord(event));
  }
  await appendToOutbox(tx, records);
  return version;
}

/** The global halt record's version: bumped when `halted`/`reasons` change, kept otherwise. */
export async function saveHaltState(db: Database, halted: boolean, reasons: readonly HaltReason[]): Promise<number> {
  return db.withSystem(async (tx) => {
    const { rows } = await tx.query<{ version: string; halted: boolean; reasons: string[] }>(
      'SELECT version, halted, reasons FROM halt_state FOR UPDATE',
    );
    const held = rows[0];
    if (held !== undefined && held.halted === halted && JSON.stringify(held.reasons) === JSON.stringify(reasons))
      return Number(held.version);
    const version = held === undefined ? 1 : Number(held.version) + 1;
    await tx.query(
      `INSERT INTO halt_state (id, version, halted, reasons) VALUES (true, $1, $2, $3::text[])
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, halted = EXCLUDED.halted, reasons = EXCLUDED.reasons`,
      [version, halted, [...reasons]],
    );
    return version;
  });
}

import type { Database } from '@medicdraft/platform';

/** Where one tenant's chain stands: its last record, its largest signed tree, what the mirror shipped. */
export interface ChainHead {
  tenantId: string;
  lastSeq: number;
  signedSize: number;
  mirroredSeq: number;
}

/**
 * Every tenant's chain head, read across tenants in one system transaction that sets
 * `app.audit_scan` (the `backlog_scan` policies of migration 0003). Used once at start: after a
 * crash, records appended but not yet signed or mirrored belong to tenants that may never send
 * another event, so nothing else would tell the checkpointer or the mirror about them.
 * Tenants are enumerated with a loose index scan of (tenant_id, seq), so the cost grows with the
 * number of tenants, not of records.
 */
export async function listChainHeads(db: Database): Promise<ChainHead[]> {
  return db.withSystem(async (tx) => {
    await tx.query("SET LOCAL app.audit_scan = 'on'");
    const { rows } = await tx.query<{ tenant_id: string; last_seq: string | null; signed: string | null; mirrored: string | null }>(`
      WITH RECURSIVE t(id) AS (
        SELECT min(tenant_id) FROM events
        UNION ALL
        SELECT (SELECT min(tenant_id) FROM events WHERE tenant_id > t.id) FROM t WHERE t.id IS NOT NULL
      )
      SELECT t.id AS tenant_id,
             (SELECT max(seq) FROM events e WHERE e.tenant_id = t.id) AS last_seq,
             (SELECT max(tree_size) FROM checkpoints c WHERE c.tenant_id = t.id) AS signed,
             (SELECT seq FROM mirror_progress m WHERE m.tenant_id = t.id) AS mirrored
        FROM t WHERE t.id IS NOT NULL`);
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      lastSeq: Number(r.last_seq ?? 0),
      signedSize: Number(r.signed ?? 0),
      mirroredSeq: Number(r.mirrored ?? 0),
    }));
  });
}

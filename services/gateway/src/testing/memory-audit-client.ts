import { NotFoundError } from '@medicdraft/platform';
import type { AuditClient } from '../clients/audit-client.port.js';

/**
 * In-memory AuditClient for the gateway's tests (the gateway is under test; the audit service's
 * query is tested in services/audit and through the adapters' contract): per tenant, seeded
 * records, an optional checkpoint and proofs by event id; everything else is "not found".
 */
export function createMemoryAuditClient() {
  type Log = { records: Record<string, unknown>[]; checkpoint?: Record<string, unknown>; proofs: Map<string, Record<string, unknown>> };
  const tenants = new Map<string, Log>();
  const of = (tenantId: string): Log => {
    const t: Log = tenants.get(tenantId) ?? { records: [], proofs: new Map() };
    tenants.set(tenantId, t);
    return t;
  };
  const client: AuditClient = {
    async list(tenantId, page) {
      return { records: of(tenantId).records.slice(page.after ?? 0, (page.after ?? 0) + page.limit) };
    },
    async latestCheckpoint(tenantId) {
      const cp = of(tenantId).checkpoint;
      if (cp === undefined) throw new NotFoundError('no signed checkpoint yet');
      return cp;
    },
    async proof(tenantId, eventId) {
      const proof = of(tenantId).proofs.get(eventId);
      if (proof === undefined) throw new NotFoundError('audit event not found');
      return proof;
    },
  };
  return {
    client,
    seed(
      tenantId: string,
      data: { record: Record<string, unknown>; checkpoint: Record<string, unknown>; proof: Record<string, unknown> & { eventId: string } },
    ) {
      const t = of(tenantId);
      t.records.push(data.record);
      t.checkpoint = data.checkpoint;
      t.proofs.set(data.proof.eventId, data.proof);
    },
  };
}

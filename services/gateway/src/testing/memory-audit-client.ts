import type { AuditApi, AuditRecordView, CheckpointView, InclusionProofView, UsageReport } from '@medicdraft/contracts';
import { NotFoundError } from '@medicdraft/platform';

/**
 * In-memory audit API for the gateway's tests (the gateway is under test; the audit service's
 * query is tested in services/audit and through the API's contract suite): per tenant, seeded
 * records, an optional checkpoint and proofs by event id; everything else is "not found".
 */
export function createMemoryAuditClient() {
  type Log = { records: AuditRecordView[]; checkpoint?: CheckpointView; proofs: Map<string, InclusionProofView> };
  const tenants = new Map<string, Log>();
  const of = (tenantId: string): Log => {
    const t: Log = tenants.get(tenantId) ?? { records: [], proofs: new Map() };
    tenants.set(tenantId, t);
    return t;
  };
  const usage = new Map<string, UsageReport>();
  const client: AuditApi = {
    async usage({ params }) {
      return usage.get(params.tenantId) ?? { months: [] };
    },
    async list({ params, query }) {
      const after = query?.after ?? 0;
      return { records: of(params.tenantId).records.slice(after, after + (query?.limit ?? 100)) };
    },
    async latestCheckpoint({ params }) {
      const cp = of(params.tenantId).checkpoint;
      if (cp === undefined) throw new NotFoundError('no signed checkpoint yet');
      return cp;
    },
    async proof({ params }) {
      const proof = of(params.tenantId).proofs.get(params.eventId);
      if (proof === undefined) throw new NotFoundError('audit event not found');
      return proof;
    },
  };
  return {
    client,
    /** The report `usage` answers for the tenant. */
    setUsage(tenantId: string, report: UsageReport) {
      usage.set(tenantId, report);
    },
    seed(tenantId: string, data: { record: AuditRecordView; proof: InclusionProofView }) {
      const t = of(tenantId);
      t.records.push(data.record);
      t.checkpoint = data.proof.checkpoint;
      t.proofs.set(data.proof.eventId, data.proof);
    },
  };
}

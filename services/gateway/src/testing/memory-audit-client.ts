import type { AuditApi, AuditRecordView, CheckpointView, InclusionProofView, UsageReport } from '@medicdraft/contracts';
import { NotFoundError } from '@medicdraft/platform';

/**
 * In-memory audit API for the gateway's tests (the gateway is under test; the audit service's
 * query is tested in services/audit and through the API's contract suite): per tenant, seeded
 * records (filtered by type, actor and dictation), an optional checkpoint and proofs by event id;
 * verify always intact; everything else is "not found".
 */
export function createMemoryAuditClient() {
  type Log = { records: AuditRecordView[]; checkpoint?: CheckpointView; proofs: Map<string, InclusionProofView> };
  const tenants = new Map<string, Log>();
  const of = (tenantId: string): Log => {
    const t: Log = tenants.get(tenantId) ?? { records: [], proofs: new Map() };
    tenants.set(tenantId, t);
    return t;
  };
  /** The seeded records the query's filters keep (seq order, as the service answers). */
  const matching = (tenantId: string, q: Parameters<AuditApi['list']>[0]['query']) => {
    // As the service: the incident's dictations are those whose seeded records carry its keyed hash.
    const incidentDictations = new Set(
      of(tenantId)
        .records.filter((r) => q?.incidentKey !== undefined && r.resourceIds['incidentKey'] === q.incidentKey)
        .map((r) => r.resourceIds['dictationId']),
    );
    return of(tenantId).records.filter(
      (r) =>
        (q?.type === undefined || q.type.includes(r.type as never)) &&
        (q?.incidentKey === undefined || incidentDictations.has(r.resourceIds['dictationId'])) &&
        (q?.actorId === undefined || r.actor.id === q.actorId) &&
        (q?.dictationId === undefined || r.resourceIds['dictationId'] === q.dictationId),
    );
  };
  const usage = new Map<string, UsageReport>();
  const periodRequests: Parameters<AuditApi['periodReport']>[0][] = [];
  const client: AuditApi = {
    async usage({ params }) {
      return usage.get(params.tenantId) ?? { months: [] };
    },
    async list({ params, query }) {
      const after = query?.after ?? 0;
      return { records: matching(params.tenantId, query).slice(after, after + (query?.limit ?? 100)) };
    },
    async fhir({ params, query }) {
      const records = matching(params.tenantId, query).slice(query?.after ?? 0, (query?.after ?? 0) + (query?.limit ?? 100));
      const entry = records.map((r) => ({
        fullUrl: `urn:uuid:${r.eventId}`,
        resource: {
          resourceType: 'AuditEvent' as const,
          id: r.eventId,
          extension: [
            { url: 'urn:medicdraft:fhir:extension:audit-seq', valueInteger: r.seq },
            { url: 'urn:medicdraft:fhir:extension:audit-hash', valueString: r.hash },
          ],
        },
      }));
      return { resourceType: 'Bundle', type: 'collection', timestamp: new Date(0).toISOString(), ...(entry.length ? { entry } : {}) };
    },
    async verify() {
      return {
        ok: true,
        verifiedAt: new Date(0).toISOString(),
        records: 0,
        lastSeq: 0,
        checkpoints: 0,
        anchored: 0,
        unanchored: 0,
        witness: null,
        verdicts: [],
      };
    },
    async periodReport(input) {
      periodRequests.push(input);
      return { fileName: 'r.pdf', pdfBase64: '', sha256: '', signatureBase64: '', keyId: 'k', publicKeyPem: '' };
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
    /** Every period report asked for (what the gateway passed: the period and the names). */
    periodRequests,
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

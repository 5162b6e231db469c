import type { AuditApi, PeriodReport, VerifyStatus } from '@medicdraft/contracts';
import { toFhirBundle } from '../export/fhir-bundle.js';
import type { AuditListQuery, AuditQuery } from './audit-query.js';
import type { createUsageReport } from './usage-report.js';

type UsageReporter = ReturnType<typeof createUsageReport>;

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

type ListInput = Parameters<AuditApi['list']>[0]['query'];
const listQuery = (q: ListInput): AuditListQuery => ({
  after: q?.after,
  limit: q?.limit ?? 100,
  types: q?.type,
  from: date(q?.from),
  to: date(q?.to),
  dictationId: q?.dictationId,
  incidentKey: q?.incidentKey,
  actorId: q?.actorId,
});

/** What the API needs beyond the query: verify now and sign a period report (service.ts builds both). */
export interface AuditApiExtras {
  verify: (tenantId: string) => Promise<VerifyStatus>;
  /** `names`: user id → display name, shown next to the id (the log holds ids only). */
  periodReport: (tenantId: string, from: Date, to: Date, names: ReadonlyMap<string, string>) => Promise<PeriodReport>;
  now: () => number;
  /** Usage per month, counted from the tenant's audited events. */
  usage: UsageReporter;
}

/**
 * The audit query as the audit API's port (contracts' `auditApi`): served over HTTP on the
 * service network, called in process by the embedded gateway.
 */
export function createAuditApi(query: AuditQuery, extras: AuditApiExtras): AuditApi {
  return {
    list: ({ params, query: q }) => query.list(params.tenantId, listQuery(q)),
    fhir: async ({ params, query: q }) => {
      const page = await query.list(params.tenantId, listQuery(q));
      return toFhirBundle(params.tenantId, page.records, new Date(extras.now()));
    },
    verify: ({ params }) => extras.verify(params.tenantId),
    periodReport: ({ params, body }) =>
      extras.periodReport(
        params.tenantId,
        new Date(body.from),
        new Date(body.to),
        new Map((body.names ?? []).map((n) => [n.userId, n.name])),
      ),
    latestCheckpoint: ({ params }) => query.latestCheckpoint(params.tenantId),
    proof: ({ params }) => query.proof(params.tenantId, params.eventId),
    usage: ({ params, query: q }) => extras.usage(params.tenantId, q?.months ?? 12),
  };
}

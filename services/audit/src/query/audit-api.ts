import type { AuditApi } from '@medicdraft/contracts';
import type { AuditQuery } from './audit-query.js';
import type { createUsageReport } from './usage-report.js';

type UsageReporter = ReturnType<typeof createUsageReport>;

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

/**
 * The audit query as the audit API's port (contracts' `auditApi`): served over HTTP on the
 * service network, called in process by the embedded gateway.
 */
export function createAuditApi(query: AuditQuery, usage: UsageReporter): AuditApi {
  return {
    list: ({ params, query: q }) =>
      query.list(params.tenantId, { after: q?.after, limit: q?.limit ?? 100, types: q?.type, from: date(q?.from), to: date(q?.to) }),
    latestCheckpoint: ({ params }) => query.latestCheckpoint(params.tenantId),
    proof: ({ params }) => query.proof(params.tenantId, params.eventId),
    usage: ({ params, query: q }) => usage(params.tenantId, q?.months ?? 12),
  };
}

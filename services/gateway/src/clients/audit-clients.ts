import type { AuditClient, AuditPageRequest } from './audit-client.port.js';
import { errorFromResponse, internalFetch } from './internal-http.js';

const base = (tenantId: string) => `/internal/v1/tenants/${encodeURIComponent(tenantId)}/audit`;

/** The part of the audit service's `AuditQuery` the gateway uses (structural: no package dependency). */
export interface InProcessAuditQuery {
  list(
    tenantId: string,
    q: { after?: number | undefined; limit: number; types?: readonly string[] | undefined; from?: Date | undefined; to?: Date | undefined },
  ): Promise<object>;
  latestCheckpoint(tenantId: string): Promise<object>;
  proof(tenantId: string, eventId: string): Promise<object>;
}

/** Embedded mode: the audit service's query in the same process. */
export function createInProcessAuditClient(query: InProcessAuditQuery): AuditClient {
  const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));
  return {
    list: async (tenantId, p) => ({
      ...(await query.list(tenantId, { after: p.after, limit: p.limit, types: p.types, from: date(p.from), to: date(p.to) })),
    }),
    latestCheckpoint: async (tenantId) => ({ ...(await query.latestCheckpoint(tenantId)) }),
    proof: async (tenantId, eventId) => ({ ...(await query.proof(tenantId, eventId)) }),
  };
}

function listQuery(p: AuditPageRequest): string {
  const q = new URLSearchParams({ limit: String(p.limit) });
  if (p.after !== undefined) q.set('after', String(p.after));
  if (p.types !== undefined && p.types.length > 0) q.set('type', p.types.join(','));
  if (p.from !== undefined) q.set('from', p.from);
  if (p.to !== undefined) q.set('to', p.to);
  return q.toString();
}

/** Stack mode: the audit service's internal query API (services/audit/src/query/audit-query-routes.ts). */
export function createHttpAuditClient(opts: { baseUrl: string }): AuditClient {
  async function get(path: string, what: string): Promise<Record<string, unknown>> {
    const res = await internalFetch(opts.baseUrl, path, { method: 'GET' }, 'audit');
    if (res.status === 200) return (await res.json()) as Record<string, unknown>;
    throw await errorFromResponse(res, 'audit', what);
  }
  return {
    list: (tenantId, p) => get(`${base(tenantId)}/events?${listQuery(p)}`, 'the audit log'),
    latestCheckpoint: (tenantId) => get(`${base(tenantId)}/checkpoints/latest`, 'audit checkpoints'),
    proof: (tenantId, eventId) => get(`${base(tenantId)}/proof/${encodeURIComponent(eventId)}`, 'audit proofs'),
  };
}

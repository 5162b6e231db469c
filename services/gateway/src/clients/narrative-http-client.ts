import type { NarrativeActor, NarrativeClient, NarrativeCopyResult, NarrativeDocument } from './narrative-client.port.js';
import { errorFromResponse, internalFetch } from './internal-http.js';

const path = (a: NarrativeActor, dictationId: string) =>
  `/internal/v1/tenants/${encodeURIComponent(a.tenantId)}/dictations/${encodeURIComponent(dictationId)}/narrative`;
const headers = (a: NarrativeActor) => ({
  'x-user-id': a.userId,
  'x-actor-role': a.role,
  'x-request-id': a.requestId,
  'content-type': 'application/json',
});

/** Stack mode: the narrative service's internal review API (services/narrative/src/review/review-routes.ts). */
export function createHttpNarrativeClient(opts: { baseUrl: string }): NarrativeClient {
  const call = (url: string, init: RequestInit) => internalFetch(opts.baseUrl, url, init, 'narrative');
  return {
    async view(actor, dictationId, version) {
      const res = await call(`${path(actor, dictationId)}${version === undefined ? '' : `?version=${version}`}`, {
        method: 'GET',
        headers: { 'x-user-id': actor.userId, 'x-actor-role': actor.role, 'x-request-id': actor.requestId },
      });
      if (res.status !== 200) throw await errorFromResponse(res, 'narrative', 'narrative review');
      return (await res.json()) as NarrativeDocument;
    },
    async edit(actor, dictationId, change) {
      const res = await call(path(actor, dictationId), { method: 'PATCH', headers: headers(actor), body: JSON.stringify(change) });
      if (res.status !== 200) throw await errorFromResponse(res, 'narrative', 'narrative editing');
      return (await res.json()) as NarrativeDocument;
    },
    async copy(actor, dictationId, version) {
      const res = await call(`${path(actor, dictationId)}/copy`, {
        method: 'POST',
        headers: headers(actor),
        body: JSON.stringify(version === undefined ? {} : { version }),
      });
      if (res.status !== 200) throw await errorFromResponse(res, 'narrative', 'narrative copy');
      return (await res.json()) as NarrativeCopyResult;
    },
  };
}

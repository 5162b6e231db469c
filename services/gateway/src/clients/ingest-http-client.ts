import { Readable } from 'node:stream';
import type { DictationPage, DictationView, IngestClient, IntakeActor } from './ingest-client.port.js';
import { errorFromResponse, internalFetch } from './internal-http.js';

const base = (tenantId: string) => `/internal/v1/tenants/${encodeURIComponent(tenantId)}/dictations`;

function actorHeaders(who: IntakeActor): Record<string, string> {
  return { 'x-provider-id': who.providerId, 'x-actor-role': who.role, ...(who.traceparent ? { traceparent: who.traceparent } : {}) };
}

/**
 * Stack mode: ingest's internal API (services/ingest/src/intake-routes.ts). Audio is piped as
 * the request body (chunked), so neither process holds the file; a stream error aborts the request.
 */
export function createHttpIngestClient(opts: { baseUrl: string }): IngestClient {
  const call = (path: string, init: RequestInit & { duplex?: 'half' }) => internalFetch(opts.baseUrl, path, init, 'ingest');

  return {
    async uploadAudio(who, body) {
      const res = await call(`${base(who.tenantId)}/audio`, {
        method: 'POST',
        headers: { ...actorHeaders(who), 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(body) as ReadableStream<Uint8Array>,
        duplex: 'half',
      });
      if (res.status !== 201) throw await errorFromResponse(res, 'ingest', 'audio upload');
      return (await res.json()) as DictationView;
    },
    async submitText(who, text) {
      const res = await call(`${base(who.tenantId)}/text`, {
        method: 'POST',
        headers: { ...actorHeaders(who), 'content-type': 'application/json' },
        body: JSON.stringify({ text, synthetic: true }),
      });
      if (res.status !== 201) throw await errorFromResponse(res, 'ingest', 'text dictation');
      return (await res.json()) as DictationView;
    },
    async get(tenantId, dictationId) {
      const res = await call(`${base(tenantId)}/${encodeURIComponent(dictationId)}`, { method: 'GET' });
      if (res.status === 200) return (await res.json()) as DictationView;
      const err = await errorFromResponse(res, 'ingest', 'dictation lookup');
      if (err.code === 'not_found') return undefined;
      throw err;
    },
    async list(tenantId, request) {
      const q = new URLSearchParams();
      if (request.providerId !== undefined) q.set('providerId', request.providerId);
      if (request.limit !== undefined) q.set('limit', String(request.limit));
      if (request.cursor !== undefined) q.set('cursor', request.cursor);
      const res = await call(`${base(tenantId)}?${q.toString()}`, { method: 'GET' });
      if (res.status !== 200) throw await errorFromResponse(res, 'ingest', 'listing dictations');
      return (await res.json()) as DictationPage;
    },
    async reprocess(who, dictationId) {
      const res = await call(`${base(who.tenantId)}/${encodeURIComponent(dictationId)}/reprocess`, {
        method: 'POST',
        headers: actorHeaders(who),
      });
      if (res.status !== 202) throw await errorFromResponse(res, 'ingest', 'reprocessing a dictation');
      return ((await res.json()) as { attempt: number }).attempt;
    },
    async remove(who, dictationId) {
      const res = await call(`${base(who.tenantId)}/${encodeURIComponent(dictationId)}`, { method: 'DELETE', headers: actorHeaders(who) });
      if (res.status !== 204) throw await errorFromResponse(res, 'ingest', 'deleting a dictation');
    },
  };
}

import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, PayloadTooLargeError, ValidationError, type Clock, type IdGenerator } from '@medicdraft/platform';
import type { DictationView, IngestApi } from '@medicdraft/contracts';

/**
 * In-memory ingest API for the gateway's tests (the gateway is under test, not ingest): keeps
 * metadata only, hashes and counts streamed audio without keeping it, and records the largest
 * chunk it saw so a test can tell the upload was streamed. Content is discarded.
 */
export function createMemoryIngestClient(deps: { clock: Clock; newId: IdGenerator; maxTextBytes: number }) {
  const byTenant = new Map<string, Map<string, DictationView>>();
  /** `lastIncident`: the incident number the last intake handed over (as ingest would receive it). */
  const stats: {
    uploads: number;
    largestChunk: number;
    lastIncident?: string | undefined;
    lastCorrection?: { dictationId: string; actorId: string; incidentNumber: string; reason: string };
    /** The query of the last list call (the review-state filter is ingest's, tested there). */
    lastListQuery?: Parameters<IngestApi['list']>[0]['query'];
  } = { uploads: 0, largestChunk: 0 };
  const attempts = new Map<string, number>();
  const store = (tenantId: string, view: DictationView) => {
    const m = byTenant.get(tenantId) ?? new Map<string, DictationView>();
    m.set(view.dictationId, view);
    byTenant.set(tenantId, m);
    return view;
  };
  const view = (providerId: string, kind: 'audio' | 'text', sizeBytes: number, sha256: string, synthetic: boolean): DictationView => ({
    dictationId: deps.newId(),
    providerId,
    kind,
    format: kind === 'text' ? 'text' : 'wav',
    synthetic,
    status: 'received',
    sizeBytes,
    sha256,
    createdAt: new Date(deps.clock()).toISOString(),
  });

  const client: IngestApi = {
    async uploadAudio({ params, headers, body }) {
      stats.lastIncident = headers['x-incident-number'];
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of body) {
        const b = chunk as Buffer;
        size += b.length;
        stats.largestChunk = Math.max(stats.largestChunk, b.length);
        hash.update(b);
      }
      if (size === 0) throw new ValidationError('audio body is empty');
      const sha256 = hash.digest('hex');
      // Ingest's rule in short (tested there): a declared digest must match, or nothing is kept.
      if (headers['x-content-sha256'] !== undefined && headers['x-content-sha256'] !== sha256)
        throw new ValidationError('audio does not match its declared sha256');
      stats.uploads++;
      return {
        ...store(params.tenantId, view(headers['x-provider-id'], 'audio', size, sha256, headers['x-synthetic'] === 'true')),
        deduplicated: false,
      };
    },
    async submitText({ params, headers, body: { text, incidentNumber } }) {
      stats.lastIncident = incidentNumber;
      const bytes = Buffer.byteLength(text);
      if (bytes > deps.maxTextBytes) throw new PayloadTooLargeError('text too large');
      const sha256 = createHash('sha256').update(text).digest('hex');
      return { ...store(params.tenantId, view(headers['x-provider-id'], 'text', bytes, sha256, true)), deduplicated: false };
    },
    async get({ params }) {
      const d = byTenant.get(params.tenantId)?.get(params.dictationId);
      if (d === undefined) throw new NotFoundError('dictation not found');
      return d;
    },
    // One page with everything (paging is ingest's, tested there).
    async list({ params, query }) {
      stats.lastListQuery = query;
      return {
        dictations: [...(byTenant.get(params.tenantId)?.values() ?? [])]
          .filter((d) => query?.providerId === undefined || d.providerId === query.providerId)
          .filter((d) => query?.status === undefined || d.status === query.status)
          .reverse(),
      };
    },
    // Ingest's rules in short (tested there): own dictations only, none once deleted, attempts counted.
    async reprocess({ params: { tenantId, dictationId: id }, headers }) {
      const d = byTenant.get(tenantId)?.get(id);
      if (d === undefined || d.providerId !== headers['x-provider-id']) throw new NotFoundError('dictation not found');
      if (d.status === 'deleted') throw new ConflictError('the dictation was deleted');
      const attempt = (attempts.get(id) ?? 1) + 1;
      attempts.set(id, attempt);
      return { ...d, attempt };
    },
    // Ingest's rules in short (tested there): its provider or an owner; the last correction is kept for the test to read.
    async correctIncident({ params: { tenantId, dictationId: id }, headers, body }) {
      const d = byTenant.get(tenantId)?.get(id);
      if (d === undefined || (d.providerId !== headers['x-provider-id'] && headers['x-actor-role'] !== 'owner'))
        throw new NotFoundError('dictation not found');
      if (d.status === 'deleted') throw new ConflictError('the dictation was deleted');
      stats.lastCorrection = { dictationId: id, actorId: headers['x-provider-id'], ...body };
      return d;
    },
    async remove({ params }) {
      const d = byTenant.get(params.tenantId)?.get(params.dictationId);
      if (d === undefined) throw new NotFoundError('dictation not found');
      d.status = 'deleted';
    },
  };
  return { client, stats, seed: store };
}

import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ConflictError, NotFoundError, PayloadTooLargeError, ValidationError, type Clock, type IdGenerator } from '@medicdraft/platform';
import type { DictationView, IngestClient } from '../clients/ingest-client.port.js';

/**
 * In-memory IngestClient for the gateway's tests (the gateway is under test, not ingest): keeps
 * metadata only, hashes and counts streamed audio without keeping it, and records the largest
 * chunk it saw so a test can tell the upload was streamed. Content is discarded.
 */
export function createMemoryIngestClient(deps: { clock: Clock; newId: IdGenerator; maxTextBytes: number }) {
  const byTenant = new Map<string, Map<string, DictationView>>();
  const stats = { uploads: 0, largestChunk: 0 };
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
    status: 'stored',
    sizeBytes,
    sha256,
    createdAt: new Date(deps.clock()).toISOString(),
  });

  const client: IngestClient = {
    async uploadAudio(who, body: Readable) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of body) {
        const b = chunk as Buffer;
        size += b.length;
        stats.largestChunk = Math.max(stats.largestChunk, b.length);
        hash.update(b);
      }
      if (size === 0) throw new ValidationError('audio body is empty');
      stats.uploads++;
      return store(who.tenantId, view(who.providerId, 'audio', size, hash.digest('hex'), false));
    },
    async submitText(who, text) {
      const bytes = Buffer.byteLength(text);
      if (bytes > deps.maxTextBytes) throw new PayloadTooLargeError('text too large');
      return store(who.tenantId, view(who.providerId, 'text', bytes, createHash('sha256').update(text).digest('hex'), true));
    },
    async get(tenantId, id) {
      return byTenant.get(tenantId)?.get(id);
    },
    // One page with everything (paging is ingest's, tested there).
    async list(tenantId, request) {
      return {
        dictations: [...(byTenant.get(tenantId)?.values() ?? [])]
          .filter((d) => request.providerId === undefined || d.providerId === request.providerId)
          .reverse(),
      };
    },
    // Ingest's rules in short (tested there): own dictations only, none once deleted, attempts counted.
    async reprocess(who, id) {
      const d = byTenant.get(who.tenantId)?.get(id);
      if (d === undefined || d.providerId !== who.providerId) throw new NotFoundError('dictation not found');
      if (d.status === 'deleted') throw new ConflictError('the dictation was deleted');
      const attempt = (attempts.get(id) ?? 1) + 1;
      attempts.set(id, attempt);
      return attempt;
    },
    async remove(who, id) {
      const d = byTenant.get(who.tenantId)?.get(id);
      if (d === undefined) throw new NotFoundError('dictation not found');
      d.status = 'deleted';
    },
  };
  return { client, stats, seed: store };
}

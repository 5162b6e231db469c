import { createHash } from 'node:crypto';
import { NotFoundError, type ObjectStore } from '@medicdraft/platform';
import type { RawScribeDocuments, ScribeEngine, ScribeJobSpec, ScribeJobStatus } from './scribe-engine.port.js';

export interface SyntheticEngineDeps {
  objects: ObjectStore;
  /** Synthetic text → the two HealthScribe-shaped documents (`@medicdraft/healthscribe-documents`). */
  draft(text: string): RawScribeDocuments;
  /** Refuse to read more than this (the intake limit, re-checked here). */
  maxTextBytes: number;
}

/**
 * The sandbox engine: drafts HealthScribe-shaped documents from synthetic text, in process, with
 * no quota. There is no remote job to start, so the work happens when the status is read; the
 * input digest is checked so a substituted object is never drafted.
 */
export function createSyntheticEngine(deps: SyntheticEngineDeps): ScribeEngine {
  return {
    name: 'synthetic',
    quota: null,
    async start() {},
    async status(spec: ScribeJobSpec): Promise<ScribeJobStatus> {
      let text: Buffer;
      try {
        text = await readBounded(deps.objects, spec, deps.maxTextBytes);
      } catch (err) {
        if (err instanceof NotFoundError || err instanceof RangeError) return { state: 'failed', reason: 'media_unreadable' };
        throw err;
      }
      if (createHash('sha256').update(text).digest('hex') !== spec.inputSha256) return { state: 'failed', reason: 'media_unreadable' };
      const documents = deps.draft(text.toString('utf8'));
      return { state: 'completed', documents: async () => documents };
    },
  };
}

async function readBounded(objects: ObjectStore, spec: ScribeJobSpec, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await objects.get(spec.input)) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) throw new RangeError('synthetic text exceeds the configured limit');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

import type { Readable } from 'node:stream';
import { decodeDictationCursor, encodeDictationCursor } from '@medicdraft/contracts';
import { ValidationError } from '@medicdraft/platform';
import type { DictationView, IngestClient, IntakeActor } from './ingest-client.port.js';

/** The part of ingest's `DictationIntake` the gateway uses (structural: no package dependency). */
export interface InProcessIntake {
  acceptAudio(req: IntakeActor, body: Readable, declaredLength?: number): Promise<IntakeRecord>;
  acceptText(req: IntakeActor, text: string): Promise<IntakeRecord>;
  get(tenantId: string, dictationId: string): Promise<IntakeRecord | undefined>;
  list(
    tenantId: string,
    query: { providerId?: string | undefined; limit: number; after?: IntakeCursor | undefined },
  ): Promise<{ items: IntakeRecord[]; next?: IntakeCursor }>;
  remove(req: IntakeActor, dictationId: string): Promise<unknown>;
  reprocess(req: IntakeActor, dictationId: string): Promise<{ attempt: number }>;
}

/** Ingest's page position; the in-process adapter encodes it as ingest's HTTP API does (one codec). */
export interface IntakeCursor {
  createdAt: Date;
  id: string;
}

function decodeCursor(cursor: string): IntakeCursor {
  const decoded = decodeDictationCursor(cursor);
  if (decoded === undefined) throw new ValidationError('invalid cursor');
  return decoded;
}

/** Ingest's stored record; it carries the object reference, which must not pass this adapter. */
export interface IntakeRecord extends Omit<DictationView, 'dictationId' | 'createdAt'> {
  id: string;
  createdAt: Date;
}

export function toDictationView(r: IntakeRecord): DictationView {
  return {
    dictationId: r.id,
    providerId: r.providerId,
    kind: r.kind,
    format: r.format,
    synthetic: r.synthetic,
    status: r.status,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Embedded mode: calls the ingest service's intake in the same process. */
export function createInProcessIngestClient(intake: InProcessIntake): IngestClient {
  return {
    uploadAudio: async (who, body) => toDictationView(await intake.acceptAudio(who, body)),
    submitText: async (who, text) => toDictationView(await intake.acceptText(who, text)),
    get: async (tenantId, id) => {
      const found = await intake.get(tenantId, id);
      return found === undefined ? undefined : toDictationView(found);
    },
    list: async (tenantId, request) => {
      const page = await intake.list(tenantId, {
        providerId: request.providerId,
        limit: request.limit ?? 50,
        after: request.cursor === undefined ? undefined : decodeCursor(request.cursor),
      });
      return {
        dictations: page.items.map(toDictationView),
        ...(page.next === undefined ? {} : { nextCursor: encodeDictationCursor(page.next) }),
      };
    },
    reprocess: async (who, dictationId) => (await intake.reprocess(who, dictationId)).attempt,
    remove: async (who, dictationId) => {
      await intake.remove(who, dictationId);
    },
  };
}

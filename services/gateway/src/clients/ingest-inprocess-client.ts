import type { Readable } from 'node:stream';
import type { DictationView, IngestClient, IntakeActor } from './ingest-client.port.js';
import { NotAvailableError } from './not-available-error.js';

/** The part of ingest's `DictationIntake` the gateway uses (structural: no package dependency). */
export interface InProcessIntake {
  acceptAudio(req: IntakeActor, body: Readable, declaredLength?: number): Promise<IntakeRecord>;
  acceptText(req: IntakeActor, text: string): Promise<IntakeRecord>;
  get(tenantId: string, dictationId: string): Promise<IntakeRecord | undefined>;
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
    list: async () => { throw new NotAvailableError('listing dictations'); },
    reprocess: async () => { throw new NotAvailableError('reprocessing a dictation'); },
    remove: async () => { throw new NotAvailableError('deleting a dictation'); },
  };
}

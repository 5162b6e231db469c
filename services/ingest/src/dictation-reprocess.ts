import type { DomainEvent } from '@medicdraft/contracts';
import { buildEvent, type Clock, ConflictError, type Database, type IdGenerator, type Logger, NotFoundError } from '@medicdraft/platform';
import { requestEnvelope, type IntakeRequest } from './dictation-intake.js';
import { findDictation, recordReprocessRequest, type DictationRecord } from './dictation.repository.js';

/** Attempts a dictation may have in all (the original and its reprocessings): each one is a paid HealthScribe job. */
const MAX_ATTEMPTS = 5;

export interface DictationReprocessDeps {
  db: Database;
  /** Refuses work the tenant's gate does not allow (the intake's check: PHI for audio). */
  assertGate(tenantId: string, phi: boolean): void;
  logger: Logger;
  clock: Clock;
  newId: IdGenerator;
}

/**
 * Asks for a dictation to be transcribed and drafted again. Contract:
 * - only the provider who dictated it may (anyone else: not found, so its existence is not disclosed);
 * - a deleted dictation, or one that has had MAX_ATTEMPTS attempts, is a conflict (409);
 * - the gate is checked as for intake (audio needs PHI mode);
 * - the attempt counter and `dictation.reprocess.requested` (attempt 2, 3, …) commit together
 *   through the outbox, so every accepted request reaches scribe exactly once as a new attempt.
 * Returns the dictation and the attempt number it was given.
 */
export function createDictationReprocess(deps: DictationReprocessDeps) {
  const { db, logger } = deps;

  function requestEvent(req: IntakeRequest, d: DictationRecord, attempt: number): DomainEvent {
    const source = d.format === 'text' ? { kind: 'text' as const } : { kind: 'audio' as const, mediaFormat: d.format };
    return buildEvent(
      'dictation.reprocess.requested',
      {
        ...requestEnvelope(req, d),
        payload: {
          dictationId: d.id,
          providerId: d.providerId,
          requestedBy: req.providerId,
          attempt,
          objectRef: { bucket: d.objectRef.bucket, key: d.objectRef.key },
          sha256: d.sha256,
          sizeBytes: d.sizeBytes,
          ...source,
        },
      },
      deps,
    );
  }

  return async function reprocess(req: IntakeRequest, dictationId: string): Promise<{ dictation: DictationRecord; attempt: number }> {
    const found = await db.withTenant(req.tenantId, (tx) => findDictation(tx, dictationId));
    if (found === undefined || found.providerId !== req.providerId) throw new NotFoundError('dictation not found');
    if (found.status === 'deleted') throw new ConflictError('the dictation was deleted');
    deps.assertGate(found.tenantId, found.kind === 'audio');
    const attempt = await db.withTenant(found.tenantId, (tx) =>
      recordReprocessRequest(tx, found.id, MAX_ATTEMPTS, (next) => requestEvent(req, found, next)),
    );
    if (attempt === undefined) throw new ConflictError(`the dictation has had ${MAX_ATTEMPTS} attempts, the most allowed`);
    logger.info({ tenantId: found.tenantId, dictationId: found.id, attempt }, 'dictation reprocess requested');
    return { dictation: { ...found, lifecycle: 'received', lifecycleReason: null }, attempt };
  };
}

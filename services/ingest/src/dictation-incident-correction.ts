import type { DomainEvent } from '@medicdraft/contracts';
import {
  buildEvent,
  type Clock,
  ConflictError,
  type Database,
  type IdGenerator,
  type IncidentKeyer,
  type Logger,
  NotFoundError,
  ValidationError,
} from '@medicdraft/platform';
import { requestEnvelope, type IntakeRequest } from './dictation-intake.js';
import { findDictation, lockIncidentKey, recordIncidentCorrection, type DictationRecord } from './dictation.repository.js';

export interface DictationIncidentCorrectionDeps {
  db: Database;
  logger: Logger;
  clock: Clock;
  newId: IdGenerator;
  /** Keys the number as intake does; absent (not configured): a correction is refused like an intake naming one. */
  incidentKey?: IncidentKeyer | undefined;
}

export interface IncidentCorrection {
  incidentNumber: string;
  /** Why the number changes (kept by ingest with the correction; never in the event or a log). */
  reason: string;
}

/**
 * Sets or corrects the ePCR incident number of a dictation. Contract:
 * - only its provider or an owner may (anyone else: not found, so its existence is not disclosed);
 *   a deleted dictation is a conflict (409), as is a "correction" to the number it already has;
 * - the number is keyed at once and never stored: the correction row keeps the previous and new
 *   keys and the reason; the dictation moves to the new key; `dictation.incident.corrected`
 *   (both keys, nothing else) commits with them through the outbox, so the per-incident report
 *   follows exactly the corrections that happened;
 * - not gated: it changes metadata only, like a deletion's bookkeeping, and reads no content.
 */
export function createDictationIncidentCorrection(deps: DictationIncidentCorrectionDeps) {
  const { db, logger } = deps;

  function correctedEvent(req: IntakeRequest, d: DictationRecord, eventId: string, previous: string | null, next: string): DomainEvent {
    return buildEvent(
      'dictation.incident.corrected',
      {
        ...requestEnvelope(req, d),
        payload: { dictationId: d.id, ...(previous === null ? {} : { previousIncidentKey: previous }), incidentKey: next },
      },
      { clock: deps.clock, newId: () => eventId },
    );
  }

  return async function correctIncident(req: IntakeRequest, dictationId: string, correction: IncidentCorrection): Promise<DictationRecord> {
    if (deps.incidentKey === undefined) throw new ValidationError('incident numbers are not enabled on this deployment');
    const reason = correction.reason.trim();
    if (reason.length === 0 || reason.length > 500) throw new ValidationError('a reason of 1-500 characters is required');
    const next = deps.incidentKey(req.tenantId, correction.incidentNumber);
    const d = await db.withTenant(req.tenantId, async (tx) => {
      const found = await findDictation(tx, dictationId);
      if (found === undefined || (found.providerId !== req.providerId && req.role !== 'owner'))
        throw new NotFoundError('dictation not found');
      if (found.status === 'deleted') throw new ConflictError('the dictation was deleted');
      const current = await lockIncidentKey(tx, found.id);
      const previous = current?.incidentKey ?? null;
      if (previous === next) throw new ConflictError('the dictation already has this incident number');
      const eventId = deps.newId();
      await recordIncidentCorrection(
        tx,
        {
          tenantId: found.tenantId,
          eventId,
          dictationId: found.id,
          previousKey: previous,
          incidentKey: next,
          reason,
          actorId: req.providerId,
          actorRole: req.role ?? 'provider',
          correctedAt: new Date(deps.clock()),
        },
        correctedEvent(req, found, eventId, previous, next),
      );
      return found;
    });
    logger.info({ tenantId: d.tenantId, dictationId: d.id }, 'dictation incident number corrected');
    return d;
  };
}

import { posix } from 'node:path';
import { toRecord, type DataClass, type DomainEvent } from '@medicdraft/contracts';
import {
  type BucketRole,
  buildEvent,
  type Clock,
  type Database,
  DependencyUnavailableError,
  type EventPublisher,
  type IdGenerator,
  type Logger,
  NotFoundError,
  type ObjectRef,
  type ObjectStore,
} from '@medicdraft/platform';
import { requestEnvelope, type IntakeRequest } from './dictation-intake.js';
import { findDictation, markDictationDeleted, type DictationRecord } from './dictation.repository.js';

export interface DictationDeletionDeps {
  db: Database;
  objects: ObjectStore;
  /** The bus itself, not the outbox: the audit event must be durable before anything is deleted. */
  publisher: EventPublisher;
  /** Refuses work the tenant's gate does not allow (the intake's check: PHI for audio). */
  assertGate(tenantId: string, phi: boolean): void;
  logger: Logger;
  clock: Clock;
  newId: IdGenerator;
}

/** What a stored file of a dictation is, by its name (ingest's own files, scribe's outputs, narrative versions). */
function dataClassOf(bucket: BucketRole, key: string): DataClass {
  const name = posix.basename(key);
  if (bucket === 'input') return name.startsWith('audio.') ? 'audio_recording' : 'dictation_text';
  if (name === 'transcript.json') return 'transcript';
  if (name === 'clinical-document.json') return 'clinical_document';
  if (posix.basename(posix.dirname(key)) === 'narrative') return 'narrative';
  return 'ai_artifact';
}

/**
 * Deletes a dictation's objects on a tenant request. Contract (audit before action,
 * docs/architecture.md "Audit before action"):
 * - every object under the dictation's folder (`{tenant}/{yyyy}/{mm}/{dd}/{id}/` in the input and
 *   output buckets: the dictation, the scribe outputs, narrative versions) gets a
 *   `retention.object.deleted` event, published straight to the bus and awaited (acks=all) BEFORE
 *   the first delete; when the bus cannot take them the deletion fails closed (503
 *   dependency_unavailable) and every object remains;
 * - only then are the objects deleted and the row marked `deleted` (it keeps the metadata);
 * - a failure midway leaves the row `stored`: a retry lists what remains and audits it again;
 * - deleting a dictation that is already deleted is a no-op; another tenant's is not found.
 */
export function createDictationDeletion(deps: DictationDeletionDeps) {
  const { db, objects, logger } = deps;

  async function filesOf(d: DictationRecord): Promise<ObjectRef[]> {
    const folder = posix.dirname(d.objectRef.key);
    const relative = `${folder.slice(d.tenantId.length + 1)}/`;
    const refs: ObjectRef[] = [];
    for (const bucket of ['input', 'output'] as const) {
      for (const key of await objects.list(d.tenantId, bucket, relative)) refs.push({ tenantId: d.tenantId, bucket, key });
    }
    return refs;
  }

  function deletionEvent(req: IntakeRequest, d: DictationRecord, ref: ObjectRef): DomainEvent {
    return buildEvent(
      'retention.object.deleted',
      {
        ...requestEnvelope(req, d),
        payload: {
          objectRef: { bucket: ref.bucket, key: ref.key },
          reason: 'tenant_request',
          dataClass: dataClassOf(ref.bucket, ref.key),
          dictationId: d.id,
        },
      },
      deps,
    );
  }

  return async function remove(req: IntakeRequest, dictationId: string): Promise<DictationRecord> {
    const d = await db.withTenant(req.tenantId, (tx) => findDictation(tx, dictationId));
    if (d === undefined) throw new NotFoundError('dictation not found');
    if (d.status === 'deleted') return d;
    deps.assertGate(d.tenantId, d.kind === 'audio');
    const files = await filesOf(d);
    const events = files.map((ref) => deletionEvent(req, d, ref));
    try {
      await deps.publisher.publish(events.map(toRecord));
    } catch (err) {
      logger.warn(
        { tenantId: d.tenantId, dictationId: d.id, err: { code: (err as { code?: unknown }).code } },
        'deletion refused: its audit events are not durable',
      );
      throw err instanceof DependencyUnavailableError ? err : new DependencyUnavailableError('kafka', err);
    }
    for (const ref of files) await objects.delete(ref);
    const at = new Date(deps.clock());
    await db.withTenant(d.tenantId, (tx) => markDictationDeleted(tx, d.id, at));
    logger.info({ tenantId: d.tenantId, dictationId: d.id, objects: files.length }, 'dictation deleted');
    return { ...d, status: 'deleted' };
  };
}

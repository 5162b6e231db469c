import { posix } from 'node:path';
import { createEvent, type DomainEvent, type ScribeFailureReason, toRecord } from '@medicdraft/contracts';
import {
  appendToOutbox,
  buildEvent,
  type Clock,
  type Database,
  type IdGenerator,
  type ObjectRef,
  type ObjectStore,
  type Queryable,
} from '@medicdraft/platform';
import type { RawScribeDocuments } from '../engine/scribe-engine.port.js';
import { rollOverRequestedAttempt, updateLeasedJob, type JobRow, type JobUpdate } from './job-store.js';

/** Where finished outputs go and how they are checked before anyone downstream sees them. */
export interface JobOutputs {
  objects: ObjectStore;
  /** Tolerant validation of both documents; throws when they are unusable. Returns the segment count. */
  validate(documents: RawScribeDocuments): { segmentCount: number };
}

interface OutcomeDeps {
  db: Database;
  outputs: JobOutputs;
  clock: Clock;
  newId: IdGenerator;
  owner: string;
}

/**
 * Validates and stores both output documents next to the dictation (output bucket, same
 * `{tenantId}/{yyyy}/{mm}/{dd}/{dictationId}/` folder — `attempt-N/` below it for a reprocess —
 * encrypted under the tenant's context), then
 * in one transaction marks the job completed and queues `healthscribe.output.received`. Storing
 * first is safe: a crash before the commit leaves the job running and the next step rewrites the
 * same keys.
 */
export async function completeJob(
  deps: OutcomeDeps,
  job: JobRow,
  documents: RawScribeDocuments,
): Promise<{ ok: true } | { ok: false; reason: ScribeFailureReason }> {
  let segmentCount: number;
  try {
    ({ segmentCount } = deps.outputs.validate(documents));
  } catch {
    return { ok: false, reason: 'output_invalid' };
  }
  // Attempt 1 beside the input; a reprocess in its own sub-folder, so earlier outputs stay intact
  // (the digests in their `healthscribe.output.received` events keep matching).
  const folder = job.attempt === 1 ? posix.dirname(job.inputKey) : `${posix.dirname(job.inputKey)}/attempt-${job.attempt}`;
  const transcriptRef: ObjectRef = { tenantId: job.tenantId, bucket: 'output', key: `${folder}/transcript.json` };
  const documentRef: ObjectRef = { tenantId: job.tenantId, bucket: 'output', key: `${folder}/clinical-document.json` };
  const [transcript, clinical] = await Promise.all([
    deps.outputs.objects.put(transcriptRef, Buffer.from(JSON.stringify(documents.transcript)), { contentType: 'application/json' }),
    deps.outputs.objects.put(documentRef, Buffer.from(JSON.stringify(documents.clinicalDocument)), { contentType: 'application/json' }),
  ]);
  const event = build(deps, job, 'healthscribe.output.received', {
    dictationId: job.dictationId,
    jobName: job.jobName,
    engine: job.engine,
    attempt: job.attempt,
    transcriptRef: { bucket: 'output', key: transcriptRef.key },
    clinicalDocumentRef: { bucket: 'output', key: documentRef.key },
    segmentCount,
    transcriptSha256: transcript.sha256,
    clinicalDocumentSha256: clinical.sha256,
    transcriptSizeBytes: transcript.size,
    clinicalDocumentSizeBytes: clinical.size,
  });
  await writeOutcome(deps, job, { state: 'completed', nextRunAt: deps.clock() }, event);
  return { ok: true };
}

/**
 * Records a failed attempt with `healthscribe.job.failed` in the same transaction. `retryable`
 * failures keep the job pending for another start (the update schedules it); final ones end it.
 */
export async function recordFailure(
  deps: OutcomeDeps,
  job: JobRow,
  reason: ScribeFailureReason,
  opts: { retryable: boolean; update: Omit<JobUpdate, 'state' | 'failureReason'> },
): Promise<boolean> {
  const event = build(deps, job, 'healthscribe.job.failed', {
    dictationId: job.dictationId,
    jobName: job.jobName,
    engine: job.engine,
    attempt: job.attempt,
    reasonCode: reason,
    retryable: opts.retryable,
  });
  const update: JobUpdate = opts.retryable ? opts.update : { ...opts.update, state: 'failed', failureReason: reason };
  return writeOutcome(deps, job, update, event);
}

async function writeOutcome(deps: OutcomeDeps, job: JobRow, update: JobUpdate, event: DomainEvent): Promise<boolean> {
  return deps.db.withTenant(job.tenantId, async (tx: Queryable) => {
    // Only the lease holder may write an outcome; a worker that lost its lease writes nothing.
    const updated = await updateLeasedJob(tx, job.dictationId, deps.owner, update);
    if (updated === undefined) return false;
    // An attempt that ends hands the row to a reprocess requested meanwhile (due at once).
    const ended = update.state === 'completed' || update.state === 'failed';
    if (ended && updated.reprocessWaiting) await rollOverRequestedAttempt(tx, job.dictationId, deps.newId(), deps.clock());
    await appendToOutbox(tx, [toRecord(event)]);
    return true;
  });
}

function build<T extends 'healthscribe.output.received' | 'healthscribe.job.failed'>(
  deps: OutcomeDeps,
  job: JobRow,
  type: T,
  payload: Parameters<typeof createEvent<T>>[1]['payload'],
): DomainEvent {
  return buildEvent(
    type,
    {
      tenantId: job.tenantId,
      actor: { type: 'service', id: 'scribe' },
      correlationId: job.dictationId,
      causationId: job.startedEventId,
      payload,
    },
    deps,
  );
}

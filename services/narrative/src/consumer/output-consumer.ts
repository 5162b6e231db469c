import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import {
  decodeEvent,
  type HealthscribeOutputReceivedEvent,
  type NarrativeDrafting,
  type NarrativeTemplate,
  TOPIC,
  toRecord,
} from '@medicdraft/contracts';
import { safeParseClinicalDocument, safeParseTranscript } from '@medicdraft/healthscribe-documents';
import {
  appendToOutbox,
  AppError,
  type Applied,
  buildEvent,
  type Clock,
  type ConsumedRecord,
  type Database,
  type IdGenerator,
  type Logger,
  annotateLogContext,
  MalformedEventError,
  type ObjectRef,
  type ObjectStore,
  type OutboxRecord,
  type ParkingWork,
  type Prepared,
  processOnceAll,
  type RecordWork,
} from '@medicdraft/platform';
import type { ComposedNarrative, NarrativeDocuments } from '../compose/compose-narrative.js';
import type { NarrativeDrafter } from '../drafting/narrative-drafter.port.js';
import { insertNextVersion, narrativeIdFor } from '../narrative.repository.js';
import { currentTemplate } from '../templates/template.repository.js';
import { readVerifiedDocument } from './read-document.js';
import type { NarrativeContent } from '../review/narrative-content.js';

/** Consumer group of the narrative service (instances share the partitions). */
export const NARRATIVE_GROUP = 'narrative';

export interface OutputWorkDeps {
  db: Database;
  objects: ObjectStore;
  logger: Logger;
  clock: Clock;
  newId: IdGenerator;
  /** The template a tenant's narratives use (DRAATT unless configured otherwise). */
  templateFor(tenantId: string): NarrativeTemplate;
  maxDocumentBytes: number;
  /** Drafts the narrative (the rule engine, or a model behind the grounding verifier). */
  drafter: NarrativeDrafter;
  /** Told the lineage of every version committed (metrics). */
  onDrafted?: (lineage: NarrativeDrafting) => void;
  /** Records of one batch drafted at the same time (object reads, drafting, the content write). Default 4. */
  draftConcurrency?: number;
}

/**
 * Where a narrative's content lives: in the dictation's own folder (the one scribe stored the
 * transcript in, above any `attempt-N/`), one object per source event. Taken from the transcript's
 * key rather than from today's date, so a draft made on a later day (a reprocess, a backlog after
 * a halt) still sits where a deletion of the dictation looks for its objects.
 */
export function contentRefFor(event: HealthscribeOutputReceivedEvent): ObjectRef {
  const folder = posix.dirname(event.payload.transcriptRef.key).replace(/\/attempt-\d+$/, '');
  if (!folder.startsWith(`${event.tenantId}/`) || !folder.endsWith(`/${event.payload.dictationId}`)) {
    throw new MalformedEventError('transcriptRef is not in the dictation folder of this tenant');
  }
  return { tenantId: event.tenantId, bucket: 'output', key: `${folder}/narrative/${event.id}.json` };
}

/**
 * Which of these events the tenant handled already, and its current template: one transaction for
 * both reads (the dedupe mark itself is written with the version, in `apply`).
 */
async function templateAndProcessed(
  db: Database,
  tenantId: string,
  eventIds: readonly string[],
  name: NarrativeTemplate,
): Promise<{ template: Awaited<ReturnType<typeof currentTemplate>>; processed: Set<string> }> {
  return db.withTenant(tenantId, async (tx) => {
    const seen = await tx.query<{ event_id: string }>(
      'SELECT event_id::text AS event_id FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])',
      [NARRATIVE_GROUP, eventIds],
    );
    return { template: await currentTemplate(tx, tenantId, name), processed: new Set(seen.rows.map((r) => r.event_id.toLowerCase())) };
  });
}

/** A drafted narrative whose content is stored, waiting for its version row and event. */
export interface DraftedOutput {
  event: HealthscribeOutputReceivedEvent;
  narrative: ComposedNarrative;
  lineage: NarrativeDrafting;
  contentRef: ObjectRef;
  /** The stored content's size (usage counts it as the narrative data class). */
  contentBytes: number;
  narrativeId: string;
  sha256: string;
}

/** Validates the envelope first; HealthScribe output is PHI work, synthetic output is not. */
export function classifyOutputRecord(record: ConsumedRecord): RecordWork {
  const parsed = decodeEvent(record.value, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED);
  if (!parsed.ok) throw new MalformedEventError(parsed.error.message);
  annotateLogContext({ tenantId: parsed.value.tenantId, correlationId: parsed.value.correlationId });
  return {
    tenantId: parsed.value.tenantId,
    phi: parsed.value.payload.engine === 'healthscribe',
    occurredAt: Date.parse(parsed.value.occurredAt),
  };
}

/**
 * `healthscribe.output.received` → a new immutable narrative version + `narrative.generated`.
 * Runs behind the parking consumer (service.ts), which checks the tenant and its gate first, in two
 * steps per tenant and batch. `prepare`, outside any transaction: one read transaction (which
 * events were handled already, the template), then per new event the documents read through their
 * refs and checked against the digests, the narrative drafted and its content (PHI) written to the
 * encrypted object store — slow, remote work that must not hold a transaction (or a pooled
 * connection) open, and may run for several records at once. `apply`, in the tenant's one
 * transaction of the batch: the dedupe marks of all of them in one statement, the version rows in
 * order, and all `narrative.generated` events in one outbox insert. The parking consumer checks
 * the gate again between the two (drafting takes long enough for a halt to come meanwhile; no
 * narrative may appear after it). Logs carry ids and counts.
 */
export function createOutputWork(deps: OutputWorkDeps): ParkingWork<DraftedOutput> {
  const concurrency = Math.max(1, deps.draftConcurrency ?? 4);
  return {
    async prepare(tenantId, records) {
      const decoded = records.map((record) => {
        const parsed = decodeEvent(record.value, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED);
        return parsed.ok ? parsed.value : new MalformedEventError(parsed.error.message);
      });
      const events = decoded.filter((d): d is HealthscribeOutputReceivedEvent => !(d instanceof Error));
      // Not awaited yet: the first documents are read while this transaction runs (a redelivered
      // event's read is thrown away). Its failure still fails the whole batch, never one record.
      const lookup = templateAndProcessed(
        deps.db,
        tenantId,
        events.map((e) => e.id),
        deps.templateFor(tenantId),
      );
      lookup.catch(() => undefined);
      const results: Prepared<DraftedOutput>[] = new Array<Prepared<DraftedOutput>>(records.length);
      let next = 0;
      const drafter = async () => {
        for (let i = next++; i < records.length; i = next++) {
          const event = decoded[i]!;
          if (event instanceof Error) {
            results[i] = { action: 'fail', error: event };
            continue;
          }
          // Handled now, awaited below: a failed read of a redelivered event is never observed.
          const documents = readDocuments(deps, event);
          documents.catch(() => undefined);
          const { template, processed } = await lookup;
          if (processed.has(event.id.toLowerCase())) results[i] = { action: 'done' };
          else {
            try {
              results[i] = { action: 'apply', value: await draftOne(deps, event, await documents, template) };
            } catch (error) {
              results[i] = { action: 'fail', error };
            }
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, records.length) }, drafter));
      return results;
    },

    async apply(tx, tenantId, items): Promise<Applied[]> {
      const fresh = await processOnceAll(
        tx,
        NARRATIVE_GROUP,
        items.map((i) => i.value.event.id),
        tenantId,
      );
      const generated: OutboxRecord[] = [];
      const results: Applied[] = [];
      for (const { value: d } of items) {
        if (!fresh.delete(d.event.id.toLowerCase())) {
          results.push({ action: 'done' });
          continue;
        }
        const version = await insertVersion(deps, tx, d);
        generated.push(toRecord(generatedEvent(deps, d, version)));
        results.push({ action: 'done', afterCommit: () => drafted(deps, d, version) });
      }
      await appendToOutbox(tx, generated);
      return results;
    },
  };
}

/** Both documents of an output, read through their refs, checked against the digests and parsed. */
async function readDocuments(deps: OutputWorkDeps, event: HealthscribeOutputReceivedEvent): Promise<NarrativeDocuments> {
  const p = event.payload;
  const [transcriptBytes, documentBytes] = await Promise.all([
    readVerifiedDocument(deps.objects, { tenantId: event.tenantId, ...p.transcriptRef }, p.transcriptSha256, deps.maxDocumentBytes),
    readVerifiedDocument(
      deps.objects,
      { tenantId: event.tenantId, ...p.clinicalDocumentRef },
      p.clinicalDocumentSha256,
      deps.maxDocumentBytes,
    ),
  ]);
  const transcript = safeParseTranscript(transcriptBytes);
  const clinicalDocument = safeParseClinicalDocument(documentBytes);
  if (!transcript.ok || !clinicalDocument.ok) {
    const error = transcript.ok ? (clinicalDocument.ok ? undefined : clinicalDocument.error) : transcript.error;
    throw new AppError('output_invalid', error?.message ?? 'invalid HealthScribe output', { deadLetter: true });
  }
  return { transcript: transcript.value, clinicalDocument: clinicalDocument.value };
}

/** Drafts the narrative from the read documents and stores its content (no transaction). */
async function draftOne(
  deps: OutputWorkDeps,
  event: HealthscribeOutputReceivedEvent,
  documents: NarrativeDocuments,
  template: Awaited<ReturnType<typeof currentTemplate>>,
): Promise<DraftedOutput> {
  const p = event.payload;
  const { narrative, lineage } = await deps.drafter.draft(documents, template, {
    tenantId: event.tenantId,
    dictationId: p.dictationId,
  });
  const contentRef = contentRefFor(event);
  const narrativeId = narrativeIdFor(event.tenantId, p.dictationId);
  const sha256 = createHash('sha256').update(narrative.text, 'utf8').digest('hex');
  // Written before the transaction under a key fixed by the event id: a redelivery after a crash
  // (or a record parked because the gate closed meanwhile, run again later) overwrites the same
  // object, so a failed commit leaves no second copy behind.
  const stored = await deps.objects.put(
    contentRef,
    Buffer.from(JSON.stringify(contentOf(narrativeId, p.dictationId, narrative, documents.transcript.segments)), 'utf8'),
    { contentType: 'application/json' },
  );
  return { event, narrative, lineage, contentRef, contentBytes: stored.size, narrativeId, sha256 };
}

function insertVersion(deps: OutputWorkDeps, tx: Parameters<ParkingWork<DraftedOutput>['apply']>[0], d: DraftedOutput): Promise<number> {
  const { event, narrative } = d;
  return insertNextVersion(tx, {
    tenantId: event.tenantId,
    narrativeId: d.narrativeId,
    dictationId: event.payload.dictationId,
    template: narrative.template,
    templateVersion: narrative.templateVersion,
    engine: event.payload.engine,
    engineVersion: narrative.engineVersion,
    sourceEventId: event.id,
    contentRef: d.contentRef,
    sha256: d.sha256,
    sentenceCount: narrative.sentenceCount,
    missingElements: narrative.missingElements,
    createdAt: new Date(deps.clock()).toISOString(),
    drafting: d.lineage,
  });
}

function generatedEvent(deps: OutputWorkDeps, d: DraftedOutput, version: number) {
  const { event, narrative } = d;
  return buildEvent(
    TOPIC.NARRATIVE_GENERATED,
    {
      tenantId: event.tenantId,
      actor: { type: 'service', id: 'narrative' },
      correlationId: event.correlationId,
      causationId: event.id,
      payload: {
        dictationId: event.payload.dictationId,
        narrativeId: d.narrativeId,
        version,
        template: narrative.template,
        templateVersion: narrative.templateVersion,
        engineVersion: narrative.engineVersion,
        sentenceCount: narrative.sentenceCount,
        missingElements: narrative.missingElements,
        sha256: d.sha256,
        drafting: d.lineage,
        contentRef: { bucket: d.contentRef.bucket, key: d.contentRef.key },
        contentBytes: d.contentBytes,
      },
    },
    { clock: deps.clock, newId: deps.newId },
  );
}

/** After the commit: metrics and the log line of one new version. */
function drafted(deps: OutputWorkDeps, d: DraftedOutput, version: number): void {
  const { narrative, lineage } = d;
  annotateLogContext({ tenantId: d.event.tenantId, correlationId: d.event.correlationId });
  deps.onDrafted?.(lineage);
  deps.logger.info(
    {
      dictationId: d.event.payload.dictationId,
      narrativeId: d.narrativeId,
      version,
      template: narrative.template,
      sentenceCount: narrative.sentenceCount,
      missingCount: narrative.missing.length,
      drafter: lineage.drafter,
      ...(lineage.fallbackReason === undefined ? {} : { fallbackReason: lineage.fallbackReason }),
      ...(lineage.verdicts === undefined ? {} : { verdicts: lineage.verdicts }),
    },
    'narrative generated',
  );
}

/**
 * The stored content of one version: everything the review screen needs (PHI, encrypted at
 * rest), including the transcript segments so evidence can be shown in the transcript
 * (shape: review/narrative-content.ts).
 */
export function contentOf(
  narrativeId: string,
  dictationId: string,
  n: ComposedNarrative,
  segments: readonly { id: string; content: string }[],
): NarrativeContent {
  return {
    narrativeId,
    dictationId,
    template: n.template,
    templateVersion: n.templateVersion,
    engineVersion: n.engineVersion,
    sections: n.sections.map((s) => ({ ...s, sentences: s.sentences.map((x) => ({ ...x, source: 'dictation' as const })) })),
    missing: n.missing,
    resolved: [],
    segments: segments.map((s) => ({ id: s.id, text: s.content })),
    reviewNotes: n.reviewNotes,
    handoff: n.handoff,
    text: n.text,
  };
}

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
  buildEvent,
  type Clock,
  type ConsumedRecord,
  type Database,
  type GateView,
  type HandleResult,
  type IdGenerator,
  type Logger,
  annotateLogContext,
  MalformedEventError,
  type ObjectRef,
  type ObjectStore,
  processOnce,
  type RecordHandler,
  type RecordWork,
} from '@medicdraft/platform';
import type { ComposedNarrative } from '../compose/compose-narrative.js';
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
  gates: GateView;
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
 * The tenant's current template, or undefined when the event was handled already. One transaction
 * for both reads (each transaction is a round trip for BEGIN and one for COMMIT on top of its
 * statements); the dedupe mark itself is written with the version, below.
 */
async function templateUnlessProcessed(
  db: Database,
  event: HealthscribeOutputReceivedEvent,
  name: NarrativeTemplate,
): Promise<Awaited<ReturnType<typeof currentTemplate>> | undefined> {
  return db.withTenant(event.tenantId, async (tx) => {
    const seen = await tx.query('SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2', [NARRATIVE_GROUP, event.id]);
    return seen.rows.length > 0 ? undefined : currentTemplate(tx, event.tenantId, name);
  });
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
 * Runs behind the parking consumer (service.ts), which checks the tenant and its gate first.
 * The documents are read through the refs and checked against the digests; the narrative
 * content (PHI) goes to the encrypted object store before the row and the event commit together,
 * with the dedupe mark, in one transaction. Logs carry ids and counts.
 */
export function createOutputWork(deps: OutputWorkDeps): RecordHandler {
  return async (record): Promise<HandleResult> => {
    const parsed = decodeEvent(record.value, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED);
    if (!parsed.ok) throw new MalformedEventError(parsed.error.message);
    const event = parsed.value;
    annotateLogContext({ tenantId: event.tenantId, correlationId: event.correlationId });
    const p = event.payload;
    const template = await templateUnlessProcessed(deps.db, event, deps.templateFor(event.tenantId));
    if (template === undefined) return { action: 'done' };

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

    const { narrative, lineage } = await deps.drafter.draft(
      { transcript: transcript.value, clinicalDocument: clinicalDocument.value },
      template,
      {
        tenantId: event.tenantId,
        dictationId: p.dictationId,
      },
    );
    const contentRef = contentRefFor(event);
    const narrativeId = narrativeIdFor(event.tenantId, p.dictationId);
    const sha256 = createHash('sha256').update(narrative.text, 'utf8').digest('hex');
    // Written before the transaction under a key fixed by the event id: a redelivery after a crash
    // overwrites the same object, so a failed commit leaves no second copy behind.
    await deps.objects.put(
      contentRef,
      Buffer.from(JSON.stringify(contentOf(narrativeId, p.dictationId, narrative, transcript.value.segments)), 'utf8'),
      { contentType: 'application/json' },
    );
    // Checked again before the commit: composing takes long enough for the gate to close meanwhile
    // (a halt), and no narrative may appear after it: `hold` makes the parking consumer hold or
    // park the record, and its next run overwrites the object above.
    if (!deps.gates.decide(event.tenantId, { phi: p.engine === 'healthscribe' }).allowed) return { action: 'hold' };

    const version = await deps.db.withTenant(event.tenantId, async (tx) => {
      if (!(await processOnce(tx, NARRATIVE_GROUP, event.id, event.tenantId))) return null;
      const v = await insertNextVersion(tx, {
        tenantId: event.tenantId,
        narrativeId,
        dictationId: p.dictationId,
        template: narrative.template,
        templateVersion: narrative.templateVersion,
        engine: p.engine,
        engineVersion: narrative.engineVersion,
        sourceEventId: event.id,
        contentRef,
        sha256,
        sentenceCount: narrative.sentenceCount,
        missingElements: narrative.missingElements,
        createdAt: new Date(deps.clock()).toISOString(),
        drafting: lineage,
      });
      const generated = buildEvent(
        TOPIC.NARRATIVE_GENERATED,
        {
          tenantId: event.tenantId,
          actor: { type: 'service', id: 'narrative' },
          correlationId: event.correlationId,
          causationId: event.id,
          payload: {
            dictationId: p.dictationId,
            narrativeId,
            version: v,
            template: narrative.template,
            templateVersion: narrative.templateVersion,
            engineVersion: narrative.engineVersion,
            sentenceCount: narrative.sentenceCount,
            missingElements: narrative.missingElements,
            sha256,
            drafting: lineage,
          },
        },
        { clock: deps.clock, newId: deps.newId },
      );
      await appendToOutbox(tx, [toRecord(generated)]);
      return v;
    });
    if (version !== null) {
      deps.onDrafted?.(lineage);
      deps.logger.info(
        {
          dictationId: p.dictationId,
          narrativeId,
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
    return { action: 'done' };
  };
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

import type { Readable } from 'node:stream';
import type { MediaFormat, QaReviewState, Role } from '@medicdraft/contracts';
import {
  buildEvent,
  type Clock,
  type Database,
  type EventPublisher,
  type GateView,
  type IdGenerator,
  type IncidentKeyer,
  type Logger,
  type ObjectRef,
  type ObjectStore,
  PayloadTooLargeError,
  PhiModeDisabledError,
  PipelineHaltedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@medicdraft/platform';
import { HEADER_PEEK_BYTES, wavDurationMs } from './audio-duration.js';
import { AUDIO_FORMATS, detectAudioFormat, SNIFF_BYTES } from './audio-format.js';
import { createDictationDeletion } from './dictation-deletion.js';
import { createDictationIncidentCorrection, type IncidentCorrection } from './dictation-incident-correction.js';
import { createDictationReprocess } from './dictation-reprocess.js';
import {
  findDictation,
  findRecentDuplicate,
  insertDictation,
  lockContent,
  listDictations,
  type DictationCursor,
  type DictationRecord,
  type DictationRowFilter,
} from './dictation.repository.js';
import { peekBody } from './stream-peek.js';

export interface IntakeLimits {
  maxAudioBytes: number;
  maxTextBytes: number;
  /** A resend of the same content by the same provider within this many ms maps to the stored dictation; 0 = off. */
  dedupeWindowMs: number;
}

/** What an intake answers: the dictation, and whether it was one already stored (a resend within the window). */
export type AcceptedDictation = DictationRecord & { deduplicated: boolean };

export interface DictationIntakeDeps {
  db: Database;
  objects: ObjectStore;
  /** The bus, for deletions' audit events (published and acknowledged before any object goes). */
  publisher: EventPublisher;
  gates: GateView;
  logger: Logger;
  limits: IntakeLimits;
  clock: Clock;
  newId: IdGenerator;
  /** Keys an ePCR incident number for events; absent (not configured): an intake naming one is refused. */
  incidentKey?: IncidentKeyer | undefined;
}

/** Who is dictating, as established by the gateway (ids only). */
export interface IntakeRequest {
  tenantId: string;
  providerId: string;
  role?: Role;
  traceparent?: string;
  /** The client's address as the gateway saw it: every event the request causes carries it. */
  sourceAddress?: string;
}

/**
 * The envelope every event a request causes about a dictation carries: its tenant, the user who asked
 * (with their role), the dictation as correlation, the trace context and the client's address.
 */
export function requestEnvelope(req: IntakeRequest, d: DictationRecord) {
  return {
    tenantId: d.tenantId,
    actor: { type: 'user' as const, id: req.providerId, ...(req.role === undefined ? {} : { role: req.role }) },
    correlationId: d.id,
    ...(req.traceparent === undefined ? {} : { traceparent: req.traceparent }),
    ...(req.sourceAddress === undefined ? {} : { sourceAddress: req.sourceAddress }),
  };
}

/**
 * Stores dictations. Contract, for both kinds:
 * - the gate is checked first and again just before the commit (an upload can outlive a gate
 *   change): audio is PHI work (needs PHI mode), synthetic text is sandbox work; both are refused
 *   while the tenant has no fresh state or is halted (PhiModeDisabledError / PipelineHaltedError);
 * - the object is written (streamed, hashed by the store) before the row and its outbox event
 *   commit together; when that commit fails the object is deleted, so neither an orphan object
 *   nor a row pointing at a missing object remains;
 * - content is never logged and never leaves as anything but an object;
 * - a resend (same tenant, provider, kind and sha256 as a stored dictation created less than
 *   `dedupeWindowMs` ago) is answered with that dictation and `deduplicated: true`: no row, no
 *   `dictation.*.created` event (so no second transcription job), and the new copy of the object
 *   is deleted. Every upload path ends in `record`, which decides this under a per-content lock.
 */
/**
 * What the caller declares about an audio body: its length (refused early when over the limit),
 * its sha256 (the stored bytes must match or nothing is kept), and `synthetic` (a practice
 * recording the user declared free of patient information: sandbox work, accepted while PHI mode
 * is off, like synthetic text).
 */
export interface AudioDeclaration {
  length?: number | undefined;
  sha256?: string | undefined;
  synthetic?: boolean | undefined;
  /** The ePCR incident number the provider gave (see `IntakeOptions`). */
  incidentNumber?: string | undefined;
}

/**
 * `incidentNumber`: the ePCR incident number the dictation belongs to. It is not stored: only its
 * tenant-keyed hash (`incidentKey`) goes into the `dictation.*.created` event, from which the audit
 * log answers the per-incident access report.
 */
export interface IntakeOptions {
  incidentNumber?: string | undefined;
}

export interface DictationIntake {
  acceptAudio(req: IntakeRequest, body: Readable, declared?: AudioDeclaration): Promise<AcceptedDictation>;
  acceptText(req: IntakeRequest, text: string, options?: IntakeOptions): Promise<AcceptedDictation>;
  get(tenantId: string, dictationId: string): Promise<DictationRecord | undefined>;
  /** A page of the tenant's dictations (metadata), newest first; `providerId` narrows to one provider's. */
  list(tenantId: string, query: DictationListQuery): Promise<DictationPage>;
  /** Deletes the dictation's objects, audit first (dictation-deletion.ts); 404 when absent. */
  remove(req: IntakeRequest, dictationId: string): Promise<DictationRecord>;
  /** Sets or corrects the dictation's incident number, with a reason (dictation-incident-correction.ts). */
  correctIncident(req: IntakeRequest, dictationId: string, correction: IncidentCorrection): Promise<DictationRecord>;
  /** Asks for another transcription attempt of the provider's own dictation (dictation-reprocess.ts). */
  reprocess(req: IntakeRequest, dictationId: string): Promise<{ dictation: DictationRecord; attempt: number }>;
}

export interface DictationListQuery {
  providerId?: string | undefined;
  limit: number;
  after?: DictationCursor | undefined;
  /** Only rows of one displayed status (lifecycle/dictation-status-view.ts `rowFilterFor`). */
  status?: DictationRowFilter | undefined;
  /** Only dictations whose narrative is in this QA review state (followed from the qa.review.* events). */
  reviewState?: QaReviewState | undefined;
}

export interface DictationPage {
  items: DictationRecord[];
  /** Where the next page starts; absent on the last page. */
  next?: DictationCursor;
}

/**
 * `{tenantId}/{yyyy}/{mm}/{dd}/{dictationId}/{file}` in the input bucket, dated in UTC
 * (docs/architecture.md, "Data layout and keys").
 */
function dictationObjectRef(tenantId: string, createdAt: Date, dictationId: string, file: string): ObjectRef {
  const yyyy = String(createdAt.getUTCFullYear()).padStart(4, '0');
  const mm = String(createdAt.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(createdAt.getUTCDate()).padStart(2, '0');
  return { tenantId, bucket: 'input', key: `${tenantId}/${yyyy}/${mm}/${dd}/${dictationId}/${file}` };
}

export function createDictationIntake(deps: DictationIntakeDeps): DictationIntake {
  const { db, objects, gates, logger, limits } = deps;

  function assertGate(tenantId: string, phi: boolean): void {
    const decision = gates.decide(tenantId, { phi });
    if (decision.allowed) return;
    if (decision.reason === 'phi_mode_disabled') throw new PhiModeDisabledError();
    throw new PipelineHaltedError();
  }

  /** Only after the existence check says the commit did not happen; a failed check keeps the object. */
  async function discardUnrecorded(record: DictationRecord): Promise<void> {
    const log = logger.child({ tenantId: record.tenantId, dictationId: record.id });
    try {
      const committed = await db.withTenant(record.tenantId, (tx) => findDictation(tx, record.id));
      if (committed !== undefined) return;
      await objects.delete(record.objectRef);
    } catch (err) {
      log.error({ err: { code: (err as { code?: unknown }).code } }, 'object of an unrecorded dictation could not be removed');
    }
  }

  /** The keyed hash of the given incident number; refused before anything is stored when it is malformed or unkeyable. */
  function incidentKeyOf(tenantId: string, incidentNumber: string | undefined): string | undefined {
    if (incidentNumber === undefined) return undefined;
    if (deps.incidentKey === undefined) throw new ValidationError('incident numbers are not enabled on this deployment');
    return deps.incidentKey(tenantId, incidentNumber);
  }

  /** `durationMs`: the audio's playing time when the header tells it (usage reports HealthScribe minutes from it). */
  async function record(
    req: IntakeRequest,
    d: DictationRecord,
    phi: boolean,
    durationMs: number | undefined,
    incidentKey: string | undefined,
  ): Promise<AcceptedDictation> {
    const base = requestEnvelope(req, d);
    const payload = {
      dictationId: d.id,
      providerId: d.providerId,
      objectRef: { bucket: d.objectRef.bucket, key: d.objectRef.key },
      sha256: d.sha256,
      sizeBytes: d.sizeBytes,
      ...(incidentKey === undefined ? {} : { incidentKey }),
    };
    try {
      // Built inside the try: an event failing its own schema (a bug) must not leave the object behind.
      const event =
        d.format === 'text'
          ? buildEvent('dictation.text.created', { ...base, payload: { ...payload, synthetic: true } }, deps)
          : buildEvent(
              'dictation.audio.created',
              { ...base, payload: { ...payload, mediaFormat: d.format, ...(durationMs === undefined ? {} : { durationMs }) } },
              deps,
            );
      assertGate(d.tenantId, phi);
      const existing = await db.withTenant(d.tenantId, async (tx) => {
        if (limits.dedupeWindowMs > 0) await lockContent(tx, d);
        else {
          await insertDictation(tx, d, event);
          return undefined;
        }
        const found = await findRecentDuplicate(tx, d, new Date(d.createdAt.getTime() - limits.dedupeWindowMs));
        if (found === undefined) await insertDictation(tx, d, event);
        return found;
      });
      if (existing !== undefined) {
        await discardUnrecorded(d);
        logger.info({ tenantId: d.tenantId, dictationId: existing.id, kind: d.kind }, 'dictation resent: answered with the stored one');
        return { ...existing, deduplicated: true };
      }
    } catch (err) {
      await discardUnrecorded(d);
      throw err;
    }
    logger.info({ tenantId: d.tenantId, dictationId: d.id, kind: d.kind, format: d.format, sizeBytes: d.sizeBytes }, 'dictation stored');
    return { ...d, deduplicated: false };
  }

  const draft = (req: IntakeRequest, kind: DictationRecord['kind'], format: MediaFormat | 'text', file: string, synthetic: boolean) => {
    const id = deps.newId();
    const createdAt = new Date(deps.clock());
    return {
      tenantId: req.tenantId,
      id,
      providerId: req.providerId,
      kind,
      format,
      synthetic,
      status: 'stored' as const,
      lifecycle: 'received' as const,
      lifecycleReason: null,
      createdAt,
      objectRef: dictationObjectRef(req.tenantId, createdAt, id, file),
    };
  };

  return {
    async acceptAudio(req, source, declared = {}) {
      const phi = declared.synthetic !== true;
      assertGate(req.tenantId, phi);
      const incidentKey = incidentKeyOf(req.tenantId, declared.incidentNumber);
      if (declared.length !== undefined && declared.length > limits.maxAudioBytes) {
        throw new PayloadTooLargeError(`audio exceeds the limit of ${limits.maxAudioBytes} bytes`);
      }
      const { head, body } = await peekBody(source, Math.max(SNIFF_BYTES, HEADER_PEEK_BYTES));
      if (head.length === 0) throw new ValidationError('audio body is empty');
      const format = detectAudioFormat(head);
      if (format === undefined) {
        body.destroy();
        throw new UnsupportedMediaTypeError('audio format not recognised (accepted: WAV, FLAC, MP3, M4A/MP4, OGG, WebM)');
      }
      const d = draft(req, 'audio', format, `audio.${AUDIO_FORMATS[format].ext}`, !phi);
      const stored = await objects.put(d.objectRef, body, {
        contentType: AUDIO_FORMATS[format].contentType,
        maxBytes: limits.maxAudioBytes,
      });
      const durationMs = format === 'wav' ? wavDurationMs(head, stored.size) : undefined;
      if (declared.sha256 !== undefined && declared.sha256 !== stored.sha256) {
        await discardUnrecorded({ ...d, sizeBytes: stored.size, sha256: stored.sha256 });
        throw new ValidationError('audio does not match its declared sha256');
      }
      return record(req, { ...d, sizeBytes: stored.size, sha256: stored.sha256 }, phi, durationMs, incidentKey);
    },

    async acceptText(req, text, options = {}) {
      assertGate(req.tenantId, false);
      const incidentKey = incidentKeyOf(req.tenantId, options.incidentNumber);
      if (text.trim().length === 0) throw new ValidationError('text is empty');
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length > limits.maxTextBytes) throw new PayloadTooLargeError(`text exceeds the limit of ${limits.maxTextBytes} bytes`);
      const d = draft(req, 'text', 'text', 'text.txt', true);
      const stored = await objects.put(d.objectRef, bytes, { contentType: 'text/plain; charset=utf-8', maxBytes: limits.maxTextBytes });
      return record(req, { ...d, sizeBytes: stored.size, sha256: stored.sha256 }, false, undefined, incidentKey);
    },

    get: (tenantId, dictationId) => db.withTenant(tenantId, (tx) => findDictation(tx, dictationId)),

    async list(tenantId, query) {
      // One row more than asked tells whether another page exists.
      const rows = await db.withTenant(tenantId, (tx) => listDictations(tx, { ...query, limit: query.limit + 1 }));
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return rows.length > query.limit && last !== undefined ? { items, next: { createdAt: last.createdAt, id: last.id } } : { items };
    },

    remove: createDictationDeletion({ db, objects, publisher: deps.publisher, assertGate, logger, clock: deps.clock, newId: deps.newId }),
    reprocess: createDictationReprocess({ db, assertGate, logger, clock: deps.clock, newId: deps.newId }),
    correctIncident: createDictationIncidentCorrection({ db, logger, clock: deps.clock, newId: deps.newId, incidentKey: deps.incidentKey }),
  };
}

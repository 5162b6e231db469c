import {
  decodeEvent,
  TOPIC,
  type DictationAudioCreatedEvent,
  type DictationReprocessRequestedEvent,
  type DictationTextCreatedEvent,
  type ScribeEngine as ScribeEngineName,
} from '@medicdraft/contracts';
import {
  AppError,
  annotateLogContext,
  MalformedEventError,
  processOnceAll,
  type Applied,
  type Clock,
  type ConsumedRecord,
  type IdGenerator,
  type Logger,
  type ParkingWork,
  type Queryable,
  type RecordWork,
} from '@medicdraft/platform';
import { insertJobs, requestAttempt, type NewJob } from './job-store.js';

/** The consumer group of the scribe service: workers share the dictation partitions. */
export const SCRIBE_GROUP = 'scribe';
export const DICTATION_TOPICS = [TOPIC.DICTATION_AUDIO_CREATED, TOPIC.DICTATION_TEXT_CREATED, TOPIC.DICTATION_REPROCESS_REQUESTED] as const;

type DictationEvent = DictationAudioCreatedEvent | DictationTextCreatedEvent | DictationReprocessRequestedEvent;

export interface DictationWorkDeps {
  /** Which engines this deployment runs; audio needs `healthscribe`, synthetic text `synthetic`. */
  engines: ReadonlySet<ScribeEngineName>;
  jobName(dictationId: string, attempt: number): string;
  /** Told after a job is recorded, so a local worker starts it without waiting for its next poll. */
  onJobRecorded(): void;
  clock: Clock;
  newId: IdGenerator;
  logger: Pick<Logger, 'info'>;
}

/**
 * Validates a record on the dictation topics before anything else: a malformed envelope, an
 * event of another type, or one on the wrong topic is dead-lettered. Audio (also a reprocess of
 * audio) is PHI work and needs PHI mode; synthetic text only an open, unhalted tenant.
 */
export function classifyDictationRecord(record: ConsumedRecord): RecordWork {
  const event = decodeDictationEvent(record);
  annotateLogContext({ tenantId: event.tenantId, correlationId: event.correlationId });
  return { tenantId: event.tenantId, phi: isAudio(event), occurredAt: Date.parse(event.occurredAt) };
}

/**
 * Turns `dictation.*.created` into a recorded job (exactly once per event and per dictation), and
 * `dictation.reprocess.requested` into a further attempt of it (job-store.ts requestAttempt).
 * Runs behind the parking consumer (service.ts), which checks the tenant and its gate first, inside
 * the tenant's one transaction for the records of a batch: one dedupe statement for all of them,
 * consecutive new jobs in one insert, a reprocess where it falls (so a dictation's order holds).
 * A record that cannot become a job (malformed, engine not configured) is rejected before anything
 * is written. Nothing is started here: the worker loop starts jobs, so intake never waits on the engine.
 */
export function createDictationWork(deps: DictationWorkDeps): ParkingWork<undefined> {
  return {
    async apply(tx: Queryable, tenantId: string, items): Promise<Applied[]> {
      const results: Applied[] = [];
      const valid: { event: DictationEvent; engine: ScribeEngineName; at: number }[] = [];
      for (const { record } of items) {
        try {
          const event = decodeDictationEvent(record);
          const engine: ScribeEngineName = isAudio(event) ? 'healthscribe' : 'synthetic';
          if (!deps.engines.has(engine)) {
            throw new AppError('scribe_engine_unconfigured', `no ${engine} engine is configured for ${event.type}`, { deadLetter: true });
          }
          valid.push({ event, engine, at: results.length });
          results.push({ action: 'done' });
        } catch (error) {
          results.push({ action: 'fail', error });
        }
      }
      const fresh = await processOnceAll(
        tx,
        SCRIBE_GROUP,
        valid.map((v) => v.event.id),
        tenantId,
      );
      const recorded = (v: (typeof valid)[number]) => () => {
        annotateLogContext({ tenantId: v.event.tenantId, correlationId: v.event.correlationId });
        deps.logger.info({ dictationId: v.event.payload.dictationId, engine: v.engine, to: 'pending' }, 'scribe job state changed');
        deps.onJobRecorded();
      };
      let created: (typeof valid)[number][] = [];
      const insertCreated = async () => {
        const inserted = await insertJobs(
          tx,
          created.map((v) => jobOf(deps, v.event, v.engine)),
          deps.clock(),
        );
        for (const v of created) {
          if (inserted.delete(v.event.payload.dictationId.toLowerCase())) results[v.at] = { action: 'done', afterCommit: recorded(v) };
        }
        created = [];
      };
      for (const v of valid) {
        if (!fresh.delete(v.event.id.toLowerCase())) continue;
        if (v.event.type !== TOPIC.DICTATION_REPROCESS_REQUESTED) {
          created.push(v);
          continue;
        }
        await insertCreated();
        if (await requestAttempt(tx, jobOf(deps, v.event, v.engine), deps.clock())) {
          results[v.at] = { action: 'done', afterCommit: recorded(v) };
        }
      }
      await insertCreated();
      return results;
    },
  };
}

function decodeDictationEvent(record: ConsumedRecord): DictationEvent {
  const parsed = decodeEvent(record.value);
  if (!parsed.ok) throw new MalformedEventError(parsed.error.message);
  const event = parsed.value;
  if (!isDictationEvent(event)) throw new MalformedEventError(`unexpected event type ${event.type} on ${record.topic}`);
  if (event.type !== record.topic) throw new MalformedEventError(`event type ${event.type} does not match topic ${record.topic}`);
  return event;
}

function isAudio(event: DictationEvent): boolean {
  return (
    event.type === TOPIC.DICTATION_AUDIO_CREATED || (event.type === TOPIC.DICTATION_REPROCESS_REQUESTED && event.payload.kind === 'audio')
  );
}

function isDictationEvent(event: { type: string }): event is DictationEvent {
  return (DICTATION_TOPICS as readonly string[]).includes(event.type);
}

function jobOf(deps: DictationWorkDeps, event: DictationEvent, engine: ScribeEngineName): NewJob {
  const p = event.payload;
  const attempt = 'attempt' in p ? p.attempt : 1;
  return {
    tenantId: event.tenantId,
    dictationId: p.dictationId,
    jobName: deps.jobName(p.dictationId, attempt),
    engine,
    providerId: p.providerId,
    sourceEventId: event.id,
    inputBucket: p.objectRef.bucket,
    inputKey: p.objectRef.key,
    inputSha256: p.sha256,
    mediaFormat: 'mediaFormat' in p && p.mediaFormat !== undefined ? p.mediaFormat : null,
    attempt,
    startedEventId: deps.newId(),
  };
}

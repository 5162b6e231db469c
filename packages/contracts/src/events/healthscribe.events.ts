import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { CountSchema, DictationIdSchema, JobNameSchema, ObjectRefSchema, Sha256HexSchema } from '../fields.js';
import { TOPIC } from '../topics.js';

/** Which engine ran the job: AWS HealthScribe (PHI mode) or the synthetic engine (sandbox). */
export const SCRIBE_ENGINES = ['healthscribe', 'synthetic'] as const;
export const ScribeEngineSchema = z.enum(SCRIBE_ENGINES);
export type ScribeEngine = z.infer<typeof ScribeEngineSchema>;

/** 1 for the first try, incremented on each retry of the same dictation. */
const AttemptSchema = z.int().min(1);

/**
 * `healthscribe.job.started` v1, published BEFORE the job is started (audit before action).
 * `inputRef`/`inputSha256` identify exactly what is sent to the engine.
 */
export const HealthscribeJobStartedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  jobName: JobNameSchema,
  engine: ScribeEngineSchema,
  attempt: AttemptSchema,
  inputRef: ObjectRefSchema,
  inputSha256: Sha256HexSchema,
});
export const HealthscribeJobStartedEventSchema = defineEvent(TOPIC.HEALTHSCRIBE_JOB_STARTED, 1, HealthscribeJobStartedPayloadSchema);
export type HealthscribeJobStartedEvent = z.infer<typeof HealthscribeJobStartedEventSchema>;

/**
 * `healthscribe.output.received` v1: both output documents are stored and passed the tolerant
 * parser. Consumers read them through the refs; digests let them detect substitution. `attempt`
 * (added later, optional) is the attempt the output belongs to, so a late output of an earlier
 * attempt is told apart from the current one. The stored sizes (optional, added later) feed the
 * usage report's bytes per data class.
 */
export const HealthscribeOutputReceivedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  jobName: JobNameSchema,
  engine: ScribeEngineSchema,
  attempt: AttemptSchema.optional(),
  transcriptRef: ObjectRefSchema,
  clinicalDocumentRef: ObjectRefSchema,
  segmentCount: CountSchema,
  transcriptSha256: Sha256HexSchema,
  clinicalDocumentSha256: Sha256HexSchema,
  transcriptSizeBytes: z.int().min(0).optional(),
  clinicalDocumentSizeBytes: z.int().min(0).optional(),
});
export const HealthscribeOutputReceivedEventSchema = defineEvent(
  TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
  1,
  HealthscribeOutputReceivedPayloadSchema,
);
export type HealthscribeOutputReceivedEvent = z.infer<typeof HealthscribeOutputReceivedEventSchema>;

/**
 * Why a job failed, as a code the UI maps to a provider-facing message. HealthScribe's own
 * `FailureReason` is free-form text and is never copied into events.
 */
export const SCRIBE_FAILURE_REASONS = [
  'limit_exceeded',
  'internal_failure',
  'job_failed',
  'bad_request',
  'access_denied',
  'media_unsupported',
  'media_unreadable',
  'output_missing',
  'output_invalid',
  'timeout',
  'engine_unavailable',
] as const;
export const ScribeFailureReasonSchema = z.enum(SCRIBE_FAILURE_REASONS);
export type ScribeFailureReason = z.infer<typeof ScribeFailureReasonSchema>;

/** `healthscribe.job.failed` v1: a job attempt failed; `retryable` says whether scribe will retry. */
export const HealthscribeJobFailedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  jobName: JobNameSchema,
  engine: ScribeEngineSchema,
  attempt: AttemptSchema,
  reasonCode: ScribeFailureReasonSchema,
  retryable: z.boolean(),
});
export const HealthscribeJobFailedEventSchema = defineEvent(TOPIC.HEALTHSCRIBE_JOB_FAILED, 1, HealthscribeJobFailedPayloadSchema);
export type HealthscribeJobFailedEvent = z.infer<typeof HealthscribeJobFailedEventSchema>;

import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { DictationIdSchema, IncidentKeySchema, ObjectRefSchema, Sha256HexSchema, UserIdSchema } from '../fields.js';
import { TOPIC } from '../topics.js';

/** Audio containers accepted for dictation (HealthScribe batch formats we support). */
export const MEDIA_FORMATS = ['wav', 'flac', 'mp3', 'mp4', 'ogg', 'webm'] as const;
export const MediaFormatSchema = z.enum(MEDIA_FORMATS);
export type MediaFormat = z.infer<typeof MediaFormatSchema>;

/**
 * `dictation.audio.created` v1: dictation audio is durably stored (encrypted, tenant-scoped) and
 * may be transcribed. Only produced while the tenant's PHI mode is enabled. `providerId` is the
 * dictating user (owner of the dictation); `sha256` is of the stored plaintext audio and is the
 * scribe's dedupe key together with `dictationId`. `durationMs` (optional, added later) is the
 * playing time when intake can read it from the header (PCM WAV), for the usage report; absent
 * when unknown. `incidentKey` (optional, added later): the keyed hash of the ePCR incident number
 * the provider gave at intake (never the number), which the per-incident access report looks up.
 */
export const DictationAudioCreatedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  providerId: UserIdSchema,
  objectRef: ObjectRefSchema,
  sha256: Sha256HexSchema,
  sizeBytes: z.int().min(1),
  mediaFormat: MediaFormatSchema,
  durationMs: z.int().min(1).optional(),
  incidentKey: IncidentKeySchema.optional(),
});
export const DictationAudioCreatedEventSchema = defineEvent(TOPIC.DICTATION_AUDIO_CREATED, 1, DictationAudioCreatedPayloadSchema);
export type DictationAudioCreatedEvent = z.infer<typeof DictationAudioCreatedEventSchema>;

/**
 * `dictation.text.created` v1: a synthetic text dictation is stored. `synthetic: true` is a literal:
 * real (PHI) text dictations do not exist in this contract; the sandbox accepts synthetic text only.
 * `incidentKey` (optional, added later) as on `dictation.audio.created`.
 */
export const DictationTextCreatedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  providerId: UserIdSchema,
  objectRef: ObjectRefSchema,
  sha256: Sha256HexSchema,
  sizeBytes: z.int().min(1),
  synthetic: z.literal(true),
  incidentKey: IncidentKeySchema.optional(),
});
export const DictationTextCreatedEventSchema = defineEvent(TOPIC.DICTATION_TEXT_CREATED, 1, DictationTextCreatedPayloadSchema);
export type DictationTextCreatedEvent = z.infer<typeof DictationTextCreatedEventSchema>;

/** 2 for the first reprocessing of a dictation, then 3, …; attempt 1 is the original `*.created`. */
const ReprocessAttemptSchema = z.int().min(2);

/**
 * `dictation.reprocess.requested` v1: the dictation's owner asked for transcription and drafting to
 * run again (a new scribe job, then a new narrative version; earlier versions stay). Published by
 * ingest, which owns the attempt counter, so attempts of one dictation are numbered without gaps.
 * It repeats the stored object's ref and digest, so scribe can act on it even before it has seen
 * the original `*.created` event (those are on other topics and may arrive later or be held).
 * `kind: 'audio'` carries `mediaFormat` (PHI, needs PHI mode); `kind: 'text'` is synthetic text
 * and carries none. `requestedBy` is the user who asked (the owner, or nobody else).
 */
export const DictationReprocessRequestedPayloadSchema = z
  .strictObject({
    dictationId: DictationIdSchema,
    providerId: UserIdSchema,
    requestedBy: UserIdSchema,
    attempt: ReprocessAttemptSchema,
    kind: z.enum(['audio', 'text']),
    objectRef: ObjectRefSchema,
    sha256: Sha256HexSchema,
    sizeBytes: z.int().min(1),
    mediaFormat: MediaFormatSchema.optional(),
  })
  .refine((p) => (p.kind === 'audio') === (p.mediaFormat !== undefined), {
    message: 'mediaFormat is required for audio and absent for text',
    path: ['mediaFormat'],
  });
export const DictationReprocessRequestedEventSchema = defineEvent(
  TOPIC.DICTATION_REPROCESS_REQUESTED,
  1,
  DictationReprocessRequestedPayloadSchema,
);
export type DictationReprocessRequestedEvent = z.infer<typeof DictationReprocessRequestedEventSchema>;

/**
 * `dictation.incident.corrected` v1 (additive): the dictation's provider or an owner set or
 * corrected its ePCR incident number. Keyed hashes only — `incidentKey` the new number's,
 * `previousIncidentKey` the one it replaces (absent when the dictation had none, or when it was
 * given before intake kept it) — never the number and never the reason (kept by ingest). From this
 * event on the per-incident access report finds the dictation under `incidentKey`; the report of
 * the previous number shows this correction.
 */
export const DictationIncidentCorrectedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  previousIncidentKey: IncidentKeySchema.optional(),
  incidentKey: IncidentKeySchema,
});
export const DictationIncidentCorrectedEventSchema = defineEvent(
  TOPIC.DICTATION_INCIDENT_CORRECTED,
  1,
  DictationIncidentCorrectedPayloadSchema,
);
export type DictationIncidentCorrectedEvent = z.infer<typeof DictationIncidentCorrectedEventSchema>;

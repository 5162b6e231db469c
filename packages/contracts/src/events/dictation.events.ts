import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { DictationIdSchema, ObjectRefSchema, Sha256HexSchema, UserIdSchema } from '../fields.js';
import { TOPIC } from '../topics.js';

/** Audio containers accepted for dictation (HealthScribe batch formats we support). */
export const MEDIA_FORMATS = ['wav', 'flac', 'mp3', 'mp4', 'ogg', 'webm'] as const;
export const MediaFormatSchema = z.enum(MEDIA_FORMATS);
export type MediaFormat = z.infer<typeof MediaFormatSchema>;

/**
 * `dictation.audio.created` v1: dictation audio is durably stored (encrypted, tenant-scoped) and
 * may be transcribed. Only produced while the tenant's PHI mode is enabled. `providerId` is the
 * dictating user (owner of the dictation); `sha256` is of the stored plaintext audio and is the
 * scribe's dedupe key together with `dictationId`.
 */
export const DictationAudioCreatedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  providerId: UserIdSchema,
  objectRef: ObjectRefSchema,
  sha256: Sha256HexSchema,
  sizeBytes: z.int().min(1),
  mediaFormat: MediaFormatSchema,
});
export const DictationAudioCreatedEventSchema = defineEvent(TOPIC.DICTATION_AUDIO_CREATED, 1, DictationAudioCreatedPayloadSchema);
export type DictationAudioCreatedEvent = z.infer<typeof DictationAudioCreatedEventSchema>;

/**
 * `dictation.text.created` v1: a synthetic text dictation is stored. `synthetic: true` is a literal:
 * real (PHI) text dictations do not exist in this contract; the sandbox accepts synthetic text only.
 */
export const DictationTextCreatedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  providerId: UserIdSchema,
  objectRef: ObjectRefSchema,
  sha256: Sha256HexSchema,
  sizeBytes: z.int().min(1),
  synthetic: z.literal(true),
});
export const DictationTextCreatedEventSchema = defineEvent(TOPIC.DICTATION_TEXT_CREATED, 1, DictationTextCreatedPayloadSchema);
export type DictationTextCreatedEvent = z.infer<typeof DictationTextCreatedEventSchema>;

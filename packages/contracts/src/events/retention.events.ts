import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { DictationIdSchema, ObjectRefSchema } from '../fields.js';
import { TOPIC } from '../topics.js';

/** Why an object was deleted (seed: "under retention or tenant request rules"). */
export const DELETION_REASONS = ['retention', 'tenant_request'] as const;

/** Protected data classes (seed "Protected Data Classes", split where storage differs). */
export const DATA_CLASSES = [
  'audio_recording',
  'dictation_text',
  'transcript',
  'clinical_document',
  'narrative',
  'reference_material',
  'ai_artifact',
] as const;
export const DataClassSchema = z.enum(DATA_CLASSES);
export type DataClass = z.infer<typeof DataClassSchema>;

/**
 * `retention.object.deleted` v1: a PHI object was deleted (published before the delete takes
 * effect: audit before action). `dictationId` is set when the object belongs to a dictation.
 */
export const RetentionObjectDeletedPayloadSchema = z.strictObject({
  objectRef: ObjectRefSchema,
  reason: z.enum(DELETION_REASONS),
  dataClass: DataClassSchema,
  dictationId: DictationIdSchema.optional(),
});
export const RetentionObjectDeletedEventSchema = defineEvent(TOPIC.RETENTION_OBJECT_DELETED, 1, RetentionObjectDeletedPayloadSchema);
export type RetentionObjectDeletedEvent = z.infer<typeof RetentionObjectDeletedEventSchema>;

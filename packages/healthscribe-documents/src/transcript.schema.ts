import { z } from 'zod';

/**
 * Tolerant zod schema of the HealthScribe transcript file (`TranscriptFileUri`), after
 * `reference/healthscribe-api.md` §2.1. Tolerant means: every object keeps unknown fields
 * (`looseObject`), enum-like strings are open strings compared case-insensitively later, and
 * optional parts (insights, items, participant and section details) may be absent. Only what the
 * pipeline cannot work without is required: segment ids and their text.
 */

const OffsetSchema = z.number().int().nonnegative();
const SecondsSchema = z.number().nonnegative();

export const HsSpanSchema = z.looseObject({
  SegmentId: z.string().min(1),
  BeginCharacterOffset: OffsetSchema.optional(),
  /** Inclusive, per the AWS example ("pain" spans 12..15). */
  EndCharacterOffset: OffsetSchema.optional(),
  Content: z.string().optional(),
});

export const HsAttributeSchema = z.looseObject({
  AttributeId: z.string().optional(),
  Type: z.string().optional(),
  Spans: z.array(HsSpanSchema).optional(),
});

/** `InsightType` is "ClinicalEntity" today; the demo's older types also had "ClinicalPhrase". */
export const HsClinicalInsightSchema = z.looseObject({
  InsightId: z.string().min(1),
  InsightType: z.string().optional(),
  Category: z.string().optional(),
  Type: z.string().optional(),
  Spans: z.array(HsSpanSchema).optional(),
  Attributes: z.array(HsAttributeSchema).optional(),
  Confidence: z.number().optional(),
  Traits: z.array(z.looseObject({ Name: z.string().optional(), Score: z.number().optional() })).optional(),
});

const HsAlternativeSchema = z.looseObject({ Confidence: z.number().optional(), Content: z.string().optional() });

/** Batch items carry `Alternatives`; streaming items carry `Confidence`/`Content` directly. */
export const HsTranscriptItemSchema = z.looseObject({
  Alternatives: z.array(HsAlternativeSchema).optional(),
  Confidence: z.number().optional(),
  Content: z.string().optional(),
  BeginAudioTime: SecondsSchema.optional(),
  EndAudioTime: SecondsSchema.optional(),
  /** "PRONUNCIATION" | "PUNCTUATION" in the docs, lowercase in the demo's types. */
  Type: z.string().optional(),
});

export const HsTranscriptSegmentSchema = z.looseObject({
  SegmentId: z.string().min(1),
  BeginAudioTime: SecondsSchema.optional(),
  EndAudioTime: SecondsSchema.optional(),
  Content: z.string(),
  ParticipantDetails: z.looseObject({ ParticipantRole: z.string().optional() }).optional(),
  SectionDetails: z.looseObject({ SectionName: z.string().optional() }).optional(),
});

/** Batch output has `JobName`/`JobType`; streaming output has `SessionId` instead. */
export const HsConversationSchema = z.looseObject({
  ConversationId: z.string().optional(),
  JobName: z.string().optional(),
  JobType: z.string().optional(),
  SessionId: z.string().optional(),
  LanguageCode: z.string().optional(),
  ClinicalInsights: z.array(HsClinicalInsightSchema).optional(),
  TranscriptItems: z.array(HsTranscriptItemSchema).optional(),
  TranscriptSegments: z.array(HsTranscriptSegmentSchema),
});

export const HsTranscriptFileSchema = z.looseObject({ Conversation: HsConversationSchema });
export type HsTranscriptFile = z.infer<typeof HsTranscriptFileSchema>;
export type HsClinicalInsight = z.infer<typeof HsClinicalInsightSchema>;
export type HsTranscriptSegment = z.infer<typeof HsTranscriptSegmentSchema>;
export type HsTranscriptItem = z.infer<typeof HsTranscriptItemSchema>;
export type HsSpan = z.infer<typeof HsSpanSchema>;

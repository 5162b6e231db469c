import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { CountSchema, DictationIdSchema, NarrativeIdSchema, ObjectRefSchema, Sha256HexSchema, VersionNumberSchema } from '../fields.js';
import { TOPIC } from '../topics.js';
import {
  EngineVersionSchema,
  NarrativeDraftingSchema,
  NarrativeElementListSchema,
  NarrativeTemplateSchema,
} from './narrative-vocabulary.js';

/**
 * `narrative.generated` v1: a new narrative version exists. `sha256` is of the narrative text
 * (UTF-8); `missingElements` are the template's required elements not found in the transcript.
 * `drafting` (optional, added later) is the version's lineage: which drafter made its sentences,
 * the model and prompt version if one was asked, the verifier's verdict counts; no text.
 * `contentRef` and `contentBytes` (optional, added later): where the version's content is stored
 * and its size in bytes, for the usage report's bytes per data class (a deletion names the same
 * ref, so the report subtracts what was written).
 */
export const NarrativeGeneratedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  narrativeId: NarrativeIdSchema,
  version: VersionNumberSchema,
  template: NarrativeTemplateSchema,
  templateVersion: VersionNumberSchema,
  engineVersion: EngineVersionSchema,
  sentenceCount: CountSchema,
  missingElements: NarrativeElementListSchema,
  sha256: Sha256HexSchema,
  drafting: NarrativeDraftingSchema.optional(),
  contentRef: ObjectRefSchema.optional(),
  contentBytes: z.int().min(1).optional(),
});
export const NarrativeGeneratedEventSchema = defineEvent(TOPIC.NARRATIVE_GENERATED, 1, NarrativeGeneratedPayloadSchema);
export type NarrativeGeneratedEvent = z.infer<typeof NarrativeGeneratedEventSchema>;

/** `narrative.viewed` v1: the actor was shown this narrative version (published before the response). */
export const NarrativeViewedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  narrativeId: NarrativeIdSchema,
  version: VersionNumberSchema,
});
export const NarrativeViewedEventSchema = defineEvent(TOPIC.NARRATIVE_VIEWED, 1, NarrativeViewedPayloadSchema);
export type NarrativeViewedEvent = z.infer<typeof NarrativeViewedEventSchema>;

/**
 * `narrative.edited` v1: an edit or resolution created `version` from `previousVersion`
 * (versions are immutable). `resolvedElements` were resolved by this edit; `missingElements`
 * are the ones still open afterwards; `sha256` is of the new version's text. `contentRef` and
 * `contentBytes` (optional, added later) as on `narrative.generated`.
 */
export const NarrativeEditedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  narrativeId: NarrativeIdSchema,
  previousVersion: VersionNumberSchema,
  version: VersionNumberSchema,
  resolvedElements: NarrativeElementListSchema,
  missingElements: NarrativeElementListSchema,
  sha256: Sha256HexSchema,
  contentRef: ObjectRefSchema.optional(),
  contentBytes: z.int().min(1).optional(),
});
export const NarrativeEditedEventSchema = defineEvent(TOPIC.NARRATIVE_EDITED, 1, NarrativeEditedPayloadSchema);
export type NarrativeEditedEvent = z.infer<typeof NarrativeEditedEventSchema>;

/**
 * Output formats of a copy: ESO-ready plain text, the NEMSIS v3.5.1 `eNarrative.01` element (XML)
 * of that same text, and the MIST hospital hand-off (plain text). Added to, never renamed.
 */
export const COPY_FORMATS = ['eso_plain_text', 'nemsis_enarrative_xml', 'mist_handoff_text'] as const;
export const CopyFormatSchema = z.enum(COPY_FORMATS);
export type CopyFormat = z.infer<typeof CopyFormatSchema>;

/**
 * `narrative.copied` v1, published before the text is returned (audit before action):
 * `sha256` and `length` (characters) are of exactly the copied text, in `format` (one event per
 * copy, whatever the format).
 */
export const NarrativeCopiedPayloadSchema = z.strictObject({
  dictationId: DictationIdSchema,
  narrativeId: NarrativeIdSchema,
  version: VersionNumberSchema,
  format: CopyFormatSchema,
  length: CountSchema,
  sha256: Sha256HexSchema,
});
export const NarrativeCopiedEventSchema = defineEvent(TOPIC.NARRATIVE_COPIED, 1, NarrativeCopiedPayloadSchema);
export type NarrativeCopiedEvent = z.infer<typeof NarrativeCopiedEventSchema>;

/** De-identification methods an export can use: HIPAA Safe Harbor (identifiers removed) only. */
export const EXPORT_METHODS = ['safe_harbor'] as const;
/** Identifier classes a Safe Harbor export removes from narrative text, counted per export. */
export const IDENTIFIER_CLASSES = [
  'person_names',
  'locations',
  'dates',
  'ages',
  'phone_numbers',
  'email_addresses',
  'urls',
  'ip_addresses',
  'record_numbers',
] as const;
export const IdentifierClassSchema = z.enum(IDENTIFIER_CLASSES);
export type IdentifierClass = z.infer<typeof IdentifierClassSchema>;
/** How many identifiers of each class were removed (a record keyed by the class enum: counts, no text). */
export const RedactionCountsSchema = z.record(IdentifierClassSchema, CountSchema);

/**
 * `narratives.exported` v1, published before the export is returned (audit before action): how
 * many narratives, how many identifiers of each class were removed, and the sha256 of exactly
 * the returned body. Counts only; no narrative, dictation or patient reference.
 */
export const NarrativesExportedPayloadSchema = z.strictObject({
  method: z.enum(EXPORT_METHODS),
  narratives: CountSchema,
  redactions: RedactionCountsSchema,
  sha256: Sha256HexSchema,
});
export const NarrativesExportedEventSchema = defineEvent(TOPIC.NARRATIVES_EXPORTED, 1, NarrativesExportedPayloadSchema);
export type NarrativesExportedEvent = z.infer<typeof NarrativesExportedEventSchema>;

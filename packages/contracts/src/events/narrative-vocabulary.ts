import { z } from 'zod';

/** Narrative formats a tenant template may use. DRAATT (EMS charting convention) is the default. */
export const NARRATIVE_TEMPLATES = ['DRAATT', 'DCHART', 'CHART', 'SOAP'] as const;
export const NarrativeTemplateSchema = z.enum(NARRATIVE_TEMPLATES);
export type NarrativeTemplate = z.infer<typeof NarrativeTemplateSchema>;
export const DEFAULT_NARRATIVE_TEMPLATE: NarrativeTemplate = 'DRAATT';

/**
 * Codes of the elements a template rule may require. A missing element becomes a
 * prompt the provider resolves; events carry only these codes, never the element's content.
 * New codes are added at the end (additive evolution).
 */
export const NARRATIVE_ELEMENT_CODES = [
  'dispatch_nature',
  'dispatch_time',
  'response_mode',
  'arrival_time',
  'patient_age',
  'patient_sex',
  'chief_complaint',
  'history_present_illness',
  'past_medical_history',
  'medications',
  'allergies',
  'mental_status',
  'vitals',
  'physical_exam',
  'assessment_impression',
  'treatment',
  'treatment_dose',
  'treatment_route',
  'treatment_time',
  'treatment_response',
  'transport_mode',
  'destination',
  'transfer_of_care',
  'condition_at_transfer',
] as const;
export const NarrativeElementCodeSchema = z.enum(NARRATIVE_ELEMENT_CODES);
export type NarrativeElementCode = z.infer<typeof NarrativeElementCodeSchema>;

/** A set of element codes (at most one of each). */
export const NarrativeElementListSchema = z.array(NarrativeElementCodeSchema).max(NARRATIVE_ELEMENT_CODES.length);

/** Semantic version of the narrative engine that produced a version (e.g. `1.4.0`). */
export const SEMVER_PATTERN = /^(?:0|[1-9]\d{0,5})\.(?:0|[1-9]\d{0,5})\.(?:0|[1-9]\d{0,5})(?:-[0-9a-z]+(?:\.[0-9a-z]+){0,4})?$/;
export const EngineVersionSchema = z.string().regex(SEMVER_PATTERN);

/** Who drafts a narrative's sentences: the rule engine, or a model on Amazon Bedrock behind the grounding verifier. */
export const NARRATIVE_DRAFTERS = ['deterministic', 'bedrock'] as const;
export const NarrativeDrafterSchema = z.enum(NARRATIVE_DRAFTERS);
export type NarrativeDrafter = z.infer<typeof NarrativeDrafterSchema>;

/** Why a model draft was not used and the rule engine's draft was (new reasons are added at the end). */
export const DRAFT_FALLBACK_REASONS = ['timeout', 'throttled', 'model_error', 'malformed_output', 'empty_draft', 'rejection_rate'] as const;
export const DraftFallbackReasonSchema = z.enum(DRAFT_FALLBACK_REASONS);
export type DraftFallbackReason = z.infer<typeof DraftFallbackReasonSchema>;

/** Why the grounding verifier refused a drafted sentence (new reasons are added at the end). */
export const DRAFT_REJECTION_REASONS = [
  'empty',
  'no_citation',
  'unknown_segment',
  'unknown_section',
  'unsupported_number',
  'unsupported_dose',
  'unsupported_drug',
  'unsupported_route',
  'unsupported_procedure',
  'negation_mismatch',
  'unsupported_name',
  'unsupported_wording',
] as const;
export const DraftRejectionReasonSchema = z.enum(DRAFT_REJECTION_REASONS);
export type DraftRejectionReason = z.infer<typeof DraftRejectionReasonSchema>;

const Count = z.int().min(0);

/**
 * How a narrative version was drafted (lineage; ids, versions and counts only, never text):
 * the configured drafter, the one whose sentences the version holds, the model and prompt
 * version when a model was asked, why its draft was not used, and the verifier's verdict counts.
 */
export const NarrativeDraftingSchema = z.strictObject({
  requested: NarrativeDrafterSchema,
  drafter: NarrativeDrafterSchema,
  modelId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.:_/-]{0,199}$/)
    .optional(),
  promptVersion: z
    .string()
    .regex(/^[a-z0-9][a-z0-9./_-]{0,63}$/)
    .optional(),
  fallbackReason: DraftFallbackReasonSchema.optional(),
  verdicts: z
    .strictObject({
      drafted: Count,
      accepted: Count,
      rejected: Count,
      replaced: Count,
      byReason: z.partialRecord(DraftRejectionReasonSchema, Count),
    })
    .optional(),
});
export type NarrativeDrafting = z.infer<typeof NarrativeDraftingSchema>;

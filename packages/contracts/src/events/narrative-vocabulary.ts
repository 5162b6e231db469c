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

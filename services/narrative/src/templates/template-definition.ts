import { NarrativeElementCodeSchema, NarrativeTemplateSchema } from '@medicdraft/contracts';
import { EMS_PHASES } from '@medicdraft/healthscribe-documents';
import { z } from 'zod';

/**
 * A narrative template as stored (jsonb) per tenant and version. Sections say which call phases
 * (from the EMS segment classifier) they gather; rules say which elements must be present and
 * when, and every failed rule becomes a prompt the provider resolves.
 */
export const RULE_CONDITIONS = ['always', 'if_medication_given', 'if_treatment_given', 'if_transported'] as const;
export const NARRATIVE_STYLES = ['charting', 'verbatim'] as const;
export const VITAL_KINDS = ['bp', 'hr', 'rr', 'spo2', 'gcs', 'glucose', 'temp', 'pain', 'etco2'] as const;

export const TemplateSectionSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z_]{0,31}$/),
  title: z.string().min(1).max(40),
  phases: z.array(z.enum(EMS_PHASES)).min(1),
});

export const TemplateRuleSchema = z.strictObject({
  element: NarrativeElementCodeSchema,
  when: z.enum(RULE_CONDITIONS),
});

export const TemplateDefinitionSchema = z
  .strictObject({
    name: NarrativeTemplateSchema,
    sections: z.array(TemplateSectionSchema).min(1).max(12),
    required: z.array(TemplateRuleSchema).max(40),
    /** What "a full set of vitals" means for the `vitals` element. */
    vitalsFullSet: z.array(z.enum(VITAL_KINDS)).min(1),
    /** How sentences are written: EMS charting conventions (the default when absent) or as dictated. */
    style: z.enum(NARRATIVE_STYLES).optional(),
  })
  .refine((t) => new Set(t.sections.flatMap((s) => s.phases)).size === t.sections.flatMap((s) => s.phases).length, {
    message: 'a phase belongs to at most one section',
  });

export type TemplateDefinition = z.infer<typeof TemplateDefinitionSchema>;
export type TemplateRule = z.infer<typeof TemplateRuleSchema>;

/** A template as the composer uses it: the definition plus the tenant's version number. */
export interface VersionedTemplate {
  version: number;
  definition: TemplateDefinition;
}

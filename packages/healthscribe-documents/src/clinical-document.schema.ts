import { z } from 'zod';

/**
 * Tolerant zod schema of the HealthScribe clinical document (`ClinicalDocumentUri`, "summary.json"),
 * after `reference/healthscribe-api.md` §2.2. `SectionName` is an open string (templates other than
 * HISTORY_AND_PHYSICAL have unconfirmed literals, and the demo spells `CHIEF_COMPLIANT`); an empty
 * section may be `Summary: []` or have no `Summary` at all; unknown fields are kept.
 */

export const HsEvidenceLinkSchema = z.looseObject({ SegmentId: z.string().min(1) });

export const HsSummarizedSegmentSchema = z.looseObject({
  SummarizedSegment: z.string(),
  EvidenceLinks: z.array(HsEvidenceLinkSchema).optional(),
});

export const HsSectionSchema = z.looseObject({
  SectionName: z.string().min(1),
  Summary: z.array(HsSummarizedSegmentSchema).optional(),
});

/** Streaming output also carries `SessionId`. */
export const HsClinicalDocumentFileSchema = z.looseObject({
  ClinicalDocumentation: z.looseObject({
    SessionId: z.string().optional(),
    Sections: z.array(HsSectionSchema).optional(),
  }),
});
export type HsClinicalDocumentFile = z.infer<typeof HsClinicalDocumentFileSchema>;
export type HsSection = z.infer<typeof HsSectionSchema>;

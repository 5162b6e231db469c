import { HsClinicalDocumentFileSchema } from './clinical-document.schema.js';
import { asJsonValue, DocumentFormatError, toIssues, type DocumentParseResult } from './document-error.js';
import type { ClinicalDocument } from './document-model.js';

/** The demo's spelling `CHIEF_COMPLIANT` is a typo of the documented `CHIEF_COMPLAINT`; accept both. */
export function normaliseSectionName(raw: string): string {
  const name = raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return name === 'CHIEF_COMPLIANT' ? 'CHIEF_COMPLAINT' : name;
}

/** HealthScribe may start a summarised point with "- " (the demo strips it). */
const stripDash = (text: string): string => text.replace(/^\s*[-•*]\s+/, '').trim();

/**
 * Validates and normalises a HealthScribe clinical document (object, JSON text or bytes).
 * Empty points are dropped; duplicate evidence ids are collapsed; never throws.
 */
export function safeParseClinicalDocument(input: unknown): DocumentParseResult<ClinicalDocument> {
  const json = asJsonValue(input, 'clinical_document');
  if (!json.ok) return json;
  const parsed = HsClinicalDocumentFileSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: new DocumentFormatError('clinical_document', toIssues(parsed.error)) };
  const doc = parsed.data.ClinicalDocumentation;
  return {
    ok: true,
    value: {
      sessionId: doc.SessionId ?? null,
      sections: (doc.Sections ?? []).map((s) => ({
        name: normaliseSectionName(s.SectionName),
        rawName: s.SectionName,
        points: (s.Summary ?? [])
          .map((p) => ({ text: stripDash(p.SummarizedSegment), evidence: [...new Set((p.EvidenceLinks ?? []).map((l) => l.SegmentId))] }))
          .filter((p) => p.text !== ''),
      })),
    },
  };
}

/** As `safeParseClinicalDocument`, throwing `DocumentFormatError` (code `output_invalid`). */
export function parseClinicalDocument(input: unknown): ClinicalDocument {
  const r = safeParseClinicalDocument(input);
  if (!r.ok) throw r.error;
  return r.value;
}

/** Evidence ids that name no transcript segment (a mismatched pair of files). */
export function danglingEvidence(doc: ClinicalDocument, segmentIds: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const s of doc.sections) for (const p of s.points) for (const id of p.evidence) if (!segmentIds.has(id)) out.add(id);
  return [...out];
}

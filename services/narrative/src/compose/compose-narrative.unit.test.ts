import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { TemplateDefinitionSchema } from '../templates/template-definition.js';
import { composeNarrative, NARRATIVE_ENGINE_VERSION } from './compose-narrative.js';

const docsOf = (text: string) => {
  const raw = createSyntheticDocuments(text);
  return { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
};
const v1 = (name: keyof typeof BUILTIN_TEMPLATES) => ({ version: 1, definition: BUILTIN_TEMPLATES[name] });

const COMPLETE = [
  'Medic 7 was dispatched at 0912 for a 58-year-old female with difficulty breathing.',
  'We responded emergent.',
  'On arrival we found the patient in the tripod position on her porch.',
  'She complains of shortness of breath that began this morning.',
  'She has a history of COPD.',
  'Blood pressure 146/88, heart rate 112, respiratory rate 28, SpO2 86% on room air.',
  'Lung sounds reveal diffuse wheezing.',
  'We administered 5 mg albuterol via nebulizer at 0920.',
  'After the nebulizer her breathing improved and SpO2 rose to 93%.',
  'Transported non-emergent to Riverside Hospital.',
  'Care was transferred to the ED nurse with the patient in stable condition.',
].join(' ');

describe('composeNarrative', () => {
  it('places every dictated sentence in its DRAATT section, each linked to its segment', () => {
    const docs = docsOf(COMPLETE);
    const n = composeNarrative(docs, v1('DRAATT'));
    expect(n).toMatchObject({ template: 'DRAATT', templateVersion: 1, engineVersion: NARRATIVE_ENGINE_VERSION, missing: [], missingElements: [] });
    expect(Object.fromEntries(n.sections.map((s) => [s.key, s.sentences.map((x) => x.evidence[0])]))).toEqual({
      dispatch: ['seg-1'],
      response: ['seg-2'],
      arrival: ['seg-3'],
      assessment: ['seg-4', 'seg-5', 'seg-6', 'seg-7'],
      treatment: ['seg-8', 'seg-9'],
      transport: ['seg-10', 'seg-11'],
    });
    const byId = new Map(docs.transcript.segments.map((s) => [s.id, s.content]));
    for (const s of n.sections) for (const x of s.sentences) expect(x.text).toBe(byId.get(x.evidence[0] ?? ''));
    expect(n.sentenceCount).toBe(11);
    expect(n.text.split('\n').map((l) => l.split(':')[0])).toEqual(['DISPATCH', 'RESPONSE', 'ARRIVAL', 'ASSESSMENT', 'TREATMENT', 'TRANSPORT']);
  });

  it('turns every missing required element into a prompt', () => {
    const n = composeNarrative(docsOf('Patient found on the floor. Heart rate 90. We gave aspirin. Transported to Mercy Hospital.'), v1('DRAATT'));
    expect(n.missingElements).toEqual(['dispatch_nature', 'response_mode', 'patient_age', 'patient_sex', 'chief_complaint', 'vitals', 'treatment_dose', 'treatment_route', 'treatment_time', 'treatment_response', 'condition_at_transfer']);
    expect(n.missing.find((m) => m.element === 'vitals')?.prompt).toBe('Document a full set of vitals (missing: BP, RR, SpO2).');
    expect(n.missing.find((m) => m.element === 'treatment_dose')).toEqual({ element: 'treatment_dose', prompt: 'Document the dose of: aspirin.', evidence: ['seg-3'] });
  });

  it('asks neither for destination nor condition after a refusal', () => {
    const n = composeNarrative(docsOf('Dispatched for a fall. Responded non-emergent. The 80-year-old male denies injury. BP 130/80, pulse 72, respirations 16, SpO2 98%. Patient refused transport against medical advice.'), v1('DRAATT'));
    expect(n.missingElements).toEqual(['chief_complaint']);
  });

  it('renders the same sentences under DCHART, CHART and SOAP sections', () => {
    const docs = docsOf(COMPLETE);
    const keys = (name: keyof typeof BUILTIN_TEMPLATES) => Object.fromEntries(composeNarrative(docs, v1(name)).sections.map((s) => [s.key, s.sentences.length]));
    expect(keys('DCHART')).toEqual({ dispatch: 3, chief_complaint: 1, history: 1, assessment: 2, rx: 2, transport: 2 });
    expect(keys('CHART')).toEqual({ chief_complaint: 1, history: 4, assessment: 2, rx: 2, transport: 2 });
    expect(keys('SOAP')).toEqual({ subjective: 4, objective: 3, assessment: 0, plan: 4 });
    for (const name of ['DRAATT', 'DCHART', 'CHART', 'SOAP'] as const) expect(TemplateDefinitionSchema.safeParse(BUILTIN_TEMPLATES[name]).success).toBe(true);
  });

  it("uses HealthScribe's own sections as a hint for what the rules cannot place, and skips questions", () => {
    const transcript = parseTranscript({ Conversation: { TranscriptSegments: [
      { SegmentId: 'q', Content: 'What brings you in today?' },
      { SegmentId: 'a', Content: 'Mm-hmm.' },
    ] } });
    const clinicalDocument = parseClinicalDocument({ ClinicalDocumentation: { Sections: [{ SectionName: 'CHIEF_COMPLIANT', Summary: [{ SummarizedSegment: 'Chest pain.', EvidenceLinks: [{ SegmentId: 'a' }] }] }] } });
    const n = composeNarrative({ transcript, clinicalDocument }, v1('DRAATT'));
    expect(n.sections.find((s) => s.key === 'assessment')?.sentences).toEqual([{ text: 'Mm-hmm.', evidence: ['a'] }]);
    expect(n.sentenceCount).toBe(1);
    expect(n.missingElements).not.toContain('chief_complaint');
  });

  it('writes ASCII punctuation only', () => {
    const n = composeNarrative(docsOf('Patient’s temp was 101.2°F — she said “it hurts”.'), v1('DRAATT'));
    expect(n.text).toMatch(/^[\x20-\x7E\n]*$/);
    expect(n.text).toContain("Patient's temp was 101.2 degrees F - she said \"it hurts\".");
  });
});

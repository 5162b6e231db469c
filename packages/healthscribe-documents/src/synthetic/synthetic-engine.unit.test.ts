import { describe, expect, it } from 'vitest';
import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '../index.js';

const STEMI = [
  'Medic 12 was dispatched at 1402 for a 67-year-old male with chest pain.',
  'We responded emergent with lights and sirens.',
  'Arrived on scene at 1411 and found the patient sitting in a chair, alert and oriented.',
  'Patient complains of crushing substernal chest pain radiating to the left arm that started 30 minutes ago.',
  'He has a history of hypertension and diabetes and takes metformin.',
  'Vitals: blood pressure 158/92, heart rate 96, respirations 20, SpO2 94% on room air, pain 8 out of 10.',
  'Impression is inferior STEMI.',
  'We administered 324 mg aspirin PO at 1415 and 0.4 mg nitroglycerin SL at 1418.',
  'After nitro the pain decreased to 5 out of 10.',
  "We transported emergent to St. Mary's Medical Center.",
  'Care was transferred to the ED RN at 1440 with the patient in stable condition.',
].join(' ');

describe('createSyntheticDocuments', () => {
  it('writes both HealthScribe files that the tolerant parsers read back, one segment per sentence', () => {
    const docs = createSyntheticDocuments(STEMI);
    const t = parseTranscript(JSON.parse(JSON.stringify(docs.transcript)));
    const d = parseClinicalDocument(JSON.parse(JSON.stringify(docs.clinicalDocument)));
    expect(t.segments).toHaveLength(11);
    expect(t.segments[9]?.content).toBe("We transported emergent to St. Mary's Medical Center.");
    expect(t.segments.every((s) => s.speaker === 'CLINICIAN_0' && s.endTime > s.beginTime)).toBe(true);
    expect(t.items.filter((i) => i.type === 'pronunciation').length).toBe(STEMI.split(/\s+/).length);
    const ids = new Set(t.segments.map((s) => s.id));
    expect(d.sections.map((s) => s.name)).toEqual([
      'CHIEF_COMPLAINT',
      'HISTORY_OF_PRESENT_ILLNESS',
      'PAST_MEDICAL_HISTORY',
      'PHYSICAL_EXAMINATION',
      'ASSESSMENT',
      'PLAN',
    ]);
    expect(d.sections.flatMap((s) => s.points.flatMap((p) => p.evidence)).every((id) => ids.has(id))).toBe(true);
    expect(d.sections[0]?.points).toEqual([{ text: 'Crushing substernal chest pain.', evidence: ['seg-4'] }]);
  });

  it('extracts vitals, medications with dose/route/time, times and EMS context with evidence', () => {
    const t = parseTranscript(createSyntheticDocuments(STEMI).transcript);
    expect(t.insights.vitals.map((v) => [v.kind, v.value, v.segmentIds])).toEqual([
      ['bp', '158/92', ['seg-6']],
      ['hr', '96', ['seg-6']],
      ['rr', '20', ['seg-6']],
      ['spo2', '94', ['seg-6']],
      ['pain', '8/10', ['seg-6']],
      ['pain', '5/10', ['seg-9']],
    ]);
    expect(t.insights.medications.map((m) => [m.name, m.dose, m.route, m.time, m.segmentIds])).toEqual([
      ['aspirin', '324 mg', 'PO', '14:15', ['seg-8']],
      ['nitroglycerin', '0.4 mg', 'SL', '14:18', ['seg-8']],
    ]);
    expect(t.insights.times.map((x) => x.value)).toEqual(['14:02', '14:11', '14:15', '14:18', '14:40']);
    const ctx = Object.fromEntries(t.insights.context.map((c) => [c.type, [c.value, c.segmentIds[0]]]));
    expect(ctx).toMatchObject({
      DISPATCH_NATURE: ['chest pain', 'seg-1'],
      RESPONSE_MODE: ['emergent', 'seg-2'],
      PATIENT_AGE: ['67 years', 'seg-1'],
      PATIENT_SEX: ['male', 'seg-1'],
      CHIEF_COMPLAINT: ['crushing substernal chest pain', 'seg-4'],
      TREATMENT_RESPONSE: [expect.stringContaining('pain decreased'), 'seg-9'],
      DESTINATION: ["St. Mary's Medical Center", 'seg-10'],
      CONDITION_AT_TRANSFER: ['stable', 'seg-11'],
    });
  });

  it('classifies each sentence into a call phase and keeps metformin (home medication) out of treatments', () => {
    const docs = createSyntheticDocuments(STEMI);
    expect(Object.values(docs.phases)).toEqual([
      'dispatch',
      'response',
      'arrival',
      'chief_complaint',
      'history',
      'exam',
      'impression',
      'treatment',
      'treatment',
      'transport',
      'transport',
    ]);
    expect(docs.facts.medications.map((m) => m.name)).toEqual(['aspirin', 'nitroglycerin']);
  });

  it('is deterministic, and the job name follows the options', () => {
    const a = JSON.stringify(createSyntheticDocuments(STEMI).transcript);
    expect(JSON.stringify(createSyntheticDocuments(STEMI).transcript)).toBe(a);
    expect(JSON.stringify(createSyntheticDocuments(`${STEMI} Okay.`).transcript)).not.toBe(a);
    const named = parseTranscript(createSyntheticDocuments(STEMI, { jobName: 'md-123' }).transcript);
    expect(named.jobName).toBe('md-123');
    const dated = parseTranscript(createSyntheticDocuments(STEMI, { now: new Date('2026-03-04T05:06:07Z') }).transcript);
    expect(dated.jobName).toMatch(/^synthetic-20260304-[0-9a-f]{16}$/);
    expect(named.conversationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('handles empty text and text without any EMS content', () => {
    const empty = parseTranscript(createSyntheticDocuments('').transcript);
    expect(empty.segments).toEqual([]);
    const docs = createSyntheticDocuments('Okay. End of report.');
    expect(Object.values(docs.phases)).toEqual([null, null]);
    expect(parseClinicalDocument(docs.clinicalDocument).sections.every((s) => s.points.length === 0)).toBe(true);
  });
});

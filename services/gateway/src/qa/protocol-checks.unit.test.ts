import { describe, expect, it } from 'vitest';
import { runProtocolChecks, summariseChecks } from './protocol-checks.js';
import { DEFAULT_QA_PROTOCOL, QaProtocolContentSchema } from './qa-protocol.js';

/** A narrative version: sections of sentences, each citing one segment named after its position. */
function view(sections: Record<string, string[]>) {
  let n = 0;
  return {
    sections: Object.entries(sections).map(([key, texts]) => ({
      key,
      title: key,
      sentences: texts.map((text) => ({ text, evidence: [`seg-${++n}`], source: 'dictation' as const })),
    })),
  };
}
const run = (sections: Record<string, string[]>) =>
  Object.fromEntries(
    runProtocolChecks(view(sections), [{ name: 'qa-checks', version: 3, content: DEFAULT_QA_PROTOCOL }]).map((r) => [r.ruleId, r]),
  );

const ARRIVAL = 'Arrived on scene at 1411 and found the patient sitting in a chair.';

describe('QA protocol checks (the shipped defaults)', () => {
  it('the defaults are a valid protocol reference content', () => {
    expect(QaProtocolContentSchema.parse(DEFAULT_QA_PROTOCOL)).toEqual(DEFAULT_QA_PROTOCOL);
    expect(DEFAULT_QA_PROTOCOL.rules.map((r) => r.id)).toEqual(['chest-pain-aspirin', 'stemi-12-lead-10-minutes', 'stroke-lkw-glucose']);
  });

  it('chest pain with aspirin and a 12-lead 6 minutes after contact: both pass with their evidence; stroke is not applicable', () => {
    const r = run({
      arrival: [ARRIVAL],
      assessment: ['Patient complains of substernal chest pain radiating to the left arm.'],
      treatment: ['12-lead ECG acquired at 1417 showing sinus rhythm.', 'Administered 324 mg aspirin PO at 1418.'],
    });
    expect(r['chest-pain-aspirin']).toMatchObject({
      outcome: 'pass',
      protocol: { name: 'qa-checks', version: 3 },
      evidence: { sentenceIds: ['treatment.1'], segmentIds: ['seg-4'] },
    });
    expect(r['stemi-12-lead-10-minutes']).toMatchObject({
      outcome: 'pass',
      detail: '1417 is 6 minutes after 1411 (limit 10)',
      evidence: { sentenceIds: ['arrival.0', 'treatment.0'], segmentIds: ['seg-1', 'seg-3'] },
    });
    expect(r['stroke-lkw-glucose']).toMatchObject({ outcome: 'not_applicable', evidence: { sentenceIds: [], segmentIds: [] } });
  });

  it('fails chest pain without aspirin or contraindication, and a 12-lead 14 minutes late; the evidence shows the trigger', () => {
    const r = run({
      arrival: [ARRIVAL],
      assessment: ['Patient complains of chest pressure.'],
      treatment: ['No aspirin was given.', '12 lead at 1425.'],
    });
    expect(r['chest-pain-aspirin']).toMatchObject({ outcome: 'fail', evidence: { sentenceIds: ['assessment.0'] } });
    expect(r['chest-pain-aspirin']!.detail).toMatch(/^not documented \(aspirin/);
    expect(r['stemi-12-lead-10-minutes']).toMatchObject({ outcome: 'fail', detail: '1425 is 14 minutes after 1411 (limit 10)' });
  });

  it('accepts a documented contraindication instead of aspirin, and reports a 12-lead that was never done', () => {
    const r = run({ arrival: [ARRIVAL], assessment: ['Chest pain since noon.', 'Patient reports an aspirin allergy.'] });
    // "aspirin allergy" also mentions aspirin; the rule passes either way, on that sentence.
    expect(r['chest-pain-aspirin']).toMatchObject({ outcome: 'pass', evidence: { sentenceIds: ['assessment.1'] } });
    expect(r['stemi-12-lead-10-minutes']).toMatchObject({ outcome: 'fail', detail: expect.stringMatching(/^not documented \(12 lead/) });
    const withheld = run({ assessment: ['Chest pain.', 'Aspirin withheld: contraindicated due to active GI bleed.'] });
    expect(withheld['chest-pain-aspirin']?.outcome).toBe('pass');
  });

  it('reads a denied complaint as not applicable, and a dose as no clock time', () => {
    const r = run({ assessment: ['Patient denies chest pain.'], treatment: ['Gave 1000 mg acetaminophen.'] });
    expect(r['chest-pain-aspirin']?.outcome).toBe('not_applicable');
    const dose = run({
      arrival: ['Arrived on scene.'],
      assessment: ['Chest pain.', 'Aspirin 324 mg given.', '12-lead obtained, 1200 ml fluid given.'],
    });
    expect(dose['stemi-12-lead-10-minutes']).toMatchObject({ outcome: 'fail', detail: expect.stringMatching(/^time not documented/) });
  });

  it('stroke: needs both last known well and a glucose', () => {
    const partial = run({ assessment: ['Right facial droop and slurred speech.', 'Last known well at 0930.'] });
    expect(partial['stroke-lkw-glucose']).toMatchObject({ outcome: 'fail', detail: expect.stringContaining('not documented (glucose') });
    const full = run({ assessment: ['Right facial droop.', 'LKW 0930 per wife.', 'Blood glucose 112.'] });
    expect(full['stroke-lkw-glucose']).toMatchObject({ outcome: 'pass', evidence: { sentenceIds: ['assessment.1', 'assessment.2'] } });
  });

  it('is deterministic and summarises to counts and failed rule ids only', () => {
    const sections = { assessment: ['Chest pain.'], arrival: [ARRIVAL] };
    expect(run(sections)).toEqual(run(sections));
    const results = runProtocolChecks(view(sections), [{ name: 'qa-checks', version: 1, content: DEFAULT_QA_PROTOCOL }]);
    expect(summariseChecks(results)).toEqual({
      pass: 0,
      fail: 2,
      notApplicable: 1,
      failedRules: ['chest-pain-aspirin', 'stemi-12-lead-10-minutes'],
    });
  });
});

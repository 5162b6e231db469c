import { describe, expect, it } from 'vitest';
import {
  CALL_STAGES,
  decodeStages,
  SECTION_SEQUENCE_MODEL,
  stageFeatures,
  trainSectionSequenceModel,
  type CallStage,
} from './section-sequence.js';

type Labelled = Array<[CallStage | null, string]>;

const calls: Labelled[] = [
  [
    ['dispatch', 'Medic 7 dispatched at 1402 for chest pain.'],
    ['response', 'Responded emergent.'],
    ['arrival', 'Arrived 1410, pt sitting in a chair.'],
    ['assessment', 'Pt complains of chest pressure, BP 150/90.'],
    [null, 'Um.'],
    ['treatment', 'Aspirin 324 mg PO given.'],
    ['treatment', 'Repeat BP 140/88 after nitro.'],
    ['transport', 'Transported to Mercy, care transferred to the RN.'],
  ],
  [
    ['dispatch', 'Dispatched at 0930 for a fall.'],
    ['response', 'Responded non-emergent.'],
    ['arrival', 'Arrived 0941, pt on the floor.'],
    ['assessment', 'Pt complains of hip pain, BP 130/80.'],
    ['treatment', 'Fentanyl 50 mcg IV given.'],
    ['treatment', 'Repeat BP 128/80 after fentanyl.'],
    ['transport', 'Transported to General, care transferred to the RN.'],
  ],
];

describe('the call-sequence model', () => {
  it('counts words and word pairs (numbers as #) per stage and which stage follows which; filler counts nothing', () => {
    expect(stageFeatures('BP 150/90, Señora')).toEqual(['bp', '#', '#', 'señora', 'bp_#', '#_#', '#_señora']);
    const m = trainSectionSequenceModel(calls, ['test']);
    expect(m.trainedOn).toEqual({ sets: ['test'], dictations: 2, sentences: 14 });
    const at = (stage: CallStage) => CALL_STAGES.indexOf(stage);
    expect(m.features['repeat_bp']?.[at('treatment')]).toBe(2);
    expect(m.features['repeat_bp']?.reduce((a, b) => a + b)).toBe(2);
    expect(m.features['um']).toBeUndefined();
    // assessment → treatment twice; the filler between them does not break the sequence.
    expect(m.transitions[at('assessment')]?.[at('treatment')]).toBe(2);
    expect(m.transitions[at('treatment')]).toEqual([0, 0, 0, 0, 2, 2]);
  });

  it('moves a line the rules misplaced to the stage its words and its place in the call say, and leaves filler out', () => {
    const m = trainSectionSequenceModel(calls, ['test']);
    const decoded = decodeStages(m, [
      { text: 'Dispatched at 1122 for a fall.', rules: 'dispatch' },
      { text: 'Responded emergent.', rules: 'response' },
      { text: 'Pt complains of hip pain, BP 150/90.', rules: 'assessment' },
      { text: 'Okay.', rules: null },
      { text: 'Fentanyl 50 mcg IV given.', rules: 'treatment' },
      // The rules took the repeat vitals for the exam: after the treatment they are its reassessment.
      { text: 'Repeat BP 138/84 after fentanyl.', rules: 'assessment' },
      { text: 'Transported to Mercy, care transferred to the RN.', rules: 'transport' },
    ]);
    expect(decoded).toEqual(['dispatch', 'response', 'assessment', null, 'treatment', 'treatment', 'transport']);
  });

  it('weighs the one word of a one-word line after the assessment as weak evidence: "Hypoglycemia." stays the impression', () => {
    // The word was said twice in the transport of the calls counted ("… for hypoglycemia") and never in an assessment.
    const labelled: Labelled[] = [0, 1].map(() => [
      ['assessment', 'BGL 38, BP 146/88.'],
      ['treatment', 'D10 250 mL IV given.'],
      ['transport', 'Transported to General for hypoglycemia.'],
    ]);
    const m = trainSectionSequenceModel([...calls, ...labelled], ['test']);
    const decoded = decodeStages(m, [
      { text: 'BGL 40, BP 150/90.', rules: 'assessment' },
      { text: 'Hypoglycemia.', rules: 'assessment' },
      { text: 'D10 250 mL IV given.', rules: 'treatment' },
      { text: 'Transported to General, care transferred to the RN.', rules: 'transport' },
    ]);
    expect(decoded).toEqual(['assessment', 'assessment', 'treatment', 'transport']);
  });

  it('still weighs a one-word line in full where it is no impression: "Unresponsive." after the dispatch is its nature', () => {
    const labelled: Labelled[] = [
      [
        ['dispatch', 'Dispatched for unresponsive.'],
        ['arrival', 'Pt found in bed.'],
      ],
    ];
    const m = trainSectionSequenceModel([...calls, ...labelled], ['test']);
    const decoded = decodeStages(m, [
      { text: 'Dispatched at 0300.', rules: 'dispatch' },
      { text: 'Unresponsive.', rules: 'assessment' },
      { text: 'Pt found supine in bed.', rules: 'arrival' },
      { text: 'Transported to General, care transferred to the RN.', rules: 'transport' },
    ]);
    expect(decoded).toEqual(['dispatch', 'dispatch', 'arrival', 'transport']);
  });

  it("keeps the rules' answer when the words are unknown to the model and nothing surrounds the line", () => {
    const m = trainSectionSequenceModel(calls, ['test']);
    expect(decodeStages(m, [{ text: 'Mm-hmm.', rules: 'assessment' }])).toEqual(['assessment']);
    expect(decodeStages(m, [])).toEqual([]);
  });

  it('is counted from the tuning sets only, never from the holdout or untouched dictations that measure it', () => {
    expect(SECTION_SEQUENCE_MODEL.trainedOn.dictations).toBeGreaterThanOrEqual(200);
    expect(SECTION_SEQUENCE_MODEL.trainedOn.sets.every((s) => s.startsWith('tuning'))).toBe(true);
  });
});

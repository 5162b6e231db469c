import { describe, expect, it } from 'vitest';
import { applyCorrectionSentences, applySpokenCorrections } from './spoken-corrections.js';

const vitalOf = (label: string) => (/^(?:bp|blood pressure)$/i.test(label) ? 'bp' : null);
const sentences = (...texts: string[]) =>
  applyCorrectionSentences(
    texts.map((content, i) => ({ id: `s${i}`, content })),
    vitalOf,
  );

describe('spoken corrections inside a sentence', () => {
  it.each([
    // Cues said together count as one: the value after the last of them replaces the one before the first.
    [
      'Gave 0.15 mg, sorry, scratch that, gave 0.3 mg of epinephrine IM to the right lateral thigh at 12:58.',
      'gave 0.3 mg of epinephrine IM to the right lateral thigh at 12:58.',
    ],
    [
      "Patient one is the mom, she's 34, no, sorry, correction, she's 43, I flipped the numbers, and she had a headache.",
      "Patient one is the mom, she's 43, I flipped the numbers, and she had a headache.",
    ],
    // A rate's unit ("mcg/min") is the value's unit.
    [
      'Epinephrine infusion IV started at 1806 at 4 mcg/min, I mean 2 mcg/min, titrated to 6 mcg/min by 1815.',
      'Epinephrine infusion IV started at 1806 at 2 mcg/min, titrated to 6 mcg/min by 1815.',
    ],
    // "my mistake", "let me rephrase", "hold on, that's wrong" are cues too.
    ['18 gauge IV left AC, fentanyl 75 mcg IV given at 1512, my mistake, 1521.', '18 gauge IV left AC, fentanyl 75 mcg IV given at 1521.'],
    [
      'Then we gave him 2 milligrams of Narcan in the nose, let me rephrase, 4 milligrams, the whole spray, in his right nostril.',
      'Then we gave him 4 milligrams of Narcan in the nose, the whole spray, in his right nostril.',
    ],
    // "it was" before the new value names nothing and is dropped with the cue.
    [
      "Then she gave dexamethasone 12 milligrams, hold on, that's wrong, it was 7 milligrams, by mouth at 0236.",
      'Then she gave dexamethasone 7 milligrams, by mouth at 0236.',
    ],
    // "half a milligram" is a value said in words.
    [
      'hydro morphone one milligram correction half a milligram IV at zero two thirty four',
      'hydro morphone half a milligram IV at zero two thirty four',
    ],
    // A bilingual crew's "perdón"; "correction per crew"; a restart from a drug named again; a destination said again.
    [
      'Nitro 0.4 mg SL at 2155, then a second nitro 0.4 mg SL at 2200, perdón, at 2201.',
      'Nitro 0.4 mg SL at 2155, then a second nitro 0.4 mg SL at 2201.',
    ],
    [
      'Calcium chloride 1 g IV at 0831, correction per crew, calcium gluconate 3 g IV slow push over 5 minutes at 0831.',
      'calcium gluconate 3 g IV slow push over 5 minutes at 0831.',
    ],
    ['Narcan 0.4 mg IN at 1523, correction, Narcan 2 mg IN at 1523, split between nares.', 'Narcan 2 mg IN at 1523, split between nares.'],
    [
      'Transported emergent to Providence, sorry, to Holy Cross Hospital, per patient request.',
      'Transported emergent to Holy Cross Hospital, per patient request.',
    ],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it('never drops a value for a cue followed by another vital, or by words without a value', () => {
    for (const said of ['HR 88, sorry, RR 18.', 'BP 120/80, sorry, BP was taken on the left arm.'])
      expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it('reads a value said with another name of the same vital as its correction ("HR 44, I mean pulse 54")', () => {
    expect(applySpokenCorrections('BP 90/60, HR 44, I mean pulse 54, RR 16.')).toEqual({
      text: 'BP 90/60, pulse 54, RR 16.',
      corrections: 1,
    });
  });

  it('reads a drug said after the cue as a correction of the drug given, not of the time before the cue', () => {
    expect(applySpokenCorrections('Gave aspirin 324 mg at 1410, my mistake, nitro 0.4 SL at 1410.')).toEqual({
      text: 'Gave nitro 0.4 SL at 1410.',
      corrections: 1,
    });
  });

  it('drops who said the new value with the cue ("correction, he said 0830")', () => {
    expect(applySpokenCorrections('Normal at breakfast at 0815, correction, he said 0830, because the news was on.')).toEqual({
      text: 'Normal at breakfast at 0830, because the news was on.',
      corrections: 1,
    });
  });

  it('leaves "no" and "hold on" alone when no value is corrected', () => {
    for (const said of [
      'No, sorry, she denies chest pain.',
      'Hold on, he is vomiting now.',
      'Patient says no, sorry, to the IV.',
      'We went to the kitchen, sorry, to help her up.',
    ])
      expect(applySpokenCorrections(said).corrections).toBe(0);
  });
});

describe('a correction said as its own sentence', () => {
  it('restates the end of the sentence before it from its first value on', () => {
    const { segments, mergedInto } = sentences('APGARs were 6 at one minute.', 'Wait, no, 5 at one minute and 8 at five minutes.');
    expect(segments.map((s) => s.content)).toEqual(['APGARs were 5 at one minute and 8 at five minutes.', '']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it('replaces a labelled value and keeps what the correction adds as its own sentence', () => {
    const { segments, mergedInto } = sentences(
      "Per daughter Pt c/o arm won't work and slurred speech, LKW 0930.",
      'Scratch that, LKW 0850 per daughter, she left the house then and found him at 1000.',
    );
    expect(segments.map((s) => s.content)).toEqual([
      "Per daughter Pt c/o arm won't work and slurred speech.",
      'LKW 0850 per daughter, she left the house then and found him at 1000.',
    ]);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it('leaves a correction sentence whose label the sentence before does not say as dictated', () => {
    const said = ['BP 128/80, HR 88.', 'Scratch that, LKW 0850 per daughter, she left the house then.'];
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

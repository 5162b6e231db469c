import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { composeNarrative } from './compose-narrative.js';
import { applyCorrectionSentences, applySpokenCorrections } from './spoken-corrections.js';

/**
 * Corrections said whole: a dose said again in words after "actually it was", a findings phrase said again from its first side,
 * and two corrections in one line, each noted.
 */
const corrected = (sentence: string) => applySpokenCorrections(sentence);

describe('a dose said again in words after "actually it was"', () => {
  it('takes back the dose said before in the same unit', () => {
    expect(corrected('fentanyl 100 micrograms actually it was fifty micrograms iv')).toEqual({
      text: 'fentanyl fifty micrograms iv',
      corrections: 1,
    });
    // "two and a half" in words is read downstream as "two": left as said, for the provider.
    expect(corrected('gave albuterol 5 mg actually it was two and a half mg by neb').corrections).toBe(0);
  });

  it('leaves words that say no value of that unit as said', () => {
    for (const said of [
      'zofran 4 mg actually it was one of the medics who pushed it',
      'aspirin 324 mg actually it was two tablets chewed',
      'narcan 2 mg actually it was two doses before we got there',
    ])
      expect(corrected(said), said).toEqual({ text: said, corrections: 0 });
  });
});

describe('a findings phrase said again from its first side', () => {
  it('takes back the whole phrase from the first side word the new one parallels', () => {
    expect(corrected('right facial droop right leg weakness i mean left facial droop and left leg weakness and aphasia').text).toBe(
      'left facial droop and left leg weakness and aphasia',
    );
    expect(corrected('exam shows left sided weakness left arm drift sorry right sided weakness and right arm drift').text).toBe(
      'exam shows right sided weakness and right arm drift',
    );
  });

  it('still swaps the one side said again alone, and keeps a phrase with a value in it', () => {
    expect(corrected('IV 20 g in the left AC, I mean right AC, flushed well.').text).toBe('IV 20 g in the right AC, flushed well.');
    const withValue = 'right pupil 4 mm right arm drift i mean left pupil 4 mm';
    expect(corrected(withValue).text).not.toBe('left pupil 4 mm');
  });
});

describe('two corrections in one line', () => {
  it('notes each correction applied', () => {
    const raw = createSyntheticDocuments(
      'Medic 3 dispatched at 0302 for an overdose. Naloxone 2 mg, correction, 4 mg IN at 0311, scratch that, 0312. Breathing better after.',
    );
    const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
    const n = composeNarrative(docs, { version: 1, definition: BUILTIN_TEMPLATES.DRAATT });
    expect(n.text).toContain('Naloxone 4 mg IN at 0312.');
    expect(n.reviewNotes.map((r) => [r.kind, r.evidence])).toEqual([
      ['correction', ['seg-2']],
      ['correction', ['seg-2']],
    ]);
  });
});

describe('a findings phrase not said again whole', () => {
  it('takes back no finding that the words after the cue leave out', () => {
    const said = 'right radial pulse weak right pedal pulse absent i mean left radial pulse weak';
    expect(corrected(said).text).toContain('pedal pulse absent');
  });
});

describe('a dose in words after "actually it was" said of a dose taken at home or by someone else', () => {
  it("leaves the crew's dose as said", () => {
    for (const said of [
      'Morphine 4 mg IV at 1420, her last dose at home actually it was two milligrams of dilaudid.',
      'Aspirin 324 mg PO at 1420, patient had already taken one at home, actually it was eighty one milligrams.',
      'ondansetron 4 mg iv at 1420 she took zofran at home this morning actually it was eight milligrams',
      'diphenhydramine 50 mg iv at 1420 he took a benadryl at home actually it was twenty five milligrams',
      'epi 0.3 mg im at 1420 she had used her epipen actually it was zero point three milligrams',
      'Naloxone 2 mg IN at 1420, family gave her 4 mg of narcan, actually it was four milligrams.',
    ])
      expect(corrected(said), said).toEqual({ text: said, corrections: 0 });
  });
});

describe('a findings phrase said again that leaves a finding out', () => {
  it('takes back no finding the words after the cue do not say again', () => {
    for (const [said, kept] of [
      ['right sided facial droop slurred speech right arm drift i mean left sided droop and left arm drift', 'slurred speech'],
      ['right sided weakness and aphasia and right facial droop i mean left sided weakness and left facial droop', 'aphasia'],
      ['right facial droop right arm drift left leg weakness i mean left facial droop and left arm drift', 'leg weakness'],
      ['right facial droop with drooling right arm drift i mean left facial droop and left arm drift', 'drooling'],
      ['right arm numbness right facial droop i mean left arm drift and left facial droop', 'numbness'],
    ] as const)
      expect(corrected(said).text, said).toContain(kept);
  });
});

describe('a line said again from its value after "that was"', () => {
  it('takes back the value and the words said again after it, once', () => {
    expect(corrected('two large bore ivs 16 in the left ac sorry that was 14 in the left ac and 18 in the right hand')).toEqual({
      text: 'two large bore ivs 14 in the left ac and 18 in the right hand',
      corrections: 1,
    });
  });
});

describe('an age said again with its article, and the error named by what went wrong', () => {
  it('takes back the age and its article', () => {
    expect(corrected('patient is an 8 year old boy sorry that was a 9 year old boy about 30 kilos')).toEqual({
      text: 'patient is a 9 year old boy about 30 kilos',
      corrections: 1,
    });
  });

  it('reads "sorry, misread," as the cue before the value said again', () => {
    expect(corrected('VS BP 92/60, sorry, misread, BP 162/96, HR 102.')).toEqual({ text: 'VS BP 162/96, HR 102.', corrections: 1 });
    expect(corrected('I misread the label on the vial and called poison control.').corrections).toBe(0);
  });
});

describe("someone else's misreading", () => {
  it('is no correction cue ("she misread it, it was 2 mg")', () => {
    for (const said of [
      'Son says she took 20 mg of oxycodone, she misread it, it was 2 mg.',
      'He says he took 50 mg, maybe he misread the label.',
    ])
      expect(corrected(said), said).toEqual({ text: said, corrections: 0 });
  });
});

describe('a dose corrected after its time was said', () => {
  it('takes back the dose, never the time, when the value after the cue is a dose', () => {
    for (const said of [
      'Ketamine 400 mg IM at 22:16, correction, the dose was 350 mg.',
      'Gave ketamine 400 mg IM at 2216, correction, it was 350 mg IM.',
    ])
      expect(corrected(said).text, said).not.toMatch(/at 350/);
  });
});

describe('formal and second-language ways of taking a value back', () => {
  it('reads "I need to amend that:" as the cue before the value said again in the next sentence', () => {
    const raw = createSyntheticDocuments(
      'Medic 19 was dispatched at 22:03 for a combative male. ' +
        'Ketamine 400 mg IM was administered to the right deltoid at 22:16 for patient and crew safety. ' +
        'I need to amend that: the dose administered was 350 mg IM, based on an estimated weight of 88 kg.',
    );
    const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
    const n = composeNarrative(docs, { version: 1, definition: BUILTIN_TEMPLATES.DRAATT });
    expect(n.text).toContain('Ketamine 350 mg IM');
    expect(n.text).not.toContain('400');
    expect(n.reviewNotes.map((r) => r.kind)).toEqual(['correction']);
  });

  it('reads "is not right, was" after a clock time as the time taken back', () => {
    expect(corrected('Then ketorolac 15 mg IV at 06:12, is not right, was 06:21, and after 15 minutes the pain go down.')).toEqual({
      text: 'Then ketorolac 15 mg IV at 06:21, and after 15 minutes the pain go down.',
      corrections: 1,
    });
  });

  it('reads "no, hold on," before the other side as the side taken back', () => {
    const said = 'Kiddo is 9 years old, landed on an outstretched arm, the left arm, no, hold on, right arm, it was the right one.';
    const r = corrected(said);
    expect(r.corrections).toBe(1);
    expect(r.text).not.toContain('left');
    expect(r.text).toContain('right arm');
  });

  it('keeps both doses where the reason after the new value says another dose', () => {
    const r = applyCorrectionSentences(
      [
        { id: 'a', content: 'Gave fentanyl 50 mcg IV at 1410.' },
        { id: 'b', content: 'Correction, 100 mcg, because pain was still 9 out of 10 so we gave a second 50 mcg at 1420.' },
      ],
      () => null,
    );
    expect(r.segments.map((x) => x.content)[0]).toBe('Gave fentanyl 50 mcg IV at 1410.');
  });

  it('leaves the same words as said where nothing is taken back', () => {
    for (const said of [
      'We need to amend that order with medical control before we give more.',
      'Mom says the dose is not right, was too much for him.',
      'Pain in the left arm, no, hold on to the rail, he says.',
    ])
      expect(corrected(said).corrections, said).toBe(0);
  });
});

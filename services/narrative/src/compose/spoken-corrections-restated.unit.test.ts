import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { composeNarrative } from './compose-narrative.js';
import { applySpokenCorrections } from './spoken-corrections.js';

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
    expect(corrected('gave albuterol 5 mg actually it was two and a half mg by neb').text).toBe('gave albuterol two and a half mg by neb');
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

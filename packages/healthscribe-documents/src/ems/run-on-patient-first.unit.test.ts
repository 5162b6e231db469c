import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Where a run-on is cut before a statement that opens with the patient in charting shorthand: who the patient is ("pt 83m cc
 * dizzy"), where the crew found them ("code 3 | pt sitting on mulch"), and a refusal or an agreement in the present tense ("pt
 * refuses transport", "pt agreeable to transport"). Near misses keep the patient as the object of the verb before it.
 */
const startsPiece = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));
const pad = 'medic 4 dispatched at 0210 for a sick person at 14 elm street';

describe('run-on dictation: the patient said first in charting shorthand', () => {
  it('cuts before the age and sex said after "pt" ("pt 83m", "pt 29 f")', () => {
    const terse = splitSentences(`${pad} code 3 pt in recliner pale wife at side pt 83m cc dizzy near syncope since this am`);
    expect(startsPiece(terse, 'pt 83m cc dizzy'), terse.join(' | ')).toBe(true);
    const spaced = splitSentences(`${pad} code 3 pt on the couch friend says she left it at home pt 29 f known shellfish allergy`);
    expect(startsPiece(spaced, 'pt 29 f known shellfish allergy'), spaced.join(' | ')).toBe(true);
  });

  it('keeps a dose or a distance after "pt" with its verb', () => {
    const dose = splitSentences(`${pad} code 3 pt on the floor gcs 14 gave pt 4 mg zofran iv for the nausea`);
    expect(pieceWith(dose, 'gave pt 4 mg zofran'), dose.join(' | ')).toBeDefined();
  });

  it('cuts before where the patient was found, said with "pt" after the response', () => {
    const mulch = splitSentences(`${pad} responded code 3 pt sitting on mulch w mom holding left forearm`);
    expect(startsPiece(mulch, 'pt sitting on mulch'), mulch.join(' | ')).toBe(true);
    const standing = splitSentences(`${pad} non emergent 10 min pt standing outside the gas station`);
    expect(startsPiece(standing, 'pt standing outside the gas station'), standing.join(' | ')).toBe(true);
  });

  it('keeps the patient as the object of the verb before it ("assisted pt standing", "found pt sitting")', () => {
    const assisted = splitSentences(`${pad} code 3 lift assist no injuries assisted pt standing with a gait belt back to the walker`);
    expect(pieceWith(assisted, 'assisted pt standing'), assisted.join(' | ')).toBeDefined();
    const helped = splitSentences(`${pad} code 3 no injuries found we helped pt sitting up on the edge of the bed`);
    expect(pieceWith(helped, 'helped pt sitting up'), helped.join(' | ')).toBeDefined();
  });

  it('keeps the patient with a crew verb, a source or a finding that the position qualifies', () => {
    for (const said of [
      'we then assessed patient 2 female passenger restrained',
      'transported pt supine with head elevated 30 degrees',
      'we asked pt sitting on the edge of the bed to stand',
      'per staff pt sitting in her wheelchair',
      'according to the nurse pt sitting in her chair',
      'gave report pt sitting in bed on 4 liters',
      'sob is worse pt lying flat',
      'unable to obtain a manual bp pt standing',
    ]) {
      const pieces = splitSentences(`${pad} responded emergent ${said} when she became dizzy and pale bp 96 over 58`);
      expect(pieceWith(pieces, said), pieces.join(' | ')).toBeDefined();
    }
    const orthostatic = splitSentences(
      `${pad} orthostatic vitals bp 128 over 76 hr 84 pt lying bp 112 over 70 hr 98 pt sitting bp 94 over 60 pt standing got dizzy`,
    );
    expect(
      orthostatic.some((p) => /^(?:pt|patient) (?:lying|sitting)$/.test(p)),
      orthostatic.join(' | '),
    ).toBe(false);
  });

  it('cuts before a refusal or an agreement said in the present tense ("pt refuses transport", "pt agreeable to transport")', () => {
    const refuses = splitSentences(`${pad} bp 138/80 hr 82 pt refuses transport after eating risks explained`);
    expect(startsPiece(refuses, 'pt refuses transport'), refuses.join(' | ')).toBe(true);
    const declines = splitSentences(`${pad} a ox4 eating toast pt declines transport capacity intact`);
    expect(startsPiece(declines, 'pt declines transport'), declines.join(' | ')).toBe(true);
    const agrees = splitSentences(`${pad} spo2 96 on 4 lpm nc pt agreeable to transport bls non emergent`);
    expect(startsPiece(agrees, 'pt agreeable to transport'), agrees.join(' | ')).toBe(true);
  });

  it('keeps a refusal reported by someone else with its speaker', () => {
    const wife = splitSentences(`${pad} bp 138/80 hr 82 his wife says he refuses to see a doctor ever`);
    expect(pieceWith(wife, 'his wife says he refuses to see a doctor'), wife.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: how the patient was found stays with a short arrival line', () => {
  it('does not cut "pt seated" or "patient sitting" from the arrival and its time', () => {
    const os = splitSentences(`${pad} non emergent 1109 os pt seated in a pew ushers holding him up pale and sweaty`);
    expect(pieceWith(os, '1109 os pt seated in a pew'), os.join(' | ')).toBeDefined();
    const words = splitSentences(
      `${pad} responded lights and siren arrived twenty two thirty one patient lying on the floor by the counter`,
    );
    expect(pieceWith(words, 'arrived twenty two thirty one patient lying'), words.join(' | ')).toBeDefined();
  });
});

describe('a second patient named by number ("patient two is a 58 year old male")', () => {
  it("opens a statement of its own, after the first patient's care", () => {
    const pieces = splitSentences(
      'her vitals bp 122 over 78 pulse 96 we splinted the right wrist with a sam splint and put an ice pack on it patient two is a ' +
        '58 year old male the other driver complaining of neck pain',
    );
    expect(pieceWith(pieces, 'patient two is a 58 year old male')?.startsWith('patient two is')).toBe(true);
    expect(pieceWith(pieces, 'put an ice pack on it')?.endsWith('on it')).toBe(true);
  });

  it('is not cut from words that say which patient the crew went to', () => {
    const pieces = splitSentences(
      'two patients in the first car we went to patient two is what my partner said first and she was the one screaming about her leg',
    );
    expect(pieceWith(pieces, 'we went to patient two')).toBeDefined();
  });
});

describe('both patients transported together ("c collar applied for comfort both transported non emergent")', () => {
  it('opens the transport at "both"', () => {
    const pieces = splitSentences(
      'his bp was 162 over 94 pulse 88 resp 16 sat 97 percent c collar applied for comfort both transported non emergent to riverside ' +
        'general in the same unit',
    );
    expect(pieceWith(pieces, 'both transported non emergent')?.startsWith('both transported')).toBe(true);
    expect(pieceWith(pieces, 'c collar applied for comfort')?.endsWith('for comfort')).toBe(true);
  });

  it('does not cut "both" from what it counts', () => {
    const pieces = splitSentences(
      'two patients from the same car we assessed them and then loaded both patients transported them non emergent to riverside general',
    );
    expect(pieceWith(pieces, 'loaded both patients')).toBeDefined();
  });
});

describe('near misses of the transport of both patients, and of the crew telling a relative', () => {
  it('keeps the patients named with "both transported", and what others told a relative whole', () => {
    const both = splitSentences('mom and baby both transported to st luke in stable condition mom had bp 128 over 80 baby pink and crying');
    expect(pieceWith(both, 'mom and baby both transported')).toBeDefined();
    const staff = splitSentences(
      'nursing staff told her son patient was confused all night and would not take her evening meds bp 150 over 90',
    );
    expect(pieceWith(staff, 'told her son patient was confused')).toBeDefined();
  });
});

describe('both transported after a finding said with "and"', () => {
  it('still opens the transport ("pink and crying | both transported")', () => {
    const pieces = splitSentences(
      'recheck 0512 bp 122 over 78 hr 96 baby hr 150 rr 44 pink and crying both transported non emergent to grady memorial l and d',
    );
    expect(pieceWith(pieces, 'both transported non emergent')?.startsWith('both transported')).toBe(true);
  });
});

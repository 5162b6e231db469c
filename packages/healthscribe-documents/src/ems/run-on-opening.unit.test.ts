import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';

const phaseOf = (pieces: readonly string[], i: number) =>
  classifySegment(`s${i + 1}`, pieces[i] ?? '', extractEmsFacts(pieces.map((content, j) => ({ id: `s${j + 1}`, content }))));

/** The rest of a run-on dictation (cutting is for run-on text, twenty words or more). */
const REST = 'responded emergent lights and sirens arrived to find the patient sitting up on the couch';

describe('run-on dictation: the words a speaker opens with before the call', () => {
  it('cuts the opening "okay", "um", "alright so" off as its own (filler) piece', () => {
    for (const [said, opening] of [
      ['okay unit forty one responded to the maple grove apartments for difficulty breathing', 'okay'],
      ['so medic three was sent at sixteen forty to the fairgrounds for a heat related illness', 'so'],
      ['um medic twenty two dispatched at nineteen fifty to the sunoco on orchard avenue for a diabetic problem', 'um'],
      ['okay so we got toned out at two fifteen in the morning for a single vehicle rollover on county road nine', 'okay so'],
      ['uh okay at twenty three twelve we were dispatched to the harlan street bridge for a suicidal subject', 'uh okay'],
      ['okay um medic fourteen got sent out to 2218 calloway drive for a two year old seizing', 'okay um'],
      ['alright here we go rescue two paged out at 0414 for an unresponsive male at 1180 county road 9', 'alright here we go'],
      ['ok uh medic 4 dispatched for chest pain at 18 elm street', 'ok uh'],
    ] as const) {
      const pieces = splitSentences(`${said} ${REST}`);
      expect(pieces[0], said).toBe(opening);
      expect(phaseOf(pieces, 0), said).toBeNull();
      expect(pieces[1], said).toBe(said.slice(opening.length + 1, opening.length + 1 + pieces[1]!.length));
      expect(phaseOf(pieces, 1), said).not.toBeNull();
    }
  });

  it('keeps an opening word that is part of the statement, and punctuated text as dictated', () => {
    // "so" that goes on ("so dizzy"), "okayed" by medical control, "all right sided weakness": no cut.
    for (const said of [
      'so dizzy she could not stand up and fell in the kitchen around noon',
      'okayed by medical control to give a second dose of fentanyl fifty micrograms',
      'all right sided weakness started at ten this morning per her husband',
    ])
      expect(splitSentences(`${said} ${REST}`)[0], said).not.toMatch(/^(?:so|okayed|all right)$/);
    // A punctuated line keeps its opening words: "Okay, Medic 5, we got called out …" is one dispatch sentence.
    expect(splitSentences('Okay, Medic 5, we got called out at 0153 for a woman in labor.')).toEqual([
      'Okay, Medic 5, we got called out at 0153 for a woman in labor.',
    ]);
  });
});

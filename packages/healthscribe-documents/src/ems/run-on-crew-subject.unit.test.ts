import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Where a run-on is cut before the crew said as the subject in a formal narrative ("the crew transferred the heparin infusion",
 * "the unit responded emergent", "medic 9 responded emergent"). Near misses keep another crew with what it did.
 */
const startsPiece = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));
const pad = 'medic 4 dispatched at 0210 for a sick person at 14 elm street';

describe('run-on dictation: the crew said as the subject', () => {
  it('cuts before "the crew" or "the unit" and what it did', () => {
    const responded = splitSentences(`${pad} for a patient vomiting blood the unit responded emergent with lights and sirens`);
    expect(startsPiece(responded, 'the unit responded emergent'), responded.join(' | ')).toBe(true);
    const care = splitSentences(`${pad} bp 118/70 hr 88 spo2 97 percent on room air the crew transferred the heparin infusion to our pump`);
    expect(startsPiece(care, 'the crew transferred the heparin infusion'), care.join(' | ')).toBe(true);
    const called = splitSentences(`${pad} for a cardiac arrest medic 9 responded emergent with lights`);
    expect(startsPiece(called, 'medic 9 responded emergent'), called.join(' | ')).toBe(true);
  });

  it('keeps another crew with what it did', () => {
    const flight = splitSentences(`${pad} bp 118/70 hr 88 spo2 97 the flight crew assisted with packaging on the pad`);
    expect(pieceWith(flight, 'the flight crew assisted'), flight.join(' | ')).toBeDefined();
    const engine = splitSentences(`${pad} bp 118/70 hr 88 spo2 97 the engine crew continued compressions while we set up`);
    expect(pieceWith(engine, 'the engine crew continued compressions'), engine.join(' | ')).toBeDefined();
  });

  it('keeps a crew or a hospital unit named by what it is with what it did', () => {
    for (const said of [
      'the bls crew administered 324 mg aspirin',
      'the day crew transported her to dialysis',
      'the ski patrol crew placed him in a traction splint',
      'the hospice crew provided morphine 5 mg',
      'the step down unit placed her on bipap',
      'the labor and delivery unit started magnesium',
      'the dialysis unit provided a copy of her run sheet',
    ]) {
      const pieces = splitSentences(`${pad} bp 118/70 hr 88 spo2 97 ${said} prior to our arrival pt resting`);
      const named = said.slice(0, said.search(/ (?:crew|unit) /) + 5).trim();
      expect(pieceWith(pieces, named), pieces.join(' | ')).toBeDefined();
    }
    const ours = splitSentences(`${pad} pt vomiting blood in the bathroom our crew responded emergent and found pt pale on the floor`);
    expect(startsPiece(ours, 'our crew responded emergent'), ours.join(' | ')).toBe(true);
    const drug = splitSentences(`${pad} wheezing in all fields the crew administered albuterol 5 mg via nebulizer at 0312`);
    expect(pieceWith(drug, 'the crew administered albuterol 5 mg'), drug.join(' | ')).toBeDefined();
    const dose = splitSentences(`${pad} chest pain 8 out of 10 the crew administered 324 mg aspirin chewed at 1410`);
    expect(pieceWith(dose, 'the crew administered 324 mg aspirin'), dose.join(' | ')).toBeDefined();
    const admitted = splitSentences(`${pad} bp 118/70 hr 88 pt was admitted to the unit started on heparin yesterday`);
    expect(pieceWith(admitted, 'admitted to the unit'), admitted.join(' | ')).toBeDefined();
  });
});

describe('the crew with a word before its verb, and a glucose the crew checked', () => {
  it('opens at "we also gave", not between "we also" and its verb', () => {
    const pieces = splitSentences(
      'after the neb he had less retractions sat 95 percent heart rate 150 resp 30 we also gave decadron 14 milligrams po mom met us ' +
        'at the school',
    );
    expect(pieces.some((p) => p.startsWith('we also gave decadron 14 milligrams po'))).toBe(true);
    expect(pieces.some((p) => p.endsWith('heart rate 150 resp 30'))).toBe(true);
  });

  it('opens at "checked glucose 112" after a reading, the verb kept with what it checked', () => {
    const pieces = splitSentences(
      'placed her on a non rebreather at 10 liters at 0155 sat came up to 98 percent checked glucose 112 en route repeat heart rate ' +
        '150 resp 30 sat 98 percent transported to county childrens',
    );
    expect(pieces).toContain('checked glucose 112');
    expect(pieces.some((p) => p.endsWith('checked'))).toBe(false);
  });
});

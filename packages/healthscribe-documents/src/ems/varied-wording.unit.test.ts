import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';

/**
 * Wording from authors the earlier rules were not written against: shorthand ages ("F/86",
 * "70s M"), "L&S", destinations after "dropped at" or "ran him hot to", hand-offs said as "handed
 * to", a pre-alert that is not a dispatch, and "oxygen 96 percent" as a saturation.
 */
const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const ctx = (...sentences: string[]) => Object.fromEntries(facts(...sentences).context.map((c) => [c.type, c.value]));
const phase = (sentence: string) => classifySegment('s1', sentence, facts(sentence));

describe('varied wording', () => {
  it('reads ages and sexes charted as "F/86", "M/34" and "70s M"', () => {
    expect(ctx('Arr 1502, pt F/86 found seated on the floor.')).toMatchObject({ PATIENT_AGE: '86 years', PATIENT_SEX: 'female' });
    expect(ctx('Pt M/34 ambulatory at scene.')).toMatchObject({ PATIENT_AGE: '34 years', PATIENT_SEX: 'male' });
    expect(ctx('OS 0409, 70s M supine on bedroom floor.')).toMatchObject({ PATIENT_AGE: '70 years', PATIENT_SEX: 'male' });
  });

  it('reads "L&S." as an emergent response', () => {
    expect(phase('L&S.')).toBe('response');
    expect(ctx('L&S.').RESPONSE_MODE).toBe('emergent');
  });

  it('finds the destination after "dropped at", "ran him hot to" and a mode after a comma', () => {
    expect(ctx('Non-emergent transport, dropped at Lakeside ED 1205, stable.').DESTINATION).toBe('Lakeside ED');
    expect(ctx("We ran him hot to St. Luke's cath lab, called a STEMI alert.").DESTINATION).toBe("St. Luke's cath lab");
    expect(ctx('Scoop, cold to Regional.').DESTINATION).toBe('Regional');
    expect(phase("We ran him hot to St. Luke's cath lab, called a STEMI alert.")).toBe('transport');
  });

  it('reads "handed to" as the hand-off, with the condition said first', () => {
    expect(phase('Stable, handed to ED charge RN 1110.')).toBe('transport');
    expect(ctx('Stable, handed to ED charge RN 1110.').CONDITION_AT_TRANSFER).toBe('Stable');
  });

  it('does not take a pre-alert with a time for a dispatch', () => {
    expect(phase('Stroke alert called at 1115, IV 18 ga L AC.')).toBe('treatment');
  });

  it('reads "oxygen 96 percent" as a saturation, not oxygen given', () => {
    const f = facts('blood pressure 156 over 92 heart rate 84 respirations 18 oxygen 96 percent');
    expect(f.medications).toEqual([]);
    expect(f.vitals.map((v) => v.kind)).toContain('spo2');
  });

  it('keeps "non emergent" (spoken without a hyphen) whole: never emergent, never cut after "non"', () => {
    expect(ctx('transported non emergent to county general').TRANSPORT_MODE).toBe('non-emergent');
    expect(ctx('responded non emergency').RESPONSE_MODE).toBe('non-emergent');
    const run =
      'dispatched 1607 for a fall at the Villa Esperanza nursing home non emergent response arrived 1619 found Mrs Ortíz ' +
      '90 years old on the floor next to her bed complaining of left hip pain';
    expect(splitSentences(run)).toContain('non emergent response');
  });
});

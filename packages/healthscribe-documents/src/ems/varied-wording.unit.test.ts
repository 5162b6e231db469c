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

  it('finds the destination of a flight (landed at, lifted for) and of a line that opens with "To <facility>"', () => {
    expect(ctx('Landed at University Heart Institute at 1619, handed off to Dr. Demir.').DESTINATION).toBe('University Heart Institute');
    expect(ctx('Lifted at 1702 for Hartwell Medical Center, Level 1.').DESTINATION).toBe('Hartwell Medical Center');
    expect(ctx('To Lakewood Ortho ED, routine.').DESTINATION).toBe('Lakewood Ortho ED');
    expect(ctx('To the bathroom with assistance.').DESTINATION).toBeUndefined();
  });

  it('reads a clock time before ten said with its leading zero ("oh three twenty", "oh-one-forty-one")', () => {
    const clocks = (s: string) => facts(s).times.map((t) => t.clock);
    expect(clocks('critical care one was dispatched at oh three twenty for a transfer')).toEqual(['03:20']);
    expect(clocks('Medic 31, dispatched oh-one-forty-one, for a stabbing.')).toEqual(['01:41']);
    expect(clocks('requested at oh nine forty by the county hospital')).toEqual(['09:40']);
    expect(clocks('on scene at zero six oh five')).toEqual(['06:05']);
    expect(clocks('oh two patients on the floor')).toEqual([]);
  });

  it('reads the sex of a patient introduced by a family role, not of a relative who only called', () => {
    expect(ctx('Patient one is the mom, Mariana, she is 43.').PATIENT_SEX).toBe('female');
    expect(ctx('Patient two is her son, João, he is 9 years old.').PATIENT_SEX).toBe('male');
    expect(ctx('Mom says her son is 11 months old and had a fever since this morning.').PATIENT_SEX).toBe('male');
    expect(ctx('His wife called 911 when he collapsed.').PATIENT_SEX).not.toBe('female');
  });

  it('reads an infusion as IV, letters spelled out by a recogniser as the route, and a start time as part of its line', () => {
    const route = (s: string) => facts(s).medications.map((m) => [m.name, m.routeCode]);
    expect(route('Nitro drip at 20 mcg/min continued.')).toEqual([['nitroglycerin', 'IV']]);
    expect(route('Norepinephrine infusion at 8 mcg/min.')).toEqual([['norepinephrine', 'IV']]);
    expect(route('gave one gram of calcium chloride slow i v push at nineteen thirty one')).toEqual([['calcium chloride', 'IV']]);
    expect(
      splitSentences('we gave albuterol ten milligrams continuous neb started at nineteen thirty six and he felt better'),
    ).toHaveLength(1);
  });

  it('reads "decline transport" and "refuse transport" in the present tense as a refusal', () => {
    expect(ctx('Both decline transport, both A&O x4.').REFUSAL).toBeDefined();
    expect(ctx('They refuse transport after risks explained.').REFUSAL).toBeDefined();
  });

  it('takes a medication list ("Meds lisinopril, calcium") for home medications, not crew treatment', () => {
    expect(facts('Meds lisinopril, calcium, NKDA.').medications).toEqual([]);
    expect(facts('Meds given: calcium chloride 1 g IV at 1931.').medications.map((m) => m.name)).toContain('calcium chloride');
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

import { describe, expect, it } from 'vitest';
import { extractEmsFacts } from '../index.js';

/**
 * The patient described in plain words: a colloquial word for a man or a woman, a sex letter after a word describing the
 * patient, an age said after such a word with "'s"; and a hedged number said as a rate or a measure, which is no age.
 */
const ctx = (...sentences: string[]) =>
  Object.fromEntries(extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content }))).context.map((c) => [c.type, c.value]));

describe('the patient described in plain words', () => {
  it('reads a colloquial word for a man or a woman as the sex', () => {
    expect(ctx('Pleasant 70 year old guy sitting on the porch.').PATIENT_SEX).toBe('male');
    expect(ctx('She is a sweet old gal, lives alone.').PATIENT_SEX).toBe('female');
    expect(ctx('Older fella slumped over the wheel.').PATIENT_SEX).toBe('male');
    // Not a word that only sounds like one.
    expect(ctx('Gallbladder out in 2019, guaiac negative.').PATIENT_SEX).toBeUndefined();
  });

  it('reads a sex letter said after a word describing the patient', () => {
    expect(ctx('OS 0212, elderly F on the hallway floor.').PATIENT_SEX).toBe('female');
    expect(ctx('Adult M supine in the alley, snoring.').PATIENT_SEX).toBe('male');
    // Not a letter of an abbreviation or a name's initial.
    expect(ctx('Adult M&M conference note.').PATIENT_SEX).toBeUndefined();
    expect(ctx('Elderly M Jones at the door.').PATIENT_SEX).toBeUndefined();
    expect(ctx('Young F/U visit last week.').PATIENT_SEX).toBeUndefined();
  });

  it("reads an age said after a word for the patient and 's", () => {
    expect(ctx("Gentleman's 81, lives with his son.")).toMatchObject({ PATIENT_AGE: '81 years' });
    expect(ctx("Guy's 45, no history.")).toMatchObject({ PATIENT_AGE: '45 years' });
    // A count or a measure said after it is not the age.
    expect(ctx("The lady's 2 dogs were barking.").PATIENT_AGE).toBeUndefined();
    expect(ctx("Woman's 20 minutes from home.").PATIENT_AGE).toBeUndefined();
  });

  it('reads no age from a hedged number said as a rate or a measure', () => {
    expect(ctx('Female in arrest, initial rhythm pea at about 40').PATIENT_AGE).toBeUndefined();
    expect(ctx('Male, heart rate of around 150.').PATIENT_AGE).toBeUndefined();
    expect(ctx('Patient was down for approximately 20.').PATIENT_AGE).toBeUndefined();
    // The age hedged still is one.
    expect(ctx('Unresponsive male, approximately 60.')).toMatchObject({ PATIENT_AGE: '60 years' });
    expect(ctx('Female, maybe 35.')).toMatchObject({ PATIENT_AGE: '35 years' });
  });
});

describe('someone else in the same plain words', () => {
  it("does not read whose guy it is as the patient's sex", () => {
    expect(ctx('She wants to go where her ortho guy works.').PATIENT_SEX).toBe('female');
    expect(ctx('Her ortho guy is at Mercy.').PATIENT_SEX).not.toBe('male');
    expect(ctx('My guy at the station called it in.').PATIENT_SEX).toBeUndefined();
  });
});

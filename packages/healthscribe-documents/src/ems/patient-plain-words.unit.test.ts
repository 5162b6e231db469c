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

describe('plain words said of someone else, or of a reading', () => {
  it('reads no sex from guy, gal or fella said of another person, a role, a name or a gallon', () => {
    for (const line of [
      'The guy who called 911 said the patient collapsed.',
      'A gal at the front desk let us in.',
      'Bystander, a young guy, was doing CPR on arrival.',
      'The other guy in the car refused care.',
      'Care to Dr. Guy Morel at 1450.',
      'Tripped over a guy wire at the campsite.',
      'Care to the ER guy, Dr. Holm, at 1450.',
      'Fire guy was holding c-spine on arrival.',
      'Pregnant, the baby dad, a young guy, is on scene.',
    ])
      expect(ctx(line).PATIENT_SEX, line).toBeUndefined();
  });

  it("never gives the other sex than the line's pronoun", () => {
    for (const line of [
      'The guy from the nursing home said she fell at 0300.',
      'The UPS guy saw her fall off the porch.',
      'Her husband, a big guy, helped us carry her.',
      'The fella next door found her in the garden.',
      'Patient is 39, the security guy said she was yelling.',
      'Patient is 50, the maintenance guy let us into her apartment.',
      'Her ex, a tall guy, was on scene.',
    ])
      expect(ctx(line).PATIENT_SEX, line).not.toBe('male');
    for (const line of ['The gal from home health found him down.', 'Fell off a 5 gal bucket, he hit his head.'])
      expect(ctx(line).PATIENT_SEX, line).not.toBe('female');
  });

  it('reads no sex from a letter naming a size or another person', () => {
    for (const line of [
      'Applied adult M c-collar.',
      'BP with an adult M cuff.',
      'Obese F sister at bedside.',
      'Found by young M passerby.',
    ])
      expect(ctx(line).PATIENT_SEX, line).toBeUndefined();
    expect(ctx('Older M and F on scene, her parents.').PATIENT_SEX).not.toBe('male');
  });

  it("reads no age from a reading said as the lady's or the guy's", () => {
    for (const line of [
      "Checked a sugar, lady's 48.",
      "Sugar's low, the lady's 38.",
      "Put the pulse ox on, guy's 88.",
      "Heart rate, lady's 48.",
      "GCS, the guy's 8.",
      "Pain scale, the lady's 9.",
      "Respirations, lady's 28 and labored.",
      "Temp, the guy's 99.",
      "The lady's 3, maybe 4 days post op.",
    ])
      expect(ctx(line).PATIENT_AGE, line).toBeUndefined();
  });

  it('keeps a hedged age said after of, at or to', () => {
    expect(ctx('Found a man of about 60, lying on the sidewalk.')).toMatchObject({ PATIENT_AGE: '60 years' });
    expect(ctx('Unknown male, age estimated at about 50.')).toMatchObject({ PATIENT_AGE: '50 years' });
    expect(ctx('Woman of approximately 75.')).toMatchObject({ PATIENT_AGE: '75 years' });
    expect(ctx('Male, age at roughly 30.')).toMatchObject({ PATIENT_AGE: '30 years' });
  });
});

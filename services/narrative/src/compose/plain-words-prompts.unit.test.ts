import { describe, expect, it } from 'vitest';
import { promptOf } from '../testing/draatt-prompts.js';

// Elements said in plain words a prompt must not ask for again, and their near misses that must still be asked.
describe('the patient and the hand-off in plain words', () => {
  const call = (...closing: string[]) => [
    'Medic 2 dispatched at 1402 for a fall.',
    'Responded emergent.',
    "On scene 1410, gentleman's 77, sitting on the curb.",
    'BP 150/90, HR 80, RR 16, SpO2 97% on room air.',
    'Transported non-emergent to Saint Anne Hospital.',
    ...closing,
  ];

  it('does not ask the sex or age of a patient described in everyday words', () => {
    expect(promptOf('patient_sex', ...call('Care to RN Diaz at 1450, resting comfortably.'))).toBeUndefined();
    expect(promptOf('patient_age', ...call('Care to RN Diaz at 1450, resting comfortably.'))).toBeUndefined();
    expect(promptOf('patient_sex', 'Pleasant older guy, fell in the yard.', 'Transported to Saint Anne Hospital.')).toBeUndefined();
  });

  it('reads feeling back to normal at the hand-off as the condition then', () => {
    for (const line of [
      'At the hospital he was back to normal, chatting with the triage nurse, care to RN Diaz at 1450.',
      'At the ER she was feeling back to normal, handed off at 1450.',
    ])
      expect(promptOf('condition_at_transfer', ...call(line)), line).toBeUndefined();
  });

  it("still asks when the hand-off line says nothing of the patient's condition", () => {
    for (const closing of [
      ['At the hospital his son was chatting with the nurse.', 'Care to RN Diaz at 1450.'],
      ['Handed off to the trauma team at 1450 in bay 2.'],
      ['CPR in progress on arrival at the scene.', 'Care to RN Diaz at 1450.'],
      // Someone else chatting, another time, a negation, or an earlier rhythm.
      ['Care to RN Diaz at 1450 while his wife was chatting with the triage nurse.'],
      ['Care to RN Diaz at 1450, he was back to normal yesterday.'],
      ['Care to RN Diaz at 1450, mentation is not back to normal.'],
      ['Care to RN Diaz at 1450, he has not been back to himself.'],
      ['Care to RN Diaz at 1450, he is usually chatting but today is confused.'],
      ['Care to RN Diaz at 1450, initial rhythm asystole.'],
      ['Care to RN Diaz at 1450, no asystole noted.'],
    ])
      expect(promptOf('condition_at_transfer', ...call(...closing)), closing.join(' ')).toBeDefined();
  });
});

describe('the response to a drug said in few words', () => {
  const call = (...care: string[]) => ['Medic 2 dispatched at 1402 for a fall.', 'Pt 88 yo F, CC hip pain.', ...care];

  it('reads "pain 5/10 after", sedation taking hold and an arrest that stayed in asystole as the response', () => {
    for (const line of [
      'Fentanyl 50 mcg IV at 1905, pain 5/10 after, pillows under the knee.',
      'gave ketamine 400 milligrams im at 2122 he was out within about 4 minutes breathing fine',
      'epi 1 milligram io at 0640 and 0644 remained asystole throughout etco2 8',
    ])
      expect(promptOf('treatment_response', ...call(line)), line).toBeUndefined();
  });

  it('reads a time after a comma as the time of the drug it opens', () => {
    expect(promptOf('treatment_time', ...call('0230 IV 20 g L AC, 0233 Solu-Medrol 125 mg IV push.'))).toBeUndefined();
  });

  it('reads an age the family says, and what the patient is, as the age', () => {
    expect(promptOf('patient_age', 'family says hes 24 schizophrenic stopped his meds three days ago')).toBeUndefined();
  });
});

describe('near misses of the response, time and age words', () => {
  const call = (...care: string[]) => ['Medic 2 dispatched at 1402 for a fall.', 'Pt 88 yo F, CC hip pain.', ...care];

  it('still asks for the response after what the patient never had or a pain brought on by walking', () => {
    for (const line of [
      'Gave aspirin 324 mg PO at 0232. He says he never had anything like this before.',
      'Gave aspirin 324 mg PO at 0232. Pain 7 after walking up the stairs at home, he says.',
    ])
      expect(promptOf('treatment_response', ...call(line)), line).toBeDefined();
  });

  it("still asks the time of a drug said before another drug's clause time", () => {
    expect(promptOf('treatment_time', ...call('Aspirin 324 mg PO, 0235 nitro 0.4 mg SL.'))).toBeDefined();
  });

  it('does not read a reading after an age someone reports as what the patient is ("she\'s 84 hypoxic")', () => {
    expect(promptOf('patient_age', 'Nurse says she is 84 hypoxic on room air.')).toBeDefined();
  });
});

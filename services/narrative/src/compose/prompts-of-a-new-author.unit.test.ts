import { describe, expect, it } from 'vitest';
import { promptOf } from '../testing/draatt-prompts.js';

// Prompts a reviewer would dismiss, or miss, in the ways a new author said a call (round 36, from the thirty-second set once
// retired): each with its near miss, which still asks.
describe('a drug named inside the list of care a reassessment came after', () => {
  const given = [
    'Oxygen was applied at 2 L/min via nasal cannula at 07:26.',
    'Aspirin 324 mg was administered by mouth at 07:27, chewed.',
    'A 250 mL bolus of normal saline was initiated IV at 07:29.',
  ];

  it('is that giving spoken of, not a new one asked its dose and time', () => {
    const after = 'Following aspirin, oxygen, and the fluid bolus, pain decreased to 6 of 10 and BP was 116/72.';
    expect(promptOf('treatment_dose', ...given, after)).toBeUndefined();
    expect(promptOf('treatment_time', ...given, after)).toBeUndefined();
  });

  it('is asked when it was not given before', () => {
    expect(promptOf('treatment_time', given[1]!, 'Following aspirin, oxygen, and the fluid bolus, pain decreased to 6 of 10.')).toBe(
      'Document the time given of: oxygen, normal saline.',
    );
  });
});

describe('the rate the crew bagged at', () => {
  it('is the respiratory rate of a patient they ventilate', () => {
    expect(
      promptOf('vitals', 'Post-ROSC vitals were 94/60, heart rate 118, we were bagging him at 10 a minute, sat 94 percent.'),
    ).toBeUndefined();
    expect(promptOf('vitals', 'BP 94/60, HR 118, ventilating with BVM at 12 per minute, SpO2 94%.')).toBeUndefined();
  });

  it('is not a rate when none is said with the bagging', () => {
    expect(promptOf('vitals', 'Post-ROSC vitals were 94/60, heart rate 118, we were bagging him, sat 94 percent.')).toBe(
      'Document a full set of vitals (missing: RR).',
    );
    expect(promptOf('vitals', 'BP 94/60, HR 118, SpO2 94%.', 'We bagged him for 10 minutes.')).toBe(
      'Document a full set of vitals (missing: RR).',
    );
  });
});

describe('a fluid said by its volume alone', () => {
  it('has that volume as its dose ("ran 500 of warmed saline")', () => {
    const line = 'Got a 20 in the right hand and ran 500 of warmed saline IV starting at 06:05.';
    expect(promptOf('treatment_dose', line, 'By the hospital he was talking better.')).toBeUndefined();
  });

  it('still asks the dose of a fluid said without one', () => {
    expect(promptOf('treatment_dose', 'Ran warmed saline IV starting at 06:05.', 'By the hospital he was talking better.')).toBe(
      'Document the dose of: normal saline.',
    );
  });
});

describe('the patient settling after a drug, said in its line', () => {
  it('is the response', () => {
    const line = 'He kept trying to bite so we gave him versed 2.5 mg IM at 2346 and he settled down within about five minutes.';
    expect(promptOf('treatment_response', line)).toBeUndefined();
    expect(promptOf('treatment_response', 'Midazolam 5 mg IN at 1412, she calmed down after.')).toBeUndefined();
  });

  it('is not the crew settling someone', () => {
    expect(promptOf('treatment_response', 'Midazolam 5 mg IN at 1412, we settled her on the stretcher.')).toBe(
      "Document the patient's response to treatment.",
    );
  });
});

describe('"emergent" said of what the patient goes for', () => {
  const dispatch =
    'Critical Care Unit 401 was assigned an interfacility transfer from Pine Ridge Hospital to University Medical Center for ' +
    'emergent endoscopy.';

  it('is not how the unit drove', () => {
    expect(promptOf('response_mode', dispatch, 'Arrived at 19:35.')).toBe('Document the response mode (emergent or non-emergent).');
    expect(promptOf('response_mode', 'Medic 4 dispatched to 12 Elm St for a patient who needs emergent surgery.')).toBe(
      'Document the response mode (emergent or non-emergent).',
    );
  });

  it('is how the unit drove when said of the response', () => {
    expect(promptOf('response_mode', 'Medic 4 dispatched at 0312 for a fall, emergent, on scene 0319.')).toBeUndefined();
  });
});

describe('a dispatch that says only where', () => {
  const nature = 'Document the nature of the call as dispatched.';

  it('asks what the call was for', () => {
    for (const dispatch of [
      'Okay, so we got the call at 11:05, Medic 15, out to the Kroger on Dumont Avenue.',
      'Medic 10 was dispatched at 17:38 to 12 Hollis Lane, Brookfield.',
      'medic nine dispatched at zero one zero five to 412 harbor view drive',
    ])
      expect(promptOf('dispatch_nature', dispatch)).toBe(nature);
  });

  it('does not ask when it also says what for', () => {
    for (const dispatch of [
      'Okay, so we got the call at 11:05, Medic 15, out to the Kroger on Dumont Avenue for a woman who fainted.',
      'We got the call at 11:05 to the Kroger on Dumont Avenue, syncope.',
      'Medic 10 was dispatched at 17:38 to 12 Hollis Lane, Brookfield, chest pain.',
      'Medic 10 was dispatched at 17:38 to 12 Hollis Lane, Seizure.',
      'medic nine dispatched at zero one zero five to 412 harbor view drive difficulty breathing',
    ])
      expect(promptOf('dispatch_nature', dispatch)).toBeUndefined();
  });
});

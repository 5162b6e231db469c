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
    // A heart or pacing rate said after the bagging is not its rate.
    for (const line of [
      'Bagging via BVM, pacing at 70 per minute, BP 90/50, SpO2 92%.',
      'Ventilated with BVM, paced at 80 a minute with capture, BP 86/50, SpO2 90%.',
      'BVM assisted, heart rate at 40 a minute, BP 70/40, SpO2 85%.',
    ])
      expect(promptOf('vitals', line)).toMatch(/missing: (?:HR, )?RR\)/);
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

  it('is not the crew settling someone, nor anyone else calming down', () => {
    for (const after of [
      'We settled her on the stretcher.',
      'We settled patient onto the cot and loaded.',
      'We calmed his wife down and she followed us.',
      'Pt calmed his wife down on the phone.',
      'Daughter calmed down after we explained.',
      'Things calmed down on scene after police arrived.',
      'The wind calmed down so the helicopter could land.',
      'The family was upset but they calmed down once we explained.',
    ])
      expect(promptOf('treatment_response', 'Midazolam 5 mg IN at 1412.', after)).toBe("Document the patient's response to treatment.");
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
    for (const line of [
      'medic 4 dispatched at 0312 for a fall responded emergent care was taken to avoid the ice on the road arrived 0319',
      'medic 4 dispatched at 0312 for a fall we responded non emergent care was already being provided by the engine crew',
      'medic 4 dispatched at 0312 for a fall we responded emergent evaluation of the scene showed two vehicles',
      'Medic 4 dispatched at 0312 for a fall. Responded emergent delivery in progress on arrival per fire.',
      'medic 4 dispatched at 0312 for a fall responded lights and sirens care was transferred from the first responders on scene',
      "Medic 4 dispatched at 0312 for an emergent transfer to St. Mary's.",
      'Medic 4 dispatched at 0900 for chest pain, responded for emergent care.',
    ])
      expect(promptOf('response_mode', line)).toBeUndefined();
  });
});

describe('a dispatch that says only where', () => {
  const nature = 'Document the nature of the call as dispatched.';

  it('asks what the call was for', () => {
    for (const dispatch of [
      'Okay, so we got the call at 11:05, Medic 15, out to the Kroger on Dumont Avenue.',
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
      'Medic 12 dispatched at 1432 to 400 Elm Street, Syncope.',
      'Medic 12 dispatched at 1432 to 400 Elm Street, MVC.',
      'Medic 5 dispatched at 0210 to 14 Pine Road, Falls.',
      'Medic 5 dispatched at 0210 to 14 Pine Road, Hypotension.',
      'M6 0402 to 71 Beacon Hill Rd, Syncope.',
      'Medic 3, 1410, to MVC on Elm Street.',
      'Okay so we got called out around two fifteen to Lift Assist on Dumont Avenue.',
      'medic nine dispatched at zero one zero five to 412 harbor view drive difficulty breathing',
    ])
      expect(promptOf('dispatch_nature', dispatch)).toBeUndefined();
  });
});

describe('a glucose checked after a drug that does not raise it', () => {
  const call = ['Medic 40 was dispatched at 20:14 for a seizure.', 'Midazolam 10 mg IM into the left deltoid at 20:23.'];

  it('is no response to that drug', () => {
    expect(promptOf('treatment_response', ...call, 'Blood glucose was 97 mg/dL.', 'Transported emergently to Boston Medical.')).toBe(
      "Document the patient's response to treatment.",
    );
  });

  it("is the response to dextrose, glucagon or oral glucose, and other readings still are any drug's", () => {
    const low = ['Medic 40 was dispatched at 20:14 for a diabetic problem.', 'Glucose 38.'];
    expect(promptOf('treatment_response', ...low, 'D10 250 mL IV at 20:23.', 'Blood glucose was 141 mg/dL.')).toBeUndefined();
    expect(promptOf('treatment_response', ...low, 'Glucagon 1 mg IM at 20:23.', 'Blood glucose was 88 mg/dL.')).toBeUndefined();
    expect(promptOf('treatment_response', ...call, 'Repeat BP 130/80, HR 100, seizure stopped.')).toBeUndefined();
  });
});

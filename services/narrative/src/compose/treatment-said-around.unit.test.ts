import { describe, expect, it } from 'vitest';
import { promptOf } from '../testing/draatt-prompts.js';

// Treatment details said around the drug: a drug carried on from before, the patient's state by a later clock time.
const ift = (...care: string[]) => [
  'Medic 8 assigned at 0905 to a transfer from Valley Hospital to the University ICU.',
  'Arrived at the Valley ICU at 0930, report from the RN.',
  '72 year old female with sepsis, BP 100/60, HR 110, RR 22, SpO2 95% on 4 L NC.',
  ...care,
  'Transported non-emergent to University Hospital.',
  'Care to the ICU RN at 1015, unchanged.',
];

describe('a drug carried on from before', () => {
  it('does not ask when a drug said as continued or maintained was given', () => {
    expect(promptOf('treatment_time', ...ift('Norepinephrine was maintained at 8 mcg/min on our pump.'))).toBeUndefined();
    expect(promptOf('treatment_time', ...ift('We continued the oxygen at 4 L by nasal cannula.'))).toBeUndefined();
    expect(promptOf('treatment_time', ...ift('Oxygen continued at 4 L NC throughout, pressure stable.'))).toBeUndefined();
  });

  it("still asks the time of the crew's own giving said carried on after it", () => {
    for (const care of [
      ['Placed on a non-rebreather at 15 L.', 'Oxygen was maintained throughout transport.'],
      ['Placed on 2 L nasal cannula, oxygen continued en route.'],
      ['We put her on 4 L and kept her oxygen going.'],
      ['started a norepinephrine drip maintained map above 65'],
      ['started a dopamine drip kept running at 10 mcg/kg/min'],
      ['gave oxygen continued monitoring vitals'],
      ['gave oxygen maintained sats above 94'],
    ])
      expect(promptOf('treatment_time', ...ift(...care)), care.join(' ')).toBeDefined();
  });

  it('still asks the time of a drug given beside a word of continuing said of something else', () => {
    expect(promptOf('treatment_time', ...ift('Ondansetron 4 mg IV for nausea, nausea continued.'))).toBe(
      'Document the time given of: ondansetron.',
    );
    expect(promptOf('treatment_time', ...ift('Continued to monitor, fentanyl 25 mcg IV for pain.'))).toBe(
      'Document the time given of: fentanyl.',
    );
  });
});

describe("the patient's state by a later clock time", () => {
  const call = (after: string) => [
    'Medic 5 dispatched at 22:10 for a psychiatric emergency.',
    'Responded emergent.',
    'Found a 30 year old male yelling and combative.',
    'Ketamine 250 mg IM was given to the left deltoid at 22:31.',
    after,
    'Transported non-emergent to Mercy, care to RN at 23:02, sleeping.',
  ];

  it('reads the patient calm or asleep by a later time written with its colon as the response to the drug before', () => {
    expect(promptOf('treatment_response', ...call('By 22:38 the patient was calm and breathing easily.'))).toBeUndefined();
    expect(promptOf('treatment_response', ...call('By 22:40 he was asleep, airway maintained.'))).toBeUndefined();
  });

  it('still asks when no later state is said', () => {
    expect(promptOf('treatment_response', ...call('At 22:38 he was placed on the stretcher.'))).toBeDefined();
    expect(promptOf('treatment_response', ...call('Bystanders had left by then.'))).toBeDefined();
    for (const line of [
      'Supposed to be at dialysis by 8:00 tomorrow.',
      'Partner had the stretcher ready by 23:10.',
      'The pain had started by 22:30.',
      'By 23:13 we had a second IV in.',
      'Medical control called back by 23:13.',
      'She usually takes her insulin by 9:00 pm.',
    ])
      expect(promptOf('treatment_response', ...call(line)), line).toBeDefined();
  });
});

describe('drugs named again in a list after "after"', () => {
  it('does not ask the dose, route or time of a drug named as what the reassessment came after', () => {
    const care = [
      'Albuterol 5 mg w/ ipratropium 0.5 mg via neb at 0231.',
      'Solu-Medrol 125 mg IVP at 0236.',
      'Reassess after neb, CPAP and Solu-Medrol: BP 150/88, HR 108, RR 24, SpO2 93%.',
    ];
    for (const element of ['treatment_dose', 'treatment_route', 'treatment_time'] as const)
      expect(promptOf(element, ...ift(...care)), element).toBeUndefined();
  });

  it('still asks of a drug given again after an event or a time, with no reading after it', () => {
    for (const care of [
      ['Nitro 0.4 mg SL at 0240.', 'Pain still 6. After five minutes, nitro SL.'],
      ['Versed 2 mg IV at 0240.', 'Post seizure, versed IM.'],
      ['Zofran 4 mg IV at 0240.', 'After vomiting twice, zofran IV.'],
    ])
      expect(promptOf('treatment_time', ...ift(...care)), care.join(' ')).toBeDefined();
  });

  it('still asks of a drug given after another, with a giving word said between', () => {
    expect(
      promptOf('treatment_dose', ...ift('Solu-Medrol 125 mg IVP at 0236.', 'After the neb, gave Solu-Medrol again at 0250.')),
    ).toBeDefined();
  });
});

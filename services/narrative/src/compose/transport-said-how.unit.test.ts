import { describe, expect, it } from 'vitest';
import { promptOf } from '../testing/draatt-prompts.js';

// The transport said with how it was driven, and "no treatment" said in a line placed elsewhere.
const call = (...transport: string[]) => [
  'Medic 7 dispatched at 1302 for a transfer.',
  'Responded non-emergent.',
  'On scene 1320, 80 year old female in bed, no complaints.',
  'BP 130/70, HR 76, RR 16, SpO2 96% on room air.',
  ...transport,
  'Care to the charge nurse at 1405, resting comfortably.',
];

describe('the transport said with how it was driven', () => {
  it('reads the place after "transported without lights to" as the destination', () => {
    expect(promptOf('destination', ...call('No treatment needed, transported without lights to fairview manor.'))).toBeUndefined();
    expect(promptOf('destination', ...call('Transported with lights and sirens to st brigid.'))).toBeUndefined();
    expect(promptOf('destination', ...call('Transported code 3 to lakeside.'))).toBeUndefined();
  });

  it('still asks when the place is no facility', () => {
    expect(promptOf('destination', ...call('No treatment needed, transported without lights to the ambulance bay.'))).toBeDefined();
    expect(promptOf('destination', ...call('No treatment needed, transported with lights to our stretcher first.'))).toBeDefined();
    expect(promptOf('destination', ...call('No treatment needed, transported without lights to avoid jarring the hip.'))).toBeDefined();
  });
});

describe('"no treatment" said in a line placed in another section', () => {
  it('does not ask for the treatment section', () => {
    expect(
      promptOf(
        'treatment',
        ...call('No treatment was needed en route, we kept her comfortable and transported without lights to fairview manor.'),
      ),
    ).toBeUndefined();
  });

  it('still asks when nothing of the treatment is said', () => {
    expect(promptOf('treatment', ...call('Transported without lights to fairview manor.'))).toBeDefined();
    // No care said of someone else, or of another time, is not the crew's.
    for (const line of [
      'Transported non-emergent to Mercy General, no medications were given by the family.',
      'Transported non-emergent to Mercy General, no care was provided by the nursing home.',
      'Transported to Mercy General, she states no treatment was needed at the clinic yesterday.',
    ])
      expect(promptOf('treatment', ...call(line)), line).toBeDefined();
  });
});

describe("an interfacility transfer's destination said in its dispatch line", () => {
  const ift = (dispatch: string) => [
    dispatch,
    'Responded emergent.',
    'At bedside 16:05, pt on monitor.',
    'Pt 58 yo M, CC substernal CP since 14:30, 8/10.',
    'VS: BP 138/84, HR 64, RR 18, SpO2 96% RA.',
    'Emergent transport, continuous monitoring, no ectopy.',
    'Care to Dr. Lindqvist, cath lab, 16:41; pt A&Ox4, pain 4/10, VS stable.',
  ];

  it('reads "IFT: … Cedar Valley ER to Regional Heart Institute" as the destination', () => {
    expect(
      promptOf(
        'destination',
        ...ift('IFT: dispatched 15:52, inferior STEMI, Cedar Valley Community Hospital ER to Regional Heart Institute.'),
      ),
    ).toBeUndefined();
    expect(promptOf('destination', ...ift('Interfacility transfer dispatched 15:52 from Mercy ER to St. Anne cath lab.'))).toBeUndefined();
  });

  it('still asks when the transfer names no place it went to', () => {
    expect(
      promptOf('destination', ...ift('IFT: dispatched 15:52, inferior STEMI, from Cedar Valley Community Hospital ER.')),
    ).toBeDefined();
    expect(promptOf('destination', ...ift('IFT: dispatched 15:52, inferior STEMI, report to Dr. Sato.'))).toBeDefined();
    expect(promptOf('destination', ...ift('IFT dispatched 15:52, interfacility paperwork to Mercy was incomplete.'))).toBeDefined();
  });
});

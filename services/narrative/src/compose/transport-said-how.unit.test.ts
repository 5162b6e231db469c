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

import { describe, expect, it } from 'vitest';
import { extractEmsFacts } from '../index.js';

/**
 * What a drug's form or its device says without the words: dextrose goes into a vein as saline does, and oxygen run "high flow"
 * through a bag-valve mask is at the most the regulator gives. Through a mask or a cannula the litres are still asked for.
 */
const meds = (sentence: string) => extractEmsFacts([{ id: 's1', content: sentence }]).medications;
const med = (sentence: string, name: string) => meds(sentence).find((m) => m.name === name);

describe('dextrose given without its route said', () => {
  it('is read as given IV, unless an IO is said with it', () => {
    expect(med('We got a 20 in his left hand and pushed D10, 150 milliliters, and he woke up.', 'dextrose')).toMatchObject({
      routeCode: 'IV',
    });
    expect(med('Pushed D10 150 mL IO at 0412.', 'dextrose')).toMatchObject({ routeCode: 'IO' });
  });
});

describe('oxygen said "high flow"', () => {
  it('has its dose through a bag-valve mask', () => {
    expect(med('we bagged her with a bvm and high flow oxygen and gave narcan 4 mg intranasal', 'oxygen')?.dose?.text).toBe('high flow');
  });

  it('has no dose through a non-rebreather, where the litres are charted', () => {
    expect(med('started high flow oxygen via non-rebreather at 1649', 'oxygen')?.dose).toBeNull();
  });
});

describe('near misses of the implied route and the high flow', () => {
  it('does not imply IV for dextrose gel or tablets, or in a line with an IO', () => {
    expect(med('Gave dextrose gel 15 grams at 1010.', 'dextrose')?.routeCode).toBeNull();
    expect(med('IO placed in the left tibia, gave D10 100 ml at 1015.', 'dextrose')?.routeCode).not.toBe('IV');
    expect(med('Gave her 4 dextrose tablets at 1010.', 'dextrose')?.routeCode).toBeNull();
  });

  it('does not read "high flow" as the dose when the BVM is only at hand', () => {
    expect(med('High flow oxygen via NRB at 0410, BVM at the bedside in case needed.', 'oxygen')?.dose).toBeNull();
  });
});

describe("a route that is a word of another drug's name", () => {
  it('is that drug\'s alone, not shared with the others in the line ("aspirin, oxygen, and the fluid bolus")', () => {
    const line = 'Following aspirin, oxygen, and the fluid bolus, pain decreased to 6 of 10.';
    expect(med(line, 'oxygen')?.route).toBeNull();
    expect(med(line, 'normal saline')?.routeCode).toBe('IV');
  });

  it('is still shared when said on its own ("5 mg albuterol and 0.5 mg ipratropium via nebulizer")', () => {
    expect(med('5 mg albuterol and 0.5 mg ipratropium via nebulizer at 1412.', 'albuterol')?.routeCode).toBe('NEB');
  });
});

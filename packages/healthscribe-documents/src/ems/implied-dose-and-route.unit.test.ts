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

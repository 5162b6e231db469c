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

describe('a route said once in a line of several drugs', () => {
  it('is not shared with a drug never given by it ("aspirin, oxygen, and the fluid bolus", "on NC at 4 L, gave aspirin")', () => {
    const line = 'Following aspirin, oxygen, and the fluid bolus, pain decreased to 6 of 10.';
    expect(med(line, 'oxygen')?.route).toBeNull();
    expect(med(line, 'normal saline')?.routeCode).toBe('IV');
    expect(med('Placed on NC at 4 L, gave aspirin 324 mg at 1001.', 'aspirin')?.route).toBeNull();
  });

  it('leaves oxygen its own device: a mask said bare, or the CPAP pushing it', () => {
    const mask = 'We give also diphenhydramine 50 mg IV at 19h46 and the oxygen with the mask at 15 liters.';
    expect(med(mask, 'oxygen')?.routeCode).toBe('MASK');
    expect(med('so we put him on cpap at 10 cm with 100 percent oxygen at 2322 and gave nitro 0.4 sl', 'oxygen')?.routeCode).toBe('CPAP');
    expect(med('Diphenhydramine 50 mg with the mask on, IV at 1946.', 'diphenhydramine')?.routeCode).toBe('IV');
    expect(med('Started CPAP at 10 cm and gave nitro 0.4 mg at 1138.', 'nitroglycerin')?.route).toBeNull();
    expect(med('Albuterol inline with CPAP at 2112.', 'albuterol')?.routeCode).not.toBe('CPAP');
    expect(med('Epinephrine 0.3 mg and then BiPAP at 2008.', 'epinephrine')?.route).toBeNull();
  });

  it('is still shared when the drugs are given by it ("… ipratropium via nebulizer", "SL" with no other route)', () => {
    expect(med('5 mg albuterol and 0.5 mg ipratropium via nebulizer at 1412.', 'albuterol')?.routeCode).toBe('NEB');
    expect(med('Gave 324 mg aspirin, 0.4 mg nitro SL, and started a saline bolus at 1402.', 'aspirin')?.routeCode).toBeNull();
    expect(med('gave aspirin 324 mg nitro 0.4 mg sl and placed her on nc 2 l at 0915', 'aspirin')?.route).toBeNull();
    expect(med('Gave a duo neb at 1410, then a second albuterol 2.5 mg at 1425.', 'albuterol')?.routeCode).toBe('NEB');
    expect(med('Albuterol 2.5 mg and ipratropium 0.5 mg neb inline with CPAP 0221.', 'albuterol')?.routeCode).toBe('NEB');
  });
});

describe('oxygen said with the percent it is given at', () => {
  it('has that percent as its dose ("bagging with 100% oxygen", "cpap at 10 cm with 100 percent oxygen")', () => {
    expect(med('Took over compressions, i-gel placed, bagging with 100% oxygen.', 'oxygen')?.dose?.text).toBe('100%');
    expect(med('so we put him on cpap at 10 cm with 100 percent oxygen at 2322', 'oxygen')?.dose?.text).toBe('100 percent');
  });

  it('has no dose from a saturation said before it, however named', () => {
    for (const said of [
      'Sats 94 percent oxygen via nasal cannula at 1412.',
      'SpO2 88% oxygen applied by NRB.',
      'Sats were 86 percent oxygen applied via nasal cannula.',
      'Pulse oximetry 89 percent oxygen via nasal cannula.',
      'Her sats are 88 percent oxygen via nasal cannula started.',
      'Satting 86% oxygen via NC applied.',
      'Sp02 88 percent oxygen placed via nasal cannula.',
      'Sats dropped to 85 percent oxygen increased via nasal cannula.',
      'Room air 87 percent oxygen via NC applied.',
      'Pulse ox showed 88 percent oxygen given via nasal cannula.',
    ])
      expect(med(said, 'oxygen')?.dose).toBeNull();
  });
});

describe("a fluid's volume said before its temperature", () => {
  it('is its dose ("ran 500 of warmed saline")', () => {
    expect(med('Got a 20 in the right hand and ran 500 of warmed saline IV starting at 06:05.', 'normal saline')?.dose?.text).toBe('500');
  });

  it("is not a bag's number or a count of bags", () => {
    expect(med('Hung bag 2 of warmed saline at 0330.', 'normal saline')?.dose).toBeNull();
    expect(med('Started liter 2 of warmed LR at 0150.', 'normal saline')?.dose).toBeNull();
    expect(med('Gave 1 of cold saline bags to the engine crew.', 'normal saline')?.dose).toBeNull();
  });
});

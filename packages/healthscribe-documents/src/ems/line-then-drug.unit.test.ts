import { describe, expect, it } from 'vitest';
import { extractEmsFacts } from '../index.js';

/**
 * A charting line that names the line first, with its gauge and site, then the drug given through it, with no verb and no
 * "and" between ("io 15 g r tibia epinephrine 1 mg io", "iv 18 ga left hand zofran iv at 0930"): the drug is the crew's.
 */
const meds = (content: string) => extractEmsFacts([{ id: 's1', content }]).medications.map((m) => m.name);

describe('a drug charted right after the line it went in', () => {
  it('reads the drug as given by the crew', () => {
    expect(meds('iv 18 ga left hand ondansetron iv at 0930')).toEqual(['ondansetron']);
    expect(meds('IO 15 g R tibia epinephrine 1 mg IO at 0412')).toEqual(['epinephrine']);
    expect(meds('20 gauge iv r forearm ketorolac 15 mg iv')).toEqual(['ketorolac']);
  });

  it('does not read a drug that follows a finding or someone else’s line', () => {
    expect(meds('iv 18 ga left hand infiltrated ondansetron allergy')).toEqual([]);
    expect(meds('iv 20 g l ac placed by the nursing home staff ondansetron at home')).toEqual([]);
  });
});

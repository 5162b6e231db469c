import { describe, expect, it } from 'vitest';
import { promptOf } from '../testing/draatt-prompts.js';

// Prompts a reviewer would dismiss, or miss, in the ways another new author said a call (round 37, from the thirty-third set
// once retired): each with its near miss, which still asks.
describe('a drug given over a span of minutes, with its clock time', () => {
  it('reads the time said before or after the span ("iv at 2 21 over 10 minutes", "iv over 10 minutes at 11 05")', () => {
    expect(promptOf('treatment_time', 'gave txa 1 gram iv at 2 21 over 10 minutes')).toBeUndefined();
    expect(promptOf('treatment_time', 'magnesium 2 grams iv over 10 minutes at 11 05')).toBeUndefined();
  });

  it('asks the time when only the span is said', () => {
    expect(promptOf('treatment_time', 'magnesium 2 grams iv over 10 minutes')).toBe('Document the time given of: magnesium sulfate.');
    expect(promptOf('treatment_time', 'gave txa 1 gram iv over 10 minutes at 2 liters')).toBe(
      'Document the time given of: tranexamic acid.',
    );
  });
});

describe('a fluid hung with its clock time', () => {
  it('reads the time said after the fluid ("hung a liter of warmed saline at 5 58")', () => {
    expect(promptOf('treatment_time', 'got a 20 in the r ac and hung a liter of warmed saline at 5 58')).toBeUndefined();
    expect(promptOf('treatment_time', 'ran a 500 ml bolus at 10 35 wide open')).toBeUndefined();
  });

  it('asks when the pair of numbers measures something else ("saline at 2 10 ml an hour")', () => {
    expect(promptOf('treatment_time', 'hung a liter of warmed saline')).toBe('Document the time given of: normal saline.');
    expect(promptOf('treatment_time', 'hung a liter of saline at 1 20 ml per hour')).toBe('Document the time given of: normal saline.');
  });
});

describe('the dispatch time after "sent out"', () => {
  it('is read as a recogniser writes it ("medic 6 sent out at 5 40 this morning")', () => {
    expect(promptOf('dispatch_time', 'medic 6 sent out at 5 40 this morning to the railroad underpass on kessler avenue')).toBeUndefined();
    expect(promptOf('dispatch_time', 'we got paged out at 3 15 for a fall')).toBeUndefined();
  });

  it('is asked when no time is said', () => {
    expect(promptOf('dispatch_time', 'medic 6 sent out this morning to the railroad underpass on kessler avenue')).toBe(
      'Document the dispatch time.',
    );
  });
});

describe('a patient said not to be transported', () => {
  const arrest = [
    'Medic 3 was dispatched at 05:41 for an unresponsive male. The unit responded emergent.',
    'The patient is a 79-year-old male, pulseless and apneic, asystole. CPR was continued.',
    'Epinephrine 1 mg IO was administered at 05:54 with no change from asystole.',
  ];

  it('needs no destination or condition at transfer ("The patient was not transported; the scene was turned over to …")', () => {
    const end = "The patient was not transported; the scene was turned over to Officer Brennan of the county sheriff's office.";
    expect(promptOf('condition_at_transfer', ...arrest, end)).toBeUndefined();
    expect(promptOf('destination', ...arrest, end)).toBeUndefined();
  });

  it('is asked both when the transport only waited ("was not transported until …")', () => {
    const end = 'The patient was not transported until the family arrived, then we transported emergent to Mercy Hospital.';
    expect(promptOf('condition_at_transfer', ...arrest, end)).toBe("Document the patient's condition at transfer of care.");
  });
});

describe('driving hot to the hospital', () => {
  const call = [
    'Dispatched 10:26 this morning for a possible stroke, 45 Orchard Terrace. Got there 10:34.',
    '78-year-old female, slurred speech. Vitals were 186 over 98, pulse 92, respirations 18, sat 95 percent on room air.',
  ];

  it('is the transport, not the response ("We called a stroke alert and went hot to Bellhaven Comprehensive Stroke Center")', () => {
    expect(promptOf('response_mode', ...call, 'We called a stroke alert and went hot to Bellhaven Comprehensive Stroke Center.')).toBe(
      'Document the response mode (emergent or non-emergent).',
    );
  });

  it('is the response when it takes the unit to the call ("went hot to the residence", "responded emergent to Mercy Hospital")', () => {
    expect(promptOf('response_mode', 'Dispatched 10:26 for a fall. We went hot to the residence.', ...call.slice(1))).toBeUndefined();
    expect(
      promptOf('response_mode', 'Dispatched 10:26 for a transfer. We responded emergent to Mercy Hospital.', ...call.slice(1)),
    ).toBeUndefined();
  });
});

describe('two patients, one refusing, the other transported', () => {
  const call = [
    'E-12/M-12 dispatched 1732, MVC 2 veh, T-bone, Hwy 50 at Birch Rd. Code 3.',
    'Pt 1 driver veh A, 41 yo F, CC L chest wall pain. VS BP 138/92, HR 110, RR 24 shallow, SpO2 95% RA.',
    'IV 18 R AC, fentanyl 75 mcg IV 1750, pain 8 to 4/10.',
    'Pt 2 driver veh B, 19 yo M, denies complaints.',
    'Pt 2 refused tx/transport, A&O x4, risks explained, signed AMA.',
  ];

  it('asks the condition of the one transported', () => {
    expect(promptOf('condition_at_transfer', ...call, 'Pt 1 transported to Regional Trauma Center, report to trauma bay.')).toBe(
      "Document the patient's condition at transfer of care.",
    );
  });

  it('asks nothing of a transport when the only patient refused', () => {
    const one = call.filter((s) => !s.startsWith('Pt 2 driver')).map((s) => s.replace('Pt 2', 'Pt').replace('Pt 1', 'Pt'));
    expect(promptOf('condition_at_transfer', ...one)).toBeUndefined();
    expect(promptOf('destination', ...one)).toBeUndefined();
  });
});

describe('an infant\'s age charted after "Pt"', () => {
  it('reads "Pt 4 mo, ex-35 wk, 6.2 kg" as 4 months old', () => {
    expect(promptOf('patient_age', 'Pt 4 mo, ex-35 wk, 6.2 kg, RSV+, subcostal retractions.')).toBeUndefined();
  });

  it('does not read a span said after the patient ("Pt 4 mo post op", "symptoms 4 mo")', () => {
    expect(promptOf('patient_age', 'Pt 4 mo post op, knee replacement.')).toBe("Document the patient's age.");
    expect(promptOf('patient_age', 'Pt has had symptoms 4 mo, worse today.')).toBe("Document the patient's age.");
  });
});

describe('a behavioural intake named in recogniser text', () => {
  it('is the destination ("transported to st josephs behavioral intake with no lights")', () => {
    expect(
      promptOf('destination', 'she is under a police hold transported to st josephs behavioral intake with no lights'),
    ).toBeUndefined();
  });
});

describe('a combination’s parts said with their doses in the run-on piece right after it', () => {
  const parts = 'albuterol 5 milligrams with ipratropium 250 micrograms i mean 500 micrograms then dexamethasone 12 milligrams po at 7 32';
  const before = 'vitals bp 108 over 68 heart rate 132 respirations 36 spo2 89 percent on room air';

  it('are the combination given, by its route and at its time ("at 7 28 we gave a duoneb … albuterol 5 milligrams with …")', () => {
    const run = `${before} at 7 28 we gave a duoneb by nebulizer at 8 liters ${parts} and he kept it down`;
    expect(promptOf('treatment_time', run)).toBeUndefined();
    expect(promptOf('treatment_route', run)).toBeUndefined();
  });

  it('is a drug of its own when only one part is named ("… at 8 liters | albuterol 5 milligrams then …")', () => {
    const run = `${before} at 7 28 we gave a duoneb by nebulizer at 8 liters albuterol 5 milligrams then dexamethasone 12 milligrams po`;
    expect(promptOf('treatment_route', run)).toBe('Document the route of: albuterol.');
  });
});

import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { composeNarrative } from './compose-narrative.js';

/**
 * Where the call's order decides (the line after the dispatch that speaks of driving is the response;
 * after the transport began, a hand-off line closes it and says the condition), which medications
 * need a dose, route and time (the crew's own, and not a bare name of a drug already detailed), and
 * spoken corrections said with "no wait", in words, or naming the other side.
 */
const compose = (...sentences: string[]) => {
  const raw = createSyntheticDocuments(sentences.join(' '));
  const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
  return composeNarrative(docs, { version: 1, definition: { ...BUILTIN_TEMPLATES.DRAATT, style: 'verbatim' } });
};
const sectionOf = (n: ReturnType<typeof compose>, text: string) => n.sections.find((s) => s.sentences.some((x) => x.text === text))?.key;
const text = (n: ReturnType<typeof compose>) => n.sections.flatMap((s) => s.sentences.map((x) => x.text)).join(' ');

describe('the call order places the response and the hand-off', () => {
  it('reads the line after the dispatch that speaks of driving as the response, and the response mode as stated', () => {
    for (const said of ['Came in cold.', 'Reds and sirens the whole way.', 'Normal traffic, no lights.']) {
      const n = compose('Medic 9 paged 0614 for a fall.', said, 'Arrived 0622, man on the porch steps.');
      expect(sectionOf(n, said), said).toBe('response');
      expect(n.missingElements, said).not.toContain('response_mode');
    }
  });

  it('reads the response said in the run-on piece of the dispatch or the arrival, not a finding nor the transport', () => {
    const rest = ['pt is a 64 yo male c o chest pain bp 150/90 hr 88 rr 18 spo2 97', 'we took him to mercy care to the ed nurse'];
    for (const opening of [
      'medic 17 dispatched 1831 for an allergic reaction at 210 atlantic ave emergent 1836 on scene patient seated in a booth',
      'm7 toned 0312 unresponsive male 418 larkspur ln hot on scene 0319 wife doing cpr',
      'dispatched at 0652 to the fitness center for a man down lights and sirens four minute response',
    ])
      expect(compose(opening, ...rest).missingElements, opening).not.toContain('response_mode');
    for (const opening of [
      'medic 17 dispatched 1831 for an allergic reaction at 210 atlantic ave on scene 1836 skin hot and dry',
      'medic 17 dispatched 1831 for a fall transported emergent to mercy',
    ])
      expect(compose(opening, ...rest).missingElements, opening).toContain('response_mode');
  });

  it('opens the call with a call sign and a time, whatever its nature names', () => {
    const n = compose('Unit 12, 2204, man down, bystanders doing CPR.', 'Hot.', 'On location 2211, pt supine on the sidewalk.');
    expect(sectionOf(n, 'Unit 12, 2204, man down, bystanders doing CPR.')).toBe('dispatch');
    expect(sectionOf(n, 'On location 2211, pt supine on the sidewalk.')).toBe('arrival');
  });

  it('does not take a clinical line after the dispatch for the response', () => {
    const n = compose('Medic 9 paged 0614 for chest pain.', 'BP 150/90 on the first set, lights still on in the house.');
    expect(sectionOf(n, 'BP 150/90 on the first set, lights still on in the house.')).not.toBe('response');
  });

  it('closes the transport with the hand-off line and reads the condition said in it', () => {
    const n = compose(
      'Medic 9 paged 0614 for a fall.',
      'Non-emergent.',
      'Arrived 0622, 80 yo F on the kitchen floor.',
      'BP 140/80, HR 80, RR 16, SpO2 97%.',
      'Splinted the left wrist at 0630.',
      'Transported to Mercy West.',
      'Charge nurse took report at 0702, she was comfortable and talking.',
    );
    expect(sectionOf(n, 'Charge nurse took report at 0702, she was comfortable and talking.')).toBe('transport');
    expect(n.missingElements).not.toContain('condition_at_transfer');
    const silent = compose('Transported to Mercy West.', 'Charge nurse took report at 0702.');
    expect(silent.missingElements).toContain('condition_at_transfer');
  });
});

describe('dose, route and time are asked of the crew’s own medications', () => {
  it('does not ask them of a medication taken before the call, nor of a bare name of a drug already detailed', () => {
    const n = compose(
      'Medic 9 paged 0614 for an allergic reaction.',
      'Emergent.',
      'Arrived 0622, 30 yo F on the couch.',
      'Her mother says the school nurse gave her an EpiPen last year.',
      'BP 90/60, HR 120, RR 24, SpO2 93%.',
      'Epinephrine 0.3 mg IM at 0625.',
      'Her wheezing eased once the epinephrine was given.',
      'Transported to Mercy West, stable at hand-off.',
    );
    expect(n.missingElements).not.toEqual(expect.arrayContaining(['treatment_dose']));
    expect(n.missingElements).not.toContain('treatment_route');
    expect(n.missingElements).not.toContain('treatment_time');
  });

  it('still asks when the bare name comes first, before any detail', () => {
    const n = compose('My partner gave her an EpiPen in the kitchen.', 'Epinephrine 0.3 mg IM at 0625.');
    expect(n.missingElements).toContain('treatment_dose');
  });

  it('does not ask the dose of what the family gave before the crew arrived (round 15: independent labels agree)', () => {
    const n = compose('Her husband gave her an EpiPen before we got there.', 'Epinephrine 0.3 mg IM at 0625.');
    expect(n.missingElements).not.toContain('treatment_dose');
  });
});

describe('vitals stated as absent, and a change said by when', () => {
  it('counts a pulseless, apneic patient never measured and a reading charted as unobtainable as documented; not one unsaid', () => {
    const arrest = compose('Found pulseless and apneic at 0355.', 'No BP, no pulse, apneic, SpO2 no reading.', 'CPR continued.');
    expect(arrest.missingElements).not.toContain('vitals');
    // Since engine 1.10.0: the chart says why the reading is absent, and the provider has nothing to add.
    const cold = compose('BP 100/62, HR 54, RR 12, SpO2 unable to obtain due to cold fingers.');
    expect(cold.missingElements).not.toContain('vitals');
    // A zero charted, and a pressure that could not be palpated, are readings of none.
    expect(compose('Vitals: no palpable BP, HR 0 with asystole, RR 0, SpO2 unable to obtain.').missingElements).not.toContain('vitals');
    // Zero readings are absent vitals, so the absences said in words count with them.
    expect(
      compose('Initial vitals were HR 0 with asystole, RR 0, no obtainable blood pressure, SpO2 no reading, BGL 143.').missingElements,
    ).not.toContain('vitals');
    // The pulse said absent by how it was felt for ("no palpable pulse", "no carotid pulse").
    expect(
      compose(
        'Medic 9 dispatched at 2348 for an unresponsive male.',
        'Vital signs: no palpable pulse, blood pressure absent, apneic, SpO2 unobtainable.',
      ).missingElements,
    ).not.toContain('vitals');
    expect(compose('Medic 9 dispatched at 2348.', 'No carotid pulse, no BP, apneic, SpO2 no reading.').missingElements).not.toContain(
      'vitals',
    );
    const unsaid = compose('BP 100/62, HR 54, RR 12.');
    expect(unsaid.missingElements).toContain('vitals');
  });

  it('asks no blood pressure of a patient found pulseless and apneic, never measured and not transported', () => {
    const terminated = compose(
      'Found him pulseless and apneic at 0605.',
      'Asystole confirmed in 2 leads, CPR continued.',
      'Resuscitation terminated at 0631 per medical control.',
    );
    expect(terminated.missingElements).not.toContain('vitals');
    // Once a vital was measured (a pulse came back), the pressure is asked for.
    expect(compose('Found him pulseless and apneic at 0605.', 'ROSC at 0621, HR 98, RR 10 bagged, SpO2 94%.').missingElements).toContain(
      'vitals',
    );
  });

  it('still asks a resuscitated or a breathing patient for the pressure (round 14 review)', () => {
    const rosc = compose(
      'Found him pulseless and apneic at 0355.',
      'CPR, epinephrine 1 mg IO at 0400, ROSC at 0414.',
      'Transported emergent to Mercy General.',
    );
    expect(rosc.missingElements).toContain('vitals');
    // A limb without a pulse and a sleep apnea history are no arrest.
    expect(
      compose('Right hand pulseless and cool after the fall.', 'History of sleep apnea.', 'Transported to Mercy.').missingElements,
    ).toContain('vitals');
    expect(compose('Pedal pulses absent on the left.', 'No breathing difficulty.', 'Transported to Mercy.').missingElements).toContain(
      'vitals',
    );
  });

  it('reads a scene turned over to police after a transport as a transport (round 14 review)', () => {
    const mvc = compose(
      'Restrained driver, 34 y/o M, neck pain.',
      'BP 128/80, HR 88, RR 16, SpO2 98% RA.',
      'Transported non-emergent to Regional Medical Center.',
      'Scene turned over to PD for investigation.',
    );
    expect(mvc.missingElements).toContain('condition_at_transfer');
  });

  it('asks no saturation of a patient without pulse or breathing, and reads a saturation said after the probe', () => {
    // No circulation, no saturation to read: with HR and RR charted absent the SpO2 is not asked for.
    expect(compose('Initial vitals were HR 0 with asystole, RR 0, no obtainable blood pressure, BGL 143.').missingElements).not.toContain(
      'vitals',
    );
    // "No breathing", and two vitals said together to be unobtainable.
    expect(compose('No pulse, no breathing, BP and sat could not be obtained, asystole in two leads.').missingElements).not.toContain(
      'vitals',
    );
    // But a missing BP still is, unless the resuscitation ended on scene (engine 1.14.0, above).
    expect(compose('Pulseless and apneic, asystole in two leads, BGL 143.').missingElements).toContain('vitals');
    expect(
      compose(
        'Blood pressure 108 over 70, pulse 54, breathing 12, pulse ox would not read on his fingers so we got 93 percent on his earlobe.',
      ).missingElements,
    ).not.toContain('vitals');
  });

  it('asks for the nature of a call dispatched to a street address only', () => {
    const n = compose('Medic 2 was toned at 0603 to 71 Beacon Hill Rd, apartment 5C.', 'Priority 1 response.');
    expect(n.missingElements).toContain('dispatch_nature');
    expect(compose('Medic 2 was toned at 0603 to 71 Beacon Hill Rd for a fall.').missingElements).not.toContain('dispatch_nature');
  });

  it('reads a rhythm that stayed the same across checks as the response to the resuscitation', () => {
    const n = compose('Epinephrine 1 mg IO at 0525 and again at 0529.', 'Rhythm checks every 2 minutes stayed asystole.');
    expect(n.missingElements).not.toContain('treatment_response');
  });

  it('reads vitals re-measured "by" a time after a treatment, and "slowed", as the response to it', () => {
    const n = compose('Afrin 2 sprays L nare 1018.', 'Bleeding slowed to ooze by 1030, BP 160/90, HR 92.');
    expect(sectionOf(n, 'Bleeding slowed to ooze by 1030, BP 160/90, HR 92.')).toBe('treatment');
    expect(n.missingElements).not.toContain('treatment_response');
  });

  it('reads "fine, watching cartoons" at the hand-off as the condition', () => {
    const n = compose('Transported to Bayfront Children’s.', 'Gave report to Dr. Okafor at 1829, and he was fine, watching cartoons.');
    expect(n.missingElements).not.toContain('condition_at_transfer');
  });
});

describe('a dispatch time said in words', () => {
  it('takes "quarter past six", "seven o\'clock" and "6:15 am" as the dispatch time, and no time as none', () => {
    for (const said of ['about quarter past six this morning', "right at seven o'clock", 'at 6:15 am', 'at two fourteen pm'])
      expect(compose(`Rig 2 got the call ${said} for a sick person on Route 9.`).missingElements).not.toContain('dispatch_time');
    expect(compose('Rig 2 got the call for a sick person on Route 9.').missingElements).toContain('dispatch_time');
  });

  it('reads a house number before its street as an address, not the dispatch time', () => {
    for (const address of ['2204 sandpiper drive', '1530 Oak St.', '2130 North Elm Avenue'])
      expect(compose(`Medic 17 dispatched to ${address} for a woman vomiting.`).missingElements).toContain('dispatch_time');
    expect(compose('Medic 17 dispatched 2204 to Sandpiper Drive for a woman vomiting.').missingElements).not.toContain('dispatch_time');
    expect(compose('Medic 17 dispatched at 1315 to Pine Hollow Road for a woman vomiting.').missingElements).not.toContain('dispatch_time');
  });
});

describe('a drug given again, titrated or given as a combination', () => {
  it("takes a repeat's or a titration's route from the first mention, a rate as a vein, a combination dosed by its parts", () => {
    const repeat = compose('Albuterol 2.5 mg by nebulizer at 1702.', 'Second albuterol 2.5 at 1712, sats came up to 94.');
    expect(repeat.missingElements).not.toContain('treatment_route');
    const drip = compose(
      'Nitroglycerin IV at 20 mcg/min at 1444.',
      'At 1510 pain 5/10, nitroglycerin titrated up to 30 mcg/min, pain 3/10 by 1520.',
    );
    expect(drip.missingElements).not.toContain('treatment_route');
    const combo = compose('DuoNeb (albuterol 2.5 mg / ipratropium 0.5 mg) via neb at 0506, wheezes improved after.');
    expect(combo.missingElements).not.toContain('treatment_dose');
    const again = compose('DuoNeb at 0225, albuterol 2.5 and ipratropium 0.5 by neb.', 'Second DuoNeb at 0236, wheezes better after.');
    expect(again.missingElements).not.toContain('treatment_dose');
    // A first mention without the route is still asked about.
    expect(compose('Albuterol 2.5 mg at 1702, wheezes better after.').missingElements).toContain('treatment_route');
  });
});

describe('medications named at the hand-off', () => {
  it('takes an infusion rate or a drug detailed earlier, said at the hand-off, as its status, not a new dose', () => {
    const n = compose(
      'Norepinephrine increased to 16 mcg/min IV at 2240 for MAP 60, MAP 70 within five minutes.',
      'Transported non-emergent to Greenfield MICU.',
      'Care transferred to Dr. Hallorann at 2348; condition stable, norepinephrine at 16 mcg/min, propofol at 30 mcg/kg/min.',
    );
    expect(n.missingElements).not.toContain('treatment_route');
    expect(n.missingElements).not.toContain('treatment_time');
  });
});

describe('spoken corrections', () => {
  it('applies "no wait", a correction said in words, and keeps what was said after it', () => {
    const wait = compose('Arrived at 1426, no wait, 1424, pt sitting up.');
    expect(text(wait)).toContain('1424');
    expect(text(wait)).not.toContain('1426');
    const words = compose('Fentanyl fifty mics IN at 2219, correction, twenty-five mics, she weighs 41 kilos.');
    expect(text(words)).toContain('twenty-five mics');
    expect(text(words)).not.toContain('fifty mics');
    expect(text(words)).toContain('41 kilos');
    expect(words.reviewNotes.map((r) => r.kind)).toEqual(['correction']);
  });

  it('corrects a route said after the cue, a volume in another unit, and keeps new words next to the ones they follow', () => {
    const route = compose('Solu-Medrol 125 mg IV at 0229, scratch that, IM, no line yet.');
    expect(text(route)).toContain('125 mg IM at 0229');
    expect(text(route)).not.toMatch(/\bIV\b/);
    const volume = compose('Normal saline 500 mL bolus at 0856, I mean 1 liter bolus wide open.');
    expect(text(volume)).toContain('1 liter bolus wide open at 0856');
    expect(text(volume)).not.toContain('500');
    expect(volume.reviewNotes.map((r) => r.kind)).toEqual(['correction']);
  });

  it('withdraws a phrase the speaker starts again from a word already said in it', () => {
    const line = compose('IV 20 L hand, scratch that, 20 L forearm, saline lock.');
    expect(text(line)).toContain('20 L forearm');
    expect(text(line)).not.toContain('hand');
    const sat = compose('BP 212/118, HR 112, RR 34, SpO2 84% RA, correction, SpO2 81% RA.');
    expect(text(sat)).toContain('SpO2 81%');
    expect(text(sat)).not.toContain('84%');
    const place = compose("LifeStar flew her to St. Casimir's, scratch that, flew her to Lakeland Regional.");
    expect(text(place)).toContain('Lakeland Regional');
    expect(text(place)).not.toContain('Casimir');
    for (const n of [line, sat, place]) expect(n.reviewNotes.map((r) => r.kind)).toEqual(['correction']);
    const drug = compose(
      'With officers holding him, the crew gave haloperidol, correction, ketamine 350 mg IM in the left deltoid at 2214.',
    );
    expect(text(drug)).toContain('ketamine 350 mg IM');
    expect(text(drug)).not.toMatch(/haloperidol/i);
    expect(drug.missingElements).not.toContain('treatment_dose');
    // A pronoun names nothing: "I mean she…" is said again, not a withdrawn phrase.
    const said = compose('She was pale, I mean she was grey.');
    expect(said.reviewNotes).toEqual([]);
  });

  it('applies a correction that names the other side of the same body part', () => {
    const n = compose('Epinephrine 0.3 mg IM in the left thigh at 1318.', 'Scratch that, it went in the right thigh.');
    expect(text(n)).toContain('right thigh');
    expect(text(n)).not.toContain('left thigh');
    expect(n.reviewNotes.map((r) => r.kind)).toEqual(['correction']);
  });
});

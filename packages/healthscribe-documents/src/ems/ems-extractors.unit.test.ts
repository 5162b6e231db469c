import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';

const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const ctx = (f: ReturnType<typeof facts>) => Object.fromEntries(f.context.map((c) => [c.type, c.value]));

describe('splitSentences', () => {
  it('splits on sentence ends and line breaks, but not in decimals or after abbreviations', () => {
    expect(splitSentences("Gave 0.4 mg nitro SL. Transported to St. Mary's Hospital!\nOkay")).toEqual([
      'Gave 0.4 mg nitro SL.',
      "Transported to St. Mary's Hospital!",
      'Okay',
    ]);
    expect(splitSentences('  ')).toEqual([]);
  });
});

describe('vitals', () => {
  it('reads spoken and abbreviated vitals with units, and normalises values', () => {
    const f = facts(
      'BP 150 over 90, pulse of 88 bpm, resps 18, sats 96 percent, GCS 14, blood sugar 62, temp 101.2 degrees, pain 8 out of 10, EtCO2 38.',
    );
    expect(f.vitals.map((v) => [v.kind, v.value, v.unit])).toEqual([
      ['bp', '150/90', null],
      ['hr', '88', 'bpm'],
      ['rr', '18', null],
      ['spo2', '96', 'percent'],
      ['gcs', '14', null],
      ['glucose', '62', null],
      ['temp', '101.2', 'degrees'],
      ['pain', '8/10', null],
      ['etco2', '38', null],
    ]);
  });

  it('ignores implausible values and numbers that belong to something else', () => {
    expect(facts('Heart rate 900.', 'Pressure on the chest for 2 hours.', 'Radial pulses present.').vitals).toEqual([]);
    expect(facts('Blood pressure 88 palp.').vitals.map((v) => v.value)).toEqual(['88/P']);
  });
});

describe('medications', () => {
  it('takes dose, route and time per drug, splitting at the conjunction between two drugs', () => {
    const f = facts('We gave aspirin 324 mg PO at 1415 and nitro 0.4 mg SL at 1418.');
    expect(f.medications.map((m) => [m.name, m.dose?.text, m.routeCode, m.clock])).toEqual([
      ['aspirin', '324 mg', 'PO', '14:15'],
      ['nitroglycerin', '0.4 mg', 'SL', '14:18'],
    ]);
  });

  it('shares one route said once for several drugs, and a single time of the sentence', () => {
    const f = facts('At 0502 we administered 5 mg albuterol and 0.5 mg ipratropium via nebulizer.');
    expect(f.medications.map((m) => [m.name, m.dose?.text, m.routeCode, m.clock])).toEqual([
      ['albuterol', '5 mg', 'NEB', '05:02'],
      ['ipratropium', '0.5 mg', 'NEB', '05:02'],
    ]);
  });

  it('does not count home medications, allergies, bystander doses, withheld drugs or responses as treatments', () => {
    const f = facts(
      'He takes metoprolol and aspirin daily.',
      'Allergic to morphine.',
      'Bystanders gave naloxone prior to our arrival.',
      'Nitro was withheld due to a BP of 88/50.',
      'No aspirin was given.',
      'After the fluid bolus his heart rate decreased.',
      'Patient took 2 nitro at home.',
    );
    expect(f.medications).toEqual([]);
  });

  it('reads procedures as treatments only when the crew did them', () => {
    expect(facts('We applied a cervical collar and splinted the wrist.').procedures.map((p) => p.name)).toEqual([
      'splinting',
      'spinal motion restriction',
    ]);
    expect(facts('Bystander CPR was in progress on arrival.', 'She was the restrained driver.').procedures).toEqual([]);
  });
});

describe('context', () => {
  it('reads dispatch nature, response mode, age, sex, complaint, destination and condition', () => {
    const f = facts(
      'Medic 4 dispatched at 0205 for a 2-year-old female with a seizure.',
      'Responded code 3.',
      'She complains of a headache since noon.',
      'Transported non-emergent to Regional Medical Center.',
      'Care transferred to the ED RN, patient stable.',
    );
    expect(ctx(f)).toMatchObject({
      DISPATCH_NATURE: 'seizure',
      RESPONSE_MODE: 'emergent',
      PATIENT_AGE: '2 years',
      PATIENT_SEX: 'female',
      CHIEF_COMPLAINT: 'headache',
      TRANSPORT_MODE: 'non-emergent',
      DESTINATION: 'Regional Medical Center',
      TRANSFER_OF_CARE: 'Care transferred',
      CONDITION_AT_TRANSFER: 'stable',
    });
    expect(f.times.map((t) => t.clock)).toEqual(['02:05']);
  });

  it('takes the sex from pronouns only when they all agree', () => {
    expect(ctx(facts('Found on the floor.', 'He states his hip hurts.')).PATIENT_SEX).toBe('male');
    expect(ctx(facts('He says his wife found her on the floor.')).PATIENT_SEX).toBeUndefined();
  });

  it('recognises refusals and statements that no treatment was needed', () => {
    expect(ctx(facts('Patient refused transport against medical advice.')).REFUSAL).toBeDefined();
    expect(ctx(facts('No treatment was indicated.')).NO_TREATMENT).toBeDefined();
    expect(ctx(facts('The patient agreed to transport.')).REFUSAL).toBeUndefined();
  });
});

describe('classifySegment', () => {
  const phase = (...sentences: string[]) => {
    const f = facts(...sentences);
    return sentences.map((s, i) => classifySegment(`s${i + 1}`, s, f));
  };
  it('assigns call phases in dictation terms', () => {
    expect(
      phase(
        'Medic 2 was dispatched for a fall.',
        'Emergent response.',
        'Upon arrival we found the patient on the floor.',
        'She complains of hip pain.',
        'History of diabetes.',
        'BP 120/80.',
        'Impression is a hip fracture.',
        'We gave 50 mcg fentanyl IN at 1010.',
        'Transported to General Hospital.',
        'Okay, end of report.',
        'Any allergies?',
      ),
    ).toEqual([
      'dispatch',
      'response',
      'arrival',
      'chief_complaint',
      'history',
      'exam',
      'impression',
      'treatment',
      'transport',
      null,
      null,
    ]);
  });

  it('treats a crew action en route as treatment, and arrival at the hospital as transport', () => {
    expect(
      phase('En route to the hospital we gave 4 mg ondansetron IV at 1120.', 'On arrival at Mercy Hospital care was transferred.'),
    ).toEqual(['treatment', 'transport']);
  });
});

describe('a drug the crew gave, said in round 15 wording', () => {
  const meds = (content: string) => facts(content).medications.map((m) => [m.name, m.dose?.text ?? null, m.route?.text ?? null]);

  it('reads "that took the edge off" as the response, not the patient taking something', () => {
    expect(meds('Gave her morphine IV at 0941 before we moved her, and that took the edge off.')).toEqual([['morphine', null, 'IV']]);
    expect(meds('She took her own morphine at 0900, and that took the edge off.')).toEqual([]);
  });

  it('reads the patient swallowing the dose the crew gave ("… which she took with some juice") as the crew\'s giving', () => {
    expect(meds('Gave dexamethasone 15 mg by mouth which she took with some juice and kept down.')).toEqual([
      ['dexamethasone', '15 mg', 'by mouth'],
    ]);
    expect(meds('We gave aspirin 324 mg PO, that he took without difficulty.')).toEqual([['aspirin', '324 mg', 'PO']]);
    // Her own dose, taken before the crew, stays hers.
    expect(meds('She took her own dexamethasone 4 mg this morning.')).toEqual([]);
    expect(meds('Mom says she took her albuterol which she took twice before we came.')).toEqual([]);
    expect(meds('her own nitro 0.4 mg which she took twice before we came')).toEqual([]);
    expect(meds('her own zofran 4 mg this morning which she took with water and kept down')).toEqual([]);
  });

  it('reads a terse line led by the patient\'s number ("Pt 2: ketorolac 15 mg at 1626")', () => {
    expect(meds('Pt 2: ketorolac 15 mg at 1626.')).toEqual([['ketorolac', '15 mg', null]]);
  });

  it('reads a drug listed after another intervention with "and" ("20 gauge iv left hand and fentanyl iv at 1716")', () => {
    expect(meds('20 gauge iv left hand and fentanyl iv at 1716 for pain')).toEqual([['fentanyl', null, 'iv']]);
    expect(meds('history of copd and albuterol at home')).toEqual([]);
    expect(meds('Hx CHF, COPD, on Lasix and home O2 2 L.')).toEqual([]);
    expect(meds('Name Kyle, admits heroin and fentanyl tonight.')).toEqual([]);
  });

  it("does not take what the family gave before the crew arrived for the crew's medication", () => {
    expect(meds('Fever since yesterday, mom gave ibuprofen at 2200.')).toEqual([]);
    expect(meds('His wife gave him two puffs of albuterol.')).toEqual([]);
    expect(meds('We gave ibuprofen 100 mg PO at 2210.')).toEqual([['ibuprofen', '100 mg', 'PO']]);
  });

  it('reads oxytocin by its brand name after a field delivery ("gave her Pitocin IM in the thigh")', () => {
    expect(meds('I massaged the fundus and gave her Pitocin IM in the thigh at 4:58.')).toEqual([['oxytocin', null, 'IM']]);
    expect(meds('Oxytocin 10 units IM at 0512.')).toEqual([['oxytocin', '10 units', 'IM']]);
    // Labour induced with it before the call is history.
    expect(meds('She was induced with pitocin yesterday at Mercy and sent home.')).toEqual([]);
  });
});

/** Harm found by the adversarial review of round 15. */
describe("the crew's drug, after the round-15 review", () => {
  const meds = (content: string) => facts(content).medications.map((m) => m.name);

  it("keeps the crew's drug said in a clause after the family did something else", () => {
    expect(meds('Husband gave consent for treatment, aspirin 324 mg PO given at 1410.')).toEqual(['aspirin']);
    expect(meds('Daughter gave report, nitro 0.4 mg SL at 1415.')).toEqual(['nitroglycerin']);
    expect(meds('Son used Narcan 4 mg IN before arrival, second Narcan 4 mg IN given by crew at 0412.')).toEqual(['naloxone']);
  });

  it('does not read the patient\'s "did a" as the crew giving something', () => {
    expect(meds('He did a line of fentanyl in the bathroom, Narcan 4 mg IN at 1410.')).toEqual(['naloxone']);
    expect(meds('Pt did a breathing treatment with albuterol before we got there.')).toEqual([]);
  });

  it('reads the nature said before an address, and only a capitalised name as a place', () => {
    const nature = (content: string) => facts(content).context.find((c) => c.type === 'DISPATCH_NATURE')?.value;
    expect(nature('Medic 8 dispatched at 1302 to a sick person 88 Sycamore Court.')).toBeDefined();
    expect(nature('Medic 8 dispatched at 1302 to assault victim 55 Hill Road.')).toBeDefined();
    expect(nature('Medic 15 dispatched at 1214 to Café Rosalía 310 Market Street.')).toBeUndefined();
  });

  it("does not take another driver's age for the patient's", () => {
    expect(facts('Other driver is John Hill, 52, he was not injured.').context.find((c) => c.type === 'PATIENT_AGE')).toBeUndefined();
  });
});

describe('a reading that was hard to get', () => {
  const vitals = (content: string) => extractEmsFacts([{ id: 's1', content }]).vitals.map((v) => `${v.kind} ${v.value}`);

  it('reads the value after "hard to get" as the reading ("sat was hard to get finally read 88")', () => {
    expect(vitals('bp 104 over 60 pulse 56 resp 14 sat was hard to get finally read 88')).toContain('spo2 88');
    expect(vitals('Sat difficult to obtain, eventually 91 percent on room air.')).toContain('spo2 91');
  });

  it("does not give a hard-to-get vital the next vital's number", () => {
    expect(vitals('Sat was hard to get, pulse 88.')).toEqual(['hr 88']);
    expect(vitals('Sat hard to get on his cold fingers.')).toEqual([]);
  });
});

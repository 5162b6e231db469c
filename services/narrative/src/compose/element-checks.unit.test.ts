import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { missingOf, promptOf } from '../testing/draatt-prompts.js';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { composeNarrative } from './compose-narrative.js';

// What the DRAATT checks ask for, and what they must not: each case is a false prompt a reviewer would dismiss.
describe('vitals', () => {
  it('reads a saturation the probe could not read as documented', () => {
    expect(promptOf('vitals', 'Vitals 0755: BP 92/58, HR 48 irregular, RR 10, SpO2 unable to read, tympanic 86.4 F.')).toBeUndefined();
    expect(promptOf('vitals', 'BP 92/58, HR 48, RR 10.')).toBe('Document a full set of vitals (missing: SpO2).');
  });

  it('does not take an IV in the antecubital ("L AC 18 gauge") for a ventilator rate', () => {
    expect(promptOf('vitals', 'BP 130/80, HR 90, SpO2 97%.', 'IV established L AC 18 gauge at 1412.')).toBe(
      'Document a full set of vitals (missing: RR).',
    );
  });

  it('reads the rate set on the ventilator as the respiratory rate', () => {
    const vent = ['Vitals 1500: BP 164/92, HR 68, SpO2 99%, EtCO2 36.', 'Moved to our vent at 1506, AC 16, TV 420, PEEP 5, FiO2 40%.'];
    expect(promptOf('vitals', ...vent)).toBeUndefined();
    expect(promptOf('vitals', vent[0]!)).toBe('Document a full set of vitals (missing: RR).');
  });
});

describe('medication details', () => {
  it('reads milliequivalents as a dose', () => {
    expect(promptOf('treatment_dose', 'Sodium bicarb 50 milliequivalents IO at 1723.', 'ROSC at 1729.')).toBeUndefined();
    expect(promptOf('treatment_dose', 'Sodium bicarbonate 50 mEq IV at 1723.', 'ROSC at 1729.')).toBeUndefined();
  });

  it("takes oxygen's later flow from the same administration: its route was said with the first", () => {
    const o2 = 'O2 via NRB 15 L at 1739, then albuterol 2.5 mg via neb with 6 L O2 at 1742.';
    expect(promptOf('treatment_route', o2, 'Wheezes better after.')).toBeUndefined();
    expect(promptOf('treatment_route', 'Oxygen 6 L at 1742.', 'Albuterol 2.5 mg via neb at 1745.', 'Wheezes better after.')).toBe(
      'Document the route of: oxygen.',
    );
  });

  it("takes an infusion still running at the hand-off as the titrated infusion's status", () => {
    const n = missingOf(
      'Propofol titrated up to 40 mcg/kg/min at 1520.',
      'Fentanyl 50 mcg IV at 1552 for bucking the vent, synchronous after.',
      'Arrived Harborview neuro ICU 1618, patient unchanged, BP 140/82, HR 66, propofol 40 and nicardipine 5 running.',
    );
    expect(n.map((m) => m.element)).not.toContain('treatment_route');
    expect(n.map((m) => m.element)).not.toContain('treatment_time');
  });

  it('still asks what a symptom that continued leaves unsaid', () => {
    expect(promptOf('treatment_route', 'Fentanyl 25 mcg at 1420, pain continued 7/10.')).toBe('Document the route of: fentanyl.');
    expect(promptOf('treatment_dose', 'O2 4 L NC at 1402.', 'Oxygen increased via NRB at 1410, SpO2 95% after.')).toBe(
      'Document the dose of: oxygen.',
    );
  });

  it('keeps a dose given from a kit or a prescription', () => {
    expect(promptOf('treatment_response', 'Glucagon kit, 1 mg IM at 1412.')).toBe("Document the patient's response to treatment.");
    expect(promptOf('treatment_response', 'Assisted with his nitro prescription 0.4 mg SL at 1412.')).toBe(
      "Document the patient's response to treatment.",
    );
  });

  it('does not take a kit handed to the patient for a medication given', () => {
    const kit = [
      'Left on scene with his friend, alert and walking, given a leave-behind Narcan kit and harm reduction info.',
      'Zofran 4 mg ODT at 1402 for nausea, vomiting stopped.',
    ];
    expect(promptOf('treatment_dose', ...kit)).toBeUndefined();
    expect(promptOf('treatment_route', ...kit)).toBeUndefined();
  });
});

describe('chief complaint', () => {
  it('reads "presenting with" as the complaint', () => {
    const line = 'Pt is a 64-year-old male with a history of cardiomyopathy, presenting this morning with orthopnea and acute dyspnea.';
    expect(promptOf('chief_complaint', 'Critical Care 2 was requested at 1120 for an interfacility transfer.', line)).toBeUndefined();
  });
});

describe('the response to a treatment, said in round 15 wording', () => {
  it('reads a later time with a reading in the drug\'s own line as the reassessment ("D10 … started 0712; 0721 pt A&Ox4, BGL 141")', () => {
    expect(promptOf('treatment_response', 'D10 250 mL IV started 0712; 0721 pt A&Ox4, BGL 141, BP 138/80.')).toBeUndefined();
    expect(promptOf('treatment_response', 'D10 250 mL IV started 0712; 0721 wife arrived.')).toBe(
      "Document the patient's response to treatment.",
    );
  });
});

describe('the nature of the call', () => {
  it('does not take a business named before its address for the nature', () => {
    expect(promptOf('dispatch_nature', 'Medic 15 dispatched at 1214 to Café Rosalía 310 Market Street.')).toBe(
      'Document the nature of the call as dispatched.',
    );
    expect(promptOf('dispatch_nature', 'Medic 15 dispatched at 1214 to Café Rosalía 310 Market Street for a seizure.')).toBeUndefined();
  });
});

describe("a child's full set of vitals", () => {
  it('does not ask a blood pressure of a child under 3 (round 15: as 4 of the 6 labelled BP-less children under 3)', () => {
    for (const age of ['Pt 2 y/o F, febrile seizure.', 'A 7-month-old boy with bronchiolitis.'])
      expect(promptOf('vitals', age, 'VS HR 168, RR 32, SpO2 97% RA.')).toBeUndefined();
    expect(promptOf('vitals', 'Pt 3 y/o F, croup.', 'VS HR 150, RR 30, SpO2 95% RA.')).toBe('Document a full set of vitals (missing: BP).');
    // A mother and her newborn: the mother's pressure is still asked.
    expect(promptOf('vitals', '31 year old female in labor, delivered a boy, the baby is 10 days early.', 'HR 110, RR 20, SpO2 98%.')).toBe(
      'Document a full set of vitals (missing: BP).',
    );
  });
});

/** Harm found by the adversarial review of round 15. */
describe('prompts after the round-15 review', () => {
  it('still asks a BP when the only child named is not the patient', () => {
    for (const said of [
      'Elderly female fell, her 2 year old grandson was with her.',
      'Mother with her 6 month old infant, she is the patient.',
      'Postpartum bleeding after a home birth, the baby is 2 days old.',
    ])
      expect(promptOf('vitals', said, 'HR 88, RR 16, SpO2 97%.'), said).toBe('Document a full set of vitals (missing: BP).');
  });

  it('does not take a reading before the dose, or said as the baseline, for the response', () => {
    for (const said of [
      'Aspirin 324 mg PO at 1415; at 1405 BP 160/90, HR 88.',
      'Nitro 0.4 mg SL at 1410, 1408 BP 150/90 before the nitro.',
    ])
      expect(promptOf('treatment_response', said), said).toBe("Document the patient's response to treatment.");
  });

  it('reads a clock time before a call type as the dispatch time', () => {
    expect(promptOf('dispatch_time', 'Medic 7 0215 MVC on Highway 9 rollover.')).toBeUndefined();
  });
});

describe('round 16', () => {
  it('does not ask the time of a fluid only run to keep the vein open', () => {
    expect(promptOf('treatment_time', 'Epi 0.3 mg IM at 1402.', 'IV 20g R AC, NS KVO.', 'Hives fading after.')).toBeUndefined();
    expect(promptOf('treatment_time', 'Epi 0.3 mg IM at 1402.', 'NS 500 mL bolus IV.', 'Hives fading after.')).toBe(
      'Document the time given of: normal saline.',
    );
  });

  it('reads the condition said on arrival at the hospital as the condition at transfer', () => {
    const call = (arrival: string) => [
      'Medic 4 dispatched at 0902 for a fall.',
      'Responded emergent.',
      'On scene at 0910, found a 70 year old male on the floor.',
      'BP 130/80, HR 88, RR 16, SpO2 97% on room air.',
      'Transported non-emergent to Mercy Hospital.',
      arrival,
      'Care transferred to RN Ames at 0940.',
    ];
    expect(promptOf('condition_at_transfer', ...call('On arrival he was calm and talking, splint intact.'))).toBeUndefined();
    expect(promptOf('condition_at_transfer', ...call('When we got there he was resting comfortably.'))).toBeUndefined();
    expect(promptOf('condition_at_transfer', ...call('His wife met us there.'))).toBeDefined();
  });

  it('reads the diagnosis an interfacility patient moves for as the complaint', () => {
    const ift = (line: string) => ['CCT 1 assigned IFT at 0800, Valley ICU to University Med Center.', line, 'VS 130/80, 70, 16, 98%.'];
    expect(promptOf('chief_complaint', ...ift('Pt 64 y/o M, SAH on CT, needs neurosurgery.'))).toBeUndefined();
    expect(promptOf('chief_complaint', ...ift('Pt 64 y/o M, intubated, sedated.'))).toBeDefined();
  });
});

describe('near-misses a first version of these readings got wrong', () => {
  it('asks the time of a fluid given as a bolus besides a KVO line, and of a drug run "at KVO"', () => {
    expect(promptOf('treatment_time', 'IV 20g R AC, NS KVO then bolus 500 mL for BP 80/50.')).toBe(
      'Document the time given of: normal saline.',
    );
    expect(promptOf('treatment_time', 'Dopamine drip at KVO.')).toBeDefined();
  });

  it("does not read the scene arrival, or someone else's condition, as the condition at transfer", () => {
    const call = (line: string) => [
      'Medic 4 dispatched at 0902 for a fall.',
      'Responded emergent.',
      'Found a 70 year old male on the floor.',
      'BP 130/80, HR 88, RR 16, SpO2 97% on room air.',
      'Transported non-emergent to Mercy Hospital.',
      line,
      'Care transferred to RN Ames at 0940.',
    ];
    for (const line of [
      'Patient had been stable on arrival at the scene but deteriorated en route.',
      'On arrival at the scene he was alert.',
      'On our arrival, fire had him stable on a backboard.',
      'On arrival his daughter was stable enough to drive herself.',
    ])
      expect(promptOf('condition_at_transfer', ...call(line)), line).toBeDefined();
  });

  it('does not read a bleed or tear that is history, denied or a treatment as the complaint', () => {
    const call = (line: string) => ['Medic 2 dispatched at 1100.', line, 'BP 130/80, HR 70, RR 16, SpO2 98%.'];
    for (const line of [
      'He denies any history of aortic dissection.',
      'Wife says the doctor mentioned the word hemorrhage last year.',
      'Hemorrhage control achieved with tourniquet.',
      'History of subdural 2 years ago.',
    ])
      expect(promptOf('chief_complaint', ...call(line)), line).toBeDefined();
  });
});

describe('vitals said in other words', () => {
  it('reads a rhythm said with its rate ("flutter at 150", "sinus brady in the 40s") as the heart rate', () => {
    for (const rhythm of ['Monitor showed atrial flutter at 150.', 'Sinus brady in the 40s on the monitor.', 'SVT with a rate of 210.'])
      expect(promptOf('vitals', 'BP 110/70, RR 18, SpO2 95%.', rhythm)).toBeUndefined();
    // A rhythm without a rate, or with an energy or a time after it, is no heart rate.
    for (const rhythm of ['Monitor showed sinus rhythm.', 'V-fib, shocked at 200 joules.', 'Sinus tach noted at 1412.'])
      expect(promptOf('vitals', 'BP 110/70, RR 18, SpO2 95%.', rhythm)).toBe('Document a full set of vitals (missing: HR).');
  });

  it('reads a saturation the probe would not pick up or register as documented', () => {
    for (const sat of ["Sats wouldn't pick up, hands too cold.", 'Pulse ox would not register.'])
      expect(promptOf('vitals', 'BP 96/60, HR 52, RR 12.', sat)).toBeUndefined();
  });
});

describe('an infusion rate said "an hour"', () => {
  it('takes a dose per hour said with "an" or "a" as an infusion, whose route is the line it runs in', () => {
    expect(promptOf('treatment_route', 'Heparin running at 900 units an hour, started at 1405.', 'Pain better after.')).toBeUndefined();
  });
});

describe('numbers near a rhythm that are no heart rate', () => {
  it('does not read a saturation, pressure, decade or pacer setting said with a rhythm as the heart rate', () => {
    for (const rhythm of [
      'Sinus rhythm with sats of 94.',
      'A-fib with a pressure of 88/50.',
      'History of afib diagnosed in the 90s.',
      'History of afib in the 90s.',
      'Paced rhythm at 60 with intermittent capture.',
    ])
      expect(promptOf('vitals', 'BP 110/70, RR 18, SpO2 95%.', rhythm), rhythm).toBe('Document a full set of vitals (missing: HR).');
  });

  it('does not read "didn\'t show" as a probe that found nothing', () => {
    expect(promptOf('vitals', 'BP 150/90, HR 110, RR 28.', "Sats didn't show any change after albuterol.")).toBe(
      'Document a full set of vitals (missing: SpO2).',
    );
    expect(promptOf('vitals', 'BP 150/90, HR 110, RR 28.', "Sats couldn't get a reading, hands too cold.")).toBeUndefined();
  });

  it('does not read "an hour ago" after a dose as an infusion rate', () => {
    expect(promptOf('treatment_route', 'Crew gave morphine 4 mg an hour ago.', 'BP 130/80, HR 90, RR 16, SpO2 98%.')).toBeDefined();
    expect(promptOf('treatment_route', 'Gave morphine 4 mg a minute before arrival.', 'Pain better after.')).toBeDefined();
  });
});

describe('round 17 second review: prompts a rule did not really answer', () => {
  it('does not read a clock time, an energy, an age or a lead count after a rhythm as the heart rate', () => {
    for (const rhythm of [
      'Converted to sinus rhythm at 10:42.',
      'Pt converted to sinus at 12:18.',
      'Synchronized cardioversion for SVT at 100, converted.',
      'Pt in a-fib at 80 y.o. per family.',
      'Sinus rhythm of 12-lead unremarkable.',
      'Sinus rhythm at 12 leads.',
      'Sinus rhythm at 12-15 on the strip.',
    ])
      expect(promptOf('vitals', 'BP 110/70, RR 18, SpO2 95%.', rhythm), rhythm).toBe('Document a full set of vitals (missing: HR).');
  });

  it('does not read a vital that did not change as one the probe could not read', () => {
    const cases = [
      ['BP 96/60, RR 12, SpO2 95%.', "Gave atropine 1 mg, pulse didn't pick up.", 'HR'],
      ['BP 96/60, RR 12, SpO2 95%.', 'Pulse did not pick up after atropine, still bradycardic.', 'HR'],
      ['BP 96/60, HR 52, RR 12.', "SpO2 didn't register any change after O2.", 'SpO2'],
      ['HR 52, RR 12, SpO2 95%.', 'Pressure did not register any improvement after the fluid.', 'BP'],
      ['HR 52, RR 12, SpO2 95%.', "Pressure wouldn't pick up after the bolus.", 'BP'],
    ] as const;
    for (const [vitals, said, missing] of cases)
      expect(promptOf('vitals', vitals, said), said).toBe(`Document a full set of vitals (missing: ${missing}).`);
  });

  it('does not read "a minute" or "an hour" before other words as an infusion rate', () => {
    for (const said of [
      'Gave versed 5 mg a minute into the second seizure, seizure stopped.',
      'Gave zofran 4 mg an hour out from the hospital.',
      'Gave ketamine 50 mg an hour into the extrication.',
      'Gave albuterol 5 mg a minute apart twice.',
    ])
      expect(promptOf('treatment_route', said, 'BP 130/80, HR 90, RR 16, SpO2 98%.'), said).toBeDefined();
    for (const said of [
      'Heparin running at 900 units an hour.',
      'Heparin 900 units an hour drip.',
      'Heparin 900 units an hour, pt stable.',
    ])
      expect(promptOf('treatment_route', said, 'BP 130/80, HR 90, RR 16, SpO2 98%.'), said).toBeUndefined();
  });
});

describe('the condition at transfer said as readings or a change', () => {
  const call = (...closing: string[]) => [
    'Medic 4 dispatched at 0902 for trouble breathing.',
    'Responded emergent.',
    'Found a 70 year old male in his chair.',
    'BP 130/80, HR 118, RR 28, SpO2 88% on room air.',
    'Albuterol 5 mg neb at 0915.',
    'Transported emergent to Mercy Hospital.',
    ...closing,
  ];

  it('reads readings said at the hand-off as the condition then', () => {
    for (const line of [
      'At transfer HR 132 from the albuterol, RR 22, sats 97.',
      'Handed over to the ICU team at 0952, BP 124/80, HR 96.',
      'Handed over to the MICU team at 2352, MAP 71 on 12 of levo.',
    ])
      expect(promptOf('condition_at_transfer', ...call(line)), line).toBeUndefined();
  });

  it('reads "A&O" said at the hand-off without its count as the condition then', () => {
    for (const line of ['Care to ED RN 0950, pt A&O.', 'Report given in trauma bay 2 at 0950, A & O.'])
      expect(promptOf('condition_at_transfer', ...call(line)), line).toBeUndefined();
  });

  it('still asks when the hand-off says no reading or condition, or the readings are not the hand-off', () => {
    for (const closing of [
      ['Handed off in room 14.'],
      ['En route BP 124/80, HR 96.', 'Care transferred to RN Ames at 0940.'],
      // The last transport line reads vitals but hands nobody over.
      ['En route BP 124/80, HR 96, RR 20.'],
      // A reading of the clock or a room is no reading of the patient.
      ['Handed off at 0952 in bay 3.'],
    ])
      expect(promptOf('condition_at_transfer', ...call(...closing)), closing.join(' ')).toBeDefined();
  });

  it('reads a change said on reaching the hospital ("by the time we got there she was more with it") as the condition then', () => {
    expect(
      promptOf(
        'condition_at_transfer',
        ...call('By the time we got there she was shivering less and more with it.', 'Handed off at 0722.'),
      ),
    ).toBeUndefined();
    // Not a change on the scene: "by the time we got there" in the arrival says nothing of the hand-off.
    expect(
      promptOf(
        'condition_at_transfer',
        'Medic 4 dispatched at 0902 for a seizure.',
        'Responded emergent.',
        'By the time we got there the seizure had stopped and she was more with it.',
        'BP 130/80, HR 118, RR 28, SpO2 95% on room air.',
        'Transported non-emergent to Mercy Hospital.',
        'Handed off at 0952.',
      ),
    ).toBeDefined();
  });
});

describe('a presenting problem said as a sign or a dispatch nature', () => {
  const call = (...lines: string[]) => [
    'Medic 40 dispatched 1927.',
    'Responded emergent.',
    ...lines,
    'BP 146/88, HR 104, RR 18, SpO2 98%.',
  ];

  it('reads a dispatched "diabetic problem" as the presenting problem, not a skin finding or "mumbling" alone', () => {
    // "mumbling" was taken back in review: said as often of someone else ("wife was mumbling") as of the patient's speech.
    expect(promptOf('chief_complaint', ...call('Roommate let us in, pt on the couch diaphoretic and mumbling.'))).toBeDefined();
    expect(promptOf('chief_complaint', ...call('Roommate let us in, pt on the couch, skin pale, cool and diaphoretic.'))).toBeDefined();
    expect(
      promptOf('chief_complaint', 'Medic 40 dispatched 1927 for a diabetic problem.', 'Responded emergent.', 'BP 146/88.'),
    ).toBeUndefined();
  });

  it('still asks when the sign is denied or negated ("not diaphoretic", "skin warm and dry, no diaphoresis")', () => {
    expect(promptOf('chief_complaint', ...call('Pt sitting on the couch, skin warm, not diaphoretic, speaking clearly.'))).toBeDefined();
    expect(promptOf('chief_complaint', ...call('Pt sitting on the couch, he is not short of breath, skin warm.'))).toBeDefined();
    expect(promptOf('chief_complaint', ...call('Pt sitting on the couch, skin warm and dry, without diaphoresis.'))).toBeDefined();
  });
});

describe('a wound named by what made it', () => {
  const call = (line: string) => ['Medic 5 dispatched 0912.', 'Came in code 3.', line, 'BP 130/80, HR 110, RR 20, SpO2 98%.'];
  it('reads "a stab wound to the arm" as the complaint, not a denied one', () => {
    expect(promptOf('chief_complaint', ...call('Found a 30 year old male with a stab wound to the arm.'))).toBeUndefined();
    expect(promptOf('chief_complaint', ...call('Found a 30 year old male, no stab wounds found on secondary.'))).toBeDefined();
  });
});

describe('round 18 review B: prompts a round-18 rule waved through', () => {
  const chest = 'Dispatched 0700 for chest pain. Responded emergent. Arrived 0710. 60 male chest pain. Aspirin 324 mg PO at 0715.';
  it('still asks for the condition at transfer when the readings in the hand-off line are not the hand-off', () => {
    for (const closing of [
      'Transported to General, en route BP 110/70, HR 88, care to RN.',
      'Transported to General; BP on scene 80/40, care to RN.',
      "Transported to General, care to RN, his wife's BP was 150/90 so she was checked too.",
      'transported to mercy map 65 on arrival to the scene care to rn',
      'transported to mercy initial bp 80 over 40 on scene care to rn',
      'care to rn at mercy vitals en route bp 110 over 70',
    ])
      expect(promptOf('condition_at_transfer', chest, closing), closing).toBeDefined();
  });

  it('reads readings said as the state at the hand-over', () => {
    expect(promptOf('condition_at_transfer', chest, 'Transported to General.', 'At transfer HR 88, BP 124/80.')).toBeUndefined();
  });

  const call = (line: string) => ['Medic 5 dispatched 0912.', 'Responded emergent.', line, 'BP 130/80, HR 110, RR 20, SpO2 98%.'];
  it('reads "could not stop vomiting" and "did not stop seizing" as the complaint', () => {
    expect(promptOf('chief_complaint', ...call('She could not stop vomiting since this morning.'))).toBeUndefined();
    expect(promptOf('chief_complaint', ...call('She did not stop seizing until we gave versed.'))).toBeUndefined();
    // Still negated: "not" said of the complaint itself.
    expect(promptOf('chief_complaint', ...call('Pt on the couch, he is not really short of breath, skin warm.'))).toBeDefined();
  });

  it('does not read a stab wound searched for and not found as the complaint', () => {
    expect(promptOf('chief_complaint', ...call('30 male. Checked for stab wounds, none seen.'))).toBeDefined();
    expect(promptOf('chief_complaint', ...call('checked for stab wounds none seen'))).toBeDefined();
    expect(promptOf('chief_complaint', ...call('Found a 30 year old male with a stab wound to the arm.'))).toBeUndefined();
    // Assessed for a problem names it: not a search that found nothing.
    expect(promptOf('chief_complaint', ...call('Pt assessed for chest pain radiating to the left arm.'))).toBeUndefined();
  });

  it('asks for the dose of oxygen said as "liter of oxygen"', () => {
    expect(
      promptOf('treatment_dose', 'Dispatched 0600 for a medical call.', 'Responded emergent.', 'Arrived 0608.', 'Liter of oxygen via nc.'),
    ).toBeDefined();
  });

  it('keeps a second-language line with the age and the injury in the assessment', () => {
    const raw = createSyntheticDocuments(
      'we are call for woman she fall in bathroom she is 79 her son say she hit head we go emergency got there 0920 she is on ' +
        'floor awake blood on head gauze applied into ambulance transport to general report to nurse',
    );
    const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
    const out = composeNarrative(docs, { version: 1, definition: BUILTIN_TEMPLATES.DRAATT });
    const response = out.sections.find((s) => s.key === 'response');
    expect(JSON.stringify(response ?? {})).not.toMatch(/hit head/i);
  });
});

describe('round 18 review B: "not" said of the complaint', () => {
  it('still asks when the complaint is negated two words on ("not in pain")', () => {
    expect(
      promptOf('chief_complaint', 'Medic 5 dispatched 0912.', 'Responded emergent.', 'Pt is not in pain, here for a lift assist only.'),
    ).toBeDefined();
  });
});

describe('round 18 review D: prompts a round-18 rule suppressed for an element truly missing', () => {
  const H = 'Dispatched 1500 for sick person. Responded emergent. On scene 1510. 60 year old male.';
  const T = 'BP 130/80, HR 90. Transported non emergent to General. Care to RN, stable.';

  it('does not read a past, healed or searched-for stab wound, a past diabetic problem, or mumbling as the complaint', () => {
    for (const line of [
      'History of diabetic problems.',
      'Previous diabetic emergency in 2019.',
      'Old stab wounds to the abdomen, healed.',
      'Hx of stab wounds.',
      'Scars from stab wounds on his back.',
      'Wife was mumbling about the dog.',
      'Checked the chest for stab wounds.',
    ])
      expect(promptOf('chief_complaint', H, line, T), line).toBeDefined();
    // Near misses: the wound and the dispatched problem said as the call's problem.
    expect(promptOf('chief_complaint', H, 'Stab wound to the left flank, bleeding controlled.', T)).toBeUndefined();
    expect(promptOf('chief_complaint', 'Dispatched 1500 for a diabetic emergency. Responded emergent.', T)).toBeUndefined();
  });

  it('negates a complaint word only right after "not" or its filler, never across another verb or adjective', () => {
    for (const line of [
      '60 year old male, not sleeping short of breath all night.',
      'Not eating vomiting since noon.',
      'Pt not responding seizing on arrival.',
      'He is not ok short of breath.',
    ])
      expect(promptOf('chief_complaint', H, line, T), line).toBeUndefined();
    for (const line of ['He is not short of breath.', 'Not in pain.', 'He is not having chest pain.', 'Not any pain.'])
      expect(promptOf('chief_complaint', H, line, T), line).toBeDefined();
  });

  const noAge = 'Dispatched 1500 for sick person. Responded emergent. On scene 1510.';
  it("reads a decade as the patient's age only where it describes the patient, and no relative's age after a name", () => {
    for (const line of [
      'Patient is a female found by the security guard, a man in his fifties. Complains of dizziness.',
      'Male patient, the store clerk, a woman mid twenties, called. Complains of dizziness.',
      'Patient is a female; her nurse, a man in his forties, called. Complains of dizziness.',
      'Mr. Smith and daughter, 45, met us at the door. Complains of dizziness.',
      'Spoke with Mrs. Ruiz and son, 40, at the door. Complains of dizziness.',
    ])
      expect(promptOf('patient_age', noAge, line, T), line).toBeDefined();
    for (const line of ['Found a male mid thirties complaining of dizziness.', 'Pt is a female in her late sixties, dizzy.'])
      expect(promptOf('patient_age', noAge, line, T), line).toBeUndefined();
  });

  it('does not read a reading or someone else\'s number after "she is" in run-on text as the age', () => {
    const ro = 'dispatched 1500 for sick person responded emergent on scene 1510';
    for (const line of [
      `${ro} female respirations she is 28 she is working hard complains of dizziness`,
      `${ro} female saturation she is 91 per the monitor complains of dizziness`,
      `${ro} male the caller says he is 45 he is the neighbor complains of dizziness`,
      `${ro} female her daughter she is 50 named carol called complains of dizziness`,
      `${ro} female her daughter she is 50 name is carol called complains of dizziness`,
    ])
      expect(promptOf('patient_age', line, T), line).toBeDefined();
  });

  it('reads "<name> trauma" as a destination only after "to", "at" or "into", never a clause ending in trauma', () => {
    const open = 'Dispatched 1500 for a fall. Responded emergent. On scene 1510. 60 year old male, fell. BP 130/80.';
    for (const line of [
      'Transported emergent, head trauma.',
      'Transported non emergent, no trauma.',
      'Transported emergent, possible abdominal trauma.',
      'Transported emergent, no signs of trauma.',
      'Transported emergent, pt is a trauma.',
      'Transported emergent secondary to head trauma.',
    ])
      expect(promptOf('destination', open, line, 'Care to RN, stable.'), line).toBeDefined();
    expect(promptOf('destination', open, 'Transported emergent to stroger trauma.', 'Care to RN, stable.')).toBeUndefined();
  });

  it("reads the time said right after a drug in run-on text when the recogniser's words are cut at it", () => {
    const open = 'dispatched 1030 for stroke symptoms responded emergent on scene 1038 72 year old female slurred speech';
    for (const said of [
      `${open} bp 196/104 hr 110 rr 18 spo2 93 ra bgl 142 o2 2 l nc at 1047 second set en route bp 180/100`,
      `${open} bgl 38 20g r fa d10 250 ml iv started 0712 0721 pt a ox4 bgl 141`,
    ])
      expect(promptOf('treatment_time', said), said).toBeUndefined();
    // A full sentence ends the drug's line: the next line's time is its own; a time before the drug is a reading's or another drug's.
    for (const said of [
      'Dispatched 1030 for stroke symptoms. O2 2 L NC. At 1047 second set en route, BP 180/100.',
      `${open} bp 120/80 at 1348 nitroglycerin 0.4 mg was administered sublingually patient was loaded and transported emergent`,
      `${open} bp 86/50 benadryl fifty milligrams iv at 1916 ns 1000 ml bolus after epi bp 104/62`,
      `${open} duoneb albuterol 2 point 5 milligrams by neb mask at 2124 second albuterol 2 point 5 milligrams neb at 2133 ` +
        'decadron 12 milligrams po given in applesauce',
    ])
      expect(promptOf('treatment_time', said), said).toBeDefined();
  });

  it('does not give a drug the time that opens the next piece when that piece names what was started then', () => {
    const open = 'dispatched 1030 for difficulty breathing responded emergent on scene 1038 72 year old female wheezing';
    for (const said of [
      `${open} bp 150/90 hr 110 rr 28 spo2 88 ra o2 4 l nc started 1050 albuterol neb`,
      `${open} bp 150/90 hr 110 rr 28 spo2 88 ra o2 15 l nrb started 1047 cpap 10 cm`,
      `${open} bp 196/104 hr 110 rr 18 spo2 93 ra bgl 142 o2 2 l nc started 1047 ns bolus 500 ml`,
    ])
      expect(promptOf('treatment_time', said), said).toBeDefined();
  });

  it('asks no destination when run-on text names the facility after a transport verb, and asks when it names a room or bed', () => {
    const open = 'dispatched at 1500 for a fall responded emergent on scene 1510 60 year old male fell bp 130 over 80 hr 88';
    expect(promptOf('destination', open, 'took him non emergent to holy cross he was stable care to rn')).toBeUndefined();
    for (const line of ['took him to the cot care to rn stable', 'moved her to her bed she was stable care to rn'])
      expect(promptOf('destination', open, line), line).toBeDefined();
  });

  it('reads "by the time we got there" as the condition at transfer only when the patient changed', () => {
    const open = 'Dispatched 1500 for sick person. Responded emergent. On scene 1510. 60 year old male, dizzy. BP 130/80, HR 90.';
    for (const line of [
      'By the time we got there the IV had stopped running.',
      'By the time we got there the rain had stopped.',
      'By the time we got there the drip was improved flow wise.',
    ])
      expect(promptOf('condition_at_transfer', open, 'Transported to General.', line, 'Care to RN.'), line).toBeDefined();
    expect(
      promptOf('condition_at_transfer', open, 'Transported to General.', 'By the time we got there he was more alert.', 'Care to RN.'),
    ).toBeUndefined();
    const ro =
      'dispatched 1500 for sick person responded emergent by the time we got there 0641 she had woken up 55 female ' +
      'transported to general care to rn';
    expect(promptOf('condition_at_transfer', ro)).toBeDefined();
    expect(
      promptOf(
        'condition_at_transfer',
        'dispatched 1500 for sick person responded emergent on scene 1510 55 female dizzy transported to general care to rn ' +
          'report given hr 88 on scene',
      ),
    ).toBeDefined();
  });
});

describe('a vital said with the final g dropped', () => {
  it('reads "breathin\' 24" and "breathin 40" as the respiratory rate', () => {
    expect(
      promptOf('vitals', "Skin hot and wet, alert, BP one oh six over sixty-four, heart rate 122, breathin' 24, sat 97 percent."),
    ).toBe(undefined);
    expect(promptOf('vitals', 'temp was 103 heart rate 168 breathin 40 sat 91 on room air bp 90 over 60')).toBeUndefined();
  });

  it('still asks the rate when "breathin\'" has no number of its own', () => {
    expect(promptOf('vitals', "BP 120/80, heart rate 90, sat 97 percent, breathin' hard.")).toBe(
      'Document a full set of vitals (missing: RR).',
    );
    expect(promptOf('vitals', "BP 120/80, heart rate 90, sat 97 percent, been breathin' hard for 2 days.")).toBe(
      'Document a full set of vitals (missing: RR).',
    );
  });

  it('reads "not breathin\'" in an arrest not transported as the breathing documented absent', () => {
    const arrest = [
      'Unresponsive male, history of heart attacks, no allergies.',
      "No pulse, no pressure to get, not breathin', and the pulse ox wouldn't read on him.",
      'Epi one milligram IO at 0419, asystole throughout.',
      'Medical control agreed to stop, time of death 0432, no transport.',
    ];
    expect(promptOf('vitals', ...arrest)).toBeUndefined();
    // Breathing that is only hard is no absent rate.
    expect(promptOf('vitals', 'No pulse, no pressure.', "He's not breathin' hard.", 'Time of death 0432, no transport.')).toContain('RR');
  });
});

describe('elements said in wording the checks did not read', () => {
  const after = ['Arrived at 0222, child seizing.', 'Transported to County Childrens, report to the ER nurse.'];
  it('reads a dispatch time said in words right after the dispatch verb ("dispatched at two fifteen")', () => {
    expect(promptOf('dispatch_time', 'We got dispatched at two fifteen for a child having a seizure.', ...after)).toBeUndefined();
    expect(promptOf('dispatch_time', 'Medic fifteen got toned out at three oh five for a woman in labor.', ...after)).toBeUndefined();
    expect(promptOf('dispatch_time', 'We were dispatched at two fifteen.', ...after)).toBeUndefined();
  });

  it('still asks the dispatch time when the words in time shape are a house number, a weight or another time', () => {
    for (const line of [
      'We got dispatched for a seizure at two twenty Maple Street.',
      'We got dispatched for a seizure at the school.',
      'Dispatched for chest pain at two twenty Birch.',
      'Dispatched to the house at six forty Rosewood for a fall.',
      'We got dispatched at nine forty Crestview for a fall.',
      'Dispatched to a fall, she fell at five oh five this morning.',
      'Dispatched for a fall, she weighs about one fifty at two hundred.',
      'We got dispatched at one twenty one and Elm for a fall.',
    ])
      expect(promptOf('dispatch_time', line, ...after), line).toBe('Document the dispatch time.');
  });

  it('asks the destination when a destination is said only in the present tense', () => {
    const call = [
      'Dispatched at 1102 for abdominal pain, emergent.',
      'She is 54, pain in the stomach, BP 104/62, HR 112, RR 20, SpO2 97%.',
    ];
    for (const line of [
      'Her husband brings her to the clinic at Mercy every week. No treatment. Stable.',
      'The group home takes him to County Hospital for his labs every month. Transported non-emergent.',
      'We bring him to the ER door then, sorry, transported emergent.',
    ])
      expect(promptOf('destination', ...call, line), line).toBe('Document the destination facility.');
  });

  it('asks no destination or hand-off condition of a patient left in place for the medical examiner', () => {
    const arrest = [
      'Dispatched at 0402 for an unresponsive male, arrived 0411, asystole, no pulse, apneic.',
      'Epi 1 milligram IO given three times, rhythm stayed asystole.',
    ];
    const left = 'Medical control gave the order to terminate at 0438, patient left in place for the medical examiner.';
    expect(promptOf('destination', ...arrest, left)).toBeUndefined();
    expect(promptOf('condition_at_transfer', ...arrest, left)).toBeUndefined();
  });

  it('reads no end of the call from an order to terminate or cease, nor from staying on scene for the coroner', () => {
    const arrest = ['Dispatched at 0402 for an unresponsive male, arrived 0411, VF, no pulse, apneic.', 'Epi 1 mg IO, shocked x3.'];
    for (const line of [
      'Got the ok to cease compressions for a rhythm check, ROSC obtained, loaded and left scene.',
      'Medical control denied the order to terminate, so we kept working him and loaded him.',
      'Asked for permission to terminate, declined by Dr Smith, loaded emergent.',
      'Pt remained on scene for the coroner to speak with the wife, then we loaded the patient emergent.',
    ])
      expect(promptOf('destination', ...arrest, line), line).toBe('Document the destination facility.');
  });

  it('reads no "we did not … do anything" as a statement that no treatment was needed', () => {
    const call = ['Dispatched at 1030 for a fall.', 'Patient is a male, 80, BP 128/76, HR 80, RR 16, SpO2 95%.'];
    for (const line of [
      'He says we did not do anything wrong, the neighbor did.',
      'Family says we didnt do anything last time either.',
      'We did not give any meds before fire arrived.',
    ])
      expect(promptOf('treatment', ...call, line), line).toBe('Document the treatment given, or state that none was indicated.');
  });
});

describe('an age said without "old"', () => {
  it('reads "pt is 67 year male" as the age when the patient is the subject', () => {
    expect(promptOf('patient_age', 'Pt is 67 year male, Mr. Nguyen, diabetic on insulin.')).toBeUndefined();
    expect(promptOf('patient_age', 'Patient is a 78 years female, lives alone.')).toBeUndefined();
    // An infant's age the same way: months or weeks before the sex word.
    expect(promptOf('patient_age', 'patient is a 20 months female mom said she had a fever since this morning')).toBeUndefined();
    expect(promptOf('patient_age', 'Pt is 6 weeks male, born full term.')).toBeUndefined();
  });

  it('reads no age from years, numbers before the sex word or "says he is N" said of anything else', () => {
    for (const line of [
      'Caller is a 45 year female neighbor, patient is a male found on the floor.',
      'The neighbor is a 52 year male who called.',
      'Seizures for 5 years boy is on keppra.',
      'Mom is 7 months pregnant, the patient is her son.',
      'Her sister is a 9 months female, not the patient.',
      'Smoked for 30 years male pattern baldness.',
      'Arrived 1411 at the I-95 male pedestrian struck.',
      'On Route 66 female driver restrained.',
      'Pulse 88 male is alert.',
      'Heart rate 110 female found sitting.',
      'medic 22 toned 1417 chest pain 61 female 880 harmon ave apartment 4c',
      'Pt says she is 9 pain right now.',
      'Pt says he is 6 feet tall.',
      'Pt says he is 2 blocks from his house.',
      'Room 12 female ward, patient in bed.',
    ])
      expect(promptOf('patient_age', line), line).toBe("Document the patient's age.");
  });
});

describe('an absence of vitals found by someone else is no reading of the crew', () => {
  const ended = ['Epi 1 mg IO three doses, asystole throughout.', 'Medical control ordered termination, time of death 0438, no transport.'];
  it('asks the vitals when only the family found the patient pulseless and apneic', () => {
    expect(promptOf('vitals', 'His daughter found him at 0355 pulseless and apneic, skin cool.', ...ended)).toContain('BP');
    // Nor is the call's nature as dispatched a reading.
    const dispatched = 'Medic 2 dispatched at 0402 for an unresponsive male not breathing at 45 Pelham Court.';
    expect(promptOf('vitals', dispatched, 'On our arrival he was pulseless, skin cool.', ...ended)).toContain('RR');
  });
  it('reads the crew finding the patient pulseless and apneic as the vitals documented absent', () => {
    expect(promptOf('vitals', 'On our arrival he was pulseless and apneic, skin cool.', ...ended)).toBeUndefined();
    expect(promptOf('vitals', 'We found him pulseless and apneic, skin cool.', ...ended)).toBeUndefined();
  });
});

describe('an absence found by anyone who is not the crew is no reading of the crew', () => {
  const ended = ['Epi 1 mg IO three doses, asystole throughout.', 'Medical control ordered termination, time of death 0438, no transport.'];
  it('reads the shared table of people other than the crew (police, a nurse, a grandson)', () => {
    for (const found of [
      'Police found him at 0355 pulseless and apneic, skin cool.',
      'The nurse found her at 0355 pulseless and apneic in her bed.',
      'His grandson found him at 0355 pulseless and apneic, skin cool.',
    ])
      expect(promptOf('vitals', found, ...ended), found).toContain('BP');
  });
});

describe('the nature of the call', () => {
  it('reads no dispatch from a call sign sent to an address ("Medic 3 to 412 Birch Lane, on scene 0805")', () => {
    const line = 'Medic 3 to 412 Birch Lane, on scene 0805.';
    const call = [line, '58 year old male with chest pain.', 'Transported emergent to Mercy.'];
    expect(promptOf('dispatch_nature', ...call)).toBe('Document the nature of the call as dispatched.');
    expect(promptOf('dispatch_time', ...call)).toBe('Document the dispatch time.');
  });
  it('asks the nature when the dispatch line says only filler, the address or the response', () => {
    const after = ['He is 68, could not breathe, BP 188/104, HR 110, RR 32, SpO2 84%.', 'Transported emergent to Saint Columba Hospital.'];
    expect(promptOf('dispatch_nature', 'okay so we got toned out at 2314 to 19 birch hollow court.', ...after)).toBe(
      'Document the nature of the call as dispatched.',
    );
    expect(promptOf('dispatch_nature', 'okay so we got toned out at 2314 for difficulty breathing.', ...after)).toBeUndefined();
    // What is said with "to the … on <street>" may be the nature itself.
    expect(promptOf('dispatch_nature', 'Dispatched at 1402 to the chest pain on Lincoln Road.', ...after)).toBeUndefined();
    expect(promptOf('dispatch_nature', 'Dispatched at 1402 to the overdose on Lincoln Road.', ...after)).toBeUndefined();
  });

  it('asks the nature when the call is given only by "the address is …" and where near it', () => {
    const after = ['He is 68, confused, BP 104/62, HR 54, RR 12, SpO2 93%.', 'Transported to St. Elisabeth Klinikum.'];
    const where = 'Okay, we get the call at 23:40, the address is Lindenstraße behind the Bäckerei Jürgen, near the bus stop.';
    expect(promptOf('dispatch_nature', where, ...after)).toBe('Document the nature of the call as dispatched.');
    // The nature said after the address, or before it, is read.
    expect(promptOf('dispatch_nature', 'We get the call at 23:40, the address is 12 Main St, for a fall.', ...after)).toBeUndefined();
    expect(promptOf('dispatch_nature', 'We get the call at 23:40 for a man down, the address is Lindenstraße.', ...after)).toBeUndefined();
    for (const line of [
      'Dispatched 0215, the address is 12 Oak St, 70 year old male chest pain.',
      'We get the call at 0215, the address is 12 Oak St regarding a seizure.',
      "We get called at 0215, the address is 400 Main Street and it's a fall.",
      'Dispatched 0215, the address was the nursing home on Elm, difficulty breathing.',
    ])
      expect(promptOf('dispatch_nature', line, ...after), line).toBeUndefined();
  });
});

describe('a pressure left out with its reason said after "no"', () => {
  const child = 'Patient is a 3 year old female, seizing, fever since this morning.';
  it('reads "no bp she is three" (a child under four) or "no bp because …" as the pressure documented as not taken', () => {
    expect(promptOf('vitals', child, 'heart rate 148 resp 30 sat 94 percent on room air no bp she is three')).toBeUndefined();
    expect(promptOf('vitals', child, 'HR 148, RR 30, SpO2 94%, no BP because she was fighting the cuff.')).toBeUndefined();
    expect(promptOf('vitals', child, 'HR 148, RR 30, SpO2 94%, no BP since the cuff would not fit.')).toBeUndefined();
  });
  it('still asks a pressure said only as "no bp", with a finding, an older age, a count or a time after it', () => {
    const adult = 'Arrived to find a 64 year old male c/o chest pain.';
    for (const line of [
      'HR 148, RR 30, SpO2 94%, no BP.',
      'HR 148, RR 30, SpO2 94%, no bp she is hot to the touch.',
      'no bp she is 45, HR 130, RR 24, SpO2 95%.',
      'HR 130, RR 24, SpO2 95%, no bp, he is 67.',
      'HR 130, RR 24, SpO2 95%, no bp he is 80 years old.',
      'HR 130, RR 24, SpO2 95%, no BP she is 1 of 3 patients.',
      'HR 130, RR 24, SpO2 95%, no bp since 1400.',
      'HR 130, RR 24, SpO2 95%, no bp since he was loaded.',
      'HR 130, RR 24, SpO2 95%, no bp he is 2 blocks from his house.',
    ])
      expect(promptOf('vitals', adult, line), line).toBe('Document a full set of vitals (missing: BP).');
  });
});

describe('times said as a clock reading without a cue word', () => {
  const after = ['Arrived at 0222, child seizing.', 'Transported to County Childrens, report to the ER nurse.'];
  it('reads a time in words right after the dispatch verb with no "at" ("dispatched zero two one two for …")', () => {
    expect(promptOf('dispatch_time', 'Medic four dispatched zero two one two for an unresponsive male.', ...after)).toBeUndefined();
    expect(promptOf('dispatch_time', 'We got toned out oh three fifteen for a fall.', ...after)).toBeUndefined();
    expect(promptOf('dispatch_time', 'We were dispatched fourteen twenty for a fall.', ...after)).toBeUndefined();
  });

  it('still asks when the words after the dispatch verb are no time', () => {
    for (const line of [
      'We got dispatched two blocks over for a fall.',
      'Dispatched one unit for a fall.',
      'Dispatched to two twenty Maple Street for a fall.',
      'We got sent two streets down for a seizure.',
      'We got dispatched twenty minutes out for a fall.',
    ])
      expect(promptOf('dispatch_time', line, ...after), line).toBe('Document the dispatch time.');
  });

  it('reads an hour written with "h" ("19h30", "at 19h41"), the way much of the world writes a clock time', () => {
    expect(promptOf('dispatch_time', 'We are sent at 19h30 for allergic reaction.', ...after)).toBeUndefined();
    expect(promptOf('dispatch_time', 'Medic 3 dispatched at 7h05 for a fall.', ...after)).toBeUndefined();
    const call = ['Dispatched at 1930 for an allergic reaction.', 'She is 29, BP 86/50, HR 128, RR 28, SpO2 92%.'];
    expect(promptOf('treatment_time', ...call, 'I give epinephrine 0.3 mg IM in the right thigh at 19h41.')).toBeUndefined();
  });

  it('still asks the time for a number with "h" that is no clock time', () => {
    const call = ['Dispatched at 1930 for an allergic reaction.', 'She is 29, BP 86/50, HR 128, RR 28, SpO2 92%.'];
    for (const line of [
      'I give epinephrine 0.3 mg IM in the right thigh, symptoms for 2h30.',
      'I give epinephrine 0.3 mg IM in the right thigh, she ate 3h ago.',
      'I give epinephrine 0.3 mg IM in the right thigh, itching for 12h30 now.',
      'I give epinephrine 0.3 mg IM in the right thigh, room 12h.',
    ])
      expect(promptOf('treatment_time', ...call, line), line).toBe('Document the time given of: epinephrine.');
    expect(promptOf('dispatch_time', 'Dispatched for a fall, pain for 26h10.', ...after)).toBe('Document the dispatch time.');
  });
});

describe('a refusal said with "sign" in any tense', () => {
  const call = ['Dispatched at 1402 for a car accident, emergent.', 'She is 34, neck a little sore, BP 128/76, HR 88, RR 16, SpO2 99%.'];
  it('reads "she sign the refusal form", "he signs the refusal" as a refusal: no treatment, destination or condition asked', () => {
    for (const line of ['She sign the refusal form at the scene and her husband pick her up.', 'He signs the refusal and stays home.']) {
      expect(promptOf('destination', ...call, line), line).toBeUndefined();
      expect(promptOf('treatment', ...call, line), line).toBeUndefined();
      expect(promptOf('condition_at_transfer', ...call, line), line).toBeUndefined();
    }
  });

  it('still asks for the destination where "sign" is about something else', () => {
    for (const line of [
      'She had to sign the consent for the hospital, we transported.',
      'He would not sign anything, we loaded him and went.',
      'She signs her name, alert, we load her.',
    ])
      expect(promptOf('destination', ...call, line), line).toBe('Document the destination facility.');
  });
});

describe('a time charted before the drug it dates ("1738 albuterol 2.5 mg neb")', () => {
  const call = ['Medic 8, 1726, asthma attack.', 'Resp emergent.', '7 yo F, BP 108/64, HR 138, RR 36, SpO2 89% RA.'];
  it('reads a clock time opening the line or clause, right before the drug, as when it was given', () => {
    expect(promptOf('treatment_time', ...call, '1738 albuterol 2.5 mg neb w/ O2 6 L.')).toBeUndefined();
    expect(promptOf('treatment_time', ...call, 'Neb done; 1744 Decadron 0.6 mg/kg = 14.4 mg PO.')).toBeUndefined();
    expect(promptOf('treatment_time', ...call, '0912 gave epi 0.15 mg IM.')).toBeUndefined();
  });

  it('still asks the time where the number before the drug is no time of it', () => {
    for (const line of [
      '1738 BP 120/80, albuterol 2.5 mg neb.',
      'Albuterol 2.5 mg neb.',
      'Pt calmer; albuterol 2.5 mg neb.',
      'Wt 24 kg; 2.5 mg albuterol neb.',
    ])
      expect(promptOf('treatment_time', ...call, line), line).toBe('Document the time given of: albuterol.');
  });
});

describe('the condition at the hand-off said as a rhythm, the following of commands, or a newborn feeding', () => {
  const call = ['Dispatched at 1912 for a cardiac arrest, emergent.', '52 year old male, BP 96/60, HR 104, RR 10, SpO2 94%.'];
  it('reads "maintained a perfusing rhythm", "not following commands", "baby was nursing" in the closing line', () => {
    for (const line of [
      'Care was transferred to the cath lab team at 1948; the patient maintained a perfusing rhythm and was not following commands.',
      'Care to the ED team at 1948, he was following commands.',
      'Took them to Santa Rosa, non-emergent, and the baby was nursing when we handed them off to L&D.',
    ])
      expect(promptOf('condition_at_transfer', ...call, line), line).toBeUndefined();
  });

  it('still asks where the words name a place, staff or the scene', () => {
    for (const line of [
      'Transported to Maple Nursing Home, report to the charge nurse.',
      'Handed off to the L&D nursing staff at 1948.',
      'Report given to the nursing supervisor at 1948.',
    ])
      expect(promptOf('condition_at_transfer', ...call, line), line).toBe("Document the patient's condition at transfer of care.");
  });
});

describe('near misses of a time, a refusal or a hand-off condition', () => {
  const after = ['Arrived at 0222, child seizing.', 'Transported to County Childrens, report to the ER nurse.'];
  it('still asks the dispatch time where the words after the verb are a number, not a clock time', () => {
    for (const line of [
      'We were dispatched two one five to a fall.',
      'Sent out two three, for an MVC.',
      'Paged out twenty two, for a sick person.',
      'Dispatched one one for chest pain.',
      'Dispatched three four with engine for a fall.',
      'Dispatched one hundred to a fall.',
      'Dispatched four four two for a diabetic problem.',
    ])
      expect(promptOf('dispatch_time', line, ...after), line).toBe('Document the dispatch time.');
  });

  it('still asks the dispatch time for a duration written with "h"', () => {
    for (const line of [
      'Dispatched for chest pain ongoing 10h30 now.',
      'Dispatched for a fall, pt on the floor 12h30 before found.',
      'Dispatched for weakness, symptoms began 10h30 ago.',
      'Dispatched for post op pain, surgery 22h15 ago.',
    ])
      expect(promptOf('dispatch_time', line, ...after), line).toBe('Document the dispatch time.');
  });

  it('still asks the time given for a dose dated by another dose or a volume before a fluid', () => {
    const call = ['Dispatched at 1925 for chest pain, emergent.', '58 yo male, BP 150/90, HR 90, RR 18, SpO2 96%.'];
    expect(promptOf('treatment_time', ...call, 'Gave aspirin 324 mg PO, his last dose 12h30 ago.')).toBe(
      'Document the time given of: aspirin.',
    );
    for (const line of ['1000 normal saline IV bolus.', '1000 NS wide open.', '1000 LR bolus IV.'])
      expect(promptOf('treatment_time', ...call, '18g L AC.', line), line).toMatch(/^Document the time given of: /);
  });

  it('still asks for the destination when "sign" is not the patient signing the refusal', () => {
    const call = ['Dispatched at 1402 for a fall, emergent.', '80 yo female, BP 130/70, HR 80, RR 16, SpO2 97%.'];
    for (const line of [
      'Pt would not sign the refusal, so we transported her.',
      'Wife had to sign the release for the records then we transported.',
      'Daughter will sign the waiver for the stair chair, we transported.',
      'Dr signs the release of hold, we transported.',
      'Did not sign the refusal because she changed her mind, transported.',
      'Wife had to sign the refusal then changed her mind, we transported.',
    ])
      expect(promptOf('destination', ...call, line), line).toBe('Document the destination facility.');
  });

  it('still asks the condition at transfer where "nursing" names who took the hand-off or "perfusing rhythm" a check', () => {
    const call = ['Dispatched at 1400 for a fall, emergent.', '80 yo female, BP 130/70, HR 80, RR 16, SpO2 97%.'];
    for (const line of [
      'Transported to Mercy. Report given to nursing.',
      'Transported to Mercy. Care transferred to nursing.',
      'Transported to Mercy. Bedside report to nursing and MD.',
      'Transported to Mercy. Care turned over to the nursing team.',
      'Transported to Mercy. Handed off to nursing personnel.',
      'Transported to Mercy. Care transferred to ED RN, gave nursing report.',
      'Transported to Mercy. Turned over to nursing.',
      'Transported to Mercy. Care to ED RN. Mom is nursing the infant at home.',
      'Transported to Mercy. Care transferred to ED nursing.',
      'Transported to Mercy. Care transferred to ED team. Checked for a perfusing rhythm on scene every 2 minutes.',
    ])
      expect(promptOf('condition_at_transfer', ...call, line), line).toBe("Document the patient's condition at transfer of care.");
  });
});

describe('round 22 B: a medication the crew did not give', () => {
  it('asks nothing of a drug in a home-medication list or one a relative says they gave', () => {
    const home = ['Called for a fall.', 'Pt is a 70 year old male, hip pain.', 'Meds albuterol MDI and lisinopril, no allergies.'];
    expect(promptOf('treatment_dose', ...home)).toBeUndefined();
    const given = ['Toned out at 1952 for a seizure.', 'Mom says she gave him Tylenol this morning.', 'No meds other than the Tylenol.'];
    expect(promptOf('treatment_route', ...given)).toBeUndefined();
  });

  it('still asks of a drug the crew gave after a relative spoke, or named in a list of what the crew gave', () => {
    expect(promptOf('treatment_dose', 'Called for chest pain.', 'Wife says the pain started at 1300, we gave aspirin PO at 1410.')).toBe(
      'Document the dose of: aspirin.',
    );
    expect(promptOf('treatment_route', 'Called for a seizure.', 'Meds given: midazolam 5 mg at 1141.')).toBe(
      'Document the route of: midazolam.',
    );
  });
});

describe('round 22 B: one time said for two drugs given together', () => {
  // The hour written with "h" ("19h46"), which the time rules read only as a clock time, not as a drug's time.
  it('reads the time of a drug as that of the one it was given with ("… at 19h46 and oxygen by mask")', () => {
    const together = 'We gave diphenhydramine 50 mg IV at 19h46 and the oxygen by mask at 15 liters.';
    expect(promptOf('treatment_time', 'Called for an allergic reaction.', together)).toBeUndefined();
  });

  it('still asks when the second drug came later or in a clause of its own', () => {
    const later = 'We gave diphenhydramine 50 mg IV at 19h46, then oxygen by mask at 15 liters.';
    expect(promptOf('treatment_time', 'Called for an allergic reaction.', later)).toBe('Document the time given of: oxygen.');
    const apart = 'We gave diphenhydramine 50 mg IV at 19h46, HR 110, and oxygen by mask at 15 liters.';
    expect(promptOf('treatment_time', 'Called for an allergic reaction.', apart)).toBe('Document the time given of: oxygen.');
  });
});

describe('a drug charted with "+" after the dose of one a time dates ("0915 magnesium 2 g + methylprednisolone 125 mg IV")', () => {
  const call = ['Engine 3, 0902, difficulty breathing.', 'Resp emergent.', '41 yo M, BP 150/90, HR 118, RR 32, SpO2 86% RA.'];
  it('dates the drug joined to it by the same time', () => {
    expect(promptOf('treatment_time', ...call, '0915 magnesium 2 g + methylprednisolone 125 mg IV.')).toBeUndefined();
    expect(promptOf('treatment_time', ...call, 'At 0915 gave 2 g magnesium plus 125 mg methylprednisolone IV.')).toBeUndefined();
  });

  it('still asks when the drug is not joined to the dated one, or the first has no time', () => {
    for (const line of [
      '0915 magnesium 2 g IV, HR 110, methylprednisolone 125 mg IV.',
      '0915 magnesium 2 g IV, then methylprednisolone 125 mg IV.',
      'Magnesium 2 g + methylprednisolone 125 mg IV.',
    ])
      expect(promptOf('treatment_time', ...call, line), line).toBeDefined();
  });
});

describe('round 22 B: a drug carried on "at the same rate"', () => {
  it('takes the dose from the earlier mention of the drug, in whatever phase it was said', () => {
    const arrival = 'On arrival the patient was in bed with a heparin infusion running at 1,000 units per hour.';
    const pump = 'We moved the heparin infusion to our pump at 0620 at the same rate.';
    expect(promptOf('treatment_dose', 'Dispatched at 0605 for a transfer.', arrival, pump)).toBeUndefined();
  });

  it('still asks when the drug was never dosed before, or is given anew', () => {
    const pump = 'Heparin infusion IV continued at 0620 at the same rate.';
    expect(promptOf('treatment_dose', 'Dispatched at 0605 for a transfer.', pump)).toBe('Document the dose of: heparin.');
    const arrival = 'On arrival the patient was in bed with a heparin infusion running at 1,000 units per hour.';
    const bolus = 'We gave a heparin bolus IV at 0620.';
    expect(promptOf('treatment_dose', 'Dispatched at 0605 for a transfer.', arrival, bolus)).toBe('Document the dose of: heparin.');
  });
});

describe('round 22 B: a dispatch time in words with the verb "called out" and the part of the day', () => {
  it('reads "got called out at two fifteen in the afternoon for a fall" as the dispatch time', () => {
    expect(promptOf('dispatch_time', 'Medic 12 got called out at two fifteen in the afternoon for a fall.')).toBeUndefined();
    expect(promptOf('dispatch_time', 'We were called out at four thirty in the morning for chest pain.')).toBeUndefined();
  });

  it('still asks when the words after "called out" are a house number', () => {
    expect(promptOf('dispatch_time', 'Medic 12 got called out to two fifteen Elm Street for a fall.')).toBe('Document the dispatch time.');
  });
});

describe('round 22 B: the nature said in the opening call-sign line, and a named place that is no nature', () => {
  it('reads the nature from the line that opens with the unit, wherever that line is placed', () => {
    const call = [
      'M21 to MVC Route 9 at Oakdale Rd, priority 1 response.',
      'Pt 34 yo F, restrained driver, low-speed rear-end, ambulatory on scene, denies complaints, no LOC.',
      'BP 122/78, HR 84, RR 16, A&O x4, no spinal tenderness.',
      'Refused tx and transport, capacity intact, risks explained, refusal signed, released to husband.',
    ];
    expect(promptOf('dispatch_nature', ...call)).toBeUndefined();
  });

  it('reads no nature from a place named with its kind ("to Elm Park playground")', () => {
    const call = ['Medic 4 dispatched 1420 to Elm Park playground.', 'Code 3.', '4 yo M, c/o L arm pain after a fall.'];
    expect(promptOf('dispatch_nature', ...call)).toBe('Document the nature of the call as dispatched.');
    const fall = ['Medic 4 dispatched 1420 to Elm Park playground for a fall.', 'Code 3.', '4 yo M, c/o L arm pain after a fall.'];
    expect(promptOf('dispatch_nature', ...fall)).toBeUndefined();
  });
});

describe('round 22 B: an age someone else reports ("wife says hes 58 he collapsed")', () => {
  it('reads the age a relative or bystander says, with or without the apostrophe', () => {
    expect(promptOf('patient_age', 'patient is a male wife says hes 58 he collapsed after chest pain')).toBeUndefined();
    expect(promptOf('patient_age', "Patient is a female, her son said she's 91, found on the floor.")).toBeUndefined();
  });

  it('reads no age from a number with more words of its own', () => {
    for (const line of [
      'patient is a male wife says hes 6 feet tall he collapsed',
      'Patient is a male, daughter says he is 80 kilos.',
      'Patient is a male, wife says he is 2 blocks from home.',
    ])
      expect(promptOf('patient_age', line), line).toBe("Document the patient's age.");
  });
});

describe('round 22 B: a destination said in lowercase run-on words', () => {
  const open = 'dispatched at 1500 for a fall responded emergent 60 year old male fell bp 130 over 80 hr 88 rr 16 sat 97';
  it.each([
    `${open} we take her emergent to eastside general report to the ed nurse`,
    `${open} load and go to regional trauma center handed off to the trauma team`,
    `${open} we transported routine to providence gave report to the charge nurse`,
  ])('reads the destination: %s', (said) => {
    expect(promptOf('destination', said)).toBeUndefined();
  });

  it.each([
    `${open} we took her to the bathroom first then transported`,
    `${open} she wanted to go to sleep so we transported`,
    `${open} she went to the corner store this morning and fell transported emergent`,
  ])('still asks: %s', (said) => {
    expect(promptOf('destination', said)).toBe('Document the destination facility.');
  });
});

describe('round 22 B: an age the patient says of themself, a new clause right after it', () => {
  it('reads "says he is 31 used heroin", "he says hes 24 no allergies"', () => {
    expect(promptOf('patient_age', 'pt male waking up pulling at the mask says he is 31 used heroin maybe fentanyl')).toBeUndefined();
    expect(promptOf('patient_age', 'pt male he admitted to using heroin he says hes 24 no allergies no medical history')).toBeUndefined();
  });

  it('reads no age from a number the words after it belong to', () => {
    for (const line of ['Pt male says he is 9 no better after the fall.', 'pt male says he is 2 drinks in tonight'])
      expect(promptOf('patient_age', line), line).toBe("Document the patient's age.");
  });
});

describe('review of round 22 B: a crew drug said after a relative spoke or after "other than that"', () => {
  it.each([
    ['Per wife, CP since 1300, ASA 324 PO given.', 'treatment_time'],
    ['Wife states pain started an hour ago, aspirin given.', 'treatment_dose'],
    ['Wife says he has a cardiac history, nitro 0.4 SL administered.', 'treatment_time'],
    ['Took a set of vitals then zofran 4 mg given.', 'treatment_route'],
    ['Other than that, versed given IM.', 'treatment_dose'],
    ['Daughter reports she fell, fentanyl 50 mcg IV given.', 'treatment_time'],
    ['Mom states he is wheezing, albuterol neb started.', 'treatment_dose'],
  ] as const)('still asks of the crew drug: %s', (line, element) => {
    expect(promptOf(element, 'Dispatched at 1400 for a call.', '60 yo M.', line)).toBeDefined();
  });
});

describe('review of round 22 B: an opening call-sign line that says the unit arrived or is going, not what for', () => {
  it.each([
    'Medic 5 on scene at 0805, found 45 yo male supine.',
    'Medic 7 arrived to find a 60 yo female sitting in chair.',
    'Engine 5 on scene performing CPR on arrival.',
    'Unit 12 was first due, patient found in the kitchen.',
    'M4 responding code 3.',
    'Medic 2 en route, ETA 5 min.',
  ])('still asks for the nature: %s', (line) => {
    expect(promptOf('dispatch_nature', line, '60 yo M, BP 120/80.', 'Transported to Mercy.')).toBe(
      'Document the nature of the call as dispatched.',
    );
  });
});

describe('review of round 22 B: "transported to" a place that is no facility named', () => {
  it.each([
    'Patient transported to cot via stair chair.',
    'Pt transported to our stretcher and secured.',
    'Transported to nearest appropriate facility emergent.',
    'Transported to receiving facility without incident.',
    'Transported to triage, report to charge nurse.',
    'Transported to waiting room, report to triage RN.',
    'transported to her bed by family earlier',
    'transported to pediatrics',
  ])('still asks for the destination: %s', (line) => {
    expect(promptOf('destination', 'Dispatched at 1400 for a fall.', '80 yo F, BP 130/80.', line)).toBe(
      'Document the destination facility.',
    );
  });
});

describe('review of round 22 B: a number said after "says he is" that is no age of the patient', () => {
  it.each([
    'Patient is a male, caller says he is 40 he lives next door, patient unresponsive.',
    'pt male says he is 8 took a fall',
    'pt male says he is 6 no allergies',
    'pt female states she is 2 uses a walker',
    'pt male says he is 3 denies pain',
  ])('still asks for the age: %s', (line) => {
    expect(promptOf('patient_age', line)).toBe("Document the patient's age.");
  });
});

describe('review of round 22 B: an opening call-sign line that got the call for something', () => {
  it('reads the nature of "medic 6 got the call about 3 am for a lift assist"', () => {
    expect(promptOf('dispatch_nature', 'medic 6 got the call about 3 am for a lift assist at 19 pemberton place')).toBeUndefined();
  });
});

describe('a dispatch time in words after "we get called at", hedged with "like" or "about"', () => {
  it('reads "we get called at like two fifteen in the afternoon" as the dispatch time', () => {
    expect(promptOf('dispatch_time', 'So we get called at like two fifteen in the afternoon for an unconscious person.')).toBeUndefined();
    expect(promptOf('dispatch_time', 'We got called at about four thirty for chest pain.')).toBeUndefined();
  });

  it('reads the time said first, hedged, before "we got called" ("So around two fifteen in the morning we got called to …")', () => {
    expect(
      promptOf('dispatch_time', 'So around two fifteen in the morning we got called to the Greyhound station for an unresponsive female.'),
    ).toBeUndefined();
    expect(promptOf('dispatch_time', 'About four thirty we were called out for chest pain.')).toBeUndefined();
    // Not a house number or someone else called.
    expect(promptOf('dispatch_time', 'Unit two fifteen we got called to Elm Street for a fall.')).toBe('Document the dispatch time.');
    expect(promptOf('dispatch_time', 'Around two fifteen his daughter called because he fell.')).toBe('Document the dispatch time.');
  });

  it('still asks when someone else called, or the words are a house number', () => {
    expect(promptOf('dispatch_time', 'His daughter called at like two fifteen because he fell.')).toBe('Document the dispatch time.');
    expect(promptOf('dispatch_time', 'We got called to like two fifteen Elm Street for a fall.')).toBe('Document the dispatch time.');
    expect(promptOf('dispatch_time', 'We got called at like two fifteen Elm Street for a fall.')).toBe('Document the dispatch time.');
  });
});

describe("the response said as the patient's state some minutes after the drug", () => {
  const asked = "Document the patient's response to treatment.";
  it('reads "after ten minutes the pain is six on ten" and "about four minutes later he was calm" as the response', () => {
    expect(
      promptOf('treatment_response', 'We give fentanyl 75 mcg IV at 19:21, and after ten minutes the pain is six on ten.'),
    ).toBeUndefined();
    expect(
      promptOf('treatment_response', 'Gave ketamine 400 mg IM at 2354.', 'About four minutes later he was calm, eyes open, not fighting.'),
    ).toBeUndefined();
  });

  it('still asks when the minutes later say what the crew or someone else did', () => {
    expect(promptOf('treatment_response', 'Gave fentanyl 50 mcg IV at 1410.', 'Ten minutes later his wife arrived.')).toBe(asked);
  });

  it('reads "and after this the pressure is 112/68" as the response', () => {
    expect(
      promptOf('treatment_response', 'We give 500 ml warm saline IV, started 23:59, and after this the pressure is 112/68.'),
    ).toBeUndefined();
    expect(promptOf('treatment_response', 'Gave fentanyl 50 mcg IV at 1410.', 'After that his wife arrived.')).toBe(asked);
    expect(
      promptOf('treatment_response', 'Gave aspirin 324 mg PO at 0240.', 'His wife says after that the pain was bad all day yesterday too.'),
    ).toBe(asked);
  });
});

describe('a complaint charted as its capital abbreviation ("SI w/ plan")', () => {
  const asked = 'Document the chief complaint.';
  it('reads "states SI w/ plan" and "HI toward his brother" as the complaint', () => {
    expect(promptOf('chief_complaint', '32 yo pt states SI w/ plan to OD on sertraline, calm, cooperative.')).toBeUndefined();
    expect(promptOf('chief_complaint', 'Pt endorses HI toward his brother, calm.')).toBeUndefined();
  });

  it('still asks when the abbreviation is denied, or is the word "si" or "hi"', () => {
    expect(promptOf('chief_complaint', '32 yo pt, denies SI, denies HI, calm.')).toBe(asked);
    expect(promptOf('chief_complaint', 'Pt says hi to us, calm, cooperative.')).toBe(asked);
    expect(promptOf('chief_complaint', 'Pt answers si to every question, calm.')).toBe(asked);
  });
});

describe('a spoken dispatch time after "called", and minutes later said of what the crew did', () => {
  it('asks for the dispatch time when someone other than the crew was called', () => {
    expect(promptOf('dispatch_time', 'Medical control was called at around three twenty for orders.')).toBe('Document the dispatch time.');
    expect(promptOf('dispatch_time', 'ALS was called at like two fifteen for an intercept.')).toBe('Document the dispatch time.');
    expect(promptOf('dispatch_time', 'Medic 6 was called at about four thirty for chest pain.')).toBeUndefined();
  });

  it('asks for the response when the patient was only moved or treated some minutes later', () => {
    const asked = "Document the patient's response to treatment.";
    expect(
      promptOf('treatment_response', 'Gave versed 5 mg IM at 2210.', 'About ten minutes later he was placed in soft restraints.'),
    ).toBe(asked);
    expect(promptOf('treatment_response', 'Gave epi 1 mg IV at 0230.', 'Two minutes later patient was intubated by my partner.')).toBe(
      asked,
    );
    expect(
      promptOf('treatment_response', 'Gave fentanyl 50 mcg IV at 1410.', 'After five minutes he was sedated and calm.'),
    ).toBeUndefined();
  });
});

describe('"SI" and "HI" charted as denied, or as other words', () => {
  const asked = 'Document the chief complaint.';
  it.each([
    'Pt found by police wandering downtown, denies SI/HI, A&Ox4, calm.',
    'Pt calm and cooperative, denies any SI, HI, or AVH.',
    'Pt A&Ox4, SI/HI negative, calm.',
    'Pt A&Ox4, SI: denies, HI: denies.',
    'Pt -SI -HI, calm and cooperative.',
    'Pt with hx of SI, currently denies, calm.',
    'Pt is visiting from HI, found on the floor of the hotel room.',
    'Pt answered SI when asked if he was OK, Spanish speaking only.',
  ])('asks: %s', (said) => {
    expect(promptOf('chief_complaint', said)).toBe(asked);
  });

  it('reads the abbreviation said as what the patient has', () => {
    expect(promptOf('chief_complaint', 'Pt endorses SI/HI, calm.')).toBeUndefined();
    expect(promptOf('chief_complaint', 'Pt reports active SI with a plan, calm.')).toBeUndefined();
  });
});

describe('a drug named by its brand and its generic side by side', () => {
  it.each([
    'Gave Toradol, ketorolac, 15 mg IV at 1040 for pain.',
    'Gave Toradol (ketorolac) 15 mg IV at 1040 for pain.',
    'Gave ketorolac aka Toradol 15 mg IV at 1040 for pain.',
    'Gave ondansetron (Zofran) 4 mg IV at 2321.',
    'Diphenhydramine, Benadryl, 25 mg IV at 1906.',
    'Gave Benadryl or diphenhydramine 50 mg IM at 1906.',
    'Versed, midazolam, 5 mg IN at 0412.',
  ])('reads one administration: %s', (said) => {
    expect(promptOf('treatment_dose', said)).toBeUndefined();
  });

  it.each([
    'A 20-gauge IV was placed in the right forearm, 25 grams of dextrose 10 percent (D10, 250 mL) IV was administered at 06:20, ' +
      'and a repeat glucose was 118 at 06:30.',
    'Gave dextrose 10% (D10) 250 mL IV at 0620.',
  ])('reads the concentration said with the first name as part of it: %s', (said) => {
    expect(promptOf('treatment_time', said)).toBeUndefined();
    expect(promptOf('treatment_dose', said)).toBeUndefined();
  });

  it('still asks when the two names are two givings', () => {
    expect(promptOf('treatment_dose', 'Gave Toradol at 1030, ketorolac 15 mg IV at 1040.')).toBe('Document the dose of: ketorolac.');
    expect(promptOf('treatment_dose', 'Gave Zofran IV at 1030.', 'Then ondansetron 4 mg IV at 1040.')).toBe(
      'Document the dose of: ondansetron.',
    );
  });
});

describe('a drug named again as what worked', () => {
  it.each([
    [
      'We gave epinephrine 0.25 mg IM at 1855.',
      'Within five minutes of the epi the wheezing was better, and after the neb he was moving good air.',
    ],
    ['Gave Zofran 4 mg IV at 2321.', 'After the Zofran kicked in, and after the IV fluids, nausea resolved.'],
    ['Fentanyl 50 mcg IV at 1410.', 'Since the fentanyl he is resting, moved to the cot and the IV taped.'],
    ['Nitro 0.4 mg SL at 1410.', 'Following that nitro the pain went to 3/10, we did a 12-lead, no IV yet.'],
    ['Albuterol 2.5 mg neb at 1410.', 'With the albuterol on board she was talking in sentences, neb mask off.'],
  ])('does not ask again: %s %s', (given, after) => {
    const asked = missingOf(given, after).map((m) => m.element);
    expect(asked).not.toContain('treatment_dose');
    expect(asked).not.toContain('treatment_time');
  });

  it('still asks of a second giving, or of a drug not given before', () => {
    expect(promptOf('treatment_dose', 'Nitro 0.4 mg SL at 1410.', 'Then we gave the nitro SL at 1415.')).toBe(
      'Document the dose of: nitroglycerin.',
    );
    expect(promptOf('treatment_dose', 'We gave him the epi neb at 1900.')).toBe('Document the dose of: epinephrine.');
  });
});

describe('a drug the sending facility gave', () => {
  it.each([
    'Sending gave calcium gluconate 1 g IV, insulin and D50 at 1250.',
    'Sending facility gave D50 at 1250 and Zofran.',
    'The ED gave him Zofran and morphine before we got there.',
    'ER had given fentanyl and ketamine prior to our arrival.',
    'Urgent care gave her a DuoNeb and Solu-Medrol.',
    'The clinic administered epi and Benadryl.',
  ])('is not the crew’s to dose: %s', (said) => {
    const n = missingOf('IFT from the sending hospital.', said, 'Albuterol 10 mg neb at 1342.', 'Tolerated well.');
    expect(n.map((m) => m.element)).not.toContain('treatment_dose');
  });

  it('takes the infusion it began, at its rate, as carried on', () => {
    const n = missingOf(
      'Dispatched at 1520 for a transfer.',
      'The sending facility administered a heparin bolus of 4,000 units IV at 1410.',
      'The heparin infusion was verified at 1,200 units per hour via IV pump.',
    );
    expect(n.map((m) => m.element)).not.toContain('treatment_time');
  });

  it('still asks of what the crew gave', () => {
    const n = missingOf('IFT from the sending hospital.', 'Sending gave calcium.', 'We gave D50 IV at 1342.', 'Tolerated well.');
    expect(n.find((m) => m.element === 'treatment_dose')?.prompt).toBe('Document the dose of: dextrose.');
    expect(promptOf('treatment_dose', 'Sent to the ED.', 'ED notified, we gave D50 IV at 1342.', 'Tolerated well.')).toBe(
      'Document the dose of: dextrose.',
    );
  });
});

describe("a combination's parts, said with it", () => {
  it.each([
    'We started a DuoNeb, albuterol 2.5 mg and ipratropium 0.5 mg by mask at 0403.',
    'DuoNeb (albuterol 2.5 mg / ipratropium 0.5 mg) via mask at 0403.',
    'DuoNeb of albuterol 2.5 mg and Atrovent 0.5 mg at 0403.',
  ])('take its route: %s', (said) => {
    expect(promptOf('treatment_route', said, 'Wheezes better after.')).toBeUndefined();
  });

  it('still asks without the combination named', () => {
    expect(promptOf('treatment_route', 'Albuterol 2.5 mg and ipratropium 0.5 mg by mask at 0403.', 'Wheezes better after.')).toBe(
      'Document the route of: albuterol.',
    );
    expect(promptOf('treatment_route', 'DuoNeb 3 mL at 0403, then albuterol 2.5 mg at 0415.', 'Wheezes better after.')).toBe(
      'Document the route of: albuterol.',
    );
  });
});

describe('"oxygen" said as the saturation read', () => {
  const vitals = 'BP 96/58, pulse 48, breathing 10';
  it.each([
    `${vitals}, oxygen we cannot read on the finger, we put on the ear and it is 93 percent.`,
    `${vitals}, oxygen is 93 percent.`,
    `${vitals}, oxygen level 93.`,
    `${vitals}, his oxygen was 93 percent on room air.`,
    `${vitals}, oxygen reading 91 % on the forehead probe.`,
  ])('is the SpO2, not a drug: %s', (said) => {
    const asked = missingOf(said).map((m) => m.element);
    expect(asked).not.toContain('vitals');
    expect(asked).not.toContain('treatment_dose');
    expect(asked).not.toContain('treatment_route');
  });

  it('still reads oxygen given, and still asks for a saturation never read', () => {
    expect(promptOf('treatment_dose', `${vitals}, SpO2 88%.`, 'Put him on oxygen via NRB at 0620, sats 94 percent after.')).toBe(
      'Document the dose of: oxygen.',
    );
    expect(promptOf('vitals', `${vitals}.`, 'Oxygen 15 L via NRB at 0620.')).toBe('Document a full set of vitals (missing: SpO2).');
    expect(promptOf('vitals', `${vitals}.`, 'Oxygen at 40 percent via venturi mask at 0620.')).toBe(
      'Document a full set of vitals (missing: SpO2).',
    );
  });
});

describe('a dispatch line with only the unit, the time and a bare address', () => {
  const asked = 'Document the nature of the call as dispatched.';
  const after = ['Code 3.', 'Pt on the floor, 34 yo M, A&Ox4.'];
  it.each([
    'Medic 3, 88 Kent St, dispatched 1410.',
    'Medic 9, 0540, 77 Larkspur Ct.',
    'Rescue 2 dispatched 0210, 1455 Old Mill Road.',
    'Unit 12, 19 Elm Street, 1830.',
    'Engine 4, 1201 West Washington Blvd, 0915.',
  ])('says no nature: %s', (said) => {
    expect(promptOf('dispatch_nature', said, ...after)).toBe(asked);
  });

  it.each([
    'Medic 3, 88 Kent St, for a fall, dispatched 1410.',
    'Medic 4 dispatched 1410, 2 car MVC on Main St.',
    'Medic 5, 1410, seizure at 12 Oak Lane.',
    'Medic 9, 0540, 77 Larkspur Ct, unresponsive diabetic.',
    'M3, 1:40 AM, SI, 220 Hollis Ave #5.',
    'Medic 2, 0315, OD, 14 Grant St.',
  ])('still reads the nature: %s', (said) => {
    expect(promptOf('dispatch_nature', said, ...after)).toBeUndefined();
  });
});

describe('the chief complaint charted after "CC"', () => {
  const asked = 'Document the chief complaint.';
  it.each([
    '58 yo M, CC AMS per wife, IDDM, on Lantus.',
    'CC: SOB x 2 days, hx COPD.',
    'Pt CC weakness and dizziness since noon.',
    'CC N/V/D since last night, A&Ox4.',
    'CC GLF, no LOC, A&Ox4.',
  ])('reads the complaint: %s', (said) => {
    expect(promptOf('chief_complaint', said)).toBeUndefined();
  });

  it.each(['Pt A&Ox4, IV 500 CC NS bolus.', 'Pt nonverbal, CC unknown, A&Ox1.', 'Pt A&Ox4, 10 cc flush given.'])(
    'still asks: %s',
    (said) => {
      expect(promptOf('chief_complaint', said)).toBe(asked);
    },
  );
});

describe('a repeat dose said without its time', () => {
  it.each([
    ['Epinephrine 1 mg IO at 0544, no change.', 'A second dose of epinephrine 1 mg IO was administered, no change.', 'epinephrine'],
    ['Nitro 0.4 mg SL at 1410.', 'Repeat nitro 0.4 mg SL, pain 3/10.', 'nitroglycerin'],
    ['Fentanyl 50 mcg IV at 1410.', 'Another 50 mcg fentanyl IV given, pain 4/10.', 'fentanyl'],
    ['Albuterol 2.5 mg neb at 1410.', 'Second albuterol 2.5 mg neb en route, improved.', 'albuterol'],
    ['Midazolam 5 mg IN at 0212.', 'Additional midazolam 2.5 mg IV, seizure stopped.', 'midazolam'],
  ])('is a giving of its own, asked when: %s %s', (first, again, drug) => {
    expect(promptOf('treatment_time', first, again)).toBe(`Document the time given of: ${drug}.`);
  });

  it('is not asked again with its time, nor its route', () => {
    expect(promptOf('treatment_time', 'Nitro 0.4 mg SL at 1410.', 'Repeat nitro 0.4 mg SL at 1415, pain 3/10.')).toBeUndefined();
    expect(promptOf('treatment_time', 'Epi 1 mg IO at 0544, second epi 1 mg IO at 0548, no change.')).toBeUndefined();
    expect(promptOf('treatment_route', 'Albuterol 2.5 mg neb at 1410.', 'Second albuterol 2.5 at 1422, improved.')).toBeUndefined();
  });
});

describe('a place of care the crew is going to', () => {
  it.each([
    'En route to the hospital given Zofran 4 mg IV for nausea.',
    'transporting to the er gave 4 mg zofran iv',
    'en route to ED administered fentanyl 50 mcg IN.',
    'transported to er started albuterol 2.5 mg neb',
    'Patient was brought to the hospital given the extent of injuries, TXA 1 g IV.',
    'ER doc gave verbal order, administered versed 5 mg IM.',
  ])('is not who gave the drug: %s', (said) => {
    expect(missingOf(said).map((m) => m.element)).toContain('treatment_time');
  });
});

describe('oxygen set toward a saturation', () => {
  it.each([
    'Oxygen titrated to 94 percent.',
    'Titrated oxygen to keep sats above 94 percent.',
    'Increased oxygen to 100 percent.',
    // Any form of the changing verb before "oxygen", as after it.
    'Titrating oxygen to 94 percent.',
    'Increasing oxygen to 100 percent.',
    'Weaning oxygen to 92 percent.',
    'Oxygen goal 94 percent.',
    'oxygen at 100 percent through the bag',
  ])('is oxygen given, asked its dose: %s', (said) => {
    expect(promptOf('treatment_dose', said)).toBe('Document the dose of: oxygen.');
  });
});

describe('"CC" that does not label a complaint', () => {
  it.each([
    'gave ten CC of saline flush',
    'Flushed line with twenty CC normal saline.',
    'Drew up a few CC of lidocaine.',
    'CC not obtained, pt nonverbal.',
    'CC: pt unable to state.',
    'CC deferred.',
    'CC Transport to Mercy requested.',
    'CC paramedic on board for the transfer.',
  ])('still asks the chief complaint: %s', (said) => {
    expect(promptOf('chief_complaint', said)).toBe('Document the chief complaint.');
  });
});

describe('"the" drug given again without its details', () => {
  it.each([
    ['Epi 0.3 mg IM at 1400.', 'No change, gave the epi again IM.'],
    ['Nitro 0.4 mg SL at 1400.', 'Still pain so I gave the nitro SL.'],
    ['Zofran 4 mg IV at 1400.', 'Vomited again, gave the Zofran IV.'],
    ['Fentanyl 50 mcg IV at 1400.', 'Partner pushed the fentanyl IV again for pain 9.'],
  ])('is asked its dose and time: %s %s', (given, again) => {
    const asked = missingOf(given, again).map((m) => m.element);
    expect(asked).toContain('treatment_dose');
    expect(asked).toContain('treatment_time');
  });
});

describe('a count and capitals that are the call, not a street', () => {
  it.each(['Medic 6, 1120, 2 Car MVC Main St.', 'Medic 6, 1120, 1 Vehicle Rollover Hwy 9.', 'Medic 3, 1410, 5 Story Fall Main St.'])(
    'is the nature: %s',
    (said) => {
      expect(promptOf('dispatch_nature', said)).toBeUndefined();
    },
  );
});

describe('a clock time left after "and" at the end of a run-on piece', () => {
  it('dates the first drug of the next piece', () => {
    expect(
      promptOf(
        'treatment_time',
        'medic 30 dispatched at 0902 for a runner down we went lights and sirens',
        'cold water immersion for ten minutes then ice packs to the groin and at 0925',
        'started a liter of cold saline through an 18 in the left ac',
      ),
    ).toBeUndefined();
  });

  it('does not date it when the time is said of the piece before ("neb at 2133 | …")', () => {
    expect(
      promptOf(
        'treatment_time',
        'medic 30 dispatched at 0902 for wheezing we went lights and sirens',
        'albuterol neb at 2133',
        'started a liter of cold saline through an 18 in the left ac',
      ),
    ).toBeDefined();
  });
});

describe('a clock time left after "and then" that is not a drug\'s', () => {
  it('does not date a drug the next piece names later, after what the crew did then', () => {
    expect(
      promptOf(
        'treatment_time',
        'medic 30 dispatched at 0902 for chest pain we went lights and sirens',
        'pt was given aspirin 324 po at 1400 and then at 1410',
        'we arrived at mercy and the pt was given morphine 4 mg iv',
      ),
    ).toBeDefined();
  });
});

describe('a drug carried on, "continued" said last in its line', () => {
  it.each(['O2 2 L NC continued.', 'Oxygen at 2 liters by nasal cannula maintained.', 'Home O2 2 L NC continued, SpO2 96%.'])(
    'is not asked the time it was given: %s',
    (said) => {
      expect(promptOf('treatment_time', 'IFT from Pine County ED, resp non-emergent.', said, 'Transported to UMC.')).toBeUndefined();
    },
  );

  it.each(['Epi 1 mg IO and compressions continued.', 'Gave fentanyl 50 mcg IV and pain continued.'])(
    'still asks the time when something else continued: %s',
    (said) => {
      expect(promptOf('treatment_time', 'Pt in arrest.', said, 'Transported emergent.')).toMatch(/^Document the time given of/);
    },
  );

  it('still asks the time of a giving that is then continued ("O2 2 L NC applied, continued en route")', () => {
    expect(promptOf('treatment_time', 'Fall at home.', 'O2 2 L NC applied, continued en route.', 'Transported to UMC.')).toBe(
      'Document the time given of: oxygen.',
    );
  });
});

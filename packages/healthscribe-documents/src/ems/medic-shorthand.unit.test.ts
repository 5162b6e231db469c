import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';

/**
 * More of the ways medics chart: dispatch, response and arrival lines without the usual verbs,
 * hand-offs said as "TOC", ages and sexes said as "61M", interventions and responses without a
 * verb, unlabelled vitals lists, times written after the route.
 */
const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const ctx = (...sentences: string[]) => Object.fromEntries(facts(...sentences).context.map((c) => [c.type, c.value]));
const phase = (sentence: string) => classifySegment('s1', sentence, facts(sentence));

describe('dispatch, response and arrival without the usual verbs', () => {
  it('reads dispatch lines that say "sent for", "dispatch" as a noun, "request received", or the nature first', () => {
    for (const [s, nature] of [
      ['Sent for a motorcycle down on Route 9.', 'motorcycle down'],
      ['0605 dispatch, unknown problem, man in a bus shelter.', 'unknown problem'],
      ['Interfacility request received 1505, Valley General ICU to University Hospital.', 'Interfacility'],
      ['Overdose, dispatched 2140.', 'Overdose'],
      ['Lift assist at 0615, Medic 4 and Engine 2.', 'Lift assist'],
    ] as const) {
      expect(phase(s), s).toBe('dispatch');
      expect(ctx(s).DISPATCH_NATURE, s).toBe(nature);
    }
    expect(facts('0605 dispatch, unknown problem.').times.map((t) => t.clock)).toEqual(['06:05']);
    expect(facts('Lift assist at 0615, Medic 4 and Engine 2.').times.map((t) => t.clock)).toEqual(['06:15']);
    // A unit named after the time is not the nature of the call.
    expect(ctx('Fall w/ syncope, dispatched 1544, Medic 14.').DISPATCH_NATURE).toBe('Fall w/ syncope');
  });

  it('reads a call sign opening the line with "to" or "for" as the dispatch, even with the response mode after it', () => {
    for (const s of ['M4 to MVC Hwy 12 at Pine Rd, priority 2 response.', 'Medic 9, to a fall at 40 Oak Ave, code 3 response.'])
      expect(phase(s), s).toBe('dispatch');
    // Not a call sign said later in the line, nor a unit transporting.
    expect(phase('Priority 1 response, Engine 4 to assist.')).toBe('response');
    expect(phase('Medic 9 transported to Mercy, code 3.')).toBe('transport');
    // A line that goes on to the arrival is where the unit got to; an address after the call sign is no nature.
    expect(phase('Medic 3 to 412 Birch Lane, on scene 0805.')).toBe('arrival');
    expect(ctx('Medic 3 to 412 Birch Lane for a fall.').DISPATCH_NATURE).toBe('fall');
    // The unit's radio call to the hospital or base is the transport or its end, and names no dispatch nature.
    expect(phase('Unit 3 to base, back in service at 1540.')).not.toBe('dispatch');
    expect(phase('Medic 6 to Regional, patient condition unchanged.')).not.toBe('dispatch');
    for (const s of ['Medic 5 to County General, priority 2, patient stable, ETA 10 minutes.', 'M21 to Mercy emergent with one patient.'])
      expect(ctx(s).DISPATCH_NATURE, s).toBeUndefined();
  });

  it('reads the patient "ambulatory on scene" in a description of the patient as the assessment, not the arrival', () => {
    expect(phase('Pt 52 yo M, unrestrained passenger, ambulatory on scene, c/o neck pain.')).not.toBe('arrival');
    expect(phase('Pt 60 yo F, walking on scene, denies complaints.')).not.toBe('arrival');
    // Found so, or the crew on scene, is still the arrival.
    expect(phase('Pt found ambulatory on scene, PD present.')).toBe('arrival');
    expect(phase('On scene at 1412, pt sitting in the car.')).toBe('arrival');
    expect(phase('We were walking on scene at 1402.')).toBe('arrival');
  });

  it('reads what the scene showed on its ground or floor ("a lot of blood on the asphalt") as the arrival scene', () => {
    expect(phase("There's a lot of blood on the kitchen floor, like a lot.")).toBe('arrival');
    expect(phase('There was broken glass all over the road.')).toBe('arrival');
    // Blood from a wound, or on the patient, is a finding.
    expect(phase('There is blood coming from his left ear.')).not.toBe('arrival');
    expect(phase('There was blood on his shirt from the nosebleed.')).not.toBe('arrival');
    expect(phase('There is blood on the floor from the scalp laceration.')).not.toBe('arrival');
    expect(phase('There is a lot of blood on the ground under his leg.')).not.toBe('arrival');
  });

  it('reads response lines said as traffic, "ran hot" or an upgrade', () => {
    for (const [s, mode] of [
      ['Emergency traffic.', 'emergent'],
      ['We ran hot.', 'emergent'],
      ['Upgraded to emergent en route.', 'emergent'],
    ] as const) {
      expect(phase(s), s).toBe('response');
      expect(ctx(s).RESPONSE_MODE, s).toBe(mode);
    }
  });

  it('reads arrival lines that open with where the crew got to and when', () => {
    for (const s of [
      'Onscene 1155, pt seated at the kitchen table, pale and sweaty.',
      "At patient 1243, 8 yo boy in the nurse's office with hives.",
      'At the park 1548, child sitting on the mulch holding her left wrist.',
      'At the dialysis center 1552, pt in a wheelchair, staff with her.',
      'At Valley General 1530, pt in ICU bed 4, report from the primary RN.',
      '0259 at pt side, bystander CPR in progress, pt prone in the garage.',
    ])
      expect(phase(s), s).toBe('arrival');
  });
});

describe('transport and hand-off in short forms', () => {
  it('reads "<mode> traffic to <facility>" as the transport with its destination', () => {
    expect(phase('Routine traffic to General Hospital.')).toBe('transport');
    expect(ctx('Routine traffic to General Hospital.').DESTINATION).toBe('General Hospital');
    expect(ctx('Emergency traffic to Memorial, cath lab activated from the field.').DESTINATION).toBe('Memorial');
  });

  it('reads "TOC" and "transferred to … staff" as the hand-off, with the condition said there', () => {
    for (const [s, condition] of [
      ['TOC ED RN 1224, pt unchanged.', 'unchanged'],
      ['TOC 0650 to ED charge nurse, improving.', 'improving'],
      ['Transferred to trauma bay staff 1725, stable.', 'stable'],
      ['Care to peds ED nurse at 2010, child sleepy but arousable.', 'sleepy but arousable'],
      ['Handed off to ED RN 1052, pt in NSR, feels better.', 'feels better'],
      ['Care to the ED physician at 0331, pulses present, not following commands.', 'pulses present'],
    ] as const) {
      expect(phase(s), s).toBe('transport');
      expect(ctx(s).CONDITION_AT_TRANSFER, s).toBe(condition);
    }
  });

  it('finds the destination after "called report to" and in "from <facility> to <facility>"', () => {
    expect(ctx('Called report to University Hospital, transported emergent.').DESTINATION).toBe('University Hospital');
    expect(ctx('Interfacility psych transfer, dispatched 0830 from Mercy ED to Oak Ridge Behavioral.').DESTINATION).toBe(
      'Oak Ridge Behavioral',
    );
  });

  it('reads a refusal said with the object first', () => {
    expect(ctx('Offered transport, she declined, capacity intact.').REFUSAL).toBeDefined();
    expect(ctx('Refusal signed 0641, told to call 911 if anything changes.').REFUSAL).toBeDefined();
  });
});

describe('age and sex in charting shorthand', () => {
  it('reads "61M", "57 M", "66 F", "Male, 60s" and "Male, roughly 30"', () => {
    for (const [s, age, sex] of [
      ['61M, substernal pressure x 40 min.', '61 years', 'male'],
      ['57 M, hx cirrhosis.', '57 years', 'male'],
      ['66 F, passed out after her run.', '66 years', 'female'],
      ['Male, 60s, mumbling, says he is cold.', '60 years', 'male'],
      ['Male, roughly 30, unresponsive to pain.', '30 years', 'male'],
    ] as const) {
      expect(ctx(s).PATIENT_AGE, s).toBe(age);
      expect(ctx(s).PATIENT_SEX, s).toBe(sex);
    }
    // A distance is not an age and sex.
    expect(ctx('Fell about 3 m from a ladder.').PATIENT_AGE).toBeUndefined();
  });
});

describe('interventions and responses without a verb', () => {
  it('reads terse interventions as crew treatment', () => {
    for (const s of [
      'Shock 200 J at 0300.',
      'Two large-bore IVs, 1 L NS wide open at 0425.',
      'Monitored continuously en route, MAP stayed above 65.',
      'Monitored en route, pt calm throughout.',
      'Assisted back to bed by two crew members.',
    ])
      expect(phase(s), s).toBe('treatment');
    expect(facts('Two large-bore IVs, 1 L NS wide open at 0425.').medications.map((m) => m.name)).toEqual(['normal saline']);
  });

  it('reads responses said without the usual words as the response to treatment', () => {
    for (const s of [
      'Nausea settled after the Zofran.',
      'Pain 8 down to 5.',
      'Wheezing cleared and swelling down 10 min after the epi.',
      'Breathing on his own two minutes later, RR 14, SpO2 95%.',
      'Cap refill brisk after splinting, pain four out of ten.',
    ]) {
      expect(ctx(s).TREATMENT_RESPONSE, s).toBeDefined();
      expect(phase(s), s).toBe('treatment');
    }
  });

  it('takes a time written after the route as the time given, and a bare number after the drug as its dose', () => {
    for (const [s, clock] of [
      ['Zofran 4 mg ODT 1418.', '14:18'],
      ['Epi 1 mg IO 0302, amio 300 mg IO 0306.', '03:02'],
      ['Adenosine 6 mg rapid IVP 1026, converted briefly.', '10:26'],
      ['Epi 0.3 mg IM R thigh 1245.', '12:45'],
      ['ASA 324 PO chewed 1158.', '11:58'],
    ] as const)
      expect(facts(s).medications[0]?.clock, s).toBe(clock);
    expect(facts('Epi 1 mg IO 0302, amio 300 mg IO 0306.').medications.map((m) => m.clock)).toEqual(['03:02', '03:06']);
    expect(facts('ASA 324 PO chewed 1158.').medications[0]?.dose?.text).toBe('324');
    expect(facts('NTG 0.4 SL x2, 5 min apart.').medications[0]?.dose?.text).toBe('0.4');
    // A year is not a time.
    expect(facts('Took aspirin in 2019.').times).toEqual([]);
  });
});

describe('vitals as an unlabelled list', () => {
  it('reads "VS 158/92, 96, 20, 95% RA" as BP, HR, RR and SpO2', () => {
    expect(facts('VS 158/92, 96, 20, 95% RA.').vitals.map((v) => [v.kind, v.value])).toEqual([
      ['bp', '158/92'],
      ['hr', '96'],
      ['rr', '20'],
      ['spo2', '95'],
    ]);
  });
});

describe('run-on speech: where a statement can and cannot end', () => {
  const split = (text: string) => splitSentences(text);
  it('never cuts after an article, a pronoun and its verb, or a verb that needs an object', () => {
    const pieces = split(
      'engine 4 sent at 0722 for an unresponsive diabetic we went lights and sirens arrived 0730 patient found on the couch ' +
        'wife says he took his insulin he is 54 years old male glucose 38 started an IV 20 gauge left forearm gave D10 250 ml IV ' +
        'at 0736 recheck sugar 121',
    );
    expect(pieces).toContain('we went lights and sirens');
    expect(pieces.some((p) => p.startsWith('he is 54 years old male'))).toBe(true);
    expect(pieces).toContain('started an IV 20 gauge left forearm');
    expect(pieces).toContain('gave D10 250 ml IV at 0736');
    expect(pieces).toContain('recheck sugar 121');
  });

  it('cuts before a response mode, findings of an obvious death, medical control and the disposition', () => {
    const pieces = split(
      'medic 3 toned out 0512 cardiac arrest at the senior apartments emergent response on scene 0519 found a 79 year old male ' +
        'on the floor cold to touch with lividity asystole in two leads no resuscitation attempted family showed us his DNR ' +
        'medical control contacted at 0526 pronounced at 0527 left in the care of the police department',
    );
    expect(pieces).toEqual([
      'medic 3 toned out 0512 cardiac arrest at the senior apartments',
      'emergent response',
      'on scene 0519 found a 79 year old male on the floor',
      'cold to touch with lividity',
      'asystole in two leads',
      'no resuscitation attempted',
      'family showed us his DNR',
      'medical control contacted at 0526 pronounced at 0527',
      'left in the care of the police department',
    ]);
  });
});

describe('words that look like a drug but are not one', () => {
  it('reads a saline lock as IV access, not a saline infusion, and an IV line in the plural as the IV route', () => {
    expect(facts('18g L AC, saline lock.').medications).toEqual([]);
    expect(facts('Two large-bore IVs, 1 L NS wide open at 0425.').medications[0]?.routeCode).toBe('IV');
  });

  it('reads a volume given as what a response followed, and a condition "at transfer"', () => {
    expect(ctx('BP up to 104/66 after 600 ml.').TREATMENT_RESPONSE).toBeDefined();
    expect(ctx('Pt remained pale but alert at transfer to ED team 0450.').CONDITION_AT_TRANSFER).toBe('alert');
    expect(facts('Interfacility request received 1505, Valley General ICU to University Hospital.').times.map((t) => t.clock)).toEqual([
      '15:05',
    ]);
  });
});

describe('an obvious death', () => {
  it('reads "cold to touch" as a finding and "no resuscitation attempted" as the decision not to treat', () => {
    expect(phase('cold to touch with lividity and rigor in the jaw')).toBe('history');
    expect(ctx('Cold to the touch, mottled.').RESPONSE_MODE).toBeUndefined();
    expect(ctx('no resuscitation attempted').NO_TREATMENT).toBeDefined();
    expect(phase('no resuscitation attempted')).toBe('treatment');
  });
});

describe('a decision not to resuscitate said with the disposition', () => {
  it('is the disposition', () => {
    expect(phase('No resuscitation was started, and the patient was released to the medical examiner.')).toBe('transport');
  });
});

describe('sentences that open with a lower-case device name', () => {
  it('splits before "i-gel" and "ez-io" as before a capital', () => {
    expect(splitSentences('Epi 1 mg IO 0302. i-gel size 4, ETCO2 32. ez-io L humeral head.')).toEqual([
      'Epi 1 mg IO 0302.',
      'i-gel size 4, ETCO2 32.',
      'ez-io L humeral head.',
    ]);
  });
});

describe('more terse charting', () => {
  it('reads "TCP" as transcutaneous pacing', () => {
    expect(facts('TCP on 0915, rate 80, capture at 70 mA.').procedures.map((p) => p.name)).toContain('pacing');
  });
});

describe('the sex charted as a lone letter, without the age', () => {
  it.each([
    ['Pt F in driveway, towel wrapped L forearm.', 'female'],
    ['Pt M, A&Ox4, sitting on the curb.', 'male'],
    ['Patient is F, ambulatory at scene.', 'female'],
    ['Pt: M, CC chest pain.', 'male'],
    ['M, ESRD, missed HD x2, CC weakness.', 'male'],
    ['On scene 1520. F, found supine, GCS 14.', 'female'],
  ])('reads %s', (said, sex) => {
    expect(ctx(said).PATIENT_SEX).toBe(sex);
  });

  it.each([
    'Pt F/U with PCP in 2 days.',
    'Pt M.R. Jones found in the yard.',
    'Vitamin D, F, and calcium supplements in the home.',
    'Pt F-O-S-T-E-R spelled for the chart.',
    'Pt MAE x4, no deficits.',
  ])('leaves alone: %s', (said) => {
    expect(ctx(said).PATIENT_SEX).toBeUndefined();
  });
});

describe('the age said in years without "old"', () => {
  it.each([
    ['Señora Inés Muñoz, female, 45 years, she say the pain start yesterday.', '45 years'],
    ['Patient is male, 60 years, complains of chest pain.', '60 years'],
    ['Patient 45 years, female, abdominal pain.', '45 years'],
    ['Pt, 81 years, found on the floor.', '81 years'],
    ['She have 45 years, the pain start yesterday.', '45 years'],
    ['He has 72 years and lives alone.', '72 years'],
    ['Patient is a female of about 75 years, found confused in her chair.', '75 years'],
    ['The patient is a woman of 82 years.', '82 years'],
    ['We found a man of roughly 40 years, lying in the alley.', '40 years'],
  ])('reads %s', (said, age) => {
    expect(ctx(said).PATIENT_AGE).toBe(age);
  });

  it.each([
    'The pain started 3 years ago, female patient.',
    'Female, smoker for 20 years, chest pain.',
    'Male, 45 years of smoking, chest pain.',
    'She has 2 years of sobriety, no drugs today.',
    'Patient of Dr. Lee for 10 years, chest pain.',
    'He has 5 years left on his lease.',
    'A smoker of about 30 years, she has COPD.',
    'Wife of 30 years says he was fine at dinner.',
  ])('leaves alone: %s', (said) => {
    expect(ctx(said).PATIENT_AGE).toBeUndefined();
  });
});

describe('years said as how long, beside the patient', () => {
  it.each([
    'she have 10 years with the diabetes, sugar is 40',
    'he has 3 years with this pain in the back',
    'Patient 5 years with dialysis, missed today.',
    'He has 5 years with the cancer and chemo.',
    'he has 2 years, since his stroke he walks with cane',
  ])('is not the age: %s', (said) => {
    expect(ctx(said).PATIENT_AGE).toBeUndefined();
  });
});

describe('a capital letter that is not the sex', () => {
  it.each(['Patient M Jones found down in the kitchen.', 'Grip strength 5/5. M, Equal bilaterally.'])(
    'leaves the sex unsaid: %s',
    (said) => {
      expect(ctx(said).PATIENT_SEX).toBeUndefined();
    },
  );
});

// An estimated age said of someone named before it ("her husband, a man of about 70 years") is that person's, not the
// patient's: only the patient's own phrase ("patient is a man of about 60 years", "found a woman of about 75 years") reads.
describe('an estimated age said of someone other than the patient', () => {
  it.each([
    'Her husband, a man of about 70 years, is the caller. Patient is unresponsive.',
    'The caller, a woman of about 40 years, states her father fell.',
    'Bystander, a female of approximately 25 years, started CPR. Patient is pulseless.',
    'The driver of the other car, a man of around 30 years, refused care.',
    'Patient says the man of about 40 years who hit her ran off.',
    'A man of about 40 years hit her, patient states.',
  ])('leaves alone: %s', (said) => {
    expect(ctx(said).PATIENT_AGE).toBeUndefined();
  });
  it("keeps the child's own age over the mother's estimate", () => {
    expect(ctx('Mother, a woman of maybe 25 years, says the child had a seizure. Child is 2 years old.').PATIENT_AGE).toBe('2 years');
  });
  it.each([
    ['Unknown male of roughly 30 years lying in the alley.', '30 years'],
    ['Patient appears to be a female of maybe 20 years, intoxicated.', '20 years'],
    ['Found a lady of an estimated 90 years on the bathroom floor.', '90 years'],
  ])("still reads the patient's: %s", (said, age) => {
    expect(ctx(said).PATIENT_AGE).toBe(age);
  });
});

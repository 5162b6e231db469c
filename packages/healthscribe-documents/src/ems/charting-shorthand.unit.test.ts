import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';

/**
 * Medic shorthand: terse dispatch/response/arrival lines, interventions named without a verb or
 * outside the word lists, ages and conditions said in short forms.
 */
const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const ctx = (...sentences: string[]) => Object.fromEntries(facts(...sentences).context.map((c) => [c.type, c.value]));
const phase = (sentence: string) => classifySegment('s1', sentence, facts(sentence));

describe('terse dispatch, response and arrival lines', () => {
  it('reads a dispatch line with a bare time, with or without "for"', () => {
    for (const s of [
      'Called 0905 for abdominal pain.',
      'Medic 11 toned at 1515 for a man down.',
      'Engine 4 toned 0408 for CPR in progress.',
      'Medic 3 sent at 1610 to the high school for a seizure.',
      'Dispatched 1902 allergic reaction at a diner.',
    ]) {
      expect(phase(s), s).toBe('dispatch');
      expect(ctx(s).DISPATCH_NATURE, s).toBeDefined();
    }
    expect(ctx('Dispatched 1902 allergic reaction at a diner.').DISPATCH_NATURE).toBe('allergic reaction');
    expect(facts('Called 0905 for abdominal pain.').times.map((t) => t.clock)).toEqual(['09:05']);
    // A pre-alert is not a dispatch.
    expect(phase('Stroke alert called to the receiving hospital.')).not.toBe('dispatch');
  });

  it('reads a response line that is only a mode', () => {
    for (const [s, mode] of [
      ['Code 3.', 'emergent'],
      ['Priority 1 lights and sirens.', 'emergent'],
      ['Hot response.', 'emergent'],
      ['Non-emergent.', 'non-emergent'],
      ['Emergent.', 'emergent'],
      ['Lights and sirens.', 'emergent'],
      ['Priority 3, no lights.', 'non-emergent'],
      ['Responded cold.', 'non-emergent'],
      ['Non-emergent, staged for PD.', 'non-emergent'],
    ] as const) {
      expect(phase(s), s).toBe('response');
      expect(ctx(s).RESPONSE_MODE, s).toBe(mode);
    }
  });

  it('reads a mode followed by a facility as the transport, with its destination', () => {
    for (const s of [
      'Code 3 to University Hospital.',
      'Priority 1 to Regional Trauma Center, trauma alert called.',
      'Emergent to Good Samaritan Hospital.',
    ]) {
      expect(phase(s), s).toBe('transport');
      expect(ctx(s).DESTINATION, s).toBeDefined();
    }
  });

  it('reads an arrival line led by "Arrival <time>", "At bedside" or "Pt found"', () => {
    for (const s of [
      'Arrival 2259, car on its side in the ditch.',
      'At bedside 1320, report from the sending nurse.',
      'Pt found supine in the hallway.',
      'Patient found prone next to the bed.',
    ])
      expect(phase(s), s).toBe('arrival');
  });

  it('keeps what a relative or staff found before EMS in the history', () => {
    expect(phase('Husband found her on the floor, last seen normal at 2200.')).not.toBe('arrival');
    expect(phase('Staff states she was found on the floor at 0300.')).not.toBe('arrival');
  });
});

describe('interventions outside the word lists', () => {
  it('places terse procedure lines under treatment', () => {
    for (const s of [
      'Pelvis stabilized with a sheet.',
      'Full SMR with c-collar.',
      'IO right proximal tibia.',
      'Two large bore IVs, 16 ga bilateral AC.',
      'Jaw thrust, NPA left nare, BVM at 12 a minute.',
      'Pads on, transcutaneous pacing at 60, 70 milliamps, capture at 1102.',
      'Tarp assisted cooling with ice water started 1527.',
      'Clothing removed, ice packs to the groin.',
      '12-lead obtained at 0549 and transmitted.',
      'Continuous cardiac monitoring en route.',
      'Wound irrigated and dressed.',
      'OPA placed.',
    ]) {
      expect(phase(s), s).toBe('treatment');
    }
    // A 12-lead reading is a finding.
    expect(phase('12-lead shows sinus tach, no ST elevation.')).toBe('exam');
  });

  it('reads NS and LR as fluids (IV unless an IO is said), ODT as oral, a bolus or a gauge with a site as IV', () => {
    const f = facts(
      'NS 500 mL bolus at 0641.',
      'LR 1 liter at 0650.',
      'Ondansetron 4 mg ODT at 0925.',
      'Normal saline 1 liter wide open via 18 ga left AC at 1530.',
      'LR 250 mL via the IO at 0702.',
    );
    expect(f.medications.map((m) => [m.name, m.routeCode])).toEqual([
      ['normal saline', 'IV'],
      ['normal saline', 'IV'],
      ['ondansetron', 'PO'],
      ['normal saline', 'IV'],
      ['normal saline', 'IO'],
    ]);
  });

  it('does not count medications given by a sending facility', () => {
    expect(facts('Loaded with aspirin and heparin at the sending facility.').medications).toEqual([]);
  });

  it('reads a response to treatment in either order, and a reassessment value after a named treatment', () => {
    for (const s of [
      'BP improved to 96/58 after the bolus.',
      'Pain 4/10 after ketamine.',
      'Post decompression SpO2 up to 92%.',
      'Work of breathing much better, SpO2 up to 94%.',
      'Pt woke up about two minutes after Narcan.',
      'Rhythm remained asystole throughout.',
    ]) {
      expect(ctx(s).TREATMENT_RESPONSE, s).toBeDefined();
    }
  });

  it('does not read a relief reported from before EMS as a crew treatment', () => {
    expect(phase('Eight year old boy, used his inhaler twice with no relief per his mother.')).not.toBe('treatment');
  });
});

describe('short forms of age, vitals and condition at transfer', () => {
  it('reads an age said as "58 años", "Pt is 91", "he is 45" or "Driver, 29"', () => {
    expect(ctx('Señora Ruiz, 58 años, diabetic.').PATIENT_AGE).toBe('58 years');
    expect(ctx('Pt is 91, lives alone.').PATIENT_AGE).toBe('91 years');
    expect(ctx('Wife states he is 45 and has epilepsy.').PATIENT_AGE).toBe('45 years');
    expect(ctx('Driver, 29, restrained.').PATIENT_AGE).toBe('29 years');
    expect(ctx('Staff states pt is eighty eight.').PATIENT_AGE).toBe('88 years');
    // A name introduced and then the number set off after it.
    expect(ctx('Patient is Tyler Hemsworth, 27, male, tells us he wants to die.').PATIENT_AGE).toBe('27 years');
    expect(ctx("So she's Eleanor Vance, 84, says she slid off the bed.").PATIENT_AGE).toBe('84 years');
    // A driver or passenger introduced by name when the call has several (round 15).
    expect(ctx('First driver is Gloria Pham, 74, she was the one backing up.').PATIENT_AGE).toBe('74 years');
    expect(ctx('The passenger is Omar Díaz, 19, he has a cut on his chin.').PATIENT_AGE).toBe('19 years');
    // Numbers that are not ages.
    expect(ctx('Patient is on Elm Street, 4, the blue house.').PATIENT_AGE).toBeUndefined();
    expect(ctx('Pt is 40 minutes post ingestion.').PATIENT_AGE).toBeUndefined();
    expect(ctx('Pt in bed in room 214.').PATIENT_AGE).toBeUndefined();
  });

  it('reads an infant\'s age with the month or week abbreviated, "11 mo old", "3 wk old", as months and weeks', () => {
    expect(ctx("On arr 11 mo old in mom's arms, crying, pink.").PATIENT_AGE).toBe('11 months');
    expect(ctx('Pt is a 9-mos-old female, fussy.').PATIENT_AGE).toBe('9 months');
    expect(ctx('3 wk old male, poor feeding.').PATIENT_AGE).toBe('3 weeks');
    expect(ctx('Dispatched at 0545 for a 6 wk old with fever.').PATIENT_AGE).toBe('6 weeks');
    // Said anywhere else of the infant the call is for (review of 1.38.0).
    for (const [said, age] of [
      ['Mom states the 9 mo old rolled off the couch.', '9 months'],
      ['Baby is a 4 mo old with cough.', '4 months'],
      ['Caller reports 6 wk old not breathing right.', '6 weeks'],
      ["On scene, a 15 mo old seizing in mom's arms.", '15 months'],
      ['Dad reports 8 mo old has had diarrhea for 3 days.', '8 months'],
      ['Pt is 8 mos old. Fever 103.', '8 months'],
    ] as const)
      expect(ctx(said).PATIENT_AGE, said).toBe(age);
    // Not a span of time: "6 mo ago", "2 wks post op".
    expect(ctx('Knee surgery 6 mo ago, 2 wks post op on the other side.').PATIENT_AGE).toBeUndefined();
    // Not someone else's child, nor a thing's age.
    for (const said of [
      'She delivered her 2 wk old son at home.',
      'She has a 3 mo old at home and has not slept well.',
      "Pt's bruise on the hip looks about 2 wk old.",
      'Cut to the hand from a 1 wk old cast that she tried to remove.',
      'He said his insulin pen is 2 mo old and may be expired.',
      'He has a 2 wk old fracture of the wrist in a cast.',
      "Pt's 6 mo old medication bottle was empty.",
      'Her sutures are 2 wk old.',
      'Female complaining of chest pain, mother of a 2 mo old.',
      'Postpartum female, mother of a 3 wk old, with heavy bleeding.',
    ])
      expect(ctx(said).PATIENT_AGE, said).toBeUndefined();
  });

  it('reads a dose said in litres or millilitres, the British and Canadian spelling, as its dose', () => {
    const meds = facts('We give the oxygen 4 litres with nasal cannula at 2130, and normal saline 250 millilitres IV at 2134.').medications;
    expect(meds.map((m) => [m.name, m.dose?.text])).toEqual([
      ['oxygen', '4 litres'],
      ['normal saline', '250 millilitres'],
    ]);
    expect(facts('Oxygen 2 litres per minute by cannula.').medications.map((m) => m.dose?.text)).toEqual(['2 litres per minute']);
  });

  it('reads P and R as pulse and respirations in a vitals list', () => {
    expect(facts('BP 118/76, P 96, R 18, SpO2 99%.').vitals.map((v) => v.kind)).toEqual(['bp', 'hr', 'rr', 'spo2']);
  });

  it('reads the condition in a hand-off sentence in any wording', () => {
    for (const s of [
      'Care to ED RN, pt alert and stable.',
      'Report to the charge RN, pt resting comfortably, no change.',
      'At turnover pt GCS 13 and improving.',
      'Care to the stroke team at 1106, deficits unchanged.',
      'Handed off to triage, condition unchanged.',
      'Care to ED physician at 0702, pt in guarded condition.',
    ]) {
      expect(ctx(s).CONDITION_AT_TRANSFER, s).toBeDefined();
      expect(ctx(s).TRANSFER_OF_CARE, s).toBeDefined();
    }
    expect(ctx('Care was transferred to the ED nurse.').CONDITION_AT_TRANSFER).toBeUndefined();
  });

  it('reads a destination named without the word hospital after a transport verb or "arrived"', () => {
    expect(ctx('Transported cold to Baptist East.').DESTINATION).toBe('Baptist East');
    expect(ctx('Arrived St. Vincent 1412, report to the cath lab RN.').DESTINATION).toBe('St. Vincent');
  });

  it('knows that a terminated resuscitation is not transported', () => {
    expect(ctx('Efforts terminated at 0438 per medical control.').NO_TRANSPORT).toBeDefined();
    expect(ctx('Pt left in the care of PD pending the medical examiner.').NO_TRANSPORT).toBeDefined();
    expect(phase('Medical control contacted at 0436, efforts terminated at 0438.')).toBe('transport');
  });
});

describe('run-on speech', () => {
  it('cuts before an age phrase, a crew action and a terse line placement', () => {
    const pieces = splitSentences(
      'on scene 1521 pt found sitting on a chair by the door 66 year old female states she felt dizzy blood ' +
        'pressure 102 over 64 heart rate 58 IV 20 gauge left hand normal saline 250 ml bolus at 1530 bandaged ' +
        'the skin tear transported to Mercy Hospital',
    );
    expect(pieces).toEqual([
      'on scene 1521 pt found sitting on a chair by the door',
      '66 year old female states she felt dizzy',
      'blood pressure 102 over 64 heart rate 58',
      'IV 20 gauge left hand',
      'normal saline 250 ml bolus at 1530',
      'bandaged the skin tear',
      'transported to Mercy Hospital',
    ]);
  });
});

describe('more shorthand: field delivery, bagging, spoken decimals, posture arrivals', () => {
  it('places the steps of a field delivery and bagging under treatment', () => {
    for (const s of [
      'Delivered a baby boy at 0412 over an intact perineum.',
      'Cord clamped and cut at 0414.',
      'Placenta delivered at 0425, fundal massage.',
      'Bagged with an NPA and 15 liters O2.',
    ])
      expect(phase(s), s).toBe('treatment');
    expect(facts('Bagged with an NPA and 15 liters O2.').medications.map((m) => m.name)).toEqual(['oxygen']);
  });

  it('keeps post-ROSC vitals in the assessment', () => {
    expect(phase('Post ROSC BP 100/60, HR 90, SpO2 94%.')).toBe('exam');
  });

  it('reads where the patient was as the arrival, and moving the patient as transport', () => {
    for (const s of [
      'Pt standing outside the store, holding his arm.',
      'Child sitting on the curb with his father.',
      'At the door 1401, son let us in.',
    ])
      expect(phase(s), s).toBe('arrival');
    expect(phase('Assisted to the stair chair, then the cot.')).toBe('transport');
  });

  it('reads "She\'s eighty-eight", a time after "started" and "handed over" with a condition', () => {
    expect(ctx("She's eighty-eight, weak for two days.").PATIENT_AGE).toBe('88 years');
    expect(facts('Normal saline 2 liters wide open started 0628.').medications[0]?.clock).toBe('06:28');
    expect(ctx('Pt handed over to ED team, BP improved.').CONDITION_AT_TRANSFER).toBe('improved');
  });

  it('reads spoken decimals and cuts a run-on before a dose said in words', () => {
    expect(facts('Atrovent point five milligrams nebulized at 1136.').medications[0]?.dose?.text).toBe('point five milligrams');
    expect(facts('Nitro zero point four mg SL at 1200.').medications[0]?.dose?.text).toBe('zero point four mg');
    expect(
      splitSentences(
        'wheezing in all fields RR 30 SpO2 90 percent HR 124 BP 138 over 80 albuterol five milligrams ' +
          'nebulized at 1136 mag sulfate two grams IV at 1145 transported emergent to County General',
      ),
    ).toEqual([
      'wheezing in all fields RR 30 SpO2 90 percent HR 124 BP 138 over 80',
      'albuterol five milligrams nebulized at 1136',
      'mag sulfate two grams IV at 1145',
      'transported emergent to County General',
    ]);
  });
});

describe('vitals taken under an intervention, bagging as a route, doses joined by "and"', () => {
  it('does not read "with assisted ventilations" after vitals as a new intervention', () => {
    expect(phase('Post ROSC vitals were BP 96/58, heart rate 112, SpO2 94% with assisted ventilations at 10 per minute.')).toBe('exam');
  });

  it('reads bagging as the BVM route', () => {
    expect(facts('Bagged with an OPA and 15 liters O2 at 1754.').medications.map((m) => m.routeCode)).toEqual(['BVM']);
  });

  it('keeps two doses joined by "and" in one run-on piece', () => {
    expect(
      splitSentences(
        'HR 124 BP 138 over 80 albuterol five milligrams and atrovent point five milligrams nebulized at 1136 ' +
          'transported emergent to County General',
      ),
    ).toEqual([
      'HR 124 BP 138 over 80',
      'albuterol five milligrams and atrovent point five milligrams nebulized at 1136',
      'transported emergent to County General',
    ]);
  });
});

describe('two drugs joined by the shorthand "w/"', () => {
  it('reads each drug with its own dose ("Albuterol 5 mg w/ ipratropium 0.5 mg via neb")', () => {
    const meds = facts('Albuterol 5 mg w/ ipratropium 0.5 mg via neb at 0231.').medications;
    expect(meds.map((m) => [m.name, m.dose?.text, m.routeCode])).toEqual([
      ['albuterol', '5 mg', 'NEB'],
      ['ipratropium', '0.5 mg', 'NEB'],
    ]);
  });
});

describe('a saturation read on another site after the finger would not read', () => {
  it('reads "saturation first not reading because of cold fingers, on the ear it is 93%" as the SpO2', () => {
    const said = 'Pulse 54, respiration 12, saturation first not reading because of cold fingers, on the ear it is 93%.';
    expect(
      facts(said)
        .vitals.filter((v) => v.kind === 'spo2')
        .map((v) => v.value),
    ).toEqual(['93']);
    expect(facts('Sats would not read on his fingers, got 95 percent on the earlobe.').vitals.map((v) => [v.kind, v.value])).toEqual([
      ['spo2', '95'],
    ]);
  });

  it('reads no saturation from a percentage said of something else after it', () => {
    for (const said of [
      'Saturation not reading, cold hands, burns over 20% of his body.',
      'Sats not reading, she says she is 100% sure she did not fall.',
      "Sats can't read on the ear either, 70 percent of her body is cold.",
    ])
      expect(
        facts(said).vitals.filter((v) => v.kind === 'spo2'),
        said,
      ).toEqual([]);
  });
});

describe('ages said without punctuation or as a decade in words', () => {
  const age = (content: string) => extractEmsFacts([{ id: 's1', content }]).context.find((c) => c.type === 'PATIENT_AGE')?.value;

  it('reads a decade in words, hedged or not, after the sex or "in his"', () => {
    expect(age('our pt is a male mid thirties pinpoint pupils resp 4')).toBe('30 years');
    expect(age('a female in her late sixties found on the floor')).toBe('60 years');
    expect(age('Elderly man in his eighties, confused.')).toBe('80 years');
    expect(age('Male, early 40s, diaphoretic.')).toBe('40 years');
  });

  it('does not read a decade that is a reading or a temperature as an age', () => {
    expect(age('Sats in the mid eighties on room air, temp in the nineties.')).toBeUndefined();
    expect(age('Her pressure was in the seventies systolic.')).toBeUndefined();
  });

  it('reads the number after "she is" as the age only before a word that goes on about her (run-on clause openers taken back)', () => {
    // Taken back in review D: the same shape is said of a reading or someone else ("her daughter she is 50 named carol").
    expect(age('he is 52 lives alone with his dog')).toBe('52 years');
    // Her name said right after the number makes it her age, unless another person is named just before ("her daughter she is 50").
    expect(age('she is 86 name is dorothy she thinks she went out to get the paper')).toBe('86 years');
    expect(age('female her daughter she is 50 name is carol called')).toBeUndefined();
    expect(age('female her daughter she is 50 named carol called')).toBeUndefined();
    expect(age('found a female in the kitchen, she is 72 says the pain started at dinner')).toBe('72 years');
    expect(age('pt is a female she is 58 hx of copd')).toBe('58 years');
    expect(age('her mother she is 80 history of dementia called us')).toBeUndefined();
    expect(age('female respirations she is 28 she is working hard')).toBeUndefined();
    expect(age('female saturation she is 91 says she feels fine')).toBeUndefined();
    // A weight, a dilation or a reading said with "is" is no age.
    expect(age('he is 13 kilos so about 8 mg')).toBeUndefined();
    expect(age('she is 4 centimeters dilated')).toBeUndefined();
    expect(age('she is 94 on room air')).toBeUndefined();
  });

  it('reads the age after an honorific and three capitalised name words, never "Mr. Smith and daughter, 45,"', () => {
    expect(age('Mrs. Nguyễn Thị Lan, 69, son says she was fine at breakfast.')).toBe('69 years');
    expect(age('Mrs. Ruiz and son, 40, at the door.')).toBeUndefined();
    expect(age('Mr. Smith and daughter, 45, met us at the door.')).toBeUndefined();
    expect(age('Mr. Okafor, 70, was home.')).toBe('70 years');
    expect(age('Mrs. Lan said her grandson, 12, found her.')).toBeUndefined();
  });
});

describe('a trauma center named by its name and "trauma"', () => {
  const dest = (content: string) => extractEmsFacts([{ id: 's1', content }]).context.find((c) => c.type === 'DESTINATION')?.value;

  it('reads "to stroger trauma" as the destination, the name ending before "en route"', () => {
    expect(dest('transported emergent to stroger trauma en route pulse down to 104 tourniquet holding')).toBe('stroger trauma');
    expect(dest('Transported to Mercy en route vitals stable.')).toBe('Mercy');
  });

  it('does not read trauma to a body part, or a trauma said inside a longer phrase, as a facility', () => {
    expect(dest('transported to the cot with trauma to the head')).toBeUndefined();
    expect(dest('moved him to the stretcher, blunt trauma to the chest')).toBeUndefined();
    expect(dest('took her to the floor trauma bay doors')).toBeUndefined();
  });
});

describe('one liter said without a count', () => {
  const dose = (content: string) =>
    extractEmsFacts([{ id: 's1', content }]).medications.find((m) => m.name === 'normal saline')?.dose?.text;

  it('reads "Liter of normal saline" opening a line, and "second liter of NS", as the volume given', () => {
    expect(dose('Liter of normal saline wide open starting 2158.')).toBe('Liter');
    expect(dose('IV established. Second liter of NS at 2210.')).toBe('liter');
  });

  it('does not read "liter" inside another phrase as a dose', () => {
    // The flow of the oxygen, a volume with a count and a question are not a bare liter of the fluid.
    expect(dose('Normal saline to keep the line open, 2 liters per minute of oxygen by cannula.')).toBeUndefined();
    expect(dose('Asked how many liters of normal saline the clinic gave.')).toBeUndefined();
  });
});

describe('round 18 review B: an age read from a reading or from someone else', () => {
  const ctx = (content: string, type: string) => extractEmsFacts([{ id: 's1', content }]).context.find((c) => c.type === type)?.value;
  const age = (content: string) => ctx(content, 'PATIENT_AGE');

  it('does not read a reading said as "she is N" after the vital\'s name as the age', () => {
    for (const said of [
      'pulse ox she is 91 she usually runs low per daughter',
      'on the monitor she is 88 he said she normally runs 90',
      'glucose she is 45 per family she is diabetic',
      'heart rate he is 140 he says his heart is racing',
      'sat check she is 86 name is on the chart',
      'pain she is 8 she says it is sharp',
      'gcs she is 14 she is confused about the date',
      'Female, glucose she is 45 per family.',
    ])
      expect(age(said), said).toBeUndefined();
  });

  it('still reads "she is N" as the age when no vital is named before it', () => {
    expect(age('found her in the kitchen she is 91 lives alone')).toBe('91 years');
  });

  it('does not read the decade of another person, a reading or a temperature as the age', () => {
    for (const said of [
      'his wife in her seventies says he fell, pt has hip pain',
      'His wife, in her seventies, says he fell; he has hip pain.',
      'two bystanders in their twenties did cpr before we arrived',
      'the driver of the other car a male mid thirties was uninjured, our pt has neck pain',
      'her husband a man in his late eighties called us, pt has chest pain',
      'in his late eighties the heart rate was',
      'a male mid thirties degree heat outside found down',
      'his wife in her 70s says he fell',
      'two bystanders in their 20s did cpr',
    ])
      expect(age(said), said).toBeUndefined();
  });

  it('still reads the decade that describes the patient', () => {
    expect(age('our pt is a male mid thirties pinpoint pupils resp 4')).toBe('30 years');
    expect(age('a female in her late sixties found on the floor')).toBe('60 years');
    expect(age('Pt is a woman in her 70s, fell at home.')).toBe('70 years');
  });

  it('reads no response mode from "came in code 3" said of the transport to a hospital', () => {
    expect(ctx('came in code 3 to mercy with cpr in progress', 'RESPONSE_MODE')).toBeUndefined();
    expect(ctx('came in code 3', 'RESPONSE_MODE')).toBe('emergent');
  });

  it('keeps the destination when the hand-off is said before "en route"', () => {
    expect(ctx('transported to mercy care transferred to rn en route bp 124 over 80 hr 90', 'DESTINATION')).toBe('mercy');
    expect(ctx('transported emergent to stroger trauma en route pulse down to 104', 'DESTINATION')).toBe('stroger trauma');
  });

  it('reads no dose from "liter of oxygen" (a flow rate is said per minute)', () => {
    const o2 = (content: string) => extractEmsFacts([{ id: 's1', content }]).medications.find((m) => /oxygen/.test(m.name))?.dose;
    expect(o2('Liter of oxygen via nc.')).toBeFalsy();
    expect(o2('liter of oxygen nc')).toBeFalsy();
  });
});

describe('round 18 review B: a reading cut from its name', () => {
  it('keeps a vital\'s name with the number said next as "she is 91" in run-on text', () => {
    const pieces = splitSentences(
      'dispatched 0700 for sick person responded emergent arrived 0709 she was in bed weak pulse ox she is 91 she usually runs low ' +
        'per daughter bp 130 over 80 transported to mercy care to rn stable',
    );
    expect(pieces.find((p) => p.includes('she is 91'))).toMatch(/pulse ox she is 91/);
    const age = (content: string) => extractEmsFacts([{ id: 's1', content }]).context.find((c) => c.type === 'PATIENT_AGE')?.value;
    expect(age('arrived 0709 she was in bed weak pulse ox she is 91 she usually runs low per daughter')).toBeUndefined();
    // No vital named before it, but a new clause after it: no age since review D (the same shape is said of readings).
    expect(age('we found her on the kitchen floor she is 91 she usually walks with a cane')).toBeUndefined();
    expect(age('we found her on the kitchen floor she is 91 and walks with a cane')).toBe('91 years');
  });
});

describe("review D: a decade is the patient's only where it describes the patient", () => {
  const age = (content: string) => extractEmsFacts([{ id: 's1', content }]).context.find((c) => c.type === 'PATIENT_AGE')?.value;
  it('does not read the decade said after another role', () => {
    for (const said of [
      'Patient is a female found by the security guard, a man in his fifties.',
      'Male patient, the store clerk, a woman mid twenties, called.',
      'Patient is a female; her nurse, a man in his forties, called.',
      'the crossing guard a man in his 60s flagged us down',
    ])
      expect(age(said), said).toBeUndefined();
  });
  it("reads the decade said of the patient's introduction", () => {
    expect(age('Found a male mid thirties on the bench.')).toBe('30 years');
    expect(age('Pt is a female in her late sixties.')).toBe('60 years');
    expect(age('on scene 1510 a man in his 50s on the floor')).toBe('50 years');
    expect(age('Male, early 40s, found down.')).toBe('40 years');
    expect(age('Ambulance 3 alerted 2251 for abdominal pain, female, 60s.')).toBe('60 years');
    expect(age('the store clerk, a woman, 20s, called')).toBeUndefined();
    expect(age('she is in her 80s and lives alone')).toBe('80 years');
  });
});

describe('review D: "<name> trauma" is a destination only after "to", "at" or "into"', () => {
  const dest = (content: string) => extractEmsFacts([{ id: 's1', content }]).context.find((c) => c.type === 'DESTINATION')?.value;
  it('reads no trauma kind, cause or clause end as a facility', () => {
    for (const said of [
      'Transported emergent, head trauma.',
      'Transported non emergent, no trauma.',
      'Transported emergent, possible abdominal trauma.',
      'Transported emergent, pt is a trauma.',
      'Transported emergent secondary to head trauma.',
      'Transported emergent to a trauma.',
    ])
      expect(dest(said), said).toBeUndefined();
    expect(dest('transported to stroger trauma')).toBe('stroger trauma');
    expect(dest('Transported emergent to County Trauma.')).toBe('County Trauma');
  });
});

describe('a saturation said by its name in run-on text opens its own statement', () => {
  it('cuts before "pulse ox she is 91", so the reading is not the arrival', () => {
    const pieces = splitSentences(
      'dispatched 0700 for sick person responded emergent arrived 0709 she was in bed weak pulse ox she is 91 she usually runs low ' +
        'per daughter bp 130 over 80 transported to mercy care to rn stable',
    );
    const reading = pieces.find((p) => p.includes('she is 91')) ?? '';
    expect(reading.startsWith('pulse ox she is 91')).toBe(true);
    expect(classifySegment('s1', reading, extractEmsFacts([{ id: 's1', content: reading }]))).toBe('exam');
  });

  it('does not cut a saturation named without a number of its own, or after a word that waits for it', () => {
    const probe = splitSentences('arrived 0709 she was in bed we put the pulse ox on her finger and it would not read');
    expect(probe.some((p) => p.startsWith('pulse ox'))).toBe(false);
    const noNumber = splitSentences('arrived 0709 she was in bed weak pulse ox not reading on her cold fingers');
    expect(noNumber.some((p) => p.startsWith('pulse ox'))).toBe(false);
  });
});

describe('two drugs joined by "+" in charting shorthand', () => {
  const meds = (line: string) => facts(line).medications.map((m) => [m.name, m.dose?.text ?? null]);
  it('gives each drug the dose said with it, "+" read as a separator like "plus"', () => {
    expect(meds('Magnesium 2 g + methylprednisolone 125 mg IV at 1420.')).toEqual([
      ['magnesium sulfate', '2 g'],
      ['methylprednisolone', '125 mg'],
    ]);
    expect(meds('Zofran 4 mg + fentanyl 50 mcg IV push.')).toEqual([
      ['ondansetron', '4 mg'],
      ['fentanyl', '50 mcg'],
    ]);
  });

  it('does not read home medications listed with "+" as given', () => {
    expect(meds('Home meds: lisinopril 10 mg + metformin 500 mg daily.')).toEqual([]);
    expect(meds('Takes lisinopril + metformin.')).toEqual([]);
  });
});

describe('a duration in milliseconds at the end of a sentence', () => {
  it('ends the sentence after "ms." said after a number (milliseconds), not as the title "Ms."', () => {
    expect(splitSentences('The 12-lead shows a QRS of 132 ms. Blood pressure 150/88.')).toEqual([
      'The 12-lead shows a QRS of 132 ms.',
      'Blood pressure 150/88.',
    ]);
    expect(splitSentences('PR interval 220 ms. Pt denies chest pain.')).toEqual(['PR interval 220 ms.', 'Pt denies chest pain.']);
  });

  it('still keeps the title "Ms." with the name after it', () => {
    expect(splitSentences('Spoke with Ms. Okafor, the daughter. She says he fell.')).toEqual([
      'Spoke with Ms. Okafor, the daughter.',
      'She says he fell.',
    ]);
  });
});

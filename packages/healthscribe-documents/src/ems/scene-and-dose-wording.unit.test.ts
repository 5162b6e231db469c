import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';

/**
 * Wording the fifth round of rules reads by category rather than by sentence: whom the crew found
 * and where (a name after a form of address, an age in words, a place without "found"), crew
 * participles that were not crew actions (negated, reported), interventions said tersely or as
 * comfort measures, doses counted in containers or given through a combination's parts, routes a
 * drug's form or its line implies, vitals said without their names, conditions after a
 * resuscitation, the unit clearing, and where run-on speech starts a new statement.
 */
const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const ctx = (...sentences: string[]) => Object.fromEntries(facts(...sentences).context.map((c) => [c.type, c.value]));
const phase = (sentence: string) => classifySegment('s1', sentence, facts(sentence));
const med = (sentence: string) => facts(sentence).medications[0];
const vitals = (sentence: string) => facts(sentence).vitals.map((v) => v.kind);

describe('whom the crew found, and where', () => {
  it('reads a name after a form of address, an age in words and a posture after "found" as the arrival', () => {
    expect(phase('Found Mr. Okoro, 67, on the garage floor, alert.')).toBe('arrival');
    expect(ctx('Found Mr. Okoro, 67, on the garage floor, alert.').PATIENT_AGE).toBe('67 years');
    expect(phase('found a sixty year old female on the stairs')).toBe('arrival');
    expect(phase('Pt Ana Silva, 30 per her sister, found lying in the hallway.')).toBe('arrival');
  });

  it('reads the patient placed somewhere, with age and sex between, as the arrival', () => {
    expect(phase('Pt 45 yo F outside the pharmacy, anxious, hyperventilating.')).toBe('arrival');
    expect(phase('72M on floor of garage, wife present.')).toBe('arrival');
  });

  it('reads a patient named only by age and sex, a decade with the sex, and a chatty "when we got there" as the arrival', () => {
    expect(phase('67 yo F on the bathroom floor, diaphoretic.')).toBe('arrival');
    expect(phase('Pt 50s M lying on the platform, snoring respirations.')).toBe('arrival');
    expect(phase('When we got there she was sitting on the floor by the checkout.')).toBe('arrival');
  });

  it('keeps a relative who found the patient, and a patient "in his 60s", out of the arrival', () => {
    expect(phase('Son found him in the yard an hour ago.')).toBe('history');
    expect(phase('Pt in his 60s, c/o chest pain.')).not.toBe('arrival');
  });
});

describe('crew participles that are not crew actions', () => {
  it('does not take a negated or a reported participle for treatment', () => {
    expect(phase('No glucose obtained, meter failed.')).not.toBe('treatment');
    expect(phase('States the cough started three days ago, no fever.')).not.toBe('treatment');
    expect(phase('Lift assist at Maple Grove Assisted Living.')).not.toBe('treatment');
  });
});

describe('an interfacility request', () => {
  it('is the dispatch when it names the request time, and "Urgent Care to …" is no hand-off', () => {
    const line = 'IFT, requested at 0910 to move a 50 year old female from Westside Urgent Care to County General.';
    expect(phase(line)).toBe('dispatch');
    expect(ctx(line).TRANSFER_OF_CARE).toBeUndefined();
  });
});

describe('interventions said tersely or as comfort measures', () => {
  it.each([
    ['Pads placed, paced at 70 mA.', 'pacing'],
    ['Wrapped in blankets, heat packs to the groin.', 'warming'],
    ['TQ R forearm 1410, bleeding stopped.', 'hemorrhage control'],
    ['IV 20 in the R hand.', 'iv access'],
    ['IV 22 L hand.', 'iv access'],
    ['Newborn dried, skin-to-skin with mother.', 'delivery'],
  ])('%s → %s', (line, procedure) => {
    expect(facts(line).procedures.map((p) => p.name)).toContain(procedure);
    expect(phase(line)).toBe('treatment');
  });
});

describe('doses and routes', () => {
  it('reads a dose counted in containers and the route an oral form implies', () => {
    expect(med('Oral glucose, one tube, at 0900.')).toMatchObject({ name: 'oral glucose', routeCode: 'PO' });
    expect(med('Oral glucose, one tube, at 0900.')?.dose?.text).toBe('one tube');
  });

  it('doses a combination through its parts and routes it by its form', () => {
    const duo = med('DuoNeb at 1203, with 2.5 mg albuterol and 0.5 mg ipratropium.');
    expect(duo).toMatchObject({ name: 'albuterol/ipratropium', routeCode: 'NEB' });
    expect(duo?.dose?.text).toBe('2.5 mg');
  });

  it('reads the line a fluid runs through as the IV route', () => {
    expect(med('Kept the normal saline at 100 mL an hour through the 20 in the R AC.')?.routeCode).toBe('IV');
  });

  it('reads oxygen by blow-by as given (with its route, without a dose) and oxygen that drives the bag as ventilation', () => {
    expect(med('Placed on her side and put on oxygen by blow-by.')).toMatchObject({ name: 'oxygen', routeCode: 'BLOW-BY', dose: null });
    expect(facts('Bagged him with oxygen at 12 a minute.').medications).toEqual([]);
    expect(facts('Bagged him with oxygen at 12 a minute.').procedures.map((p) => p.name)).toContain('ventilation');
  });
});

describe('vitals said without their usual names', () => {
  it('reads a rhythm with its rate as the heart rate, and "resp" as the respiratory rate', () => {
    expect(vitals('Monitor: sinus tach at 130, BP 100/60, resp 20.')).toEqual(['hr', 'bp', 'rr']);
    expect(vitals('Tachypneic at 30.')).not.toContain('hr');
  });

  it('reads "148 over 96" as a BP and "95 percent on room air" as the saturation', () => {
    expect(vitals('Initial set 148 over 96, pulse 88, she was at 95 percent on room air.')).toEqual(['bp', 'hr', 'spo2']);
    expect(vitals('Pain 8 over 10.')).not.toContain('bp');
  });
});

describe('the end of the call', () => {
  it('reads what remains after a resuscitation as the condition at the hand-off', () => {
    expect(ctx('Care to the ED team, still with pulses, intubated.').CONDITION_AT_TRANSFER).toBe('still with pulses');
  });

  it('reads a mental state as the condition, never a nurse as the destination, and a bare "No interventions." as no treatment', () => {
    expect(ctx('Transported non-emergent, care to ED RN at 1455, postictal but protecting airway.')).toMatchObject({
      CONDITION_AT_TRANSFER: 'postictal',
    });
    expect(ctx('Transported non-emergent, care to ED RN at 1455, pt stable.').DESTINATION).toBeUndefined();
    expect(ctx('Transported non-emergent to Mercy General, care to ED RN.').DESTINATION).toBe('Mercy General');
    expect(phase('No interventions.')).toBe('treatment');
  });

  it('reads the unit clearing and a patient left at home as the disposition', () => {
    expect(phase('Cleared 1930.')).toBe('transport');
    expect(phase('Left at home with her son.')).toBe('transport');
  });
});

describe('run-on speech starts a new statement at what the crew did, saw or heard', () => {
  it('cuts before a vitals list, a crew action, the patient waking and an unnamed BP, never inside "blood pressure"', () => {
    const run =
      'found a forty year old male on the sidewalk pinpoint pupils breathing four times a minute bagged him with the BVM ' +
      'and gave narcan two milligrams intranasal at 0105 he woke up after two minutes pressure one twenty over seventy ' +
      'pulse eighty';
    expect(splitSentences(run)).toEqual([
      'found a forty year old male on the sidewalk',
      'pinpoint pupils breathing four times a minute',
      'bagged him with the BVM and gave narcan two milligrams intranasal at 0105',
      'he woke up after two minutes',
      'pressure one twenty over seventy pulse eighty',
    ]);
    const vitalsRun =
      'arrived 0300 found a male slumped in a chair pinpoint pupils heart rate 58 blood pressure 100 over 60 ' +
      'gave narcan 4 milligrams intranasal at 0302';
    expect(splitSentences(vitalsRun)).toContain('pinpoint pupils heart rate 58 blood pressure 100 over 60');
  });

  it('cuts before staging and going in, reaching the patient with a time, and a load-and-go', () => {
    const run =
      'medic 1 dispatched 0124 to the 2300 block of kensington avenue for shots fired one person down staged for pd then went ' +
      'in hot at patient 0131 male lying on the sidewalk pd holding pressure on his belly adult male alert and talking ' +
      'bp 90 over 58 heart rate 130 load and go scene time four minutes transported code 3 to temple university hospital';
    const lines = splitSentences(run);
    expect(lines.slice(0, 3)).toEqual([
      'medic 1 dispatched 0124 to the 2300 block of kensington avenue for shots fired one person down',
      'staged for pd then went in hot',
      'at patient 0131 male lying on the sidewalk pd holding pressure on his belly adult male alert and talking',
    ]);
    expect(lines.slice(-2)).toEqual(['load and go scene time four minutes', 'transported code 3 to temple university hospital']);
    expect(phase('load and go scene time four minutes')).toBe('transport');
    // "Staged" in a history is no response.
    expect(splitSentences('history of lung cancer staged at four on chemo no allergies')).toHaveLength(1);
    expect(phase('staged for pd then went in hot')).toBe('response');
    expect(phase('at patient 0131 male lying on the sidewalk pd holding pressure on his belly')).toBe('arrival');
  });

  it('keeps the age said right after the dispatch with it', () => {
    const run =
      'dispatched at 2130 to a residence for a welfare check 22 year old female responded non emergent arrived 2141 ' +
      'met by police patient sitting on the couch calm';
    expect(splitSentences(run)[0]).toBe('dispatched at 2130 to a residence for a welfare check 22 year old female');
  });

  it('keeps a call sign with its line, an age with the arrival, and a change with its cause', () => {
    const run =
      'medic 7 responding to a fall dispatched at 0900, arrived 0911, 80 year old female sitting on the floor, BP 130/80, ' +
      'HR 90, 1 liter normal saline IV at 0915, feeling better after the fluids, transported non-emergent to Mercy';
    expect(splitSentences(run)).toEqual([
      'medic 7 responding to a fall dispatched at 0900',
      'arrived 0911, 80 year old female sitting on the floor',
      'BP 130/80, HR 90',
      '1 liter normal saline IV at 0915',
      'feeling better after the fluids',
      'transported non-emergent to Mercy',
    ]);
  });
});

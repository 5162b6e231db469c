import { describe, expect, it } from 'vitest';
import { applyCorrectionSentences, applySpokenCorrections } from './spoken-corrections.js';

const vitalOf = (label: string) => (/^(?:bp|blood pressure)$/i.test(label) ? 'bp' : /^(?:spo2|sats?)$/i.test(label) ? 'spo2' : null);
const sentences = (...texts: string[]) =>
  applyCorrectionSentences(
    texts.map((content, i) => ({ id: `s${i}`, content })),
    vitalOf,
  );

describe('spoken corrections inside a sentence', () => {
  it.each([
    // Cues said together count as one: the value after the last of them replaces the one before the first.
    [
      'Gave 0.15 mg, sorry, scratch that, gave 0.3 mg of epinephrine IM to the right lateral thigh at 12:58.',
      'gave 0.3 mg of epinephrine IM to the right lateral thigh at 12:58.',
    ],
    [
      "Patient one is the mom, she's 34, no, sorry, correction, she's 43, I flipped the numbers, and she had a headache.",
      "Patient one is the mom, she's 43, I flipped the numbers, and she had a headache.",
    ],
    // A rate's unit ("mcg/min") is the value's unit.
    [
      'Epinephrine infusion IV started at 1806 at 4 mcg/min, I mean 2 mcg/min, titrated to 6 mcg/min by 1815.',
      'Epinephrine infusion IV started at 1806 at 2 mcg/min, titrated to 6 mcg/min by 1815.',
    ],
    // More ways to say it: "let me fix that", "I misspoke".
    ['Diltiazem 20 mg IV, let me fix that, 25 mg IV at 1412.', 'Diltiazem 25 mg IV at 1412.'],
    ['BGL 62, I misspoke, 52.', 'BGL 52.'],
    // Heights, pressures and units per hour are values with units too; an oxygen device said again replaces the old one.
    ['Fell from about 10 feet, sorry, 15 feet, onto concrete.', 'Fell from about 15 feet, onto concrete.'],
    ['EtCO2 28 mmHg, correction, 32 mmHg.', 'EtCO2 32 mmHg.'],
    ['Heparin at 1200 units per hour, let me fix that, 1000 units per hour.', 'Heparin at 1000 units per hour.'],
    ['O2 4 L NC, sorry, 15 L NRB at 1402.', 'O2 15 L NRB at 1402.'],
    // Who gave the new time is kept with it: the old time goes.
    [
      'Last known well 1340, scratch that, daughter says 1310 when they talked on the phone.',
      'Last known well, daughter says 1310 when they talked on the phone.',
    ],
    // "my mistake", "let me rephrase", "hold on, that's wrong" are cues too.
    ['18 gauge IV left AC, fentanyl 75 mcg IV given at 1512, my mistake, 1521.', '18 gauge IV left AC, fentanyl 75 mcg IV given at 1521.'],
    [
      'Then we gave him 2 milligrams of Narcan in the nose, let me rephrase, 4 milligrams, the whole spray, in his right nostril.',
      'Then we gave him 4 milligrams of Narcan in the nose, the whole spray, in his right nostril.',
    ],
    // "it was" before the new value names nothing and is dropped with the cue.
    [
      "Then she gave dexamethasone 12 milligrams, hold on, that's wrong, it was 7 milligrams, by mouth at 0236.",
      'Then she gave dexamethasone 7 milligrams, by mouth at 0236.',
    ],
    // "half a milligram" is a value said in words.
    [
      'hydro morphone one milligram correction half a milligram IV at zero two thirty four',
      'hydro morphone half a milligram IV at zero two thirty four',
    ],
    // A bilingual crew's "perdón"; "correction per crew"; a restart from a drug named again; a destination said again.
    [
      'Nitro 0.4 mg SL at 2155, then a second nitro 0.4 mg SL at 2200, perdón, at 2201.',
      'Nitro 0.4 mg SL at 2155, then a second nitro 0.4 mg SL at 2201.',
    ],
    [
      'Calcium chloride 1 g IV at 0831, correction per crew, calcium gluconate 3 g IV slow push over 5 minutes at 0831.',
      'calcium gluconate 3 g IV slow push over 5 minutes at 0831.',
    ],
    ['Narcan 0.4 mg IN at 1523, correction, Narcan 2 mg IN at 1523, split between nares.', 'Narcan 2 mg IN at 1523, split between nares.'],
    [
      'Transported emergent to Providence, sorry, to Holy Cross Hospital, per patient request.',
      'Transported emergent to Holy Cross Hospital, per patient request.',
    ],
    // A unit said glued to its number ("2mg"), a laboratory value's unit, "no, it was" before a value of the same shape.
    ['Narcan 2mg IN, scratch that, 4mg IN.', 'Narcan 4mg IN.'],
    [
      'Potassium was 7.1 mmol/L, correction, 7.4 mmol/L, and the ECG showed peaked T waves.',
      'Potassium was 7.4 mmol/L, and the ECG showed peaked T waves.',
    ],
    ['Glucose 412 mg/dL, sorry, 421 mg/dL.', 'Glucose 421 mg/dL.'],
    // A bare "no" between two values of one shape: the same unit, or two plain numbers of as many digits.
    ['ondansetron 8 milligrams no 4 milligrams iv at 0950', 'ondansetron 4 milligrams iv at 0950'],
    ['Pt 2: 53, no, 55 y/o M, restrained driver.', 'Pt 2: 55 y/o M, restrained driver.'],
    [
      'We were dispatched at 1315 to 740 Greer Street, no, it was 704 Greer Street, for a psych eval.',
      'We were dispatched at 1315 to 704 Greer Street, for a psych eval.',
    ],
    // A hesitation said before the cue ("wait", "hold on", "oops") goes with it: the value before them is taken back.
    ['Pulse 96, wait, let me fix that, 106, resp 20.', 'Pulse 106, resp 20.'],
    ['Sats 91, oops, my mistake, 93 on room air.', 'Sats 93 on room air.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it('never drops a value for a cue followed by another vital, or by words without a value', () => {
    for (const said of ['HR 88, sorry, RR 18.', 'BP 120/80, sorry, BP was taken on the left arm.'])
      expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  // Found by an adversarial review: each of these lost or garbled a value nobody withdrew.
  it.each([
    // An aside after the cue that goes on with other words and a number is no correction.
    'Glucose 45, sorry, gave 25 g D50 at 1410.',
    'SpO2 85%, sorry, placed on 15 L NRB.',
    'BP 80/50, sorry, after 1 liter NS it was 100/60.',
    'Gave aspirin 324 mg, sorry, he took 81 mg this morning.',
    // A reporter's value of another kind is their statement, not a correction.
    'BP 120/80, sorry, wife says 1310 he took his pills.',
    // Review of round 13: a reporter's time for something else, another unit, a reading after a treatment, "actually".
    'Fentanyl 50 mcg IV 1430, sorry, pt states 1400 pain started.',
    'Arrived 1412, sorry, nurse states 1400 was the last vitals.',
    'Took his nitro at 1300, sorry, wife said 1200.',
    'EtCO2 35 mmHg, sorry, 2 L NC with capnography.',
    'Insulin pump 2 units per hour, sorry, 10 units bolus at lunch.',
    'SpO2 84%, sorry, 92% after the neb.',
    'HR 72, oh wait, 12 lead shows ST elevation in II, III, aVF.',
    'BGL 110, actually it is 2 hours since he last ate.',
    'Placed on NC 4 L, sorry, NRB 15 L at 0912.',
    'Started O2 NC at 2 L, sorry, simple mask at 8 L.',
    // A route said after the cue belongs to the last drug; when that drug has none, nothing is swapped.
    'Gave diphenhydramine 50 mg IV and famotidine 20 mg, sorry, IM.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each([
    // The digits after a decimal point are no anchor for a restart.
    ['Versed 2.5 mg IN, make that 5 mg IN, seizure stopped.', 'Versed 5 mg IN, seizure stopped.'],
    // A run-on restatement of one vital replaces that vital only.
    ['bp 120 over 80 hr 88 rr 16 spo2 97 sorry bp 130 over 80', 'bp 130 over 80 hr 88 rr 16 spo2 97'],
    // The value corrected is the last drug's.
    ['Pt on metoprolol 25 mg BID, lisinopril 10, sorry, 20 mg daily.', 'Pt on metoprolol 25 mg BID, lisinopril 20 mg daily.'],
    // Clock times with a colon, scores out of 10, weight-based doses.
    ['LKW 13:00, I mean 12:30.', 'LKW 12:30.'],
    ['Pain 8 out of 10, I mean 9 out of 10.', 'Pain 9 out of 10.'],
    ['Epi 0.01 mg/kg, I mean 1 mg, IO at 1514.', 'Epi 1 mg, IO at 1514.'],
    // A side or route said again with the words after it does not repeat them.
    ['IV 18 g left AC, I mean right AC, NS 500 ml.', 'IV 18 g right AC, NS 500 ml.'],
    ['Tourniquet applied to right leg at 1410, sorry, left leg at 1410.', 'Tourniquet applied to left leg at 1410.'],
    ['Zofran 4 mg IV at 1410, sorry, 4 mg IM at 1410.', 'Zofran 4 mg IM at 1410.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it('reads a value said with another name of the same vital as its correction ("HR 44, I mean pulse 54")', () => {
    expect(applySpokenCorrections('BP 90/60, HR 44, I mean pulse 54, RR 16.')).toEqual({
      text: 'BP 90/60, pulse 54, RR 16.',
      corrections: 1,
    });
  });

  it('reads a drug said after the cue as a correction of the drug given, not of the time before the cue', () => {
    expect(applySpokenCorrections('Gave aspirin 324 mg at 1410, my mistake, nitro 0.4 SL at 1410.')).toEqual({
      text: 'Gave nitro 0.4 SL at 1410.',
      corrections: 1,
    });
  });

  it('drops who said the new value with the cue ("correction, he said 0830")', () => {
    expect(applySpokenCorrections('Normal at breakfast at 0815, correction, he said 0830, because the news was on.')).toEqual({
      text: 'Normal at breakfast at 0830, because the news was on.',
      corrections: 1,
    });
  });

  it.each([
    ['Core temp 107.1 rectal, correction, 106.1 rectal.', 'Core temp 106.1 rectal.'],
    ['Frau Köhler, 87 years old, I mean 78 years old, who tripped on the rug.', 'Frau Köhler, 78 years old, who tripped on the rug.'],
    ['BP 120/80 left arm, sorry, 130/80 left arm, HR 90.', 'BP 130/80 left arm, HR 90.'],
  ])('replaces a value said again with the same words after it: %s', (said, text) => {
    expect(applySpokenCorrections(said)).toEqual({ text, corrections: 1 });
  });

  it('reads "actually it was" right before a value of the same shape as a correction of the value right before it', () => {
    expect(applySpokenCorrections('Nitro 0.4 mg SL at 2231, actually it was 2229, pain went from 8 to 5.')).toEqual({
      text: 'Nitro 0.4 mg SL at 2229, pain went from 8 to 5.',
      corrections: 1,
    });
    expect(
      applySpokenCorrections('Started saline IV at 16:24, 1000 milliliters, oh wait, it was a 500 milliliter bolus, BP up a little.'),
    ).toEqual({
      text: 'Started saline IV at 16:24, 500 milliliter bolus, BP up a little.',
      corrections: 1,
    });
    // Not before words, and not "actually" or "oh wait" alone.
    for (const said of [
      'Pain 8 out of 10, actually it was worse on the stairs.',
      'Glucose 45, actually he ate at 1200.',
      'HR 110, actually it was regular.',
      'BP 90/60, oh wait, he is vomiting.',
      // A number of another kind after the cue is no correction of the value before it (round 14 review).
      'Fentanyl 50 mcg IV at 1410, actually it was 2 doses, 50 mcg each.',
      'Last seen normal at 2200, actually it was 2 days ago per son.',
      'Aspirin 324 mg PO at 0912, wait, it was 4 baby aspirin chewed.',
      'blood pressure 90 over 60 heart rate 120 wait it was 96 over 60 heart rate 120',
      'Glucose 45, oh wait, it was after he ate 2 cookies.',
      'Did he fall at 1400? No, it was 2 days ago he fell.',
      'Chest pain at rest, no, it was 3 hours ago on exertion.',
      'Pain 8 out of 10, no 2 episodes of vomiting.',
      'Fall at 1400, no 2 hours ago.',
      'GCS 15, no 12 lead changes.',
      'Fentanyl 50 mcg, no 2 L NC.',
      // An age said after "no" that belongs to someone else.
      'Lives with husband who is 80, no 3 year old grandson present.',
    ])
      expect(applySpokenCorrections(said).corrections).toBe(0);
  });

  it('keeps values whose following words differ: "2 mg IV, sorry, 4 mg IM" is for the rules on units and routes', () => {
    // Different words after the values: the tail rule does not apply (nothing is withdrawn by it).
    expect(applySpokenCorrections('Temp 38.2 oral, sorry, 38.9 rectal.').corrections).toBe(0);
  });

  it('leaves "no" and "hold on" alone when no value is corrected', () => {
    for (const said of [
      'No, sorry, she denies chest pain.',
      'Hold on, he is vomiting now.',
      'Patient says no, sorry, to the IV.',
      'We went to the kitchen, sorry, to help her up.',
    ])
      expect(applySpokenCorrections(said).corrections).toBe(0);
  });
});

describe('a correction said as its own sentence', () => {
  it('restates the end of the sentence before it from its first value on', () => {
    const { segments, mergedInto } = sentences('APGARs were 6 at one minute.', 'Wait, no, 5 at one minute and 8 at five minutes.');
    expect(segments.map((s) => s.content)).toEqual(['APGARs were 5 at one minute and 8 at five minutes.', '']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it('replaces a labelled value and keeps what the correction adds as its own sentence', () => {
    const { segments, mergedInto } = sentences(
      "Per daughter Pt c/o arm won't work and slurred speech, LKW 0930.",
      'Scratch that, LKW 0850 per daughter, she left the house then and found him at 1000.',
    );
    expect(segments.map((s) => s.content)).toEqual([
      "Per daughter Pt c/o arm won't work and slurred speech.",
      'LKW 0850 per daughter, she left the house then and found him at 1000.',
    ]);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it.each([
    [['Patient is a 67 year old male with chest pain, BP 150/90.', 'Sorry, the patient vomited 2 times.']],
    [['Glucose 45, gave D50 25 g IV at 1420.', 'Sorry, recheck glucose 110 at 1430.']],
    [['Left arm pain, right leg weakness.', 'Sorry, right arm pain too.']],
  ])('leaves a sentence after a cue that adds rather than corrects as dictated: %j', (said) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });

  it('corrects a rate per weight and time said as its own sentence, and keeps the rest of the line', () => {
    expect(sentences('Dopamine at 5 mcg/kg/min, BP 88/50.', 'Correction, 10 mcg/kg/min.').segments.map((s) => s.content)).toEqual([
      'Dopamine at 10 mcg/kg/min, BP 88/50.',
      '',
    ]);
  });

  it('leaves a correction sentence whose label the sentence before does not say as dictated', () => {
    const said = ['BP 128/80, HR 88.', 'Scratch that, LKW 0850 per daughter, she left the house then.'];
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('more ways to take a value back', () => {
  it.each([
    // A formal retraction: "to amend my earlier statement", "please disregard that", "ignore that", "let me correct myself".
    ['Fentanyl 100 mcg IV, please disregard that, 50 mcg IV at 1420.', 'Fentanyl 50 mcg IV at 1420.'],
    ['Glucose 212, ignore that, 122.', 'Glucose 122.'],
    ['Labetalol 20 mg IV at 0950, let me correct myself, 10 mg IV at 0950.', 'Labetalol 10 mg IV at 0950.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it('reads an age said again in other units as its correction ("three years old, no wait, 30 months")', () => {
    expect(applySpokenCorrections("He's three years old, no wait, he's actually 30 months, per grandma.")).toEqual({
      text: "He's 30 months, per grandma.",
      corrections: 1,
    });
  });

  it('takes a formal retraction said as its own sentence', () => {
    expect(
      sentences('Shock delivered at 150 joules at 0912.', 'To amend my earlier statement, the shock was at 200 joules.').segments.map(
        (s) => s.content,
      ),
    ).toEqual(['Shock delivered at 200 joules at 0912.', '']);
    expect(
      sentences('Zofran 8 mg IV at 1302.', 'Please disregard the dose I just gave, it was 4 mg.').segments.map((s) => s.content),
    ).toEqual(['Zofran 4 mg IV at 1302.', '']);
  });

  it('corrects the value an own-sentence correction names, when it only adds why the first was wrong', () => {
    const { segments, mergedInto } = sentences('BP 150/90, HR 88, RR 16.', 'Actually it was 130/90, I read the cuff wrong.');
    expect(segments.map((s) => s.content)).toEqual(['BP 130/90, HR 88, RR 16.', '']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it('empties a correction sentence that says nothing the corrected sentence does not', () => {
    expect(sentences('Epi 0.3 mg IM L thigh at 1402.', 'Correction, it was epi 0.5 mg IM.').segments.map((s) => s.content)).toEqual([
      'Epi 0.5 mg IM L thigh at 1402.',
      '',
    ]);
  });

  it('finds the corrected value by the treatment the correction names in other words (a drug, "pacing" for "TCP")', () => {
    expect(
      sentences('TCP started at 0915, rate 80, capture at 70 mA.', 'Scratch that, pacing began at 0917.').segments.map((s) => s.content),
    ).toEqual(['TCP started at 0917, rate 80, capture at 70 mA.', 'Pacing began at 0917.']);
    expect(
      sentences('Ondansetron 8 mg was given IV at 1410.', 'Please disregard that, the first ondansetron dose was 4 mg IV.').segments.map(
        (s) => s.content,
      ),
    ).toEqual(['Ondansetron 4 mg was given IV at 1410.', '']);
  });

  it('leaves a time correction alone when the sentence before names another treatment', () => {
    const said = ['Aspirin 324 mg PO at 1410.', 'Scratch that, pacing began at 1417.'];
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('near-misses a first version of these readings got wrong', () => {
  it('corrects a clock time with a clock time, never a dose ("Aspirin 324 mg PO at 1410. Correction, … at 1412.")', () => {
    for (const cue of ['Please disregard that', 'Correction', 'To amend my earlier statement'])
      expect(
        sentences('Aspirin 324 mg PO at 1410.', `${cue}, the aspirin was given at 1412.`).segments.map((s) => s.content),
        cue,
      ).toEqual(['Aspirin 324 mg PO at 1412.', '']);
  });

  it('keeps what a correction sentence adds after saying why the first value was wrong', () => {
    const { segments } = sentences('BP 150/90, HR 88, RR 16.', 'Actually it was 130/90, I misread it, patient became dizzy when standing.');
    expect(segments.map((s) => s.content).join(' ')).toContain('dizzy when standing');
  });

  it('leaves a correction that restates a whole treatment in other words as said, instead of charting two doses', () => {
    for (const said of [
      ['Zofran 4 mg IV at 1302.', 'Scratch that, ondansetron 4 mg ODT at 1302.'],
      ['Nitro 0.4 mg SL at 1415.', "Scratch that, nitroglycerin was given at 1417 by the patient's own bottle."],
    ])
      expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('a value said again right after a short self-repair, whatever its words', () => {
  it.each([
    // A phrase said again with one numbered token changed ("V4 through V6" → "V3 through V6").
    [
      'Monitor showed ST depression in V4 through V6, disregard that, V3 through V6, no elevation.',
      'Monitor showed ST depression in V3 through V6, no elevation.',
    ],
    // A drug before the cue and another drug's name alone after it: the name is the drug now.
    ['Takes aspirin, strike that, Benadryl, for his itching.', 'Takes Benadryl, for his itching.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // A series or a later value: the words between join two readings, they do not take one back.
    'Nitro 0.4 SL at 1322, after that 1327 and 1332.',
    'Glucose 48 mg/dL, recheck that, 96 mg/dL after D10.',
    'SpO2 86 percent, improved on that, 93 percent.',
    'BP 150 over 90, then 140 over 80, then 132 over 78.',
    'Pain from 8 out of 10 to 4 out of 10.',
    'Heart rate in the 170s to 180s.',
    'Ketamine 50 mg at 1410, and again at 1414.',
    // A finding denied between two readings is no repair.
    'Pain 8 out of 10, no radiation, 6 out of 10 on palpation.',
    // "rather than" compares, it does not correct.
    'Gave 250 mL rather than 500 mL because of crackles.',
    // "check that" may be a recheck; words between the value and the cue may name another event;
    // a name the formulary lacks may be anyone ("Gave Zofran, sorry, Doc.").
    'Pressure 172 over 96, check that, 178 over 96, pulse 88.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it('leaves a plain cue after words that may name another event as said, and asks which value stands', () => {
    // Both values stay (round 17), now with a note asking the provider to confirm.
    const said = 'Onset 0740 when his son found him, make that 0750, per the son.';
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0, unconfirmed: 1 });
    for (const other of ['Dispatched 1402, en route 1404, on scene, sorry, 1412.', 'SpO2 84%, sorry, 92% after the neb.'])
      expect(applySpokenCorrections(other)).toEqual({ text: other, corrections: 0 });
  });

  it('takes a sentence of repair words, the value said again and why it was wrong as its correction', () => {
    const { segments, mergedInto } = sentences(
      'BP 150/88, HR 96, RR 24, sats 88 percent on room air.',
      'Let me go back, the sat was 90 percent, I misread it.',
    );
    expect(segments.map((s) => s.content)).toEqual(['BP 150/88, HR 96, RR 24, sats 90 percent on room air.', '']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it('leaves a later reading after an opening phrase as its own sentence', () => {
    for (const said of [
      ['BP 150/88, SpO2 88 percent on room air.', 'After that, SpO2 was 94 percent on the neb.'],
      ['BP 150/88, SpO2 88 percent on room air.', 'On the way in, SpO2 was 94 percent.'],
    ])
      expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('a repair word used for something else is no correction', () => {
  it.each([
    // A content word between the two values ("found", "rearrest", "nitro", "passenger", "a liter NS"): two events, not one corrected.
    'Last known well 2200, actually found 0600.',
    'ROSC at 1431, wait rearrest 1436.',
    'Aspirin at 1415, actually nitro, 1418 SL 0.4 mg.',
    'Intubation attempt at 0918 failed, wrong placement, 0922 successful.',
    'Driver BP 120/80, actually passenger 140/90.',
    'BP 84/50, hang a liter NS, 96/62 on recheck.',
    'On scene 1410, wait for PD, 1418 patient contact.',
    'Gave 250 mL, rather than 500 mL, because of crackles.',
    'Morphine 4 mg IV, rather 2 mg per protocol for age, given at 1420.',
    // Repair words alone, but the later value is a later reading or another event's time.
    'BP 84/50, hang on, 96/62 on recheck.',
    'On scene 1410, wait, 1418 patient contact.',
    'Shocked at 1422, wait, 1424 shocked again.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each([
    // Words that only point back at something ("for that", "following that") are no retraction.
    'Pain 9 out of 10, gave fentanyl for that, 4 out of 10.',
    'Aspirin 324 mg at 1410, nitro following that, 1415.',
    'Glucose 32 mg/dL, gave dextrose for that, 88 mg/dL.',
  ])('does not read a gap ending in "that" as a retraction: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each([
    // "sorry" or "I mean" before a value with other words since the last value of its shape: the value is the nearer label's.
    'Dispatched 1402, en route 1404, on scene, sorry, 1412.',
    'BP 140/90 on arrival, second BP was, sorry, 130/80.',
    'LKW 2200 per wife, he was up at, I mean, 0300.',
  ])('does not move a value past the words said since the last one: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each(['Gave Zofran, sorry, Doc.', 'Gave Narcan, sorry, Medic.'])('renames a drug only by a drug name: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each([
    // Only repair words between two values of one shape: the later value corrects the earlier one.
    ['On scene 1410, hold on, 1412.', 'On scene 1412.'],
    ['Glucose 48 mg/dL, hold on, 84 mg/dL.', 'Glucose 84 mg/dL.'],
  ])('still corrects a value said again after repair words alone: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
});

describe('a sentence opening with "Actually" or "Wait" says something new', () => {
  it.each([
    ['Sats 86% RA.', 'Actually, sats 92% on 4 L.'],
    ['Aspirin 324 mg at 0915.', 'Actually, patient took aspirin 81 mg at home.'],
    ['She takes amlodipine 5 mg daily.', 'Per daughter, she mixed up her pills, took 10 mg.'],
    ['Initial BP 180/110.', 'Wait, BP 150/90 at hospital.'],
    ['Nitro 0.4 mg SL at 1418.', 'Wait, nitro 0.4 mg SL again at 1423.'],
  ])('leaves both sentences as said: %s %s', (...said) => {
    const { segments, mergedInto } = sentences(...said);
    expect(segments.map((s) => s.content)).toEqual(said);
    expect(mergedInto.size).toBe(0);
  });
});

describe('what is still read as a correction', () => {
  it.each([
    // Words said after the first value and again after the second go with the value.
    ['Epi 0.3 mg IM, oops, 0.5 mg IM.', 'Epi 0.5 mg IM.'],
    ['ROSC 1431, wrong, 1433.', 'ROSC 1433.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([['BP 120/80 left arm, actually 140/90 right arm.'], ['Oxygen 4 L NC, actually 15 L at 1420.']])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each([
    [['BP 160/90.', 'Oops, 150/88.'], 'BP 150/88.'],
    [['Aspirin 324 mg PO at 0915.', 'Actually, that was at 0916.'], 'Aspirin 324 mg PO at 0916.'],
    [['BP 150/90, HR 88.', 'Let me go back, the BP was 160/90, I misread it.'], 'BP 160/90, HR 88.'],
    [['Glucose 48 mg/dL.', 'Hang on, that was 84 mg/dL.'], 'Glucose 84 mg/dL.'],
  ])('a sentence of repair words and the value said again corrects the one before: %j', (said, expected) => {
    const { segments, mergedInto } = sentences(...said);
    expect(segments.map((s) => s.content)).toEqual([expected, '']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it('does not take a bare number after repair words for one of several values', () => {
    const said = ['BP 120/80, HR 88, RR 16, SpO2 97%.', 'Wait, 98.'];
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('another reading after repair words', () => {
  it('leaves a second dose or a reading at another site as said', () => {
    const said = 'Versed 2.5 mg IM, wait, 2.5 mg IN second dose at 1425.';
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
    const temp = ['Temp 101.2.', 'Wait, rectal temp 102.4.'];
    expect(sentences(...temp).segments.map((s) => s.content)).toEqual(temp);
  });
});

describe('round 17 second review: a second value with words after it is another reading, not a correction', () => {
  it.each([
    'Narcan 0.4 mg IV, whoops, 2 mg IV, no response to first dose.',
    'Nitro 0.4 mg SL at 1414, BP 150/90, oops, 88/50, pt became hypotensive, held further nitro, NS 250 mL bolus.',
    'ROSC 0236, wait, 0240, lost pulses again.',
    'BP 130/80, wait, 80/50 standing.',
    'SpO2 95%, whoops, 70%, probe slipped off his finger.',
    'EtCO2 38 mmHg, whoops, 12 mmHg, tube came out.',
    'O2 2 L NC, wait, 15 L NRB, sats dropped to 82%.',
    'Bolus 250 mL, make it 500 mL if SBP stays under 90 per OLMC.',
    'pain 3 out of 10 actually 9 out of 10 with palpation',
    'Narcan 0.4 mg IV, actually, 2 mg IN by fire prior to arrival.',
    'BP 130/80 left, actually 168/94 right.',
    'Epi 0.3 mg IM, oops, 0.15 mg IM, pt is 20 kg.',
    'Lac 3 cm, actually 5 cm, two lacs.',
    'BP 150/90, wait, 90/50 at 1430.',
    'Epi 0.3 mg IM, oops, 0.5 mg IM, at 1420, left thigh.',
    'LKW 2200, actually 2130 per wife.',
    'Pressure 172 over 96, oops, 178 over 96, pulse 88.',
    'Oxygen 4 L NC, actually 15 L NRB.',
    'Splint applied at 1322 rather 1324 and distal pulses checked',
    'Zofran 4 milligrams, let me redo this, 8 milligrams IV.',
  ])('leaves both values as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each([
    ['Epi 0.3 mg IM, oops, 0.5 mg IM.', 'Epi 0.5 mg IM.'],
    ['On scene 1410, hold on, 1412.', 'On scene 1412.'],
    ['BP 150/90, wait, 160/90', 'BP 160/90'],
    ['Glucose 48 mg/dL, hold on, 84 mg/dL.', 'Glucose 84 mg/dL.'],
  ])('still corrects a value said again at the end of its sentence: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
});

describe('a cue-word correction followed by words that make it a second reading keeps both values', () => {
  it.each([
    'Narcan 0.4 mg IV, sorry, 2 mg IV, no response to first dose.',
    'ROSC 0236, sorry, 0240, lost pulses again.',
    'SpO2 95%, sorry, 70%, probe slipped off his finger.',
    'BP 130/80, I mean, 80/50 standing.',
    'Versed 2.5 mg IM, correction, 5 mg IM repeated at 1425.',
  ])('keeps both values and asks the provider to confirm: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0, unconfirmed: 1 });
  });

  it.each([
    // Near misses: what follows the new value is where or when it was given, or why the first was wrong.
    ['Diltiazem 20 mg IV, sorry, 25 mg IV at 1412.', 'Diltiazem 25 mg IV at 1412.'],
    ['Narcan 0.4 mg IV, sorry, 2 mg IV, I misread the syringe.', 'Narcan 2 mg IV, I misread the syringe.'],
    ['Epi 0.3 mg IM, scratch that, 0.5 mg IM to the left thigh.', 'Epi 0.5 mg IM to the left thigh.'],
  ])('still corrects when nothing after the new value makes it another reading: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it('replaces a dose and its time said again together, never splicing the two times', () => {
    expect(applySpokenCorrections('Adenosine 6 mg at 1215, sorry, 12 mg at 1217.')).toEqual({
      text: 'Adenosine 12 mg at 1217.',
      corrections: 1,
    });
    expect(applySpokenCorrections('Adenosine 6 mg rapid IV push at 1215, sorry, 12 mg rapid IV push at 1217.')).toEqual({
      text: 'Adenosine 12 mg rapid IV push at 1217.',
      corrections: 1,
    });
  });
});

describe('a correction that says its label again, or a later clause, stays a correction', () => {
  it.each([
    [
      'Initial GCS 13, correction, GCS 14, E4 V4 M6, confused, repeating questions.',
      'Initial GCS 14, E4 V4 M6, confused, repeating questions.',
    ],
    [
      'Standing it dropped to 98 over 60 with a pulse of 92, I mean a pulse of 96, and he got dizzy again.',
      'Standing it dropped to 98 over 60 with a pulse of 96, and he got dizzy again.',
    ],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
});

describe('home medications are drugs a correction may name', () => {
  it.each([
    ["He's on aspirin, scratch that, Plavix.", "He's on Plavix."],
    // Round 17 left this as said only because the formulary lacked the name.
    ['Takes aspirin, strike that, Brilinta, for his stent.', 'Takes Brilinta, for his stent.'],
    ['On warfarin, sorry, Eliquis, for a-fib.', 'On Eliquis, for a-fib.'],
    ['Takes clopidogrel, I mean ticagrelor, daily.', 'Takes ticagrelor, daily.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each(['Takes Plavix, sorry, Doc.', 'Takes Eliquis, and Plavix for his stent.'])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });
});

describe('a sentence that takes the last value back in words of its own', () => {
  const realVitalOf = (label: string) =>
    /^(?:bp|blood pressure|pressure)$/i.test(label) ? 'bp' : /^(?:bgl|sugar|glucose)$/i.test(label) ? 'glucose' : null;
  const read = (...texts: string[]) =>
    applyCorrectionSentences(
      texts.map((content, i) => ({ id: `s${i}`, content })),
      realVitalOf,
    );
  it.each([
    // A retraction verb with what it retracts ("strike the last", "redo that", "back up"), a correction "on that",
    // an admitted error ("that's wrong"): then the value said again, maybe with why the first was wrong.
    [
      ['Epi 0.5 mg IM left lateral thigh at 1908.', 'Correction on that, the dose was 0.3 mg.'],
      'Epi 0.3 mg IM left lateral thigh at 1908.',
    ],
    [['Shocked at 360.', "Let me redo that, we're biphasic, it was 200 joules."], 'Shocked at 200 joules.'],
    [['ROSC at 0622.', 'Back up, 0626, I was reading the wrong line off the strip.'], 'ROSC at 0626.'],
    [['BGL 62.', "That's wrong, sugar is 162, I read the meter upside down."], 'BGL 162.'],
  ])('%j', (said, expected) => {
    const { segments, mergedInto } = read(...said);
    expect(segments.map((s) => s.content)).toEqual([expected, '']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  // The new value said without the unit the old one had ("800 an hour" for "1000 units an hour"): correcting would
  // either lose the unit from the chart line or change the dictated words, so both stay and the provider is asked.
  it.each([
    ['Heparin drip running at 1000 units an hour.', "Strike the last, it's 800 an hour, I double checked the pump."],
    ['Nitro drip at 20 mcg a minute.', "Scratch that, it's 10 a minute."],
    ['Oxygen at 15 liters a minute by NRB.', "Sorry, it's 10 a minute."],
  ])('asks rather than lose the unit: %s %s', (...said) => {
    const { segments, mergedInto, unconfirmed } = read(...said);
    expect(segments.map((s) => s.content)).toEqual(said);
    expect(mergedInto.size).toBe(0);
    expect(unconfirmed).toEqual(['s1']);
  });

  it.each([
    ['ROSC at 0622.', 'Back up arrived at 0626.'],
    ['Epi 0.5 mg IM at 1908.', 'Correction on that, the second dose was 0.3 mg at 1915.'],
    ['BGL 62.', 'After D10, sugar is 162.'],
    ['Shocked at 360.', "Let me redo that, we're biphasic, shocked again at 200 joules."],
    ['Heparin drip running at 1000 units an hour.', "Strike the last, it's 800 an hour now, titrated per protocol."],
    ['BGL 62.', 'That was wrong of him, he skipped lunch.'],
  ])('leaves as said: %s %s', (...said) => {
    const { segments, mergedInto } = read(...said);
    expect(segments.map((s) => s.content)).toEqual(said);
    expect(mergedInto.size).toBe(0);
  });
});

describe('a correction sentence keeps only what it adds, so the treatment it corrects is not read twice', () => {
  it.each([
    [
      ['Solu-Medrol 125 mg IV at 0918, tolerated well.', 'Scratch that, Solu-Medrol 62.5 mg, he is small.'],
      ['Solu-Medrol 62.5 mg IV at 0918, tolerated well.', 'He is small.'],
    ],
    [
      ['Zofran 4 mg IV at 0914, nausea better.', 'Correction, Zofran at 0916, BP 140/80 after.'],
      ['Zofran 4 mg IV at 0916, nausea better.', 'BP 140/80 after.'],
    ],
  ])('%j', (said, expected) => {
    const { segments, mergedInto } = sentences(...said);
    expect(segments.map((s) => s.content)).toEqual(expected);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it('leaves a correction naming another treatment as said', () => {
    for (const said of [['Zofran 4 mg IV at 0914.', 'Correction, Benadryl at 0916, BP 140/80 after.']])
      expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('a value said with a unit corrects a value in that unit', () => {
  it('corrects the CPAP pressure, not the saturation said after it', () => {
    const { segments } = sentences('CPAP at 7.5 cm at 1420, sats 94%.', 'Actually, that was 10 cm.');
    expect(segments.map((s) => s.content)).toEqual(['CPAP at 10 cm at 1420, sats 94%.', '']);
  });

  it('leaves a value in a unit the sentence before does not use as said', () => {
    const said = ['Sats 94% on the monitor.', 'Actually, that was 10 cm.'];
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('a route, a side or an age taken back in other words', () => {
  it.each([
    // "no" with fillers before a route said again, the route all that is said: the route is the drug's.
    ['Benadryl 50 IV, uh, no, IM.', 'Benadryl 50 IM.'],
    // The age said again as a bare number after its subject, with only repair words between.
    ["Pt is a 3 year old female, no, hang on, she's two.", "Pt is a female, she's two."],
    ["She is 3 years old, no, wait, she's two.", 'She is two years old.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    'Zofran 4 mg IV, no IM access needed.',
    'Benadryl 50 IV, no, IM was not needed.',
    // More said after the route: another clause may start with it (review A of round 18, H1).
    "Benadryl 50 IV, uh, no, IM, we didn't have a line yet at that point, given 1910.",
    "Pt is a 3 year old female, no, hang on, she's two weeks out from surgery.",
    // More said after the number: it may belong to the words after it (review A of round 18, H5).
    "Pt is a 3 year old female, no, hang on, she's two, turned two last month per the daycare director.",
    "Pt is a 3 year old female, mom says she's two months behind on shots.",
    "Pt is a 30 year old female, no allergies, she's 2 weeks postpartum.",
    // Someone else's age: another subject than the noun said with the age, or another person named after it.
    "Pt is a 45 year old male, no, wait, she's 2, the daughter, was in the car.",
    "Pt is a 45 year old male, sorry, she's 2.",
    "Pt is a 3 year old female, sorry, she's two, her brother.",
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it('takes the other side of a body part named in the sentence before, after an admitted error', () => {
    const said = [
      "He's 71, says his left hip is killing him, can't put any weight on it.",
      "Wait, I had that backwards, it's his right hip.",
    ];
    const { segments, mergedInto } = sentences(...said);
    expect(segments.map((s) => s.content)).toEqual(["He's 71, says his right hip is killing him, can't put any weight on it.", '']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it.each([
    [["He's 71, says his left hip is killing him.", 'Wait, the right hip is fine.']],
    [["He's 71, says his left hip is killing him.", "Leg's short.", 'Hang on, his right hip hurts too.']],
  ])('leaves a side said after a mere hesitation as said: %j', (said) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('a correction that says the treatment again with one value changed', () => {
  it('corrects that value, whatever values it repeats; a correction saying the whole treatment keeps its words', () => {
    const { segments, mergedInto } = sentences(
      'Nitroglycerin 0.8 milligrams was given sublingually at 0427.',
      'Please disregard the dose I just stated, because the first nitroglycerin dose was actually 0.4 milligrams sublingual at 0427.',
    );
    expect(segments.map((s) => s.content)).toEqual([
      'Nitroglycerin 0.4 milligrams was given sublingually at 0427.',
      'The first nitroglycerin dose was actually 0.4 milligrams sublingual at 0427.',
    ]);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it.each([
    // Two values changed, or none: another dose, or the same one said in other words.
    [['Nitroglycerin 0.8 milligrams was given sublingually at 0427.', 'Correction, nitroglycerin 0.4 milligrams sublingual at 0432.']],
    [['Zofran 4 mg IV at 1302.', 'Scratch that, ondansetron 4 mg ODT at 1302.']],
  ])('leaves as said: %j', (said) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });

  it('asks the provider to confirm a cue whose restated treatment changes two values', () => {
    const said = [
      'Nitroglycerin 0.8 milligrams was given sublingually at 0427.',
      'Correction, nitroglycerin 0.4 milligrams sublingual at 0432.',
    ];
    expect(sentences(...said).unconfirmed).toEqual(['s1']);
    expect(sentences('Zofran 4 mg IV at 1302.', 'Scratch that, ondansetron 4 mg ODT at 1302.').unconfirmed).toEqual([]);
  });

  it.each([
    [['BP 80/40, HR 120.', 'Sorry, BP was 110/70 after the fluid bolus.']],
    [['SpO2 84% RA.', 'Sorry, SpO2 was 94% once on the NRB.']],
    [['HR 150.', 'Correction, HR 110 following the adenosine.']],
    [['BP 90/60.', 'Sorry, BP 118/72 en route.']],
  ])('keeps a value said after a cue but put at another moment, and asks which stands: %j', (said) => {
    const read = sentences(...said);
    expect(read.segments.map((s) => s.content)).toEqual(said);
    expect(read.unconfirmed).toEqual(['s1']);
  });

  it('still corrects a value said again with no other moment after it', () => {
    expect(sentences('BP 80/40, HR 120.', 'Sorry, BP was 110/70.').segments.map((s) => s.content)).toEqual(['BP 110/70, HR 120.', '']);
  });
});

describe('repair words a new author may use (apologies, excuse me, rewind)', () => {
  it.each([
    ['On scene 1410, my apologies, 1412.', 'On scene 1412.'],
    ['BP 150/90, excuse me, 160/90.', 'BP 160/90.'],
    ['Glucose 48 mg/dL, rewind, 84 mg/dL.', 'Glucose 84 mg/dL.'],
    ['Epi 0.3 mg IM, nope, erm, 0.5 mg IM.', 'Epi 0.5 mg IM.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    'BP 150/90, my apologies for the delay, 160/90 on recheck.',
    'On scene 1410, excuse me sir, 1412 patient contact.',
    'Pain 8 out of 10, apologies, 6 out of 10 after fentanyl.',
    'BP 150/90, excuse me, 90/50 standing.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it('reads a sentence of such words and the value said again as a correction of the sentence before', () => {
    const { segments } = sentences('ROSC at 0622.', 'My apologies, 0626.');
    expect(segments.map((s) => s.content)).toEqual(['ROSC at 0626.', '']);
  });
});

describe('corrections that must not delete or alter a real reading', () => {
  it.each([
    // "no," before a route said again only when the route is all that is said and the sentence ends.
    'Attempted IV x2, no, IO established right tibia at 1418, NS TKO.',
    'Any IV access? no, IO placed left humeral head at 1422.',
    'Tried for an IV, no, IM epi 0.3 mg at 1414 given first.',
    'Epi 0.5 mg IM right thigh at 1412, no, IV epi was not indicated.',
    'Glucagon 1 mg IM at 1420, no, IV D50 given after IV obtained at 1430.',
    'Naloxone 2 mg IN at 1412, no, IM dose needed.',
    // A cue before a value of another kind or unit: never spliced into the reading before it.
    'HR 88, let me redo that, 12 lead at 1420 shows sinus.',
    'hr 88 let me redo that 12 lead at 1420 sinus',
    'HR 88, strike the last, 2 L NC started.',
    'sats 93 strike the last 2 liters nasal cannula placed',
    // An age said again only as a bare number ending the sentence (or said with years or months).
    "Patient is a 34 year old female, sorry, she's 3, G3P2, 32 weeks.",
    "66 year old male, sorry, he's 15, GCS 15.",
    "Pt is an 80 year old female, sorry, she's 5, out of 10 pain.",
    "Pt is a 4 year old boy, my apologies, he's 20, kilos.",
    "Pt is a 29 year old female, sorry, she's 2, para 2.",
    "34 year old male, sorry, he's 6, feet tall, 250 pounds.",
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toEqual(said);
  });

  it.each([
    ['Benadryl 50 IV, no, IM.', 'Benadryl 50 IM.'],
    ["Pt is an 80 year old female, sorry, she's 85.", "Pt is a female, she's 85."],
    ["Pt is a 3 year old girl, sorry, she's 4 years old.", "Pt is a girl, she's 4 years old."],
  ])('still corrects: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it('never counts a cue that took no value back as a correction (the same dose said again at another time)', () => {
    const said = 'Narcan 0.4 mg IV at 1410. Let me redo that, Narcan 0.4 mg IV at 1413, second dose.';
    const read = applySpokenCorrections(said);
    expect(read.text).toEqual(said);
    expect(read.corrections).toBe(0);
  });

  it.each([
    // A side two sentences back is out of reach; a side described is the other side, not a swap.
    [['Deformity to left wrist.', 'Splinted with SAM splint.', 'Sorry, right wrist is fine.']],
    [['Pain to the left hip.', 'Leg shortened and rotated.', "Wait, I had that backwards, it's his right hip."]],
    [['Left wrist deformed.', 'Sorry, right wrist is fine.']],
    [['Left femur deformity.', 'My mistake, right femur pain is minimal.']],
    [['Left leg pain.', 'Pardon me, right leg pulses strong.']],
    [['Left pupil 6 mm.', 'Sorry, right pupil is reactive.']],
    [['IV 18 g left AC.', 'Sorry, right AC blown on first attempt.']],
    [['Pt fell on left shoulder.', 'Sorry, right shoulder has old surgery scar.']],
  ])('leaves a side as said: %j', (said) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });

  it('swaps a side whose own clause describes nothing, whatever a later clause says of the other side', () => {
    const { segments } = sentences(
      'Says his left hip is killing him.',
      "Wait, I had that backwards, it's his right hip, the other side was fine.",
    );
    expect(segments.map((s) => s.content)).toEqual(['Says his right hip is killing him.', '']);
  });

  it('still swaps a side taken back in the next sentence', () => {
    const { segments } = sentences('Left knee pain.', 'My bad, right knee.');
    expect(segments.map((s) => s.content)).toEqual(['Right knee pain.', '']);
  });

  it('keeps the rest of a run-on segment after a correction sentence it clears', () => {
    const a = sentences('BP 148 over 90.', 'Back up, it was 184 over 90, I read it wrong. transported to county general pt unchanged');
    expect(a.segments.map((s) => s.content)).toEqual(['BP 184 over 90.', 'Transported to county general pt unchanged']);
    const b = sentences('Left radius deformity.', 'I had that backwards, right radius. transported to county general');
    expect(b.segments.map((s) => s.content)).toEqual(['Right radius deformity.', 'Transported to county general']);
  });

  it.each([
    [
      ['Aspirin 324 mg at 1412.', 'Let me redo that, aspirin 162 mg at 1412, he took 162 at home.'],
      ['Aspirin 162 mg at 1412.', 'He took 162 at home.'],
    ],
    [
      ['Fentanyl 50 mcg IV at 1412.', 'Let me redo that, fentanyl 100 mcg IV at 1412, pain 9/10.'],
      ['Fentanyl 100 mcg IV at 1412.', 'Pain 9/10.'],
    ],
    // A clause that says something new (the side of a reading) is kept whole.
    [
      ['BP 150/90.', 'Sorry, BP 150/90 left, 148/88 right.'],
      ['BP 150/90.', 'Sorry, BP 150/90 left, 148/88 right.'],
    ],
  ])('reads one dose, and loses no reading: %j', (said, expected) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(expected);
  });

  it('merges nothing when a restated treatment keeps both values, and asks to confirm', () => {
    const read = sentences('Narcan 0.4 mg IV at 1410.', 'Let me redo that, Narcan 0.4 mg IV at 1413, resp improved.');
    expect([...read.mergedInto]).toEqual([]);
    expect(read.segments.map((s) => s.content)[0]).toEqual('Narcan 0.4 mg IV at 1410.');
  });
});

describe('round 18 review C: corrections that must not delete, alter or strip a real reading', () => {
  it.each([
    // H1/H6: the correction names the original side again, so what it says of that side is a finding, not a retraction.
    [['Weakness left arm.', 'Wait, my mistake, right arm weakness, left is fine.']],
    [['Droop on the left side of the face.', 'I had it backwards, right side droop, left side symmetric.']],
    [['Decreased breath sounds left base.', 'Sorry, right base, left clear.']],
    [['Pain left flank.', 'Pardon me, right flank pain radiating to groin, left flank nontender.']],
    [['IV left hand 22 g.', 'Sorry, right hand, left hand had a bruise.']],
  ])('keeps both sides and asks which stands: %j', (said) => {
    const read = sentences(...said);
    expect(read.segments.map((s) => s.content)).toEqual(said);
    expect(read.unconfirmed).toEqual(['s1']);
  });

  it.each([
    // Near misses: the correction says only the new side, so it still swaps.
    [['Weakness left arm.', 'Wait, my mistake, right arm weakness.'], 'Weakness right arm.'],
    [['Decreased breath sounds left base.', 'Sorry, right base.'], 'Decreased breath sounds right base.'],
  ])('still swaps a side said alone: %j', (said, expected) => {
    expect(sentences(...said).segments[0]?.content).toEqual(expected);
  });

  it.each([
    // H2: a later clause naming a separate dose with its own time says nothing of the corrected one.
    ['Epi 0.3 mg IM at 1401, my mistake, epi 0.3 mg IM at 1404, second dose at 1416.', 'epi 0.3 mg IM at 1404, second dose at 1416.'],
    ['Zofran 4 mg IV at 1410, my mistake, Zofran 4 mg IV at 1412, another 4 mg at 1430.', 'Zofran 4 mg IV at 1412, another 4 mg at 1430.'],
    ['Narcan 0.4 mg IV at 1410, sorry, Narcan 0.4 mg IV at 1412, repeat dose at 1420.', 'Narcan 0.4 mg IV at 1412, repeat dose at 1420.'],
  ])('corrects a dose when another dose is named later with its own time: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // Said without punctuation, the value named again after its cue inside the same run of words.
    ['bp 78/44 hr 38 rr 16 spo2 94 ra sorry bp was 74/44', 'bp 74/44 hr 38 rr 16 spo2 94 ra'],
    ['bp 184/102 hr 88 rr 20 spo2 96 ra correction the bp was 148 over 92', 'bp 148 over 92 hr 88 rr 20 spo2 96 ra'],
    [
      'bp 224/126 hr 116 rr 24 spo2 84 on room air sorry the resp rate was actually 36 cpap started at 0152 10 centimeters',
      'bp 224/126 hr 116 rr 36 spo2 84 on room air cpap started at 0152 10 centimeters',
    ],
  ])('corrects a named value said again in a run of words: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // Near misses: an apology, a later reading of the same vital, a label the words before never named.
    'he kept saying sorry bp was 130/80 on the recheck',
    'bp 150/90 hr 88 sorry bp was 140/90 on repeat',
    'hr 88 rr 16 correction the bp was 148 over 92',
    // Another moment or source said with the value: a later reading, someone else's, the patient's usual one.
    'bp 80/40 hr 120 sorry bp was 110/70 after the fluid bolus',
    'bp 150/90 hr 88 sorry bp was 140/90 en route',
    'rr 8 sorry resp rate was 16 after narcan',
    'hr 130 sorry the heart rate was 98 once he calmed down',
    'spo2 84 sorry the sat was 92 with cpap',
    'pain 8 out of 10 given fentanyl 50 mcg at 1410 sorry pain was 3 out of 10 at 1420',
    'temp 101.2 sorry the temp was 103 per the daycare',
    'temp 99.1 sorry the temp was 104 at the daycare this afternoon',
    'bp 168/94 hr 88 sorry his doctor said his bp was 210/110 this morning',
    'bp 160/90 hr 100 i mean her normal bp is 120/80 she says',
    'bp 130/80 sorry mom says the bp was 90/60 at the clinic today',
    'pt took his own nitro 0.4 mg at 1400 sorry the nitro he took was at 1345 we gave aspirin 324 mg',
    "pt states pain 10/10 pt kept saying i'm sorry his pain was 10 out of 10 all night",
    'spo2 91 sorry saturation was 95 on 2 liters',
    'bp 140/90 sorry the pressure was 150/90 manual',
  ])('leaves a later or unnamed reading said after a cue as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toEqual(said);
    expect(applySpokenCorrections(said).corrections).toBe(0);
  });

  it.each([
    // The cue is someone else's words, told: nothing is taken back by the speaker.
    'bp 130/80 mom states sorry bp was 90/60',
    'hr 120 she apologized and said sorry the heart rate was 90',
    'bp 150/90 pt yelled sorry bp was 110/70',
  ])('leaves a cue said by someone else in a run of words as said, asking nothing: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each([
    // Put at a later moment: a new reading or a correction, the words cannot tell; the provider is asked, as when said in
    // a sentence of its own.
    'bp 80/40 hr 120 sorry bp was 110/70 after the fluid bolus',
    'bp 150/90 hr 88 sorry bp was 140/90 en route',
    'hr 130 sorry the heart rate was 98 once he calmed down',
  ])('asks which value stands when a value named again in a run of words is put at a later moment: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0, unconfirmed: 1 });
  });

  it.each([
    // Said without punctuation, an ordinal naming another kind of event with its own value is that event, not this dose.
    ['epinephrine 1 mg io at 0915 correction 0914 third shock at 0916 then', 'epinephrine 1 mg io at 0914 third shock at 0916 then'],
    [
      'epi 1 mg io at 0214 make that 0216 second shock 200 j at 0215 i gel size 4',
      'epi 1 mg io at 0216 second shock 200 j at 0215 i gel size 4',
    ],
    ['epi 1 milligram io at 0701 wait no 0703 second shock at 0705 then', 'epi 1 milligram io at 0703 second shock at 0705 then'],
    [
      'narcan 0.4 mg in at 1523 correction narcan 2 mg in at 1523 split between nares second set 1527 rr 8 hr 72',
      'narcan 2 mg in at 1523 split between nares second set 1527 rr 8 hr 72',
    ],
  ])('corrects a time when a run-on goes on to another event with its own value: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // Near misses: the another-dose word right after the new value, or in a later clause with no value of its own.
    'narcan 0.4 mg iv at 1410 sorry 0.4 mg iv second dose at 1412',
    // The other event's noun with no value of its own says nothing apart from the new value.
    'epi 1 mg io at 0214 make that 0216 second shock',
    'narcan 0.4 mg iv at 1410 sorry 0.4 mg iv at 1413 second dose',
    'Narcan 0.4 mg IV at 1410, sorry, 0.4 mg IV second dose at 1412.',
    'Narcan 0.4 mg IV at 1410. Let me redo that, Narcan 0.4 mg IV at 1413, second dose.',
    // A round or an attempt counts doses of a drug too: "second round" of epi, adenosine's "second attempt" at 12 mg.
    'epi 1 mg io at 0914 sorry epi 1 mg io second round at 0920',
    'adenosine 6 mg iv at 1410 sorry 12 mg second attempt at 1412 converted',
    'adenosine 6 mg rapid iv push at 1410 sorry adenosine 12 mg second attempt at 1412',
    'epi 0.3 mg im at 1410 sorry epi 0.3 mg im at 1425 second attempt 2 min later for worsening hives',
  ])('keeps both when the new value is said to be another dose: %s', (said) => {
    const read = applySpokenCorrections(said);
    expect(read.text).toEqual(said);
    expect(read.corrections).toBe(0);
  });

  it.each([
    // H4: a vital's number is never replaced by a dose, nor a pair by a dose.
    'Zofran 4 mg IV, HR 110, sorry, 8 mg IV.',
    'Aspirin 324 mg PO, BP 150/90, sorry, 162 mg PO.',
    'Atropine 0.5 mg at 1301, HR 38, sorry, 1 mg at 1301.',
    // H5: an addition ("too", "as well", "also") after the second value is no correction.
    'left arm weakness sorry, left leg weakness as well',
    'right hip pain sorry left hip pain too',
    'right hip pain, sorry, left hip pain also.',
  ])('never replaces a reading with a value of another kind or an addition: %s', (said) => {
    const read = applySpokenCorrections(said);
    expect(read.text).toEqual(said);
    expect(read.corrections).toBe(0);
  });

  it.each([
    // Near misses: a bare dose corrected by a dose still corrects; a side taken back without an addition still swaps.
    ['Lisinopril 10, sorry, 20 mg.', 'Lisinopril 20 mg.'],
    ['HR 110, sorry, 112.', 'HR 112.'],
  ])('still corrects a value of its own kind: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
});

describe('round 18 review C: a vital corrected in its own unit', () => {
  it.each([
    ['SpO2 88, wait, no, 86%.', 'SpO2 86%.'],
    ['EtCO2 35, sorry, 38 mmHg.', 'EtCO2 38 mmHg.'],
  ])('still corrects: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
});

describe('round 18 review C: a dose said after a vital, after a cue, is left for the provider', () => {
  it.each([
    'Zofran 4 mg IV, HR 110, sorry, 8 mg IV.',
    'Aspirin 324 mg PO, BP 150/90, sorry, 162 mg PO.',
    'Atropine 0.5 mg at 1301, HR 38, sorry, 1 mg at 1301.',
    // Grams are a dose too.
    'D50 25 g IV at 0930, glucose 40, sorry, 12.5 g IV.',
  ])('asks which dose stands: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0, unconfirmed: 1 });
  });

  it.each([
    // Near misses: no dose of that unit in the drug's phrase, or no plain cue.
    'Zofran given, HR 110, sorry, 8 mg IV.',
    'Zofran 4 mg IV, HR 110, actually 8 mg IV more ordered.',
  ])('asks nothing: %s', (said) => {
    expect(applySpokenCorrections(said).unconfirmed).toBeUndefined();
  });
});

describe('round 22 B: an age said with hyphens, a side after "actually it was", a reading after "actually" alone', () => {
  it.each([
    ['The patient is a 15-year-old, correction, 16-year-old female with hives.', 'The patient is a 16-year-old female with hives.'],
    ['Deformity of the right thigh, actually it was the left, bleeding controlled.', 'Deformity of the left thigh, bleeding controlled.'],
    ['Solu-Medrol 125 mg IV, actually it was IM.', 'Solu-Medrol 125 mg IM.'],
    ['blood pressure one sixty over ninety actually one fifty over ninety pulse 88', 'blood pressure one fifty over ninety pulse 88'],
    ['BP 142/90 actually 124/90, HR 88.', 'BP 124/90, HR 88.'],
  ])('corrects: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // Near misses: "actually" alone with words of the new value's own, or before a value of another shape; the same side again.
    'BP 142/90 actually 124/90 standing.',
    'HR 88 actually 2 L NC started.',
    'Pain in the right thigh, actually it was the right knee too.',
    'She is 15-year-old, actually 16-year-old brother at home.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).corrections).toBe(0);
  });
});

describe('round 22 B: a sentence that names what it corrects ("…, that epi was 0914")', () => {
  it('replaces the value of what it names in the sentence before, whatever its opening clause says', () => {
    const { segments, mergedInto } = sentences('Epi 1 mg IO at 0912.', 'Monitor log overrides me, that epi was 0914.');
    expect(segments.map((s) => s.content)).toEqual(['Epi 1 mg IO at 0914.', '']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it.each([
    // Near misses: no value, a thing the sentence before does not name, a value in the opening clause, another dose.
    [['Epi 1 mg IO at 0912.', 'Pulse check, that epi was the second dose.']],
    [['Epi 1 mg IO at 0912.', 'Per the monitor, that amio was 0915.']],
    [['Epi 1 mg IO at 0912.', 'Pulse check at 0914, that epi was 1 mg.']],
    [['Epi 1 mg IO at 0912.', 'Pulse check, that second epi was 0916.']],
  ])('leaves as said: %j', (said) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('round 22 B: a sentence that names the word it takes back ("Negative on the IV piece, that was IM")', () => {
  it('swaps that word in the sentence before and keeps what the sentence adds', () => {
    const { segments, mergedInto } = sentences('Epi 0.5 mg IV push, 1853.', 'Negative on the IV piece, that was IM, L lateral thigh.');
    expect(segments.map((s) => s.content)).toEqual(['Epi 0.5 mg IM push, 1853.', 'L lateral thigh.']);
    expect([...mergedInto]).toEqual([['s1', 's0']]);
  });

  it.each([
    // Near misses: the opening names no word the sentence before says, or the same word again.
    [['Epi 0.5 mg IV push, 1853.', 'Tried for an IO first, that was IM after.']],
    [['Epi 0.5 mg IM, 1853.', 'Good on the IM, that was IM in the thigh.']],
  ])('leaves as said: %j', (said) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('round 22 B: "let me back up", a time said in words after "actually it was", a side written R or L', () => {
  it.each([
    ['Gave the Solu-Medrol IV at 0612, let me back up, it was 0615.', 'Gave the Solu-Medrol IV at 0615.'],
    [
      'last known well was thirteen thirty actually it was twelve thirty when they brought his lunch',
      'last known well was twelve thirty when they brought his lunch',
    ],
    ['CC R wrist pain, strike that, L wrist pain, deformity.', 'CC L wrist pain, deformity.'],
  ])('corrects: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // Near misses: words after "actually it was" that are no time; a count in words; "back up" said of something else.
    'last known well was thirteen thirty actually it was after lunch',
    'pain started at two thirty actually it was two episodes',
    'We called for back up, it was 0615 when they came.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).corrections).toBe(0);
  });
});

describe('round 22 B: "no, is wrong" and an age said in years before a dash', () => {
  it('corrects the age said again', () => {
    expect(applySpokenCorrections('She is 45 years — no, is wrong, she is 54 years old, the son tell me again.')).toEqual({
      text: 'She is 54 years old, the son tell me again.',
      corrections: 1,
    });
  });

  it.each([
    // Near misses: what is wrong said of something else; years of a span.
    'She is 45 years old, no, nothing is wrong, she is 54 kilos.',
    'Smoked for 45 years — no, is wrong, she is 54 years old.',
  ])('leaves the age as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toContain('45');
  });
});

describe('review of round 22 B: near misses of the new cues', () => {
  it.each([
    // "actually it was" a side or route with more words of its own says more of another thing.
    'Pain in the right knee, actually it was the left that hurt more.',
    'IV attempted in the right AC, actually it was IO that worked.',
    'Zofran 4 mg IV, actually it was IM originally ordered but we gave IV.',
    // "let me back up / go back" told as a story, back in time.
    'Zofran 4 mg IV at 1420, let me back up, prior to that we gave 324 mg aspirin at 1410.',
    'BP 150/90 at 1420, let me go back, on arrival BP was 180/100.',
    // An L after a number is litres.
    'O2 15 L NRB, sorry, R radial pulse weak.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });

  it.each([
    [['Pulse 120 on arrival.', 'After fluids, that pulse was 98.']],
    [['BP 160/90 after the first nitro.', 'After the second nitro, that BP was 140/80.']],
    [['Pain 8/10 on arrival.', 'By the hospital, that pain was 4/10.']],
    [['GCS 8 on arrival.', 'En route, that GCS was 12.']],
    [['Epi 1 mg IO at 0912.', 'For the record, that epi was 1 of 3 doses.']],
    [['Aspirin 324 mg PO at 1410.', 'Per the patient, that aspirin was 81 mg baby aspirin he chewed earlier.']],
  ])('keeps a later reading of the thing named: %j', (said) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });
});

describe('review of round 22 B: a reading retaken, a word told of, what was wrong said', () => {
  it.each([
    [['BP 140/90.', 'Repeated, that BP was 150/90.']],
    [['BP 140/90.', 'Manual check, that BP was 150/90.']],
    [['Glucose 45.', 'Rechecked, that glucose was 110.']],
    [['Zofran 4 mg IV at 1410.', 'IV was patent, that was IO in the tibia later.']],
    // The opening says something of the patient, which a correction would drop.
    [['Zofran 4 mg IV at 1420.', 'Patient vomited, that zofran was 1425.']],
    [['Zofran 4 mg IV at 1420.', 'Patient still nauseated, that zofran was 4 mg.']],
    [['Epi 1 mg at 0912.', 'Rhythm check, that epi was 1 mg.']],
  ])('keeps both sentences: %j', (said) => {
    expect(sentences(...said).segments.map((s) => s.content)).toEqual(said);
  });

  it('leaves no sentence of punctuation when the word taken back ends it', () => {
    expect(sentences('Nitro 0.4 SL given.', 'Negative on the SL, that was PO.').segments.map((s) => s.content)).toEqual([
      'Nitro 0.4 PO given.',
      '',
    ]);
  });

  it('leaves no word the sentence before already says after the word taken back', () => {
    expect(sentences('IV 18 g in the left AC.', 'Negative on the left, that was right AC.').segments.map((s) => s.content)).toEqual([
      'IV 18 g in the right AC.',
      '',
    ]);
  });

  it('reads "no, it was wrong" with more words as what was wrong, no cue', () => {
    const said = 'Asked if the medication helped, no, it was wrong medication per daughter.';
    expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });
});

describe('a side or route said again after a lead-in ("that was her right side", "the right"), and "I meant"', () => {
  it.each([
    // The side said again after "that was her" / "the": the side before it is taken back, the words after it stay.
    [
      'Complaining of pain in her left side, sorry, that was her right side, right lower ribs.',
      'Complaining of pain in her right side, right lower ribs.',
    ],
    ['Open femur fracture on the left, wait, no, the right, R thigh, bleeding.', 'Open femur fracture on the right, R thigh, bleeding.'],
    ["Pain in his left knee, sorry, it's the right knee.", 'Pain in his right knee.'],
    // "I meant" is "I mean" said in the past.
    ['Ipratropium 250 micrograms sorry i meant 500 micrograms by neb at 1541.', 'Ipratropium 500 micrograms by neb at 1541.'],
    ['Zofran 4 mg IV, I meant IM.', 'Zofran 4 mg IM.'],
    // A route said again with no comma keeps the words after it as they were said, with no comma added.
    [
      'gave versed 10 milligrams intranasal i mean intramuscular in the left thigh at 1411',
      'gave versed 10 milligrams intramuscular in the left thigh at 1411',
    ],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // The side after the lead-in is described, or goes on to say another thing: a finding of its own.
    'Pain in her left side, sorry, that was her right side that got hit first.',
    'pain in her left side sorry that was her right side that got hit first',
    'pain in her left knee sorry that was her right knee is swollen too',
    // Without the speaker's retraction, or with a finding or comparison of the side said again: both sides are findings.
    'deformity left wrist i mean the right wrist fine',
    'lung sounds diminished left base sorry the right base clear',
    'pain in left knee i mean the right knee worse than the left',
    'bp 130 over 80 left arm sorry the right arm 150 over 90',
    'daughter said it was the left knee sorry that was the right knee per pt',
    'grip weak left hand sorry that was the right hand strong',
    'Pain in her left side, sorry, the right is fine.',
    'Pain in her left side, sorry, the right side has a bruise too.',
    // "what I meant" explains; no value is said again.
    'Left arm weakness, what I meant was she could not lift it.',
    // Someone else's words.
    'Abrasion to the left knee, the right one was bandaged by the school nurse.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('a cue said as someone\'s words ("pt keeps saying sorry, the right")', () => {
  it.each([
    'Left wrist deformity, pt keeps saying sorry, the right.',
    "Pt fell on her left hip, she apologized and said sorry, it's the right.",
    'Pt was complaining of left arm pain, she said my bad, the right.',
    'IV left AC, pt said I meant the right.',
    'Left sided weakness, daughter says sorry, the right.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });

  it('still swaps the side the speaker takes back', () => {
    expect(applySpokenCorrections('Left wrist deformity, sorry, the right.').text).toBe('right wrist deformity.');
  });
});

describe('a value said again by its label alone keeps what the correction did not take back', () => {
  it.each([
    // The time of the reading is not said again, and not taken back: only the pressure changes.
    ['bp 150/90 at 1410, sorry, bp 140/90, repeat at 1420 130/80', 'bp 140/90 at 1410, repeat at 1420 130/80'],
    ['SpO2 84 at 0215, correction, SpO2 81, placed on NRB.', 'SpO2 81 at 0215, placed on NRB.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // The time said again with the value: the whole phrase is restated.
    ['bp 150/90 at 1410, sorry, bp 140/90 at 1412, repeat at 1420 130/80', 'bp 140/90 at 1412, repeat at 1420 130/80'],
    // A restart from a word that says more than the label and its value still withdraws the phrase as before.
    ['IV 20 L hand at 1410, scratch that, IV 20 L forearm at 1410.', 'IV 20 L forearm at 1410.'],
  ])('restated whole: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
});

describe('a side said again after "that was his/her": whose it is stays', () => {
  it.each([
    ['Laceration to the left hand, sorry, that was his right hand.', 'Laceration to his right hand.'],
    ['laceration to the left hand sorry that was his right hand', 'laceration to his right hand'],
    // Already said as whose: nothing added.
    ['Pain in her left knee, sorry, that was her right knee.', 'Pain in her right knee.'],
    // "the" after the lead-in names nobody: as before.
    ['Laceration to the left hand, sorry, that was the right hand.', 'Laceration to the right hand.'],
    // Without punctuation, the body part said again closes what is taken back; the finding after it is the next one.
    [
      'deformity to the left wrist sorry that was the right wrist good pulses and sensation',
      'deformity to the right wrist good pulses and sensation',
    ],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
});

describe('"i meant" after what the patient states', () => {
  // Told in the third person ("he had"), the patient's words are the speaker's report: "i meant" is the speaker's own
  // correction of the number reported. Quoted in the first person ("i had"), the "i meant" belongs to the quote: the
  // patient's words, kept as said.
  it('corrects a number of a report in the third person', () => {
    expect(applySpokenCorrections('pt states he had 6 beers i meant 8 beers')).toEqual({
      text: 'pt states he had 8 beers',
      corrections: 1,
    });
    expect(applySpokenCorrections('Pt states he had 6 beers, I meant 8 beers.')).toEqual({
      text: 'Pt states he had 8 beers.',
      corrections: 1,
    });
  });
  it.each([
    'pt states i had 6 beers i meant 8 beers',
    'Pt states, "I had 6 beers, I meant 8 beers."',
    'wife says i gave him 2 of his nitro sorry 3 of his nitro',
  ])('leaves a first-person quote as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
  it.each([
    ['pt states i fell off the ladder bp 150 over 90 sorry 140 over 90 hr 88', 'pt states i fell off the ladder bp 140 over 90 hr 88'],
    ['Pt states I feel dizzy and weak, BP 150/90, sorry, 140/90, HR 88.', 'Pt states I feel dizzy and weak, BP 140/90, HR 88.'],
    ['pt says i hit my head glucose 45 sorry 54 given oral glucose', 'pt says i hit my head glucose 54 given oral glucose'],
    [
      'wife says i found him on the floor we placed him on 4 liters nc sorry 2 liters nc',
      'wife says i found him on the floor we placed him on 2 liters nc',
    ],
  ])('corrects a reading of the crew said after a quote without marks: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    ['pt states i have been vomiting since 0600 correction since 0500', 'pt states i have been vomiting since 0500'],
    ['pt says i took 2 of my nitro scratch that 3 of my nitro', 'pt says i took 3 of my nitro'],
  ])('reads a cue only a dictating medic says inside a first-person quote: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it('still corrects after a quote that ended in an earlier sentence', () => {
    expect(applySpokenCorrections('Pt states i fell. BP 150/90, sorry, 140/90.').text).toBe('Pt states i fell. BP 140/90.');
  });
});

describe('a phrase said again in a run of words, the next statement right after it', () => {
  it.each([
    [
      '12 lead showed st elevation in v2 through v4 disregard that v1 through v4 anterior stemi',
      '12 lead showed st elevation in v1 through v4 anterior stemi',
    ],
    ['spo2 84 on 2 lpm make that 81 on 2 lpm etco2 58', 'spo2 81 on 2 lpm etco2 58'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // The phrase said again is put at a later moment: another reading, not the first corrected.
    'pain 8 out of 10 sorry 6 out of 10 after the fentanyl',
    'spo2 84 on 2 lpm sorry 92 on 2 lpm after the neb',
    // A cue said as someone's words.
    'st elevation in v2 through v4 pt keeps saying sorry v1 through v4 hurts',
  ])('leaves the first value standing: %s', (said) => {
    const read = applySpokenCorrections(said);
    expect(read.corrections).toBe(0);
    expect(read.text).toBe(said);
  });
});

describe('in a run of words, "go back on that" before a value named again', () => {
  it.each([
    ['hr 112 sats 84 percent on room air go back on that the sat was 86 percent i read the wrong line', '86 percent', '84 percent'],
  ])('%s', (said, now, was) => {
    const read = applySpokenCorrections(said);
    expect(read.corrections).toBe(1);
    expect(read.text).toContain(now);
    expect(read.text).not.toContain(was);
  });

  it.each([
    // Another dose, a later moment, another reading: both stand.
    'epi 0.3 mg im at 1410 sorry the second epi was given at 1415',
    'spo2 82 ra cpap at 5 cm sorry the cpap was started at 10 cm after the neb',
    'sats 84 percent go back on that the sat was 86 percent on 15 l nrb',
    // Told of someone.
    'sats 84 percent mom states sorry the sat was 86 percent',
    // Going back on a medication, said of the patient.
    'pt stopped his metoprolol 25 mg last week and was supposed to go back on that 50 mg was prescribed',
    'pt stopped his lasix 40 mg and will go back on that 20 mg tomorrow',
  ])('takes no value back: %s', (said) => {
    const read = applySpokenCorrections(said);
    expect(read.corrections).toBe(0);
    expect(read.text).toBe(said);
  });
});

describe("an addition is said of the value corrected, not of the crew's next statement", () => {
  it('reads the correction after a time written as said in French ("19h41")', () => {
    expect(applySpokenCorrections('epinephrine 0.5 mg no 0.3 mg intramuscular in the right thigh at 19h41 we give also').corrections).toBe(
      1,
    );
  });
  it('reads the correction when "also" ends the crew\'s next statement in a run of words', () => {
    expect(applySpokenCorrections('epinephrine 0.5 mg no 0.3 mg intramuscular in the right thigh at 1941 we give also')).toEqual({
      text: 'epinephrine 0.3 mg intramuscular in the right thigh at 1941 we give also',
      corrections: 1,
    });
  });
  it.each([
    // Said of the new value itself: an addition, nothing taken back.
    'left arm weakness sorry left leg weakness as well',
    'left arm weakness sorry left leg weakness and some facial droop as well',
    'Left arm weakness, sorry, left leg weakness too.',
    // The crew's words said of the new value, no time between: an addition.
    'left arm weakness sorry left leg weakness we found as well',
    'left arm weakness sorry left leg weakness which we noted as well',
    'epi 0.3 mg im sorry 0.5 mg we gave also',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('a route said again in lower case, as a recogniser writes it', () => {
  it.each([
    ['solu medrol 125 mg iv at 0229 scratch that im no line yet at that point', 'solu medrol 125 mg im at 0229 no line yet at that point'],
    ['zofran 4 mg iv sorry io', 'zofran 4 mg io'],
    ['zofran 4 mg iv sorry im', 'zofran 4 mg im'],
    ['toradol 30 mg iv scratch that im in the left deltoid', 'toradol 30 mg im in the left deltoid'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    // "im" is also "I'm" without its apostrophe.
    'zofran 4 mg iv at 0229 sorry im not sure of the time',
    'gave zofran 4 mg iv i mean im just guessing on the dose',
    'zofran 4 mg iv sorry im guessing on the time',
    'zofran 4 mg iv at 0229 sorry im unsure of the time',
    'nitro 0.4 mg sl sorry im having trouble hearing',
    'fentanyl 50 mcg iv sorry im checking the time',
    'zofran 4 mg iv sorry im unable to recall',
    // "in" and "po" are words of a clause in lower case.
    'narcan 2 mg iv sorry in the left nare too',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('a clock time written with a colon corrects a clock time', () => {
  it.each([
    [
      'Baby delivered at 14:32, no actually 14:37, I looked at the monitor wrong.',
      'Baby delivered at 14:37, I looked at the monitor wrong.',
    ],
    ['Baby delivered at 14:32, actually it was 14:37.', 'Baby delivered at 14:37.'],
    ['Narcan given at 02:15, oh wait, it was 02:18.', 'Narcan given at 02:18.'],
    ['ROSC at 9:42, no actually 9:44, pulse strong.', 'ROSC at 9:44, pulse strong.'],
    ['On scene 13:05, hold on, 13:07.', 'On scene 13:07.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    // "actually it was" before a dose is not a time taken back.
    'Zofran given at 14:32, actually it was 2 doses.',
    // Another event at a later time.
    'Delivered at 14:32, actually 14:37 the placenta came.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('a 24-hour time said in words, the hour with its zero', () => {
  it.each([
    [
      'epi one milligram io given at zero three twenty six scratch that zero three twenty four',
      'epi one milligram io given at zero three twenty four',
    ],
    ['on scene at oh four ten correction oh four twelve', 'on scene at oh four twelve'],
    ['narcan at zero two fifteen actually it was zero two eighteen', 'narcan at zero two eighteen'],
    // A time taken back by a time: what the drug did after it says nothing of another dose.
    [
      'epi one milligram io given at zero three twenty six scratch that zero three twenty four with no change in rhythm',
      'epi one milligram io given at zero three twenty four with no change in rhythm',
    ],
    ['amiodarone 300 mg io at 0328 correction 0329 with no change', 'amiodarone 300 mg io at 0329 with no change'],
    // Another event with its own value opens the next statement, said without punctuation.
    [
      'epi 1 mg io at zero three twenty six scratch that zero three twenty four no change second shock at 200 joules then',
      'epi 1 mg io at zero three twenty four no change second shock at 200 joules then',
    ],
    ['epi 1 mg io at 0326 correction 0324 then third shock at 0330', 'epi 1 mg io at 0324 then third shock at 0330'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    // A dose said again with no change after it may be a second dose: asked, both kept.
    'epi 1 mg io scratch that 1 mg io no change',
    // The ordinal said of the value itself: another dose, asked.
    'epi 1 mg io at 0326 correction 0330 second dose',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('a weight corrected, the unit said once', () => {
  it.each([
    ["She's about 30 kilos, make that 35, Dad says she just got weighed.", "She's about 35 kilos, Dad says she just got weighed."],
    ['Weight 20 kg, sorry, 25.', 'Weight 25 kg.'],
    ['He weighs about 180 pounds, I mean 210.', 'He weighs about 210 pounds.'],
    ['est weight 40 kilograms correction 45 kilograms', 'est weight 45 kilograms'],
    ['Zofran 4 mg, sorry, 8, given IV.', 'Zofran 8 mg, given IV.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    // Another quantity said after the cue is the next statement.
    "She's about 30 kilos, sorry, 2 L NC started.",
    // A weight and a dose per weight are said apart: "per kilo" is the rate of the dose.
    'Weight 20 kg, gave 0.15 mg per kg.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('an error owned as the cue: "that was wrong", "that is not right"', () => {
  it.each([
    ["She's two years old, sorry, that was wrong, she's 22 months, female, about 12 kilos.", "She's 22 months, female, about 12 kilos."],
    ['Glucose 82, that was wrong, 62.', 'Glucose 62.'],
    ['BP 150/90, that is not right, 130/90.', 'BP 130/90.'],
    ['Aspirin 162 mg, that was incorrect, 324 mg PO.', 'Aspirin 324 mg PO.'],
    ['HR 120, sorry, that was wrong, HR 102.', 'HR 102.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    // What was wrong, said of something else: no value taken back.
    'Family said the dose was wrong, 2 tabs instead of 1.',
    'Pt states the medication was wrong, 50 mg of metoprolol.',
    'She knew something was wrong, 2 days of headache.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('an age said again as a bare number, a clause going on after it', () => {
  it.each([
    [
      "Patient one was the driver, a 16-year-old boy, sorry, he's 17, he told me his birthday was last month, restrained.",
      "Patient one was the driver, a boy, he's 17, he told me his birthday was last month, restrained.",
    ],
    ["Pt is a 4-year-old girl, sorry, she's 5, per mom.", "Pt is a girl, she's 5, per mom."],
    ["A 70-year-old male, no wait, he's 71, his wife corrected me.", "A male, he's 71, his wife corrected me."],
    [
      "Pt is a 3 year old female, no, hang on, she's two, mom says she turned two last month.",
      "Pt is a female, she's two, mom says she turned two last month.",
    ],
    ["an 80 year old woman, sorry, she's 82, according to her daughter", "a woman, she's 82, according to her daughter"],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    // The number goes on as another reading.
    "Pt is a 15-year-old boy, sorry, he's 15, GCS 15.",
    "A 30-year-old female, sorry, she's 5, out of 10 pain.",
    // Someone else's age.
    "A 40-year-old male, sorry, she's 12, his daughter.",
    "A 16-year-old boy, sorry, he's 17, his brother was driving.",
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('a number written with a thousands separator is one value', () => {
  it.each([
    [
      'The heparin infusion was verified at 1,000 units per hour, correction, 1,200 units per hour, via IV pump.',
      'The heparin infusion was verified at 1,200 units per hour, via IV pump.',
    ],
    ['NS bolus 1,000 mL, sorry, 1,500 mL.', 'NS bolus 1,500 mL.'],
    ['Heparin 4,000 units IV, scratch that, 5,000 units IV.', 'Heparin 5,000 units IV.'],
    ['Fluids 1,000 mL, I mean 500 mL, wide open.', 'Fluids 500 mL, wide open.'],
    ['Heparin 1,000 units per hour, sorry, 1,200.', 'Heparin 1,200 units per hour.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    // A list said with commas and spaces is several values.
    'BP 120, 118, 116 on repeat.',
    'Heparin 1,000 units per hour, 1,200 units per hour after the bolus.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
  // Thousands said apart: the unit said after the new number stays with it, never carried to a part of it.
  it('keeps "1 200 units per hour" whole', () => {
    expect(applySpokenCorrections('heparin at 1 000 units per hour correction 1 200 units per hour via pump').text).toContain(
      '1 200 units per hour via pump',
    );
  });
});

describe('said without punctuation: the error owned, then the value said again', () => {
  it.each([
    ['she is 45 years no is wrong she is 54 years old the son tell me again', 'she is 54 years old the son tell me again'],
    ['glucose 82 no it was wrong it was 62', 'glucose 62'],
    ['bp 150/90 that was wrong 130/90 hr 88', 'bp 130/90 hr 88'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    'no it was wrong medication per daughter 2 tabs',
    "a 15 year old boy sorry he's 15 gcs 15",
    "a 30 year old female sorry she's 5 out of 10 pain",
    // Without a comma the age said again is not read: the old age's words would go with it and the patient's age unread.
    "a 16 year old boy sorry he's 17 he told me his birthday was last month",
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('an error owned by someone else, or a wrong answer judged, takes nothing back', () => {
  it.each([
    // Someone's judgement of their own act: the overdose stays in the record.
    'pt accidentally injected 40 units of lantus she realized that was wrong 20 units is her usual dose',
    'patient take 40 units insulin by mistake she know that is wrong 20 units is normal',
    // The patient's wrong answer is the finding.
    'Asked pt the year pt answered 1985 that is incorrect 2026 is the year pt oriented x2',
    'we ask the year patient say 1990 that is wrong it is 2026 so disoriented',
    'she answer 1990 no is wrong 2026 pt confused',
    'Pt counted backwards from 100 by 7s, 93, 86, 80, that was wrong, 79.',
    'patient tell me 2 days no it is wrong it was 3 days',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
  it.each([
    // The speaker's own error, said after a reading: still a correction.
    ['glucose 82 that was wrong 62', 'glucose 62'],
    ['pain 8 out of 10 i was wrong 6 out of 10', 'pain 6 out of 10'],
    ['Pt states chest pain since 1400. BP 150/90, that was wrong, 130/90.', 'Pt states chest pain since 1400. BP 130/90.'],
    ['pt states he fell bp 150/90 that was wrong 130/90', 'pt states he fell bp 130/90'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said).text).toBe(expected);
  });
});

describe('a number far from the age said before it, a clause going on after it, is no age said again', () => {
  it.each([
    // A pain score, or someone else's age.
    "A 60-year-old male, sorry, he's 10, he says it's the worst pain of his life.",
    "A 45-year-old male, actually he's 8, he says, on the pain scale.",
    "Pt is a 70-year-old male, sorry, he's 7, he is the grandson who called.",
    "a 50-year-old male, sorry, he's 9, he rates his pain",
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
  it.each([
    ["Pt is a 28-year-old female, sorry, she's 34, we think, no ID on her.", "Pt is a female, she's 34, we think, no ID on her."],
    ["Pt is a 45 year old female, sorry, she's 54, per her son.", "Pt is a female, she's 54, per her son."],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said).text).toBe(expected);
  });
});

describe('a bare number said for a dose, a word of its own after it, keeps no unit', () => {
  it.each([
    ['Aspirin 324 mg, sorry, 4 chewable baby aspirin given PO.', '4 mg'],
    ['Aspirin 324 mg, sorry, 4 tabs chewed.', '4 mg'],
    ['NS 500 mL, sorry, 18 gauge in the left AC.', '18 mL'],
    ['Albuterol 2.5 mg, sorry, 2 nebs back to back.', '2 mg'],
    ['Solu-Medrol 125 mg, sorry, 1 vial.', '1 mg'],
  ])('%s', (said, invented) => {
    expect(applySpokenCorrections(said).text).not.toContain(invented);
  });
  it.each([
    ['Zofran 4 mg, sorry, 8 IV.', 'Zofran 8 mg IV.'],
    ['Fentanyl 50 mcg, correction, 100 IN at 1410.', 'Fentanyl 100 mcg IN at 1410.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said).text).toBe(expected);
  });
});

describe('after an owned error, a value that opens a statement of its own takes nothing back', () => {
  it.each([
    'the pharmacy fill the metoprolol 50 mg that is wrong 25 mg is the dose',
    'family gave 2 nitro that was wrong 1 is the most they were told to give',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
  it.each([
    ['glucose 45 that was wrong it was 54', 'glucose 54'],
    ['we give aspirin 324 mg no is wrong it was 162 mg', 'we give aspirin 162 mg'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said).text).toBe(expected);
  });
});

describe('a cue said after a semicolon takes the semicolon with it', () => {
  it.each([
    ['Core temp measured at 33.2 degrees; correction, 34.2 degrees.', 'Core temp measured at 34.2 degrees.'],
    ['Heart rate 128; correction, 118.', 'Heart rate 118.'],
    ['Weight estimated at 70 kg; scratch that, 80 kg.', 'Weight estimated at 80 kg.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each(['Aspirin 324 mg given; sorry, she refused it.', 'BP 150/90; sorry, HR 88 regular.'])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('"actually it was" and a bare number said again for a named reading', () => {
  it.each([
    ['sugar 212 actually it was 221', 'sugar 221'],
    ['gcs 14 actually it was 13', 'gcs 13'],
    ['etco2 38 actually it was 48 pulse 70', 'etco2 48 pulse 70'],
    ['Blood sugar 58, actually it was 85.', 'Blood sugar 85.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    'pain 9 actually it was 2 hours ago that it started',
    'resp 22 actually it was 2 minutes later we rechecked',
    'she took 2 tablets actually it was 3',
    'he had 4 beers actually it was 6',
    'pulse 104 actually it was 114 on the monitor',
    'spo2 91 actually it was 93 after the neb',
    'sugar 212 at home actually it was 221',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('an age said after "she\'s" and said again bare after "actually"', () => {
  it.each([
    ["He's seventy-one, actually seventy-three, and lives alone.", "He's seventy-three, and lives alone."],
    ['She is 58, actually 68, per her ID.', 'She is 68, per her ID.'],
    ["she's 40 actually 41.", "she's 41."],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  it.each([
    "She's 80, actually she's doing well for 80.",
    "He's 6, actually 7 months post op.",
    "She's 90 actually 2 days post op.",
    'The daughter is 50, actually 52, she is the caller.',
    'Pain is 8, actually 6 at rest.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('round 27 narrowing: a correction after a semicolon, a reading someone else gave, an age then a later reading', () => {
  // After a semicolon the next words start a statement of their own unless the new value is all that is said.
  it.each(['Pain 8; sorry, 3 episodes of vomiting today.', 'SpO2 88% on room air; sorry, 94% after 4 L NC.'])(
    'leaves as said after a semicolon: %s',
    (said) => {
      expect(applySpokenCorrections(said).text).toBe(said);
    },
  );
  it.each([
    ['Gave Zofran 4 mg IV; correction, 8 mg IV.', 'Gave Zofran 8 mg IV.'],
    ['Fentanyl 50 mcg IN at 1422; correction, 1424.', 'Fentanyl 50 mcg IN at 1424.'],
    ['SpO2 88%; my mistake, 86%.', 'SpO2 86%.'],
    ['Zofran 4 mg; correction, 8 mg given IV.', 'Zofran 8 mg given IV.'],
    ['NS 500 mL; correction, 1000 mL wide open.', 'NS 1000 mL wide open.'],
    ['Narcan 2 mg IN; sorry, 4 mg IN at 1413 with good response.', 'Narcan 4 mg IN at 1413 with good response.'],
  ])('still corrects after a semicolon: %s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });
  // A reading another person or agency gave, set right by the crew, is theirs as they gave it.
  it.each([
    'the nurse says her glucose was 40 actually it was 60',
    'Fire had her sugar at 40, actually it was 60.',
    'Per the daughter her pulse was 50 actually it was 40.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
  // "actually 92, after the neb" is a later reading, not the first one corrected.
  it.each(["SpO2, she's 88, actually 92, after the neb.", "She's 88, actually 94, now on 2 L."])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('an error owned as "I say wrong", as a second-language speaker says it', () => {
  it.each([
    ['We give midazolam 10 mg intranasal, sorry, I say wrong, 5 mg intranasal, at 08:21.', 'We give midazolam 5 mg intranasal, at 08:21.'],
    ['Pulse 120, I said it wrong, pulse 102.', 'pulse 102.'],
  ])('%s', (said, expected) => {
    expect(applySpokenCorrections(said)).toEqual({ text: expected, corrections: 1 });
  });

  it.each([
    // What someone else said wrong, or what the speaker says was said wrong by them.
    'The patient says I say his name wrong, 52 years old, from Kraków.',
    'Daughter said I said it wrong, she takes 5 mg not 10.',
  ])('leaves as said: %s', (said) => {
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('a pressure said in words after "actually it was"', () => {
  it('corrects the pressure said in words before it', () => {
    expect(
      applySpokenCorrections(
        'bp one hundred twenty eight over seventy actually it was one hundred thirty eight over seventy heart rate 90',
      ),
    ).toEqual({ text: 'bp one hundred thirty eight over seventy heart rate 90', corrections: 1 });
  });

  it('leaves a pressure that is not the one before it as said', () => {
    const said = 'she says her pressure at home was high actually it was one sixty over ninety this morning';
    expect(applySpokenCorrections(said).text).toBe(said);
  });
});

describe('a time said again as an estimate after "actually it was"', () => {
  it('takes the first time back ("onset at approximately 06:30, actually it was closer to 06:45")', () => {
    expect(
      applySpokenCorrections('Chest pressure with onset at approximately 06:30, actually it was closer to 06:45 per his wife.'),
    ).toEqual({
      text: 'Chest pressure with onset at approximately 06:45 per his wife.',
      corrections: 1,
    });
    expect(applySpokenCorrections('Found down at 0610, actually it was more like 0620.').text).toBe('Found down at 0620.');
  });

  it('is no correction of a value of another shape, nor said of something else', () => {
    for (const said of [
      'Fentanyl 50 mcg IV at 1410, actually it was closer to 2 doses, 50 mcg each.',
      'Pain 8 out of 10, actually it was closer to the groin.',
      'SpO2 94% on 4 L, wait, it was more like 88% on room air before the oxygen.',
    ])
      expect(applySpokenCorrections(said)).toEqual({ text: said, corrections: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { classifySegment, documentsNothing, extractEmsFacts, splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/** The piece of `pieces` that contains `words`, or undefined. */

describe('run-on dictation: where a recogniser text is cut', () => {
  it('reads a two-person assist as the crew moving the patient', () => {
    const moved = (content: string) => extractEmsFacts([{ id: 's1', content }]).procedures.map((p) => p.name);
    expect(moved('two person assist with a gait belt back to his walker')).toContain('patient movement');
    expect(moved('2-person lift to the stretcher')).toContain('patient movement');
  });

  it('keeps a device with the participle that says it was placed ("igel placed", "c collar applied")', () => {
    const arrest = splitSentences(
      'history of copd and diabetes takes metformin no allergies high quality cpr continued igel placed bag valve ventilations ' +
        'etco2 14 io right humeral head epinephrine 1 milligram io at 0628',
    );
    expect(pieceWith(arrest, 'igel placed')).toBeDefined();
    expect(arrest.some((p) => /\bigel$/.test(p))).toBe(false);
    // The CPR the crew continued opens its own statement, not the tail of the medication history.
    expect(arrest.some((p) => p.startsWith('high quality cpr continued'))).toBe(true);
    const hanging = splitSentences(
      'alert and oriented gcs 15 red ligature mark around the neck no stridor sat ninety nine percent room air c collar applied ' +
        'because of the mechanism placed on a hold by pd and transported to regional medical center',
    );
    expect(hanging.some((p) => p.startsWith('c collar applied because of the mechanism'))).toBe(true);
    const tourniquet = splitSentences(
      'bleeding bright red from the left thigh wound no other injuries tourniquet applied high and tight at 2214 bleeding controlled ' +
        'transported emergent to the trauma center',
    );
    expect(tourniquet.some((p) => p.startsWith('tourniquet applied high and tight at 2214'))).toBe(true);
  });

  it('cuts before a dressing, a line said by its gauge and a dextrose said by its letter ("d ten")', () => {
    const gsw = splitSentences(
      'bp 90 over 58 heart rate 130 penetrating abdominal trauma with hemorrhagic shock occlusive dressing over the wound at 0133 ' +
        'load and go transported code 3 to the trauma bay two 16 gauge ivs both acs en route at 0138 txa 1 gram iv at 0140',
    );
    expect(gsw.some((p) => p.startsWith('occlusive dressing over the wound at 0133'))).toBe(true);
    expect(gsw.some((p) => p.startsWith('two 16 gauge ivs both acs'))).toBe(true);
    const sugar = splitSentences(
      'blood pressure one fifty over eighty eight heart rate ninety blood sugar thirty one twenty two gauge iv left hand ' +
        'd ten two hundred fifty milliliters iv at zero nine fifty six patient awake',
    );
    expect(sugar.some((p) => p.startsWith('twenty two gauge iv left hand'))).toBe(true);
    expect(sugar.some((p) => p.startsWith('d ten two hundred fifty milliliters'))).toBe(true);
    // The gauge stays with the IV it names.
    const iv = splitSentences('alert and oriented times 4 skin warm and dry lungs clear both sides iv 20 gauge left hand saline lock');
    expect(iv.some((p) => /\biv$/.test(p))).toBe(false);
    const site = splitSentences(
      'alert and oriented times 4 skin warm and dry lungs clear both sides i v in the right hand twenty gauge saline lock',
    );
    expect(site.some((p) => p.startsWith('twenty gauge'))).toBe(false);
    const burn = splitSentences(
      'partial thickness burns to the left forearm about 4 percent cooled with saline dry sterile burn dressing applied at 1312',
    );
    expect(burn.some((p) => p.startsWith('dry sterile burn dressing'))).toBe(true);
  });

  it('cuts before the crew positioning the patient or trying a maneuver', () => {
    const syncope = splitSentences(
      'blood pressure ninety eight over sixty standing twelve lead sinus brady no acute changes impression syncope likely orthostatic ' +
        'laid her supine placed on the cardiac monitor',
    );
    expect(syncope.some((p) => p.startsWith('laid her supine'))).toBe(true);
    const svt = splitSentences(
      'heart rate two eleven monitor shows narrow complex regular tachycardia consistent with svt ' +
        'we attempted a modified vagal maneuver with no change',
    );
    expect(svt.some((p) => p.startsWith('we attempted a modified vagal maneuver'))).toBe(true);
  });

  it('never ends a piece on a relative pronoun ("called doctor varga at medical control who | gave termination")', () => {
    const pieces = splitSentences(
      'epinephrine 1 milligram io every 4 minutes no change after 22 minutes of resuscitation called doctor varga at medical control ' +
        'who gave termination of resuscitation at 0645 scene turned over to pd at 0701',
    );
    expect(pieces.some((p) => /\bwho$/.test(p))).toBe(false);
    expect(pieceWith(pieces, 'who gave termination')).toBeDefined();
  });

  it('keeps a drug said after a correction cue with the value it corrects ("cardizem 25 milligrams scratch that cardizem 15")', () => {
    const pieces = splitSentences(
      'oxygen 2 liters nasal cannula at 1551 sat came up to 96 percent iv 18 gauge left ac cardizem 25 milligrams scratch that ' +
        'cardizem 15 milligrams slow iv push over 2 minutes at 1556 rate down to 102',
    );
    expect(pieceWith(pieces, 'scratch that cardizem 15 milligrams')).toBeDefined();
    expect(pieces.some((p) => /scratch that$/.test(p))).toBe(false);
  });

  it('keeps an age said again after "no wait" with the age it corrects ("2 year old no wait she is 20 months")', () => {
    const pieces = splitSentences(
      'on arrival mom was holding the child on the porch patient is a 2 year old no wait she is 20 months female mom said she had ' +
        'a fever since this morning',
    );
    expect(pieceWith(pieces, 'no wait she is 20 months')).toBeDefined();
    expect(pieces.some((p) => /no wait$/.test(p))).toBe(false);
    // "I meant" and "my bad" wait for their value as "I mean" does.
    const meant = splitSentences('gave ipratropium 250 micrograms sorry i meant 500 micrograms by neb at 1541 sat 94 percent');
    expect(pieceWith(meant, 'i meant 500 micrograms')).toBeDefined();
    // The statement after the corrected age is still its own.
    expect(pieces.at(-1)).toBe('mom said she had a fever since this morning');
  });

  it('keeps "racemic" with the epinephrine it names, and cuts before an impression', () => {
    const pieces = splitSentences(
      'heart rate 150 resp 40 sat 94 percent room air bp 98 over 60 temp 101 impression moderate croup racemic epinephrine ' +
        'point 5 milliliters in 3 milliliters of saline by nebulizer',
    );
    expect(pieceWith(pieces, 'racemic epinephrine point 5 milliliters')).toBeDefined();
    expect(pieces.some((p) => p.startsWith('impression moderate croup'))).toBe(true);
    // The vitals said one after another stay one set.
    expect(pieceWith(pieces, 'heart rate 150 resp 40 sat 94 percent room air bp 98 over 60')).toBeDefined();
  });

  it('cuts before the response after a dispatch that "reported" something, before a lift and before an offer of transport', () => {
    const pieces = splitSentences(
      'medic 7 dispatched 1933 to 14 maple terrace for a lift assist no injuries reported responded non emergent on scene 1941 ' +
        'patient sitting on the floor alert and oriented times 4 no tenderness skin intact two person assist up to the edge of the bed ' +
        'vitals after standing bp 126 over 84 heart rate 74 sugar 141 offered transport to the er patient declined',
    );
    expect(pieces.some((p) => p.startsWith('responded non emergent'))).toBe(true);
    expect(pieces.some((p) => p.startsWith('two person assist up to the edge of the bed'))).toBe(true);
    expect(pieces.some((p) => p.startsWith('offered transport to the er'))).toBe(true);
    // A report still stays with its speaker.
    expect(
      splitSentences('staff reported pt is eighty eight and fell at 0300 we gave oxygen by mask at 0320 transported to st mary')[0],
    ).toMatch(/^staff reported pt is eighty eight/);
  });
});

describe('sentences and the facts read from them', () => {
  it('keeps "St." before a saint\'s name after a number said earlier ("priority 2 to St. Luke\'s")', () => {
    expect(splitSentences("Transported priority 2 to St. Luke's Heart Center.")).toEqual([
      "Transported priority 2 to St. Luke's Heart Center.",
    ]);
    expect(splitSentences('Unit 5 from St. Anne to 200 Canal St. Care transferred.')).toEqual([
      'Unit 5 from St. Anne to 200 Canal St.',
      'Care transferred.',
    ]);
  });

  it('reads a scene turned over to police and a body released to the examiner as no transport', () => {
    const noTransport = (content: string) => extractEmsFacts([{ id: 's1', content }]).context.some((c) => c.type === 'NO_TRANSPORT');
    expect(noTransport('scene turned over to pd at 0701, medical examiner notified')).toBe(true);
    expect(noTransport('body released to the medical examiner at 0730')).toBe(true);
    // Care handed to a nurse is a transfer of care, not the end of one.
    expect(noTransport('care turned over to RN Diaz at 0731')).toBe(false);
  });

  it('reads oxygen by a simple or pediatric mask as given by mask (its route)', () => {
    const o2 = (content: string) => extractEmsFacts([{ id: 's1', content }]).medications.find((m) => m.name === 'oxygen');
    expect(o2('Oxygen by pediatric simple mask at 6 liters per minute at 15:31.')).toMatchObject({ routeCode: 'MASK' });
    expect(o2('O2 10 L by face mask.')).toMatchObject({ routeCode: 'MASK' });
    expect(o2('Oxygen 15 L non-rebreather mask.')).toMatchObject({ routeCode: 'NRB' });
  });

  it('reads a closing aside as filler ("Anyway, that\'s pretty much it.")', () => {
    const phase = (line: string) => classifySegment('s1', line, extractEmsFacts([{ id: 's1', content: line }]));
    for (const line of ["Anyway, that's pretty much it.", "That's basically it.", "OK that's basically all for this one."])
      expect(phase(line), line).toBeNull();
    expect(phase("That's it for the history, vitals were stable.")).not.toBeNull();
    // The speaker's word on the patient, said alone at the end: "Sweet lady." documents nothing ("Pleasant lady." charts a
    // demeanour).
    for (const line of ['Sweet lady.', 'Really nice guy.', 'Such a sweet old man.']) expect(documentsNothing(line), line).toBe(true);
    for (const line of ['Sweet lady, lives alone with her cat.', 'Pleasant lady.']) expect(documentsNothing(line), line).toBe(false);
    // A second-language speaker's closing: "Okay, finish.".
    for (const line of ['Okay, finish.', 'OK finished.']) expect(documentsNothing(line), line).toBe(true);
    expect(documentsNothing('Okay, finish the fluids en route.')).toBe(false);
    // How else a dictation ends.
    for (const line of [
      'Um, I think that is everything.',
      "Uh, that's the end of it.",
      "And that's about it for that one.",
      "And, um, yeah, that's the end.",
    ])
      expect(phase(line), line).toBeNull();
    expect(phase("That's the end of the IV tubing, it was kinked.")).not.toBeNull();
  });

  it('cuts a closing aside off the end of a run-on dictation', () => {
    const pieces = splitSentences(
      'he has decision making capacity and signed the refusal at 1240 his brother came to pick him up and we cleared um yeah end of report',
    );
    expect(pieces.at(-1)).toBe('um yeah end of report');
    // The report named by its kind: "end of transfer report".
    const transfer = splitSentences(
      'repeat blood pressure one hundred twelve over sixty eight heart rate 60 went straight to the cath lab and ' +
        'gave report to the cath lab nurse end of transfer report',
    );
    expect(transfer.at(-1)).toBe('end of transfer report');
    const phase = (line: string) => classifySegment('s1', line, extractEmsFacts([{ id: 's1', content: line }]));
    expect(phase('end of transfer report')).toBeNull();
    expect(phase('Okay, end of the call report.')).toBeNull();
    expect(
      splitSentences(
        'vitals stable en route transported to county general without incident report given to rn diaz at 1402 patient resting thats all',
      ).at(-1),
    ).toBe('thats all');
  });
});

/** Harm found by the adversarial review of round 14: each probe below misbehaved in the round's first version. */
describe('run-on dictation: what the new cuts must not do', () => {
  const cutBefore = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));

  it('does not cut what someone else gave or did from who gave it', () => {
    expect(
      cutBefore(
        splitSentences(
          'seen at urgent care earlier today where she received racemic epi and dexamethasone and was sent home this evening worse',
        ),
        'racemic epi',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        splitSentences('on arrival fire was performing high quality cpr on the kitchen floor patient is an 80 year old male unresponsive'),
        'high quality cpr',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        splitSentences('medic 3 dispatched 1710 for an unconscious female her coworker laid her flat and called 911 responded emergent'),
        'laid her flat',
      ),
    ).toBe(false);
  });

  it('cuts before someone who let the crew in or met them, as police opening a scene already were', () => {
    const diabetic = splitSentences(
      'medic 9 sent to 40 elm court for a diabetic problem responded code 3 husband let us in patient was on the kitchen floor ' +
        'sweaty and confused 61 year old female on insulin',
    );
    expect(diabetic.some((p) => p.endsWith('responded code 3'))).toBe(true);
    expect(diabetic.some((p) => p.startsWith('husband let us in'))).toBe(true);
    const fall = splitSentences(
      'engine and medic dispatched at 1410 for a fall we went non emergent the neighbor met us at the door and walked us back to ' +
        'the bedroom patient on the floor beside the bed',
    );
    expect(fall.some((p) => p.startsWith('the neighbor met us at the door'))).toBe(true);
    // Letting someone else in is no arrival of the crew.
    const told = splitSentences(
      'she states her son let the dog in before she fell and she could not get up for two hours denies hitting her head ' +
        'no loss of consciousness',
    );
    expect(told.some((p) => p.startsWith('son let the dog in'))).toBe(false);
  });

  it('does not cut a possessive or a noun modifier from whom it describes ("patient\'s wife met us", "the store manager met us")', () => {
    for (const [said, kept] of [
      ["arrived on scene patient's wife met us at the door and said he had been short of breath for two days", "patient's wife met us"],
      ["arrived at the residence the pt's daughter let us in and led us to the bedroom", "pt's daughter let us in"],
      ['on scene at 2218 the store manager met us at the entrance and walked us to the back office', 'store manager met us'],
      ['arrived at 2220 patients mom met us outside 6 year old male fell off trampoline', 'patients mom met us'],
      ["arrived at 2220 the kid's dad met us at the car 6 year old male", "kid's dad met us"],
      ['arrived to find the patient whose son met us in the driveway and said she fell at 2100', 'whose son met us'],
      ['responded non emergent the facility staff let us in through the side door', 'facility staff let us in'],
      ["arrived at 2220 patients' parents met us outside", "patients' parents met us"],
    ] as const) {
      const pieces = splitSentences(said);
      expect(
        pieces.some((p) => p.includes(kept)),
        `${said} -> ${JSON.stringify(pieces)}`,
      ).toBe(true);
    }
  });

  it('keeps a speaker with what they report, unless what follows is the response', () => {
    const pieces = splitSentences(
      'medic 2 dispatched 1710 for a fall daughter states arrived home from work at 1650 and found him on the floor responded emergent',
    );
    expect(cutBefore(pieces, 'arrived home')).toBe(false);
    expect(
      cutBefore(
        splitSentences('staff reported responding only to painful stimuli since this morning history of dementia and chf takes lasix'),
        'responding only',
      ),
    ).toBe(false);
  });

  it('does not glue a device to the next action said with its own object', () => {
    const vent = splitSentences(
      'rsi performed at 0212 with etomidate and rocuronium we secured the ett ' +
        'placed him on the transport ventilator and transported emergent',
    );
    expect(cutBefore(vent, 'placed him on the transport ventilator')).toBe(true);
    const cpap = splitSentences(
      'sat 84 percent on room air crackles to the bases put him on cpap established an iv 20 gauge left hand saline lock',
    );
    expect(cutBefore(cpap, 'established an iv')).toBe(true);
  });

  it('keeps skin findings out of a dressing, and the words that name a device with it', () => {
    const skin = splitSentences(
      'gunshot wound to the right chest skin pale cool and moist occlusive dressing placed over the wound at 0215 respirations 32 shallow',
    );
    expect(cutBefore(skin, 'occlusive dressing placed')).toBe(true);
    const dry = splitSentences(
      'four centimeter laceration to the left forearm from a box cutter bleeding controlled ' +
        'skin warm and dry pressure dressing applied at 1402 cms intact',
    );
    expect(dry.some((p) => /warm and dry pressure dressing/.test(p))).toBe(false);
    for (const [text, device] of <Array<[string, string]>>[
      [
        'arterial bleeding from the left thigh we applied direct pressure then a commercial tourniquet placed high and tight at 2214',
        'commercial',
      ],
      [
        'closed deformity of the left lower leg with good distal pulses and sensation vacuum splint applied and pulses rechecked after',
        'vacuum',
      ],
      ['angulated forearm fracture with the hand cool and pale but a good radial pulse sam splint applied in position of function', 'sam'],
    ])
      expect(
        splitSentences(text).some((p) => p.endsWith(` ${device}`)),
        device,
      ).toBe(false);
    const gauze = splitSentences(
      'abrasions to both knees and the left palm after a fall off his bike cleaned with saline ' +
        'bleeding controlled gauze pads applied and wrapped with kling',
    );
    expect(gauze.some((p) => /^pads\b/.test(p))).toBe(false);
  });

  it('reads a gauge as a line only where it names an IV, and keeps its count with it', () => {
    const binder = splitSentences(
      'pelvis unstable pelvic binder placed at 1512 and two 16 gauge ivs established bilateral antecubitals with warm saline running',
    );
    expect(binder.some((p) => /\btwo$/.test(p))).toBe(false);
    const needle = splitSentences(
      'absent breath sounds on the left with tracheal deviation needle decompression 14 gauge 3.25 inch angiocath second intercostal space',
    );
    expect(cutBefore(needle, '14 gauge')).toBe(false);
    expect(
      cutBefore(splitSentences('no iv access on the first try then we got a line 20 gauge in the right hand saline lock'), '20 gauge'),
    ).toBe(false);
  });

  it('cuts before an impression, not before an exam finding called an impression', () => {
    expect(
      cutBefore(
        splitSentences('restrained driver with a seat belt impression on the left shoulder and abdomen abdomen soft nontender gcs 15'),
        'impression on',
      ),
    ).toBe(false);
    const mine = splitSentences(
      'blood pressure 150 over 90 heart rate 88 sat 97 percent room air my impression is stable angina gave aspirin',
    );
    expect(mine.some((p) => /\bmy$/.test(p))).toBe(false);
  });

  it('keeps a correction cue with what follows only when a value or a drug is said again', () => {
    const sorry = splitSentences(
      'she was crying and kept saying she was sorry blood pressure 160 over 100 heart rate 110 sat 98 percent room air',
    );
    expect(cutBefore(sorry, 'blood pressure 160 over 100')).toBe(true);
  });

  it('never ends a piece on a correction cue: what follows it is the value said again, whatever it starts with', () => {
    const together = (text: string, words: string) => expect(pieceWith(splitSentences(text), words), words).toBeDefined();
    together(
      'unresponsive to pain pinpoint pupils respirations 6 and shallow spo2 82 strike that spo2 78 hr 56 bp 104/66 glucose 91 ' +
        'pulled him out onto the cot',
      'spo2 82 strike that spo2 78',
    );
    together(
      'patient one is the mom she is 34 no sorry correction she is 43 i flipped the numbers and she had a bad headache and nausea',
      'correction she is 43',
    );
    together(
      'cincinnati positive lams 4 last known well 1340 scratch that daughter says 1310 when they talked on the phone',
      'scratch that daughter says 1310',
    );
    together(
      'sats 93 percent room air glucose 246 i misspoke glucose was 264 urine in the brief was dark and foul smelling',
      'i misspoke glucose was 264',
    );
    // Who the correction is from, said with the cue: "correction per crew", "correction per my partner".
    together(
      'qrs 140 ms rate 48 iv 20 g right hand at 0829 calcium chloride 1 g iv at 0831 correction per crew calcium gluconate 3 g iv ' +
        'slow push over 5 minutes at 0831 albuterol 10 mg via continuous neb at 0834',
      'correction per crew calcium gluconate',
    );
    together('spo2 84 on 2 liters correction per my partner spo2 81 on 2 liters cpap started at 0219', 'correction per my partner spo2 81');
    // An apology is no cue: "he kept saying he was sorry | bp …" ends the statement before the reading.
    const apology = splitSentences(
      'bleeding controlled and he kept saying he felt so sorry bp 130 over 80 heart rate 88 sat 98 percent room air',
    );
    expect(cutBefore(apology, 'bp 130 over 80')).toBe(true);
    // "i mean" after a joining word is a filler, no cue.
    const filler = splitSentences(
      'his sats came up to 93 and he was breathing like 24 and he actually grabbed my hand and nodded which i mean ' +
        'we carried him down in the stair chair on the cpap and transported emergent to saint columba hospital',
    );
    expect(filler.some((p) => /which i mean$/.test(p) || p.startsWith('we carried him down'))).toBe(true);
  });

  it('ends a statement on "sorry" or "i mean" when no value is said again after it', () => {
    // "i'm sorry" said by the patient is an apology: what the wife states or the crew did is the next statement.
    const apology = splitSentences(
      "pt sitting on the couch crying and saying i'm sorry wife states he has been confused since yesterday bp 130/80 hr 96",
    );
    expect(cutBefore(apology, 'wife states he has been confused')).toBe(true);
    const lift = splitSentences('pt on the floor crying oh im sorry we attempted to lift her two person assist up to the bed');
    expect(cutBefore(lift, 'we attempted to lift her')).toBe(true);
    const cot = splitSentences(
      'pt kept saying sorry sorry moved her to the cot and loaded her into the ambulance transported non emergent to mercy',
    );
    expect(cutBefore(cot, 'moved her to the cot')).toBe(true);
    // With a value said again right after it, "sorry" still waits for it.
    const vitals = splitSentences('hr 38 rr 16 spo2 94 ra pt states i feel weak sorry bp was 74/44 moved her to the cot');
    expect(cutBefore(vitals, 'bp was 74/44')).toBe(false);
  });

  it('reads a mask as the route of the oxygen only', () => {
    const route = (content: string, name: string) =>
      extractEmsFacts([{ id: 's1', content }]).medications.find((m) => m.name === name)?.routeCode ?? null;
    expect(route('Zofran 4 mg at 1010, then face mask placed for droplet precautions.', 'ondansetron')).not.toBe('MASK');
    expect(route('Oxygen 15 L non-rebreather oxygen mask.', 'oxygen')).toBe('NRB');
  });
});

describe('run-on dictation: round 15 cuts', () => {
  const opens = (text: string, start: string) =>
    expect(
      splitSentences(text).some((p) => p.startsWith(start)),
      start,
    ).toBe(true);
  const together = (text: string, words: string) => expect(pieceWith(splitSentences(text), words), words).toBeDefined();

  it('opens at the patient said alert, a capnography reading, the monitor and a reading after a time', () => {
    const text =
      'medic 4 dispatched for a diabetic problem arrived at 0810 found him in bed he complains of thirst and weakness ' +
      'he is alert and oriented times 4 but tired blood pressure 110 over 70 heart rate 118 end tidal 21 ' +
      'monitor applied showing sinus tach 18 gauge iv right forearm normal saline 500 milliliters iv at 0822 ' +
      'zofran 4 milligrams iv at 0825 at 0840 nausea better heart rate 104 transported to mercy';
    opens(text, 'he is alert and oriented times 4');
    opens(text, 'end tidal 21');
    opens(text, 'monitor applied showing sinus tach');
    together(text, 'normal saline 500 milliliters');
    opens(text, 'at 0840 nausea better');
    expect(
      splitSentences(text.replace('he is alert', 'he is now alert')).some((p) => p.endsWith('he is now')),
      'no cut after "is now"',
    ).toBe(false);
  });

  it('keeps a short history line, a response with its lights and a named patient with the age', () => {
    const text =
      'rescue 9 dispatched for a seizure at the warehouse responded emergent lights and sirens arrived 1405 patient is marta ' +
      'kowal 41 year old female sitting on a pallet the coworker says she shook for about a minute no medical history ' +
      'takes no meds allergic to latex blood pressure 128 over 80 heart rate 96 she refused transport her sister arrived and took her home';
    together(text, 'responded emergent lights and sirens');
    together(text, 'patient is marta kowal 41 year old female');
    together(text, 'the coworker says she shook');
    together(text, 'no medical history takes no meds allergic to latex');
    opens(text, 'her sister arrived and took her home');
    // The condition said with the hand-off stays with it.
    together(
      'transported non emergent to county general gave report to the charge nurse she was alert and talking at handoff ' + text,
      'charge nurse she was alert',
    );
  });

  it('opens at what the crew did and at the pain after it', () => {
    const text =
      'engine 2 and medic 8 dispatched for a hand injury arrived 1902 found a 30 year old male holding his left hand ' +
      'history of nothing chest pain 0 out of 10 hand pain 8 out of 10 blood pressure 130 over 84 heart rate 100 temp 98 point 6 ' +
      'pain 7 out of 10 with movement we removed his ring and splinted the hand fentanyl 50 micrograms iv at 1910 for pain ' +
      'pain down to 4 out of 10 he received ketorolac earlier at urgent care moved to our stretcher and transported to county';
    opens(text, 'pain 7 out of 10 with movement');
    opens(text, 'we removed his ring');
    opens(text, 'pain down to 4 out of 10');
    opens(text, 'he received ketorolac');
    opens(text, 'moved to our stretcher');
    together(text, 'hand pain 8 out of 10');
    together(text, 'chest pain 0 out of 10');
  });

  it('cuts before a combined nebulizer and two large-bore lines, not inside them', () => {
    const text =
      'medic 3 dispatched for trouble breathing arrived at 2200 found a 7 year old boy in tripod position wheezing ' +
      'sat 88 percent mom is on the way duoneb albuterol 2.5 milligrams and ipratropium 0.5 milligrams by neb at 2205 ' +
      'two large bore ivs 16 gauge left antecubital and 18 gauge right hand on the monitor sinus tach at 140 ' +
      'last menstrual period not applicable explained risks of refusal to mom he has decision making capacity he takes montelukast daily';
    opens(text, 'duoneb albuterol 2.5 milligrams and ipratropium');
    opens(text, 'two large bore ivs 16 gauge left antecubital');
    opens(text, 'on the monitor sinus tach at 140');
    opens(text, 'explained risks of refusal');
    opens(text, 'he has decision making capacity');
    opens(text, 'he takes montelukast daily');
    // A repeated dose opens at its time even after a word; a time after a dose's route stays with the dose.
    opens(
      'placed on the monitor sinus tachycardia at 2012 second albuterol 2.5 milligrams nebulized and he is moving more air ' + text,
      'at 2012 second albuterol',
    );
  });

  it("doses a combination said right before its parts with the first part's dose", () => {
    const [duoneb] = extractEmsFacts([
      { id: 's1', content: 'duoneb albuterol 2.5 milligrams and ipratropium 500 micrograms by neb at 2124' },
    ]).medications;
    expect(duoneb?.name).toBe('albuterol/ipratropium');
    expect(duoneb?.dose?.text).toBe('2.5 milligrams');
    const [spoken] = extractEmsFacts([
      { id: 's1', content: 'duoneb albuterol 2 point 5 milligrams with atrovent 500 micrograms by neb' },
    ]).medications;
    expect(spoken?.dose?.text).toBe('2 point 5 milligrams');
  });
});

describe('run-on dictation: who the patient is, after the scene', () => {
  const opens = (text: string, start: string) =>
    expect(
      splitSentences(text).some((p) => p.startsWith(start)),
      start,
    ).toBe(true);

  it('opens at an age said in words, at who the patient is and at how the patient is', () => {
    const scene =
      'medic 6 dispatched at 0910 for a fall arrived 0918 found her in the hallway with her neighbor sixty eight year old female ' +
      'says she tripped on the rug he is a dialysis patient hes alert but pale blood pressure 150 over 90 transported to mercy';
    opens(scene, 'sixty eight year old female says she tripped');
    opens(scene, 'he is a dialysis patient');
    opens(scene, 'hes alert but pale');
    // The age of whom the call is for stays with the dispatch.
    expect(
      splitSentences(
        'rescue 2 dispatched at 1402 for a seventy nine year old female who fell at the church during the service she is alert',
      ).at(0),
    ).toBe('rescue 2 dispatched at 1402 for a seventy nine year old female who fell at the church during the service');
  });
});

/** Harm found by the adversarial review of round 15: each probe below misbehaved in the round's first version. */
describe('run-on dictation: what the round-15 cuts must not do', () => {
  const cutBefore = (text: string, words: string) => splitSentences(text).some((p) => p.startsWith(words));
  const pad = 'medic 4 dispatched for a sick person responded emergent lights and sirens ';

  it('opens at "once" when what follows it opens a statement', () => {
    expect(cutBefore(`${pad}recheck sugar was one twenty two once he was awake he told us he had not eaten`, 'once he was awake')).toBe(
      true,
    );
  });

  it('keeps an age said in words whole after an arrival time', () => {
    const pieces = splitSentences(`${pad}arrived 0915 sixty two year old male sitting in his recliner complaining of chest pain`);
    expect(pieces.some((p) => /\bsixty$/.test(p))).toBe(false);
    expect(pieces.some((p) => p.startsWith('two year old'))).toBe(false);
  });

  it('never cuts inside a complaint, after "when", "once", "every time", "has" or a crew member', () => {
    for (const [text, words] of [
      [`${pad}she complains of epigastric pain 8 out of 10 since dinner`, 'pain 8 out of 10'],
      [`${pad}she was standing at the sink when she got dizzy and sat down on the floor`, 'she got dizzy'],
      [`${pad}she says it hurts when she takes a deep breath and when she moves`, 'she takes a deep breath'],
      [`${pad}he says every time he takes a step the knee gives out`, 'he takes a step'],
      [`${pad}pain improved once we elevated the leg and applied ice`, 'we elevated the leg'],
      [`${pad}pain improved once we elevated the leg and applied ice`, 'once we elevated the leg'],
      [`${pad}the medic explained the risks of refusal and she understood`, 'explained the risks'],
      [`${pad}mom says he has no significant medical history and takes no meds`, 'no significant medical history'],
      [`${pad}we placed him on the monitor showing sinus rhythm at 80`, 'on the monitor'],
      [`${pad}we established two large bore ivs in both antecubitals`, 'two large bore'],
      [`${pad}the patient was found on the floor by her neighbor arrived home and called 911`, 'her neighbor arrived'],
      [`${pad}at 1420 pain was 4 out of 10 after the fentanyl`, 'pain was 4 out of 10'],
      [`${pad}repeat blood pressure 100 over 60 at 1420 heart rate 96`, 'at 1420 heart rate 96'],
      [`${pad}found him sitting in the kitchen pt received narcan 4 milligrams in from pd prior to our arrival`, 'arrival'],
    ] as const)
      expect(cutBefore(text, words), `${text} | ${words}`).toBe(false);
  });
});

describe('where a recogniser run-on opens its next statement', () => {
  const pieces = (text: string) => splitSentences(text);
  const cutBefore = (text: string, words: string) => pieces(text).some((p) => p.startsWith(words));
  const pad = 'medic 6 dispatched for a sick person responded emergent lights and sirens ';

  it.each([
    // Who the patient is, what they have and take, said after the arrival.
    [`${pad}arrived at the clinic at 0900 and the patient was in bed awake shes a quadriplegic with a trach`, 'shes a quadriplegic'],
    [`${pad}arrived at the clinic at 0900 and the patient was in bed awake she has no complaints tonight`, 'she has no complaints'],
    [`${pad}arrived at the clinic at 0900 and the patient was in bed awake her meds are on the transfer sheet`, 'her meds are'],
    // The crew moving the patient, and saying no treatment was needed.
    [`${pad}vitals 130 over 80 heart rate 80 sat 97 percent on room air we slid him onto the stretcher with a sheet`, 'we slid him'],
    [`${pad}we slid him onto the stretcher with a sheet no treatment was needed en route`, 'no treatment was needed'],
    // Someone else's report, a finding said with "there is", the monitor, what the crew applied or covered.
    [`${pad}patient is a 50 year old male who fell off a ladder coworkers say he was out for a minute`, 'coworkers say'],
    [`${pad}he complains of pain in the left wrist there is an obvious deformity of the wrist`, 'there is an obvious'],
    [`${pad}sat 98 percent on room air monitor showed sinus rhythm we applied pads as a precaution`, 'monitor showed'],
    [`${pad}sat 98 percent on room air monitor showed sinus rhythm we applied pads as a precaution`, 'we applied pads'],
    [`${pad}fentanyl 50 micrograms iv at 1410 and pain went from 8 to 4 covered the wound with a sterile dressing`, 'covered the wound'],
    // The lungs, a crew action after "we", oxygen, CPAP or a drug said after "then", a repeat set after "tolerated it".
    [`${pad}history of copd no allergies lungs had wheezes in all fields`, 'lungs had wheezes'],
    [`${pad}sat 88 percent on room air temp 98 point 6 we put him on a nonrebreather at 15 liters`, 'we put him on'],
    [`${pad}then cpap at 10 centimeters at 1215 and he tolerated it repeat vitals at 1225 bp 120 over 70`, 'repeat vitals at 1225'],
    [`${pad}no allergies shots up to date we placed her on her side and suctioned her mouth`, 'we placed her'],
    [`${pad}found her slumped in the car we pulled her out onto the cot and bagged her`, 'we pulled her'],
    // Bystanders already on scene, the patient's admission, a parent's report and a symptom's onset.
    [`${pad}found a female slumped on the couch police on scene had already opened the door`, 'police on scene'],
    [`${pad}repeat vitals 120 over 70 heart rate 90 sat 97 percent on room air he admits to drinking tonight`, 'he admits'],
    [`${pad}patient is a 3 year old female with a fever dad says she has been vomiting since noon`, 'dad says'],
    [`${pad}dad says she has been vomiting since noon seizure started about 1530 and lasted 3 minutes`, 'seizure started'],
    // The condition at the hand-off, said with "at transfer" or after the transport line.
    [`${pad}he agreed to go and we transported him to county general at transfer he was alert and talking`, 'at transfer he was alert'],
    [`${pad}we took her to saint luke childrens with dad in the back she was starting to wake up and crying`, 'she was starting to wake'],
    // The police letting the crew in, the patient's age after "hes", body findings, a pressure said with "was".
    [`${pad}responded code 3 pd cleared us in and the patient was lying on the sidewalk`, 'pd cleared us in'],
    [`${pad}pd cleared us in and the patient was lying on the sidewalk hes a 30 year old male stabbed once`, 'hes a 30 year old'],
    [`${pad}complaining of belly pain 8 out of 10 abdomen was rigid with a small wound`, 'abdomen was rigid'],
    [`${pad}abdomen was rigid with a small wound lungs clear and equal bp was 90 over 60 and pulse 120`, 'bp was 90'],
    [`${pad}no change in his pressure after the txa loaded and went emergent to memorial`, 'loaded and went'],
    // Another statement after a reading not taken, not the reason.
    [`${pad}12 lead not done patient is 10 out of 10 pain in his right hip`, 'patient is 10'],
    [`${pad}pulse 120 blood pressure not taken she is 4 months pregnant with twins`, 'she is 4 months'],
    // Cold packs kept up on the way; the crew scooping the patient up after the drug's response.
    [`${pad}ice packs to the neck and groin transported emergent continued ice packs en route`, 'continued ice packs'],
    [`${pad}gave fentanyl 50 micrograms iv at 0704 and her pain went from 8 to 4 we scooped her onto the stretcher`, 'we scooped her'],
    // The crew moving a running line onto its pump.
    [`${pad}cap refill under two seconds switched his lactated ringers over to our pump at 250 an hour`, 'switched his'],
  ])('%s | cut before: %s', (text, words) => {
    expect(cutBefore(text, words), pieces(text).join(' | ')).toBe(true);
  });

  it.each([
    [`${pad}we started a large bore iv in the left arm`, 'iv in the left arm'],
    [`${pad}we gave a liter of saline wide open after the fluid repeat vitals were 120 over 70`, 'repeat vitals were 120'],
    [`${pad}we responded priority 2 lights and sirens and arrived at 1402`, 'priority 2'],
    [`${pad}transported emergent to county general on cpap on arrival he was alert and talking`, 'he was alert'],
    [`${pad}midazolam 2.5 milligrams intranasal at 1540 seizure stopped about 2 minutes after the versed`, 'after the versed'],
    [`${pad}she was starting to wake up and crying on arrival which is good and moving everything`, 'on arrival'],
    [`${pad}we covered the wound with a moist sterile dressing and elevated it`, 'sterile dressing'],
    [`${pad}txa 1 gram iv at 2250 no change in his pressure after the txa`, 'after the txa'],
    // Someone else keeping the packs up.
    [`${pad}injured his ankle after a fall the athletic trainer continued ice packs to the ankle`, 'continued ice packs'],
    // A line's gauge waits for the line; a vital not taken keeps its reason.
    [`${pad}sat came up to 97 established a 20 gauge iv in the left forearm gave fentanyl 50 micrograms iv`, 'iv in the left'],
    [`${pad}we started an 18 gauge iv in the right hand and gave zofran`, 'iv in the right'],
    [`${pad}sat 94 percent on room air blood pressure not taken he is 2 glucose 112`, 'he is 2'],
    [`${pad}pulse 156 bp not taken she is 18 months glucose 90`, 'she is 18 months'],
    [`${pad}vomited twice at 1410 he vomited again at the end of the report from the nurse`, 'end of the report'],
  ])('%s | no cut before: %s', (text, words) => {
    expect(cutBefore(text, words), pieces(text).join(' | ')).toBe(false);
  });
});

describe('cuts that must not be made', () => {
  const cutBefore = (text: string, words: string) => splitSentences(text).some((p) => p.startsWith(words));
  const pad = 'medic 6 dispatched for a sick person responded emergent lights and sirens ';
  it.each([
    // The condition said before the hand-off it was seen at stays with it.
    [`${pad}took him to county general he was awake and talking sat 98 percent at handoff to the nurse at 1658`, 'at handoff'],
    // What someone else did to the patient is no crew action.
    [`${pad}arrived at 1547 and lifeguards had already pulled the patient out and he was sitting on the sand`, 'pulled the patient'],
    // "cardiac" waits for its noun.
    [`${pad}iv 18 gauge left ac at 1355 cardiac monitor shows afib rate in the nineties`, 'monitor shows'],
    // A reading's line goes on with what did not change.
    [`${pad}repeat en route blood pressure one seventy two over ninety no change in deficits`, 'no change in deficits'],
  ])('%s | no cut before: %s', (text, words) => {
    expect(cutBefore(text, words)).toBe(false);
  });
});

describe('a modifier stays with its noun, a subordinator with its clause', () => {
  const pieces = (text: string) => splitSentences(text);
  const pad = 'medic 6 dispatched for a sick person responded emergent lights and sirens ';

  it.each([
    // A laterality or region word, a determiner, an ordinal or a qualifier before the noun the opener starts with.
    [`${pad}she complains of pain in the left lower abdomen was tender to palpation`, 'pain in the left lower abdomen was tender'],
    [`${pad}lungs clear bilateral lower extremities had 2 plus pitting edema`, 'bilateral lower extremities had 2 plus'],
    [`${pad}bp 150 over 90 her usual bp was 110 over 70 per her husband`, 'her usual bp was 110 over 70'],
    [`${pad}mom states her first seizure started at 1330 and a second at 1350`, 'her first seizure started at 1330'],
    [`${pad}sat 90 percent on room air both lungs had rhonchi`, 'both lungs had rhonchi'],
    [`${pad}sat 90 percent on room air and her entire abdomen was tender`, 'her entire abdomen was tender'],
    // A noun that makes a compound with the opener's noun.
    [`${pad}to a car crash the state police had closed the road`, 'the state police had closed'],
    [`${pad}sat 90 percent on room air the lifepak monitor showed sinus tach`, 'the lifepak monitor showed'],
    [`${pad}sat 90 percent on room air on the 12 lead monitor showed st elevation`, 'the 12 lead monitor showed'],
    [`${pad}held pressure for ten minutes and the nose bleeding stopped at 1420`, 'the nose bleeding stopped'],
    [`${pad}pupils equal sat 96 percent his home bp was 150 over 90`, 'his home bp was 150'],
    [`${pad}daughter states the stroke symptoms started at 1400 while she was eating`, 'the stroke symptoms started'],
    [`${pad}arrived to a house fire had spread to the kitchen`, 'house fire had spread'],
    [`${pad}on arrival two police officers had the patient on the ground`, 'police officers had the patient'],
    [`${pad}to a car crash county deputies had already closed the road`, 'county deputies had already'],
    // What covered something is the subject of "covered", not the end of a statement.
    [`${pad}found him on the kitchen floor blood covered the floor around him`, 'blood covered the floor'],
    [`${pad}found him sitting on the couch vomit covered the front of his shirt`, 'vomit covered the front'],
    // Hearsay keeps what is reported with who reports it.
    [`${pad}found a female unresponsive the caller thinks shes a diabetic`, 'the caller thinks shes a diabetic'],
    [`${pad}found a female unresponsive her son believes shes 45 and lives alone`, 'her son believes shes 45'],
    [`${pad}found a female unresponsive the neighbor told us shes a diabetic`, 'told us shes a diabetic'],
    // A subordinator keeps its clause: no cut before "we" or "I" after it.
    [`${pad}80 year old female by the time we arrived she was alert`, 'by the time we arrived'],
    [`${pad}chest pain gave aspirin 324 mg po at 1415 before i placed the iv`, 'at 1415 before i placed the iv'],
    [`${pad}nausea the patient vomited as we moved him to the cot`, 'vomited as we moved him to the cot'],
    [`${pad}nausea the patient vomited as we slid him over to the cot`, 'vomited as we slid him over'],
    [`${pad}her sugar was 40 and she woke up after we gave the d10`, 'woke up after we gave the d10'],
    // A home medication stays in the history piece that says the patient takes it.
    [`${pad}history of hypertension she has no allergies and takes metoprolol 25 mg`, 'takes metoprolol 25 mg'],
    [`${pad}history of afib takes eliquis 5 mg and metoprolol 25 mg twice a day`, 'takes eliquis 5 mg and metoprolol 25 mg'],
    [`${pad}history of diabetes is on metformin 500 mg lisinopril 10 mg daily`, 'metformin 500 mg lisinopril 10 mg'],
  ])('%s | kept together: %s', (text, words) => {
    expect(pieceWith(pieces(text), words), pieces(text).join(' | ')).toBeDefined();
  });

  it.each([
    // A laterality word or a qualifier that ends a finding, and a verb after a clause that ended.
    [`${pad}breath sounds clear bilateral abdomen soft and nontender`, 'abdomen soft'],
    [`${pad}alert and at her baseline bp 120 over 80 heart rate 88 sat 97 percent`, 'bp 120 over 80'],
    [`${pad}3 centimeter laceration to the forearm covered the wound with a moist sterile dressing and a 4 by 4`, 'covered the wound'],
    // "we" and "I" still open the crew's action after a statement that ended.
    [`${pad}chest pain gave aspirin 324 mg po at 1415 we placed the iv in the left hand`, 'we placed the iv'],
    [`${pad}takes metoprolol 25 mg no allergies we gave aspirin 324 mg chewed at 1415`, 'we gave aspirin 324 mg'],
    [`${pad}found a female unresponsive shes a diabetic per her neighbor`, 'shes a diabetic'],
  ])('%s | cut before: %s', (text, words) => {
    expect(
      pieces(text).some((p) => p.startsWith(words)),
      pieces(text).join(' | '),
    ).toBe(true);
  });

  it('reads a home medication with its dose as history, not as a treatment', () => {
    const text = `${pad}history of hypertension she has no allergies and takes metoprolol 25 mg`;
    const home = pieceWith(pieces(text), 'metoprolol 25 mg') ?? '';
    expect(classifySegment('s1', home, extractEmsFacts([{ id: 's1', content: home }]))).not.toBe('treatment');
  });
});

describe('run-on dictation: the response line ends with its mode', () => {
  const pad = 'medic 3 dispatched 1305 for an overdose in the park by the library on 5th street';
  const split = (text: string) => splitSentences(text);

  it.each([
    [`${pad} ran hot mom had him in the bathroom with the shower running steam everywhere`, 'ran hot'],
    [`${pad} responded emergent two people there one on the bench unresponsive`, 'responded emergent'],
    [`${pad} pd on scene came in code 3 scene secured by cpd pt sitting on the curb holding a towel`, 'came in code 3'],
    [`${pad} we went lights and sirens the wife met us at the door she was crying`, 'we went lights and sirens'],
  ])('%s | the response piece: %s', (text, response) => {
    expect(split(text), split(text).join(' | ')).toContain(response);
  });

  it.each([
    // What follows says more of the same response, or the mode is the transport's ("ran hot to county").
    [`${pad} ran hot to county general with the patient on cpap`, 'ran hot to county general'],
    [`${pad} responded emergent to the scene with engine 4 and found the pt on the bench`, 'responded emergent to the scene'],
    [`${pad} we went lights and sirens due to the mechanism found the pt on the bench`, 'we went lights and sirens due to'],
    [`${pad} responded code 3 no lights at night found the pt on the bench`, 'responded code 3 no lights'],
    // How long the response took is the response too.
    [`${pad} responded emergent 9 minutes on the road found the pt on the bench`, 'responded emergent 9 minutes on the road'],
    [`${pad} ran hot about twelve minutes out found the pt on the bench`, 'ran hot about twelve minutes'],
    // Not the unit driving: a finding said with "went cold" stays one statement.
    [`${pad} found the pt on the bench his hands went cold and he started shaking`, 'his hands went cold and he'],
  ])('%s | kept together: %s', (text, words) => {
    expect(pieceWith(split(text), words), split(text).join(' | ')).toBeDefined();
  });

  it('cuts before reaching the scene said with its time ("got there 0641"), not inside "by the time we got there"', () => {
    const arrival = split(`${pad} we went lights and sirens roads were bad got there 0641 she was in the driveway on her side`);
    expect(
      arrival.some((p) => p.startsWith('got there 0641 she was in the driveway')),
      arrival.join(' | '),
    ).toBe(true);
    const transport = split(
      'took her to memorial regional emergent by the time we got there 0722 she was shivering less and more with it and talking',
    );
    expect(pieceWith(transport, 'by the time we got there 0722 she was shivering'), transport.join(' | ')).toBeDefined();
  });

  it('opens a line said by its gauge and site ("18 right ac saline lock") and a tourniquet said with where it went', () => {
    const text = `${pad} bp 150 over 94 pulse 118 resp 22 sat 98 18 right ac saline lock transported emergent to stroger trauma`;
    expect(split(text), split(text).join(' | ')).toContain('18 right ac saline lock');
    // A rate that happens to be 18 or 20 before a side is not an IV: no line word after the site.
    const rate = split(`${pad} resp 18 right lung diminished at the base sat 91 on room air bp 140 over 90`);
    expect(pieceWith(rate, 'resp 18 right lung diminished'), rate.join(' | ')).toBeDefined();
    const tq = split(`${pad} single stab wound to the left forearm pulsatile bleeding tourniquet high and tight on the left arm at 0221`);
    expect(
      tq.some((p) => p.startsWith('tourniquet high and tight on the left arm')),
      tq.join(' | '),
    ).toBe(true);
    // The tourniquet as the object of another verb stays with it.
    const object = split(`${pad} pulsatile bleeding from the left forearm bleeding stopped after the tourniquet high on the arm at 0221`);
    expect(pieceWith(object, 'after the tourniquet high'), object.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: leaving the sending facility, a family member wanting something, the move into the ambulance', () => {
  const pad = 'critical care 2 transfer call at 2215 for septic shock from lakeview community to university hospital';
  const split = (text: string) => splitSentences(text);

  it('cuts before leaving the facility or the scene ("left the facility at 2310")', () => {
    const text = `${pad} fentanyl 50 micrograms iv push at 2305 for vent dyssynchrony he settled down left the facility at 2310 uneventful`;
    expect(
      split(text).some((p) => p.startsWith('left the facility at 2310')),
      split(text).join(' | '),
    ).toBe(true);
    // What someone left ("left the stove on", "left her keys") or leaving the line in place is no departure.
    const stove = split(`${pad} neighbor says she left the stove on and the house filled with smoke before we got there`);
    expect(pieceWith(stove, 'she left the stove on'), stove.join(' | ')).toBeDefined();
  });

  it('cuts before a family member who wanted something ("mom wanted her checked out")', () => {
    const text = `${pad} gave her some orange juice from the church kitchen mom wanted her checked out so we transported non emergent`;
    expect(
      split(text).some((p) => p.startsWith('mom wanted her checked out')),
      split(text).join(' | '),
    ).toBe(true);
    const her = split(`${pad} gave her some orange juice because her mom wanted her to eat something before the ride`);
    expect(pieceWith(her, 'because her mom wanted her to eat'), her.join(' | ')).toBeDefined();
  });

  it('cuts before the move into the ambulance ("into the rig heat cranked"), not after the verb that moves', () => {
    const text = `${pad} bp 104 over 60 pulse 56 resp 14 sat was hard to get finally read 88 into the rig heat cranked wet clothes cut off`;
    expect(
      split(text).some((p) => p.startsWith('into the rig heat cranked')),
      split(text).join(' | '),
    ).toBe(true);
    for (const moved of [
      'we moved her into the rig and started warming',
      'loaded her into the ambulance and left',
      'she walked into the truck',
    ])
      expect(pieceWith(split(`${pad} ${moved}`), moved), split(`${pad} ${moved}`).join(' | ')).toBeDefined();
  });
});

describe('"came in" with its mode is the response', () => {
  const facts = (content: string) => extractEmsFacts([{ id: 's1', content }]);
  it('reads "came in code 3" and "came in hot" as the response, not "the pressure came in low"', () => {
    for (const line of ['Came in code 3.', 'came in hot', 'We came in emergent.']) {
      expect(classifySegment('s1', line, facts(line)), line).toBe('response');
      expect(
        facts(line).context.some((c) => c.type === 'RESPONSE_MODE'),
        line,
      ).toBe(true);
    }
    const low = 'Her pressure came in low at 88 over 50.';
    expect(facts(low).context.some((c) => c.type === 'RESPONSE_MODE')).toBe(false);
    expect(classifySegment('s1', low, facts(low))).not.toBe('response');
  });
});

describe('vitals after the time of an intervention', () => {
  const pad = 'medic 5 dispatched 0912 for a stabbing found a 30 year old male with a stab wound to the arm';
  it('cuts before a vitals set said after the time of a treatment ("tourniquet … at 0920 | bp 130 over 80")', () => {
    const text = `${pad} tourniquet high and tight on the left arm at 0920 bp 130 over 80 heart rate 110 resp 20 sat 98`;
    expect(
      splitSentences(text).some((p) => p.startsWith('bp 130 over 80')),
      splitSentences(text).join(' | '),
    ).toBe(true);
  });
  it('keeps a reading with the time of its own vitals set ("repeat vitals at 0930 bp 120 over 80")', () => {
    const text = `${pad} tourniquet high and tight on the left arm repeat vitals at 0930 bp 120 over 80 heart rate 96`;
    const pieces = splitSentences(text);
    expect(
      pieces.some((p) => p.includes('repeat vitals at 0930 bp 120 over 80')),
      pieces.join(' | '),
    ).toBe(true);
  });
});

describe('round 18 review B: "came in hot" only when it is the response', () => {
  const phase = (line: string) => classifySegment('s1', line, extractEmsFacts([{ id: 's1', content: line }]));

  it('keeps a short line that goes on with the assessment out of the response', () => {
    expect(phase('Came in hot, PD already had him in cuffs, 25 male, laceration to the hand.')).not.toBe('response');
    expect(phase('came in hot pd had him in cuffs 25 male laceration to the hand')).not.toBe('response');
    expect(phase('came in code 3 to mercy with cpr in progress')).not.toBe('response');
  });

  it('still reads the response said alone', () => {
    expect(phase('Came in code 3.')).toBe('response');
    expect(phase('came in hot')).toBe('response');
  });
});

describe('review D: run-on cuts only where the crew did it', () => {
  const pad = 'dispatched 1400 for an assault responded emergent on scene 1408';
  const split = (text: string) => splitSentences(text);

  it('does not cut before someone else leaving the scene ("suspect left the scene on foot")', () => {
    for (const said of [
      '30 male suspect left the scene on foot laceration to scalp',
      'other driver left the scene before pd arrived',
      'friends left the scene before we got there',
      'suspect left the scene at 1402 pt has a laceration',
    ]) {
      const pieces = split(`${pad} ${said}`);
      expect(
        pieces.some((p) => /^left the scene/.test(p)),
        pieces.join(' | '),
      ).toBe(false);
    }
    // The crew leaving still opens the transport.
    const crew = split(`${pad} scalp bleeding controlled with direct pressure we left the scene at 1422 to mercy`);
    expect(
      crew.some((p) => p.startsWith('we left the scene')),
      crew.join(' | '),
    ).toBe(true);
  });

  it('does not cut before "into the rig" said after another verb ("threw up into the rig bucket")', () => {
    const pieces = split(`${pad} 50 male threw up into the rig bucket en route transported to general`);
    expect(pieceWith(pieces, 'threw up into the rig bucket'), pieces.join(' | ')).toBeDefined();
  });

  it("does not cut before another agency's tourniquet ('pd tourniquet on the right thigh')", () => {
    const pieces = split(`${pad} gsw to the right thigh pd tourniquet on the right thigh at 1402 bleeding controlled`);
    expect(pieceWith(pieces, 'pd tourniquet on the right thigh'), pieces.join(' | ')).toBeDefined();
  });
});

describe('a run-on said in the present tense (second-language speech)', () => {
  const phaseOf = (pieces: readonly string[], words: string) => {
    const piece = pieceWith(pieces, words) ?? '';
    return classifySegment('s1', piece, extractEmsFacts([{ id: 's1', content: piece }]));
  };
  it('cuts at "we go emergent", "we arrive" and "when we arrive", and reads "dispatch send us" as the dispatch', () => {
    const gi = splitSentences(
      'dispatch send us for abdominal pain and vomiting blood at the laundry on 12th street the owner call we go emergent with ' +
        'lights when we arrive she is in the back room on a chair with a bucket',
    );
    expect(pieceWith(gi, 'we go emergent')?.startsWith('we go emergent')).toBe(true);
    expect(pieceWith(gi, 'when we arrive')?.startsWith('when we arrive')).toBe(true);
    expect(phaseOf(gi, 'dispatch send us')).toBe('dispatch');
    expect(phaseOf(gi, 'we go emergent')).toBe('response');
    const stroke = splitSentences(
      'dispatch send us 0215 for possible stroke the daughter call she say her mother talk funny we arrive 0226 is a small house',
    );
    expect(pieceWith(stroke, 'we arrive 0226')?.startsWith('we arrive 0226')).toBe(true);
    expect(phaseOf(stroke, 'dispatch send us')).toBe('dispatch');
  });

  it('does not cut "we go" or "we arrive" used of something else, nor read a message sent as the dispatch', () => {
    const pieces = splitSentences('she says we go to the store every day and the stomach hurt since this morning');
    expect(pieces.some((p) => p.startsWith('we go to the store'))).toBe(false);
    expect(classifySegment('s1', 'we send us a copy of the ecg to the hospital', extractEmsFacts([]))).not.toBe('dispatch');
    // What dispatch tells the crew on the way is not the dispatch: no nature of the call is stated here.
    const update = 'Responded emergent, dispatch gave us an update en route that PD on scene.';
    expect(extractEmsFacts([{ id: 's1', content: update }]).context.filter((f) => f.type.startsWith('DISPATCH'))).toEqual([]);
  });
});

describe('run-on dictation: a history by its source, two parents, online medical control, a signed order', () => {
  const pad = 'medic 4 dispatched at 0210 for a sick person at 14 elm street responded lights and sirens';
  const split = (text: string) => splitSentences(`${pad} ${text}`);

  it('cuts before a history said with its source ("history per daughter is …"), not inside "past medical history"', () => {
    const pieces = split('pressure 100 over 60 heart rate 110 sat 95 history per daughter is diabetes and copd no allergies');
    expect(
      pieces.some((p) => p.startsWith('history per daughter is diabetes')),
      pieces.join(' | '),
    ).toBe(true);
    const whole = split('pressure 100 over 60 heart rate 110 sat 95 past medical history is diabetes and copd no allergies');
    expect(pieceWith(whole, 'past medical history is diabetes'), whole.join(' | ')).toBeDefined();
  });

  it('cuts before two family members who wanted something ("mom and dad wanted her checked")', () => {
    const pieces = split('lungs clear sat 99 on room air no treatment needed mom and dad wanted her checked so transported non emergent');
    expect(
      pieces.some((p) => p.startsWith('mom and dad wanted her checked')),
      pieces.join(' | '),
    ).toBe(true);
    // Still not after a possessive: "because her mom and dad wanted" is one clause.
    const her = split('lungs clear sat 99 we waited because her mom and dad wanted to ride along in the back');
    expect(pieceWith(her, 'because her mom and dad wanted'), her.join(' | ')).toBeDefined();
  });

  it('keeps "online" with the medical control it names, and a signed order with who signed it', () => {
    const pieces = split(
      'no pulse asystole in two leads cpr stopped at 0433 online medical control agreed the nurse found his polst dnr signed by him ' +
        'and his doctor',
    );
    expect(
      pieces.some((p) => p.startsWith('online medical control agreed')),
      pieces.join(' | '),
    ).toBe(true);
    // The end of CPR opens its own statement; a subject said with "then" waits for its verb.
    expect(
      pieces.some((p) => p.startsWith('cpr stopped at 0433')),
      pieces.join(' | '),
    ).toBe(true);
    const then = split('no pulse asystole in two leads the charge nurse then found his polst in the chart');
    expect(pieceWith(then, 'the charge nurse then found his polst'), then.join(' | ')).toBeDefined();
    expect(pieceWith(pieces, 'dnr signed by him'), pieces.join(' | ')).toBeDefined();
    // A refusal signed after the findings is still cut.
    const refusal = split('alert and oriented times four pressure 130 over 80 he refused transport signed by him and his wife');
    expect(pieceWith(refusal, 'he refused transport'), refusal.join(' | ')).toBeDefined();
  });

  it("opens at an arrest's history (unwitnessed, last seen well), not at whom someone else saw last", () => {
    const pieces = split(
      'found a 90 year old male in bed staff doing compressions he was unwitnessed last seen at 0300 lividity in the back',
    );
    expect(
      pieces.some((p) => p.startsWith('he was unwitnessed')),
      pieces.join(' | '),
    ).toBe(true);
    const lkw = split('wife says his speech got slurred at dinner last known well 1900 no blood thinners');
    expect(
      lkw.some((p) => p.startsWith('last known well 1900')),
      lkw.join(' | '),
    ).toBe(true);
    const saw = split('wife says she last saw him at 0300 when she got up for water');
    expect(pieceWith(saw, 'she last saw him at 0300'), saw.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: how the crew found the patient', () => {
  it('keeps the state said right after "found …" with it, and still cuts it after another statement', () => {
    const found = splitSentences(
      'medic 3 dispatched for a fall at the senior apartments found a 79 year old male on the bathroom floor he was awake and ' +
        'talking says he tripped on the rug',
    );
    expect(pieceWith(found, 'on the bathroom floor he was awake and talking'), found.join(' | ')).toBeDefined();
    const after = splitSentences(
      'medic 3 dispatched for a fall at the senior apartments wife says he tripped on the rug and hit his head he was awake and ' +
        'talking on our arrival',
    );
    expect(
      after.some((p) => p.startsWith('he was awake and talking')),
      after.join(' | '),
    ).toBe(true);
  });
});

describe('run-on dictation: the reassessment on the way, and the alert or report the crew called or gave', () => {
  it('cuts before vitals re-measured "en route", not before "en route" said after what it qualifies', () => {
    const pieces = splitSentences(
      'we left the scene at 0233 and went to northgate medical with the heat up en route second bp one seventy eight over ninety six ' +
        'pulse 84',
    );
    expect(
      pieces.some((p) => p.startsWith('en route second bp')),
      pieces.join(' | '),
    ).toBe(true);
    // Said after what it qualifies, with no reading after it, "en route" ends that statement.
    const stable = splitSentences(
      'pressure one ten over seventy pulse 88 sat 97 on room air we transported her and she stayed stable en route with no changes ' +
        'in her speech',
    );
    expect(pieceWith(stable, 'she stayed stable en route with no changes'), stable.join(' | ')).toBeDefined();
  });

  it('cuts before the crew calling an alert or giving report, with its verb, and not after "and"', () => {
    const pieces = splitSentences(
      'eighteen gauge left ac and twelve lead on sinus rhythm head of the stretcher up 30 degrees we call stroke alert at 0233 and go ' +
        'to northgate',
    );
    expect(
      pieces.some((p) => p.startsWith('we call stroke alert at 0233')),
      pieces.join(' | '),
    ).toBe(true);
    const and = splitSentences(
      'eighteen gauge left ac and twelve lead on sinus rhythm head of the stretcher up 30 degrees and we called stemi alert at 0233 ' +
        'from the scene',
    );
    expect(pieceWith(and, 'and we called stemi alert'), and.join(' | ')).toBeDefined();
  });

  it('cuts before "the patient" opening a statement, not after a verb or preposition that takes it', () => {
    const pieces = splitSentences(
      'police met us outside and stated he had made statements to his roommate the patient is calm and cooperative and denies a ' +
        'plan vitals within normal limits',
    );
    expect(
      pieces.some((p) => p.startsWith('the patient is calm and cooperative')),
      pieces.join(' | '),
    ).toBe(true);
    // What someone said about the patient stays with the speaker.
    const said = splitSentences(
      'we arrived at 1547 and his daughter told us the patient was fine this morning and then got confused around lunch time today',
    );
    expect(pieceWith(said, 'told us the patient was fine'), said.join(' | ')).toBeDefined();
  });

  it('cuts before the patient said as moved or transported with a pronoun ("she was transported")', () => {
    const pieces = splitSentences(
      'pain 6 out of 10 no allergies we gave 324 mg of chewable aspirin po she was transported to regional medical center without ' +
        'incident',
    );
    expect(
      pieces.some((p) => p.startsWith('she was transported to regional')),
      pieces.join(' | '),
    ).toBe(true);
    expect(pieceWith(pieces, 'aspirin po she'), pieces.join(' | ')).toBeUndefined();
    // A subordinate clause keeps its subject: "the pain started when she was moved to the stretcher".
    const when = splitSentences(
      'on arrival she was sitting in her chair in the living room and said the pain got worse when she was moved to the stretcher',
    );
    expect(pieceWith(when, 'worse when she was moved'), when.join(' | ')).toBeDefined();
  });

  it('cuts before the crew care said with "we" and a verb of care after a reading ("spo2 95 | we resumed compressions")', () => {
    const pieces = splitSentences(
      'the monitor showed ventricular fibrillation at 0325 and no pulse we resumed compressions and delivered a 200 joule shock at ' +
        '0327',
    );
    expect(
      pieces.some((p) => p.startsWith('we resumed compressions')),
      pieces.join(' | '),
    ).toBe(true);
    // After a subordinator the crew's clause stays with what it times.
    const after = splitSentences(
      'the monitor showed ventricular fibrillation at 0325 and he started breathing again after we resumed compressions for two ' +
        'more minutes',
    );
    expect(pieceWith(after, 'after we resumed compressions'), after.join(' | ')).toBeDefined();
  });

  it('cuts before care said passively with what was given or placed as its subject ("an io was established")', () => {
    const pieces = splitSentences(
      'blood pressure 88 over 50 heart rate 130 spo2 91 percent on room air oxygen was applied at 4 liters by nasal cannula and ' +
        'lung sounds were clear an 18 gauge iv was placed in the left antecubital at 1026',
    );
    expect(
      pieces.some((p) => p.startsWith('oxygen was applied at 4 liters')),
      pieces.join(' | '),
    ).toBe(true);
    expect(
      pieces.some((p) => p.startsWith('an 18 gauge iv was placed')),
      pieces.join(' | '),
    ).toBe(true);
    // The route of a dose said before it is no subject: "ondansetron 4 mg iv was administered" stays whole.
    const dose = splitSentences(
      'at 1422 the patient reported nausea and no bleeding was noted at the site during transport and ondansetron 4 mg iv was ' +
        'administered at 1424',
    );
    expect(pieceWith(dose, 'ondansetron 4 mg iv was administered'), dose.join(' | ')).toBeDefined();
    // A reading is no care: "the pulse was started" is not said, but "her sugar was checked" stays a finding's piece.
    const checked = splitSentences(
      'she was sitting on the couch talking to her daughter when she got dizzy and her sugar was checked by her daughter at 56',
    );
    expect(pieceWith(checked, 'her sugar was checked by her daughter'), checked.join(' | ')).toBeDefined();
  });

  it('ends the response at its mode before a new subject ("responded non emergent | the nurse met us"), not before "the whole way"', () => {
    const pieces = splitSentences(
      'medic 4 dispatched at 1402 for a sick person at the nursing home responded non emergent the nurse met us at the door and said ' +
        'she has had a fever',
    );
    expect(
      pieces.some((p) => p.startsWith('the nurse met us')),
      pieces.join(' | '),
    ).toBe(true);
    const whole = splitSentences(
      'medic 4 dispatched at 1402 for a sick person at the nursing home responded emergent the whole way because of the traffic on ' +
        'the bypass road',
    );
    expect(pieceWith(whole, 'responded emergent the whole way'), whole.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: the response mode after the dispatch, the transport mode after a reading', () => {
  const starts = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));

  it('cuts before a bare response mode said right after the dispatch line ("… 45 elm st | non emergent")', () => {
    const bare = splitSentences(
      'medic 3 dispatched 1102 for a syncope at grace lutheran church 45 elm st non emergent upgraded to emergent en route arrived ' +
        'at 1109 patient seated in a pew',
    );
    expect(starts(bare, 'non emergent upgraded to emergent'), bare.join(' | ')).toBe(true);
    const resp = splitSentences(
      'm5 sent to 88 quarry rd for diabetic altered per wife resp code 3 arr 0705 pt seated at kitchen table diaphoretic wife at side',
    );
    expect(starts(resp, 'resp code 3'), resp.join(' | ')).toBe(true);
    const ls = splitSentences('medic 9 toned 0312 for a fall at maple grove nursing home emergent l s arrived 0320 pt on floor');
    expect(starts(ls, 'emergent l s'), ls.join(' | ')).toBe(true);
  });

  it('keeps a mode that says what was dispatched or how hot something was with it', () => {
    const dispatched = splitSentences(
      'medic 4 dispatched emergent for chest pain at 14 elm street we arrived at 1410 and found him sitting on the porch steps',
    );
    expect(pieceWith(dispatched, 'dispatched emergent for chest pain'), dispatched.join(' | ')).toBeDefined();
    const transfer = splitSentences(
      'medic 2 dispatched at 0915 for a non emergent transfer from mercy to county we arrived at 0930 and the nurse gave report',
    );
    expect(pieceWith(transfer, 'for a non emergent transfer'), transfer.join(' | ')).toBeDefined();
    const scald = splitSentences(
      'medic 6 dispatched 1114 for a child burned with hot water at 12 oak road hot water spilled on her arm she is crying',
    );
    expect(pieceWith(scald, 'hot water spilled on her arm'), scald.join(' | ')).toBeDefined();
    expect(
      scald.some((p) => /^hot\b/.test(p)),
      scald.join(' | '),
    ).toBe(false);
    // "resp 20" is the respiratory rate, not the response.
    const rate = splitSentences('medic 7 dispatched 1210 for shortness of breath at 4 pine street bp 130 over 80 resp 20 sat 94 percent');
    expect(pieceWith(rate, 'bp 130 over 80 resp 20'), rate.join(' | ')).toBeDefined();
  });

  it('cuts before the transport said by its mode and destination after a reading ("bp 142/88 | emergent to harbor valley")', () => {
    const mode = splitSentences(
      'aspirin 324 po at 1158 nitro 0.4 sl at 1201 after second ntg pain 3/10 bp 142/88 emergent to harbor valley medical stemi alert ' +
        'called en route',
    );
    expect(starts(mode, 'emergent to harbor valley'), mode.join(' | ')).toBe(true);
    const txp = splitSentences('albuterol 2.5 mg neb at 0227 repeat vs 118/72 104 20 98 on neb txp non emergent to st anne regional');
    expect(starts(txp, 'txp non emergent to st anne'), txp.join(' | ')).toBe(true);
  });

  it('keeps a mode said with its verb and a finding "hot to the touch"', () => {
    const verb = splitSentences(
      'albuterol 2.5 mg neb at 0227 sat 98 transported emergent to st anne regional with mom riding along and no changes',
    );
    expect(pieceWith(verb, 'transported emergent to st anne'), verb.join(' | ')).toBeDefined();
    const touch = splitSentences('found him in the yard at 1350 temp 106 hot to the touch and confused about where he was and why');
    expect(
      touch.some((p) => p.startsWith('hot to')),
      touch.join(' | '),
    ).toBe(false);
  });
});

describe('run-on dictation: the crew said with "we" or "my partner" after a reading, the arrival by its time', () => {
  const starts = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));

  it('cuts before "we" and any crew verb right after a reading ("sat 95 on room air | we got an 18 in his right ac")', () => {
    const got = splitSentences(
      'pain in his chest since noon bp 150 over 90 pulse 88 breathing 22 sat 95 on room air we got an 18 in his right ac and gave ' +
        'him 324 of aspirin',
    );
    expect(starts(got, 'we got an 18 in his right ac'), got.join(' | ')).toBe(true);
    const partner = splitSentences(
      'the leg was bleeding pretty good bright red pulsing bp 100 over 60 pulse 120 my partner threw a tourniquet high on the right ' +
        'thigh at 1412',
    );
    expect(starts(partner, 'my partner threw a tourniquet'), partner.join(' | ')).toBe(true);
  });

  it('keeps "we" with a clause a reading opened ("when her sugar was 40 we gave") and a relative clause with its noun', () => {
    const when = splitSentences(
      'she was confused and sweaty at the kitchen table and when her sugar came back at 40 we gave her oral glucose and she came ' +
        'around',
    );
    expect(pieceWith(when, 'when her sugar came back at 40 we gave'), when.join(' | ')).toBeDefined();
    const relative = splitSentences(
      'she was alert and talking to us at the kitchen table and the 20 we put in earlier was still running fine on the way in',
    );
    expect(pieceWith(relative, 'the 20 we put in earlier'), relative.join(' | ')).toBeDefined();
    const partner = splitSentences(
      'he was sitting on the couch alert and talking and said he told my partner he did not want to go to the hospital today',
    );
    expect(pieceWith(partner, 'told my partner he did not want'), partner.join(' | ')).toBeDefined();
  });

  it('cuts before the arrival said by its time ("emergent | 1836 on scene", "resp code 3 | arr 0705", "| os 1913")', () => {
    const time = splitSentences(
      'medic 17 dispatched 1831 for an allergic reaction at 210 atlantic ave emergent 1836 on scene patient seated in a booth lips ' +
        'swollen',
    );
    expect(starts(time, '1836 on scene patient seated'), time.join(' | ')).toBe(true);
    const arr = splitSentences(
      'm5 sent to 88 quarry rd for diabetic altered per wife resp code 3 arr 0705 pt seated at kitchen table diaphoretic wife at side',
    );
    expect(starts(arr, 'arr 0705 pt seated'), arr.join(' | ')).toBe(true);
    const os = splitSentences('m9 toned 1905 for an overdose at fulton park restrooms emergent os 1913 pd on scene pt found on floor');
    expect(starts(os, 'os 1913 pd on scene'), os.join(' | ')).toBe(true);
  });

  it('keeps a time that is the dispatch\'s or a reading\'s, and "at" with its time', () => {
    const dispatched = splitSentences(
      'medic 4 dispatched at 1402 for a fall at 14 elm street arrived at 1410 on scene with engine 2 the patient was on the floor',
    );
    expect(
      dispatched.some((p) => /^(?:1402|1410)\b/.test(p)),
      dispatched.join(' | '),
    ).toBe(false);
    // A pupil said "os" with a size is the left eye, not on scene.
    const eye = splitSentences(
      'gcs 15 pupils od 3 mm reactive os 4 mm sluggish bp 140 over 90 pulse 88 sat 97 percent on room air no other complaints',
    );
    expect(
      eye.some((p) => /^os\b/.test(p)),
      eye.join(' | '),
    ).toBe(false);
  });
});

describe('run-on dictation: the crew after a reading is not a call sign, the dispatch or a unit the crew came with', () => {
  it('keeps "we got paged" with the call sign and cuts before "on scene" after the unit the crew came with', () => {
    const paged = splitSentences(
      'okay so this is rescue 6 we got paged at 1607 for a person in the water at the quarry bystanders had already pulled him out',
    );
    expect(
      paged.some((p) => p.startsWith('we got paged')),
      paged.join(' | '),
    ).toBe(false);
    const came = splitSentences(
      'medic 13 dispatched 0615 to 2480 old mill road for an unresponsive male not breathing responded emergent with engine 6 on scene ' +
        '0623 engine crew doing cpr patient on the living room floor',
    );
    expect(
      came.some((p) => p.startsWith('on scene 0623')),
      came.join(' | '),
    ).toBe(true);
  });
});

describe('run-on dictation: the dispatch after a preface, the response "went in", reaching the scene, a numbered vitals set, "y o"', () => {
  const starts = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));

  it('cuts before "we got toned out" after the speaker\'s preface, and before "went in hot"', () => {
    const toned = splitSentences(
      'okay so this is medic 14s report we got toned out at 0238 for a difficulty breathing at 12 elm street we went in hot lights ' +
        'and sirens the whole way',
    );
    expect(starts(toned, 'we got toned out at 0238'), toned.join(' | ')).toBe(true);
    expect(starts(toned, 'we went in hot lights and sirens'), toned.join(' | ')).toBe(true);
    const go = splitSentences(
      'they call us for a man with chest pain at calle ocho and 27th avenue we go there with the lights and the siren',
    );
    expect(starts(go, 'we go there with the lights'), go.join(' | ')).toBe(true);
  });

  it('keeps a call the crew got while busy, and someone else going in', () => {
    const back = splitSentences(
      'we were clearing the hospital when we got called back out for a fall at 14 elm street and she was on the floor by the bed',
    );
    expect(pieceWith(back, 'when we got called back out for a fall'), back.join(' | ')).toBeDefined();
    const wife = splitSentences(
      'he was lifting boxes in the garage when the pain started and his wife went in with him to call 911 at 1410',
    );
    expect(pieceWith(wife, 'his wife went in with him'), wife.join(' | ')).toBeDefined();
  });

  it('cuts before reaching the scene ("… took us a while | got there and her husband had her sitting up", "| pulled up at 0601")', () => {
    const there = splitSentences(
      'we ran emergency the roads were icy so it took a bit got there and her husband had her sitting on the edge of the bed',
    );
    expect(starts(there, 'got there and her husband'), there.join(' | ')).toBe(true);
    const pulled = splitSentences('we ran emergency the roads were icy so it took a bit pulled up at 0601 and he was lying on a bench');
    expect(starts(pulled, 'pulled up at 0601'), pulled.join(' | ')).toBe(true);
  });

  it('keeps whoever else got there, and the time the crew got there said after a subordinator', () => {
    const fire = splitSentences(
      'responded emergent engine 3 got there about two minutes before us and had started cpr on the patient in the kitchen',
    );
    expect(
      fire.some((p) => p.startsWith('got there')),
      fire.join(' | '),
    ).toBe(false);
    const time = splitSentences('she had been down for about an hour by the time we got there and she was cold and pale on the floor');
    expect(pieceWith(time, 'by the time we got there'), time.join(' | ')).toBeDefined();
  });

  it('cuts before a numbered vitals set and before an age said "y o"', () => {
    const first = splitSentences(
      'he was confused and did not know where he was gcs about 13 first vitals bp 98 over 54 heart rate 138 respirations 28',
    );
    expect(starts(first, 'first vitals bp 98 over 54'), first.join(' | ')).toBe(true);
    const age = splitSentences(
      'pd cleared scene 2223 pt sitting on curb outside the store holding l flank pt 19 y o single stab wound l lower chest',
    );
    expect(starts(age, 'pt 19 y o single stab wound'), age.join(' | ')).toBe(true);
  });

  it('keeps "her first vitals" and "the second set" with their determiner', () => {
    const her = splitSentences(
      'she was pale and sweaty on the couch and her first vitals were bp 88 over 50 heart rate 120 sat 94 percent',
    );
    expect(pieceWith(her, 'her first vitals were'), her.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: a vitals set opens at its name, a number keeps its qualifier', () => {
  it('cuts before "vs" with its readings, not between them ("slurred speech | vs bp 168/92")', () => {
    const vs = splitSentences(
      'gcs 14 l arm drift slurred speech vs bp 168/92 hr 78 irreg rr 16 spo2 96 2 l nc nicardipine at 7.5 mg hr per the sending doctor',
    );
    expect(
      vs.some((p) => p.startsWith('vs bp 168/92 hr 78')),
      vs.join(' | '),
    ).toBe(true);
    expect(
      vs.some((p) => /\bvs$/.test(p)),
      vs.join(' | '),
    ).toBe(false);
  });

  it('keeps "approx" with its number ("pt approx 30 y o m") and a bvm said "w" its adjunct opens the care', () => {
    const approx = splitSentences(
      'os 1913 pd on scene pt found on bathroom floor snoring resps syringe nearby pt approx 30 y o m unresponsive to pain pupils ' +
        'pinpoint impression opioid od bvm w opa and 15 lpm o2 spo2 up to 91',
    );
    expect(pieceWith(approx, 'pt approx 30 y o m'), approx.join(' | ')).toBeDefined();
    expect(
      approx.some((p) => p.startsWith('bvm w opa')),
      approx.join(' | '),
    ).toBe(true);
  });
});

describe('run-on dictation: a bare response ends at its mode, an age opens at its qualifier', () => {
  it('ends a bare mode before what was found ("non emergent | pt on bedroom floor"), not before what goes on about it', () => {
    const found = splitSentences(
      'medic 22 hip injury birchwood senior apts 312 non emergent pt on bedroom floor alert cannot move r leg bent to pick up shoes',
    );
    expect(
      found.some((p) => p === 'non emergent'),
      found.join(' | '),
    ).toBe(true);
    const on = splitSentences(
      'medic 22 hip injury birchwood senior apts 312 non emergent no lights arrived 1010 pt on bedroom floor alert cannot move r leg',
    );
    expect(pieceWith(on, 'non emergent no lights'), on.join(' | ')).toBeDefined();
  });

  it('cuts before "approximately" with an age ("20 feet away | approximately 30 year old male"), never inside', () => {
    const age = splitSentences(
      'arrival 2259 vehicle on its roof in the median pt lying in the grass about 20 feet away approximately 30 year old male moaning',
    );
    expect(
      age.some((p) => p.startsWith('approximately 30 year old male')),
      age.join(' | '),
    ).toBe(true);
    const far = splitSentences(
      'arrival 2259 vehicle on its roof in the median pt lying in the grass about 20 feet away from the car moaning',
    );
    expect(pieceWith(far, 'about 20 feet away'), far.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: a cold pack is care, a collar with its spinal care opens the treatment', () => {
  it('keeps "cold pack" whole after the response and cuts before "c collar smr", not before "pd c collar"', () => {
    const pack = splitSentences(
      'medic 5 toned 1450 fall at the assisted living non emergent response arr 1502 pt found seated on the floor vs 164/90 78 16 96 ' +
        'small hematoma l forehead gcs 15 cold pack to forehead assisted to stretcher',
    );
    expect(pieceWith(pack, 'cold pack to forehead'), pack.join(' | ')).toBeDefined();
    const collar = splitSentences(
      'c o neck pain and l wrist pain gcs 15 bp 136/88 midline c spine tenderness l wrist deformity distal pulses intact c collar smr ' +
        'on stretcher l wrist splinted',
    );
    expect(
      collar.some((p) => p.startsWith('c collar smr on stretcher')),
      collar.join(' | '),
    ).toBe(true);
    const pd = splitSentences(
      'c o neck pain and l wrist pain gcs 15 bp 136/88 midline c spine tenderness l wrist deformity distal pulses intact fire c collar ' +
        'smr already in place on arrival',
    );
    expect(
      pd.some((p) => p.startsWith('c collar')),
      pd.join(' | '),
    ).toBe(false);
  });
});

describe('run-on dictation: "her" as an object before the patient, laying the patient back', () => {
  it('cuts before "patient is" after "around her" and before "laid her back flat", not inside "her patient"', () => {
    const around = splitSentences(
      'arrived 1051 patient lying on a pew alert with church members around her patient is a 66 year old female chief complaint ' +
        'passed out',
    );
    expect(
      around.some((p) => p.startsWith('patient is a 66 year old female')),
      around.join(' | '),
    ).toBe(true);
    const laid = splitSentences(
      'bp 88 over 50 heart rate 118 twelve lead sinus no st changes glucose 104 laid her back flat with legs up iv 20 gauge right hand',
    );
    expect(
      laid.some((p) => p.startsWith('laid her back flat')),
      laid.join(' | '),
    ).toBe(true);
    const nurse = splitSentences(
      'we arrived at the clinic at 1410 and the nurse said that her patient is a 66 year old female who passed out in the waiting room',
    );
    expect(pieceWith(nurse, 'said that her patient is a 66 year old'), nurse.join(' | ')).toBeDefined();
  });
});

describe('a cue at the end of a piece and the patient said as the next subject', () => {
  it('cuts an apology told of the patient from what is said of her next', () => {
    const pieces = splitSentences(
      'on arrival pt was crying and saying sorry she is 3 weeks post partum and bleeding heavily bp 90 over 60',
    );
    expect(pieces.some((p) => /saying sorry$/.test(p))).toBe(true);
    expect(pieceWith(pieces, 'she is 3 weeks post partum')?.startsWith('she is')).toBe(true);
  });
});

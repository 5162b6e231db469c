import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';

const phaseOf = (pieces: readonly string[], i: number) =>
  classifySegment(`s${i + 1}`, pieces[i] ?? '', extractEmsFacts(pieces.map((content, j) => ({ id: `s${j + 1}`, content }))));

/** The rest of a run-on dictation (cutting is for run-on text, twenty words or more). */
const REST = 'responded emergent lights and sirens arrived to find the patient sitting up on the couch';

describe('run-on dictation: the words a speaker opens with before the call', () => {
  it('cuts the opening "okay", "um", "alright so" off as its own (filler) piece', () => {
    for (const [said, opening] of [
      ['okay unit forty one responded to the maple grove apartments for difficulty breathing', 'okay'],
      ['so medic three was sent at sixteen forty to the fairgrounds for a heat related illness', 'so'],
      ['um medic twenty two dispatched at nineteen fifty to the sunoco on orchard avenue for a diabetic problem', 'um'],
      ['okay so we got toned out at two fifteen in the morning for a single vehicle rollover on county road nine', 'okay so'],
      ['uh okay at twenty three twelve we were dispatched to the harlan street bridge for a suicidal subject', 'uh okay'],
      ['okay um medic fourteen got sent out to 2218 calloway drive for a two year old seizing', 'okay um'],
      ['alright here we go rescue two paged out at 0414 for an unresponsive male at 1180 county road 9', 'alright here we go'],
      ['ok uh medic 4 dispatched for chest pain at 18 elm street', 'ok uh'],
      // "yeah" and "yep" said to start, alone or among the others.
      ['um yeah so medic six got toned out at 0210 for an assault at the bus depot on fifth street', 'um yeah so'],
      ['yeah okay rescue eleven was sent at twenty forty for a fall from a ladder at 77 quarry road', 'yeah okay'],
      ['yep alright we got paged at noon for a diabetic at the food bank on market street', 'yep alright'],
      // The recording named before the call's dispatch.
      ['okay recording medic 15 and rescue 2 dispatched at 1605 for a two vehicle mvc at route 9', 'okay recording'],
      ['okay recording dispatched at 1402 for a fall at the senior center on 5th street responded emergent', 'okay recording'],
      ['alright recording i was dispatched for a fall at 1402 to the senior center on 5th street', 'alright recording'],
    ] as const) {
      const pieces = splitSentences(`${said} ${REST}`);
      expect(pieces[0], said).toBe(opening);
      expect(phaseOf(pieces, 0), said).toBeNull();
      expect(pieces[1], said).toBe(said.slice(opening.length + 1, opening.length + 1 + pieces[1]!.length));
      expect(phaseOf(pieces, 1), said).not.toBeNull();
    }
  });

  it('still cuts the rest of the run-on into statements when it is short of a run-on once the opening is off', () => {
    // Twenty words with "yeah", nineteen without: the rest is the same run-on dictation and is cut as one.
    for (const [said, piece] of [
      [
        'yeah he was complaining of chest pain for two hours we gave aspirin 324 and nitro 0.4 transported to general',
        'transported to general',
      ],
      [
        'ok yeah dispatched at 1600 for a syncopal episode at the mall responded emergent patient alert on arrival transported to general',
        'responded emergent',
      ],
    ] as const) {
      const pieces = splitSentences(said);
      expect(pieces.length, said).toBeGreaterThan(2);
      expect(pieces, said).toContain(piece);
    }
  });

  it('leaves "yeah" and "yep" with the story when no dispatch follows them: they may answer a question the story goes on from', () => {
    for (const said of [
      'yeah okay so he got narcan from pd before we got there four milligrams intranasal he was breathing ten a minute to county',
      'yeah 68 year old male chest pain since 1300 radiating to left arm gave aspirin 324 nitro 0.4 sublingual transported to st marys',
      'yep so her sugar was 38 we gave d10 250 ml and she came around transported to general and she was fine',
      'okay recording shows he was down about ten minutes before the neighbor called we gave narcan 4 milligrams intranasal',
      // The recording named but no call sign or crew after it (review of 1.37.0).
      'recording of the 911 call says he was not breathing when we were dispatched at 0300 for an unresponsive male',
      'recording started at 1410 medic 3 dispatched for chest pain at 14 elm street responded emergent',
    ]) {
      const pieces = splitSentences(said);
      expect(pieces[0], said).toBe(said.slice(0, pieces[0]!.length));
      expect(pieces[0]!.split(' ').length, said).toBeGreaterThan(3);
    }
  });

  it('keeps an opening word that is part of the statement, and punctuated text as dictated', () => {
    // "so" that goes on ("so dizzy"), "okayed" by medical control, "all right sided weakness": no cut.
    for (const said of [
      'so dizzy she could not stand up and fell in the kitchen around noon',
      'okayed by medical control to give a second dose of fentanyl fifty micrograms',
      'all right sided weakness started at ten this morning per her husband',
    ])
      expect(splitSentences(`${said} ${REST}`)[0], said).not.toMatch(/^(?:so|okayed|all right)$/);
    // A punctuated line keeps its opening words: "Okay, Medic 5, we got called out …" is one dispatch sentence.
    expect(splitSentences('Okay, Medic 5, we got called out at 0153 for a woman in labor.')).toEqual([
      'Okay, Medic 5, we got called out at 0153 for a woman in labor.',
    ]);
  });
});

describe('run-on dictation: someone at the scene telling what happened, said with where they are', () => {
  const LEAD = 'medic two dispatched at ten fifty two for a possible stroke responded emergent lights and sirens';
  it('cuts before the teller ("daughter on scene says …"), keeping who, where and the telling together', () => {
    for (const [found, told] of [
      ['found the patient sitting in her recliner', 'daughter on scene says she noticed her face drooping around ten'],
      ['found him lying on the kitchen floor', 'wife at bedside states he was fine at dinner and then got confused'],
      ['patient was in a chair in the waiting area', 'staff on scene said she missed her dialysis on friday'],
      ['found her on the couch', 'husband at the scene reports she has been vomiting since noon'],
      ['arrived to find the patient in bed', 'son on scene said he found her like that this morning'],
    ] as const) {
      const pieces = splitSentences(`${LEAD} ${found} ${told}`);
      expect(pieces, found).toContain(found);
      expect(pieces, found).toContain(told);
    }
  });

  it('keeps others on scene who tell nothing, and police on scene, as before', () => {
    const police = splitSentences(`${LEAD} found him sitting on the curb police on scene had him in handcuffs`);
    expect(police).toContain('police on scene had him in handcuffs');
    // A relative on scene who tells nothing is not cut off from the scene around them.
    const present = splitSentences(`${LEAD} found the patient on the bed daughter on scene holding pressure on his arm`);
    expect(present.some((p) => p.startsWith('daughter on scene holding'))).toBe(false);
  });
});

describe('run-on dictation: the crew going in, then finding the patient', () => {
  const LEAD = 'medic six dispatched at twenty three twelve to the bridge for a suicidal subject';
  it('cuts after "then went in", "we walked in" before the arrival ("arrived to find", "found")', () => {
    for (const [went, found] of [
      [
        'we ran code three and staged until pd cleared the scene then went in',
        'arrived to find a male sitting on the sidewalk with two officers',
      ],
      ['staged down the street for the sheriff then walked in', 'found the patient on the floor of the garage'],
      ['waited for police to clear the house then we went in', 'found her sitting on the stairs crying'],
      ['parked out front and we walked in', 'found him lying in bed with his wife next to him'],
      ['staged at the corner until pd gave the all clear and headed in', 'arrived to find the patient sitting in the back of the cruiser'],
    ] as const) {
      const pieces = splitSentences(`${LEAD} ${went} ${found}`);
      expect(pieces, went).toContain(found);
    }
  });

  it('keeps someone else coming in and finding the patient, and the way in said with its mode', () => {
    const daughter = splitSentences(`${LEAD} responded emergent his daughter came in found him on the floor this morning and called`);
    expect(daughter.some((p) => p.startsWith('found him on the floor'))).toBe(false);
    const wife = splitSentences(`${LEAD} responded emergent his wife walked in found him slumped over in the chair and called`);
    expect(wife.some((p) => p.startsWith('found him slumped'))).toBe(false);
  });
});

describe('run-on dictation: a repeat reading, a family member riding along, the crew packaging the patient', () => {
  const LEAD = 'medic fourteen sent out for a seizure responded emergent found the child post ictal on the couch';
  const cutBefore = (said: string, opens: string) => splitSentences(`${LEAD} ${said}`).some((p) => p.startsWith(opens));

  it('opens a statement at a repeat reading of any vital ("repeat heart rate en route …")', () => {
    for (const [said, opens] of [
      ['transported non emergent to saint agnes repeat heart rate en route one forty temp not rechecked', 'repeat heart rate'],
      ['gave ondansetron four milligrams iv at 1410 repeat pulse ninety two sats ninety eight percent', 'repeat pulse'],
      ['placed her on two liters nasal cannula repeat spo2 ninety six percent', 'repeat spo2'],
      ['gave d ten one hundred ml iv repeat temp ninety four point one', 'repeat temp'],
      ['transported emergent to mercy repeat resp rate en route twenty two', 'repeat resp rate'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(true);
    // Near-misses: "the repeat …" waits for its noun; "did not repeat the temp" names no reading; a repeat 12-lead after the
    // transport is charted with it.
    expect(cutBefore('transported emergent to mercy repeat twelve lead unchanged', 'repeat twelve lead')).toBe(false);
    expect(cutBefore('gave a second dose after the repeat heart rate was still one sixty', 'repeat heart rate')).toBe(false);
    expect(cutBefore('transported to mercy we did not repeat the temp en route', 'repeat the temp')).toBe(false);
  });

  it('opens the transport at a family member riding along ("mom rode up front and we went …")', () => {
    for (const [said, opens] of [
      ['sat came up to ninety five percent mom rode along and we transported emergent', 'mom rode along'],
      ['laid him on his side in the recovery position mom rode up front and we went non emergent to saint agnes', 'mom rode up front'],
      ['sats ninety six percent on room air her husband rode in the front and we transported to mercy', 'her husband rode'],
      ['splinted the arm with a sam splint dad rode with us to childrens', 'dad rode with us'],
      ['bleeding controlled with direct pressure wife came along in the front seat and we transported to county', 'wife came along'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(true);
    // Near-misses: a ride that is the history ("son rode his bike into a parked car"); a ride said with the patient's state.
    expect(cutBefore('transported non emergent to county daughter rode along pt calm the whole way', 'daughter rode')).toBe(false);
    expect(cutBefore('mom says her son rode his bike into a parked car this afternoon', 'son rode')).toBe(false);
  });

  it('opens the transport at the crew packaging the patient ("we packaged him and transported")', () => {
    for (const [said, opens] of [
      ['twelve lead after rosc showed st elevation in the anterior leads we packaged him and transported emergent', 'we packaged him'],
      ['bp one hundred over sixty packaged her on the scoop and carried her down', 'packaged her'],
      ['iv established left ac we packaged the patient and moved to the unit', 'we packaged the patient'],
      ['splint applied with good cms then packaged him up and loaded', 'packaged him up'],
      ['sats came up to ninety two percent we packaged her and transported non emergent', 'we packaged her'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(true);
  });
});

describe('run-on dictation: an IV by its gauge in words, clothes taken off, the wrecked vehicle on arrival', () => {
  const LEAD = 'medic twenty one sent out for a man down responded lights and sirens found him lying on his side on wet ground';
  const cutBefore = (said: string, opens: string) => splitSentences(`${LEAD} ${said}`).some((p) => p.startsWith(opens));

  it('opens the crew care at an IV said by its gauge in words ("iv twenty gauge in the right hand")', () => {
    for (const [said, opens] of [
      ['monitor shows peaked t waves and wide qrs iv twenty gauge in the right hand since the left arm has the fistula', 'iv twenty gauge'],
      ['skin cold pale no frostbite heat on full iv eighteen left ac warmed saline bolus started at 0837', 'iv eighteen left ac'],
      ['lungs clear bilaterally iv sixteen gauge right antecubital normal saline to keep open', 'iv sixteen gauge'],
      ['sats ninety four percent on room air i v twenty two in the left hand saline lock', 'i v twenty two'],
      ['abdomen soft non tender iv twenty in the left forearm and a liter of saline', 'iv twenty in the left'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(true);
    // Near-miss: someone else's line ("nursing staff iv eighteen left ac").
    expect(cutBefore('nursing home staff iv eighteen left ac already in place', 'iv eighteen')).toBe(false);
  });

  it('opens the crew care at clothes taken off ("cut off the wet clothes"), not at the patient\'s own', () => {
    for (const [said, opens] of [
      ['no obvious frostbite blisters cut off the wet clothes in the truck got him in blankets', 'cut off the wet clothes'],
      ['skin cold pale we took his wet clothes off and wrapped him in blankets', 'we took his wet clothes off'],
      ['temp one hundred three point one rectal took his pajamas off to cool him', 'took his pajamas off'],
      ['skin hot and dry removed his clothing and applied ice packs to the groin', 'removed his clothing'],
      ['shivering violently stripped the wet layers and put him in the heated truck', 'stripped the wet layers'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(true);
    expect(cutBefore('rash on her back she took off her shirt to show us', 'took off her shirt')).toBe(false);
  });

  it('opens the arrival at the wrecked vehicle said with where it lay ("car was on its roof in the ditch")', () => {
    const DISPATCH = 'we got toned out at two fifteen for a single vehicle rollover on county road nine near the quarry turnoff';
    for (const said of [
      'car was on its roof in the ditch and the driver was out walking around',
      'the truck was on its side in the median with fire already there',
      'vehicle was upside down in a field about fifty feet off the road',
      'the suv was in the ditch with heavy front end damage',
      'the car was wrapped around a pole with the driver still inside',
    ])
      expect(splitSentences(`${DISPATCH} ${said}`), said).toContain(said);
    // Near-miss: the history of the crash said by the patient ("she says the car was going about forty").
    const told = splitSentences(`${DISPATCH} driver says the car was going about forty when she swerved for a deer`);
    expect(told.some((p) => p.startsWith('the car was going'))).toBe(false);
  });
});

describe('run-on dictation: the crew placing pads, an IO or IV, getting a line, dressing and taking the patient', () => {
  const LEAD = 'medic seven dispatched at zero three fourteen to 411 birchwood lane for a man down responded emergent';
  const pieces = (said: string) => splitSentences(`${LEAD} ${said}`);
  const cutBefore = (said: string, opens: string) => pieces(said).some((p) => p.startsWith(opens));

  it('opens at the pads put on ("pads on showed v fib") and keeps an IO or IV with "placed" ("io placed right tibia")', () => {
    for (const [said, opens] of [
      ['history of mi no known allergies pads on showed v fib shocked at 200 joules', 'pads on showed v fib'],
      ['pulseless and apneic pads placed showing asystole cpr continued', 'pads placed'],
      ['no pulse we put the pads on and it showed pea', 'we put the pads on'],
      ['resumed cpr io placed right proximal tibia and epi one milligram io given', 'io placed right proximal tibia'],
      ['bagging with the bvm i o placed left humeral head flushed well', 'i o placed left humeral head'],
      ['sats ninety percent iv established left ac normal saline tko', 'iv established left ac'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(true);
    // Near-misses: someone else's pads ("fire had the pads on"); the IO said as a route ("epi one milligram io given").
    expect(cutBefore('arrived to find fire had the pads on and cpr in progress', 'pads on')).toBe(false);
    expect(pieces('resumed cpr io placed right tibia and epi one milligram io given').some((p) => p === 'given')).toBe(false);
  });

  it('opens at the crew getting a line after a reading ("… on room air got a twenty gauge"), not the patient getting hurt', () => {
    for (const [said, opens] of [
      ['bp 140 over 90 sats 98 on room air got a twenty gauge in the right hand and gave d ten', 'got a twenty gauge'],
      ['sats ninety six percent got an eighteen in the left ac and drew blood', 'got an eighteen in the left ac'],
      ['pulse one hundred ten got an iv in the left forearm', 'got an iv in the left forearm'],
      ['glucose forty one got a line in the right hand and pushed d fifty', 'got a line in the right hand'],
      ['heart rate one twenty got iv access in the left ac', 'got iv access'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(true);
    expect(cutBefore('she fell off the ladder and got a cut on her hand', 'got a cut')).toBe(false);
    // Not after a clause that may go on: "no meds that anybody knew of we stripped him down got an 18 in his left ac" keeps the
    // care said before the line with it.
    expect(cutBefore('no meds that anybody knew of we stripped him down got an 18 in his left ac', 'got an 18')).toBe(false);
  });

  it('opens at the patient said with "has" and a finding, at the crew dressing a wound, at taking the patient', () => {
    const call = 'medic eight for a laceration at 92 west fifth avenue';
    const said = splitSentences(
      `${call} she has a hand laceration about three centimeters on the left palm bleeding controlled with a towel ` +
        'we put a pressure dressing on and elevated it took her to riverside no problems en route',
    );
    expect(said[0]).toBe(call);
    expect(said.some((p) => p.startsWith('she has a hand laceration'))).toBe(true);
    expect(said.some((p) => p.startsWith('we put a pressure dressing on'))).toBe(true);
    expect(said.some((p) => p.startsWith('took her to riverside'))).toBe(true);
    for (const [told, opens] of [
      ['he has an obvious deformity to the left wrist', 'he has an obvious deformity'],
      ['she has a large hematoma on her forehead', 'she has a large hematoma'],
      ['we put a cold pack on the ankle', 'we put a cold pack on'],
      ['took him to county general without incident', 'took him to county general'],
    ] as const)
      expect(cutBefore(`found the patient sitting on the curb ${told}`, opens), told).toBe(true);
    // Near-miss: what someone said she has.
    expect(cutBefore('found the patient sitting on the curb daughter says she has a history of seizures', 'she has a')).toBe(false);
  });
});

describe('run-on dictation: the patient named before where the crew found them', () => {
  const LEAD = 'medic three was sent at sixteen forty to the fairgrounds for a heat related illness';
  const cutBefore = (said: string, opens: string) => splitSentences(`${LEAD} ${said}`).some((p) => p.startsWith(opens));

  it('opens the arrival at "patient josé ibáñez was lying …", "the patient mr okafor was sitting …"', () => {
    for (const [said, opens] of [
      ['non emergent we were already on standby at the fairgrounds patient josé ibáñez was lying on a cot', 'patient josé ibáñez was'],
      ['we were staged at the main gate patient mary jones was sitting on the bench', 'patient mary jones was sitting'],
      ['we were posted at the stadium the patient mr okafor was found slumped in his seat', 'the patient mr okafor was found'],
      ['we were already on site for the event pt søren lindqvist was standing by the rail', 'pt søren lindqvist was standing'],
      ['we were parked at the first aid tent patient ana was seated in a folding chair', 'patient ana was seated'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(true);
    // Near-misses: the patient's care or family said with "was", a clause that goes on, the arrival said with the patient.
    for (const said of [
      'we were already on standby at the fairgrounds patient care was handled by the event nurse',
      'we were already on standby at the fairgrounds patient wife was sitting with him in the tent',
      'lifeguards had already pulled the patient out and he was sitting on the sand coughing',
      'when we arrive patient josé muñoz is sitting in the chair sweating',
    ])
      expect(
        splitSentences(`${LEAD} ${said}`).some((p) => /^(?:the )?patient (?!was\b)\S+/.test(p)),
        said,
      ).toBe(false);
  });
});

describe('run-on dictation: a finding or pads said after what makes them someone else’s', () => {
  const LEAD = 'medic seven dispatched for a fall responded emergent arrived to find a 70 year old male on the floor alert bp 150 over 90';
  const cutBefore = (said: string, opens: string) => splitSentences(`${LEAD} ${said}`).some((p) => p.startsWith(opens));

  it('keeps "he has a …" with who said or thought it', () => {
    for (const [said, opens] of [
      ['per his wife he has a history of afib and takes eliquis', 'he has a'],
      ['i think he has a broken hip', 'he has a'],
      ['we suspect she has a hip fracture', 'she has a'],
      ['worried he has a stroke because his speech is slurred', 'he has a'],
      ['looks like he has a laceration to the scalp', 'he has a'],
      ['his doctor told him he has a hernia', 'he has a'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(false);
    expect(cutBefore('he has a hematoma to the back of the head', 'he has a')).toBe(true);
  });

  it('keeps pads with the word that names them and pads someone already had on', () => {
    for (const [said, opens] of [
      ['he already had pacer pads on and was pacing at 70', 'pads on'],
      ['chux pads placed under her', 'pads placed'],
      ['non adherent pads applied to the burns', 'pads applied'],
      ['burn pads applied to both arms', 'pads applied'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(false);
    expect(cutBefore('pads on showed sinus rhythm', 'pads on')).toBe(true);
  });
});

describe('run-on dictation: a line, clothes off or packaging said after who did it or how it went', () => {
  const LEAD = 'medic seven dispatched for a fall responded emergent arrived to find a 70 year old male on the floor alert bp 150 over 90';
  const cutBefore = (said: string, opens: string) => splitSentences(`${LEAD} ${said}`).some((p) => p.startsWith(opens));

  it('keeps an attempted or another carer’s line, and clothes someone already took off, with the words before', () => {
    for (const [said, opens] of [
      ['attempted iv twenty gauge left hand unsuccessful', 'iv twenty'],
      ['tried iv eighteen left ac missed twice', 'iv eighteen'],
      ['one attempt iv eighteen right ac successful', 'iv eighteen'],
      ['pt has a picc line and home health iv twenty gauge in the left hand', 'iv twenty'],
      ['his wife had already cut off his pants', 'cut off'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(false);
    expect(cutBefore('iv twenty gauge in the right hand normal saline tko', 'iv twenty')).toBe(true);
  });

  it('keeps someone else packaging the patient, a ride that was not in the ambulance, and a repeat not taken', () => {
    for (const [said, opens] of [
      ['fire packaged him on a backboard before we got to him', 'packaged'],
      ['pd had already packaged her in a blanket so we moved her to the cot', 'packaged'],
      ['his son packaged him up in blankets to keep him warm', 'packaged'],
      ['wife came along to the clinic yesterday where they told him to call 911', 'wife came'],
      ['his wife rode with him to the er last week for the same thing', 'his wife rode'],
      ['will repeat temp at the hospital', 'repeat temp'],
      ['patient declined repeat temp and sugar', 'repeat temp'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(false);
    expect(cutBefore('we packaged him and transported non emergent to mercy', 'we packaged')).toBe(true);
    expect(cutBefore('wife rode up front and we transported non emergent to mercy', 'wife rode')).toBe(true);
    expect(cutBefore('dad rode with us to childrens', 'dad rode')).toBe(true);
  });
});

describe('run-on dictation: someone else going in, and the patient said as an object or with a reading', () => {
  const LEAD = 'medic seven dispatched for a welfare check responded emergent';
  const cutBefore = (said: string, opens: string) => splitSentences(`${LEAD} ${said}`).some((p) => p.startsWith(opens));

  it('keeps what someone else found after they went in with them', () => {
    for (const said of [
      'neighbor had not seen her in two days so he called her son and went in found her on the kitchen floor',
      'husband came home from work then went in found her unresponsive in the bathroom',
      'pd forced the door and went in found him on the floor',
      'his daughter went to check on him and went in found him slumped in the chair',
    ])
      expect(cutBefore(said, 'found'), said).toBe(false);
    expect(cutBefore('staged until pd cleared the scene then went in found the patient lying on the bed', 'found')).toBe(true);
    expect(cutBefore('we waited for fire and walked in found a 60 year old male on the floor', 'found')).toBe(true);
  });

  it('does not read the patient after the crew’s verb, or said with an adverb or a reading, as a name', () => {
    for (const [said, opens] of [
      ['arrived to find him on the floor bp 150 over 90 we assessed the patient further is on eliquis', 'the patient further'],
      ['arrived to find him on the floor bp 150 over 90 we helped the patient slowly was standing', 'the patient slowly'],
      ['arrived to find him on the floor bp 150 over 90 the patient herself was sitting up talking to us', 'the patient herself'],
      ['on standby at the fairgrounds patient oxygen saturation was in the low nineties', 'patient oxygen'],
      ['on standby at the fairgrounds pt mental status is at baseline', 'pt mental'],
      ['on standby at the fairgrounds patient usually is in bed most of the day', 'patient usually'],
    ] as const)
      expect(cutBefore(said, opens), said).toBe(false);
  });
});

describe('run-on dictation: a teller said inside a clause, and "it" after someone else’s care', () => {
  const LEAD = 'medic seven dispatched for altered mental status responded emergent';

  it('cuts the telling from the clause the teller is said in ("… with his wife at bedside | states …")', () => {
    const pieces = splitSentences(`${LEAD} found him in bed with his wife at bedside states he woke up confused bp 150 over 90`);
    expect(pieces).toContain('states he woke up confused');
    expect(pieces.some((p) => /^at bedside/.test(p))).toBe(false);
  });

  it('keeps "it" after the patient’s or a bystander’s care with what follows', () => {
    for (const [said, opens] of [
      ['he slipped on the ice and she elevated it took him to urgent care', 'took him'],
      ['she cut her hand and wrapped it started bleeding again when she moved it', 'started bleeding'],
    ] as const)
      expect(
        splitSentences(`${LEAD} bp 150 over 90 ${said} transported to mercy`).some((p) => p.startsWith(opens)),
        said,
      ).toBe(false);
  });
});

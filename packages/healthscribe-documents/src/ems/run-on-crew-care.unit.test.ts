import { describe, expect, it } from 'vitest';
import { extractEmsFacts, splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Where a run-on is cut around the crew's care. A treatment said right after a finding or a history item opens its
 * own statement ("… by the time we got to her | gave midazolam", "… pregnancy | we delivered a baby boy", "… gcs 3 | bvm with
 * opa"), so the finding is not carried into Treatment nor the treatment into Assessment. Near misses keep their words together.
 */
const startsPiece = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));

describe('run-on dictation: the crew care opens its own statement', () => {
  it('cuts before the crew giving a drug right after an object pronoun ("got to her | gave midazolam")', () => {
    const seizure = splitSentences(
      'mom says she has had a fever since this morning never had a seizure before no meds today no allergies she had been seizing ' +
        'about eight minutes by the time we got to her gave midazolam two point five milligrams intranasal seizure stopped',
    );
    expect(startsPiece(seizure, 'gave midazolam')).toBe(true);
    // "his legs gave out" stays one statement.
    const fall = splitSentences(
      'patient states he was walking to the bathroom when his legs gave out and he sat down hard on the floor denies hitting his head',
    );
    expect(pieceWith(fall, 'his legs gave out')).toBeDefined();
  });

  it('cuts the field delivery into its steps, not a mother delivering before the crew came', () => {
    const delivery = splitSentences(
      'she is g3 p2 full term contractions every minute water broke about twenty minutes ago no problems with the pregnancy we ' +
        'delivered a baby boy at three fourteen in the back seat head delivered cord was not around the neck shoulders came easy ' +
        'dried and stimulated him and he cried right away clamped and cut the cord at about two minutes apgars eight and nine ' +
        'baby heart rate 150 resps 44 pink and crying placenta delivered at three twenty one intact did fundal massage and the ' +
        'bleeding slowed down mom bp 118 over 72 heart rate 96 resps 20 baby skin to skin on mom covered with blankets to keep him warm',
    );
    expect(startsPiece(delivery, 'we delivered a baby boy')).toBe(true);
    expect(pieceWith(delivery, 'head delivered cord was not around the neck')).toBeDefined();
    expect(startsPiece(delivery, 'dried and stimulated him')).toBe(true);
    expect(startsPiece(delivery, 'clamped and cut the cord')).toBe(true);
    expect(startsPiece(delivery, 'apgars eight and nine')).toBe(true);
    expect(startsPiece(delivery, 'placenta delivered')).toBe(true);
    expect(startsPiece(delivery, 'baby skin to skin')).toBe(true);
    const home = splitSentences(
      'called for a newborn she delivered the baby herself in the bathroom about ten minutes before we arrived baby crying pink ' +
        'one minute apgar 8 five minute apgar 9 placenta not yet delivered',
    );
    expect(pieceWith(home, 'she delivered the baby herself')).toBeDefined();
    expect(pieceWith(home, 'one minute apgar 8')).toBeDefined();
  });

  it('cuts before the crew taking over compressions and before a sized airway placed', () => {
    const arrest = splitSentences(
      'pulseless and apneic skin cool and mottled no rigor no lividity we took over compressions and placed the pads initial rhythm ' +
        'asystole confirmed in two leads igel size 4 placed with bag ventilations good chest rise io in the left humeral head',
    );
    expect(startsPiece(arrest, 'we took over compressions and placed the pads')).toBe(true);
    expect(startsPiece(arrest, 'igel size 4 placed with bag ventilations')).toBe(true);
  });

  it('cuts before a BVM said with what it was used with, not after "via" or "with"', () => {
    const od = splitSentences(
      'pinpoint pupils snoring resps needle and spoon by the sink resp 6 shallow sat 78 ra hr 58 bp 100 over 60 gcs 3 bvm with ' +
        'opa 15 lpm 0213 narcan 4 mg in',
    );
    expect(startsPiece(od, 'bvm with opa 15 lpm')).toBe(true);
    const via = splitSentences(
      'respirations 4 and shallow so we ventilated him via bvm at 12 a minute with oxygen at 15 liters and sats came up to 94 percent',
    );
    expect(pieceWith(via, 'ventilated him via bvm at 12')).toBeDefined();
  });

  it('keeps "held" with the blow-by oxygen it held, and cuts before undressing and strapping in a child', () => {
    const toddler = splitSentences(
      'by the time we had her on the cot she was crying good and looking at mama which is what you want held blow by oxygen up by ' +
        'her face at 0951 and she pinked right up sats went to 99 stripped her down to the diaper to cool her off strapped her in ' +
        'the car seat on our cot and carried her non emergent to blair childrens',
    );
    expect(startsPiece(toddler, 'held blow by oxygen')).toBe(true);
    expect(startsPiece(toddler, 'stripped her down to the diaper')).toBe(true);
    expect(startsPiece(toddler, 'strapped her in the car seat')).toBe(true);
  });

  it('cuts before several patients put on oxygen after a reading, not the crew finding them on it', () => {
    const co = splitSentences(
      'daughter is 8 headache and sleepy but answers questions bp 102 over 64 heart rate 118 resps 24 sat 99 percent spco 19 percent ' +
        'all three on non rebreathers at 15 liters starting at nineteen fifty six after about fifteen minutes on oxygen',
    );
    expect(startsPiece(co, 'all three on non rebreathers at 15 liters')).toBe(true);
    const fire = splitSentences(
      'arrived at 1952 fire had all three on oxygen on the front porch and their meter read 240 parts per million in the basement',
    );
    expect(pieceWith(fire, 'fire had all three on oxygen')).toBeDefined();
  });
});

describe('run-on dictation: the crew saying it did nothing opens its own statement', () => {
  it('cuts before "we did not have to do anything" after a reading, not the patient doing nothing', () => {
    const transfer = splitSentences(
      'vitals before we left bp 128 over 76 heart rate 80 respirations 16 and sat was 95 on room air we did not have to do ' +
        'anything treatment wise just monitored him he did not need oxygen or anything',
    );
    expect(startsPiece(transfer, 'we did not have to do anything treatment wise')).toBe(true);
    const history = splitSentences(
      'she has had back pain for three days she did not do anything for it before calling and she denies numbness or weakness in ' +
        'her legs',
    );
    expect(pieceWith(history, 'she did not do anything for it')).toBeDefined();
  });
});

describe('run-on dictation: whose readings and history open a statement', () => {
  it('cuts before an obstetric history said with its subject and before a reading said with whose it is', () => {
    const labor = splitSentences(
      'on arrival at three eleven she was in the back seat of a minivan crowning husband was the driver she is g3 p2 full term ' +
        'contractions every minute placenta delivered intact did fundal massage and the bleeding slowed down mom bp 118 over 72 ' +
        'heart rate 96 resps 20 baby skin to skin on mom',
    );
    expect(startsPiece(labor, 'she is g3 p2 full term')).toBe(true);
    expect(startsPiece(labor, 'mom bp 118 over 72')).toBe(true);
    // "his home | bp" and "her usual | bp" stay one statement (a compound, a qualifier), and a reading after its name is not cut.
    const home = splitSentences(
      'history of hypertension takes lisinopril and says his home bp was 150 over 90 this morning he denies chest pain or headache',
    );
    expect(pieceWith(home, 'his home bp was 150 over 90')).toBeDefined();
  });
});

describe('run-on dictation: what someone else gave stays with its giver', () => {
  it('does not cut a family member from the dose they gave ("mom | gave her motrin")', () => {
    for (const giver of ['mom', 'mama', 'her grandmother', 'the boyfriend']) {
      const pieces = splitSentences(
        `been running fever since yesterday with an ear infection on amoxicillin ${giver} gave her motrin at six this morning ` +
          'temp was 103 point 4 heart rate 168',
      );
      expect(pieceWith(pieces, `${giver} gave her motrin`)).toBeDefined();
    }
    // What was given stays with "gave him" ("his girlfriend gave him | narcan 4 mg before we arrived" is one statement).
    const overdose = splitSentences(
      'on arrival he was sitting up talking his girlfriend gave him narcan 4 mg before we arrived he takes metoprolol',
    );
    expect(pieceWith(overdose, 'his girlfriend gave him narcan 4 mg before we arrived')).toBeDefined();
    // The crew giving after a family member's words still opens the treatment.
    const crew = splitSentences(
      'mom says she has had a fever since this morning and no meds today we gave her tylenol 160 milligrams by mouth at 1410 ' +
        'and she calmed down',
    );
    expect(startsPiece(crew, 'we gave her tylenol')).toBe(true);
  });

  it("reads a dose mama gave as not the crew's", () => {
    const meds = (s: string) => extractEmsFacts([{ id: 's1', content: s }]).medications.map((m) => m.name);
    expect(meds('mama gave her motrin at six this morning')).not.toContain('ibuprofen');
    expect(meds('her grandmother gave her tylenol last night')).not.toContain('acetaminophen');
    expect(meds('we gave her motrin 100 milligrams by mouth')).toContain('ibuprofen');
  });
});

describe('run-on dictation: the crew doing something, said with "we", opens its own statement', () => {
  it('cuts before "we" and a hands-on verb (cut, put in, continued, wrapped) after a finding or a reading', () => {
    const heat = splitSentences(
      'skin very hot pressure ninety over fifty pulse one twenty sugar 98 we cut off her scrubs and put ice packs in the armpits',
    );
    expect(startsPiece(heat, 'we cut off her scrubs')).toBe(true);
    const line = splitSentences(
      'pain in the left wrist 7 out of 10 pressure one forty over eighty sat 98 on room air we put in a 22 in the right hand and gave ' +
        'fentanyl',
    );
    expect(startsPiece(line, 'we put in a 22')).toBe(true);
    const arrest = splitSentences(
      'found a 70 year old male on the floor bystander doing compressions no pulse no breathing we continued cpr and attached the pads',
    );
    expect(startsPiece(arrest, 'we continued cpr')).toBe(true);
    const cold = splitSentences(
      'found her in the snow bank shivering skin cold and pale pulse 58 we wrapped her in blankets and turned the heat up in the truck',
    );
    expect(startsPiece(cold, 'we wrapped her in blankets')).toBe(true);
  });

  it('keeps "we" with the subordinator or conjunction that waits for it', () => {
    const vomit = splitSentences(
      'complaining of nausea since dinner pressure one ten over seventy pulse 96 she vomited when we put her on the stretcher and ' +
        'again in the truck',
    );
    expect(pieceWith(vomit, 'she vomited when we put her on the stretcher')).toBeDefined();
    const before = splitSentences(
      'found him on the couch sweating pulse 130 pressure eighty over fifty he passed out again before we cut his shirt off and ' +
        'placed the pads',
    );
    expect(pieceWith(before, 'before we cut his shirt off')).toBeDefined();
  });
});

describe('run-on dictation: crew care said right after a reading opens its own statement', () => {
  it('cuts before undressing, cold or heat packs, spinal motion restriction and a continued infusion after a reading', () => {
    const heat = splitSentences(
      'found him sitting against the fence confused skin hot and dry temp one oh five point two heart rate one forty sugar ninety ' +
        'cut off his shirt and jeans ice packs to the neck and groin and misted him with the fan running',
    );
    expect(startsPiece(heat, 'cut off his shirt and jeans')).toBe(true);
    const cold = splitSentences(
      'she was on the kitchen floor since last night cold to the touch temp ninety one point four bp ninety over fifty heart rate fifty ' +
        'heat packs to the armpits and groin and wrapped her in warm blankets',
    );
    expect(startsPiece(cold, 'heat packs to the armpits')).toBe(true);
    const fall = splitSentences(
      'complaining of neck pain after falling off a step ladder blood pressure one thirty over eighty heart rate ninety sat ninety ' +
        'seven spinal motion restriction with a collar and a vacuum mattress',
    );
    expect(startsPiece(fall, 'spinal motion restriction with a collar')).toBe(true);
    const transfer = splitSentences(
      'transfer patient on a heparin drip for a pe bp one twenty over seventy heart rate eighty sat ninety seven on three liters ' +
        'continued the heparin drip at the ordered rate on our pump and monitored him',
    );
    expect(startsPiece(transfer, 'continued the heparin drip')).toBe(true);
  });

  it('keeps the same words whole when someone else did them, when negated, or when they are not the crew acting', () => {
    // Someone else undressed him or put the packs on: the verb waits ("had") or no reading comes before.
    const friend = splitSentences(
      'found him on the bench confused his friend had cut off his shirt and put ice packs on him bp one hundred over sixty heart rate ' +
        'one thirty',
    );
    expect(startsPiece(friend, 'cut off his shirt')).toBe(false);
    expect(startsPiece(friend, 'ice packs')).toBe(false);
    const daughter = splitSentences(
      'found an eighty year old female on her kitchen floor temp ninety one point four her daughter had heat packs on her and ' +
        'wrapped her in blankets before we arrived',
    );
    expect(startsPiece(daughter, 'heat packs')).toBe(false);
    // Not done: "did not do | spinal motion restriction", "spinal motion restriction | was not indicated".
    const notDone = splitSentences(
      'neck non tender no midline tenderness blood pressure one thirty over eighty heart rate ninety sat ninety seven we did not do ' +
        'spinal motion restriction per protocol',
    );
    expect(startsPiece(notDone, 'spinal motion restriction')).toBe(false);
    const notIndicated = splitSentences(
      'walking around on scene no neck pain blood pressure one thirty over eighty heart rate ninety sat ninety seven spinal motion ' +
        'restriction was not indicated per protocol',
    );
    expect(startsPiece(notIndicated, 'spinal motion restriction')).toBe(false);
    // The patient continuing: "sat ninety seven | she continued to complain" is not the crew continuing anything.
    const patient = splitSentences(
      'patient on a heparin drip bp one twenty over seventy heart rate eighty sat ninety seven continued to complain of chest pain ' +
        'the whole time and asked for water',
    );
    expect(startsPiece(patient, 'continued to complain')).toBe(false);
  });
});

describe('run-on dictation: the transport said as a noun opens its own statement', () => {
  it('cuts before "transport to …" after the care, not a transport offered, refused, asked for or named by its kind', () => {
    const care = splitSentences(
      'gave zofran four milligrams iv at fifteen ten and the nausea settled within ten minutes transport to st lukes non emergent ' +
        'report given to the floor nurse at sixteen oh two',
    );
    expect(startsPiece(care, 'transport to st lukes non emergent')).toBe(true);
    const alert = splitSentences(
      'twelve lead showed st elevation in two three and avf aspirin 324 by mouth stemi alert called transport emergent to mercy ' +
        'cath lab pain four out of ten on arrival',
    );
    expect(startsPiece(alert, 'transport emergent to mercy')).toBe(true);
    for (const before of ['offered', 'she refused', 'he declined', 'family requested', 'called for an interfacility', 'we discussed']) {
      const pieces = splitSentences(
        `alert and oriented times four vitals stable bp one twenty over eighty ${before} transport to the emergency department ` +
          'and she understood the risks',
      );
      expect(startsPiece(pieces, 'transport to the emergency department')).toBe(false);
    }
  });
});

describe("run-on dictation: a count, someone else's care, or a transport not done stays whole", () => {
  it('does not cut the care from a verb whose count comes before it ("we placed two | cold packs")', () => {
    const placed = splitSentences(
      'bp 100 over 60 heart rate 120 we placed two cold packs to the axilla and groin and moved him to the ambulance on the cot quickly',
    );
    expect(startsPiece(placed, 'cold packs')).toBe(false);
    const applied = splitSentences(
      'his temp was 104 and we applied 2 ice packs to the groin and neck then loaded him in the back and ran emergent to st lukes',
    );
    expect(startsPiece(applied, 'ice packs')).toBe(false);
  });

  it('does not cut care that someone else put on, said a few words on', () => {
    const hospital = splitSentences(
      'her heart rate was 140 heat packs to her neck and chest were from the hospital before she was transferred to us we transported her',
    );
    expect(startsPiece(hospital, 'heat packs')).toBe(false);
    const home = splitSentences(
      'temp 103 cold packs in place from the nursing home staff when we got there pt is lethargic we loaded and transported non emergent',
    );
    expect(startsPiece(home, 'cold packs')).toBe(false);
  });

  it('does not cut "transport to …" from the words that make it refused, someone else\'s, asked for or pending', () => {
    for (const before of [
      'pt refused to allow',
      'the family will provide',
      'her husband will drive her private',
      'we requested helicopter',
      'pt would not accept',
      'she missed her scheduled',
      'he was pending',
      'we advised',
      'pt wants to discuss',
      'her brother provided',
    ]) {
      const pieces = splitSentences(
        `alert and oriented times four with capacity ${before} transport to the hospital and she understood the risks of that`,
      );
      expect(startsPiece(pieces, 'transport to the hospital')).toBe(false);
    }
  });
});

describe('run-on dictation: care kept up on the way, and the arrival at the destination', () => {
  it('cuts before the crew continuing cooling or CPR with its subject unsaid, not someone else continuing it', () => {
    const heat = splitSentences(
      'after about fifteen minutes he was following commands pressure one ten over sixty pulse one eighteen transported emergent ' +
        'continued cooling en route report to the er nurse',
    );
    expect(startsPiece(heat, 'continued cooling en route')).toBe(true);
    const fire = splitSentences(
      'found a 60 year old male on the floor of the garage no pulse no breathing fire continued cpr while we set up the monitor',
    );
    expect(pieceWith(fire, 'fire continued cpr')).toBeDefined();
  });

  it('keeps how the patient was with "arrived with him", and still cuts it after care done on him', () => {
    const arrived = splitSentences(
      'pressure one ten over sixty pulse one eighteen transported emergent to county arrived with him alert and oriented times three',
    );
    expect(pieceWith(arrived, 'arrived with him alert and oriented')).toBeDefined();
    const care = splitSentences(
      'pressure one ten over sixty pulse one eighteen we put ice packs on him alert and oriented times three on reassessment',
    );
    expect(startsPiece(care, 'alert and oriented times three')).toBe(true);
  });
});

describe('run-on dictation: near-misses of the crew-care, history, end-of-cpr and en-route cuts', () => {
  const cutBefore = (text: string, at: string) => splitSentences(text).some((p) => p.startsWith(at));
  it('does not cut the crew\'s earlier act said as a relative clause ("the iv we put in earlier")', () => {
    expect(
      cutBefore(
        'pt is a 60 year old male with a history of diabetes he pulled out ' +
          'the iv we put in earlier so we started another one in the right hand',
        'we put in',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'pt hypotensive 80 over 50 on arrival the fluids we hung ran in wide open and bp came up to 110 over 70 transported to mercy',
        'we hung',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'he had a blood sugar we checked on scene the blood we drew showed a sugar of 42 so we gave d10 250 ml iv and he woke up',
        'we drew',
      ),
    ).toBe(false);
  });
  it("keeps someone else's cpr or bagging with its subject, and a name's words together", () => {
    expect(
      cutBefore(
        'pt is a 45 year old male pulled from the pool lifeguard continued ' +
          'bagging the patient while we set up suction and the monitor showed sinus',
        'continued',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'collapsed at the table bystander cpr stopped when the patient started breathing on ' +
          'his own we arrived to find him gcs 12 with a pulse of 60',
        'cpr stopped',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'rosc after the third round chest compressions were stopped for a pulse ' +
          'check rosc was obtained at 0318 and we started a norepinephrine drip',
        'compressions',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'after twenty minutes of asystole resuscitation efforts were terminated at 0512 ' +
          'per online medical control and the patient was left with the police',
        'efforts',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'sixty year old male chest pain since this morning his past ' +
          'medical history is significant for a stroke and hypertension he takes metoprolol',
        'medical history',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'we got there and he was confused the patients history is unknown and he had ' +
          'no id on him so police ran his name we took vitals 150 over 90',
        'history',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'we obtained history from the wife she says he has copd and chf ' +
          'takes lasix and albuterol and he has been short of breath for two days',
        'history',
      ),
    ).toBe(false);
  });
  it('keeps "en route" with the verb it times, and the found patient apart from the readings that follow', () => {
    expect(
      cutBefore(
        'she was anxious on scene crying and hyperventilating but she was calm en route ' +
          'pt tolerated the ride well and was transferred to room 4 at the er',
        'en route',
      ),
    ).toBe(false);
    expect(
      cutBefore(
        'chest pain started while shoveling snow we gave 324 of aspirin and nitro monitored ' +
          'en route pulse stayed in the 90s and pain went from 6 to 3',
        'en route',
      ),
    ).toBe(false);
    expect(
      splitSentences(
        'chest pain on and off for two days nitro times three pain down to ' +
          '2 out of 10 transported to mercy en route bp 110 over 70 pulse 80',
      ),
    ).not.toContain('en route');
    expect(
      cutBefore(
        'found her in bed she is alert and oriented times four gcs 15 bp 130 over 80 pulse 72 resp 16 sats 98 on room air',
        'she is alert',
      ),
    ).toBe(true);
    expect(
      cutBefore(
        'found a female about 30 lying on the sidewalk she was combative with police so we gave 5 of versed im and restrained her',
        'she was combative',
      ),
    ).toBe(true);
  });
});

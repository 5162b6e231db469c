import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Run-on cuts of an arrest worked and ended in the field, and of the scene: the crew's CPR started with its time, the rhythm it
 * stayed in, the call to medical control after a reading, someone's "already" waiting for what they
 * did, the time said right before the crew's care, and the assessment after a long description of the scene.
 */

describe('an arrest worked and ended in the field', () => {
  const pieces = splitSentences(
    'no dnr in the house vitals no bp no pulse apneic spo2 no reading cpr started at 0611 monitor showed asystole confirmed in two ' +
      'leads io right proximal tibia and epi 1 milligram io at 0614 king airway placed with bvm ventilation stayed in asystole the ' +
      'whole time etco2 never above 12 called online medical control dr ruiz at 0632 and got termination of efforts at 0633',
  );

  it('opens at the crew starting cpr with its time and at the rhythm it stayed in', () => {
    expect(pieces.some((p) => p.startsWith('cpr started at 0611'))).toBe(true);
    expect(pieces.some((p) => p.startsWith('stayed in asystole the whole time'))).toBe(true);
  });

  it('keeps what the monitor showed with it, and the call to medical control with the crew calling', () => {
    expect(pieceWith(pieces, 'monitor showed asystole confirmed in two leads')).toBeDefined();
    expect(pieces.some((p) => p.startsWith('called online medical control dr ruiz at 0632'))).toBe(true);
  });

  it('does not open at cpr someone started before the crew ("down about 4 minutes before cpr was started")', () => {
    const before = splitSentences(
      'per staff he collapsed on the treadmill and was down about 4 minutes before cpr was started at 0712 by the gym manager we ' +
        'took over compressions',
    );
    expect(before.some((p) => p.startsWith('cpr was started'))).toBe(false);
  });
});

describe('the scene', () => {
  it('opens at the nurse who had the patient, with her article and title, and keeps "she already | gave him" whole', () => {
    const pieces = splitSentences(
      'medic 3 was sent to jefferson middle school at 44 oak avenue for a student having an allergic reaction the school nurse had ' +
        'her in the office she already gave her the epipen from her backpack hives on her arms and neck',
    );
    expect(pieceWith(pieces, 'she already gave her the epipen')).toBeDefined();
    expect(pieces.some((p) => /\bschool$/.test(p))).toBe(false);
    expect(pieces.some((p) => p.startsWith('the school nurse had her in the office'))).toBe(true);
  });

  it('opens the assessment after a long description of how the patient was found', () => {
    const pieces = splitSentences(
      'found patient sitting in the shade of a box truck his crew had poured ice water on him landscaper been mowing since 7 this ' +
        'morning in full sun heat index is like 104 patient was confused did not know the day skin hot and dry core temp 105 point 6',
    );
    expect(pieces.some((p) => p.startsWith('patient was confused did not know the day'))).toBe(true);
  });

  it('opens at the arrival said "when we come in the door"', () => {
    const pieces = splitSentences(
      'went lights and sirens but it is a twenty minute run out there the first responder had already started compressions when we ' +
        'come in the door and he was on the kitchen floor gray',
    );
    expect(pieces.some((p) => p.startsWith('when we come in the door'))).toBe(true);
  });
});

describe('a time said right before the crew care', () => {
  it('goes with that care ("… bp 110 over 70 | at 1017 we gave albuterol …")', () => {
    const pieces = splitSentences(
      'heart rate 132 resp 36 sat 89 percent on room air bp 110 over 70 at 1017 we gave albuterol 5 milligrams with ipratropium ' +
        '500 micrograms by neb mask',
    );
    expect(pieces.some((p) => p.startsWith('at 1017 we gave albuterol'))).toBe(true);
  });

  it('stays with a drug whose route it follows ("… aspirin 324 mg po at 1415 | we placed the iv …")', () => {
    const pieces = splitSentences(
      'medic 6 dispatched for a sick person responded emergent chest pain gave aspirin 324 mg po at 1415 we placed the iv in the ' +
        'left hand',
    );
    expect(pieceWith(pieces, 'aspirin 324 mg po at 1415')).toBeDefined();
  });
});

describe('near misses of the arrest and time cuts', () => {
  it('keeps the rhythm with its subject ("his rhythm remained in asystole")', () => {
    const pieces = splitSentences(
      'after the third round of epi his rhythm remained in asystole and we contacted medical control for termination at 0455 ' +
        'family at bedside',
    );
    expect(pieces.some((p) => /\brhythm$/.test(p))).toBe(false);
  });

  it("keeps an event's own time with it ('took his nitro at 1300 | we gave …', 'arrived on scene at 0215 | we placed …')", () => {
    const nitro = splitSentences(
      'he says he last took his nitro at 1300 we gave him another 0.4 sublingual with some relief of the pain about five minutes later',
    );
    expect(pieceWith(nitro, 'took his nitro at 1300')).toBeDefined();
    const arrived = splitSentences(
      'we were dispatched at 0200 for a fall and arrived on scene at 0215 we placed her in a c collar and onto the scoop stretcher',
    );
    expect(arrived.some((p) => p.startsWith('at 0215'))).toBe(false);
  });

  it('keeps who started cpr with it ("according to the nurse cpr started at 0215")', () => {
    const pieces = splitSentences(
      'transfer from the dialysis center according to the nurse cpr started at 0215 and they gave one round of epi before we arrived',
    );
    expect(pieces.some((p) => p.startsWith('cpr started at 0215'))).toBe(false);
  });

  it('keeps "when we came in" with the finding it times', () => {
    const pieces = splitSentences(
      'he was sitting in the recliner in the living room when we came in and he said the chest pain started about an hour ago',
    );
    expect(pieces.some((p) => p.startsWith('when we came in'))).toBe(false);
  });
});

describe('the arrest after return of circulation, said in one breath', () => {
  const pieces = splitSentences(
    'then amiodarone 300 milligrams io at 0546 third shock at 0548 and we got rosc at 0549 right after the amiodarone king airway ' +
      'size 4 placed good etco2 of 32 post rosc vitals bp 98 over 62 heart rate 112 resp bagged at 10 sat 94 percent transported ' +
      'lights and sirens',
  );

  it('keeps "right after" together, and opens the airway placed at its name', () => {
    expect(pieceWith(pieces, 'rosc at 0549 right after the amiodarone')).toBeDefined();
    expect(pieceWith(pieces, 'king airway size 4 placed')?.startsWith('king airway size 4 placed')).toBe(true);
  });

  it('opens the vitals at "post rosc vitals", and keeps "resp bagged at 10" as one reading', () => {
    expect(pieceWith(pieces, 'post rosc vitals bp 98 over 62')?.startsWith('post rosc vitals')).toBe(true);
    expect(pieceWith(pieces, 'resp bagged at 10 sat 94 percent')).toBeDefined();
  });

  it('still cuts after a side said last ("… pain in the right | after the fall she …" is not joined by this)', () => {
    const fall = splitSentences(
      'she slipped on the ice and landed on her right hip she says the pain is in the right hip we gave fentanyl 50 micrograms iv at 1405',
    );
    expect(pieceWith(fall, 'we gave fentanyl')?.startsWith('we gave fentanyl')).toBe(true);
  });
});

describe('near misses of "resp | bagged" and "with pd | on scene at"', () => {
  it('still cuts care said after a rate named alone, and keeps police on scene at the time of arrival in the dispatch line', () => {
    const bvm = splitSentences(
      'he was gray and barely breathing with shallow resp bvm ventilations were started at 12 a minute and his sats came up',
    );
    expect(bvm.some((p) => p.startsWith('bvm ventilations'))).toBe(true);
    const pd = splitSentences(
      'dispatched for a psych eval with pd on scene at the time of our arrival patient was calm and sitting on the couch',
    );
    expect(pieceWith(pd, 'with pd on scene at the time of our arrival')).toBeDefined();
  });
});

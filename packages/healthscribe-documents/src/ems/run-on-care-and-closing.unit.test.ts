import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Where a run-on is cut before the crew's field delivery said without "we", a move to the crew's cot or pumps, a helicopter
 * lifting or landing at a time, and a closing aside ("okay that's all i got"). Near misses keep someone else's delivery, a fall
 * that landed somewhere, and "okay" said of the patient.
 */
const startsPiece = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));
const pad = 'medic 4 dispatched at 0210 for a woman in labor at 14 elm street';

describe('run-on dictation: the field delivery and a move to the crew equipment', () => {
  it('cuts before "delivered a baby girl" said without its subject after a reading or a finding', () => {
    const reading = splitSentences(`${pad} crowning bp 128/80 hr 96 rr 22 spo2 99 delivered a baby girl at 0336 cried right away`);
    expect(startsPiece(reading, 'delivered a baby girl at 0336'), reading.join(' | ')).toBe(true);
    const finding = splitSentences(`${pad} g2 p1 no complications this pregnancy delivered a viable male infant at 0233 on the bed`);
    expect(startsPiece(finding, 'delivered a viable male infant at 0233'), finding.join(' | ')).toBe(true);
  });

  it("keeps a delivery said with its subject or as history with it (someone else's, an earlier one)", () => {
    const mom = splitSentences(`${pad} bp 128/80 hr 96 she delivered a baby girl at 0336 before we arrived in the bathroom`);
    expect(pieceWith(mom, 'she delivered a baby girl at 0336'), mom.join(' | ')).toBeDefined();
    const before = splitSentences(`${pad} bp 128/80 hr 96 g3 p2 previously delivered a baby boy at home two years ago`);
    expect(pieceWith(before, 'previously delivered a baby boy'), before.join(' | ')).toBeDefined();
    for (const said of [
      '2 weeks postpartum delivered a baby girl by c section',
      'recently delivered a baby girl at mercy',
      'g3 p3 last delivered a baby boy 18 months ago',
      'who delivered a healthy baby boy at home about 2 hours ago',
    ]) {
      const history = splitSentences(`${pad} pt is a 32 year old female ${said} now with heavy vaginal bleeding and dizziness`);
      expect(pieceWith(history, said), history.join(' | ')).toBeDefined();
    }
  });

  it('cuts before a move to the crew cot, pumps or vent said without its object', () => {
    const cot = splitSentences(`${pad} lungs clear rr 16 spo2 95 ra moved to cot with a slide sheet and secured`);
    expect(startsPiece(cot, 'moved to cot with a slide sheet'), cot.join(' | ')).toBe(true);
    const pumps = splitSentences(`${pad} chest pain 2 of 10 on 2 l nc moved to our pumps heparin iv at 12 units per kg`);
    expect(startsPiece(pumps, 'moved to our pumps'), pumps.join(' | ')).toBe(true);
  });

  it('keeps a move said by someone else or as what happened before with its subject', () => {
    const family = splitSentences(`${pad} lungs clear rr 16 spo2 95 her son moved to the cot beside her to hold her hand`);
    expect(pieceWith(family, 'her son moved to the cot'), family.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: a helicopter lifting or landing at a time', () => {
  it('cuts before "lifted 11:44 for …" and "landed 0737 …"', () => {
    const lifted = splitSentences(`${pad} bp 182/104 hr 88 lifted 11:44 for meridian comprehensive stroke center`);
    expect(startsPiece(lifted, 'lifted 11:44 for meridian'), lifted.join(' | ')).toBe(true);
    const at = splitSentences(`${pad} splinted with a sam splint lifted at 1702 for hartwell medical`);
    expect(startsPiece(at, 'lifted at 1702 for hartwell'), at.join(' | ')).toBe(true);
    const landed = splitSentences(`${pad} emergent launch 11 minutes to scene landed 0737 in the field beside the road`);
    expect(startsPiece(landed, 'landed 0737 in the field'), landed.join(' | ')).toBe(true);
  });

  it('keeps a fall that landed somewhere and a lift to a chair with their words', () => {
    const fall = splitSentences(`${pad} bp 128/80 hr 96 she slipped and landed on her left hip at 0130 on the tile`);
    expect(pieceWith(fall, 'slipped and landed on her left hip at 0130'), fall.join(' | ')).toBeDefined();
    const chair = splitSentences(`${pad} spo2 97 a ox4 lifted to his recliner with two person assist`);
    expect(pieceWith(chair, 'lifted to his recliner'), chair.join(' | ')).toBeDefined();
    const flight = splitSentences(`${pad} pt flew in from frankfurt this morning landed at 1430 and noticed left calf swelling`);
    expect(pieceWith(flight, 'this morning landed at 1430'), flight.join(' | ')).toBeDefined();
    const jump = splitSentences(`${pad} pt is a 34 year old male skydiver who landed at 1512 hard on his left leg`);
    expect(pieceWith(jump, 'who landed at 1512 hard'), jump.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: how a dictation ends', () => {
  it('cuts before "okay that\'s all i got", "okay i think that\'s everything", "okay done"', () => {
    for (const closing of ["okay that's all i got", "okay i think that's everything", 'okay done', "okay that's the end of it"]) {
      const pieces = splitSentences(`${pad} transported to county general without incident report to the nurse ${closing}`);
      expect(pieces.at(-1), pieces.join(' | ')).toBe(closing);
    }
  });

  it('keeps "okay" and "done" said of the patient or the work', () => {
    const fine = splitSentences(`${pad} transported to county general without incident she said she felt okay`);
    expect(fine.at(-1)).toContain('she said she felt okay');
    const done = splitSentences(`${pad} transported to county general without incident the transfer was done`);
    expect(done.at(-1)).toContain('the transfer was done');
  });
});

describe('run-on dictation: a refusal by more than one patient', () => {
  const crash = 'engine 2 and medic 6 dispatched at 1430 for a two car crash at oak and main';
  it('cuts before "both refused", "all three declined" said after the last patient\'s readings', () => {
    for (const [said, words] of [
      ['the other driver bp 150 over 92 pulse 80 sat 98 percent both refused transport after we explained the risks', 'both refused'],
      ['the passenger bp 122 over 80 pulse 76 all three declined transport and signed', 'all three declined'],
      ['second driver bp 130 over 84 pulse 90 both of them refused any care', 'both of them refused'],
    ] as const) {
      const pieces = splitSentences(`${crash} ${said}`);
      expect(startsPiece(pieces, words), pieces.join(' | ')).toBe(true);
    }
  });

  it('keeps "both" with what it names when it is no refusal\'s subject', () => {
    for (const [said, words] of [
      ['the other driver said her husband and son both refused the flu shot last year', 'son both refused'],
      ['the other driver bp 150 over 92 pulse 80 both pupils equal and reactive', 'both pupils equal'],
      ['the other driver said both of them were wearing seatbelts and the airbags went off', 'both of them were wearing'],
    ] as const) {
      const pieces = splitSentences(`${crash} ${said}`);
      expect(pieceWith(pieces, words), pieces.join(' | ')).toBeDefined();
    }
  });
});

describe('the closing words with a last "end" after them ("okay thats it end")', () => {
  it('are cut from the transport before them', () => {
    const pieces = splitSentences(
      'temp 103 point 2 rectal bp not taken she is 2 we took off the fleece blanket transported non emergent to childrens mercy ' +
        'with mom riding up front okay thats it end',
    );
    expect(pieces.at(-1)).toBe('okay thats it end');
    expect(pieceWith(pieces, 'with mom riding up front')?.endsWith('riding up front')).toBe(true);
  });

  it('leave an "end" that is not the closing alone', () => {
    const pieces = splitSentences(
      'we transported him non emergent to mercy and he said thats it the end of his drinking days at the end of the ride he was alert',
    );
    expect(pieces.some((p) => p.startsWith('thats it'))).toBe(false);
  });
});

describe('a stroke alert called with its subject unsaid, and no change on the way', () => {
  it('opens the transport after the care, and "no changes en route" is its own statement', () => {
    const pieces = splitSentences(
      'placed an 18 gauge in the left ac and kept the head of the stretcher up 30 degrees called a stroke alert to university ' +
        'hospital and transported emergent no changes en route handed off to the stroke team at 1432',
    );
    expect(pieceWith(pieces, 'called a stroke alert')?.startsWith('called a stroke alert')).toBe(true);
    expect(pieceWith(pieces, 'no changes en route')?.startsWith('no changes en route')).toBe(true);
  });

  it('does not cut an alert someone else called, nor a change said of something else', () => {
    const fire = splitSentences(
      'engine 4 was already there and the captain called a stroke alert before we walked in he had a right sided droop and slurred speech',
    );
    expect(pieceWith(fire, 'the captain called a stroke alert')).toBeDefined();
  });
});

describe('"all over" at the end of a run-on', () => {
  it('is not read as the closing words', () => {
    const pieces = splitSentences(
      'we gave benadryl 50 milligrams iv at 1410 for the hives and ten minutes later the itching is better but the rash thats all over',
    );
    expect(pieces.at(-1)?.endsWith('but the rash thats all over')).toBe(true);
  });

  it('leaves an alert the doctor or dispatcher called, and what the crew saw, with its subject', () => {
    const doc = splitSentences(
      'cincinnati positive with a right sided droop and we were en route when the er doc called a stroke alert for us',
    );
    expect(pieceWith(doc, 'the er doc called a stroke alert')).toBeDefined();
    const saw = splitSentences('we monitored him the whole way and we saw no changes en route to the hospital he stayed alert and talking');
    expect(pieceWith(saw, 'we saw no changes')).toBeDefined();
  });
});

describe('"okay thats the end" and "on arrival" said last', () => {
  it('cuts the closing words and keeps "on arrival" with the state it times at the hospital', () => {
    const pieces = splitSentences(
      'he agreed to go voluntarily walked to the stretcher and was transported non emergent to saint anne behavioral health er care ' +
        'given to the charge nurse patient calm and cooperative on arrival okay thats the end',
    );
    expect(pieces.at(-1)).toBe('okay thats the end');
    expect(pieces.at(-2)?.endsWith('patient calm and cooperative on arrival')).toBe(true);
  });

  it('keeps "thats the end" someone said, and still cuts at an arrival the scene follows', () => {
    const said = splitSentences(`${pad} transported to county general he said thats the end`);
    expect(said.at(-1)?.endsWith('he said thats the end')).toBe(true);
    const scene = splitSentences(
      'medic 4 dispatched at 1402 for a fall at the grocery store we went non emergent because of traffic on arrival the patient ' +
        'was sitting on the floor by the registers',
    );
    expect(scene.some((p) => p.startsWith('on arrival the patient was sitting'))).toBe(true);
  });
});

describe('"end" said alone as the last word', () => {
  it('is cut as the closing', () => {
    const pieces = splitSentences(
      `${pad} both transported emergent to county trauma center report given to doctor haas in trauma bay 2 end`,
    );
    expect(pieces.at(-1)).toBe('end');
  });

  it('stays with what it ends ("to the end", "the rear end", "from end to end")', () => {
    for (const said of ['she was conscious all the way to the end', 'the car was hit in the rear end', 'laceration from end to end']) {
      const pieces = splitSentences(`${pad} transported non emergent to county general ${said}`);
      expect(pieces.at(-1)?.endsWith(said), pieces.join(' | ')).toBe(true);
    }
  });
});

describe('"thats the end" someone said, and the end of something (review of 1.37.0)', () => {
  it.each([
    'wife says she wants no more treatment she told us thats the end',
    'report given to the charge nurse patient kept saying thats the end',
    'we splinted the forearm the fracture is at the distal end',
    'child found face down in the pool at the shallow end',
    'the wound was a puncture and we covered the open end',
    'we held pressure at the venous end',
    'she tripped over the leash loose end',
  ])('keeps the last words: %s', (said) => {
    const pieces = splitSentences(`${pad} transported non emergent to county general ${said}`);
    expect(pieces.at(-1)?.endsWith(said), pieces.join(' | ')).toBe(true);
  });

  it('cuts a last "end" after a filler word ("… okay end")', () => {
    const pieces = splitSentences(`${pad} transported non emergent to county general report to the nurse okay end`);
    expect(pieces.at(-1)).toBe('okay end');
  });
});

describe('a last "end" after the hand-off words (review of 1.38.0)', () => {
  it.each([
    'report given to the charge nurse end',
    'care transferred to rn smith end',
    'no changes en route end',
    'to general bed 12 all right end',
  ])('is cut as the closing: %s', (said) => {
    const pieces = splitSentences(`${pad} transported non emergent to county general ${said}`);
    expect(pieces.at(-1), pieces.join(' | ')).toMatch(/(?:^| )end$/);
    expect(pieces.at(-2)?.endsWith('end'), pieces.join(' | ')).toBe(false);
  });

  it('keeps the right end of something', () => {
    const pieces = splitSentences(`${pad} transported non emergent to county general she hit the bench at the right end`);
    expect(pieces.at(-1)?.endsWith('she hit the bench at the right end')).toBe(true);
  });
});

describe('the end of a place (review of 1.39.0)', () => {
  it.each(['his friend will drive him to urgent care at the north end', 'no changes en route to the very end'])(
    'keeps the last words: %s',
    (said) => {
      const pieces = splitSentences(`${pad} transported non emergent to county general ${said}`);
      expect(pieces.at(-1)?.endsWith(said.split(' ').slice(-3).join(' ')), pieces.join(' | ')).toBe(true);
    },
  );
});

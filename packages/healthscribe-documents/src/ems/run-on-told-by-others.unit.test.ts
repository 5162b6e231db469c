import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * What someone at the scene told the crew, said in run-on speech: the telling opens its own statement, and what it tells (someone
 * else finding the patient) is not cut off as the crew's arrival.
 */

describe('someone at the scene telling the crew', () => {
  it('opens at the police telling, not at what they said another person found', () => {
    const pieces = splitSentences(
      'arrived to find an older female sitting on a wet park bench soaked through and confused deputies said a dog walker ' +
        'found her around midnight and stayed with her no purse no phone',
    );
    expect(pieces.some((p) => p.startsWith('deputies said a dog walker found her around midnight'))).toBe(true);
    expect(pieces.some((p) => p.startsWith('found her'))).toBe(false);
  });

  it('keeps the telling with the reason it gives for what came before ("… since pd said …")', () => {
    const pieces = splitSentences(
      'unit 12 dispatched for a fender bender at the mall lot we went non emergent since pd said nobody was hurt arrived at 1410 ' +
        'both drivers standing by their cars',
    );
    expect(pieceWith(pieces, 'we went non emergent since pd said nobody was hurt')).toBeDefined();
  });

  it('opens at what staff told the crew of the patient ("… | per staff he collapsed …")', () => {
    const pieces = splitSentences(
      'found a male on the locker room floor with the coach doing compressions pads not on yet per staff he collapsed after ' +
        'wind sprints and was down about three minutes',
    );
    expect(pieces.some((p) => p.startsWith('per staff he collapsed after wind sprints'))).toBe(true);
  });

  it('keeps "history per wife she …" whole: the source of a history opens nothing', () => {
    const pieces = splitSentences(
      'patient is a 70 year old female alert and talking to us with a history per husband she has copd and a pacemaker ' +
        'takes inhalers at home',
    );
    expect(pieces.some((p) => p.startsWith('per husband'))).toBe(false);
  });

  it('opens at what the patient says after an object "it" ("holding a towel on it | he says …")', () => {
    const pieces = splitSentences(
      'found a male on the kitchen floor with a deep cut to his forearm his roommate holding a towel on it he says he slipped ' +
        'with a bread knife about ten minutes ago he is alert and talking no other injuries',
    );
    expect(pieces.some((p) => p.startsWith('he says he slipped with a bread knife'))).toBe(true);
    expect(pieces.some((p) => p.startsWith('he is alert and talking'))).toBe(true);
  });
});

describe('whom the crew found, said with an age qualified by "approximately"', () => {
  it('keeps "found a male | approximately 60 years old" whole, as without the qualifier', () => {
    const pieces = splitSentences(
      'arrived at the pool deck at 1522 found a female approximately 50 years old lying on the deck with lifeguards doing cpr ' +
        'and an aed attached',
    );
    expect(pieceWith(pieces, 'found a female approximately 50 years old lying on the deck')).toBeDefined();
  });
});

describe('what the telling does not take from the crew (near misses)', () => {
  it('still opens the crew\'s finding after what the caller or dispatch reported ("caller reported a fall | found pt …")', () => {
    const pieces = splitSentences(
      'medic 4 dispatched for a fall caller reported a fall found pt on the floor of the bathroom alert and oriented complaining of ' +
        'hip pain',
    );
    expect(pieces.some((p) => p.startsWith('found pt on the floor of the bathroom'))).toBe(true);
  });

  it('does not read a fire something caught as the fire department telling ("the grill caught fire said his wife")', () => {
    const pieces = splitSentences(
      'burns to both hands when the grill caught fire said his wife he tried to put it out with a towel blisters on both palms',
    );
    expect(pieces.some((p) => p.startsWith('fire said'))).toBe(false);
  });

  it('keeps when the patient was last well and the code status with their source ("last known well per wife he …")', () => {
    const pieces = splitSentences(
      'right sided weakness and slurred speech last known well per wife he was normal at 2200 last night code status per staff he ' +
        'is a dnr',
    );
    expect(pieces.some((p) => p.startsWith('per wife'))).toBe(false);
    expect(pieces.some((p) => p.startsWith('per staff'))).toBe(false);
  });

  it('keeps whose complaint it is with it ("the patient\'s chief complaint today is …")', () => {
    const pieces = splitSentences(
      "arrived at 1410 found her sitting in the recliner the patient's chief complaint today is dizziness since this morning " +
        'no falls no head strike',
    );
    expect(pieces.some((p) => /(?:patient's|primary)$/.test(p))).toBe(false);
  });

  it('keeps "on it | when we got there" with what was found', () => {
    const pieces = splitSentences(
      'bystanders had a towel pressed on it when we got there she says she cut it on a broken glass about 20 minutes ago no ' +
        'other injuries',
    );
    expect(pieceWith(pieces, 'pressed on it when we got there')).toBeDefined();
  });
});

describe('what the patient told a relative ("he told his sister he wanted to end it")', () => {
  it('stays with the telling, and the telling opens its statement', () => {
    const pieces = splitSentences(
      'police met us outside patient is a 31 year old male sitting on his bed calm and cooperative he told his sister he wanted to ' +
        'end it and he has been drinking since this afternoon',
    );
    expect(pieceWith(pieces, 'he told his sister he wanted to end it')).toBeDefined();
  });
});

describe('what the patient says, right after someone fanning or holding her ("friends fanning her she says")', () => {
  it("opens at the patient's words", () => {
    const pieces = splitSentences(
      'found a nineteen year old female sitting in the shade near the main stage pale and sweaty with friends fanning her she says ' +
        'she is dizzy nauseous and cramping in her legs',
    );
    expect(pieceWith(pieces, 'she says she is dizzy')?.startsWith('she says')).toBe(true);
  });

  it('does not cut "her" from the noun it waits for', () => {
    const pieces = splitSentences(
      'found a nineteen year old female sitting in the shade near the main stage with friends fanning her sister says she fainted twice',
    );
    expect(pieceWith(pieces, 'fanning her sister')).toBeDefined();
  });
});

describe('the crew telling a relative, then its own finding', () => {
  it('cuts before "patient was …" after "told her daughter"', () => {
    const pieces = splitSentences(
      'we explained the risks of refusing and told her daughter patient was alert and oriented times 4 and signed the refusal at 1530',
    );
    expect(pieces.some((p) => p.startsWith('patient was alert and oriented'))).toBe(true);
  });
});

describe('what the midwife gave before the crew came', () => {
  it('stays with the midwife ("the midwife gave oxytocin 10 units im")', () => {
    const pieces = splitSentences(
      'placenta delivered intact at 03:24 estimated blood loss around 1200 ml she feels faint and very thirsty the midwife gave ' +
        'oxytocin 10 units im at 03:26 with only partial firming',
    );
    expect(pieceWith(pieces, 'the midwife gave oxytocin')).toBeDefined();
  });
});

describe('the police bringing the crew in, and a nurse named by her title alone', () => {
  it('opens at "officers brought us inside" after the crew staged', () => {
    const pieces = splitSentences(
      'medic 6 was dispatched at 2330 to 77 juniper street for a psych evaluation we staged around the corner until pd cleared the ' +
        'scene officers brought us inside and the patient was sitting on the couch calm and cooperative',
    );
    expect(pieces.some((p) => p.startsWith('officers brought us inside and the patient was sitting'))).toBe(true);
    expect(pieces.some((p) => p.endsWith('until pd cleared the scene'))).toBe(true);
  });

  it('keeps the police bringing the crew in as the reason for what came before ("… because police brought us …")', () => {
    const pieces = splitSentences(
      'we went in the back door because police brought us around the side and the patient was sitting on the couch calm and ' +
        'cooperative no weapons',
    );
    expect(pieceWith(pieces, 'back door because police brought us around')).toBeDefined();
  });

  it('opens at "school nurse had her" after the response, the article left out', () => {
    const pieces = splitSentences(
      'this is medic 2 we were dispatched at two fifteen to the lincoln elementary school for a seven year old with an asthma attack ' +
        'lights and sirens about nine minutes school nurse had her sitting up on the cot',
    );
    expect(pieces).toContain('lights and sirens about nine minutes');
    expect(pieces.some((p) => p.startsWith('school nurse had her sitting up'))).toBe(true);
  });

  it('never cuts inside the title ("the school | nurse had")', () => {
    const pieces = splitSentences(
      'this is medic 2 we were dispatched at two fifteen to the lincoln elementary school for a seven year old with an asthma attack ' +
        'lights and sirens about nine minutes the school nurse had her sitting up on the cot',
    );
    expect(pieces.some((p) => p.startsWith('the school nurse had her sitting up'))).toBe(true);
  });
});

describe('the police and nurses inside a clause or a title (review of 1.37.0)', () => {
  const LEAD = 'medic 6 dispatched at 2330 for an assault at 14 elm street responded non emergent';
  it('keeps the police with the subordinator that opened their clause', () => {
    const pieces = splitSentences(`${LEAD} we waited at the corner after pd walked us to the back bedroom the patient was sitting up`);
    expect(pieceWith(pieces, 'waited at the corner after pd walked us')).toBeDefined();
  });

  it.each([
    'the nursing home charge nurse said she was found on the floor',
    'the er triage nurse said the patient had been waiting three hours',
    'the assisted living facility nurse said he has been short of breath',
    'the night charge nurse said she had a fever',
    'the district school nurse met us in the hallway',
    'the day shift charge nurse met us at the door',
  ])('does not cut inside the title: %s', (said) => {
    const pieces = splitSentences(`${LEAD} ${said}`);
    expect(pieceWith(pieces, said), pieces.join(' | ')).toBeDefined();
  });
});

describe('someone at home who found the patient, said after the dispatch', () => {
  it('opens their own statement, with the finder kept as its subject', () => {
    const pieces = splitSentences(
      'this is medic 27 we were dispatched at 0318 to 2204 sycamore lane for a cardiac arrest wife found her husband not ' +
        'breathing in bed when she got up to use the bathroom engine 14 was already doing cpr when we walked in',
    );
    expect(pieceWith(pieces, 'wife found')).toMatch(/^wife found her husband not breathing in bed when she got up/);
    expect(pieces[0]).toBe('this is medic 27 we were dispatched at 0318 to 2204 sycamore lane for a cardiac arrest');
  });

  it('cuts what a finder who is not family found from the call, as before', () => {
    for (const said of [
      'dispatched for an unresponsive male store manager found him in the restroom not breathing and called 911',
      'dispatched for a fall at the gas station clerk found him behind the counter on the floor complaining of hip pain',
      'dispatched for a man down police officer found him on the sidewalk unresponsive with agonal respirations',
    ]) {
      const pieces = splitSentences(`medic 4 ${said} she is breathing and has a pulse on our arrival`);
      expect(pieces[0]).not.toContain('found');
    }
    const pieces = splitSentences(
      'medic 4 dispatched for an unresponsive female a neighbor found her in the hallway of the apartment building and called 911',
    );
    expect(pieceWith(pieces, 'found her')).toMatch(/^a neighbor found her/);
  });

  it('is not cut from the words that time it or say whose account it is', () => {
    for (const said of [
      'unknown downtime since her neighbor found her',
      'at 2200 and then her husband found her',
      'per her daughter she found her',
    ]) {
      const pieces = splitSentences(`medic 4 dispatched at 0318 for a fall ${said} on the kitchen floor and called 911 right away`);
      expect(pieceWith(pieces, 'found her')).toContain(said);
    }
    const told = splitSentences(
      'dispatched at 0610 for an unresponsive responded emergent per her daughter found her unresponsive at 0600 72 year old female',
    );
    expect(pieceWith(told, 'found her')).toMatch(/^found her unresponsive/);
    const pieces = splitSentences('medic 4 dispatched for a cardiac arrest his mother found him on the bathroom floor not breathing');
    expect(pieceWith(pieces, 'found him')).toContain('his mother found him');
  });

  it('is not cut from who told it, nor from "and"', () => {
    for (const said of ['police said his wife found him', 'and his wife found him']) {
      const pieces = splitSentences(
        `medic 4 dispatched at 0318 for a fall ${said} on the kitchen floor this morning and called 911 right away`,
      );
      expect(pieceWith(pieces, 'found him')).toContain(said);
    }
  });
});

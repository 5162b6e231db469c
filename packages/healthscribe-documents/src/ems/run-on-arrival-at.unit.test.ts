import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Where a run-on is cut before the arrival said by its place and time right after the response ("non emergent | at the clinic
 * 1032 pt in chair", "emergent response | at 1238 arrived at the restaurant"). Near misses keep a time that goes on the response.
 */
const startsPiece = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));
const pad = 'medic 4 dispatched at 1020 for weakness at 14 elm street';

describe('run-on dictation: the arrival said by its place and time after the response', () => {
  it('cuts before "at the clinic 1032" and "at door 1011" after a bare mode', () => {
    const clinic = splitSentences(`${pad} non emergent at the clinic 1032 pt in a wheelchair pale and weak`);
    expect(startsPiece(clinic, 'at the clinic 1032 pt in a wheelchair'), clinic.join(' | ')).toBe(true);
    const door = splitSentences(`${pad} responded non emergent at door 1011 pt in bathroom holding a towel to her nose`);
    expect(startsPiece(door, 'at door 1011 pt in bathroom'), door.join(' | ')).toBe(true);
  });

  it('cuts before "at 1238 arrived" said after the response', () => {
    const arrived = splitSentences(`${pad} emergent response at 1238 arrived at the restaurant pt seated in a booth`);
    expect(startsPiece(arrived, 'at 1238 arrived at the restaurant'), arrived.join(' | ')).toBe(true);
  });

  it('keeps a time or a place that goes on the response with it', () => {
    const time = splitSentences(`${pad} responded emergent at 1022 with engine 6 on scene 1031 pt on the floor`);
    expect(pieceWith(time, 'responded emergent at 1022 with engine 6'), time.join(' | ')).toBeDefined();
    const upgraded = splitSentences(`${pad} responded non emergent at the request of pd found him on the porch`);
    expect(pieceWith(upgraded, 'responded non emergent at the request of pd'), upgraded.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: a dispatch or response time before the arrival stays with it', () => {
  it('does not cut "dispatched at 1020" nor "responded at 1022" from their time', () => {
    const dispatched = splitSentences('medic 4 was dispatched at 1020 arrived at 1031 to find an elderly female on the floor');
    expect(pieceWith(dispatched, 'dispatched at 1020'), dispatched.join(' | ')).toBeDefined();
    const responded = splitSentences(`${pad} we responded at 1022 arrived at 1031 to find an elderly female on the floor`);
    expect(pieceWith(responded, 'we responded at 1022'), responded.join(' | ')).toBeDefined();
  });
});

describe('run-on dictation: the time of care before the arrival at the destination stays with the care', () => {
  it('does not cut "completed at 2331" from the care it ended', () => {
    const care = splitSentences(`${pad} bp 98/52 hr 104 pip tazo 4.5 g iv piggyback completed at 2331 arrived saint vincent micu 2352`);
    expect(pieceWith(care, 'completed at 2331'), care.join(' | ')).toBeDefined();
    expect(
      care.some((p) => p.startsWith('at 2331')),
      care.join(' | '),
    ).toBe(false);
  });

  it('keeps an approximate response time and the time of an upgrade or a start on the response', () => {
    for (const said of [
      'responded emergent at approximately 0404',
      'responded non emergent at about 1022',
      'responded emergent at roughly 0930',
    ]) {
      const pieces = splitSentences(`${pad} ${said} arrived on scene at 1031 pt sitting up in tripod position`);
      expect(pieceWith(pieces, said), pieces.join(' | ')).toBeDefined();
    }
    for (const said of ['upgraded to priority 1 at 1415', 'lights and sirens at 1045', 'from station 4 at 1330']) {
      const pieces = splitSentences(`${pad} responded emergent ${said} arrived 1052 pt lying in bed responsive to pain only`);
      expect(pieceWith(pieces, said), pieces.join(' | ')).toBeDefined();
    }
  });
});

describe('police said on scene at a place, in the dispatch line ("a psych eval with pd on scene at the greenway apartments")', () => {
  it('stays in the dispatch line', () => {
    const pieces = splitSentences(
      'called out for a psych eval with pd on scene at the greenway apartments unit 4 b we went routine no lights police met us ' +
        'outside patient is a 31 year old male',
    );
    expect(pieceWith(pieces, 'with pd on scene at the greenway apartments unit 4 b')).toBeDefined();
  });

  it('still cuts the crew\'s own arrival after the unit it came with ("with engine 6 | on scene 0623")', () => {
    const pieces = splitSentences(
      'medic 4 dispatched at 0611 for a fall responded emergent with engine 6 on scene 0623 found an 80 year old female on the floor',
    );
    expect(pieces.some((p) => p.startsWith('on scene 0623'))).toBe(true);
  });
});

describe('another crew on scene "at arrival"', () => {
  it('is the arrival, not a place in the dispatch line', () => {
    const pieces = splitSentences(
      'called out for a fall with fire on scene at arrival they had already put her on a backboard and collared her she is 80',
    );
    expect(pieces[0]).toBe('called out for a fall with fire');
  });
});

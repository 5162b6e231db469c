import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';

/**
 * What someone at the scene told the crew, said in run-on speech: the telling opens its own statement, and what it tells (someone
 * else finding the patient) is not cut off as the crew's arrival.
 */
const pieceWith = (pieces: readonly string[], words: string) => pieces.find((p) => p.includes(words));

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

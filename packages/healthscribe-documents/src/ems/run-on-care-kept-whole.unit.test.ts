import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';

/**
 * One act of care said in run-on speech is not cut in two: a recogniser writes the words of a device, a fluid or a
 * dose the way they are spoken, and a cut inside them leaves half the care in a piece that reads as a finding.
 */
const pieceWith = (pieces: readonly string[], words: string) => pieces.find((p) => p.includes(words));

describe('a shock said bare with its energy, right after the rhythm', () => {
  it('opens the line of the shock, so the rhythm stays a finding and the shock is care', () => {
    const arrest = splitSentences(
      'cpr in progress by the daughter when we walked in down time about six minutes rhythm is v fib shocked at 150 joules ' +
        'and went right back on the chest for two minutes',
    );
    expect(arrest.some((p) => p.startsWith('shocked at 150 joules'))).toBe(true);
  });

  it("does not cut the AED's or someone else's shock from who gave it", () => {
    const aed = splitSentences(
      'the security guard put the aed on him and it had shocked at 150 joules once before we got there he was gray and not breathing',
    );
    expect(pieceWith(aed, 'it had shocked at 150 joules')).toBeDefined();
    const fire = splitSentences(
      'engine crew on scene doing compressions with the aed attached the engine shocked at 200 joules at 0931 then we took over the airway',
    );
    expect(pieceWith(fire, 'the engine shocked at 200 joules')).toBeDefined();
  });
});

describe('a supraglottic airway written as two words ("i gel")', () => {
  it('keeps "i gel placed" and "i gel size 3 placed" in one piece', () => {
    const arrest = splitSentences(
      'compressions were going when we got there we took over and shocked once at 200 joules at 0412 i gel placed and ventilated ' +
        'with the bag then a second shock at 0414 with no change in the rhythm',
    );
    expect(pieceWith(arrest, 'i gel placed')).toBeDefined();
    const sized = splitSentences(
      'asystole on the monitor with cpr in progress by the engine crew epi one milligram io at 2231 i gel size 3 placed at 2233 ' +
        'with good chest rise and an end tidal of 18',
    );
    expect(pieceWith(sized, 'i gel size 3 placed')).toBeDefined();
  });
});

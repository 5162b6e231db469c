import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Care said object first, then its participle ("cold pack applied", "helmet removed", "bulb suctioned", "left ankle splinted"):
 * in run-on speech the statement opens at the object, not at the participle, so the care is not left half in a finding.
 */

describe('an object said before the participle of the care done to it', () => {
  it('keeps the object with its participle and opens the care at the object', () => {
    const ankle = splitSentences(
      'swelling and bruising over the lateral malleolus pedal pulse present cold pack applied to the ankle and elevated on a pillow',
    );
    expect(ankle.some((p) => p.startsWith('cold pack applied'))).toBe(true);
    const rider = splitSentences(
      'found him sitting against the guard rail alert and oriented times four helmet removed with manual stabilization of the head',
    );
    expect(rider.some((p) => p.startsWith('helmet removed'))).toBe(true);
    const newborn = splitSentences('infant born at 0312 with a good cry right away bulb suctioned the nose and mouth cord clamped');
    expect(pieceWith(newborn, 'bulb suctioned')).toBeDefined();
    const wrist = splitSentences(
      'deformity of the forearm with intact sensation and cap refill under two seconds right forearm splinted with a sam splint',
    );
    expect(wrist.some((p) => p.startsWith('right forearm splinted'))).toBe(true);
    const heat = splitSentences('skin hot and dry temp 105.2 on the monitor wet clothing removed and ice packs to the groin');
    expect(pieceWith(heat, 'wet clothing removed')).toBeDefined();
  });

  it('leaves the words where the object belongs to something else', () => {
    const pillows = splitSentences('pain nine out of ten with any movement pillows under the left knee splinted in the position found');
    expect(pillows.some((p) => p.startsWith('left knee splinted'))).toBe(false);
    const bystander = splitSentences('a passer by told us the helmet removed by his friend before we got there was cracked in the back');
    expect(bystander.some((p) => p.startsWith('helmet removed'))).toBe(false);
    const fire = splitSentences('rider already packaged on a long board by fd helmet removed and c collar on when we walked up');
    expect(fire.some((p) => p.startsWith('helmet removed'))).toBe(false);
  });
});

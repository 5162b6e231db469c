import { describe, expect, it } from 'vitest';
import { COMPLAINT_PATTERN, COMPLAINT_RE, COMPLAINT_WORDS, DIAGNOSIS_WORDS, GUARDED_WORDS } from './complaint-lexicon.js';

/** Each word in the places the pattern's lookbehinds and lookaheads decide on, and some where nothing is said. */
const CONTEXTS = [
  (w: string) => `pt c/o ${w}`,
  (w: string) => `${w}.`,
  (w: string) => `denies ${w}`,
  (w: string) => `no chest ${w} today`,
  (w: string) => `not really ${w}`,
  (w: string) => `not complaining of any ${w}`,
  (w: string) => `checked for obvious ${w}`,
  (w: string) => `history of ${w} years ago`,
  (w: string) => `old ${w}, healed`,
  (w: string) => `her daughter has ${w}`,
  (w: string) => `${w}, none seen`,
  (w: string) => `${w} control applied`,
  (w: string) => `${w.toUpperCase()} SINCE 0900`,
  (w: string) => `x${w}y`,
  (w: string) => `72 yo male, ${w} on the left side`,
];

describe('COMPLAINT_RE', () => {
  it('finds what the pattern without its lead-word lookahead finds, for every word in every context', () => {
    const plain = new RegExp(COMPLAINT_PATTERN, 'i');
    const words = [...COMPLAINT_WORDS, ...GUARDED_WORDS, ...DIAGNOSIS_WORDS];
    const lines = words.flatMap((w) => CONTEXTS.map((c) => c(w.replace(/\\/g, ''))));
    lines.push('', 'vitals stable', 'transported without incident', 'patient states painless');
    for (const line of lines) {
      const expected = plain.exec(line);
      const actual = COMPLAINT_RE.exec(line);
      expect({ line, match: actual?.[0], index: actual?.index }).toEqual({ line, match: expected?.[0], index: expected?.index });
    }
    expect(lines.filter((l) => COMPLAINT_RE.test(l)).length).toBeGreaterThan(words.length);
  });
});

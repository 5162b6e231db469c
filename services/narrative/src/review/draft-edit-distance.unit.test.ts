import { describe, expect, it } from 'vitest';
import { normalisedEditDistance } from './draft-edit-distance.js';

describe('normalised edit distance of a copied narrative', () => {
  it('is 0 for a draft copied as drafted (whitespace and Unicode form aside)', () => {
    expect(normalisedEditDistance('Pt  58 años.\nBP 120/80', 'Pt 58 an\u0303os. BP 120/80')).toBe(0);
    expect(normalisedEditDistance('', '')).toBe(0);
  });

  it('is the share of characters changed, against the longer text', () => {
    expect(normalisedEditDistance('HR 104', 'HR 108')).toBeCloseTo(1 / 6, 4);
    expect(normalisedEditDistance('abcd', 'abcdefgh')).toBe(0.5);
    expect(normalisedEditDistance('abc', 'xyz')).toBe(1);
    expect(normalisedEditDistance('', 'written by hand')).toBe(1);
  });
});

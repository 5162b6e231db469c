import { describe, expect, it } from 'vitest';
import { readSpokenNumbers } from './spoken-numbers.js';

describe('readSpokenNumbers', () => {
  it('reads spelled-out numbers and leaves every other word as said, including names an object inherits', () => {
    expect(readSpokenNumbers('BP one twenty over eighty').text).toBe('BP 120 over 80');
    // "constructor", "toString" and friends are words of the dictation, not number words.
    expect(readSpokenNumbers('the constructor fell two stories, toString valueOf hasOwnProperty __proto__').text).toBe(
      'the constructor fell 2 stories, toString valueOf hasOwnProperty __proto__',
    );
    expect(readSpokenNumbers('twenty constructor').text).toBe('20 constructor');
  });
});

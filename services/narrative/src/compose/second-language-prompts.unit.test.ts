import { describe, expect, it } from 'vitest';
import { promptOf } from '../testing/draatt-prompts.js';

// Where the call was, said as a second-language speaker says it: the street, its number after it and the floor are no nature.
describe('the dispatch of a second-language speaker', () => {
  it('asks for the nature when the line says only where, the street number after the street', () => {
    expect(promptOf('dispatch_nature', 'We are sent at 06:45 to Hollin Street number 22, third floor.')).toBeDefined();
  });

  it('does not ask when the same line says what the call is for', () => {
    expect(
      promptOf('dispatch_nature', 'We are sent at 06:45 to Hollin Street number 22, third floor, for a man with chest pain.'),
    ).toBeUndefined();
  });
});

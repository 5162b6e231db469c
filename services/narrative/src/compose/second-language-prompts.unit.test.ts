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

describe('a nature said before the street, in lower case', () => {
  it('is still read as the nature ("to chest pain Hollin Street number 22")', () => {
    expect(promptOf('dispatch_nature', 'We are sent at 06:45 to chest pain Hollin Street number 22, third floor.')).toBeUndefined();
  });
});

describe('a place named with its kind, and the street in lower case', () => {
  it('asks for the nature when the dispatch names only a care center and its address', () => {
    expect(
      promptOf('dispatch_nature', 'Medic 27 was dispatched at 03:40 to Willow Creek Care Center, 1880 Harmon Boulevard.'),
    ).toBeDefined();
  });

  it('asks for it when a recogniser writes the street and its number in lower case', () => {
    expect(promptOf('dispatch_nature', 'we are sent at 06:45 to kettering road number 15 second floor')).toBeDefined();
  });
});

describe('a nature named in capitals before a place', () => {
  it('is read as the nature ("to Overdose Motel 6")', () => {
    expect(promptOf('dispatch_nature', 'Medic 4 dispatched at 0220 to Overdose Motel 6.')).toBeUndefined();
  });
});

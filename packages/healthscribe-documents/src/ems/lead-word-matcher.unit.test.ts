import { describe, expect, it } from 'vitest';
import { DISPATCH_CUE, DISPATCH_CUES } from './context-extractor.js';
import { leadWordMatcher, wordMatcher } from './word-table.js';
import { extractEmsFacts } from './extract-ems-facts.js';

/** Lines that say, or almost say, each dispatch cue, including the ones its lookbehinds and lookaheads turn down. */
const DISPATCH_LINES = [
  'Dispatched 1902 allergic reaction at a diner.',
  'We were dispatch for chest pain',
  'Dispatch time 0412.',
  '0605 dispatch, unknown problem.',
  '0605 dispatch: fall',
  'dispatch center advised',
  'Sent for a motorcycle down.',
  'Medic 3 sent out to a fall',
  '12-lead sent to Mercy.',
  'Request received at 1405.',
  'Call was received 0233 for a fall',
  'Toned out at 0408 for an overdose',
  'toned 0408',
  'Toned for a seizure.',
  'Paged out for unresponsive diabetic',
  'Unit 17 was assigned at 1405 to an interfacility transfer',
  'assigned the task',
  'sent at 1610 to a lift assist',
  'Requested at 0910 to move a patient',
  'Called 0905 for abdominal pain',
  'Stroke alert called at 1115.',
  'Called out to a fall.',
  'stroke alert called to Mercy',
  'We were called for a seizure',
  'requested for a transfer',
  'The call came in at 0200',
  'Call type: cardiac',
  'nature of the call was a fall',
  '911 call from the daughter',
  'SENT FOR A FALL',
  'was called',
  'presented with chest pain',
  '',
];

describe('leadWordMatcher', () => {
  it('the dispatch cue finds what the plain word matcher of its table finds, on every line', () => {
    const plain = wordMatcher(DISPATCH_CUES);
    for (const line of DISPATCH_LINES) {
      const expected = plain.exec(line);
      const actual = DISPATCH_CUE.exec(line);
      expect({ line, match: actual?.[0], index: actual?.index }).toEqual({ line, match: expected?.[0], index: expected?.index });
    }
    expect(DISPATCH_LINES.filter((l) => DISPATCH_CUE.test(l)).length).toBeGreaterThan(20);
  });

  it('misses an entry whose first word is not a lead (why the leads must cover the table)', () => {
    expect(leadWordMatcher(['sent'], ['sent', 'paged']).test('paged out')).toBe(false);
    expect(leadWordMatcher(['sent', 'paged'], ['sent', 'paged']).exec('we were paged out')?.[1]).toBe('paged');
  });
});

describe('word tables next to accented letters', () => {
  // JavaScript's \b counts a non-ASCII letter as a boundary: "Roc" (rocuronium) was found inside "Rocío", and a
  // name said at the scene became a drug the crew gave.
  it('finds no entry inside a word with accented letters, and still finds it beside one', () => {
    expect(extractEmsFacts([{ id: 's1', content: 'Daughter Rocío at bedside, we gave oxygen.' }]).medications.map((m) => m.name)).toEqual([
      'oxygen',
    ]);
    expect(extractEmsFacts([{ id: 's1', content: 'Gave roc 100 mg IV at 1402.' }]).medications.map((m) => m.name)).toEqual(['rocuronium']);
    expect(wordMatcher(['roc']).test('Rocío')).toBe(false);
    expect(wordMatcher(['roc']).test('José gave roc.')).toBe(true);
    expect(leadWordMatcher(['ro'], ['roc']).test('Rocío')).toBe(false);
  });
});

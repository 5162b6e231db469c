import { describe, expect, it } from 'vitest';
import { promptOf } from '../testing/draatt-prompts.js';

// A house number said before a compass word or before the street's kind ("1400 north willow", "2318 Calle Olivo") is no time.
const call = (dispatch: string) => [dispatch, 'Responded emergent.', 'On scene at 1412, 60 year old male sitting up.'];

describe('a house number before a compass word or the kind of street', () => {
  it('is not read as the dispatch time', () => {
    for (const line of [
      'Medic 4 dispatched to 1630 south maple for chest pain.',
      'Dispatch send us for a fall, 1822 Calle Luna, apartment 3.',
      'Medic 9 sent to 2140 Rue Saint-Denis for a seizure.',
      'Medic 2 dispatched to 1215 West Harmon for a man down.',
    ])
      expect(promptOf('dispatch_time', ...call(line)), line).toBe('Document the dispatch time.');
  });

  it('still reads a clock time said so', () => {
    for (const line of [
      'Medic 4 dispatched 1402 south of the river for chest pain.',
      'Medic 4 dispatched at 1402 to 88 south maple for chest pain.',
      'Dispatched 1402, west side of the mall, for a fall.',
      'Medic 4 dispatched at 1402 for chest pain at the Calle Luna market.',
      // A time said before a place named with a compass word, with no "to" before it.
      'Got the call 1402 west campus for chest pain.',
      'Call came in 1402 east county, chest pain.',
      'Medic 4 for chest pain, 1402 south hills.',
      'We got toned for chest pain 1402 north county.',
      'Chest pain call, 1402 north station.',
      'medic 4 for a chest pain call 1402 west campus',
      'Medic 4 responded to a chest pain call 1402 south precinct.',
    ])
      expect(promptOf('dispatch_time', ...call(line)), line).toBeUndefined();
  });
});

// "number 1420", "apartment 1215", "#1630": a number named as a door's is the address, not a clock time.
describe('a number named as the building or door number', () => {
  it('is not read as the dispatch time', () => {
    for (const line of [
      'Medic 4 called for a fall at the tire shop on Bayside, number 1630.',
      'Dispatch sent us for chest pain, Harbor Towers apartment 1215.',
      'Medic 3 for abdominal pain at the Seaview Motel, room 1408.',
      'Sent for a diabetic at the Oak Street storage, unit 2145.',
      'Dispatched for a seizure at the Maple Court apartments #1320.',
    ])
      expect(promptOf('dispatch_time', ...call(line)), line).toBe('Document the dispatch time.');
  });

  it('still reads a clock time said after the number', () => {
    for (const line of [
      'Medic 4 dispatched at 1402 for a fall at number 12 Bayside.',
      'Medic 4 toned out 1402 for chest pain, apartment 3B.',
      'Sent 1402 to room 12 of the Seaview Motel for abdominal pain.',
    ])
      expect(promptOf('dispatch_time', ...call(line)), line).toBeUndefined();
  });
});

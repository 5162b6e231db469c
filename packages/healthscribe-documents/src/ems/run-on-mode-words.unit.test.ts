import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/** The piece of `pieces` that contains `words`, or undefined. */
const TAIL = ' pt denies any other complaints and states she has no known allergies to medications';

describe('run-on dictation: a response-mode word that is not the response', () => {
  it('keeps "cold", "hot" or "routine" with what the caller reported after the dispatch', () => {
    for (const [text, words] of [
      ['dispatched for chest pain cold sweats and nausea per caller', 'cold sweats and nausea'],
      ['dispatched for a diabetic emergency cold clammy skin per caller', 'cold clammy skin'],
      ['dispatched for altered mental status hot skin reported by the family', 'hot skin reported'],
      ['medic 5 dispatched to a nursing home for fever hot flashes and chills', 'hot flashes'],
      ['dispatched for a fall routine lift assist requested by family', 'routine lift assist'],
      ['dispatched for a fall cold floor for several hours pt shivering', 'cold floor'],
    ] as const) {
      const pieces = splitSentences(text + TAIL);
      expect(pieceWith(pieces, words), pieces.join(' | ')).toBeDefined();
    }
    // The response itself still stands alone.
    const routine = splitSentences('medic 4 dispatched to 12 oak street for a fall routine pt sitting in chair alert and oriented' + TAIL);
    expect(routine, routine.join(' | ')).toContain('routine');
  });

  it('keeps the way in said with a mode and where it went as the dispatch, not the transport', () => {
    for (const [text, words] of [
      ['medic 3 was dispatched at 0412 emergent to the residence for a fall', 'dispatched at 0412 emergent to the residence'],
      ['we were called at 2205 hot to the apartment complex for a seizure', 'called at 2205 hot to the apartment'],
      ['we were called emergent to the residence for a fall', 'called emergent to the residence'],
    ] as const) {
      const pieces = splitSentences(text + TAIL);
      expect(pieceWith(pieces, words), pieces.join(' | ')).toBeDefined();
    }
    const transport = splitSentences('bp 142 over 88 hr 96 emergent to harbor valley with lights' + TAIL);
    expect(
      transport.some((p) => p.startsWith('emergent to harbor valley')),
      transport.join(' | '),
    ).toBe(true);
  });

  it('keeps "txp" with a refusal or talk about it', () => {
    for (const [text, words] of [
      ['pt refused txp against medical advice after risks explained', 'refused txp'],
      ['explained the risks of refusing txp and pt still declined', 'refusing txp'],
      ['family declined txp and will drive her themselves', 'declined txp'],
    ] as const) {
      const pieces = splitSentences(text + TAIL);
      expect(pieceWith(pieces, words), pieces.join(' | ')).toBeDefined();
    }
  });
});

describe('run-on dictation: a time before "on scene" that is not the crew\'s arrival', () => {
  it("keeps the time with another unit's arrival or a moment of the history", () => {
    for (const [text, words] of [
      ['engine 6 arrived 1836 on scene before us and started cpr', 'arrived 1836'],
      ['fire arrived 0412 on scene before us and started cpr', 'arrived 0412'],
      ['last seen normal 2130 on scene family states she was fine', 'normal 2130'],
      ['lkw 2130 on scene family states she was fine at dinner', 'lkw 2130'],
    ] as const) {
      const pieces = splitSentences(text + TAIL);
      expect(pieceWith(pieces, words), pieces.join(' | ')).toBeDefined();
      expect(
        pieces.some((p) => /^\d{4} on scene/.test(p)),
        pieces.join(' | '),
      ).toBe(false);
    }
    const ours = splitSentences('medic 4 emergent 1836 on scene found pt lying supine' + TAIL);
    expect(
      ours.some((p) => p.startsWith('1836 on scene')),
      ours.join(' | '),
    ).toBe(true);
  });
});

describe('run-on dictation: someone else getting there or pulling up', () => {
  it('keeps "got there" and "pulled up" with a vehicle or another service as subject', () => {
    for (const [text, words] of [
      ['the car pulled up at the curb and pt got out', 'the car pulled up'],
      ['the ambulance from the other county got there and transferred care', 'county got there'],
      ['a police officer pulled up at 0600 and called us', 'officer pulled up'],
      ['dispatched for a car accident the other driver pulled up at the light and hit her', 'driver pulled up at the light'],
    ] as const) {
      const pieces = splitSentences(text + TAIL);
      expect(pieceWith(pieces, words), pieces.join(' | ')).toBeDefined();
    }
    const ours = splitSentences('we took a while because of traffic got there and found her sitting in the hallway' + TAIL);
    expect(
      ours.some((p) => p.startsWith('got there and found her')),
      ours.join(' | '),
    ).toBe(true);
  });
});

describe('run-on dictation: "p1" to "p3" that is not the response priority', () => {
  it('keeps the parity with the gravida', () => {
    const labor = splitSentences(
      'medic 5 dispatched for a woman in labor g3 p2 full term contractions every minute we arrived at 0320 and found her crowning',
    );
    expect(pieceWith(labor, 'g3 p2 full term'), labor.join(' | ')).toBeDefined();
    const priority = splitSentences('medic 7 dispatched for chest pain p2 arrived 1412 found 60 year old male sitting on couch' + TAIL);
    expect(priority, priority.join(' | ')).toContain('p2');
  });
});

describe('run-on dictation: the response said by its lights', () => {
  it('ends a bare "lights and sirens" after the dispatch, and a response said with "no lights", where a new statement starts', () => {
    const bare = splitSentences(
      'medic 8 dispatched to lincoln middle school for a student with a seizure lights and sirens the gym teacher had her on a mat' + TAIL,
    );
    expect(bare, bare.join(' | ')).toContain('lights and sirens');
    const noLights = splitSentences(
      'unit 4 routine transfer from mercy to oak hill rehab we went non emergent no lights ' +
        'made it up to the room at 0940 and she was in bed' +
        TAIL,
    );
    expect(
      noLights.some((p) => p.endsWith('we went non emergent no lights')),
      noLights.join(' | '),
    ).toBe(true);
  });

  it('keeps the lights with what goes on about the response or the transport', () => {
    for (const [text, words] of [
      ['medic 2 dispatched to 40 pine street for a fall lights and sirens the whole way', 'lights and sirens the whole way'],
      ['medic 2 dispatched to 40 pine street for a fall lights and sirens due to heavy traffic', 'lights and sirens due to heavy traffic'],
      ['medic 2 dispatched to 40 pine street for a fall no lights no sirens about ten minutes', 'no lights no sirens about ten minutes'],
      ['we went non emergent no lights to the scene about eight minutes', 'no lights to the scene'],
      ['medic 2 dispatched to 40 pine street for a fall no lights obviously we got there fast', 'no lights obviously'],
      ['medic 2 dispatched to 40 pine street for a fall no lights which was fine at that hour', 'no lights which was fine'],
    ] as const) {
      const pieces = splitSentences(text + TAIL);
      expect(pieceWith(pieces, words), pieces.join(' | ')).toBeDefined();
    }
  });

  it('cuts the response before a new statement said after a comment on it, and keeps "no lights" seen at the scene whole', () => {
    for (const [text, statement] of [
      ['medic 2 dispatched for chest pain responded emergent obviously he was gray and sweaty', 'he was gray and sweaty'],
      ['medic 2 dispatched for sob went lights and sirens of course she was tripoding', 'she was tripoding'],
      ['medic 2 dispatched for sob responded code 3 which was a good call her sats were 78 percent', 'her sats were 78 percent'],
      ['medic 2 dispatched for a diabetic responded emergent which was good because his sugar was 28', 'his sugar was 28'],
      ['medic 2 dispatched for a fall responded non emergent unfortunately she had been on the floor since last night', 'she had been'],
      ['medic 2 dispatched for sob responded emergent thankfully she was still talking sats 84 percent on room air', 'she was still'],
      ['medic 2 dispatched for a syncope went emergent obviously the blood pressure was 70 over 40', 'blood pressure was'],
    ] as const) {
      const pieces = splitSentences(text + TAIL);
      const response = pieces.find((p) => /\b(?:responded|went)\b/.test(p));
      expect(response, pieces.join(' | ')).toBeDefined();
      expect(response, pieces.join(' | ')).not.toContain(statement);
    }
    for (const [text, words] of [
      ['medic 2 dispatched for a welfare check no lights visible house dark pd forced entry', 'no lights visible'],
      ['medic 2 dispatched for a welfare check no lights were on in the house pd forced entry', 'no lights were on'],
    ] as const) {
      const pieces = splitSentences(text + TAIL);
      expect(pieceWith(pieces, words), pieces.join(' | ')).toBeDefined();
    }
  });
});

describe('the way in said as "routine no lights"', () => {
  it('is one mode, not cut before "no lights"', () => {
    const pieces = splitSentences(
      'called out for a psych eval at the greenway apartments unit 4 b we went routine no lights police met us outside patient is a ' +
        '31 year old male sitting on his bed',
    );
    expect(pieceWith(pieces, 'we went routine no lights')).toBeDefined();
  });
});

describe('"we went routine" after the dispatch line', () => {
  it('opens the response', () => {
    const pieces = splitSentences(
      'dispatched for a fall at 12 elm street we went routine no lights found her on the floor in the kitchen she is 80',
    );
    expect(pieces[0]).toBe('dispatched for a fall at 12 elm street');
    expect(pieceWith(pieces, 'we went routine no lights')?.startsWith('we went routine')).toBe(true);
  });
});

describe('"routine" said of something else before "no lights"', () => {
  it('is no response mode', () => {
    const pieces = splitSentences(
      'daughter says her labs were routine no lights were on in the house when she came by this morning and mom was on the floor',
    );
    expect(pieces.some((p) => p.startsWith('no lights were on'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Where a run-on is cut before the crew getting to the patient, taking them to hospital or handing them over, said with "we"
 * (in the present tense too, as a second-language speaker tells it). Near misses keep a subordinate or relative clause whole.
 */
const startsPiece = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));
const pad = 'medic 4 dispatched at 0210 for a sick person at 14 elm street';

describe('run-on dictation: the crew walking in, taking the patient, handing over', () => {
  it('cuts before "we walk in" and "we get up there" after the response', () => {
    const walk = splitSentences(`${pad} we came in hot we walk in at 0419 and she is on the bathroom floor`);
    expect(startsPiece(walk, 'we walk in at 0419'), walk.join(' | ')).toBe(true);
    const walked = splitSentences(`${pad} engine got there two minutes before us we walked in at 0421 patient on the floor`);
    expect(startsPiece(walked, 'we walked in at 0421'), walked.join(' | ')).toBe(true);
    const up = splitSentences(`${pad} building c third floor we get up there and the daughter has her on the couch`);
    expect(startsPiece(up, 'we get up there'), up.join(' | ')).toBe(true);
  });

  it('keeps "we walk in" with the subordinator or the relative clause it belongs to', () => {
    const when = splitSentences(`${pad} responded hot she was on the floor when we walked in and crying`);
    expect(pieceWith(when, 'when we walked in and crying'), when.join(' | ')).toBeDefined();
    const as = splitSentences(`${pad} responded hot the smell hit us as we walk in the door of the apartment`);
    expect(pieceWith(as, 'the smell hit us as we walk in'), as.join(' | ')).toBeDefined();
  });

  it('cuts before "we transport" and "we bring him to" after a reading or a finding', () => {
    const burn = splitSentences(`${pad} saturation 99 percent pain is six on ten we transport him to the burn center non emergent`);
    expect(startsPiece(burn, 'we transport him to the burn center'), burn.join(' | ')).toBe(true);
    const mode = splitSentences(`${pad} 18 in right arm heart rate 90 we transport lights and siren to st mary`);
    expect(startsPiece(mode, 'we transport lights and siren'), mode.join(' | ')).toBe(true);
    const bring = splitSentences(`${pad} aspirin 324 milligram chewed 18 in left arm we bring him to riverside medical center`);
    expect(startsPiece(bring, 'we bring him to riverside'), bring.join(' | ')).toBe(true);
  });

  it('keeps a transport said in a relative or subordinate clause whole', () => {
    const rel = splitSentences(`${pad} pressure 120 over 80 she is the same lady we transport to dialysis three times a week`);
    expect(pieceWith(rel, 'the same lady we transport to dialysis'), rel.join(' | ')).toBeDefined();
    // Someone else taking the patient, in the present tense, is not the crew's transport.
    const husband = splitSentences(`${pad} advised she needs to be seen today she says her husband will take her to urgent care`);
    expect(pieceWith(husband, 'her husband will take her to urgent care'), husband.join(' | ')).toBeDefined();
    const before = splitSentences(`${pad} pressure 120 over 80 she vomited once before we transport her and again in the truck`);
    expect(pieceWith(before, 'she vomited once before we transport her'), before.join(' | ')).toBeDefined();
  });

  it('keeps the crew taking the patient whole when a word before takes it as its clause', () => {
    for (const said of [
      'she is someone we transport to dialysis',
      'pt asked which hospital we transport to',
      'daughter says the last two times we transport her',
      'she prefers we transport her to st marys',
      'pt insisted we take him to the va hospital',
      'pt was worried about how we transport her down the stairs',
    ]) {
      const pieces = splitSentences(`${pad} pressure 120 over 80 ${said} because all her records are there`);
      expect(pieceWith(pieces, said), pieces.join(' | ')).toBeDefined();
    }
    const ordered = splitSentences(`${pad} pressure 120 over 80 medical control agrees and advised we transport to the stemi center`);
    expect(pieceWith(ordered, 'advised we transport to the stemi center'), ordered.join(' | ')).toBeDefined();
  });

  it('cuts before the report handed over said with "we give"', () => {
    const report = splitSentences(`${pad} pressure 130 over 60 pulse 116 we give the report to the nurse in room 4`);
    expect(startsPiece(report, 'we give the report to the nurse'), report.join(' | ')).toBe(true);
    // A drug the crew gives is care, not a hand-off; it is cut there already and stays one statement with its dose.
    const drug = splitSentences(`${pad} sinus rhythm no st elevation we give him aspirin 324 milligram chewed`);
    expect(pieceWith(drug, 'aspirin 324 milligram'), drug.join(' | ')).toBeDefined();
  });

  it('keeps the mode said after the destination with the transport, and still cuts the response lights after the dispatch', () => {
    const mode = splitSentences(`${pad} belly soft we put her on the stretcher and take her to hospital san rafael no lights this time`);
    expect(pieceWith(mode, 'take her to hospital san rafael no lights'), mode.join(' | ')).toBeDefined();
    const response = splitSentences(`${pad} for chest pain no lights and sirens traffic was light found him on the porch`);
    expect(startsPiece(response, 'no lights and sirens'), response.join(' | ')).toBe(true);
  });
});

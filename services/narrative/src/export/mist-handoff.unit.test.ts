import { classifySegment, extractEmsFacts } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { mistHandoff, mistText } from './mist-handoff.js';

function handoffOf(lines: string[]) {
  const segments = lines.map((content, i) => ({ id: `s${i + 1}`, content }));
  const facts = extractEmsFacts(segments);
  const phases = new Map(segments.map((s) => [s.id, classifySegment(s.id, s.content, facts)]));
  return { handoff: mistHandoff({ facts, phases, segments }), segments };
}

describe('MIST hand-off', () => {
  const { handoff, segments } = handoffOf([
    'Dispatched at 1402 for chest pain.',
    'Patient is a 67 year old male complaining of crushing chest pain for 30 minutes.',
    'Blood pressure 168 over 94, heart rate 104, respiratory rate 22, SpO2 93 percent on room air.',
    'Impression STEMI.',
    'Gave aspirin 324 milligrams PO at 1410.',
    'Nitroglycerin 0.4 milligrams sublingual at 1414.',
    'Repeat vitals en route blood pressure 150 over 90, heart rate 96.',
    'Pain improved from 8 to 4 after nitro.',
  ]);

  it('reads each part from the facts with the segments it came from', () => {
    expect(handoff.mechanism.map((l) => l.text).join(' ')).toMatch(/chest pain/i);
    expect(handoff.mechanism[0]?.evidence).toContain('s2');
    expect(handoff.injuries).toEqual([{ text: 'Impression STEMI.', evidence: ['s4'] }]);
    expect(handoff.signs.map((l) => l.text)).toEqual([
      expect.stringMatching(/^Initial: BP 168\/94, HR 104, RR 22, SpO2 93%/),
      expect.stringMatching(/^Latest: BP 150\/90, HR 96/),
    ]);
    expect(handoff.signs.map((l) => l.evidence)).toEqual([['s3'], ['s7']]);
    const treatment = handoff.treatment.map((l) => l.text);
    expect(treatment[0]).toMatch(/^aspirin 324 mg?\w* PO at 14:10$/i);
    expect(treatment[1]).toMatch(/^nitroglycerin 0\.4 \w+ SL at 14:14$/i);
  });

  it('every line cites segments of the dictation, and every number of a line appears in them', () => {
    const byId = new Map(segments.map((s) => [s.id, s.content]));
    for (const line of Object.values(handoff).flat()) {
      expect(line.evidence.length).toBeGreaterThan(0);
      const cited = line.evidence.map((id) => byId.get(id) ?? '').join(' ');
      for (const n of line.text.match(/\d+(?:\.\d+)?/g) ?? []) expect(cited.replace(/(\d\d)(\d\d)/g, '$1$2 $1:$2')).toContain(n);
    }
  });

  it('says "none dictated" for an empty part instead of inventing one', () => {
    const text = mistText(handoffOf(['Called for a lift assist.', 'No complaints.']).handoff);
    expect(text.split('\n').map((l) => l.slice(0, 2))).toEqual(['M:', 'I:', 'S:', 'T:']);
    expect(text).toContain('S: none dictated');
    expect(text).toContain('T: none dictated');
  });
});

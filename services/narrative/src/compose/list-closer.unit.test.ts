import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { composeNarrative } from './compose-narrative.js';

const narrate = (...sentences: string[]) => {
  const raw = createSyntheticDocuments(sentences.join(' '));
  const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
  return composeNarrative(docs, { version: 1, definition: BUILTIN_TEMPLATES.DRAATT });
};
const assessment = (n: ReturnType<typeof narrate>) => n.sections.find((s) => s.key === 'assessment')?.sentences.map((s) => s.text) ?? [];
const OPENING = ['Medic 4 dispatched at 0902 for a fall.', 'Responded emergent.', 'Found an 80 year old female on the floor.'];
const CLOSING = [
  'BP 130/80, HR 88, RR 16, SpO2 97% on room air.',
  'Transported non-emergent to Mercy Hospital, care to RN Ames at 0940, stable.',
];

describe('a remark that closes a list', () => {
  it('keeps "That\'s about it." after a list of home medications: it says the list is complete', () => {
    for (const closer of ["That's about it.", "That's all.", 'That is all.', 'Nothing else.', "That's it."]) {
      const n = narrate(...OPENING, 'Home meds lisinopril, metformin and aspirin.', closer, 'Allergic to penicillin.', ...CLOSING);
      expect(assessment(n), closer).toContain(closer);
    }
  });

  it('leaves a closing aside at the end of the dictation, or one after no list, as filler', () => {
    const end = narrate(...OPENING, 'Home meds lisinopril and metformin.', ...CLOSING, "That's about it.");
    expect(end.text).not.toMatch(/about it/);
    // After a line that is no list ("Found … on the floor"), the remark closes nothing.
    const noList = narrate(OPENING[0]!, OPENING[1]!, OPENING[2]!, "That's about it.", 'Allergic to penicillin.', ...CLOSING);
    expect(noList.text).not.toMatch(/about it/);
  });
});

import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { composeNarrative } from './compose-narrative.js';

const textOf = (dictation: string) => {
  const raw = createSyntheticDocuments(dictation);
  const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
  return composeNarrative(docs, { version: 1, definition: BUILTIN_TEMPLATES.DRAATT }).text;
};

describe('the call named by its patient, what they had and the street ("this was the little guy with asthma over on Delmar")', () => {
  it('is dropped when the dictation says again what the patient had', () => {
    for (const [intro, rest] of [
      [
        'Okay, so, this was the little guy with asthma over on Delmar.',
        'Dispatched at 1402 emergent for difficulty breathing. Seven year old male, known asthmatic, wheezing, SpO2 90%.',
      ],
      [
        'So this was the lady with the cough out on Miller Road.',
        'Dispatched at 0810 for difficulty breathing. She has had a productive cough for three days.',
      ],
    ] as const)
      expect(textOf(`${intro} ${rest}`), intro).not.toContain(intro.slice(intro.indexOf(' with ') + 1, -1));
  });
  it('is kept when nothing else says it: what the patient had may be said only there', () => {
    for (const [intro, rest] of [
      ['This was the man with chest pain over on Delmar.', 'Dispatched at 1402 emergent. Arrived 1410, patient sitting in his car.'],
      ['So this one was the lady with the nosebleed out on Quarry Road.', 'Dispatched at 0810 emergent. Arrived 0818.'],
      // Said again only as denied: the line says what another line denies, both are kept for the reader.
      [
        'This was the man with chest pain over on Delmar.',
        'Dispatched at 1402 emergent for a fall. Arrived 1410, denies chest pain, pain to the right wrist.',
      ],
      // A negation is a finding of its own, whatever words come again ("no distress", "pulse 88").
      [
        'This was the man with no pulse over on Elm Street.',
        'Dispatched at 1402 emergent for a man down. Arrived 1410, no bystander CPR. After the second shock, pulse 88.',
      ],
    ] as const)
      expect(textOf(`${intro} ${rest}`), intro).toContain(intro.slice(intro.indexOf(' with ') + 1, -1));
  });
});

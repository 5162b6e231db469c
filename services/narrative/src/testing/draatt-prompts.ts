import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { composeNarrative } from '../compose/compose-narrative.js';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';

/** The missing elements the built-in DRAATT template asks for when the sentences are dictated as one text. */
export const missingOf = (...sentences: string[]) => {
  const raw = createSyntheticDocuments(sentences.join(' '));
  const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
  return composeNarrative(docs, { version: 1, definition: BUILTIN_TEMPLATES.DRAATT }).missing;
};

/** The prompt DRAATT shows for one element of the sentences, or undefined when it is not asked. */
export const promptOf = (element: string, ...sentences: string[]) => missingOf(...sentences).find((m) => m.element === element)?.prompt;

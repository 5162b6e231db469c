import { createSyntheticDocuments, danglingEvidence, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import type { RawScribeDocuments } from './scribe-engine.port.js';

/**
 * The scribe's use of `@medicdraft/healthscribe-documents`: the synthetic engine's drafting, and
 * the tolerant check every engine's output passes before `healthscribe.output.received` names it.
 * Evidence links that point at no transcript segment make the pair unusable (a narrative sentence
 * would cite nothing).
 */
export const scribeDocuments = {
  draft(text: string): RawScribeDocuments {
    const { transcript, clinicalDocument } = createSyntheticDocuments(text);
    return { transcript, clinicalDocument };
  },
  validate(documents: RawScribeDocuments): { segmentCount: number } {
    const transcript = parseTranscript(documents.transcript);
    const clinical = parseClinicalDocument(documents.clinicalDocument);
    if (danglingEvidence(clinical, new Set(transcript.segments.map((s) => s.id))).length > 0)
      throw new Error('clinical document cites unknown transcript segments');
    return { segmentCount: transcript.segments.length };
  },
};

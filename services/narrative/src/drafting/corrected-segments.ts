import { vitalKindOf } from '@medicdraft/healthscribe-documents';
import type { NarrativeDocuments } from '../compose/compose-narrative.js';
import { applyCorrectionSentences, applySpokenCorrections } from '../compose/spoken-corrections.js';

/**
 * The dictation's segments as the rule engine reads them: NFC, spoken corrections applied (the
 * later value wins), a correction said as its own sentence merged into the one it corrects and
 * emptied. The model is shown these and its sentences are verified against these, so a retracted
 * value is never "supported".
 */
export function correctedSegments(documents: NarrativeDocuments): Array<{ id: string; content: string }> {
  const spoken = documents.transcript.segments.map((s) => ({ id: s.id, content: applySpokenCorrections(s.content.normalize('NFC')).text }));
  return applyCorrectionSentences(spoken, vitalKindOf).segments.map((s) => ({ id: s.id, content: s.content }));
}

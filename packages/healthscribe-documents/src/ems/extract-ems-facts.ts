import type { TranscriptSegment } from '../document-model.js';
import { extractContext } from './context-extractor.js';
import type { ContextFact, EmsFacts } from './ems-facts.js';
import { extractMedications, extractProcedures, extractTimes } from './treatment-extractor.js';
import { extractVitals } from './vital-extractor.js';

type SegmentText = Pick<TranscriptSegment, 'id' | 'content'>;

/**
 * Patient sex from pronouns when no noun said it: only if every third-person pronoun in the
 * dictation agrees ("he … his" → male); mixed pronouns (patient and a relative) decide nothing.
 */
function sexFromPronouns(segments: readonly SegmentText[]): ContextFact | null {
  let first: ContextFact | null = null;
  let male = 0;
  let female = 0;
  for (const s of segments) {
    for (const m of s.content.matchAll(/\b(he|him|his|she|her|hers)\b/gi)) {
      const isMale = /^(?:he|him|his)$/i.test(m[1] ?? '');
      if (isMale) male++;
      else female++;
      first ??= { type: 'PATIENT_SEX', value: isMale ? 'male' : 'female', span: { segmentId: s.id, begin: m.index, end: m.index + m[0].length, text: m[0] } };
    }
  }
  return first && (male === 0 || female === 0) ? first : null;
}

/** Runs every rule-based extractor over the segments, in order. Pure and deterministic. */
export function extractEmsFacts(segments: readonly SegmentText[]): EmsFacts {
  const facts: EmsFacts = { vitals: [], medications: [], procedures: [], times: [], context: [] };
  for (const s of segments) {
    facts.vitals.push(...extractVitals(s.id, s.content));
    facts.medications.push(...extractMedications(s.id, s.content));
    facts.procedures.push(...extractProcedures(s.id, s.content));
    facts.times.push(...extractTimes(s.id, s.content));
    facts.context.push(...extractContext(s.id, s.content));
  }
  if (!facts.context.some((c) => c.type === 'PATIENT_SEX')) {
    const sex = sexFromPronouns(segments);
    if (sex) facts.context.push(sex);
  }
  return facts;
}

/** The first fact of a type (dictation order), or undefined. */
export function firstContext(facts: EmsFacts, type: ContextFact['type']): ContextFact | undefined {
  return facts.context.find((c) => c.type === type);
}

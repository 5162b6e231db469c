import type { TranscriptSegment } from '../document-model.js';
import { extractContext } from './context-extractor.js';
import type { ContextFact, EmsFacts, FactSpan } from './ems-facts.js';
import { extractMedications, extractProcedures, extractTimes } from './treatment-extractor.js';
import { extractVitals } from './vital-extractor.js';
import { readSpokenNumbers } from './spoken-numbers.js';

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
      first ??= {
        type: 'PATIENT_SEX',
        value: isMale ? 'male' : 'female',
        span: { segmentId: s.id, begin: m.index, end: m.index + m[0].length, text: m[0] },
      };
    }
  }
  return first && (male === 0 || female === 0) ? first : null;
}

const isSpan = (x: unknown): x is FactSpan =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as FactSpan).segmentId === 'string' &&
  typeof (x as FactSpan).begin === 'number' &&
  typeof (x as FactSpan).end === 'number';

/** Every span inside `found` (found on the digit reading) → the same words in the dictated text. */
function remapSpans<T>(found: T, content: string, sourceIndex: (i: number) => number): T {
  if (isSpan(found)) {
    const begin = sourceIndex(found.begin);
    const end = Math.max(begin, sourceIndex(found.end));
    return { ...found, begin, end, text: content.slice(begin, end) };
  }
  if (Array.isArray(found)) return found.map((x: unknown) => remapSpans(x, content, sourceIndex)) as T;
  if (typeof found === 'object' && found !== null)
    return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, remapSpans(v, content, sourceIndex)])) as T;
  return found;
}

/** Runs every rule-based extractor over the segments, in order. Pure and deterministic. */
export function extractEmsFacts(segments: readonly SegmentText[]): EmsFacts {
  const facts: EmsFacts = { vitals: [], medications: [], procedures: [], times: [], context: [] };
  for (const s of segments) {
    // The readers see spelled-out numbers as digits; every span is mapped back to the words said.
    const reading = readSpokenNumbers(s.content);
    const back = <T>(found: T): T => (reading.text === s.content ? found : remapSpans(found, s.content, reading.sourceIndex));
    // The medications' times are the line's times: read once for both.
    const times = extractTimes(s.id, reading.text);
    facts.vitals.push(...back(extractVitals(s.id, reading.text)));
    facts.medications.push(...back(extractMedications(s.id, reading.text, times)));
    facts.procedures.push(...back(extractProcedures(s.id, reading.text)));
    facts.times.push(...back(times));
    facts.context.push(...back(extractContext(s.id, reading.text)));
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

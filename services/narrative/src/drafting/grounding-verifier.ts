import { DRAFT_REJECTION_REASONS, type DraftRejectionReason } from '@medicdraft/contracts';
import { readGroundingFacts, type GroundingFacts } from './grounding-facts.js';

/** Why a drafted sentence was refused; one reason per sentence (the first check it fails). */
export const REJECTION_REASONS = DRAFT_REJECTION_REASONS;
export type RejectionReason = DraftRejectionReason;

export type SentenceVerdict = { ok: true } | { ok: false; reason: RejectionReason };

export interface DraftedSentence {
  section: string;
  text: string;
  segmentIds: readonly string[];
}

/**
 * Share of a sentence's content words that must occur in its cited segments. A faithful sentence
 * rewords (charting abbreviations, pronouns, verb forms) but brings no new content; below this the
 * sentence says something its evidence does not.
 */
export const MIN_WORD_SUPPORT = 0.6;

const missing = (claimed: Set<string>, supported: Set<string>) => [...claimed].some((x) => !supported.has(x));

/**
 * The grounding verifier: checks one drafted sentence against the dictation it claims to come
 * from. The sentence must cite at least one segment, every cited segment must belong to this
 * dictation, its section must be one of the template's, and every number, dose, drug, route,
 * procedure, capitalised name (facilities, people, acronyms) and negation in it must be found in
 * the cited segments after normalisation (spoken numbers, clock colons, charting abbreviations).
 * Pure; it never sees the model, only the sentence and the segments.
 */
export function createGroundingVerifier(segments: ReadonlyArray<{ id: string; content: string }>, sectionKeys: readonly string[]) {
  const byId = new Map(segments.map((s) => [s.id, s.content]));
  const sections = new Set(sectionKeys);
  const factsOf = new Map<string, GroundingFacts>();
  const evidenceFacts = (ids: readonly string[]): GroundingFacts => {
    const key = [...new Set(ids)].sort().join('\u0000');
    let f = factsOf.get(key);
    if (f === undefined) {
      f = readGroundingFacts(
        [...new Set(ids)]
          .sort()
          .map((id) => byId.get(id) ?? '')
          // Each segment ends its clause: a run-on segment's trailing "no dizziness" must not negate the next one's words.
          .join('.\n'),
      );
      factsOf.set(key, f);
    }
    return f;
  };
  return (sentence: DraftedSentence): SentenceVerdict => {
    if (sentence.text.trim() === '') return { ok: false, reason: 'empty' };
    if (sentence.segmentIds.length === 0) return { ok: false, reason: 'no_citation' };
    if (sentence.segmentIds.some((id) => !byId.has(id))) return { ok: false, reason: 'unknown_segment' };
    if (!sections.has(sentence.section)) return { ok: false, reason: 'unknown_section' };
    const claim = readGroundingFacts(sentence.text);
    const evidence = evidenceFacts(sentence.segmentIds);
    if (missing(claim.numbers, evidence.numbers)) return { ok: false, reason: 'unsupported_number' };
    // A number the evidence gives only to other vitals may not be given to this one ("RR 116" for "pulse of 116").
    for (const [number, vitals] of claim.vitalsOf) {
      const given = evidence.vitalsOf.get(number);
      if (given !== undefined && missing(vitals, given)) return { ok: false, reason: 'unsupported_number' };
    }
    if (missing(claim.doses, evidence.doses)) return { ok: false, reason: 'unsupported_dose' };
    if (missing(claim.drugs, evidence.drugs)) return { ok: false, reason: 'unsupported_drug' };
    if (missing(claim.routes, evidence.routes)) return { ok: false, reason: 'unsupported_route' };
    // A drug the evidence gives by some route may only be given by one of those routes.
    for (const [drug, routes] of claim.drugRoutes) {
      const given = evidence.drugRoutes.get(drug);
      if (given !== undefined && missing(routes, given)) return { ok: false, reason: 'unsupported_route' };
    }
    // And a dose of it only by the routes the evidence gives that dose ("narcan IV 2 mg" when the 2 mg went in the nose).
    for (const [dosed, routes] of claim.dosedRoutes) {
      const given = evidence.dosedRoutes.get(dosed);
      if (given !== undefined && missing(routes, given)) return { ok: false, reason: 'unsupported_route' };
    }
    if (missing(claim.procedures, evidence.procedures)) return { ok: false, reason: 'unsupported_procedure' };
    // A word negated in the sentence must be negated in the evidence, and a word the evidence only
    // ever negates must not be asserted: both directions of a flipped negation.
    if (claim.negations > evidence.negations || missing(claim.negated, evidence.negated)) return { ok: false, reason: 'negation_mismatch' };
    if ([...claim.affirmed].some((w) => evidence.negated.has(w) && !evidence.affirmed.has(w)))
      return { ok: false, reason: 'negation_mismatch' };
    // "meds are humalog … no other meds" drafted as "… other meds": a word the evidence also negates is
    // asserted more often and negated less often than in the evidence, so one of its negations was dropped
    // ("chest and abdominal pain, no back pain" → "chest pain and abdominal pain; denies back pain" keeps it).
    const flipped = ([w, n]: [string, number]) =>
      n > (evidence.affirmedCounts.get(w) ?? 0) && (claim.negatedCounts.get(w) ?? 0) < (evidence.negatedCounts.get(w) ?? 0);
    if ([...claim.affirmedCounts].some(flipped)) return { ok: false, reason: 'negation_mismatch' };
    if (missing(claim.names, evidence.words)) return { ok: false, reason: 'unsupported_name' };
    const content = [...claim.words];
    const supported = content.filter((w) => evidence.words.has(w)).length;
    if (content.length > 0 && supported / content.length < MIN_WORD_SUPPORT) return { ok: false, reason: 'unsupported_wording' };
    return { ok: true };
  };
}
export type GroundingVerifier = ReturnType<typeof createGroundingVerifier>;

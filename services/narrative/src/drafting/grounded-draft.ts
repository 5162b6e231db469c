import type { ComposedNarrative, NarrativeSection } from '../compose/compose-narrative.js';
import { styleSentence } from '../compose/sentence-style.js';
import { createGroundingVerifier, type RejectionReason } from './grounding-verifier.js';
import type { ModelDraft } from './model-draft.schema.js';

/** What the verifier decided about one model draft (counts only: no text, no values). */
export interface VerdictCounts {
  /** Sentences the model drafted. */
  drafted: number;
  /** Drafted sentences that passed the verifier and are in the narrative. */
  accepted: number;
  /** Drafted sentences the verifier refused. */
  rejected: number;
  /** Rule-engine sentences put in for refused, displaced or omitted segments. */
  replaced: number;
  byReason: Partial<Record<RejectionReason, number>>;
}

export type GroundedDraft =
  | { ok: true; narrative: ComposedNarrative; verdicts: VerdictCounts }
  | { ok: false; reason: 'empty_draft' | 'rejection_rate'; verdicts: VerdictCounts };

/**
 * Merges a verified model draft with the rule engine's draft of the same dictation. Every drafted
 * sentence goes through the grounding verifier. A segment cited by a refused sentence is
 * "tainted": sentences that pass but cite it are dropped too, and the rule engine's sentence for
 * it is used instead, so a segment is told once, either by the model or by the rules. A segment
 * the rules placed and no surviving sentence cites (an omission) gets the rule sentence as well:
 * a model never drops a dictated treatment silently. Prompts, review notes and facts stay the
 * rules' own. Above `maxRejectionRate` refused sentences the draft is not used at all.
 */
export function groundDraft(
  rules: ComposedNarrative,
  draft: ModelDraft,
  segments: ReadonlyArray<{ id: string; content: string }>,
  maxRejectionRate: number,
): GroundedDraft {
  const verify = createGroundingVerifier(
    segments,
    rules.sections.map((s) => s.key),
  );
  const counts: VerdictCounts = { drafted: 0, accepted: 0, rejected: 0, replaced: 0, byReason: {} };
  const passed: Array<{ section: string; text: string; evidence: string[] }> = [];
  const tainted = new Set<string>();
  const known = new Set(segments.map((s) => s.id));
  for (const section of draft.sections)
    for (const s of section.sentences) {
      counts.drafted += 1;
      const text = styleSentence(s.text);
      const verdict = verify({ section: section.key, text, segmentIds: s.segmentIds });
      if (verdict.ok) passed.push({ section: section.key, text, evidence: [...new Set(s.segmentIds)] });
      else {
        counts.rejected += 1;
        counts.byReason[verdict.reason] = (counts.byReason[verdict.reason] ?? 0) + 1;
        for (const id of s.segmentIds) if (known.has(id)) tainted.add(id);
      }
    }
  if (counts.drafted === 0) return { ok: false, reason: 'empty_draft', verdicts: counts };
  if (counts.rejected / counts.drafted > maxRejectionRate) return { ok: false, reason: 'rejection_rate', verdicts: counts };

  const kept = passed.filter((p) => !p.evidence.some((id) => tainted.has(id)));
  counts.accepted = kept.length;
  const told = new Set(kept.flatMap((p) => p.evidence));
  const order = new Map(segments.map((s, i) => [s.id, i]));
  const first = (evidence: readonly string[]) => Math.min(...evidence.map((id) => order.get(id) ?? Number.MAX_SAFE_INTEGER));
  const sections: NarrativeSection[] = rules.sections.map((s) => ({ key: s.key, title: s.title, sentences: [] }));
  const byKey = new Map(sections.map((s) => [s.key, s]));
  for (const p of kept) byKey.get(p.section)?.sentences.push({ text: p.text, evidence: p.evidence });
  for (const s of rules.sections)
    for (const x of s.sentences)
      if (!x.evidence.some((id) => told.has(id))) {
        byKey.get(s.key)?.sentences.push(x);
        counts.replaced += 1;
      }
  for (const s of sections)
    s.sentences = s.sentences
      .map((x, i) => ({ x, i }))
      .sort((a, b) => first(a.x.evidence) - first(b.x.evidence) || a.i - b.i)
      .map(({ x }) => x);
  const text = sections
    .filter((s) => s.sentences.length > 0)
    .map((s) => `${s.title.toUpperCase()}: ${s.sentences.map((x) => x.text).join(' ')}`)
    .join('\n');
  return {
    ok: true,
    verdicts: counts,
    narrative: { ...rules, sections, text, sentenceCount: sections.reduce((n, s) => n + s.sentences.length, 0) },
  };
}

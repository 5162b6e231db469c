import type { EmsPhase } from '@medicdraft/healthscribe-documents';

/**
 * "That's about it", "that's all", "nothing else": said alone, these read as the dictation's closing aside (filler). Said right
 * after a list (home medications, history, injuries) and before more of the call, they say the list is complete, which a
 * reviewer needs ("no other medications"), so they keep the list's place.
 */
const LIST_CLOSER = new RegExp(
  String.raw`^\s*(?:(?:um+|uh+|and|so|yeah|okay|ok)[\s,]+)*` +
    String.raw`(?:that(?:'?s| is) (?:about |pretty much |basically |just )?(?:it|all|everything)|nothing else|none other|no others?)` +
    String.raw`\s*[.!]?\s*$`,
  'i',
);
/** A list: two or more items, set off by commas or joined by "and" / "or". */
const LIST_SHAPE = /,|\b(?:and|or)\b/i;
/** The phases a list of what the patient has or takes belongs to. */
const LIST_PHASES: ReadonlySet<EmsPhase> = new Set(['chief_complaint', 'history', 'exam']);

interface Line {
  id: string;
  content: string;
}

/** Gives a list-closing remark the phase of the list it closes, unless nothing of the call follows it (then it ends the dictation). */
export function placeListClosers(segments: readonly Line[], phases: Map<string, EmsPhase | null>): void {
  segments.forEach((s, i) => {
    if (phases.get(s.id) !== null || !LIST_CLOSER.test(s.content)) return;
    const before = segments[i - 1];
    const listPhase = before ? phases.get(before.id) : null;
    if (!before || !listPhase || !LIST_PHASES.has(listPhase) || !LIST_SHAPE.test(before.content)) return;
    const more = segments.slice(i + 1).some((later) => (phases.get(later.id) ?? null) !== null);
    if (more) phases.set(s.id, listPhase);
  });
}

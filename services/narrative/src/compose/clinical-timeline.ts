import type { EmsFacts } from '@medicdraft/healthscribe-documents';

/**
 * Order of sentences within a section: the clinical timeline. A sentence with a stated time sits
 * at that time; one without inherits the time of the sentence dictated before it (so "pain
 * decreased" stays right after the nitro it follows); sentences before any stated time keep the
 * front. Times are taken relative to the first stated time of the dictation, so a call that runs
 * past midnight (2350 → 0010) stays in order. Stable: equal times keep dictation order.
 */
export function timelineOrder(segmentIds: readonly string[], facts: EmsFacts): Map<string, number> {
  const firstClock = new Map<string, number>();
  for (const t of facts.times) {
    const [h, m] = t.clock.split(':').map(Number);
    if (!firstClock.has(t.span.segmentId) && h !== undefined && m !== undefined) firstClock.set(t.span.segmentId, h * 60 + m);
  }
  const origin = segmentIds.map((id) => firstClock.get(id)).find((c) => c !== undefined);
  const rank = new Map<string, number>();
  let current = Number.NEGATIVE_INFINITY;
  for (const id of segmentIds) {
    const clock = firstClock.get(id);
    if (clock !== undefined && origin !== undefined) current = (clock - origin + 1440) % 1440;
    rank.set(id, current);
  }
  return rank;
}

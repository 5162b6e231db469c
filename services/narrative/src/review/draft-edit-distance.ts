import { distance } from 'fastest-levenshtein';

/**
 * How much the provider changed the first draft before copying it: the Levenshtein distance
 * between the two texts (NFC, whitespace runs as one space) divided by the longer length.
 * 0 = copied as drafted, 1 = nothing of the draft kept. A number only; the texts are PHI and stay
 * in the encrypted store. This is the figure that says whether drafts get better.
 */
export function normalisedEditDistance(firstDraft: string, copied: string): number {
  const a = normalise(firstDraft);
  const b = normalise(copied);
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 0;
  return Math.round((distance(a, b) / longer) * 10_000) / 10_000;
}

const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

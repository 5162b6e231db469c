import type { DraftRequest, ModelDraft } from './model-draft.js';
import { seededRandom } from './seeded-random.js';

/**
 * Charting rewrites a faithful model makes: wording changes, no fact changes. Each is applied or
 * not by the seed, so the suite sees many faithful variants of one dictation.
 */
const CHARTING: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bblood pressure\b/gi, 'BP'],
  [/\bheart rate\b/gi, 'HR'],
  [/\bpulse of\b/gi, 'HR'],
  [/\brespirations\b/gi, 'RR'],
  [/\bmilligrams\b/gi, 'mg'],
  [/\bmicrograms\b/gi, 'mcg'],
  [/\bmilliliters\b/gi, 'mL'],
  [/\bliters\b/gi, 'L'],
  [/\bintravenous(ly)?\b/gi, 'IV'],
  [/\bsublingual(ly)?\b/gi, 'SL'],
  [/\bby mouth\b/gi, 'PO'],
  [/\bthe patient\b/gi, 'Pt'],
  [/\bpatient\b/gi, 'Pt'],
  [/ percent\b/gi, '%'],
  [/\bshortness of breath\b/gi, 'SOB'],
  [/\bhistory of\b/gi, 'hx of'],
  [/\byear[- ]old\b/gi, 'y/o'],
  [/\bwith\b/gi, 'w/'],
  [/^we /i, ''],
];

function capitalise(s: string): string {
  const t = s.trim();
  if (t === '') return t;
  const c = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(c) ? c : `${c}.`;
}

/**
 * A faithful draft: every placed segment becomes one or two sentences (split at a semicolon) in
 * the section the rule engine suggested, worded in charting style, citing that segment; now and
 * then two neighbouring segments of one section become one sentence citing both.
 */
export function faithfulDraft(request: DraftRequest, seed: number): ModelDraft {
  const rng = seededRandom(seed);
  const bySection = new Map<string, Array<{ text: string; segmentIds: string[] }>>();
  let previous: { section: string; sentence: { text: string; segmentIds: string[] } } | undefined;
  for (const segment of request.segments) {
    const section = request.placement[segment.id];
    if (section === undefined) {
      previous = undefined;
      continue;
    }
    let text = segment.text;
    for (const [re, to] of CHARTING) if (rng.next() < 0.6) text = text.replace(re, to);
    const list = bySection.get(section) ?? [];
    bySection.set(section, list);
    if (previous?.section === section && rng.next() < 0.15) {
      previous.sentence.text = `${previous.sentence.text.replace(/[.!?]$/, '')}; ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
      previous.sentence.text = capitalise(previous.sentence.text);
      previous.sentence.segmentIds.push(segment.id);
      continue;
    }
    const parts = rng.next() < 0.5 ? text.split(/;\s+/).filter((p) => p.trim() !== '') : [text];
    for (const part of parts) {
      const sentence = { text: capitalise(part), segmentIds: [segment.id] };
      list.push(sentence);
      previous = { section, sentence };
    }
  }
  return {
    sections: request.sections.filter((s) => bySection.has(s.key)).map((s) => ({ key: s.key, sentences: bySection.get(s.key) ?? [] })),
  };
}

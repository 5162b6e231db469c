import type { DraftRequest, ModelDraft } from './model-draft.js';
import { seededRandom } from './seeded-random.js';

/**
 * Ways a model draft can go wrong that the grounding verifier must catch. Each mutation changes
 * exactly one sentence (or adds one) of a faithful draft, and only when the change introduces
 * something the cited segments do not say, checked here on the raw segment text.
 */
export const MUTATIONS = [
  'invented_vital',
  'changed_dose',
  'shifted_time',
  'flipped_negation',
  'swapped_drug',
  'invented_drug',
  'swapped_route',
  'invented_procedure',
  'swapped_facility',
  'foreign_sentence',
  'nonexistent_segment',
  'extra_section',
  'swapped_vitals',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface MutatedDraft {
  draft: ModelDraft;
  mutation: Mutation;
  /** Where the injected sentence is: section key and index in it. */
  injected: { section: string; index: number };
}

type Rng = ReturnType<typeof seededRandom>;
type Located = { section: string; index: number; text: string; segmentIds: string[] };

const DRUG_NAMES = ['aspirin', 'nitroglycerin', 'fentanyl', 'morphine', 'ondansetron', 'adenosine', 'naloxone', 'albuterol', 'midazolam'];
/**
 * The names a dictation uses for each drug: a drug said under any of them is in the evidence, so
 * putting it into a sentence is no injected fact ("nitro SL" supports "nitroglycerin").
 */
const SPOKEN_NAMES: Readonly<Record<string, readonly string[]>> = {
  aspirin: ['aspirin', 'asa'],
  nitroglycerin: ['nitroglycerin', 'nitro', 'ntg'],
  fentanyl: ['fentanyl'],
  morphine: ['morphine'],
  ondansetron: ['ondansetron', 'zofran'],
  adenosine: ['adenosine', 'adenocard'],
  naloxone: ['naloxone', 'narcan'],
  albuterol: ['albuterol', 'ventolin', 'proventil'],
  midazolam: ['midazolam', 'versed'],
};
/** Drugs the evidence names under none of their spoken names. */
const drugsNotIn = (evidence: string) =>
  DRUG_NAMES.filter((d) => !(SPOKEN_NAMES[d] ?? [d]).some((name) => new RegExp(`\\b${name}\\b`, 'i').test(evidence)));
const ROUTE_SWAPS: ReadonlyArray<readonly [RegExp, string[]]> = [
  [/\b(SL|sublingual(?:ly)?)\b/, ['IV', 'IM', 'PO']],
  [/\b(IV|intravenous(?:ly)?)\b/, ['IM', 'SL', 'PO', 'IO']],
  [/\b(IM|intramuscular(?:ly)?)\b/, ['IV', 'SL', 'PO']],
  [/\b(PO|by mouth|orally)\b/, ['IV', 'IM', 'SL']],
  [/\b(IO|intraosseous)\b/, ['IM', 'SL', 'PO']],
  [/\b(IN|intranasal(?:ly)?)\b/, ['IV', 'SL', 'PO']],
];
/** How a sentence names each vital, and how its evidence may (to check that a swap really says something new). */
const VITAL_LABELS: ReadonlyArray<readonly [string, RegExp]> = [
  ['bp', /\b(?:BP|blood pressure|pressure)\b/i],
  ['hr', /\b(?:HR|heart rate|pulse(?! ox))\b/i],
  ['rr', /\b(?:RR|resp\w*|breathing)\b/i],
  ['spo2', /\b(?:SpO2|sats?|saturation|pulse ox)\b/i],
];
/** "HR 96": a vital label and the number given to it, in a drafted sentence. */
const LABELLED_VALUE = /\b(BP|HR|RR|SpO2)\s+(\d{2,3})\b/g;
/** The evidence gives `value` to the vital `kind` (label, then the number within three words). */
const evidenceGives = (evidence: string, kind: string, value: string) => {
  const label = VITAL_LABELS.find(([k]) => k === kind)?.[1];
  return label !== undefined && new RegExp(String.raw`${label.source}(?:\W+\w+){0,3}?\W+${value}\b`, 'i').test(evidence);
};

const PROCEDURE_LINES = [
  'Pt placed on CPAP.',
  'Pt was intubated.',
  'Needle decompression performed.',
  'Pt was defibrillated.',
  'Tourniquet applied.',
];
const FACILITIES = ['Mercy General Hospital', 'Riverside Regional Medical Center', 'Northgate Memorial Hospital', 'Lakeview Trauma Center'];
const FACILITY_IN_TEXT =
  /\b(?:St\.? |Saint )?(?:[A-Z][\w'.]+ ){0,3}(?:Hospital|Medical Center|Regional|Memorial|General|Clinic|Health Center)\b/;

function sentencesOf(draft: ModelDraft): Located[] {
  return draft.sections.flatMap((s) => s.sentences.map((x, index) => ({ section: s.key, index, ...x })));
}

function clone(draft: ModelDraft): ModelDraft {
  return JSON.parse(JSON.stringify(draft)) as ModelDraft;
}

function evidenceText(request: DraftRequest, ids: readonly string[]): string {
  return request.segments
    .filter((s) => ids.includes(s.id))
    .map((s) => s.text)
    .join(' ');
}

const NUMBER_WORDS = [
  ...['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  ...['eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'],
];
/**
 * The numbers the evidence states, as digits: "9 at five minutes" states 9 and 5, so a draft saying 5
 * there is supported and is no injected fact.
 */
const digitsIn = (text: string) =>
  new Set([
    ...(text.replace(/(\d):(\d\d)/g, '$1$2').match(/\d+(?:\.\d+)?/g) ?? []),
    ...[...text.toLowerCase().matchAll(/[a-z]+/g)]
      .map((w) => NUMBER_WORDS.indexOf(w[0]))
      .filter((n) => n >= 0)
      .map(String),
  ]);

/** A number near `near` the evidence does not contain (as digits). */
function absentNumber(rng: Rng, evidence: string, near: number): string {
  const have = digitsIn(evidence);
  for (let tries = 0; tries < 50; tries++) {
    const delta = 1 + rng.int(Math.max(3, Math.round(near * 0.3)));
    const n = String(rng.next() < 0.5 && near - delta > 0 ? near - delta : near + delta);
    if (!have.has(n)) return n;
  }
  // Every number near it is stated (a line full of small numbers): the first one above that is not.
  let n = near + 1;
  while (have.has(String(n))) n++;
  return String(n);
}

/** Undefined when the new sentence is the old one: writing it back unchanged injects nothing. */
function replaceSentence(draft: ModelDraft, at: Located, text: string, segmentIds = at.segmentIds): MutatedDraft['injected'] | undefined {
  if (text === at.text && segmentIds.join() === at.segmentIds.join()) return undefined;
  const section = draft.sections.find((s) => s.key === at.section);
  if (section) section.sentences[at.index] = { text, segmentIds: [...segmentIds] };
  return { section: at.section, index: at.index };
}

function appendSentence(draft: ModelDraft, sectionKey: string, text: string, segmentIds: string[]): MutatedDraft['injected'] {
  let section = draft.sections.find((s) => s.key === sectionKey);
  if (!section) {
    section = { key: sectionKey, sentences: [] };
    draft.sections.push(section);
  }
  section.sentences.push({ text, segmentIds });
  return { section: sectionKey, index: section.sentences.length - 1 };
}

/**
 * A case-insensitive matcher for a whole word or phrase: `\b` counts a non-ASCII letter as a boundary, so "no" would
 * match inside "Noël" and the mutation would mangle a name instead of flipping a negation.
 */
const wholeWord = (phrase: string, after = ''): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])${after}`, 'iu');
const NEGATION_REMOVALS: ReadonlyArray<readonly [RegExp, string]> = [
  [wholeWord('denies'), 'reports'],
  [wholeWord('denied'), 'reported'],
  // "No," said on its own is an interjection ("Wait, no, 5 at one minute"): dropping it negates nothing.
  [wholeWord('no', '(?!,)'), ''],
  [wholeWord('not'), ''],
  [wholeWord('without'), 'with'],
  [wholeWord('negative for'), 'positive for'],
  [wholeWord('never'), ''],
];
const NEGATION_INSERTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [wholeWord('complains of'), 'denies'],
  [wholeWord('reports'), 'denies'],
  [wholeWord('has'), 'has no'],
  [wholeWord('was'), 'was not'],
  [wholeWord('is'), 'is not'],
  [wholeWord('with'), 'without'],
];

type Attempt = (draft: ModelDraft, request: DraftRequest, rng: Rng, foreign: readonly string[]) => MutatedDraft['injected'] | undefined;

const ATTEMPTS: Readonly<Record<Mutation, Attempt>> = {
  invented_vital(draft, request, rng) {
    const at = rng.pick(sentencesOf(draft));
    const ev = evidenceText(request, at.segmentIds);
    const line = rng.pick([
      () => `BP ${absentNumber(rng, ev, 182)}/${absentNumber(rng, ev, 104)}`,
      () => `HR ${absentNumber(rng, ev, 148)}`,
      () => `SpO2 ${absentNumber(rng, ev, 81)}%`,
      () => `RR ${absentNumber(rng, ev, 34)}`,
      () => `blood glucose ${absentNumber(rng, ev, 43)}`,
    ])();
    return replaceSentence(draft, at, `${at.text.replace(/[.!?]$/, '')}, ${line}.`);
  },
  changed_dose(draft, request, rng) {
    const candidates = sentencesOf(draft).filter((s) => /\d/.test(s.text));
    if (candidates.length === 0) return undefined;
    const dosed = candidates.filter((s) => /\d\s*(?:mg|mcg|milligrams?|micrograms?|mL|L|liters?|units?|joules?)\b/i.test(s.text));
    const at = rng.pick(dosed.length > 0 ? dosed : candidates);
    const ev = evidenceText(request, at.segmentIds);
    const re =
      dosed.length > 0 ? /(\d+(?:\.\d+)?)(?=\s*(?:mg|mcg|milligrams?|micrograms?|mL|L|liters?|units?|joules?)\b)/i : /\d+(?:\.\d+)?/;
    const m = re.exec(at.text);
    if (!m) return undefined;
    const old = Number(m[0]);
    const next = Number.isInteger(old) ? absentNumber(rng, ev, Math.max(old, 2)) : String(Math.round(old * 20 + 3) / 10);
    if (digitsIn(ev).has(next)) return undefined;
    return replaceSentence(draft, at, at.text.slice(0, m.index) + next + at.text.slice(m.index + m[0].length));
  },
  shifted_time(draft, request, rng) {
    const candidates = sentencesOf(draft).filter((s) => /\b([01]\d|2[0-3]):?[0-5]\d\b/.test(s.text));
    if (candidates.length === 0) return undefined;
    const at = rng.pick(candidates);
    const m = /\b([01]\d|2[0-3]):?([0-5]\d)\b/.exec(at.text);
    if (!m) return undefined;
    const minutes = (Number(m[1]) * 60 + Number(m[2]) + 5 + rng.int(40)) % 1440;
    const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
    if (digitsIn(evidenceText(request, at.segmentIds)).has(clock)) return undefined;
    return replaceSentence(draft, at, at.text.slice(0, m.index) + clock + at.text.slice(m.index + m[0].length));
  },
  flipped_negation(draft, _request, rng) {
    const all = sentencesOf(draft);
    const negated = all.filter((s) => NEGATION_REMOVALS.some(([re]) => re.test(s.text)));
    if (negated.length > 0 && rng.next() < 0.6) {
      const at = rng.pick(negated);
      const [re, to] = NEGATION_REMOVALS.find(([r]) => r.test(at.text)) as readonly [RegExp, string];
      return replaceSentence(draft, at, at.text.replace(re, to).replace(/\s+/g, ' ').trim());
    }
    const plain = all.filter(
      (s) => !NEGATION_REMOVALS.some(([re]) => re.test(s.text)) && NEGATION_INSERTIONS.some(([re]) => re.test(s.text)),
    );
    if (plain.length === 0) return undefined;
    const at = rng.pick(plain);
    const [re, to] = NEGATION_INSERTIONS.find(([r]) => r.test(at.text)) as readonly [RegExp, string];
    return replaceSentence(draft, at, at.text.replace(re, to));
  },
  swapped_drug(draft, request, rng) {
    const withDrug = sentencesOf(draft).filter((s) => DRUG_NAMES.some((d) => new RegExp(`\\b${d}\\b`, 'i').test(s.text)));
    if (withDrug.length === 0) return undefined;
    const at = rng.pick(withDrug);
    const ev = evidenceText(request, at.segmentIds).toLowerCase();
    const from = DRUG_NAMES.find((d) => new RegExp(`\\b${d}\\b`, 'i').test(at.text)) as string;
    const to = drugsNotIn(ev);
    if (to.length === 0) return undefined;
    return replaceSentence(draft, at, at.text.replace(new RegExp(`\\b${from}\\b`, 'i'), rng.pick(to)));
  },
  invented_drug(draft, request, rng) {
    const at = rng.pick(sentencesOf(draft));
    const ev = evidenceText(request, at.segmentIds).toLowerCase();
    const to = drugsNotIn(ev);
    if (to.length === 0) return undefined;
    return appendSentence(draft, at.section, `Administered ${rng.pick(to)}.`, at.segmentIds);
  },
  swapped_route(draft, request, rng) {
    const withRoute = sentencesOf(draft).filter((s) => ROUTE_SWAPS.some(([re]) => re.test(s.text)));
    if (withRoute.length === 0) return undefined;
    const at = rng.pick(withRoute);
    const [re, options] = ROUTE_SWAPS.find(([r]) => r.test(at.text)) as (typeof ROUTE_SWAPS)[number];
    const ev = evidenceText(request, at.segmentIds);
    const to = options.filter((o) => !new RegExp(`\\b${o}\\b`).test(ev));
    if (to.length === 0) return undefined;
    return replaceSentence(draft, at, at.text.replace(re, rng.pick(to)));
  },
  invented_procedure(draft, request, rng) {
    const at = rng.pick(sentencesOf(draft));
    const ev = evidenceText(request, at.segmentIds).toLowerCase();
    const lines = PROCEDURE_LINES.filter((l) => !ev.includes(l.split(' ').slice(-1)[0]?.replace('.', '').slice(0, 6) ?? ''));
    if (lines.length === 0) return undefined;
    return appendSentence(draft, at.section, rng.pick(lines), at.segmentIds);
  },
  swapped_facility(draft, request, rng) {
    const named = sentencesOf(draft).filter((s) => FACILITY_IN_TEXT.test(s.text));
    if (named.length > 0) {
      const at = rng.pick(named);
      const ev = evidenceText(request, at.segmentIds);
      const to = FACILITIES.filter((f) => !ev.includes(f.split(' ')[0] as string));
      return replaceSentence(draft, at, at.text.replace(FACILITY_IN_TEXT, rng.pick(to)));
    }
    const at = rng.pick(sentencesOf(draft));
    return appendSentence(draft, at.section, `Transported to ${rng.pick(FACILITIES)}.`, at.segmentIds);
  },
  foreign_sentence(draft, request, rng, foreign) {
    const local = request.segments.map((s) => s.text.toLowerCase()).join(' ');
    const localDigits = digitsIn(local);
    const usable = foreign.filter((t) => [...digitsIn(t)].some((d) => !localDigits.has(d)));
    if (usable.length === 0) return undefined;
    const at = rng.pick(sentencesOf(draft));
    return appendSentence(draft, at.section, rng.pick(usable), [rng.pick(request.segments).id]);
  },
  nonexistent_segment(draft, request, rng) {
    const at = rng.pick(sentencesOf(draft));
    const ids = new Set(request.segments.map((s) => s.id));
    let id = `seg-${request.segments.length + 1 + rng.int(50)}`;
    while (ids.has(id)) id = `${id}x`;
    return replaceSentence(draft, at, at.text, rng.next() < 0.5 ? [id] : [...at.segmentIds, id]);
  },
  swapped_vitals(draft, request, rng) {
    // Two vitals of one sentence trade values ("HR 96, RR 20" → "HR 20, RR 96"), when the evidence labels both values and
    // labels neither with the other vital.
    const kindOf: Readonly<Record<string, string>> = { BP: 'bp', HR: 'hr', RR: 'rr', SpO2: 'spo2' };
    const candidates = sentencesOf(draft).flatMap((at) => {
      const ev = evidenceText(request, at.segmentIds);
      const pairs = [...at.text.matchAll(LABELLED_VALUE)].map((m) => ({ m, kind: kindOf[m[1] ?? ''] ?? '', value: m[2] ?? '' }));
      const swaps = [];
      for (let i = 0; i < pairs.length; i++)
        for (let j = i + 1; j < pairs.length; j++) {
          const a = pairs[i]!;
          const b = pairs[j]!;
          if (a.kind === b.kind || a.value === b.value) continue;
          if (!evidenceGives(ev, a.kind, a.value) || !evidenceGives(ev, b.kind, b.value)) continue;
          if (evidenceGives(ev, a.kind, b.value) || evidenceGives(ev, b.kind, a.value)) continue;
          swaps.push({ at, a, b });
        }
      return swaps;
    });
    if (candidates.length === 0) return undefined;
    const { at, a, b } = rng.pick(candidates);
    const put = (text: string, m: RegExpExecArray, value: string) => {
      const start = (m.index ?? 0) + (m[0].length - (m[2]?.length ?? 0));
      return text.slice(0, start) + value + text.slice(start + (m[2]?.length ?? 0));
    };
    // The later value first, so the earlier one's index still holds.
    return replaceSentence(draft, at, put(put(at.text, b.m, a.value), a.m, b.value));
  },
  extra_section(draft, _request, rng) {
    const at = rng.pick(sentencesOf(draft));
    return appendSentence(draft, rng.pick(['billing', 'differential_diagnosis', 'disposition_notes']), at.text, at.segmentIds);
  },
};

/**
 * A faithful draft with one injected defect of the given kind, reproducible from the seed;
 * undefined when the dictation offers nothing to mutate that way (no dose to change, no
 * negation to flip). `foreign` is text from other dictations, for `foreign_sentence`.
 */
export function mutateDraft(
  faithful: ModelDraft,
  request: DraftRequest,
  mutation: Mutation,
  seed: number,
  foreign: readonly string[] = [],
): MutatedDraft | undefined {
  if (sentencesOf(faithful).length === 0) return undefined;
  const draft = clone(faithful);
  const injected = ATTEMPTS[mutation](draft, request, seededRandom(seed), foreign);
  return injected === undefined ? undefined : { draft, mutation, injected };
}

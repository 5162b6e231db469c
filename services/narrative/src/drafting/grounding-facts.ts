import { lookupTable, readSpokenNumbers } from '@medicdraft/healthscribe-documents';
import {
  ABBREVIATIONS,
  CASE_SENSITIVE_ROUTES,
  DRUGS,
  NEGATION_CUES,
  NUMBER_WORDS,
  PROCEDURES,
  ROUTES,
  SCOPE_BREAKERS,
  STOPWORDS,
  UNITS,
} from './grounding-lexicon.js';

/** Units whose number is a dose or a setting: the pair (value, unit) must be dictated as such. */
const DOSE_UNITS: ReadonlySet<string> = new Set(['mg', 'mcg', 'g', 'ml', 'l', 'units', 'j', 'gauge']);
const CLAUSE_END: ReadonlySet<string> = new Set(['.', ',', ';', ':', '!', '?']);

/** What the verifier reads from a text: every fact class it checks, in canonical form. */
export interface GroundingFacts {
  numbers: Set<string>;
  doses: Set<string>;
  drugs: Set<string>;
  routes: Set<string>;
  /** Per drug, the routes said after it in the same sentence (before the next drug). */
  drugRoutes: Map<string, Set<string>>;
  /** Per drug and dose said together ("naloxone@2 mg"), the routes said with them: one giving of the drug. */
  dosedRoutes: Map<string, Set<string>>;
  /** Per number, the vitals it is given to ("HR 116" gives 116 to the heart rate). */
  vitalsOf: Map<string, Set<string>>;
  procedures: Set<string>;
  /** Capitalised words after the first (names, facilities, acronyms), expanded and stemmed. */
  names: Set<string>;
  /** How many negation cues the text has. */
  negations: number;
  /** Content words (stemmed): all of them, those inside a negation's clause, and those outside one. */
  words: Set<string>;
  negated: Set<string>;
  affirmed: Set<string>;
  /** How often each content word is said outside a negation's reach, and inside one. */
  affirmedCounts: Map<string, number>;
  negatedCounts: Map<string, number>;
}

/** Text-level rewrites before tokenising: clock colons, glued units, charting shorthands with symbols. */
const REWRITES: ReadonlyArray<readonly [RegExp, string | ((...groups: string[]) => string)]> = [
  // A clock time is four digits whichever way it is written ("0:12", "00:12", "0012").
  [/\b(\d{1,2}):(\d{2})\b/g, (_m: string, h: string, m: string) => `${h.padStart(2, '0')}${m}`],
  // A pulse said with its rate is the heart rate the charting style writes ("pulse of 116" is "HR 116").
  // Not a pulse graded at a limb ("radial pulse 2+").
  [
    /(?<!\b(?:radial|pedal|distal|femoral|carotid|brachial|pedis|tibial)\s)\bpulse (?:rate )?(?:of |is |was )?(?=\d{2,3}\b(?!\s*\+))/gi,
    'heart rate ',
  ],
  [/(\d),(\d{3})\b/g, '$1$2'],
  [/(^|[^\d])\.(\d)/g, '$10.$2'],
  [/\ba\s*&\s*o\s*x\s*(\d)/gi, 'alert and oriented times $1'],
  [/\bao\s*x\s*(\d)/gi, 'alert and oriented times $1'],
  [/\bx\s*(\d)\b/gi, 'times $1'],
  [/\by\/o\b/gi, ' year old '],
  // "67-year-old" is one token as written; charted as "67 y/o" it is two words.
  [/\b(year|month|week|day)s?-old\b/gi, ' $1 old '],
  [/\bw\/o\b/gi, ' without '],
  [/\bw\//gi, ' with '],
  [/(\d)\s*%/g, '$1 percent'],
  [/(\d)(mg|mcg|ml|cc|g|ga|j|l|lpm|units?)\b/gi, '$1 $2'],
  [/(\d+)\s*\/\s*(\d+)/g, '$1 / $2'],
  [/[\u2018\u2019]/g, "'"],
];

const TOKEN = /\d+(?:\.\d+)?|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|[.,;:!?]/gu;

interface Token {
  /** Lower-case, abbreviation-expanded word, a digit string, or a clause mark. */
  word: string;
  /** As written (for case-sensitive routes and capitalised names). */
  raw: string;
  /** First word of a sentence in the source. */
  initial: boolean;
}

function stem(word: string): string {
  const w = word.replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Spoken number runs ("one hundred fifty", "ninety-eight", "zero point four") become digit strings. */
function readNumberWords(words: Token[]): Token[] {
  const out: Token[] = [];
  interface Run {
    value: number;
    last: number;
    decimal: string | null;
    first: Token;
  }
  const state: { run: Run | null } = { run: null };
  const flush = () => {
    const r = state.run;
    if (r && r.decimal === '') out.push({ ...r.first, word: String(r.value) }, { ...r.first, word: 'point' });
    else if (r) out.push({ ...r.first, word: r.decimal === null ? String(r.value) : `${r.value}.${r.decimal}` });
    state.run = null;
  };
  for (const t of words) {
    const parts = t.word.includes('-') ? t.word.split('-') : [t.word];
    const allNumbers = parts.every((p) => p in NUMBER_WORDS || p === 'hundred' || p === 'thousand');
    if (allNumbers) {
      for (const p of parts) {
        if (p === 'hundred' || p === 'thousand') {
          const factor = p === 'hundred' ? 100 : 1000;
          state.run = state.run
            ? { ...state.run, value: (state.run.value || 1) * factor, last: factor }
            : { value: factor, last: factor, decimal: null, first: t };
          continue;
        }
        const n = NUMBER_WORDS[p] as number;
        if (state.run && state.run.decimal !== null) {
          state.run.decimal += String(n);
        } else if (
          state.run &&
          ((state.run.last >= 20 && state.run.last % 10 === 0 && n < 10 && state.run.last < 100) || (state.run.last >= 100 && n < 100))
        ) {
          state.run = { ...state.run, value: state.run.value + n, last: n };
        } else {
          flush();
          state.run = { value: n, last: n, decimal: null, first: t };
        }
      }
      continue;
    }
    if (t.word === 'point' && state.run?.decimal !== '') {
      if (state.run && state.run.decimal === null) state.run.decimal = '';
      else if (state.run === null) state.run = { value: 0, last: 0, decimal: '', first: t };
      else flush();
      if (state.run !== null) continue;
    }
    flush();
    out.push(t);
  }
  flush();
  return out;
}

function tokenise(text: string): Token[] {
  // Numbers said in words are read the way the fact extractors read them ("twenty-two oh four" is the time
  // 2204, not 22, 0 and 4), so a number changed in a draft cannot hide inside a spoken one.
  let s = readSpokenNumbers(text.normalize('NFC')).text;
  // Two calls because TypeScript picks String.replace's overload by the narrowed type of `to`.
  for (const [re, to] of REWRITES) s = typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
  const tokens: Token[] = [];
  let initial = true;
  for (const m of s.matchAll(TOKEN)) {
    const raw = m[0];
    if (CLAUSE_END.has(raw)) {
      tokens.push({ word: raw, raw, initial: false });
      if (raw !== ',' && raw !== ';') initial = true;
      continue;
    }
    const lower = raw.toLowerCase().replace(/'s$/, '');
    const parts = lower.includes('-') && lower.split('-').some((p) => p in NUMBER_WORDS || /^\d+$/.test(p)) ? lower.split('-') : [lower];
    for (const part of parts) {
      const expanded = ABBREVIATIONS[part];
      const canonicalUnit = UNITS[part];
      const words =
        expanded !== undefined ? expanded.split(' ').map((w) => UNITS[w] ?? w) : canonicalUnit !== undefined ? [canonicalUnit] : [part];
      for (const w of words) tokens.push({ word: w, raw: parts.length > 1 ? part : raw, initial });
      initial = false;
    }
  }
  return readNumberWords(tokens);
}

/** Where the entries of a table occur (longest match first, up to three words): token index and canonical entry. */
function hitsOf(tokens: Token[], table: Readonly<Record<string, string>>): Array<{ at: number; end: number; hit: string }> {
  const hits: Array<{ at: number; end: number; hit: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const n of [3, 2, 1]) {
      const key = tokens
        .slice(i, i + n)
        .map((t) => t.word)
        .join(' ');
      const hit = table[key] ?? (n === 1 ? table[key.replace(/-/g, '')] : undefined);
      if (hit !== undefined) {
        hits.push({ at: i, end: i + n, hit });
        break;
      }
    }
  }
  return hits;
}

/**
 * Each route with the drug said last before it in the same sentence ("aspirin by mouth and nitro SL":
 * aspirin → PO, nitroglycerin → SL), so a route moved to another drug of the same sentence is caught.
 */
function drugRoutesOf(
  tokens: Token[],
  drugs: ReadonlyArray<{ at: number; hit: string }>,
  routes: ReadonlyArray<{ at: number; hit: string }>,
) {
  const into = new Map<string, Set<string>>();
  for (const route of routes) {
    const drug = drugs.filter((d) => d.at < route.at).at(-1);
    if (drug === undefined || tokens.slice(drug.at, route.at).some((t) => t.word === '.' || t.word === ';')) continue;
    into.set(drug.hit, (into.get(drug.hit) ?? new Set()).add(route.hit));
  }
  return into;
}

/** The dose said at token `i` ("2 mg", "0.5 milligrams" → "0.5 mg"), or null when no number and dose unit are there. */
function doseAt(tokens: readonly Token[], i: number): string | null {
  const word = tokens[i]?.word ?? '';
  const next = tokens[i + 1]?.word ?? '';
  const unit = UNITS[next] ?? next;
  return isNumber(word) && DOSE_UNITS.has(unit) ? `${canonicalNumber(word)} ${unit}` : null;
}

/**
 * Each giving of a drug: from its name to the next drug's or the sentence's end, the doses and the routes said there ("narcan
 * intranasal 2 milligrams … half a milligram of naloxone iv": naloxone@2 mg → IN). A drug given twice by two routes may then
 * not have one dose's route moved to the other ("narcan IV 2 mg").
 */
function dosedRoutesOf(
  tokens: Token[],
  drugs: ReadonlyArray<{ at: number; hit: string }>,
  routes: ReadonlyArray<{ at: number; hit: string }>,
) {
  const into = new Map<string, Set<string>>();
  drugs.forEach((drug, k) => {
    const stop = tokens.findIndex((t, i) => i > drug.at && (t.word === '.' || t.word === ';'));
    const end = Math.min(drugs[k + 1]?.at ?? tokens.length, stop < 0 ? tokens.length : stop);
    // A dose said right before the drug ("0.5 milligrams of naloxone iv") is its own, not the drug's before.
    const before = tokens[drug.at - 1]?.word === 'of' ? drug.at - 3 : drug.at - 2;
    const doses: Array<{ at: number; dose: string }> = [];
    const first = doseAt(tokens, before);
    if (first !== null) doses.push({ at: drug.at, dose: first });
    const nextDrug = drugs[k + 1]?.at;
    for (let i = drug.at + 1; i < end; i++) {
      const dose = doseAt(tokens, i);
      const ofNext = nextDrug === end && tokens.slice(i + 2, end).every((t) => t.word === 'of');
      if (dose !== null && !ofNext) doses.push({ at: doses.length === 0 ? drug.at : i, dose });
    }
    // Each dose takes the routes said from it to the next dose ("fentanyl 100 mcg IN … and 50 mcg IV"); the first from the drug.
    doses.forEach(({ at, dose }, j) => {
      const until = doses[j + 1]?.at ?? end;
      const routesOfDose = routes.filter((r) => r.at > at && r.at < until).map((r) => r.hit);
      if (routesOfDose.length === 0) return;
      const key = `${drug.hit}@${dose}`;
      const set = into.get(key) ?? new Set<string>();
      for (const r of routesOfDose) set.add(r);
      into.set(key, set);
    });
  });
  return into;
}

/** Vital names as the tokeniser leaves them (abbreviations expanded) → the vital. Longest runs are tried first. */
const VITAL_NAMES = lookupTable({
  'blood pressure': 'bp',
  pressure: 'bp',
  'heart rate': 'hr',
  'pulse ox': 'spo2',
  respirations: 'rr',
  'respiratory rate': 'rr',
  breathing: 'rr',
  spo2: 'spo2',
  saturation: 'spo2',
  'blood glucose': 'bgl',
  'blood sugar': 'bgl',
  glucose: 'bgl',
  sugar: 'bgl',
  gcs: 'gcs',
  etco2: 'etco2',
  temp: 'temp',
  temperature: 'temp',
});
/** Words that may stand between a vital and its number ("heart rate of 116", "sat was 94"). */
const VITAL_LINKS: ReadonlySet<string> = new Set(['of', 'is', 'was', 'at', 'now', 'still', 'down', 'up', 'to', 'came', 'went', 'improved']);

/**
 * The number each vital name is given: the first number after the name, across linking words only.
 * "RR 116, HR 24" for a dictated "pulse of 116, respirations 24" gives 116 to another vital than the
 * evidence does, which the numbers alone cannot show.
 */
function vitalsOf(tokens: Token[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { end, hit: vital } of hitsOf(tokens, VITAL_NAMES)) {
    let next = end;
    while (next < tokens.length && VITAL_LINKS.has(tokens[next]?.word ?? '')) next++;
    const value = tokens[next]?.word;
    if (value === undefined || !isNumber(value)) continue;
    const number = canonicalNumber(value);
    out.set(number, (out.get(number) ?? new Set()).add(vital));
  }
  return out;
}

/** Subjects that open a clause of their own after "and" or "but". */
const NEW_SUBJECTS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'we', 'i']);
/** How many words (stopwords aside) a negation cue reaches: "no blood thinners", "denies chest pain". */
const NEGATION_WINDOW = 2;
const isNumber = (w: string) => /^\d+(?:\.\d+)?$/.test(w);
/**
 * A time in the first hour keeps its zeros ("0004" is four minutes past midnight, not the 4 of "Medic 4");
 * any other time reads as its number, so "0930", "09:30" and "930" are one time.
 */
const canonicalNumber = (w: string) => (/^00\d{2}$/.test(w) ? w : String(Number(w)));

/** Reads every checked fact class from one text (a drafted sentence or the segments it cites). */
export function readGroundingFacts(text: string): GroundingFacts {
  const tokens = tokenise(text);
  const f: GroundingFacts = {
    numbers: new Set(),
    doses: new Set(),
    drugs: new Set(),
    routes: new Set(),
    drugRoutes: new Map(),
    dosedRoutes: new Map(),
    vitalsOf: new Map(),
    procedures: new Set(),
    names: new Set(),
    negations: 0,
    words: new Set(),
    negated: new Set(),
    affirmed: new Set(),
    affirmedCounts: new Map(),
    negatedCounts: new Map(),
  };
  // A cue negates the words after it up to the clause's end, but at most NEGATION_WINDOW of them: unpunctuated
  // speech ("no blood thinners BP 142 over 86 …") has no clause end, and the vitals after it are not negated.
  let negating = 0;
  // The content word said last, and a "not" still waiting for a word of its own: "EpiPen not on her"
  // negates the EpiPen when the clause ends before "not" reached any word it could negate.
  let lastWord: string | undefined;
  let postNominal: { word: string } | undefined;
  const negateLastWord = () => {
    if (postNominal !== undefined && negating === NEGATION_WINDOW) {
      const w = postNominal.word;
      const left = (f.affirmedCounts.get(w) ?? 1) - 1;
      if (left > 0) f.affirmedCounts.set(w, left);
      else {
        f.affirmedCounts.delete(w);
        f.affirmed.delete(w);
      }
      f.negated.add(w);
      f.negatedCounts.set(w, (f.negatedCounts.get(w) ?? 0) + 1);
    }
    postNominal = undefined;
  };
  const routes = hitsOf(tokens, ROUTES);
  tokens.forEach((t, i) => {
    const w = t.word;
    if (isNumber(w)) {
      f.numbers.add(canonicalNumber(w));
      (negating > 0 ? f.negated : f.affirmed).add(`#${canonicalNumber(w)}`);
      negating = Math.max(0, negating - 1);
      const dose = doseAt(tokens, i);
      if (dose !== null) f.doses.add(dose);
      return;
    }
    // "… don't tell us and he has no papers": "and" then a new subject opens a clause of its own, which the negation before
    // does not reach (so "and he has papers" is no longer read as negated by the "don't").
    const newSubject = NEW_SUBJECTS.has(w) && (tokens[i - 1]?.word === 'and' || tokens[i - 1]?.word === 'but');
    if (CLAUSE_END.has(w) || SCOPE_BREAKERS.has(w) || newSubject) {
      negateLastWord();
      negating = 0;
      lastWord = undefined;
      return;
    }
    if (NEGATION_CUES.has(w) || w.endsWith("n't")) {
      negateLastWord();
      negating = NEGATION_WINDOW;
      f.negations += 1;
      postNominal = (w === 'not' || w.endsWith("n't")) && lastWord !== undefined ? { word: lastWord } : undefined;
      return;
    }
    const route = CASE_SENSITIVE_ROUTES[t.raw];
    if (route !== undefined) routes.push({ at: i, end: i + 1, hit: route });
    if (STOPWORDS.has(w) || w.length < 2) return;
    // Drugs and routes count as one word however named ("nitro" = "nitroglycerin", "SL" = "sublingual").
    const s = DRUGS[w] ?? ROUTES[w]?.toLowerCase() ?? stem(w);
    // Names and codes (G3P2, D50) are checked word for word; routes, drugs, procedures and units have their own checks.
    const own = w in ROUTES || w in DRUGS || w in PROCEDURES || Object.values(UNITS).includes(w);
    if (!own && ((/^\p{Lu}/u.test(t.raw) && !t.initial) || (/\p{L}/u.test(w) && /\d/.test(w)))) f.names.add(s);
    f.words.add(s);
    (negating > 0 ? f.negated : f.affirmed).add(s);
    const counts = negating === 0 ? f.affirmedCounts : f.negatedCounts;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    negating = Math.max(0, negating - 1);
    postNominal = undefined;
    lastWord = counts === f.affirmedCounts ? s : undefined;
  });
  negateLastWord();
  const drugs = hitsOf(tokens, DRUGS);
  for (const { hit } of drugs) f.drugs.add(hit);
  for (const { hit } of routes) f.routes.add(hit);
  for (const { hit } of hitsOf(tokens, PROCEDURES)) f.procedures.add(hit);
  f.drugRoutes = drugRoutesOf(tokens, drugs, routes);
  f.dosedRoutes = dosedRoutesOf(tokens, drugs, routes);
  f.vitalsOf = vitalsOf(tokens);
  return f;
}

import { IDENTIFIER_CLASSES, type IdentifierClass } from '@medicdraft/contracts';
import { MEDICATIONS, PROCEDURES, ROUTES } from '@medicdraft/healthscribe-documents';
import englishWords from 'an-array-of-english-words' with { type: 'json' };
import nlp from 'compromise';

/**
 * HIPAA Safe Harbor de-identification of free narrative text, for analytics exports.
 *
 * Safe Harbor lists eighteen identifier kinds; the ones a dictated narrative can carry are names,
 * geography smaller than a state (addresses, street and road names with or without a house
 * number, routes and interstates, cities, counties, zip codes, mile markers, coordinates),
 * every date element but the year (an ISO date-time keeps only its year; a year, a year of birth
 * included, goes too when it would show an age over 89 in the reference year), ages over 89,
 * phone and fax numbers, e-mail addresses, URLs, IP addresses and identifying numbers after a cue
 * word (record, account, health plan, beneficiary, Medicare and Medicaid, policy, certificate,
 * driver's licence, DEA, plate, VIN, serial, device, incident, unit and room numbers, SSNs). Each
 * is replaced by a bracketed class placeholder; ages over 89 become "90+". Times of day stay:
 * without the date they are clinical timing, not an identifier.
 *
 * Facilities (hospitals, nursing homes, clinics) are not a Safe Harbor kind of their own, but their
 * names usually name a town, a neighbourhood or a street ("Northwestern", "Mercy", "Riverside
 * Manor"), so they are dropped as locations, English word or not: conservative on purpose.
 *
 * Why several detectors rather than one: compromise's tagger finds people, places and
 * organisations from context (a name that is also an English word, "Bill said…"); the word-list
 * rule catches what the tagger does not know (a capitalised word that is neither English nor EMS
 * vocabulary is treated as a name: "Springfield", "Ramírez"); explicit patterns catch the
 * structured identifiers, and cue words ("wife Rose", "Señora …") catch names in positions the
 * others miss. Over-redaction is the accepted failure: a redacted drug brand costs analytics a
 * word; a surviving name is a disclosure.
 */

export interface DeidentifiedText {
  text: string;
  /** How many spans of each class were replaced (counts only: nothing of what was removed). */
  redactions: Record<IdentifierClass, number>;
}

const PLACEHOLDER: Record<Exclude<IdentifierClass, 'ages'>, string> = {
  person_names: '[NAME]',
  locations: '[LOCATION]',
  dates: '[DATE]',
  phone_numbers: '[PHONE]',
  email_addresses: '[EMAIL]',
  urls: '[URL]',
  ip_addresses: '[IP]',
  record_numbers: '[ID]',
};

interface Span {
  start: number;
  end: number;
  cls: IdentifierClass;
  /** The replacement when it is not the class placeholder (a kept year, "90+"). */
  replacement?: string;
}

const words = (list: string) => list.trim().split(/\s+/);
const alternation = (list: string) => words(list).join('|');
/** An alternation of cue phrases, longest first so "health plan" is tried before a shorter cue. */
const phrases = (...lists: string[][]) =>
  lists
    .flat()
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.split(' ').join(String.raw`\s+`))
    .join('|');

const MONTHS = alternation(`January February March April June July August September October November December
  Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec`);
const WEEKDAYS = alternation('Monday Tuesday Wednesday Thursday Friday Saturday Sunday');
const STREET_SUFFIXES = alternation(`Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Way Place Pl Circle Cir
  Highway Hwy Parkway Pkwy Terrace Ter Trail Trl Square Sq Loop Alley Calle Avenida`);
// These suffixes are also titles before a name ("Dr. Patel", "St. Luke's").
const TITLE_SUFFIXES: ReadonlySet<string> = new Set(words('Dr St'));
const PLACE_SUFFIXES = alternation(`County Township Parish Borough City Village Heights Park Hospital Medical Center Clinic Manor
  Nursing Home Rehab Rehabilitation Elementary School Academy Apartments Estates Plaza Mall Church Behavioral Regional General
  Memorial`);
// An identifying number follows these words.
const ID_CUES = phrases(
  words(`MRN record account acct policy member subscriber insurance Medicaid Medicare beneficiary claim SSN social
    license licence DEA NPI passport certificate plate VIN serial device incident case run PCR badge employee unit apt
    apartment room suite lot bed ticket`),
  ['health plan'],
);
// Also clinical abbreviations ("DL 2 attempts" is a direct laryngoscopy): an identifier only in
// capitals and only when at least five characters long, as licence and ID numbers are.
const LONG_ID_CUES = phrases(words('DL ID'));
// A phone number too short or too plain for the phone pattern ("fax 201-3344") follows these words.
const PHONE_CUES = phrases(words('fax phone tel telephone cell mobile pager callback'), ['call back']);
const UNIT_CUES = alternation('Medic Engine Rescue Ambulance Truck Squad Ladder Battalion Ambo Car Unit');
// A name follows these words even when the name is also an English word ("wife Rose", "Señora Peña").
const NAME_CUES = alternation(`Mr Mrs Ms Miss Mx Dr Doctor Señor Señora Señorita Sr Sra Srta Don Doña Nurse RN
  wife husband son daughter mother father brother sister grandson granddaughter friend neighbor neighbour
  caregiver named nombre`);
// A lower-case name follows these words; any word after them that is not English or EMS vocabulary is a name.
const LOWER_CASE_NAME_CUES = phrases(words('named nombre'), ['name is']);
// After these a lower-case word is a name only when the tagger reads it as one: "patient mary jones" but
// "patient denies", "pt nkda", and "MS" or "MR" are diagnoses as often as titles.
const TAGGED_LOWER_CASE_NAME_CUE = new RegExp(String.raw`\b(?:patient|pt|named|nombre|name\s+is|mr|mrs|ms|mx|miss)\.?\s+$`, 'iu');
const TENS_OVER_89 = '(?:ninety|a hundred|one hundred)(?:[- ](?:and )?(?:one|two|three|four|five|six|seven|eight|nine|ten))?';

const L = String.raw`\p{L}`;
// A capitalised word; a following period ends the sequence, so a name never runs into the next sentence.
const CAP = String.raw`\p{Lu}[\p{L}'’-]*`;

/** Where a captured identifier sits, for the patterns that need its surroundings to decide. */
interface Context {
  text: string;
  /** Offsets of the captured text in `text`, before trimming. */
  start: number;
  end: number;
  /** The year against which a kept year is judged to show an age over 89. */
  referenceYear: number;
}

interface Pattern {
  cls: IdentifierClass;
  re: RegExp;
  /** The replacement text when it is not the class placeholder (a kept year, "90+"). */
  replace?: (m: RegExpExecArray) => string | undefined;
  /** Only this capture group is the identifier; the rest of the match is its cue. */
  group?: number;
  /** False when the captured words are not an identifier after all ("to the ED nurse"). */
  accept?: (captured: string, at: Context) => boolean;
}

const PATTERNS: Pattern[] = [
  { cls: 'email_addresses', re: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu },
  { cls: 'urls', re: /\b(?:https?:\/\/|www\.)[^\s,;)]+/giu },
  { cls: 'ip_addresses', re: /\b(?:\d{1,3}\.){3}\d{1,3}\b/gu },
  { cls: 'record_numbers', re: /\b\d{3}-\d{2}-\d{4}\b/gu },
  { cls: 'phone_numbers', re: /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/gu },
  { cls: 'locations', re: /-?\b\d{1,3}\.\d{3,}\s*°?\s*[NS]?,\s*-?\d{1,3}\.\d{3,}\s*°?\s*[EW]?/gu },
  // ISO and numeric dates keep their year; a numeric day/month alone is a date only after a date cue.
  // An ISO date-time goes whole: its time and offset are part of the same date element.
  {
    cls: 'dates',
    re: /\b(\d{4})-\d{2}-\d{2}(?:T\d{2}(?::\d{2}){0,2}(?:[.,]\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)/gu,
    replace: (m) => m[1],
  },
  { cls: 'dates', re: /\b(\d{4})\d{4}T\d{4}(?:\d{2})?(?:Z|[+-]\d{4})?\b/gu, replace: (m) => m[1] },
  { cls: 'dates', re: /\b\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})\b/gu, replace: (m) => (m[1]!.length === 4 ? m[1] : undefined) },
  {
    cls: 'dates',
    re: new RegExp(String.raw`\b(?:DOB|born|dated|date of birth)[:\s]+\d{1,2}[/.-]\d{1,2}(?:[/.-](\d{4}|\d{2}))?\b`, 'giu'),
    replace: (m) => (m[1]?.length === 4 ? m[1] : undefined),
  },
  // A year of birth alone is kept like any year, unless it shows an age over 89.
  {
    cls: 'dates',
    re: /\b(?:DOB|YOB|b\.|born(?:\s+in)?|date of birth|year of birth|birth year)[:\s]*(\d{4})\b(?![/.-]\d)/giu,
    group: 1,
    accept: (year, at) => keepable(year, at.referenceYear) === undefined,
  },
  {
    cls: 'dates',
    re: new RegExp(String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'gu'),
    replace: (m) => m[1],
  },
  {
    cls: 'dates',
    re: new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\b\.?(?:,?\s+(\d{4}))?`, 'gu'),
    replace: (m) => m[1],
  },
  { cls: 'dates', re: new RegExp(String.raw`\b(?:${MONTHS}|May)\s+(\d{4})\b`, 'gu'), replace: (m) => m[1] },
  { cls: 'dates', re: new RegExp(String.raw`\b(?:${MONTHS}|${WEEKDAYS})\b`, 'gu') },
  // Ages over 89 in the ways medics say them: "92-year-old", "92 yo", "age 91", "91F", "F/93", "95 años".
  {
    cls: 'ages',
    // Not a temperature: "temp 101F" is a fever, not a centenarian.
    re: new RegExp(
      String.raw`(?<!(?:temp\w*|T)\s*)\b(?:(?:aged?|age of)\s+)?(9\d|1[0-2]\d)` +
        String.raw`(?:[\s-]*(?:years?|yrs?|y)[\s-]*(?:old|o\.?)?|\s*y\.?o\.?|\s*años|[MF]\b)`,
      'giu',
    ),
    replace: (m) => m[0].replace(m[1]!, '90+'),
  },
  { cls: 'ages', re: /\b(?:aged?|age of)\s+(9\d|1[0-2]\d)\b/giu, replace: (m) => m[0].replace(m[1]!, '90+') },
  { cls: 'ages', re: /\b([MF])\s*\/\s*(9\d|1[0-2]\d)\b/gu, replace: (m) => `${m[1]}/90+` },
  { cls: 'ages', re: new RegExp(String.raw`\b(?:pt|patient|he|she)\s+is\s+(9\d|1[0-2]\d)\b(?!\s*%)`, 'giu'), group: 1 },
  { cls: 'ages', re: new RegExp(String.raw`\b${TENS_OVER_89}[\s-]+years?[\s-]+old\b`, 'giu'), replace: () => '90+ years old' },
  {
    cls: 'record_numbers',
    re: new RegExp(
      String.raw`\b(?:${ID_CUES})\b(?:\s+(?:number|no\.?|#|ID|plate))?(?:\s+(?:is|was|reads))?[\s:#]*([A-Z]*-?\d[\w-]*)`,
      'giu',
    ),
    group: 1,
  },
  {
    cls: 'record_numbers',
    re: new RegExp(String.raw`\b(?:${LONG_ID_CUES})\b(?:\s+(?:number|no\.?|#))?(?:\s+(?:is|was|reads))?[\s:#]*([A-Z]*-?\d[\w-]{3,})`, 'gu'),
    group: 1,
  },
  {
    cls: 'phone_numbers',
    re: new RegExp(
      String.raw`\b(?:${PHONE_CUES})\b(?:\s+(?:number|no\.?|#))?(?:\s+(?:is|was))?[\s:#.]*(\+?\(?\d(?:[\s().-]{0,2}\d){6,})`,
      'giu',
    ),
    group: 1,
  },
  { cls: 'record_numbers', re: new RegExp(String.raw`\b(?:${UNIT_CUES})\s+(\d+[A-Z]?)\b`, 'gu'), group: 1 },
  { cls: 'record_numbers', re: /#\s*\d[\w-]*/gu },
  { cls: 'record_numbers', re: /\b\d{7,}\b/gu },
  {
    cls: 'locations',
    re: new RegExp(String.raw`\b\d+[A-Z]?\s+(?:${CAP}\s+){1,3}(?:${STREET_SUFFIXES})\b\.?`, 'gu'),
  },
  // A street named without a house number is still geography smaller than a state: "on Maple Avenue".
  { cls: 'locations', re: new RegExp(String.raw`\b((?:${CAP}\s+){1,3}(?:${STREET_SUFFIXES})\b\.?)`, 'gu'), group: 1, accept: isStreet },
  { cls: 'locations', re: /\b(?:mile marker|exit|MM)\s*\d+\b/giu },
  { cls: 'locations', re: /\b(?:Route|Rte|Highway|Hwy|Interstate|I-|US|SR|County Road|State Road)\s?-?\d+\b/gu },
  { cls: 'locations', re: new RegExp(String.raw`\b(?:${CAP}\s+){1,3}(?:${PLACE_SUFFIXES})\b`, 'gu') },
  { cls: 'locations', re: /\b(?:zip(?:\s*code)?[\s:]*|[A-Z]{2}\s+)\d{5}(?:-\d{4})?\b/gu },
  { cls: 'locations', re: new RegExp(String.raw`\b((?:St|Saint|San|Santa)\.?\s+${CAP})`, 'gu'), group: 1, accept: isSaintsPlace },
  // A capitalised name after "to", "from" or "at" is a place the patient was, came from or went to:
  // "to Mercy", "from Valley General ICU", "at the Home Depot" — even when its words are English.
  {
    cls: 'locations',
    re: new RegExp(String.raw`\b(?:to|from|at|into)\s+(?:the\s+)?((?:${CAP}(?:\s+|$)){1,4})`, 'gu'),
    group: 1,
    accept: (captured) => !captured.trim().split(/\s+/).every(isAbbreviation),
  },
  { cls: 'person_names', re: new RegExp(String.raw`\b(?:${NAME_CUES})\.?\s+((?:${CAP}\s*){1,3})`, 'gu'), group: 1 },
];

/**
 * Whether capitalised words before a street suffix name a street. Not when they are all
 * abbreviations ("ED Dr."), nor when "Dr" or "St" is a title before a name and only the
 * sentence's first word precedes it ("Called Dr. Patel", "Paged St. Luke's"): the name after it
 * is redacted as a name or a place anyway.
 */
function isStreet(captured: string, at: Context): boolean {
  const parts = captured.replace(/\.$/u, '').trim().split(/\s+/);
  const suffix = parts.pop()!;
  if (parts.every(isAbbreviation)) return false;
  if (!TITLE_SUFFIXES.has(suffix)) return true;
  const next = new RegExp(String.raw`^\.?\s+(${CAP})`, 'u').exec(at.text.slice(at.end))?.[1];
  if (next === undefined || isAbbreviation(next)) return true;
  return !(parts.length === 1 && /(?:^|[.!?;:]\s+)$/u.test(at.text.slice(0, at.start)));
}

/**
 * Whether "St. X" names a saint's place ("St. Luke's"). Not when the "St." ends a street the
 * street pattern takes ("on Main St.") and X is an ordinary word opening the next sentence
 * ("Called 911"): the street is redacted, the word is not a name. An unknown X stays redacted.
 */
function isSaintsPlace(captured: string, at: Context): boolean {
  const [prefix = '', next = ''] = captured.split(/\s+/u);
  if (!VOCABULARY.has(next.toLowerCase())) return true;
  const before = new RegExp(String.raw`((?:${CAP}\s+){1,3})$`, 'u').exec(at.text.slice(0, at.start))?.[1];
  if (before === undefined) return true;
  const street = { ...at, start: at.start - before.length, end: at.start + prefix.length };
  return !isStreet(before + prefix, street);
}

/**
 * Capitalised medical words outside the English list and the EMS lexicon: brand names, eponymous
 * scales and devices medics dictate. Not a list of names — "Miller blade" stays out on purpose.
 */
const MEDICAL_TERMS = words(`eliquis xarelto coumadin plavix lasix lipitor crestor zocor norvasc lopressor toprol cardizem
  synthroid humalog lantus novolog glucophage januvia jardiance ozempic keppra dilantin depakote ativan versed valium haldol
  geodon seroquel zyprexa zoloft prozac lexapro xanax klonopin suboxone percocet vicodin oxycontin dilaudid toradol tylenol motrin
  advil aleve benadryl pepcid solu-medrol solumedrol decadron proair proventil combivent symbicort advair spiriva epipen duoneb
  glucometer glucola cincinnati glasgow broselow kendrick sager lucas zoll lifepak yankauer foley magill entonox pitocin
  approx onscene arr interfacility postictal`);

/** Lower-case words that are ordinary English or EMS vocabulary: a capitalised one is not a name by itself. */
const VOCABULARY: ReadonlySet<string> = new Set([
  ...(englishWords as string[]),
  ...MEDICAL_TERMS,
  ...[...MEDICATIONS, ...PROCEDURES, ...ROUTES].flatMap(([name, table]) =>
    [...tableWords(name), ...tableWords(table)].map((w) => w.toLowerCase()),
  ),
]);

function tableWords(table: unknown): string[] {
  if (typeof table === 'string') return table.split(/[^\p{L}]+/u).filter(Boolean);
  if (Array.isArray(table)) return table.flatMap(tableWords);
  if (table && typeof table === 'object') return Object.values(table).flatMap(tableWords);
  return [];
}

function isVocabulary(word: string): boolean {
  const lower = word.toLowerCase();
  return VOCABULARY.has(lower) || VOCABULARY.has(lower.normalize('NFD').replace(/\p{M}/gu, ''));
}

/** EMS abbreviations written in mixed case, never names. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  words('pt pts hx dx tx rx sx fx bx px spo2 etco2 ecg ekg gcs iv io im sl po in ra rt lt bil'),
);
const isAbbreviation = (word: string) => ABBREVIATIONS.has(word.toLowerCase()) || (word === word.toUpperCase() && word.length <= 6);

const CAPITALISED_WORD = new RegExp(String.raw`\p{Lu}${L}*(?:['’]${L}+)?`, 'gu');

/** A capitalised word that is neither English nor EMS vocabulary nor an abbreviation ("BP", "SpO2"). */
function unknownCapitalised(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(CAPITALISED_WORD)) {
    const word = m[0].replace(/['’]s$/u, '');
    const lower = word.toLowerCase();
    if (word.length < 2 || /\d/.test(text[m.index + m[0].length] ?? '')) continue;
    if (isAbbreviation(word)) continue; // BP, GCS, STEMI, AMA, Pt
    if (isVocabulary(lower)) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, cls: 'person_names' });
  }
  return spans;
}

/** People as compromise tags them, with trailing punctuation left in the text. */
function taggedEntities(text: string): Span[] {
  const doc = nlp(text);
  const spans: Span[] = [];
  const add = (view: ReturnType<typeof doc.people>, cls: IdentifierClass) => {
    for (const entity of view.json({ offset: true }) as Array<{ terms: Array<{ offset: { start: number; length: number } }> }>) {
      const first = entity.terms[0]?.offset;
      const last = entity.terms.at(-1)?.offset;
      if (!first || !last) continue;
      const span = trimSpan(text, { start: first.start, end: last.start + last.length, cls });
      // The tagger's guesses on lower-case words ("niña") and abbreviations ("BP", "Pt") are not names or
      // places, unless a person cue comes before them ("patient mary jones", "mrs brown").
      const found = text.slice(span.start, span.end);
      const capitalised = found.match(CAPITALISED_WORD) ?? [];
      // A title the tagger took into the name counts as its cue, unless in capitals ("hx of MR", "MS").
      const title = /^(\p{L}+)\.?\s+\S/u.exec(found)?.[1];
      const cued =
        TAGGED_LOWER_CASE_NAME_CUE.test(text.slice(Math.max(0, span.start - 24), span.start)) ||
        (title !== undefined && title !== title.toUpperCase() && TAGGED_LOWER_CASE_NAME_CUE.test(`${title} `));
      if (cued || capitalised.some((w) => !isAbbreviation(w.replace(/['’]s$/u, '')))) spans.push(span);
    }
  };
  // Only people: its places and organisations ("Patient care", "BP") guess too wide, and the place
  // patterns and the word-list rule already find geography.
  add(doc.people(), 'person_names');
  return spans;
}

const LOWER_CASE_WORD = /^\p{Ll}[\p{Ll}'’-]*/u;

/** Lower-case words after a naming cue that are not vocabulary: "named xochitl", "name is ana ruiz". */
function cuedLowerCaseNames(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:${LOWER_CASE_NAME_CUES})\s+`, 'giu'))) {
    const start = m.index + m[0].length;
    let end = start;
    for (let n = 0; n < 3; n++) {
      const gap = /^\s*/u.exec(text.slice(end))![0].length;
      const word = LOWER_CASE_WORD.exec(text.slice(end + gap))?.[0];
      if (word === undefined || isVocabulary(word) || isAbbreviation(word)) break;
      end += gap + word.length;
    }
    if (end > start) spans.push({ start, end, cls: 'person_names' });
  }
  return spans;
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (end > start && /[\s.,;:!?)"]/u.test(text[end - 1]!)) end--;
  while (start < end && /[\s("]/u.test(text[start]!)) start++;
  return { ...span, start, end };
}

/**
 * A kept year that would place the person over 89 is an identifier too: it goes with the rest of
 * the date. Judged against the reference year (the export's), which is what its reader will do;
 * someone born in that year minus 90 may already be 90.
 */
function keepable(kept: string | undefined, referenceYear: number): string | undefined {
  if (kept === undefined || !/^\d{4}$/.test(kept)) return kept;
  return referenceYear - Number(kept) > 89 ? undefined : kept;
}

function patternSpans(text: string, referenceYear: number): Span[] {
  const spans: Span[] = [];
  for (const { cls, re, replace, group, accept } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const full = m as RegExpExecArray;
      if (group !== undefined && full[group] !== undefined) {
        const start = full.index + full[0].lastIndexOf(full[group]);
        const end = start + full[group].length;
        if (accept && !accept(full[group], { text, start, end, referenceYear })) continue;
        spans.push(trimSpan(text, { start, end, cls }));
        continue;
      }
      const kept = keepable(replace?.(full), referenceYear);
      const placeholder = cls === 'dates' && kept ? `${PLACEHOLDER.dates} ${kept}` : kept;
      spans.push({ start: full.index, end: full.index + full[0].length, cls, ...(placeholder ? { replacement: placeholder } : {}) });
    }
  }
  return spans;
}

/** Overlapping spans merge into one; the earlier-listed (structured) class names the merged span. */
function merge(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span.start < last.end) {
      if (span.end > last.end) {
        if (span.start === last.start) out[out.length - 1] = { ...span };
        else {
          last.end = span.end;
          delete last.replacement; // a kept year or "90+" no longer describes the widened span
        }
      }
      continue;
    }
    out.push({ ...span });
  }
  return out;
}

export interface DeidentifyOptions {
  /** The year a kept year is judged against for ages over 89: the export's; the current UTC year if not given. */
  referenceYear?: number;
}

export function deidentifyText(input: string, options: DeidentifyOptions = {}): DeidentifiedText {
  const text = input.normalize('NFC');
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const spans = merge([
    ...patternSpans(text, referenceYear),
    ...taggedEntities(text),
    ...unknownCapitalised(text),
    ...cuedLowerCaseNames(text),
  ]);
  const redactions = Object.fromEntries(IDENTIFIER_CLASSES.map((c) => [c, 0])) as Record<IdentifierClass, number>;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + (span.replacement ?? (span.cls === 'ages' ? '90+' : PLACEHOLDER[span.cls]));
    redactions[span.cls] += 1;
    at = span.end;
  }
  return { text: out + text.slice(at), redactions };
}

import { CREW_SUBJECT_VERBS, splitRunOn } from './run-on-splitter.js';
import { extractMedications, extractProcedures } from './treatment-extractor.js';
import { IV_GAUGES } from './treatment-lexicon.js';
import { anyOf } from './word-table.js';

/**
 * Splits dictation text into sentences: one transcript segment each. A boundary is `.`, `!` or
 * `?` followed by white space and a capital, digit or quote, or a line break. Decimals ("0.4 mg")
 * never split (no space after the dot) and neither do titles and "approx." ("St. Mary's", "Dr. Liang").
 */
// Titles and "approx." come before a name or number; a unit ("10 min.", "2 hrs.") ends its sentence when a capital follows.
// "Pt." is a title only where it opens the sentence ("Pt. Greta Vollmer, 79"); "… per pt. Alert" ends one.
// "ms." after a number is milliseconds ("a QRS of 140 ms."), a unit, not the title "Ms.". Police ranks come before a name
// too ("witnessed by PD Ofc. Brandt", "Det. Ruiz").
const ABBREVIATIONS = new RegExp(
  String.raw`(?:^|\s)(?:st|dr|dra|mr|mrs|(?<!\d\s*)ms|sra|srta|mme|mlle|prof|jr|sr|approx|vs|no|e\.g|i\.e|mt|` +
    String.raw`lt|sgt|capt|ofc|det|dep|cpl|tpr)\.$|^\s*pt\.$`,
  'i',
);
/**
 * "300 Canal St. L&S.", "512 Birch Ridge Dr. Emergent.": "St." or "Dr." after a house number and a street's name is the street
 * (Street, Drive), and may end the sentence; so does "St." after a number and a comma ("mile 11, Quay St.").
 */
// The word before names the street, never a preposition: "priority 2 to St. Luke's" is a saint, "at 0930 with Dr. Patel" a doctor.
const STREET_END = /\b\d+,?\s+(?:[\p{L}'’-]+\s+){0,2}(?!(?:to|at|from|for|in|on|via|near|and|with|by|per)\s)[\p{L}'’-]+\s+st\.$/iu;
/**
 * "Dr." is far more often a doctor than a Drive: it ends the sentence only after a capitalised street name right after the house
 * number ("4410 Oak Hollow Dr."), not after a time, a bed or a lower-case word ("at 0215 contacted Dr. Nguyen", "bed 4
 * attending Dr. Patel", "2 weeks ago Dr. Brown").
 */
const DRIVE_END = /(?<!\b(?:at|bed|room|rm|bay|by|per|with)\s)\b\d+\s+(?:\p{Lu}[\p{L}'’-]*\s+){0,2}\p{Lu}[\p{L}'’-]*\s+[Dd]r\.$/u;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split(/\n+/)) {
    let start = 0;
    // Device names charted in lower case ("i-gel", "ez-io") open a sentence like a capital does.
    // So do mixed-case abbreviations ("qSOFA 3", "eGFR 28").
    const re = /[.!?]+["')\]]?(?=\s+(?:["'(]?[A-Z0-9]|(?:i-?gel|ez-?io)\b|[a-z]{1,2}[A-Z]))/g;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) {
      const end = m.index + m[0].length;
      const said = line.slice(start, m.index + 1);
      if (ABBREVIATIONS.test(said) && !STREET_END.test(said) && !DRIVE_END.test(said)) continue;
      out.push(line.slice(start, end));
      start = end;
    }
    out.push(line.slice(start));
  }
  return out
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .flatMap(splitRunOn)
    .flatMap(splitBeforeChartedCare)
    .flatMap(splitCareAfterReading)
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/**
 * A line or oxygen charted with its details opens a charting item of its own: "iv 20g l ac", "18g l ac", "o2 nrb 10 l",
 * "oxygen 15 l". Said with no punctuation right after a finding ("… ventricular rate 32 iv 20g l ac", "… gcs 14 o2 nrb 10 l
 * at 15:59"), it is where the crew's care begins, and the piece is cut there so the finding and the care are two lines.
 */
const SIDES = ['l', 'r', 'left', 'right', 'lt', 'rt'];
const LINE_SITES = ['ac', 'antecubital', 'hand', 'forearm', 'fa', 'wrist', 'arm', 'ej', 'external jugular'];
const OXYGEN_DEVICES = ['nrb', 'non ?rebreather', 'nasal cannula', 'nc', 'blow ?by', 'simple mask', 'face mask'];
const CHARTED_CARE = new RegExp(
  String.raw`\b(?:` +
    [
      String.raw`(?:iv|io)\s+(?:${anyOf(IV_GAUGES)})\s*(?:g|ga|gauge)\b`,
      String.raw`(?:${anyOf(IV_GAUGES)})\s*(?:g|ga|gauge)\s+(?:iv\s+)?(?:in\s+(?:the\s+)?)?` +
        String.raw`(?:${anyOf(SIDES)})\s+(?:${anyOf(LINE_SITES)})\b`,
      String.raw`(?:o2|oxygen)\s+(?:(?:via|by)\s+)?(?:${anyOf(OXYGEN_DEVICES)})\b`,
      String.raw`(?:o2|oxygen)\s+\d+(?:\.\d+)?\s*(?:l|lpm|liters?)\b`,
    ].join('|') +
    ')',
  'gi',
);
/**
 * The word before that keeps the care in its piece: what it is measured on or with ("spo2 94 on o2 nrb"), a refusal or
 * negation ("refused iv 20g", "no iv"), whose it is ("had an iv 18g", "home o2"), or the crew's own verb or joiner said with it
 * ("started an iv 20g l ac", "then o2 nrb").
 */
const KEEPS_CARE = new Set([
  ...['on', 'with', 'via', 'by', 'of', 'in', 'to', 'for', 'at', 'through', 'into', 'from', 'and', 'then', 'also', 'plus'],
  ...['no', 'not', 'refused', 'refuses', 'declined', 'declines', 'denies', 'without', 'wants', 'want'],
  ...['a', 'an', 'the', 'his', 'her', 'their', 'own', 'home', 'uses', 'wears', 'had', 'has', 'have'],
  ...['placed', 'started', 'established', 'got', 'put', 'gave', 'inserted', 'obtained', 'applied', 'start', 'place', 'get'],
  // The verbs of the crew said as the subject of a formal narrative: "the crew administered o2 15 l via nrb".
  ...CREW_SUBJECT_VERBS,
  // The line or oxygen named just before its details: "got a line 20 gauge in the right hand", "two large bore ivs 16 gauge",
  // "second 16g right ac", "high flow o2 by nrb".
  ...['line', 'lines', 'iv', 'ivs', 'io', 'bore', 'second', 'another', 'one', 'two', 'flow', 'supplemental', 'humidified'],
  // Whose it is, or that it was there before the crew: "copd baseline o2 2 l nc", "nh o2 nc 2 l", "via existing 20g l fa",
  // "nursing staff iv 20g l ac in place".
  ...['existing', 'chronic', 'baseline', 'normally', 'usually', 'nightly', 'needs', 'requires', 'prescribed', 'takes', 'using'],
  ...['wearing', 'having', 'is', 'was', 'still', 'already', 'current', 'old', 'previous', 'prior', 'sending', 'referring'],
  ...['facility', 'clinic', 'hospital', 'nursing', 'nurse', 'staff', 'snf', 'nh', 'er', 'ed', 'fire', 'pd'],
  // A verb said with it, cut from its object: "pulled out iv 20g l ac", "attempted iv 20g l ac x2 unsuccessful".
  ...['out', 'pulled', 'removed', 'lost', 'attempted', 'attempt', 'attempts', 'tried', 'missed', 'blew', 'increased', 'turned'],
]);
/**
 * What follows the details that says the line or oxygen was already there or is not the crew's: "iv 20g l ac in place",
 * "o2 2 l nc at home", "iv 20g r hand this morning", "iv 20g l ac x2 unsuccessful".
 */
const NOT_THE_CREWS_AFTER = new RegExp(
  String.raw`^(?:\S+\s+){0,5}?(?:` +
    [
      'in place',
      String.raw`from (?!\d)`,
      'at home',
      'at night',
      'at baseline',
      'continuous(?:ly)?',
      'prior to',
      'before (?:our |ems )?arrival',
      'this morning',
      'earlier',
      'yesterday',
      'ago',
      'infusing',
      'unsuccessful',
      'missed',
      'by (?:fire|staff|the|nursing|family|pd|first responders)',
    ].join('|') +
    String.raw`)\b`,
  'i',
);
/** A gauge said just before: lines listed one after another ("16g r ac 18g l ac") are one item. */
const GAUGE_JUST_BEFORE = /\b(?:14|16|18|20|22|24)\s*(?:g|ga|gauge)\b(?:\s+\S+){0,4}\s*$/i;

function splitBeforeChartedCare(piece: string): string[] {
  // Punctuated speech is cut at its own marks (a mark inside a number, "15:59", "0.5", is no mark).
  if (/[,;.!?]/.test(piece.replace(/(?<=\d)[.:/](?=\d)/g, ''))) return [piece];
  CHARTED_CARE.lastIndex = 0;
  for (let m = CHARTED_CARE.exec(piece); m !== null; m = CHARTED_CARE.exec(piece)) {
    const before = piece.slice(0, m.index).trim().split(/\s+/);
    const last = (before.at(-1) ?? '').toLowerCase();
    if (before.length < 3 || KEEPS_CARE.has(last) || GAUGE_JUST_BEFORE.test(piece.slice(0, m.index))) continue;
    if (NOT_THE_CREWS_AFTER.test(piece.slice(m.index + m[0].length).trim())) continue;
    return [before.join(' '), ...splitBeforeChartedCare(piece.slice(m.index))];
  }
  return [piece];
}

/**
 * Named crew care said right after the readings, with no punctuation between ("spo2 98 | modified valsalva no change",
 * "95 ra | asa 324 po chewed 1158", "on room air | pump suspended at 0724"): the readings end at their last number or "room air",
 * and the care after them is a line of its own. Only care the crew gave, read from its own words (not "takes metoprolol", "family
 * gave him aspirin", "refused iv"); not oxygen, a monitor or a 12-lead, which a reading names as what it was taken on or by.
 */
const READING_WORDS = new Set([
  'bp',
  'hr',
  'rr',
  'pulse',
  'resp',
  'spo2',
  'sat',
  'sats',
  'gcs',
  'bgl',
  'glucose',
  'sugar',
  'temp',
  'etco2',
  'rate',
  'vs',
  'pain',
]);
const NUMBER = /^\d+(?:[./]\d+)?%?$/;
// Care a reading is taken on or by, not cut off it; not the context extractor's NOT_AFTER_READING (a vital's name before an age).
const NOT_AFTER_READING = new Set(['oxygen', '12-lead ecg', 'cardiac monitoring']);
/** The word after the drug that makes it the patient's own: "fentanyl patch on his back", "morphine allergy". */
const PATIENTS_OWN_AFTER = new RegExp(
  String.raw`^\s+(?:${anyOf(['patch(?:es)?', 'allerg\\w*', 'inhaler', 'prescription', 'at home', 'daily', 'twice', 'bid', 'prn'])})\b`,
  'i',
);
function endsReading(words: readonly string[]): boolean {
  const [before, last] = [words.at(-2)?.toLowerCase() ?? '', words.at(-1)?.toLowerCase() ?? ''];
  if (last === 'ra' || last === 'percent' || (before === 'room' && last === 'air')) return true;
  return NUMBER.test(last) && (READING_WORDS.has(before) || NUMBER.test(before));
}
function splitCareAfterReading(piece: string): string[] {
  if (/[,;.!?]/.test(piece.replace(/(?<=\d)[.:/](?=\d)/g, ''))) return [piece];
  const words = piece.split(' ');
  for (let k = 3; k < words.length; k++) {
    if (!endsReading(words.slice(0, k))) continue;
    const rest = words.slice(k).join(' ');
    const care = [
      ...extractMedications('', rest).map((m) => ({ name: m.name, begin: m.mention.begin, end: m.mention.end })),
      ...extractProcedures('', rest).map((p) => ({ name: p.name, begin: p.mention.begin, end: p.mention.end })),
    ];
    const crews = (c: (typeof care)[number]) =>
      c.begin === 0 && !NOT_AFTER_READING.has(c.name) && !PATIENTS_OWN_AFTER.test(rest.slice(c.end));
    if (care.some(crews)) return [words.slice(0, k).join(' '), ...splitCareAfterReading(rest)];
  }
  return [piece];
}

/**
 * Spoken wording → EMS charting conventions ("blood pressure 168 over 94" → "BP 168/94", "93
 * percent on room air" → "93% RA", "intravenous" → "IV", "left antecubital" → "L AC").
 * Third person by two tables: "the patient"/"patient" becomes "Pt" where it is the subject (the
 * sentence opens with it, or a verb from `PATIENT_VERBS` follows it) and stays where it is an
 * object or a possessive ("found the patient sitting", "with the patient in stable condition",
 * "the patient's wife"); the crew's "we" becomes "EMS" only before a simple-past action from
 * `CREW_VERBS` ("We administered" → "EMS administered"), where no verb has to agree with the new
 * subject — "we were", "we are", "we have" and "our crew" stay as dictated. Deterministic and
 * table-driven: each row is a pattern (words, not a long regex) and what it is charted as.
 * Lossless by construction: a rewrite that would drop or reorder any number of the sentence is
 * not applied, so every dose, time and value survives.
 */
type Row = readonly [pattern: string, charted: string];

/** Numbers said in words that can start a breathing rate. */
const RATE_WORDS = `(?:${[
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen'],
  ...['fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty'],
].join('|')})`;

/** Vital names and common findings. */
const VITALS: readonly Row[] = [
  ['blood pressure', 'BP'],
  ['heart rate', 'HR'],
  ['pulse rate', 'HR'],
  ['respiratory rate', 'RR'],
  // Only as a rate: "respirations 22", "respirations of twenty"; "snoring respirations" says how, not how many.
  [String.raw`respirations(?=,?\s+(?:(?:of|are|were|was|at)\s+)?(?:\d|${RATE_WORDS}\b))`, 'RR'],
  ['oxygen saturation', 'SpO2'],
  ['o2 sat(?:uration)?s?', 'SpO2'],
  ['pulse ox(?:imetry)?', 'SpO2'],
  ['blood (?:glucose|sugar)', 'BGL'],
  ['end[- ]tidal co2', 'EtCO2'],
  ['room air', 'RA'],
  ['alert and oriented (?:times|x) ?4', 'A&Ox4'],
  ['alert and oriented (?:times|x) ?3', 'A&Ox3'],
  ['alert and oriented (?:times|x) ?2', 'A&Ox2'],
  ['alert and oriented (?:times|x) ?1', 'A&Ox1'],
];

/** Units and routes. */
const UNITS_AND_ROUTES: readonly Row[] = [
  ['milligrams?', 'mg'],
  ['micrograms?', 'mcg'],
  ['milliliters?', 'mL'],
  ['ml', 'mL'],
  ['liters per minute', 'L/min'],
  ['gauge', 'ga'],
  ['intravenous(?:ly)?', 'IV'],
  ['intraosseous(?:ly)?', 'IO'],
  ['intramuscular(?:ly)?', 'IM'],
  ['sublingual(?:ly)?', 'SL'],
  ['intranasal(?:ly)?', 'IN'],
  ['by mouth', 'PO'],
  ['orally', 'PO'],
  ['antecubital', 'AC'],
];

/** Sides before a body site: "left AC" → "L AC". */
const SITES = ['AC', 'hand', 'forearm', 'arm', 'wrist', 'leg', 'thigh', 'deltoid', 'humerus', 'humeral head', 'tibia', 'shoulder'];

/** Verbs after which "the patient" is the subject ("the patient became more alert"). */
const PATIENT_VERBS = [
  'is',
  'was',
  'has',
  'had',
  'states',
  'stated',
  'says',
  'said',
  'reports',
  'reported',
  'complains',
  'complained',
  'denies',
  'denied',
  'admits',
  'admitted',
  'became',
  'remained',
  'remains',
  'appears',
  'appeared',
  'tolerated',
  'received',
  'feels',
  'felt',
  'woke',
  'refused',
  'declined',
  'presents',
  'presented',
  'rates',
  'rated',
  'describes',
  'described',
  'improved',
  'vomited',
  'ambulated',
  'understands',
  'understood',
];
/** Simple-past crew actions after which "we" is charted as "EMS" (no verb agrees with the subject). */
const CREW_VERBS = [
  'administered',
  'gave',
  'started',
  'placed',
  'applied',
  'transported',
  'obtained',
  'established',
  'initiated',
  'performed',
  'assisted',
  'moved',
  'lifted',
  'splinted',
  'monitored',
  'arrived',
  'found',
  'called',
  'checked',
  'repeated',
  'suctioned',
  'ventilated',
  'bagged',
  'cooled',
  'secured',
  'loaded',
  'attempted',
  'provided',
  'reassessed',
  'notified',
  'contacted',
  'requested',
  'ran',
  'drove',
  'immobilized',
  'dressed',
  'delivered',
];
/** "Patient care", "patient's wife": the noun modifies another noun, it is not the subject. */
const PATIENT_AS_MODIFIER = String.raw`(?!['’]s)(?!\s+(?:care|name|belongings|information)\b)`;
const PATIENT_SUBJECT = new RegExp(
  String.raw`^(?:the\s+)?patient\b${PATIENT_AS_MODIFIER}|\b(?:the\s+)?patient(?=\s+(?:${PATIENT_VERBS.join('|')})\b)`,
  'gi',
);
// "we" is asked for first, so the lookbehind runs only where "we" is said (the same matches). A clock time opening the sentence
// leaves "we" its subject ("At 7 28 we gave …" → "At 7 28 EMS gave …").
const CREW_SUBJECT = new RegExp(
  String.raw`(?=we)(?:^|(?<=[,;]\s*(?:and\s+|then\s+)?|\band\s+|^\s*at\s+(?:\d{3,4}|\d{1,2}:\d{2}|\d{1,2} \d{2}),?\s+))` +
    String.raw`we(?=\s+(?:${CREW_VERBS.join('|')})\b)`,
  'gi',
);

const ROWS = [...VITALS, ...UNITS_AND_ROUTES];
const TABLE = ROWS.map(([p, to]) => [new RegExp(String.raw`\b(?:${p})\b`, 'gi'), to] as const);
/**
 * Any row's pattern: when none matches the sentence, no row rewrites it (each would see the sentence unchanged), so one scan
 * replaces the table's many. When one does, every row runs in order as before.
 */
const ANY_ROW = new RegExp(String.raw`\b(?:${ROWS.map(([p]) => `(?:${p})`).join('|')})\b`, 'i');
const SIDE = new RegExp(String.raw`\b(left|right)\s+(?=(?:${SITES.join('|')})\b)`, 'gi');
/** "168 over 94" → "168/94"; "93 percent" → "93%". Not a span a drug ran over ("at 2 21 over 10 minutes"). */
const OVER = /\b(\d{2,3})\s+over\s+(\d{2,3})\b(?!\s*(?:minutes?|mins?|seconds?|secs?|hours?|hrs)\b)/gi;
const PERCENT = /(\d)\s*percent\b/gi;

/** The numbers of a text, not counting the 2 of a gas name ("SpO2", "EtCO2"). */
const numbersOf = (text: string) => text.replace(/\b(?:spo2|etco2|o2|co2)\b/gi, ' ').match(/\d+(?:\.\d+)?/g) ?? [];

export type NarrativeStyle = 'charting' | 'verbatim';

/** The sentence in charting style, or unchanged when any number would not survive the rewrite. */
export function toChartingStyle(sentence: string): string {
  let out = sentence.replace(OVER, '$1/$2').replace(PERCENT, '$1%');
  if (ANY_ROW.test(out)) for (const [re, to] of TABLE) out = out.replace(re, to);
  out = out.replace(SIDE, (_m, side: string) => (side.toLowerCase() === 'left' ? 'L ' : 'R '));
  out = out.replace(PATIENT_SUBJECT, 'Pt').replace(CREW_SUBJECT, 'EMS');
  return numbersOf(out).join(' ') === numbersOf(sentence).join(' ') ? out : sentence;
}

/**
 * Words that state a complaint or presenting problem when said about the patient ("80 yo female
 * with right hip pain", "found confused and shivering"). A reviewer reads these as the chief
 * complaint even without "complains of". One entry per line so the list is easy to extend.
 */
export const COMPLAINT_WORDS: readonly string[] = [
  'pain',
  'pains',
  'ache',
  'aches',
  'aching',
  'hurts',
  'hurting',
  'pressure',
  'tightness',
  'discomfort',
  'short of breath',
  'shortness of breath',
  'difficulty breathing',
  'trouble breathing',
  'dyspnea',
  'dyspneic',
  'orthopnea',
  'presenting with',
  'presents with',
  'presented with',
  "can't breathe",
  'wheezing',
  'stridor',
  'dizzy',
  'dizziness',
  'lightheaded',
  'light-headed',
  'weak',
  'weakness',
  'fatigue',
  'malaise',
  'nausea',
  'nauseated',
  'nauseous',
  'vomiting',
  'vomited',
  'diarrhea',
  'confused',
  'confusion',
  'altered',
  'disoriented',
  'unresponsive',
  'unconscious',
  'man down',
  'woman down',
  'person down',
  'lethargic',
  'shivering',
  'agitated',
  'combative',
  'palpitations',
  'racing',
  'fluttering',
  'syncope',
  'syncopal',
  'passed out',
  'fainted',
  'near syncope',
  'seizure',
  'seizures',
  'seized',
  'seizing',
  'postictal',
  'choked',
  'choking',
  'vertigo',
  'spinning',
  'cough',
  'coughing',
  'nosebleed',
  'epistaxis',
  'bleed',
  'burn',
  'burned',
  'burns',
  'allergic reaction',
  'anaphylaxis',
  'sting',
  'stung',
  'bite',
  'bitten',
  'assault',
  'assaulted',
  'stabbed',
  'gunshot',
  'gsw',
  'drowning',
  'submersion',
  'hypothermic',
  'hypothermia',
  'fever',
  'febrile',
  'chills',
  'headache',
  'numbness',
  'tingling',
  'slurred',
  'facial droop',
  'bleeding',
  'laceration',
  'deformity',
  'swelling',
  'hives',
  'itching',
  'rash',
  'fell',
  'fall',
  'slipped',
  'tripped',
  'collapsed',
  'injury',
  'injured',
  'labor',
  'contractions',
  'crowning',
  'worse',
  'worsening',
  'swollen',
  'gave out',
  'hurt herself',
  'hurt himself',
  'hurt themselves',
  'kill herself',
  'kill himself',
  'self-harm',
  'suicidal',
  'overdose',
  'ingestion',
  'intoxicated',
  'hypoglycemic',
  'hyperglycemic',
  'cardiac arrest',
  'pulseless',
  'apneic',
  'no pulse',
  'not breathing',
  // A presenting condition said as a diagnosis or a label ("asthmatic, out of her inhaler", "with urosepsis").
  'asthma',
  'asthmatic',
  'sepsis',
  'septic',
  'urosepsis',
  'pneumonia',
  'stemi',
  'nstemi',
  'stroke',
  'tia',
  'exacerbation',
  'psychiatric',
  'ideation',
  'tired',
  "can't finish sentences",
  'cannot finish sentences',
  // Why an interfacility patient moves is the complaint.
  'transferred for',
  'higher level of care',
  // Saying there is no complaint states the complaint (none).
  'no other complaints',
  'no complaints',
  'denies complaints',
  'denies any complaints',
  'denies pain anywhere',
  'denies any pain',
];

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
/**
 * The bleed or tear an interfacility patient moves for, found at the sending hospital ("SAH on CT, needs neurosurgery"):
 * the complaint, but only as a finding now, not history, a denial, something said about it or bleeding control.
 */
export const DIAGNOSIS_WORDS: readonly string[] = [
  'sah',
  'ich',
  'subarachnoid',
  'subdural',
  'intracranial hemorrhage',
  'hemorrhage',
  'dissection',
];
const DIAGNOSIS =
  String.raw`(?<!\b(?:no|denies|denied|without|negative for|history|hx|h\/o|mentioned|word|prior|previous|old)\b[^.;]{0,40})` +
  String.raw`\b(?:${DIAGNOSIS_WORDS.map(escape).join('|')})\b(?!\s+control)` +
  String.raw`(?![^.;]{0,40}\b(?:ago|last (?:year|month|week)|in the past)\b)`;
/**
 * A wound named by what made it and a dispatched diabetic nature ("stab wound to the flank", "for a diabetic emergency") name the
 * presenting problem, but also a scar, a past problem or what the exam looked for: "history of diabetic problems", "old stab
 * wounds, healed", "checked the chest for stab wounds", "his brother's diabetic emergency". Those words count only without history,
 * a search, or another person named before them, and without "healed", "scars" or a past date after them.
 */
export const GUARDED_WORDS: readonly string[] = [
  'stab wound',
  'stab wounds',
  'diabetic problem',
  'diabetic problems',
  'diabetic emergency',
];
const GUARDED =
  String.raw`(?<!\b(?:history|hx|h\/o|prior|previous|past|healed|scars?|scarring|mentioned|wife|husband|son|daughter|mother|` +
  String.raw`father|mom|dad|brother|sister|friend|family|roommate)\b[^.;]{0,40})` +
  // "old" right before the wound ("old stab wounds"), not the age's "60 year old male with a stab wound".
  String.raw`(?<!\bold\s(?:[\w-]+\s)?)` +
  String.raw`(?<!\b(?:check(?:ed)?|look(?:ed)?|searched|inspected|examined|palpated|assessed|evaluated)\b` +
  String.raw`[^.;,]{0,30}\bfor\s(?:[\w-]+\s){0,2})` +
  String.raw`\b(?:${GUARDED_WORDS.map(escape).join('|')})\b` +
  String.raw`(?![^.;]{0,40}\b(?:healed|scars?|ago|last (?:year|month|week)|in the past|in (?:19|20)\d\d)\b)`;
/**
 * "Not" negates the complaint word said right after it, or after the filler that carries the negation on ("not in pain", "not
 * having chest pain", "not complaining of dizziness", "not really short of breath"; one word may follow the filler: "chest").
 * Never across another verb or adjective it negates itself: "not sleeping | short of breath", "not ok | short of breath", "could
 * not stop vomiting" state the complaint.
 */
const NOT_FILLER = ['in', 'having', 'feeling', 'complaining of', 'c/o', 'any', 'really', 'currently', 'actually', 'at all'];
const NOT_BEFORE = String.raw`(?<!\bnot\s(?:(?:(?:${NOT_FILLER.map(escape).join('|')})\s){1,2}(?:[\w-]+\s)?)?)`;
/**
 * Looked for ("checked for stab wounds") or not found ("…, none seen"): a search of the exam, not the presenting problem. Not
 * "assessed for" or "evaluated for", which may name the problem the call is for.
 */
const SEARCHED_FOR = String.raw`(?<!\b(?:check(?:ed)?|look(?:ed)?|searched|inspected|palpated) for (?:any |other |obvious )?)`;
const NOT_FOUND = String.raw`(?![,;:\s]*(?:none (?:seen|found|noted|present|identified)|negative|not (?:seen|found|noted|present))\b)`;
/**
 * The pattern a complaint matches: a complaint word not directly negated ("denies chest pain" is a pertinent negative, not
 * the complaint; "not short of breath", "not diaphoretic" neither).
 */
export const COMPLAINT_PATTERN =
  String.raw`(?<!\b(?:no|denies|denied|without|negative for)\s(?:[\w-]+\s){0,2})${NOT_BEFORE}${SEARCHED_FOR}` +
  String.raw`(?:\b(?:${COMPLAINT_WORDS.map(escape).join('|')})\b|${GUARDED})${NOT_FOUND}` +
  `|${DIAGNOSIS}`;
/**
 * Every match of the pattern starts with one of its words. Asked first, in a lookahead, that lets the engine skip the
 * lookbehinds above at every other place in the line: about 15 µs a line before, 1 µs after, over the bench's sentences.
 */
const COMPLAINT_LEAD = String.raw`(?=\b(?:${[...COMPLAINT_WORDS, ...GUARDED_WORDS, ...DIAGNOSIS_WORDS].map(escape).join('|')}))`;
/** `COMPLAINT_PATTERN` behind its lead words: the same matches (see its unit test), found in a fraction of the time. */
export const COMPLAINT_RE = new RegExp(`${COMPLAINT_LEAD}(?:${COMPLAINT_PATTERN})`, 'i');

/**
 * A presenting problem charted as its capital abbreviation: "states SI w/ plan" (suicidal ideation), "endorses HI" (homicidal
 * ideation). Only said as what the patient has, after a word that says so: charted as a negative ("denies SI/HI", "SI/HI
 * negative", "-SI -HI", "hx of SI, currently denies") or as another word ("visiting from HI", Spanish "SI") it is none.
 * Capitals only, so the words "si" and "hi" are none.
 */
const CHARTED_COMPLAINTS = ['SI', 'HI'];
const HAS_IT_WORDS = [
  ...['states', 'stating', 'endorses', 'endorsing', 'endorsed', 'reports', 'reporting', 'reported', 'admits to', 'admits'],
  ...['expresses', 'expressing', 'voices', 'voicing', 'verbalizes', 'verbalizing', 'complains of', 'complaining of'],
  ...['positive for', 'with', 'w/', 'c/o', '+'],
].map((w) => escape(w).replace(/^[a-z]/, (c) => `[${c}${c.toUpperCase()}]`));
const IDEATION_KINDS = ['active', 'passive', 'current', 'new', 'ongoing', 'worsening'];
const CHARTED = `(?:${CHARTED_COMPLAINTS.join('|')})`;
export const CHARTED_COMPLAINT_RE = new RegExp(
  String.raw`(?:^|[^\w/+])(?:${HAS_IT_WORDS.join('|')})\s*(?:(?:${IDEATION_KINDS.join('|')})\s+)?${CHARTED}\b` +
    String.raw`(?![\s,:/]*(?:${CHARTED}[\s,:/]*)?(?:neg|negative|denied|denies|none|no)\b)`,
);

/**
 * The chief complaint charted after the label "CC", whatever its words ("CC AMS per wife", "CC: SOB x 2 days", "CC GLF"): the
 * label says it is the complaint. Only the capital label, not a volume ("IV 500 CC NS", "10 cc flush", "ten CC of saline", "a
 * few CC of lidocaine"), not a complaint the crew could not get ("CC unknown", "CC not obtained", "CC: pt unable to state",
 * "CC deferred"), and not critical care ("CC transport to Mercy", "CC paramedic on board").
 */
const NO_COMPLAINT_GOT = ['unknown', 'unk', 'unable', 'unobtainable', 'n/a', 'na', 'none', 'not', 'no', 'deferred', 'pending'];
const NO_COMPLAINT_GOT_FROM = [String.raw`(?:pt|patient)\s+(?:unable|not|nonverbal|non-verbal)`];
const CRITICAL_CARE_WORDS = [
  'transport',
  'transfer',
  'paramedic',
  'medic',
  'nurse',
  'rn',
  'team',
  'unit',
  'truck',
  'crew',
  'level',
  'ambulance',
];
const VOLUME_BEFORE = ['few', 'several', 'couple', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const VOLUME_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand'];
const NOT_A_COMPLAINT_AFTER = [...NO_COMPLAINT_GOT.map(escape), ...NO_COMPLAINT_GOT_FROM, ...CRITICAL_CARE_WORDS];
const CC_LABEL = new RegExp(String.raw`(?<![\d.]\s?)\bCC\b:?\s+(?=\p{L})`, 'gu');
const VOLUME_SAID_BEFORE = new RegExp(String.raw`\b(?:${[...VOLUME_BEFORE, ...VOLUME_TENS].join('|')})\s+$`, 'i');
const NOT_A_COMPLAINT = new RegExp(String.raw`^(?:(?:${NOT_A_COMPLAINT_AFTER.join('|')})(?![\p{L}/])|of\b)`, 'iu');
/** A line with the chief complaint charted after its label "CC". */
export const ccLabelled = (line: string) =>
  [...line.matchAll(CC_LABEL)].some(
    (m) => !VOLUME_SAID_BEFORE.test(line.slice(0, m.index)) && !NOT_A_COMPLAINT.test(line.slice(m.index + m[0].length)),
  );

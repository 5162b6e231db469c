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
  // Altered speech the crew finds the patient in, said as the presenting problem ("on the couch diaphoretic mumbling"), like
  // "slurred". Not "diaphoretic": a skin finding of most exams, it would stand in for a complaint that is truly missing.
  'mumbling',
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
  'stab wound',
  'stab wounds',
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
  // The dispatch nature for a diabetic call names its problem.
  'diabetic problem',
  'diabetic problems',
  'diabetic emergency',
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
const DIAGNOSIS_WORDS: readonly string[] = [
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
 * "Not" negates the complaint word up to two words on ("not in pain", "not short of breath"), but not across a verb it negates
 * itself: "could not stop vomiting", "did not stop seizing" state the complaint.
 */
const NOT_BEFORE = String.raw`(?<!\bnot\s(?:(?!(?:stop|stopped|quit)\b)[\w-]+\s){0,2})`;
/**
 * Looked for ("checked for stab wounds") or not found ("…, none seen"): a search of the exam, not the presenting problem. Not
 * "assessed for" or "evaluated for", which may name the problem the call is for.
 */
const SEARCHED_FOR = String.raw`(?<!\b(?:check(?:ed)?|look(?:ed)?|searched|inspected|palpated) for (?:any |other |obvious )?)`;
const NOT_FOUND = String.raw`(?![,;:\s]*(?:none (?:seen|found|noted|present|identified)|negative|not (?:seen|found|noted|present))\b)`;
/**
 * A complaint word not directly negated ("denies chest pain" is a pertinent negative, not the complaint; "not short of breath",
 * "not diaphoretic" neither).
 */
export const COMPLAINT_RE = new RegExp(
  String.raw`(?<!\b(?:no|denies|denied|without|negative for)\s(?:[\w-]+\s){0,2})${NOT_BEFORE}${SEARCHED_FOR}` +
    String.raw`\b(?:${COMPLAINT_WORDS.map(escape).join('|')})\b${NOT_FOUND}` +
    `|${DIAGNOSIS}`,
  'i',
);

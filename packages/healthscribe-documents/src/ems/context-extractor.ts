import type { ContextFact, EmsContextType, FactSpan } from './ems-facts.js';
import { PEOPLE_NOT_CREW } from './people-not-crew.js';
import { GUESS_WORDS } from './spoken-cues.js';
import { CREW_BEFORE_TOOK_OVER, MEDICATIONS, PROCEDURES, RESUSCITATION_TAKEN_OVER } from './treatment-lexicon.js';
import { anyOf, leadWordMatcher, lookupTable, wordMatcher, type WordTable } from './word-table.js';

/** A pattern whose group 1 is the value; `value` maps the matched text to the normalised value. */
interface ContextRule {
  type: EmsContextType;
  re: RegExp;
  value?: (text: string) => string | null;
  /** Only in segments that pass this test (e.g. dispatch statements). */
  when?: RegExp;
  unless?: RegExp;
}

/**
 * Words that open a dispatch statement. Terse forms count when a clock time follows ("Called 0905
 * for …", "toned 0408", "sent at 1610 to …"); a pre-alert ("stroke alert called to …") is not one.
 */
/** What a unit's radio call to the hospital, medical control or base says: it is not the dispatch. */
const CALL_SIGN_NOT_DISPATCH: WordTable = [
  ...['eta', 'stable', 'unchanged', 'condition', 'report', 'transport\\w*', 'en ?route', 'in service', 'base'],
  ...['with (?:one|1|a|the|our) (?:patient|pt)', '(?:patient|pt) care', 'hospital', 'ed', 'er', 'emergency (?:room|department)'],
  ...['medical control', 'orders?', 'for the record', 'refus\\w*', 'general', 'regional', 'memorial', 'mercy', 'medical center'],
];
export const DISPATCH_CUES: WordTable = [
  'dispatched',
  'dispatch(?= (?:for|to|at|time|was|reported|information|nature))',
  // "0605 dispatch, unknown problem": the noun after the time.
  String.raw`(?<=\b\d{4}\s)dispatch(?=\s*[,:])`,
  // "Sent for a motorcycle down", "Medic 3 sent to …": only near the start, not "12-lead sent to Mercy".
  String.raw`(?<=^\s*(?:[\w-]+\s+){0,3})sent (?:out )?(?=(?:for|to)\b)`,
  // "dispatch send us for …", "dispatcher give us the child …": the dispatch said with its verb in any tense, when what
  // follows says what the call is for (a time, "for"/"to", the patient); not what dispatch tells the crew later ("dispatch
  // gave us an update en route").
  String.raw`dispatch(?:er)? (?:send|sends|sent|give|gives|gave|page|pages|paged|tone|tones|toned)` +
    String.raw`(?= us (?:\d{3,4} )?(?:for|to)\b| us (?:the|a|an) (?:child|kid|baby|infant|boy|girl|man|woman|male|female|pt|patient)\b)`,
  // "M21 to MVC Route 9, priority 1 response", "Medic 10 for an infant choking": a call sign opening the line, then where or what
  // the unit was sent to (a unit said later, "Engine 4 to assist", is not the dispatch). Not a line that goes on to the arrival
  // ("Medic 3 to 412 Birch Lane, on scene 0805"): that is where the unit got to. Nor the unit's radio call to the hospital,
  // medical control or base ("Medic 5 to County General, patient stable, ETA 10", "Unit 3 to base, back in service"): the
  // transport and its end.
  String.raw`(?<=^\s*(?:medic|m|engine|e|rescue|unit|ambulance|squad|truck|ladder)\s?\d+\s*,?\s+)(?:to|for)(?=\s+\S)` +
    String.raw`(?![^.;]*\b(?:on scene|arrived|arrival|at patient|${anyOf(CALL_SIGN_NOT_DISPATCH)})\b)`,
  '(?:request|call) (?:was )?received',
  String.raw`toned(?: out)?(?=\s+(?:at\s+)?\d{3,4}\b|\s+(?:for|to)\b)`,
  'toned out',
  'paged(?: out)?',
  // "Unit 17 was assigned at 1405 to an interfacility transfer".
  String.raw`assigned(?=\s+(?:at\s+)?\d{3,4}\b|\s+(?:to|for)\b)`,
  String.raw`sent(?: out)?(?=\s+(?:at\s+)?\d{3,4}\b)`,
  // "Requested at 0910 to move …": an interfacility call names the request time.
  String.raw`requested(?=\s+(?:at\s+)?\d{3,4}\b)`,
  // "Stroke alert called at 1115" is a pre-alert to the hospital, not the dispatch.
  String.raw`(?<!\balert\s)called(?=\s+(?:at\s+)?\d{3,4}\b)`,
  String.raw`(?<!\balert\s)called (?:out )?(?:to|for)`,
  '(?:were|was) called',
  'requested (?:to|for)',
  'call (?:came in|was received)',
  'call type',
  'nature of (?:the )?call',
  '911 call',
];
/** The word each dispatch cue starts with ("requested" and "called" start with "request" and "call"). */
const DISPATCH_LEADS: WordTable = [
  ...['dispatch', 'sent', 'request', 'call', 'toned', 'paged', 'assigned', 'were', 'was', 'nature', '911'],
  ...['to', 'for'],
];
/**
 * A dispatch cue: one test per segment for several rules, and its lookbehinds made it one of the costliest patterns, so the
 * engine looks for it only where a lead word begins (five times faster over the bench's sentences, the same matches).
 */
export const DISPATCH_CUE = leadWordMatcher(DISPATCH_LEADS, DISPATCH_CUES);
const TRANSPORT_CUE = /\btransport(?:ed|ing)?\b/i;

/** How a unit drives: the response and transport modes, emergent or not. */
// "non emergent" is often recognised without its hyphen: the negation is part of the mode.
const MODE_TABLE: WordTable = [
  'non[- ]?emergent(?:ly)?',
  // "Resp non-emerg.", "non-urgent": the same in shorthand and in other words.
  String.raw`non[- ]?emerg\b`,
  'non[- ]?urgent',
  'non[- ]?emergency',
  'emergent(?:ly)?',
  'emergency',
  // "Emerg.": the mode in shorthand.
  'emerg',
  // "Lights and siren": one siren is said as often.
  'lights and sirens?',
  'with lights and sirens?',
  // "L&S": lights and sirens in shorthand.
  'l ?& ?s',
  // "Without lights and siren": the negation of the one siren too.
  'without lights (?:and|or) sirens?',
  'no lights (?:and|or) sirens?',
  'code (?:1|2|3|one|two|three)',
  'priority (?:1|2|3|one|two|three)',
  // "P1.", "Transported P1": the priority in shorthand.
  'p ?[123]',
];
/**
 * What a patient may need "emergent": the care a transfer is for, not how the unit drove ("… to University Medical Center for
 * emergent endoscopy", "a patient who needs emergent surgery").
 */
export const EMERGENT_CARE: WordTable = [
  ...['endoscopy', 'egd', 'surgery', String.raw`surgical\s+\w+`, 'cath', String.raw`catheteri[sz]ation`, 'pci', 'intervention'],
  ...['evaluation', 'eval', 'consult', 'ct', 'mri', 'imaging', 'dialysis', 'transfusion', 'delivery', String.raw`c-?section`],
  ...['cesarean', String.raw`neurosurg\w*`, 'repair', 'reduction', 'thrombectomy', 'procedure'],
];
/**
 * "Emergent" said of the care a patient needs, not of the unit's driving: after "for" or "needs" and before the care ("for emergent
 * endoscopy", "needs emergent surgery"). A lookahead at the mode word's place: "responded emergent care was taken …" and "for an
 * emergent transfer" are still the mode.
 */
export const NOT_CARE_URGENCY =
  String.raw`(?!(?<=\b(?:for|needs?|needing|requires?|requiring)\s+(?:an?\s+)?)(?:non[- ]?)?emergen(?:t|tly|cy)\s+` +
  String.raw`(?:${anyOf(EMERGENT_CARE)})\b)`;
/** "Hot" and "cold" are modes only where nothing else can be meant (see `LEAD_MODE`). */
const TEMPERATURE_MODES: WordTable = ['routine', 'hot', 'cold'];
export const MODE_WORDS = anyOf(MODE_TABLE, TEMPERATURE_MODES);
const modeOf = (text: string): string =>
  /non|routine|without|no lights|code (?:1|2|one|two)|priority (?:2|3|two|three)|\bp ?[23]\b|cold/i.test(text)
    ? 'non-emergent'
    : 'emergent';
/**
 * A sentence that opens with a mode ("Code 3.", "Priority 1 lights and sirens.", "Non-emergent,
 * staged …"): a response line when nothing else is said, a transport line when a facility
 * follows ("Code 3 to University Hospital").
 */
const MODE_FOLLOWERS = anyOf(['response', 'responding', 'traffic', 'to', 'lights', 'with', 'without', 'no', 'code', 'priority']);
const LEAD_MODE =
  String.raw`(?:${anyOf(MODE_TABLE, 'routine')})(?=\s*(?:[.,;]|$|(?:${MODE_FOLLOWERS})\b))` +
  String.raw`|(?:hot|cold)(?=\s*(?:\.|$|(?:response|responding)\b|to\b(?!\s+(?:the\s+)?touch\b)))`;
export const MODE_LEAD = new RegExp(String.raw`^\s*(?:${LEAD_MODE})`, 'i');
// "Cold to touch" is a finding, not a mode and a destination.
export const MODE_LEAD_TO = new RegExp(
  String.raw`^\s*(?:(?:${MODE_WORDS})[\s,]*)+(?:traffic\s+)?to\s+(?!(?:the\s+)?touch\b)(?:the\s+)?\S`,
  'i',
);
/** What a relative, staff or bystander says happened before EMS (not the crew's own action or finding). */
const REPORTERS = anyOf([
  'school nurse',
  'nurse',
  'mother',
  'mom',
  'father',
  'dad',
  'family',
  'wife',
  'husband',
  'staff',
  'bystanders?',
  'caregiver',
  'daughter',
  'son',
  'aide',
]);
export const REPORTED_BEFORE_EMS = wordMatcher([
  String.raw`used (?:his|her|their) (?:own )?\w+`,
  `per (?:the |his |her |their )?(?:${REPORTERS})`,
  'prior to (?:our |ems |crew )?arrival',
  'before (?:we|ems|our crew) arrived',
  'at home',
  'at the (?:sending|referring) (?:facility|hospital|ed)',
]);
/** Words that say how the patient was when care was handed over. */
export const CONDITION_WORD_TABLE: WordTable = [
  // How alert the patient was at the hand-off.
  'postictal',
  'protecting (?:his |her |their )?(?:own )?airway',
  'sleeping',
  'asleep',
  'crying',
  'smiling',
  'talking',
  'oriented',
  '(?:sleepy|drowsy|lethargic) but (?:arousable|rousable|responsive)',
  'feels better',
  // Said plainly of the patient now: "feeling back to normal", "is back to her baseline". Not negated or of another time ("is
  // not back to normal", "was back to normal yesterday", "when he will be back to normal").
  // "she was totally back to baseline": the word for how far back may come between.
  String.raw`(?<=\b(?:is|was|now|feeling|felt|feels|seems?|seemed|appears?|appeared)\s+(?:(?:totally|completely|fully|basically)\s+)?)` +
    String.raw`back to (?:normal|baseline|(?:his|her) (?:normal|baseline)|(?:him|her)self)` +
    String.raw`(?![^.;]*\b(?:yesterday|before|usually|prior|earlier|at first|initially|until|last (?:week|night|month))\b)`,
  'pulses? present',
  // After a resuscitation the condition is said as what is (still) there or not.
  '(?:still )?with (?:a )?pulses?',
  'unresponsive',
  'intubated',
  'rosc maintained',
  'awake and talking',
  'stable',
  'unstable',
  'unchanged',
  'no change',
  'improved',
  'improving',
  String.raw`deteriorat\w*`,
  String.raw`worsen\w*`,
  'critical',
  'guarded',
  'serious',
  'fair',
  String.raw`resting comfortabl\w*`,
  'comfortable',
  'calm',
  String.raw`(?<!(?:stroke|trauma|stemi|sepsis|cardiac|code)\s)alert`,
  'at (?:his |her )?baseline',
  'awake',
  'arousable',
  'sleepy',
  'drowsy',
  'better',
  // What a hand-off line says in passing: "GCS 14, still hypotensive", "fine, watching cartoons", "pain 2/10".
  'the same',
  String.raw`improv\w*`,
  'worse',
  String.raw`doing (?:great|well|fine|ok(?:ay)?|better)`,
  'fine',
  'happy',
  'playing',
  'laughing',
  String.raw`watching \w+`,
  'feeding',
  'eating',
  String.raw`comfortabl\w*`,
  'resting',
  'cooperative',
  // "A&Ox4", or "pt A&O" at the hand-off without the count.
  String.raw`a ?& ?o(?: ?x? ?\d)?`,
  'speaking',
  'playful',
  'no (?:acute )?distress',
  String.raw`acting (?:normal|normally|like (?:him|her)self)`,
  'gcs',
  'hypotensive',
  'hypertensive',
  'tachycardic',
  'bradycardic',
  'sinus',
  'rosc',
  // After a resuscitation or with a head injury: "maintained a perfusing rhythm", "(not) following commands".
  // Not a check for one ("checked for a perfusing rhythm on scene every 2 minutes").
  String.raw`(?<!\b(?:for|checked|checking|check)\s+(?:a\s+)?)perfusing (?:rhythm|pulse)`,
  'following commands',
  // A newborn handed over with the mother: "baby was pink and nursing". Not a place or its staff ("nursing home", "nursing staff").
  // Only with the baby named before it: "report to nursing", "care transferred to ED nursing" name who took the hand-off.
  String.raw`(?<=\b(?:baby|babies|infant|newborn|neonate|twins)\b[^.;]{0,40}?\b(?:and|is|was|still|now|were|are),?\s+)` +
    String.raw`nursing(?!\s+(?:home|facility|staff|station|supervisor|unit|care|center|centre|assistant|aide))`,
  'on the vent',
  String.raw`pain \d{1,2}(?: ?\/ ?10| of 10| out of 10)?`,
  String.raw`\d{1,2} ?\/ ?10`,
  String.raw`vitals? (?:unchanged|stable|the same)`,
  'fading',
  String.raw`resolv\w*`,
  String.raw`persist\w*`,
  'still',
];
const CONDITION_WORDS = anyOf(CONDITION_WORD_TABLE);
/** A hand-off said in any of the ways medics say it. */
export const HANDOFF = wordMatcher([
  'care (?:was )?transferred',
  'transferred care',
  // "Westside Urgent Care to County" names a place, not a hand-off.
  '(?<!urgent )care (?:was )?(?:given |turned over )?to',
  'turned (?:the patient |patient |care )?over(?: to)?',
  'turnover',
  String.raw`handed (?:the patient |care |\w+ )?(?:off|over)`,
  // "handed to ED charge RN", "handed her to the nurse".
  String.raw`handed (?:(?:him|her|them|the patient|pt|care) )?to`,
  'hand-?off',
  'report (?:was )?(?:given )?to',
  'gave (?:a )?(?:verbal |bedside )?report to',
  'bedside report',
  'transfer of care',
  'toc',
  'at (?:the time of )?transfer',
  String.raw`transferred to (?:the )?(?:[\w-]+ ){0,3}?(?:staff|rn|nurse|team|physician|doctor|md|crew|medics?)`,
  // In crew speech: "took report", "turned him over", "signed for her", "dropped him in Bay 2", "gave report",
  // "left her in triage", "moved him to their table", "… to Dr. Liang", "to the ED team".
  String.raw`(?:turned|handed) (?:[\w']+ ){0,2}?(?:over|off|to)`,
  String.raw`(?:gave|give|giving|called in) (?:a )?(?:verbal |bedside |full )?report`,
  // "the cath lab team took him at 0712" (not "took him out of the ice", "took her to Mercy").
  // Not the crew taking over the CPR someone else started ("we took over compressions").
  // Someone else taking over compressions is still a hand-off ("the ER team took over compressions at 0422").
  String.raw`took (?:report|over(?!(?<=${CREW_BEFORE_TOOK_OVER}took over) ${RESUSCITATION_TAKEN_OVER}\b)|` +
    String.raw`(?:him|her|them|the (?:patient|pt|baby|child))(?=\s+at\s+\d|\s*[,.;]|\s*$))`,
  'signed for',
  String.raw`left (?:him |her |them |the (?:patient|pt) )?(?:with|in (?:triage|the care|bay|room))`,
  String.raw`dropped (?:[\w']+ )?(?:off|in|at)`,
  String.raw`(?:moved|slid|transferred) (?:him|her|them|the (?:patient|pt)) (?:to|onto) ` +
    String.raw`(?:their|the (?:ed|er|hospital|cath lab)) (?:table|bed|stretcher)`,
  // Not a room named by whose it is ("we were taken to the nurse's office", "to the doctor's office"): no one took the patient.
  String.raw`to (?:ed |er |the (?:ed |er |triage |charge |peds |receiving )?)?(?:rn|nurse|dr\.?|doctor|doc|physician|team|staff|tech)` +
    String.raw`(?!['’]s\b)`,
]);

const PERSON_NOUNS = anyOf([
  'male',
  'female',
  'man',
  'woman',
  'boy',
  'girl',
  'patient',
  'person',
  'party',
  'infant',
  'child',
  'toddler',
  'adult',
  'gentleman',
  'lady',
  'subject',
  'resident',
  'student',
  'employee',
]);
const PERSON_LINKS = anyOf([
  'with',
  'who is',
  'who has',
  'who',
  'complaining of',
  String.raw`c\/o`,
  'having',
  'experiencing',
  'that',
  'reporting',
  'reported to have',
  'with a',
]);
const AGE_WORDS = String.raw`\d{1,3}[- ](?:year|yr|month|week|day)s?[- ]old|\d{1,3}\s*(?:yo|y\/o)`;
const DEMOGRAPHIC_PREFIX = new RegExp(
  String.raw`^(?:(?:an?|the)\s+)?(?:(?:${AGE_WORDS})\s+)?(?:${PERSON_NOUNS})\s+(?:${PERSON_LINKS})?\s*(?:an?\s+|possible\s+|reported\s+)?`,
  'i',
);
const PLACE_WORDS: WordTable = [
  'residence',
  'home',
  'house',
  'apartment',
  'address',
  'location',
  'scene',
  'business',
  'store',
  'school',
  'park',
  'office',
  'facility',
  'nursing home',
  'assisted living',
  'skilled nursing',
  'hotel',
  'motel',
  'restaurant',
  'church',
  'gym',
  'parking lot',
  'street',
  'road',
  'highway',
  'intersection',
  'warehouse',
  'job site',
  'construction site',
  'shelter',
  'jail',
  'bar',
  'mall',
  'farm',
  'field',
];
const PLACE = new RegExp(String.raw`^(?:(?:a|an|the)\s+)?(?:private\s+|single[- ]family\s+)?(?:${anyOf(PLACE_WORDS)})\b`, 'i');
/** Where a dispatch's nature ends: a place, a mode, punctuation. */
const NATURE_STOP =
  String.raw`(?=\s+(?:at|in|on|near|located|off)\s+(?:a|an|the|\d|[A-Z])` +
  String.raw`|\s+(?:emergent|non[- ]?emergent|lights|code|priority)\b|[,.;]|$)`;

/** How a street address ends ("Beacon Hill Rd", "Sycamore Court"). */
export const STREET_SUFFIX = anyOf([
  ...['st', 'street', 'rd', 'road', 'ave', 'avenue', 'blvd', 'boulevard', 'dr', 'drive', 'ln', 'lane', 'ct', 'court'],
  ...['way', 'pl', 'place', 'cir', 'circle', 'hwy', 'highway', 'pkwy', 'parkway', 'ter', 'terrace', 'trl', 'trail', 'loop'],
]);
/** "71 Beacon Hill Rd", "88 Sycamore Court": where the call is, not what it is for. */
const STREET_ADDRESS = new RegExp(String.raw`^\d{1,6}[a-z]?\s+(?:[\p{L}'’.-]+\s+){0,4}(?:${STREET_SUFFIX})\.?$`, 'iu');
/** A place's capitalised name before its address ("Café Rosalía 310 Market Street"); not "a sick person 88 Sycamore Court". */
const NAME_BEFORE_ADDRESS = /^(?:\p{Lu}[\p{L}'’.&-]*\s+){1,4}(?=\d)/u;
const isAddress = (v: string) => STREET_ADDRESS.test(v) || STREET_ADDRESS.test(v.replace(NAME_BEFORE_ADDRESS, ''));
/** A unit's call sign ("Medic 14", "E3", "Engine 4 and Medic 9"): who was sent, not what for. */
const UNIT = /^(?:(?:medic|engine|rescue|ambulance|unit|truck|squad|ladder|battalion|ems|als|bls|m|e|r)\s?\d+\b|we\b|i\b|crew\b|our\b)/i;
/** A lead of filler and the crew only ("okay so we got", "So then we were"): who speaks, not what the call is for. */
const ONLY_FILLER =
  /^[\s,]*(?:(?:okay|ok|alright|so|um|uh|well|then|and|yeah|we|i|us|our|crew|got|were|was|had|have|just|this|that|first)\b[\s,]*)+$/i;
/**
 * The nature said before the dispatch words ("Overdose, dispatched 2140.", "Stroke call dispatched
 * 1318"): a short phrase with no digits that is not a unit or the crew.
 */
function natureBeforeCue(lead: string): { begin: number; end: number } | null {
  const value = lead.replace(/[\s,;:]+$/, '');
  const begin = value.length - value.trimStart().length;
  const words = value.trim().split(/\s+/);
  if (value.trim() === '' || words.length > 5 || /\d/.test(value) || UNIT.test(value.trim()) || ONLY_FILLER.test(value)) return null;
  return { begin, end: value.length };
}
/** "Lift assist at 0615, Medic 4 and Engine 2.": a call and its time, then the units sent, with no dispatch word. */
const CALL_THEN_UNITS = new RegExp(
  String.raw`^\s*([\p{L}][\p{L}\s/'-]{2,40}?)\s+at\s+(?:[01]\d|2[0-3])[0-5]\d\s*,\s*` +
    String.raw`(?:(?:medic|engine|rescue|ambulance|unit|truck|squad|ladder)\s?\d+(?:\s*(?:,|and)\s*)?)+[.;]?\s*$`,
  'diu',
);
export const isCallThenUnits = (content: string): boolean => CALL_THEN_UNITS.test(content);

/** The nature after the cue: "for chest pain", "to a fall", "type: overdose", "1902 allergic reaction" (built once, not per segment). */
const NATURE_FOR = new RegExp(
  String.raw`\b(?:for|regarding|reporting|of)\s+(?:an?\s+|the\s+)?` +
    String.raw`(?:report(?:ed)? of\s+(?:an?\s+)?|call for\s+(?:an?\s+)?)?(.+?)${NATURE_STOP}`,
  'd',
);
const NATURE_TO = new RegExp(String.raw`\bto\s+(?:an?\s+|the\s+)?(?:report(?:ed)? of\s+(?:an?\s+)?|possible\s+)?(.+?)${NATURE_STOP}`, 'd');
const NATURE_TYPE = new RegExp(String.raw`^\s*(?:was|is|:|,)?\s*(.+?)${NATURE_STOP}`, 'd');
// "Dispatched 1902 allergic reaction at a diner": the nature right after the time, without "for".
const NATURE_AFTER_TIME = new RegExp(
  String.raw`^\s*(?:at\s+)?\d{3,4}(?:\s*hours)?\s*,?\s+(?!(?:for|to|at|from|hours)\b)(.+?)${NATURE_STOP}`,
  'd',
);

/** `cue`: the dispatch cue of `content` (`DISPATCH_CUE.exec`), which the caller has already looked for. */
function dispatchNature(content: string, cue: RegExpExecArray | null): { begin: number; end: number } | null {
  if (!cue) {
    const range = CALL_THEN_UNITS.exec(content)?.indices?.[1];
    return range ? { begin: range[0], end: range[1] } : null;
  }
  // A call sign's "to"/"for" ("M21 to MVC Route 9", "Medic 3 to 412 Birch Lane") is read with the word itself: what follows is
  // the nature or the address, never a time ("412" is a house number).
  const preposition = /^(?:to|for)$/i.test(cue[0]);
  const tailStart = preposition ? cue.index : cue.index + cue[0].length;
  const tail = content.slice(tailStart);
  const before = natureBeforeCue(content.slice(0, cue.index));
  if (before) return before;
  const nounCue = /call type|nature of|^dispatch$/i.test(cue[0]);
  for (const re of nounCue ? [NATURE_TYPE] : preposition ? [NATURE_FOR, NATURE_TO] : [NATURE_FOR, NATURE_TO, NATURE_AFTER_TIME]) {
    const m = re.exec(tail);
    const range = m?.indices?.[1];
    if (!m || !range || !m[1]) continue;
    if (PLACE.test(m[1]) || UNIT.test(m[1]) || isAddress(m[1])) continue;
    const prefix = DEMOGRAPHIC_PREFIX.exec(m[1]);
    const skip = prefix ? prefix[0].length : 0;
    const value = m[1].slice(skip).trim();
    if (value.split(/\s+/).length > 10 || !/[a-z]/i.test(value)) continue;
    const begin = tailStart + range[0] + skip;
    return { begin, end: begin + value.length };
  }
  return null;
}

/** What a response can follow: a crew medication or procedure, or a generic name for one. */
const TREATMENT_REF = [...MEDICATIONS, ...PROCEDURES]
  .map(([, alias]) => anyOf(alias))
  .concat([
    'administration',
    'dose',
    'doses',
    'treatment',
    'treatments',
    'medication',
    'interventions?',
    String.raw`neb\w*`,
    'fluids?',
    'bolus',
    'decompression',
    'shock',
    'cardioversion',
    // "BP up to 104/66 after 600 ml": a volume given is the fluid.
    String.raw`\d+ ?(?:ml|cc|l)`,
  ])
  .join('|');
/**
 * "Following" as the word "after": not "following commands", which is a finding ("spo2 98 not following commands i gel
 * in place" says nothing changed after the i-gel).
 */
const FOLLOWING = String.raw`following(?!\s+(?:simple\s+|verbal\s+)?commands)`;
/** A change said before the treatment it followed ("BP improved to 96/58 after the bolus"). */
/** What the crew re-checks after a treatment. */
const FINDINGS = anyOf([
  'cap(?:illary)? refill',
  'pulses?',
  'cms',
  'sensation',
  'bp',
  'blood pressure',
  'hr',
  'heart rate',
  'spo2',
  'sats?',
  'gcs',
  'glucose',
  'sugar',
  'bgl',
  'rr',
  'color',
  'skin',
  'mental status',
  'rhythm',
]);
const CHANGE_FIRST = anyOf([
  String.raw`improv\w*`,
  String.raw`decreas\w*`,
  String.raw`increas\w*`,
  String.raw`resolv\w*`,
  'better',
  String.raw`wors\w*`,
  'no change',
  'unchanged',
  'woke',
  'dropped',
  'rose',
  'went (?:up|down)',
  'came (?:up|down)',
  '(?:up|down) to',
  'stopped',
]);
/** Words that say a finding changed (or did not) after a treatment. */
const CHANGE = anyOf([
  String.raw`improv\w*`,
  String.raw`decreas\w*`,
  String.raw`resolv\w*`,
  String.raw`reliev\w*`,
  'relief',
  String.raw`respond\w*`,
  'response',
  'better',
  String.raw`wors\w*`,
  'no change',
  'unchanged',
  String.raw`increas\w*`,
  'became',
  'regained',
  'woke',
  String.raw`awake\w*`,
  'alert',
  'tolerated',
  '(?<!post[- ]?)rosc',
  'converted',
  'dropped',
  'went (?:up|down)',
  'came (?:up|down)',
  '(?:up|down) to',
  'stopped',
]);

/** A decade said in words ("mid thirties"): the decade's first year. */
const DECADE_WORDS = lookupTable<number>({
  twenties: 20,
  thirties: 30,
  forties: 40,
  fifties: 50,
  sixties: 60,
  seventies: 70,
  eighties: 80,
  nineties: 90,
});
/**
 * A decade said after the sex or "in his / in her" ("a male mid thirties", "in her 70s") is the patient's age only where it
 * describes the patient: the sex word opens the sentence or follows the patient's introduction ("Pt is a female in her late
 * sixties", "found a male mid thirties", "on scene 1510 a man in his fifties"), or "in his / her" follows the patient or the
 * pronoun's "is". Said after another role ("the security guard, a man in his fifties", "her nurse, a man in his forties",
 * "his wife in her seventies") it is that person's; "in their" is a group. An allow-list of positions, since the roles are many.
 */
const PATIENT_SEX_AT =
  String.raw`(?:(?:^|[.;:!?]\s*|\b(?:pts?|patients?|is|was|found|find|have|has|had|of|for|\d{3,4}|years?|yo|y\/o),?\s+)` +
  String.raw`(?:(?:an?|the|our)\s+)?(?:(?:elderly|young|older|adult|obese|thin|frail|conscious|unresponsive)\s+)?` +
  String.raw`(?:male|female|man|woman)` +
  // A bare sex word set off in a list, as a dispatch says it ("for abdominal pain, female, 60s"); not "the clerk, a woman mid 20s".
  String.raw`|,\s*(?:male|female)(?=,))`;
/**
 * Put before a pattern that opens with lookbehinds and then reads a number: the digit it reads is asked for first, so the
 * lookbehinds run only where a number starts instead of at every character (the same matches).
 */
const DIGIT_FIRST = '(?=\\d)';
/**
 * "45 years" ends where an age ends: a mark, the line's end, or "and", "who" going on about the patient. Not "with" nor a
 * clause that says since when: "she have 10 years with the diabetes", "he has 2 years, since his stroke" are how long.
 */
const SPAN_GOES_ON = ['since', 'after', 'from', 'with', 'of'];
const MARK_ENDS_AGE = String.raw`[,;](?!\s*(?:${SPAN_GOES_ON.join('|')})\b)`;
const YEARS_WITHOUT_OLD_ENDS = String.raw`(?=\s*(?:${MARK_ENDS_AGE}|\.\s|\.?$)|\s+(?:and|who)\s+(?!(?:a\s+)?half\b))`;
/**
 * A sex letter ends at a comma, a space before a word or the end of the line; not "F/U", "M.R." or "F-O-S", nor a name's
 * initial before the name ("Patient M Jones found down").
 */
const LONE_SEX_LETTER_ENDS = String.raw`(?=,|\s+(?!\p{Lu}\p{Ll})\p{L}|\s*$|\.\s)`;
const DECADE_BEFORE =
  String.raw`(?<=(?:${PATIENT_SEX_AT}(?:,?\s+in (?:his|her))?|\b(?:pt|patient|(?:he|she|who) is|(?:he|she)['’]s)\s+in (?:his|her))` +
  String.raw`,?\s+(?:(?:early|mid|late)[\s-]+)?)`;
/** Not a decade of degrees or a reading said next ("mid thirties degree heat", "in his late eighties the heart rate"). */
const DECADE_AFTER =
  String.raw`(?!\s*(?:degrees?|°|percent|%|systolic|diastolic|bpm|on room air|(?:the |his |her )?(?:heart rate|hr|pulse|bp|` +
  String.raw`blood pressure|pressure|sats?|spo2|resp|rr|temp|glucose|sugar))\b)`;
/** Words for a man or a woman, as the patient is described. */
const SEX_WORDS: WordTable = ['male', 'female', 'man', 'woman', 'boy', 'girl', 'gentleman', 'lady'];
/**
 * Everyday words for a man or a woman ("a 70 year old guy", "a sweet old gal"). Like "man" and "woman", said of anyone; the rules
 * read them as the patient's, as they read those.
 */
const EVERYDAY_SEX_WORDS: WordTable = ['guy', 'gal', 'fella'];
/** Where the patient is described with such a word: a sentence's or a clause's start, "pt is a", "for a", "found an". */
const EVERYDAY_START =
  String.raw`(?:^|[.;:!?]\s+|,\s+|\b(?:(?:pts?|patients?|he|she)\s+(?:is|was)|for|found|find|on)\s+)` +
  String.raw`(?<!\bdr\.?\s+)(?:(?:an?|our|this)\s+)?`;
/** Words describing the patient before it: "pleasant 70 year old guy", "sweet old gal", "older fella". */
const EVERYDAY_DESCRIBED =
  String.raw`(?:(?:pleasant|sweet|nice|old|older|elderly|young|younger|big|little|middle[- ]aged|heavy ?set|thin|frail|` +
  String.raw`\d{1,3}[- ]?(?:years?[- ]old|yo|y\/o)|\d0['’]?s)[\s,]+){0,3}`;
/**
 * Said after it, the word is someone else ("a gal at the front desk", "a guy walking his dog", "a guy who called 911"); with
 * "'s" it is a reading's or someone's ("pulse ox on, guy's 88").
 */
const EVERYDAY_NOT_SOMEONE_AFTER =
  String.raw`(?!['’]s\b)(?!,?\s+(?:at|from|next|who\s+(?:called|found|saw|let)|in\s+(?:the|bed)|walking|driving|working|said|says|told|` +
  String.raw`with\s+(?:her|him|the)|on\s+the\s+phone|wire)\b)`;
/** People the plain words are said of besides the family and the responders. */
const EVERYDAY_OTHER_PEOPLE = String.raw`(?:ex|passerby|dr|doctor|partner|ups|uber|security|maintenance|tow|cardiology|er|ed|baby['’]s)`;
/** Things sized as adult, male or female: "adult M c-collar", "adult M cuff". */
const SIZED_THINGS = String.raw`(?:c-?collar|collar|cuff|mask|bvm|nrb|nasal|opa|npa|pads?|size|gown)`;
const FEMALE_SEX_WORD = /^(?:female|woman|girl|lady|gal)$/i;
/** Words describing the patient before the sex as a capital letter: "adult M", "elderly F". */
const DESCRIBING_WORDS = ['adult', 'elderly', 'young', 'older', 'obese', 'frail'];
const capitalOrNot = (w: string) => `[${w[0]?.toUpperCase()}${w[0]}]${w.slice(1)}`;
/** "Lady's 63", "guy's 45": the patient's age said after a word for them and "'s" (is). */
const PATIENT_WORD_IS = String.raw`(?<=\b(?:${anyOf(
  SEX_WORDS.filter((w) => w !== 'male' && w !== 'female'),
  EVERYDAY_SEX_WORDS,
)})['’]s\s+)`;
/** How sure the medic is of a number: "approx 60", "maybe 35". */
const HEDGES = anyOf(['approx\\.?'], GUESS_WORDS, ['maybe']);
/**
 * Words before a hedged number that make it a rate, a time or a measure, not an age: "pea at about 40", "heart rate of around
 * 150", "down for approximately 20".
 */
const MEASURED_BEFORE_HEDGE: WordTable = ['for', 'from', 'by', 'within', 'over', 'under', 'x', 'down', 'lasted'];
/** How an age is said: "58 years old", "58 yo", "58 años", "aged 58", "Pt is 91", "Driver, 29,". */
const AGE_AFTER_IS = String.raw`(?<=\b(?:(?:pt|patient|he|she|who) is|(?:he|she)['’]s)\s+)`;
/** People other than the patient who speak in a dictation: everyone the dictation names who is not the crew. */
const SOMEONE_ELSE = anyOf(PEOPLE_NOT_CREW);
/**
 * "she is 86 name is dorothy", "she is 72 says the pain started", "she is 58 hx of copd": her name, her words or her history said
 * right after the number make it her age, unless another person is named just before "she is" ("her daughter she is 50 name is
 * carol"). Not "she", "he", "per" or "named": the same shape is said of a reading or of someone else ("respirations she is 28
 * she is working hard", "… she is 50 named carol").
 */
const NAME_SAID_NEXT =
  String.raw`(?<!\b(?:${SOMEONE_ELSE})\b[^.;]{0,30})` + String.raw`\s+(?:(?:(?:her|his) )?name is|says|states|history|hx|takes)\b`;
/** Names of readings said before a number ("pulse ox she is 91", "resp rate is up she's 28"). */
const READING_NAMES =
  String.raw`(?:pulse ox|pulse|ox|sats?|spo2|o2|heart rate|hr|rate|glucose|sugar|bgl|cbg|gcs|bp|pressure|temp|temperature|` +
  String.raw`pain|monitor|resp|rr|etco2|capno|map|saturation|respirations|resps|end tidal)`;
/**
 * "at", "of", "to" before a hedged number make it a rate only after a reading or a rhythm ("pea at about 40", "heart rate of
 * around 150"): "a man of about 60", "age estimated at about 50", "in his 40s to maybe 50" are ages.
 */
const RATE_WORDS = ['pea', 'rhythm', 'sinus', String.raw`brady\w*`, String.raw`tachy?\w*`, 'junctional', 'idioventricular'];
const RATE_BEFORE_HEDGE = String.raw`(?:${READING_NAMES}|${RATE_WORDS.join('|')})(?:\s+(?:at|of|to|is|was))?`;
/** A glucose check or a fever said before "she's NN" ("did a fingerstick she's 52 this is her second low", "she feels hot she's 39"). */
const CHECKS_BEFORE_CLAUSE: WordTable = [
  ...['fingerstick', 'finger stick', 'glucometer', 'dextro', 'accu ?che?c?k', 'd ?stick', 'bs', 'fsbs', 'hot', 'warm', 'fever'],
  ...['febrile', 'burning up'],
];
/**
 * "she's 26 this is her third pregnancy", "he's 31 male awake", "he's 45 name's rafael": in run-on text the sex, the name or
 * the pregnancy is said right after the age. Not when someone else was named just before ("her daughter is here she's 50 name's
 * carol"; "friends say she's 19" is their report of the patient), nor after a reading's name ("resp rate is up she's 28 male
 * pattern"). A bare "she" after it stays no age: readings are said that way ("pulse ox she is 91 she usually runs low").
 */
const CLAUSE_SAID_NEXT =
  String.raw`(?<!\b(?:${SOMEONE_ELSE})\b(?!\s+(?:say|says|said|states|stated|reports?|reported|tells?|told)\b)[^.;]{0,30})` +
  String.raw`(?<!\b(?:${READING_NAMES}|${anyOf(CHECKS_BEFORE_CLAUSE)})\b[^.;]{0,40})` +
  // "This is her" only of a pregnancy: "she's 52 this is her second low today" may be a glucose said in the piece before.
  String.raw`\s+(?:male|female|name['’]?s?|this is her \w+ (?:pregnancy|baby|child|kid|delivery)|g\d|gravida)\b`;
/**
 * What may follow an age said after "she is": the clause's end or a word that goes on about the patient. Not the words that open
 * a new clause in run-on text ("she is 86 name is dorothy"): the same shape is said of a reading or of someone else
 * ("respirations she is 28 she is working hard", "her daughter she is 50 named carol").
 */
const AGE_ENDS = String.raw`(?=\s*(?:[,.;]|$|\s+(?:and|with|who|has|had|lives|years)\b|${NAME_SAID_NEXT}|${CLAUSE_SAID_NEXT}))`;
/**
 * A vital's name right before "she is" ("pulse ox she is 91", "heart rate he is 140", "sat check she is 86"): the number is
 * that reading, not the age. Not the sentence splitter's NOT_AFTER_READING, which names care a reading is taken on.
 */
const NOT_AFTER_READING =
  String.raw`(?<!\b${READING_NAMES}` + String.raw`(?:\s+(?:check|reading|level|score))?\s+(?:he|she|pt|patient|who) is\s+)`;
const AGE_AFTER_ROLE = String.raw`(?<=\b(?:driver|passenger|pt|patient|male|female|man|woman|rider|pedestrian),\s*)`;
/** Forms of address before a name ("Mr. Okoro, 67,", "Señora Ruiz, 80,"): the number set off after the name is the age. */
const HONORIFICS: WordTable = ['mrs?', 'ms', 'miss', 'mister', 'señora?', 'sra?', 'don', 'doña', 'senhora'];
// One or two name words only: a third cannot be told from "and daughter" ("Mr. Smith and daughter, 45,"), since the rules are
// matched without case, where \p{Lu} matches lowercase too.
const AGE_AFTER_NAME = String.raw`(?<=\b(?:${anyOf(HONORIFICS)})\.?\s+\p{L}[\p{L}'’-]+(?:\s+\p{L}[\p{L}'’-]+)?,\s*)`;
/**
 * "Mr. Müller, 79 years, he has …": second-language speech sets the age off after the name with "years" and no "old". Not a span
 * that goes on ("Mr. Brandt, 30 years, since the stroke"), which MARK_ENDS_AGE leaves out; after a name introduced ("Patient is
 * Tomasz Nowak, 58 yrs, with …") the words allowed after the age guard it instead.
 */
const SET_OFF_YEARS = String.raw`(?:\s+(?:years?|yrs?))?`;
/** A relative, caller or bystander said earlier in the sentence, read across a form of address's full stop. */
const NOT_CREW_BEFORE = String.raw`(?<!\b(?:${anyOf(PEOPLE_NOT_CREW)})\b(?:[^.!?]|(?<=\b(?:${anyOf(HONORIFICS)}))\.)*)`;
/**
 * The number set off after a name: alone between marks ("Mr. Okoro, 67,") or with "years" as above — the latter not after
 * someone not the patient (NOT_CREW_BEFORE: "Daughter Ms. Kim, 45 years, says …", "The caller, Mr. Diaz, 40 years, …").
 */
const SET_OFF_AGE = String.raw`(?:\d{1,3}(?=\s*[,;])|${NOT_CREW_BEFORE}\d{1,3}\s+(?:years?|yrs?)(?=\s*${MARK_ENDS_AGE}))`;
/** A line that opens with the patient's full name ("Marisol Quintero, 61, …", "Maëlle Fontaine, 29, …"). */
const AGE_AFTER_FULL_NAME = String.raw`(?<=^\s*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2},\s*)`;
/**
 * "Patient is Tyler Hemsworth, 27, male", "she's Eleanor Vance, 84, says", "First driver is Gloria Pham, 74, she …": a name
 * introduced, then the number set off after it.
 */
const INTRODUCED =
  String.raw`(?:(?:pt|patient|he|she|(?<!\b(?:other|another)\s)(?:(?:the|first|second|1st|2nd)\s+)?(?:driver|passenger|rider)) is` +
  String.raw`|(?:he|she)['’]s)`;
const AGE_AFTER_INTRODUCED_NAME = String.raw`(?<=\b${INTRODUCED}\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2},\s*)`;
/**
 * Words that are no name after "patient is" or "mr": what is said of the patient instead ("patient is on metoprolol 25",
 * "patient is gcs 15", "mrs jones daughter 52"). A word ending like a state or an act ("tachycardic", "breathing",
 * "unresponsive", "altered") is no name either.
 */
const NOT_NAME_WORDS: WordTable = [
  ...PEOPLE_NOT_CREW,
  ...['a', 'an', 'the', 'and', 'or', 'on', 'in', 'at', 'of', 'for', 'to', 'with', 'still', 'now', 'only', 'also', 'about'],
  ...GUESS_WORDS,
  ...['approx', 'maybe', 'currently', 'tachy', 'brady', 'hot', 'cold', 'pale', 'alert'],
  ...['awake', 'down', 'up', 'out', 'not', 'no', 'very', 'lying', 'x', 'gcs', 'bp', 'hr', 'pulse', 'sats?', 'spo2', 'rr'],
  ...['resp', 'temp', 'glucose', 'sugar', 'bgl', 'pain', 'over', 'under', 'here', 'there', 'just', 'back', 'complaining'],
  // A reading, a state, a stage or a count ("patient's heart rate 110 with", "he's type 2 on metformin", "she is post op day 2
  // with", "she is gravida 3 with", "he's been drinking since 10 he says", "pt's home meds lasix 40 on", "mr jones room 12 he").
  ...['pressure', 'heart', 'rate', 'blood', 'systolic', 'cbg', 'bs', 'fsbs', 'accu', 'accucheck', 'fingerstick', 'dextro'],
  ...['febrile', 'afebrile', 'always', 'never', 'post', 'op', 'day', 'days', 'week', 'weeks', 'type', 'stage', 'gravida'],
  ...['para', 'g', 'p', 'ao', 'aox', 'times', 'been', 'had', 'has', 'got', 'since', 'from', 'until', 'till', 'by', 'like'],
  ...['as', 'than', 'per', 'into', 'level', 'score', 'sat', 'home', 'meds?', 'medications?', 'list', 'discomfort', 'his'],
  ...['her', 'their', 'my', 'our', 'your', 'its', 'room', 'rm', 'bed', 'apt', 'apartment', 'unit', 'suite', 'floor'],
];
const NAME_WORD_RUN_ON = String.raw`(?!(?:${anyOf(NOT_NAME_WORDS)})\b)\p{L}[\p{L}'’-]*(?<!ic|ive|ly|ed|ent)`;
/** The first word only may not end in "-ing" ("patient is breathing 30"); a surname may ("he's harold benning 67 male"). */
const FIRST_NAME_WORD_RUN_ON = String.raw`${NAME_WORD_RUN_ON}(?<!ing)`;
/** In lower case "miss" and "don" are as often a verb and a name ("didn't miss her lasix 40", "her husband don smith 72"). */
const RUN_ON_HONORIFICS = HONORIFICS.filter((h) => h !== 'miss' && h !== 'don');
/**
 * "patient is tyler hemsworth 27 male", "patient's walter nieminen 81 he's mumbling", "mr jurgen muller 74 on eliquis": a name
 * introduced, or after a form of address, then the number, in run-on text without the commas that set the age off.
 */
const AGE_AFTER_NAME_RUN_ON =
  String.raw`(?<=\b(?:${INTRODUCED}|(?:pt|patient)['’]s|(?:${anyOf(RUN_ON_HONORIFICS)})\.?)` +
  String.raw`\s+${FIRST_NAME_WORD_RUN_ON}(?:\s+${NAME_WORD_RUN_ON}){0,2}\s+)`;
/** What follows such an age: the sex, the patient's own words or state, or where they were ("mrs lan 69 son says"). */
const AFTER_AGE_OF_NAMED: WordTable = [
  ...['male', 'female', 'm', 'f', 'he', 'she', "he['’]s", "she['’]s", 'says', 'tells', 'told', 'states', 'reports', 'who'],
  ...['with', 'lives', 'known', 'on', 'admitted', 'son', 'daughter', 'husband', 'wife', 'hx', 'history', 'found', 'was'],
];
/**
 * An age with a lower-case sex letter ("83m", "pt 29 f"), as a recogniser writes "83M". Not a temperature ("temp 101 f", "100.4
 * f"), a distance ("fell 3m off the roof", "a 2 m fall"), an address ("apt 4 f"), a GCS part ("v 4 m 6") or a span ("x 10 m").
 */
const AGE_BEFORE_SEX_LETTER = String.raw`(?:1[01]\d|[1-9]\d?)`;
const WORDS_BEFORE_NO_AGE: WordTable = [
  ...['fell', 'fall', 'falls', 'dropped', 'jumped', 'walked', 'crawled', 'thrown', 'ejected', 'about', 'approx', 'around'],
  ...['approximately', 'over', 'under', 'x', 'for', 'within', 'past', 'last', 'every', 'q', 'apt', 'apartment', 'unit'],
  ...['suite', 'room', 'rm', 'floor', 'bed', 'building', 'bldg', 'lot', 'e', 'v', 'm', 'gcs', 'a', 'of'],
  // A span, a distance or the weather ("took us 20 m to", "dragged 15 m by the car", "it is 95 f out", "tmax 102 f").
  ...['dragged', 'rolled', 'slid', 'pushed', 'carried', 'pinned', 'took', 'us', 'spent', 'waited', 'since', 'tmax', 'max'],
  ...['axillary', 'axilla', 'temporal', 'ax', "it['’]s", 'it is', 'it was'],
];
const WORDS_AFTER_NO_AGE: WordTable = [
  ...['fall', 'drop', 'ladder', 'wall', 'roof', 'high', 'tall', 'long', 'deep', 'away', 'from', 'off', 'down', 'up'],
  ...['onto', 'into', 'of', 'below', 'above', 'ft', 'feet', 'degrees?', 'temp', 'fever', 'tympanic', 'oral', 'rectal'],
  // "45 m ago", "it is 95 f out today", "6 m old" (months), "42 f street".
  ...['ago', 'later', 'prior', 'before', 'by', 'to', 'embankment', 'out', 'outside', 'outdoors', 'today', 'heat', 'index'],
  ...['old', 'street', 'st', 'avenue', 'ave', 'road', 'rd'],
];
// Nor someone else's ("her husband 82 m is the caregiver", "pt's son 45 m called").
const NOT_SEX_LETTER_AGE_BEFORE =
  String.raw`(?<![\d.]|\b(?:${anyOf(WORDS_BEFORE_NO_AGE)}|(?:${SOMEONE_ELSE})(?:['’]s)?)\s+` +
  String.raw`|\b(?:temp|temperature|fever|febrile|tympanic|oral|rectal)\b[^.;]{0,20})`;
const NOT_SEX_LETTER_AGE_AFTER = String.raw`(?!\s*\d|\s+(?:${anyOf(WORDS_AFTER_NO_AGE)})\b)`;
const AFTER_AGE_OF_ROLE: WordTable = [
  ...['c o', String.raw`\p{L}+ed`, 'complaining', 'complains', 'who', 'with', 'lives', 'says', 'states', 'reports', 'lying'],
  ...['sitting', 'standing', 'found'],
];
/** "M approx 50s", "F early 70s": how sure the medic is of an age said after the sex letter. */
const AGE_HEDGE = String.raw`(?:(?:approx\.?|approximately|about|around|early|mid|late|maybe)\s+)?`;
/** What may follow such an age: the clause's end, or where and how the patient was ("M, 90, on the floor"). */
const AGE_AFTER_SEX_ENDS = String.raw`(?=\s*(?:[,;]|\.\s|\.?$|\s+(?:y|on|in|at|by|with|lying|sitting|standing|prone|supine)\b))`;
/**
 * After "she's 3 months" or "he's 2 weeks", what makes it a span of time and not the patient's age: "3 months
 * pregnant", "20 weeks along", "2 weeks out from surgery", "6 days post op", "2 months sober", "3 weeks into chemo".
 */
const NOT_A_DURATION =
  String.raw`(?!\s*(?:pregnant|along|gestation|out|post|postpartum|sober|clean|into|late|early|overdue|ago|since|` +
  String.raw`from|after|before|of|in|on|off|past)\b)`;
/** Words for the patient an age follows as "of 29 years": "a woman of 29 years". */
const PERSON_OF_YEARS = 'man|woman|male|female|lady|gentleman|boy|girl|child|kid';
/** Words that make an age an estimate, said between "a man of" and the years. */
const AGE_ESTIMATE = String.raw`(?:approximately|approx\.?|about|around|roughly|maybe|an estimated)`;
/**
 * What may come right before the person an estimated age is said of, so the person is the patient: "patient is" / "pt
 * appears to be", the crew finding them ("found a woman of about 75 years"), or a stranger ("unknown male of roughly 30
 * years"). Said of someone named before ("her husband, a man of about 70 years", "the caller, a woman of about 40 years"),
 * after another verb ("says the man of about 40 years who hit her") or opening a sentence ("A man of about 40 years hit
 * her"), the estimate may be another person's age.
 */
const PATIENT_BEFORE_ESTIMATE = [
  String.raw`\b(?:patient|pt)\s+(?:is|was|appears to be|seems to be|looks to be)\s+(?:an?\s+)?(?:unknown\s+)?`,
  String.raw`\b(?:found|find|have)\s+(?:an?\s+)?(?:unknown\s+)?`,
  String.raw`\bunknown\s+`,
];
/** The person an estimated age is said of, as the patient: "patient is a male of approximately ". */
const PATIENT_OF_ESTIMATED_YEARS = String.raw`(?<=(?:${PATIENT_BEFORE_ESTIMATE.join('|')})\b(?:${PERSON_OF_YEARS}) of ${AGE_ESTIMATE}\s+)`;
/** What a month or week said with "old" is the age of when it is no infant: a thing or a wound ("a 2 wk old fracture"). */
const NOT_AN_INFANT_AFTER = [
  ...['cast', 'splint', 'fracture', 'bruise', 'bruising', 'sutures?', 'stitches', 'staples', 'wound', 'injury', 'burn', 'laceration'],
  ...['incision', 'surgery', 'dressing', 'pen', 'bottle', 'prescription', 'medications?', 'meds', 'pacemaker', 'rash', 'cough'],
];
const AGE_FORMS: WordTable = [
  String.raw`\d{1,3}[- ]?(?:years?|yrs?)[- ]?old`,
  // "y o": "y/o" as a recogniser writes it, without the slash.
  String.raw`\d{1,3}\s*(?:yo|y\/o|y\.o\.|y o)`,
  String.raw`\d{1,3}\s+años`,
  String.raw`\d{1,2}[- ](?:months?|weeks?|days?)[- ]old`,
  // "11 mo old", "3 wk old": the month and the week abbreviated, as charting writes an infant's age. Not someone's child ("her 2
  // wk old son", "she has a 3 mo old at home": the patient may be the mother), nor a thing's age ("a 1 wk old cast", "a 2 wk old
  // fracture", "sutures are 2 wk old", "his insulin pen is 2 mo old", "looks about 2 wk old").
  String.raw`(?<!\b(?:her|his|their|my|our|your|pt's|patient's|has an?|have an?|had an?|of an?|with an?|looks?|appears?|about)\s)` +
    // Said of the patient ("Pt is 8 mos old", "baby is a 4 mo old"), not of a thing ("his insulin pen is 2 mo old").
    String.raw`(?<!(?<!\b(?:pt|patient|he|she|baby|infant|child|who)\s)\b(?:is|are|was|were)\s)` +
    String.raw`(?<!['’]s\s)\d{1,2}[- ](?:mos?|wks?)[- ]old(?!\s+(?:${anyOf(NOT_AN_INFANT_AFTER)})\b)`,
  // "Pt 4 mo, ex-35 wk, 6.2 kg": an infant's age charted right after the line's opening "Pt", set off by a comma, the month
  // abbreviated. Not a span said there: a pregnancy's or a recovery's weeks ("Pt 38 wks, G2P1", "Pt 6 weeks, post hip
  // replacement"), "Pt 6 months, s/p stent", "Pt 4 mo post op".
  String.raw`(?<=^\s*(?:pt|patient|infant|baby)\s+)\d{1,2}\s?mos?(?=\s*[,;]|\s+(?:old|male|female|boy|girl)\b)` +
    String.raw`(?![,;\s]+(?:s\/p|post|status|pregnant|pregnancy|g\d|gestation|clean|sober|since|after)\b)`,
  // "Pt is 67 year male", "patient is a 78 years female": "old" left out before the sex, as second-language speech says it. Only
  // with the patient named as the subject right before: a span of years said anywhere else ("smoked for 30 years male pattern",
  // "the neighbor is a 52 year male") is not the patient's age. An infant's the same way: "Pt is a 20 months female".
  String.raw`(?<=\b(?:pt|patient) is (?:a |an )?)\d{1,3}[- ]?(?:years?|yrs?|months?|weeks?)(?=\s+(?:male|female|man|woman|boy|girl)\b)`,
  String.raw`(?:age|aged)\s+\d{1,3}`,
  String.raw`\d{1,3}\s+years?\s+of\s+age`,
  // "a woman of 29 years", "the patient of 7 years": the age after the person, as French ("une femme de 29 ans") and Spanish say
  // it. Only after a word for the patient: "a smoker of 30 years", "the wife of 40 years" are spans of time.
  // "A patient of 12 years at the dialysis center" is how long they have been someone's patient: "patient" only at the clause's end.
  String.raw`(?<=\b(?:${PERSON_OF_YEARS}) of )\d{1,3}\s+(?:years?|yrs?)(?:\s+old)?`,
  // The age may be an estimate: "a male of approximately 60 years", "a woman of about 75 years"; only of the patient.
  String.raw`${PATIENT_OF_ESTIMATED_YEARS}\d{1,3}\s+(?:years?|yrs?)(?:\s+old)?`,
  String.raw`(?<=\b(?:patient|pt) of )\d{1,3}\s+(?:years?|yrs?)(?:\s+old\b|(?=\s*(?:[,.;]|$|\s(?:have|has|had|is|was|who)\b)))`,
  // How old the patient looks, the medic's estimate, said with its hedge: "male looks about 30", "she appears to be maybe 60", "he
  // looks in his 40s". Not a reading, a span, a size or a count said the same way ("looks about 20 minutes postictal", "appears
  // about 36 weeks pregnant", "looks about 6 foot 2", "looked about 3 shades of gray").
  String.raw`(?<=\b(?:male|female|man|woman|guy|lady|he|she|pt|patient)\s+(?:looks|appears|looked|appeared)\s+(?:to be\s+)?` +
    String.raw`(?:(?:about|around|approximately|approx\.?|roughly|maybe)\s+|in (?:his|her) ))` +
    String.raw`(?:1[01]\d|\d{1,2})(?:'?s)?(?![\d\w%'’])` +
    String.raw`(?!\s*(?:minutes?|mins?|seconds?|hours?|days?|weeks?|months?|years? (?!old)|percent|pounds|lbs|kg|kilos|feet|foot|ft|` +
    String.raw`inches|degrees|shades|different|times|pregnant|along|post|out of|to \d|or \d)\b)`,
  // An age is under 120: "heart rate he is 140" is a reading.
  String.raw`${AGE_AFTER_IS}${NOT_AFTER_READING}(?:1[01]\d|\d{1,2})(?!\d)${AGE_ENDS}`,
  // Not after a reading or a check named in the same or the sentence before ("Checked a sugar, lady's 48", "Heart rate, guy's
  // 48"), nor a count of days said as a range ("the lady's 3, maybe 4 days post op").
  String.raw`${PATIENT_WORD_IS}(?<!\b(?:${READING_NAMES}|${anyOf(CHECKS_BEFORE_CLAUSE)}|checked|scale|monitor)\b[^.;]*(?:[.;][^.;]*)?)` +
    String.raw`(?:1[01]\d|\d{1,2})(?!\d)(?!,?\s*(?:maybe|or|to|-)\s*\d)${AGE_ENDS}`,
  // "she's 22 months": an infant's age said after the patient's pronoun, without "old".
  String.raw`${AGE_AFTER_IS}\d{1,2}\s+(?:months?|weeks?|days?)(?![\w-])${NOT_A_DURATION}`,
  String.raw`${AGE_AFTER_ROLE}\d{1,3}(?=\s*,)`,
  String.raw`${AGE_AFTER_NAME}${SET_OFF_AGE}`,
  String.raw`${AGE_AFTER_FULL_NAME}${SET_OFF_AGE}`,
  String.raw`${AGE_AFTER_INTRODUCED_NAME}\d{1,3}${SET_OFF_YEARS}` +
    String.raw`(?=\s*,\s*(?:male|female|man|woman|says|tells|states|reports|who|with|lives|he|she|\p{L}+ed)\b)`,
  // The name's piece may end on the age ("so she's eleanor vance 84").
  String.raw`${AGE_AFTER_NAME_RUN_ON}(?:1[01]\d|\d{1,2})(?!\d)(?=\s+(?:${anyOf(AFTER_AGE_OF_NAMED)})\b|\s*$)`,
  // "driver 29 restrained", "female 45 complaining of": the age right after the role or sex word in run-on text, then what
  // the patient did or how they were. Not another person ("other driver 40 refused"), a count ("passenger 2") or a measure
  // ("male 18 gauge", "woman 20 feet away").
  String.raw`(?<=\b(?<!\b(?:other|another|second|2nd|bus|truck|fault)\s)(?:male|female|man|woman|driver|passenger|rider|pedestrian)\s+)` +
    String.raw`(?:1[01]\d|[1-9]\d)(?!\d)(?=\s+(?:${anyOf(AFTER_AGE_OF_ROLE)})\b)`,
];
const COMPLAINT_LABELS = anyOf(['chief complaint', String.raw`c\/c`, 'primary complaint', 'main complaint']);
const COMPLAINT_QUALIFIER = String.raw`(?:an?\s+|some\s+|sudden\s+|severe\s+)?`;
/** Words that end a complaint ("chest pain since this morning"). */
const COMPLAINT_ENDS_LABELLED = anyOf(['since', 'for the past', 'that', 'which', 'starting', 'beginning', 'after']);
const COMPLAINT_ENDS_VERB = anyOf([
  'that',
  'which',
  'since',
  'for',
  'starting',
  'beginning',
  'onset',
  'radiating',
  'after',
  String.raw`x\s?\d`,
  'times',
]);
const COMPLAINT_ENDS_SAID = anyOf(['since', 'for', 'that', 'which', 'starting', 'beginning', 'after', 'when', 'while', 'about', 'around']);
const SAYS = anyOf(['states', 'reports', 'stating', 'reporting', 'says', 'stated', 'reported']);
const SAYS_OR_SAID = anyOf(['states', 'reports', 'stating', 'reporting', 'says', 'said', 'stated', 'reported']);
const HAS_SYMPTOM = anyOf([
  'has',
  'is having',
  'was having',
  'had',
  'has been having',
  'began having',
  'started having',
  'developed',
  'suddenly developed',
  'felt',
  'feels',
  'is feeling',
  'was feeling',
  'woke up with',
  'experienced',
]);
const WHAT_HAPPENED = anyOf([
  'has had',
  'had',
  'has been',
  'was',
  'is',
  'felt',
  'feels',
  'woke up with',
  'fell',
  'tripped',
  'slid',
  'passed out',
  'fainted',
  'collapsed',
  'took',
  'ingested',
  'used',
  'developed',
]);
/** A symptom that changed after a treatment ("pain decreased", "wheezing resolved"). */
const SYMPTOMS = anyOf([
  'pain',
  'nausea',
  'wheezing',
  'symptoms',
  'breathing',
  'work of breathing',
  'shortness of breath',
  'mental status',
  'respiratory effort',
  'anxiety',
  'agitation',
  'throat tightness',
  'hives',
  'itching',
  'swelling',
]);
const SYMPTOM_CHANGES = anyOf([
  'decreased',
  'improved',
  'resolved',
  'reduced',
  'went down',
  'dropped',
  'eased',
  'subsided',
  'unchanged',
  'remained unchanged',
  'worsened',
  'better',
  'worse',
  'stayed',
  'remained',
  'did not (?:improve|change|resolve)',
  'settled',
  'cleared',
  'down',
]);
const RELIEF_VERBS = anyOf(['with', 'reported', 'reports', 'had', 'noted', 'experienced', 'got', 'obtained']);
const RELIEF_DEGREES = anyOf(
  ['some', 'mild', 'moderate', 'significant', 'good', 'complete', 'minimal', 'partial', 'no'].map((w) => `${w} `),
);
const RESPONSES: WordTable = [
  String.raw`(?:${SYMPTOMS})\s+(?:has\s+|had\s+|was\s+|is\s+)?(?:much\s+|slightly\s+|somewhat\s+|now\s+)?(?:${SYMPTOM_CHANGES})`,
  String.raw`(?:rhythm|symptoms|condition)(?:\s+(?:checks?|every|\d+|minutes?)){0,4}\s+(?:remained|stayed)\b`,
  String.raw`(?:the\s+)?seizures?\s+(?:activity\s+)?(?:stopped|ceased|resolved|broke)`,
  String.raw`became (?:more\s+)?(?:alert|responsive|awake|oriented|calm|cooperative)`,
  'regained (?:consciousness|a pulse|pulses)',
  '(?<!post[- ]?)rosc',
  'return of spontaneous circulation',
  String.raw`converted to (?:a\s+)?(?:sinus|normal)`,
  `(?:${RELIEF_VERBS}) (?:${RELIEF_DEGREES})?(?:relief|improvement)`,
  'no (?:relief|improvement|change) (?:after|with|following|from)',
  'tolerated (?:the |it |treatment |procedure |medication )?well',
  'responded (?:well |poorly )?to',
  String.raw`(?:pain|nausea)\s+(?:from\s+)?\d{1,2}(?:\s*\/\s*10)?\s+(?:down|up)\s+to\b`,
  'breathing on (?:his|her|their) own',
  'spontaneous (?:respirations|breathing)',
];
/** How the patient was at the hand-over. */
const CONDITION_STATES = anyOf(['stable', 'unchanged', 'improved', 'improving', String.raw`deteriorat\w*`, 'worsened', 'critical']);
const CONDITION_ALERT = anyOf(CONDITION_STATES, ['alert and oriented', 'awake and alert', 'more alert']);
const CONDITION_SAID = anyOf(CONDITION_STATES, ['alert and oriented', 'awake and alert', 'calm and cooperative', 'at baseline']);
const CONDITION_TIMES = anyOf(['transfer', 'arrival', 'hand-?off', 'turnover', 'delivery']);
const HANDOVER_VERBS = anyOf(['transfer', 'transferred', 'turned over', 'handed off', 'hand-?off', 'report (?:was )?given', 'delivered']);
const AT_HANDOVER = anyOf([
  'at (?:the time of )?(?:transfer|hand-?off|turnover)',
  'upon (?:arrival|transfer)',
  'when care was transferred',
  'at destination',
]);
const HANDOVER_SENTENCE = wordMatcher([
  String.raw`transfer\w*`,
  'turned over',
  'hand(?:ed)?[- ]?off',
  'report (?:was )?given',
  'report to',
  'care to',
  'delivered',
  'transported',
  'transporting',
  'en ?route',
  String.raw`arriv\w* at`,
]);
/** Family roles that name a sex, for a patient introduced as one. */
const FAMILY_ROLES: WordTable = [
  'mom',
  'mother',
  'dad',
  'father',
  'son',
  'daughter',
  'wife',
  'husband',
  'grandmother',
  'grandma',
  'grandfather',
  'grandpa',
  'grandson',
  'granddaughter',
  'brother',
  'sister',
];
const FEMALE_ROLES = /^(?:mom|mother|daughter|wife|grandmother|grandma|granddaughter|sister)$/i;
const REFUSAL_VERBS = '(?:refus(?:e|ed|es|al|ing)|declin(?:e|ed|es|ing))';
// "txp": transport in charting shorthand ("pt declined txp").
const REFUSED_WHAT = anyOf(['transport', 'txp', 'treatment', 'care', 'evaluation', 'assessment', 'further', 'ems', 'ambulance', 'to go']);
const REFUSED_WHAT_ANY_CASE = anyOf(['transport', 'txp', 'treatment', 'care', 'evaluation', 'further', 'ambulance', 'to go']);
const SIGNED_REFUSAL = anyOf([
  'signed (?:a |the )?(?:refusal|release|waiver)',
  // In the present, said by the patient's subject: "she signs a release", a speaker of another first language's "she sign the
  // refusal". Not after "to", "would not", "will" ("had to sign the refusal then changed her mind", "Dr signs the release of hold").
  String.raw`(?<=\b(?:he|she|pt|patient|they)\s+)signs? (?:a |the |an )?(?:refusal|release|waiver)`,
  'refusal (?:form )?(?:was )?signed',
  String.raw`(?:offered|recommended|advised) (?:transport|treatment|ems)\b[^.;]*?\b${REFUSAL_VERBS}`,
  // Said plainly: "he does not want to go to the hospital", "she won't go", "wants to go to urgent care instead".
  String.raw`(?:does not|doesn't|did not|didn't|would not|wouldn't) want to go\b`,
  String.raw`(?:won't|will not|refuses to) go (?:to|with|in)\b`,
  String.raw`wants? to go to (?:urgent care|(?:his|her|their) (?:own )?(?:doctor|physician|pcp))`,
]);
const NOT_TRANSPORTED: WordTable = [
  'efforts (?:were )?(?:terminated|ceased|discontinued)',
  '(?:terminated|ceased|discontinued) (?:resuscitation|efforts|the code|resuscitative efforts)',
  'resuscitation (?:was )?(?:terminated|discontinued)',
  // "scene turned over to PD": the crew leaves the patient (the body) with police or the examiner.
  // Not "patient turned over to police": that is a hand-off of a living patient, often after a transport.
  String.raw`(?:scene|body|decedent) (?:was )?(?:turned over|released|left) to ` +
    '(?:the )?(?:pd|police|medical examiner|coroner|law enforcement)',
  'pronounced (?:dead|deceased)?',
  // "called it at 2342": the pronouncement in crew speech.
  String.raw`called it(?=\s+(?:at\s+)?\d{3,4}\b|\s*[,.;]|\s*$)`,
  'time of death',
  // "TOR at 0420": termination of resuscitation in shorthand.
  String.raw`TOR(?=\s+(?:at\s+)?\d{3,4}\b|\s*[,.;]|\s*$)`,
  'released to (?:the )?(?:medical examiner|coroner|police|pd|funeral home|law enforcement)',
  'left (?:in the care of|with) (?:the )?(?:pd|police|family|coroner|medical examiner|law enforcement)',
  '(?:left|remained) (?:at home|on scene|in place) with (?:the |his |her )?(?:family|wife|husband|police|pd)',
  'no transport',
  // "The patient was not transported; the scene was turned over to …": said of the patient, not a wait before a transport ("was
  // not transported until the family arrived, then …") nor a transport in another way ("not transported by us but by air").
  // Only where the clause ends (or, unpunctuated, the next one starts) or gives its reason: not "by us" or "by ground" nor "in the
  // first unit", when someone else took the patient ("He was not transported by us; Medic 7 took him to …").
  String.raw`(?<=\b(?:patient|pt|he|she|decedent|body)\s+)(?:was|were) not transported\b` +
    String.raw`(?=\s*(?:[.;,]|$|(?:per|due|as|because|after|the|he|she|we|they|family|police|pd|scene|body|coroner)\b))` +
    String.raw`(?![^.]*\b(?:until|till|before|but|instead|then|later|medic|unit|helicopter|air|took|went|transferred)\b)`,
  // "patient left in place for the medical examiner": a body left where it lies. Not "remained on scene for the coroner to speak
  // with the wife, then we loaded", nor an order to cease or terminate, which may be denied or be a rhythm check.
  String.raw`(?:left|remained|remains) in place (?:for|pending|awaiting) (?:the )?(?:medical examiner|coroner)`,
  // The order given, with its time: "doctor abernathy gave the order to terminate at 0347", "gave us the order to cease efforts at
  // 0412". Not one asked for, refused or not given ("we asked for the order to terminate", "refused to give the order …", "did
  // not give …"), nor one the line goes on to transport after ("received the order … but the family insisted … transported").
  String.raw`(?<!(?:\bnot|n't|\bnever|\bto)\s+)(?:gave|give|gives|received|got) (?:us )?(?:the |an )?order to ` +
    String.raw`(?:terminate|cease|stop|discontinue)\b(?:\s+(?:efforts|resuscitation|the code|cpr))?\s+(?:at\s+)?\d{3,4}\b` +
    String.raw`(?![^.;]*\btransport)`,
  // "we waited for the medical examiner": the crew staying with the body. Not someone else waiting while the crew went on, nor the
  // examiner's say before a transport ("waited for the medical examiner's OK and then transported").
  String.raw`(?<=\bwe\s+)(?:waited|stayed|remained) (?:on scene )?(?:for|with) (?:the )?(?:medical examiner|coroner)\b(?!['’]s)` +
    String.raw`(?![^.;]*\btransport)`,
];
const NO_TREATMENT_STATED: WordTable = [
  'no (?:resuscitation|cpr|resuscitative efforts) (?:was |were )?(?:attempted|started|initiated|performed|indicated)',
  'resuscitation (?:was )?not (?:attempted|started|initiated|indicated)',
  'no (?:treatment|interventions?|medications?|care) (?:was |were )?(?:given|provided|rendered|performed|needed|required|indicated)',
  '(?:treatment|interventions?) (?:was |were )?(?:not indicated|not needed|not required|declined|refused)',
  // A line that says only that ("No interventions.", "No treatment indicated.").
  String.raw`(?<=^\s*)no (?:treatment|interventions?)(?=\s*(?:indicated|needed|required)?\s*[.!]?\s*$)`,
  // The crew saying it did nothing ("we did not have to do anything treatment wise", "we didn't need to do anything for him");
  // not the patient ("she did not do anything for the pain", the patient quoting themselves "I didn't do anything"), and not
  // nothing needed for something else ("we did not have to do anything to get him out of the car", "anything special for access").
  String.raw`we (?:did not|didn't|didnt) (?:have to |need to |really )?do (?:anything|much)` +
    String.raw`(?:(?: (?:treatment|intervention)[- ]wise)|(?= for (?:him|her|them|the (?:patient|pt))\b)|(?=\s*(?:[,.;]|$)))`,
];

/** Verbs a response mode follows ("responded emergent", "we ran hot", "upgraded to emergent"). */
const RESPONSE_VERBS = anyOf([
  'respond(?:ed|ing)?',
  'dispatched',
  'en ?route',
  'proceeded',
  'response',
  'responding',
  'ran',
  'went',
  // "we had gone hot to get there": the mode right after it.
  String.raw`gone(?=\s+(?:hot|cold|emergent|non[- ]?emergent|code|priority|lights)\b)`,
  // "came in code 3", "came in hot"; not "pressure came in low", nor "came in code 3 to mercy" (the transport).
  String.raw`came in(?=\s+(?:hot|cold|emergent|non[- ]?emergent|code|priority|lights)\b(?![^.;,]*\bto\b))`,
  'upgraded',
  'downgraded',
]);

const RULES: readonly ContextRule[] = [
  {
    type: 'RESPONSE_MODE',
    re: new RegExp(String.raw`\b(?:${RESPONSE_VERBS})\b[^.;]*?\b${NOT_CARE_URGENCY}(${MODE_WORDS})\b`, 'id'),
    value: modeOf,
    unless: TRANSPORT_CUE,
  },
  { type: 'RESPONSE_MODE', re: new RegExp(String.raw`\b(${MODE_WORDS})\s+response\b`, 'id'), value: modeOf },
  {
    type: 'RESPONSE_MODE',
    re: new RegExp(String.raw`^\s*(${LEAD_MODE})`, 'id'),
    value: modeOf,
    unless: new RegExp(`${TRANSPORT_CUE.source}|${MODE_LEAD_TO.source}`, 'i'),
  },
  // "ran it hot": the call was run with lights and sirens ("ran him hot to St. Luke's" is the transport).
  { type: 'RESPONSE_MODE', re: /\b(?:ran|run) (?:it |this one )?(hot|cold)\b(?!\s+to\b)/di, value: modeOf },
  // "Resp non-emerg.": the response abbreviated, the mode right after it (not "resp 18", the breathing rate).
  { type: 'RESPONSE_MODE', re: new RegExp(String.raw`\bresp\.?\s+(${MODE_WORDS})\b`, 'id'), value: modeOf },
  { type: 'TRANSPORT_MODE', re: new RegExp(String.raw`\btransport(?:ed|ing)?\b[^.;]*?\b(${MODE_WORDS})\b`, 'id'), value: modeOf },
  // "58 años" (Spanish), "Pt is 91", "he is 45", "Driver, 29," are ages too; the number must stand alone (not "40 minutes").
  {
    type: 'PATIENT_AGE',
    // Every form starts with a digit or "age" once its lookbehinds are passed: asked first, the lookahead spares the
    // lookbehinds at every other word (the same matches).
    re: new RegExp(String.raw`(?=\b(?:\d|age))\b(${anyOf(AGE_FORMS)})(?![\w/])`, 'diu'),
    value: (t) => {
      const n = /\d+/.exec(t)?.[0] ?? '';
      const unit = /month|\bmos?\b/i.test(t) ? 'months' : /week|\bwks?\b/i.test(t) ? 'weeks' : /day/i.test(t) ? 'days' : 'years';
      return `${n} ${unit}`;
    },
  },
  // Charting shorthand: "61M", "57 M" (capital letter only, so "3 m" stays a distance), "Male, 60s", "roughly 30".
  { type: 'PATIENT_AGE', re: /\b(\d{1,3}) ?[MF]\b/d, value: (t) => `${t} years` },
  // The same in lower case as a recogniser writes it: "disp 1622 for near syncope 83m", "pt 29 f known shellfish allergy".
  ...[
    { type: 'PATIENT_AGE' as const, group: String.raw`(${AGE_BEFORE_SEX_LETTER})\s?[mf]`, value: (t: string) => `${t} years` },
    {
      type: 'PATIENT_SEX' as const,
      group: String.raw`${AGE_BEFORE_SEX_LETTER}\s?([mf])`,
      value: (t: string) => (t === 'f' ? 'female' : 'male'),
    },
  ].map(({ type, group, value }): ContextRule => ({
    type,
    re: new RegExp(String.raw`${DIGIT_FIRST}${NOT_SEX_LETTER_AGE_BEFORE}\b${group}\b${NOT_SEX_LETTER_AGE_AFTER}`, 'du'),
    value,
  })),
  // "Mrs. Nguyễn Thị Lan, 69,": a name of three capitalised words after an honorific, matched with case (this rule has no 'i'
  // flag, so \p{Lu} is uppercase only), so "Mr. Smith and daughter, 45," stays no age.
  {
    type: 'PATIENT_AGE',
    re: new RegExp(
      String.raw`${DIGIT_FIRST}(?<=\b(?:[Mm]rs?|[Ss]ra?|[Mm]s|[Mm]iss|[Mm]ister|[Ss]eñora?|[Dd]on|[Dd]oña|[Ss]enhora)\.?` +
        String.raw`(?:\s+\p{Lu}[\p{L}'’-]+){3},\s*)(\d{1,3})(?=\s*,)`,
      'du',
    ),
    value: (t) => `${t} years`,
  },
  // "Señora Ibáñez is 74, she said …": a form of address and a name, then "is" and the number set off, is the age. Not someone
  // else's, said after a relative or bystander in the sentence (NOT_CREW_BEFORE: "her daughter Mrs. Kim is 45, …"), nor a
  // number that goes on ("Mr. Lopez is 2 days post-op").
  {
    type: 'PATIENT_AGE',
    re: new RegExp(
      String.raw`${DIGIT_FIRST}${NOT_CREW_BEFORE}` +
        String.raw`(?<=\b(?:${anyOf(HONORIFICS)})\.?\s+\p{L}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?\s+(?:is|was)\s+)` +
        String.raw`(\d{1,3})(?=\s*${MARK_ENDS_AGE}|\s+(?:years?|yrs?)\b(?!\s+(?:ago|since|with)\b))` +
        // Not a score, span or height set off the same way ("Mr. Jones is 4, maybe 5 out of 10", "Mrs. Kim was 88, on room air"),
        // nor the age of someone else said next ("Mrs. Ortiz is 65, she is the neighbor who called").
        String.raw`(?![,;]\s*(?:\d|maybe|or\b|on (?:room air|\d|oxygen|o2)|(?:she|he)(?:'s| is) (?:the|a|an|his|her)\b))`,
      'diu',
    ),
    value: (t) => `${t} years`,
  },
  // "F/86", "M/34", "86/F" and a decade with the sex ("70s M").
  { type: 'PATIENT_AGE', re: /\b[MF]\/(\d{1,3})\b/d, value: (t) => `${t} years` },
  { type: 'PATIENT_AGE', re: /\b(\d{1,3})\/[MF]\b/d, value: (t) => `${t} years` },
  { type: 'PATIENT_AGE', re: /\b(\d0)'?s ?(?=[MF]\b)/d, value: (t) => `${t} years` },
  // The sex letter first, then the age or its decade: "M, 90,", "M approx 50s", "F early 70s", "M 34".
  {
    type: 'PATIENT_AGE',
    re: new RegExp(String.raw`${DIGIT_FIRST}(?<=\b[MF],?\s+${AGE_HEDGE})(\d{1,3})(?:'?s)?${AGE_AFTER_SEX_ENDS}`, 'd'),
    value: (t) => `${/\d+/.exec(t)?.[0] ?? ''} years`,
  },
  // The age in years without "old", as second-language speakers and list-like lines say it: beside the sex or the patient
  // ("female, 45 years, she say …", "Patient 45 years, female") or as what the patient "has" ("she have 45 years", "he has 72
  // years and lives alone"). It ends there: not "3 years ago", "45 years of smoking", "for 20 years", "2 years of sobriety",
  // "5 years left"; "a patient of 12 years" is how long.
  ...[String.raw`(?<=\b(?:male|female|man|woman|pt|patient)(?:,|\s+is)?\s+)`, String.raw`(?<=\b(?:he|she)\s+(?:has|have)\s+)`].map(
    (before): ContextRule => ({
      type: 'PATIENT_AGE',
      re: new RegExp(String.raw`${DIGIT_FIRST}${before}(\d{1,3})\s+(?:years?|yrs?)${YEARS_WITHOUT_OLD_ENDS}`, 'di'),
      value: (t) => `${t} years`,
    }),
  ),
  // An age by appearance: "thirty-ish", "40ish".
  { type: 'PATIENT_AGE', re: /\b(\d{2})[- ]?ish\b/di, value: (t) => `${/\d+/.exec(t)?.[0] ?? ''} years` },
  {
    type: 'PATIENT_AGE',
    re: new RegExp(String.raw`${DIGIT_FIRST}${DECADE_BEFORE}(\d0)'?s\b${DECADE_AFTER}`, 'di'),
    value: (t) => `${/\d+/.exec(t)?.[0] ?? ''} years`,
  },
  // The decade in words, as a recogniser writes it: "a male mid thirties", "in her late sixties" (the decade is the age read).
  {
    type: 'PATIENT_AGE',
    re: new RegExp(
      String.raw`(?=${anyOf(Object.keys(DECADE_WORDS))})${DECADE_BEFORE}(${anyOf(Object.keys(DECADE_WORDS))})\b${DECADE_AFTER}`,
      'di',
    ),
    value: (t) => `${DECADE_WORDS[t.toLowerCase()] ?? ''} years`,
  },
  {
    type: 'PATIENT_AGE',
    re: new RegExp(
      String.raw`(?=\d)(?<=\b(?:${HEDGES})\s+)(?<!\b(?:${anyOf(MEASURED_BEFORE_HEDGE)}|${RATE_BEFORE_HEDGE})\s+(?:${HEDGES})\s+)` +
        String.raw`(\d{1,3})(?=\s*(?:[,;]|\.\s|\.?$))`,
      'di',
    ),
    value: (t) => `${t} years`,
    when: /\b(?:male|female|man|woman|pt|patient|boy|girl)\b/i,
  },
  {
    type: 'PATIENT_SEX',
    re: new RegExp(String.raw`\b(${anyOf(SEX_WORDS)}|\d{1,3}\s*(?:yo|y\/o)\s*[mf])\b`, 'di'),
    value: (t) => (FEMALE_SEX_WORD.test(t) || /f$/i.test(t) ? 'female' : 'male'),
  },
  // Only the patient described ("pt is a 40s guy", "Older guy, 77, fell", "a fella with chest pain"): never with another
  // person, a role or a pronoun of the other sex in the line ("the UPS guy saw her fall", "Bystander, a young guy, was doing
  // CPR", "fell off a 5 gal bucket, he hit his head"); "the guy" and "Dr. Guy" are someone else.
  ...[
    { word: 'guy|fella', other: 'she|her|hers|herself', sex: 'male' },
    { word: 'gal', other: 'he|him|his|himself', sex: 'female' },
  ].map(({ word, other, sex }): ContextRule => ({
    type: 'PATIENT_SEX',
    re: new RegExp(
      String.raw`(?<!\b(?:${SOMEONE_ELSE}|${EVERYDAY_OTHER_PEOPLE}|${other})\b.*)(?<=${EVERYDAY_START}${EVERYDAY_DESCRIBED})` +
        String.raw`\b(${word})\b${EVERYDAY_NOT_SOMEONE_AFTER}(?!.*\b(?:${SOMEONE_ELSE}|${EVERYDAY_OTHER_PEOPLE}|${other})\b)`,
      'diu',
    ),
    value: () => sex,
  })),
  // "adult M supine in the alley", "elderly F on the floor": the sex letter after a word describing the patient.
  {
    type: 'PATIENT_SEX',
    // Not a size ("adult M c-collar") nor someone else ("obese F sister", "older M and F on scene").
    re: new RegExp(
      String.raw`\b(?:${DESCRIBING_WORDS.map(capitalOrNot).join('|')})\s+([MF])${LONE_SEX_LETTER_ENDS}` +
        String.raw`(?!\s*(?:and\s+[MF]\b|(?:[\w-]+\s+)?(?:${SIZED_THINGS}|${SOMEONE_ELSE}|${EVERYDAY_OTHER_PEOPLE})\b))`,
      'du',
    ),
    value: (t) => (t === 'F' ? 'female' : 'male'),
  },
  { type: 'PATIENT_SEX', re: /\b\d{1,3} ?([MF])\b/d, value: (t) => (t === 'F' ? 'female' : 'male') },
  // "he's 9 years old", "she is 22 months": the pronoun the patient's age is said with names the patient's sex.
  {
    type: 'PATIENT_SEX',
    re: new RegExp(
      String.raw`\b(he|she)(?:['’]s|\s+is)\s+(?:only\s+|actually\s+)?\d{1,3}\s*(?:(?:years?|months?|weeks?|days?)(?:[- ]old)?|y\/?o|yo)\b` +
        NOT_A_DURATION,
      'di',
    ),
    value: (t) => (/^she$/i.test(t) ? 'female' : 'male'),
  },
  // The patient named by a family role: "Patient one is the mom", "her son is 11 months old",
  // "Patient two is her son, João, he's 9 years old" (a relative who only called is not the patient).
  ...[
    new RegExp(String.raw`\b(?:patient|pt)(?: (?:one|two|three|\d))? is (?:the|her|his|their) (${anyOf(FAMILY_ROLES)})\b`, 'di'),
    new RegExp(
      String.raw`\b(?:her|his|their) (${anyOf(FAMILY_ROLES)})(?:,? [\p{Lu}][\p{L}'’-]*,?)? (?:is|he's|she's|he is|she is) ` +
        String.raw`(?:\d{1,3}|[a-z]+)(?: and a half)? (?:years?|months?|weeks?|days?) old\b`,
      'diu',
    ),
  ].map((re): ContextRule => ({ type: 'PATIENT_SEX', re, value: (t) => (FEMALE_ROLES.test(t) ? 'female' : 'male') })),
  // The sex charted as a lone capital letter without the age: after the patient ("Pt F in driveway", "Patient is M", "Pt: F,")
  // or opening a line before a comma ("M, ESRD, missed HD x2"). Not a letter of a word, an abbreviation or a name ("Pt F/U",
  // "Pt M.R. Jones", "F-O-S-T-E-R") nor one in a list ("Vitamin D, F, and calcium").
  ...[
    new RegExp(String.raw`\b(?:[Pp][Tt]|[Pp]atient|PATIENT)(?:\s+(?:is|IS)|:)?\s+([MFmf])${LONE_SEX_LETTER_ENDS}`, 'du'),
    new RegExp(String.raw`(?:^|[.;!?]\s+)([MF]),\s(?!\p{Lu}\p{Ll})`, 'du'),
  ].map((re): ContextRule => ({ type: 'PATIENT_SEX', re, value: (t) => (/^f$/i.test(t) ? 'female' : 'male') })),
  // A form of address names the sex: "Mr. Lindqvist", "Mrs. Okafor", "Señora Ruiz", and in a recogniser's lower case "mrs okafor".
  // "Miss" and "Don" only before a capitalised name: in lower case they are as often a verb and a name ("but miss doses").
  ...[/\b(mr|mrs|ms|mister|señor|señora|sr|sra|doña)\.?\s+\p{L}/diu, /\b([Mm]iss|MISS|[Dd]on|DON)\.?\s+\p{Lu}/du].map(
    (re): ContextRule => ({
      type: 'PATIENT_SEX',
      re,
      value: (t) => (/^(?:mr|mister|señor|sr|don)$/i.test(t) ? 'male' : 'female'),
    }),
  ),
  ...[
    /\b([MF])\/\d{1,3}\b/d,
    /\b\d{1,3}\/([MF])\b/d,
    /\b\d0'?s ?([MF])\b/d,
    new RegExp(String.raw`\b([MF]),?\s+${AGE_HEDGE}\d{1,3}(?:'?s)?${AGE_AFTER_SEX_ENDS}`, 'd'),
  ].map((re): ContextRule => ({
    type: 'PATIENT_SEX',
    re,
    value: (t) => (t === 'F' ? 'female' : 'male'),
  })),
  {
    type: 'CHIEF_COMPLAINT',
    re: new RegExp(
      String.raw`\b(?:${COMPLAINT_LABELS})\s*(?:of|is|was|:)?\s*(?:of\s+)?([^.;]+?)(?=\s+(?:${COMPLAINT_ENDS_LABELLED})\b|[.;]|$)`,
      'di',
    ),
    unless: DISPATCH_CUE,
  },
  {
    type: 'CHIEF_COMPLAINT',
    re: new RegExp(
      String.raw`\b(?:complain(?:s|ing|ed|t)?|c\/o)\s+(?:of\s+)?${COMPLAINT_QUALIFIER}` +
        String.raw`([^.;,]+?)(?=\s+(?:${COMPLAINT_ENDS_VERB})\b|[.;,]|$)`,
      'di',
    ),
    unless: DISPATCH_CUE,
  },
  {
    type: 'CHIEF_COMPLAINT',
    re: new RegExp(
      String.raw`\b(?:${SAYS})\s+(?:that\s+)?(?:he|she|they|the patient|patient)\s+(?:${HAS_SYMPTOM})\s+${COMPLAINT_QUALIFIER}` +
        String.raw`([^.;,]+?)(?=\s+(?:${COMPLAINT_ENDS_SAID}|x)\b|[.;,]|$)`,
      'di',
    ),
    unless: DISPATCH_CUE,
  },
  {
    type: 'CHIEF_COMPLAINT',
    re: new RegExp(
      String.raw`\b(?:${SAYS_OR_SAID})\s+(?:that\s+)?(?:(?:the|his|her|their)\s+)?` +
        String.raw`(?:[\w'-]+\s+){0,2}?(?:${WHAT_HAPPENED})\s+${COMPLAINT_QUALIFIER}` +
        String.raw`([^.;,]+?)(?=\s+(?:${COMPLAINT_ENDS_SAID}|and could|x)\b|[.;,]|$)`,
      'di',
    ),
    unless: DISPATCH_CUE,
  },
  { type: 'CHIEF_COMPLAINT', re: /\b(?:denies|denied)\s+(any (?:complaints?|injur(?:y|ies)|pain)|complaints)\b/di, unless: DISPATCH_CUE },
  { type: 'CHIEF_COMPLAINT', re: /\badmits to\s+([^.;,]+)/di, unless: DISPATCH_CUE },
  { type: 'CHIEF_COMPLAINT', re: /\bpresent(?:s|ing|ed)? with\s+(?:an?\s+)?([^.;,]+)/di, unless: DISPATCH_CUE },
  {
    type: 'TREATMENT_RESPONSE',
    re: new RegExp(
      String.raw`\b((?:after|${FOLLOWING}|post|with|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:${TREATMENT_REF})\b[^.;]*?\b(?:${CHANGE}))`,
      'id',
    ),
    unless: REPORTED_BEFORE_EMS,
  },
  // The change said first: "BP improved to 96/58 after the bolus", "pain 4/10 after ketamine".
  {
    type: 'TREATMENT_RESPONSE',
    re: new RegExp(
      String.raw`\b((?:${CHANGE_FIRST}|\d{1,2}\s*(?:\/|out of)\s*10)[^.;]*?\b(?:after|${FOLLOWING}|post|with)\s+` +
        String.raw`(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:${TREATMENT_REF}))\b`,
      'id',
    ),
    unless: REPORTED_BEFORE_EMS,
  },
  // A finding said after the treatment it follows: "Cap refill brisk after splinting", "Post ROSC BP …".
  {
    type: 'TREATMENT_RESPONSE',
    re: new RegExp(
      String.raw`\b((?:${FINDINGS})\b[^.;]*?\b(?:after|${FOLLOWING}|post)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:${TREATMENT_REF}))\b`,
      'id',
    ),
    unless: new RegExp(String.raw`${REPORTED_BEFORE_EMS.source}|\b(?:began|started|onset|since)\b`, 'i'),
  },
  {
    type: 'TREATMENT_RESPONSE',
    re: wordMatcher(RESPONSES, 'di'),
    unless: REPORTED_BEFORE_EMS,
  },
  { type: 'TRANSFER_OF_CARE', re: new RegExp(`(${HANDOFF.source})`, 'id') },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: /\b(?:in|with)\s+(stable|unchanged|improved|fair|good|critical|serious|guarded|poor)\s+condition\b/di,
  },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: new RegExp(
      String.raw`\bcondition\s+(?:at|upon|on|at the time of)\s+(?:${CONDITION_TIMES})\s*(?:was|:|remained)?\s*` +
        String.raw`(\w+(?:\s+and\s+\w+)?)`,
      'di',
    ),
  },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: new RegExp(String.raw`\b(?:${HANDOVER_VERBS})\b[^.;]*?\b(${CONDITION_ALERT})\b`, 'di'),
  },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: new RegExp(String.raw`\b(${CONDITION_ALERT})\b[^.;]*?\b(?:at|upon|on) (?:the time of )?(?:transfer|hand-?off|turnover)\b`, 'di'),
  },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: new RegExp(
      String.raw`\b(?:patient|pt|he|she|condition|vitals)\s+(?:was\s+|remained\s+|remains\s+|is\s+)?` +
        String.raw`(${CONDITION_STATES})\b[^.;]*?\b(?:${AT_HANDOVER})\b`,
      'di',
    ),
  },
  // Either word order next to the hand-off: "care to charge nurse, pt stable", "patient stable at transfer".
  {
    type: 'CONDITION_AT_TRANSFER',
    re: new RegExp(
      String.raw`\b(?:pt|patient|he|she|child|baby|both|condition)\s+(?:was\s+|is\s+|remained\s+|remains\s+|still\s+|now\s+)?` +
        String.raw`(${CONDITION_SAID})\b`,
      'di',
    ),
    when: HANDOVER_SENTENCE,
  },
  // In a hand-off sentence any condition word is the condition at transfer ("care to ED RN, pt alert and stable").
  { type: 'CONDITION_AT_TRANSFER', re: new RegExp(String.raw`\b(${CONDITION_WORDS})\b`, 'id'), when: HANDOFF },
  {
    type: 'REFUSAL',
    re: new RegExp(String.raw`\b(${REFUSAL_VERBS}\b[^.;]*?\b(?:${REFUSED_WHAT})\b|against medical advice|${SIGNED_REFUSAL}|\bAMA\b)`, 'd'),
  },
  {
    type: 'REFUSAL',
    re: new RegExp(
      String.raw`\b(${REFUSAL_VERBS}\b[^.;]*?\b(?:${REFUSED_WHAT_ANY_CASE})\b|against medical advice|${SIGNED_REFUSAL})`,
      'di',
    ),
  },
  {
    type: 'NO_TRANSPORT',
    re: wordMatcher(NOT_TRANSPORTED, 'di'),
  },
  {
    type: 'NO_TREATMENT',
    re: wordMatcher(NO_TREATMENT_STATED, 'di'),
  },
];

const DESTINATION_CUES: WordTable = [
  // "Transported non-emergent, Lakeshore General.": the facility follows the mode after a comma.
  String.raw`(?:transport(?:ed|ing)?|txp)\s+(?:${MODE_WORDS}),`,
  // "Txp non-emergent to Valley Med Center": transport in charting shorthand.
  '(?:transport(?:ed|ing)?|txp)',
  'en ?route',
  'taken',
  'conveyed',
  'delivered',
  'diverted',
  'headed',
  'destination(?: was| is)?',
  'transferred from [^.;]*?',
  // "Called report to University Hospital", "from Mercy ED to Oak Ridge Behavioral".
  'called(?: in)?(?: report| ahead)?',
  'report called',
  'from',
  'arriv(?:ed|al|ing) at',
  // A flight names its destination on landing or lifting off: "landed at University Heart", "lifted at 1702 for Hartwell".
  '(?:landed|touched down) (?:at|on)',
  String.raw`(?:lifted|launched|departed|flew|flown)\b[^,;.]{0,20}?\bfor`,
  // A line that opens with the destination: "To Lakewood Ortho ED, routine." (the facility test below decides).
  String.raw`^\s*to(?=\s)`,
  String.raw`arrived(?=\s+\S)`,
  // "dropped at Lakeside ED", "dropped him off at …": the facility follows "at".
  String.raw`dropped (?:(?:him|her|them|the patient|pt) )?(?:off )?at`,
  // "We ran him hot to St. Luke's", "Took her to County", "brought the patient to …".
  String.raw`(?:ran|took|brought|drove|carried) (?:him|her|them|the patient|pt)`,
  // Any way of going there with whoever came along: "moved him to Riverside", "we took both of them to
  // Good Samaritan", "rode in with dad to Lurie Children's", "mom … rode along to Children's Mercy".
  String.raw`(?:ran|took|brought|drove|carried|moved|rode|went|headed|hauled)\b[^,;.]{0,30}?(?=\s+to\b)`,
  // A pre-alert names the receiving hospital: "stroke alert to Mercy West", "STEMI alert called to Bayfront".
  String.raw`(?:stroke|stemi|trauma|sepsis|cardiac) alert(?: (?:called|sent|given))?(?: ahead)?(?=\s+to\b)`,
  // "Scoop, cold to Regional": a mode after a comma, then "to" and the facility.
  String.raw`(?<=,\s*)(?:${MODE_WORDS})(?=\s+to\b)`,
  String.raw`^\s*(?:(?:${MODE_WORDS})[\s,]*)+(?:traffic\s+)?(?=to\b)`,
];
const DESTINATION_CUE = new RegExp(String.raw`\b(${anyOf(DESTINATION_CUES)})`, 'gi');
const NOT_A_DESTINATION =
  /^(?:the\s+)?(?:ambulance|stretcher|cot|unit|truck|rig|bed|scene|floor|chair|patient|hospital bed|medic unit|stair chair|back of)\b/i;
const HOSPITAL_WORD = wordMatcher([
  'hospital',
  'medical center',
  'medical centre',
  // "University Med Center", "Harlan County Hosp": the words as charting shortens them.
  'med center',
  'hosp',
  // Where a scheduled transfer goes: "tri county dialysis center", "the cancer center".
  String.raw`(?:dialysis|cancer|infusion|rehab(?:ilitation)?|surgery|surgical|imaging|wound care) center`,
  'emergency department',
  'emergency room',
  'ED',
  'ER',
  'trauma center',
  'stroke center',
  'burn center',
  'cath lab',
  'urgent care',
  'clinic',
  'health',
  'healthcare',
  'memorial',
  'general',
  'regional',
  'university',
  "children'?s",
  'infirmary',
  'campus',
  'behavioral',
  'psychiatric',
  'mercy',
  'saint',
  'st(?=\\.)',
]);

/** Whom care goes to ("care to ED RN", "report to the charge nurse"): a person is never the destination. */
const RECIPIENT_ENDS = wordMatcher(['rn', 'nurse', 'dr', 'doctor', 'physician', 'staff', 'team', 'md', 'crew', 'intake', 'triage']);
const isRecipient = (name: string) => {
  const last = /[\p{L}]+\.?\s*$/u.exec(name)?.[0] ?? '';
  return RECIPIENT_ENDS.test(last);
};

/** A facility named without a hospital word ("Baptist East"): every word capitalised, no digits. */
const PROPER_NAME = /^(?:St\.\s+)?[A-Z][\p{L}'’.-]*(?:\s+(?:of\s+)?[A-Z][\p{L}'’.-]*){0,4}$/u;
/** "st brigid", "saint anne regional": a saint-named facility in recogniser text, which has no capitals. */
const SAINT_NAME = /^(?:st\.?|saint)\s+\p{L}[\p{L}'’-]+(?:\s+\p{L}[\p{L}'’-]+){0,2}$/u;
const SAINT_AHEAD = /^\s+(?:st\.?|saint)\s+\p{L}/u;

/** Words after a facility's name that are not part of it ("to Mercy with lights", "to General via …"). */
const FACILITY_ENDS = anyOf([
  // "to stroger trauma en route pulse down": what happened on the way follows the name.
  'en route',
  // "to mercy care transferred to rn": the hand-off said right after the name.
  String.raw`care (?:was )?(?:transferred|handed|given|turned)`,
  'care to',
  String.raw`report (?:given )?to`,
  'with',
  'without',
  'in',
  'for',
  'via',
  String.raw`emergent\w*`,
  String.raw`non[- ]?emergent\w*`,
  'lights',
  'code',
  'priority',
  'where',
  'and',
  'uneventfully',
  'without incident',
  'under',
  'on',
  'per',
  'by',
  'at',
  'after',
  'because',
  'due',
]);

/**
 * "to stroger trauma", "at county trauma": a trauma center said by its name and "trauma", the last word of the name. Only a name
 * said after "to", "at" or "into": "transported emergent, head trauma", "no trauma", "pt is a trauma" name none, nor "secondary
 * to head trauma" (the cause) or a kind of trauma ("to a possible abdominal trauma").
 */
const NAMED_TRAUMA = /(?<=[^\s\d]\s+)trauma\s*$/i;
const TRAUMA_NOT_NAMED = new RegExp(
  String.raw`^(?:to|into|at)?\s*(?:the\s+)?(?:a|an|no|any|some|possible|suspected|major|minor|blunt|penetrating|multi\w*|head|neck|` +
    String.raw`chest|abdominal|abdomen|pelvic|pelvis|facial|face|spinal|spine|back|leg|arm|extremity|orthopedic|ortho|significant|` +
    String.raw`obvious|signs|severe|his|her|their)\b`,
  'i',
);
const CAUSE_BEFORE_TO = /\b(?:due|secondary|related|consistent|prone|subject|attributed|attributable)\s*$/i;
const traumaNamed = (m: RegExpExecArray, cue: string, before: string) =>
  NAMED_TRAUMA.test(m[1] ?? '') &&
  (/^\s*(?:to|into)\b/i.test(m[0]) || /\b(?:to|at|into)$/i.test(cue)) &&
  !TRAUMA_NOT_NAMED.test(m[0]) &&
  !TRAUMA_NOT_NAMED.test(m[1] ?? '') &&
  !CAUSE_BEFORE_TO.test(before);

/** The facility after a destination cue; sticky, so `lastIndex` says where to read it (set before every use). */
const FACILITY_AFTER_CUE = new RegExp(String.raw`(?:\bto\b|:|(?=\s))\s+((?:the\s+)?.+?)(?=\s+(?:${FACILITY_ENDS})\b|[,;]|\.\s*$|$)`, 'dy');

function destination(content: string): { begin: number; end: number } | null {
  const re = FACILITY_AFTER_CUE;
  DESTINATION_CUE.lastIndex = 0;
  for (let cue = DESTINATION_CUE.exec(content); cue !== null; cue = DESTINATION_CUE.exec(content)) {
    const after = content.slice(cue.index + cue[0].length);
    const bareArrival = /^arrived$/i.test(cue[0]);
    // "Arrived St. Vincent": a bare "arrived" names a facility only when a capitalised name follows.
    if (bareArrival && !/^\s+[A-Z]/.test(after) && !SAINT_AHEAD.test(after)) continue;
    // "arrived at County General", "lifted for Hartwell", "To Lakewood ED": the facility follows the cue itself. Otherwise each "to"
    // near the cue is tried in turn: "transported in the car seat secured to the stretcher, emergent, to …".
    const starts =
      /(?:\b(?:at|on|for|to)|,)$/i.test(cue[0]) || bareArrival ? [0] : [...after.matchAll(/(?:\bto\b|:)/g)].map((t) => t.index);
    for (const start of starts) {
      if (start > 60) break;
      re.lastIndex = start;
      const m = re.exec(after);
      const range = m?.indices?.[1];
      if (!m || !range || !m[1] || NOT_A_DESTINATION.test(m[1]) || isRecipient(m[1])) continue;
      // "arrived st brigid 1411 met by the stroke team": the name ends where the time is said.
      const saint = /^(.+?)\s+\d{3,4}\b/.exec(m[1])?.[1] ?? m[1];
      const said = SAINT_NAME.test(saint) ? saint : m[1];
      const named = HOSPITAL_WORD.test(said) || PROPER_NAME.test(said) || SAINT_NAME.test(said);
      if (!named && !traumaNamed(m, cue[0], content.slice(0, cue.index + cue[0].length) + after.slice(0, start))) continue;
      // "Arrived St. Vincent 1412": the arrival time is not part of the facility's name.
      const lead = said.length - said.replace(/^the\s+/i, '').length;
      const value = said.slice(lead).replace(/\s+\d{3,4}$/, '');
      const begin = cue.index + cue[0].length + range[0] + lead;
      return { begin, end: begin + value.length };
    }
  }
  return null;
}

/**
 * Recogniser text has no capitals, so a facility without a hospital word ("took her non emergent to holy cross she was chatting",
 * "emergent to temple east handoff 1916") cannot be told by them. There, up to three words after "to" that follow a crew's
 * transport verb (with whom and how: "took the guy non emergent to") or a mode, and end where the next clause, the hand-off, a
 * room or a time starts, or where the piece ends, are the facility. Not a common word ("to the cot", "to her room", "cold to
 * touch", "went to bed"), a position or a finding ("moved pt to position of comfort", "cold to knees"), a street ("to oak
 * street"), the response ("responded emergent to …", "called emergent to walmart"), a change of mode ("from non emergent to
 * emergent"), someone else or the patient going ("her husband drove her to church", "she took the bus to dialysis"), nor a
 * "to" after a span or a reason ("took about 20 minutes to extricate", "transported emergent due to hypotension").
 */
const NOT_FACILITY_WORDS: WordTable = [
  ...['the', 'a', 'an', 'his', 'her', 'their', 'our', 'my', 'your', 'its', 'this', 'that', 'him', 'them', 'us', 'me', 'it'],
  ...['pt', 'patient', 'home', 'house', 'scene', 'bed', 'sleep', 'work', 'school', 'church', 'jail', 'touch', 'bathroom'],
  ...['kitchen', 'bedroom', 'room', 'floor', 'ground', 'car', 'truck', 'ambulance', 'rig', 'unit', 'cot', 'stretcher'],
  ...['chair', 'couch', 'door', 'curb', 'side', 'hallway', 'porch', 'stairs', 'elevator', 'lobby', 'parking', 'lot', 'get'],
  ...['go', 'be', 'see', 'help', 'stand', 'sit', 'lie', 'walk', 'make', 'keep', 'last', 'night', 'morning', 'today'],
  ...['yesterday', 'tonight', 'ago', 'earlier', 'later', 'now', 'then', 'and', 'or', 'with', 'no', 'not', 'about', 'around'],
  ...['street', 'st', 'road', 'rd', 'avenue', 'ave', 'drive', 'lane', 'ln', 'blvd', 'boulevard', 'way', 'court', 'ct'],
  ...['circle', 'place', 'pl', 'highway', 'hwy', 'route', 'rt', 'subdivision', 'apartments', 'apts', 'baseline', 'normal'],
  // A mode, a position or a part of the body: "from cold to hot", "to semi fowlers", "cold to knees", "cold to palpation".
  ...[String.raw`(?:non[- ]?)?emergent\w*`, 'hot', 'cold', 'routine', 'position', 'semi', 'fowlers?', "fowler['’]s", 'supine'],
  ...['prone', 'lateral', 'recovery', 'upright', 'sitting', 'trendelenburg', 'comfort', 'left', 'right', 'knees?', 'elbows?'],
  ...['wrists?', 'ankles?', 'shins?', 'thighs?', 'hips?', 'waist', 'mid', 'palpation', 'station', 'quarters', 'base'],
  // Whom the patient is taken to within a place, not the place: "to intake", "to triage".
  ...['intake', 'triage'],
];
const RUN_ON_FACILITY_ENDS: WordTable = [
  ...['he', 'she', 'they', 'we', 'pt', 'patient', 'mom', 'dad', 'handoff', 'hand', 'handed', 'gave', 'report', 'toc', 'care'],
  ...['room', 'routine', 'hot', 'cold', 'stable', 'en route', 'with', 'without', 'in', 'for', 'via', 'and', 'on', 'at', 'by'],
  ...[String.raw`emergent\w*`, String.raw`non[- ]?emergent\w*`, 'lights', 'code', 'priority', 'under', 'per', 'after'],
  // A finding said next: "took her to riverside no problems", "to county no changes en route".
  'no',
  // Whom the patient was taken to within the place: "to st josephs behavioral intake", "to county triage".
  'intake',
  'triage',
];
const FACILITY_WORD_RUN_ON = String.raw`(?!(?:${anyOf(NOT_FACILITY_WORDS)})\b)\p{L}[\p{L}'’-]*`;
/** Whom the crew takes, said between the verb and "to": "took her", "took the guy", "took both of them", "transported both". */
const TAKEN_RUN_ON: WordTable = [
  ...['him', 'her', 'them', 'pt', 'patient', 'both', 'both of them', 'them both', String.raw`both (?:patients|pts)`],
  String.raw`the (?:pt|patient|guy|gentleman|lady|man|woman|kid|child|baby|boy|girl)`,
];
/**
 * A name said instead ("we took kayla to county"), after "took" or "brought" only: not a span, a count, a drug or a thing
 * ("took about 20 minutes to", "took two attempts to", "took nitro to", "took the bus to").
 */
const NOT_TAKEN_NAME: WordTable = [
  ...NOT_FACILITY_WORDS,
  ...['two', 'three', 'four', 'several', 'some', 'many', 'too', 'time', 'long', 'forever', 'while', 'minutes', 'attempts'],
  ...['vitals', 'report', 'precautions', 'nitro', 'aspirin', 'asa', 'tylenol', 'ibuprofen', 'advil', 'meds', 'pills', 'bus'],
  ...['uber', 'lyft', 'taxi', 'cab', 'train', 'off', 'out', 'over', 'down', 'up', 'care', 'turns', 'longer'],
];
/**
 * Verbs the patient or family say of their own going ("he drove to walgreens", "she moved to assisted living"). Not the run-on
 * splitter's CREW_TOOK_VERBS (the crew taking the patient, where a line is cut): a destination is read after "carried", "moved" and
 * "hauled" too.
 */
const OWN_GOING_VERBS = anyOf(['took', 'ran', 'brought', 'drove', 'carried', 'moved', 'hauled']);
const RUN_ON_DESTINATION = new RegExp(
  String.raw`(?:\b(?<!\b(?:${anyOf(PEOPLE_NOT_CREW)}|pd|police)\s+)` +
    String.raw`(?:(?:transport(?:ed|ing)?|txp|taken|conveyed|delivered)(?:\s+(?:${anyOf(TAKEN_RUN_ON)}))?` +
    String.raw`|(?<!\b(?:he|she|they|pt|patient)\s+)(?:${OWN_GOING_VERBS})(?:\s+(?:${anyOf(TAKEN_RUN_ON)})` +
    String.raw`|(?<=\b(?:took|brought))\s+(?!(?:${anyOf(NOT_TAKEN_NAME)})\b)\p{L}+)?)` +
    String.raw`(?:\s+(?:${MODE_WORDS}|together|directly|straight))*\b` +
    String.raw`|\b(?<!\b(?:respond\w*|dispatch\w*|toned|paged|went|en ?route|called|sent|requested|assigned|upgraded|downgraded|` +
    String.raw`switched|changed|from)\b[^.;]{0,20})(?:${MODE_WORDS}))` +
    // A saint's name keeps its "st" ("to st josephs behavioral intake"), which alone is a street's.
    String.raw`\s+to\s+((?:(?:st|saint)\s+)?${FACILITY_WORD_RUN_ON}(?:\s+${FACILITY_WORD_RUN_ON}){0,2}?)` +
    String.raw`(?=\s+(?:${anyOf(RUN_ON_FACILITY_ENDS)})\b|\s+\d|\s*$)`,
  'diu',
);
/**
 * The facility so named in a piece of recogniser text, or null. Only the missing-destination prompt reads it: a run-on piece
 * often holds the care given before the transport too, and a destination fact would place all of it in the transport.
 */
export function facilityNamedInRunOn(content: string): string | null {
  if (/\p{Lu}/u.test(content)) return null;
  return RUN_ON_DESTINATION.exec(content)?.[1] ?? null;
}

const span = (segmentId: string, content: string, b: number, e: number): FactSpan => ({
  segmentId,
  begin: b,
  end: e,
  text: content.slice(b, e),
});

/** Context facts of one segment; at most one of each type per segment. */
export function extractContext(segmentId: string, content: string): ContextFact[] {
  const out: ContextFact[] = [];
  const seen = new Set<EmsContextType>();
  // Seven rules hold back when a dispatch cue is said, and the nature starts from it: each test of
  // this segment's text runs once (stateless patterns only; a global one's answer depends on lastIndex).
  const tested = new Map<RegExp, boolean>();
  const holds = (re: RegExp): boolean => {
    const known = tested.get(re);
    if (known !== undefined) return known;
    const result = re.test(content);
    if (!re.global && !re.sticky) tested.set(re, result);
    return result;
  };
  const cue = DISPATCH_CUE.exec(content);
  tested.set(DISPATCH_CUE, cue !== null);
  const nature = dispatchNature(content, cue);
  if (nature) {
    const s = span(segmentId, content, nature.begin, nature.end);
    out.push({ type: 'DISPATCH_NATURE', value: s.text, span: s });
    seen.add('DISPATCH_NATURE');
  }
  for (const rule of RULES) {
    if (seen.has(rule.type) || (rule.when && !holds(rule.when)) || (rule.unless && holds(rule.unless))) continue;
    const m = rule.re.exec(content);
    const range = m?.indices?.[1];
    if (!m || !range || !m[1]) continue;
    const value = rule.value ? rule.value(m[1]) : m[1].trim();
    if (!value) continue;
    out.push({ type: rule.type, value, span: span(segmentId, content, range[0], range[1]) });
    seen.add(rule.type);
  }
  const dest = destination(content);
  if (dest) {
    const s = span(segmentId, content, dest.begin, dest.end);
    out.push({ type: 'DESTINATION', value: s.text, span: s });
  }
  return out;
}

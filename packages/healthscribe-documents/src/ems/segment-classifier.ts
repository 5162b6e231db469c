import { DISPATCH_CUE, HANDOFF, isCallThenUnits, MODE_LEAD, MODE_LEAD_TO, MODE_WORDS } from './context-extractor.js';
import type { EmsFacts } from './ems-facts.js';
import { CARE_STAFF, FAMILY, OTHERS_AT_SCENE, PEOPLE_NOT_CREW } from './people-not-crew.js';
import { REPORT_END } from './spoken-cues.js';
import { HOME_MEDICATIONS, MEDICATIONS } from './treatment-lexicon.js';
import { anyOf, wordMatcher, type WordTable } from './word-table.js';

/**
 * Phase of an EMS call a dictated sentence belongs to. Templates map phases to their sections
 * (DRAATT: dispatch, response, arrival, assessment ← chief_complaint/history/exam/impression,
 * treatment, transport). `null` is filler ("okay, end of report").
 */
export const EMS_PHASES = [
  'dispatch',
  'response',
  'arrival',
  'chief_complaint',
  'history',
  'exam',
  'impression',
  'treatment',
  'transport',
] as const;
export type EmsPhase = (typeof EMS_PHASES)[number];

/** What a speaker says of the call itself before telling it ("this one was wild", "this one was a little guy"). */
const PREFACE_ADJECTIVES: WordTable = [
  ...['wild', 'crazy', 'insane', 'nuts', 'rough', 'tough', 'long', 'weird', 'strange', 'interesting', 'fun', 'busy', 'hectic'],
  ...['sad', 'messy', 'classic', 'textbook', 'typical'],
];
const PREFACE_WORDS: WordTable = [
  ...PREFACE_ADJECTIVES,
  ...['a mess', 'something(?: else)?', 'a doozy', 'a trip', 'a ride', 'a classic', 'a textbook case'],
  // The call as a long story: "this one was a bit of a saga", "kind of an ordeal".
  ...['a saga', 'an adventure', 'an ordeal', 'a production', 'a circus', 'a handful'],
  // "a little guy", "a tough old guy": the speaker's word for the patient, no finding in it.
  String.raw`an? (?:(?:little|tough|old|big|sweet|nice|grumpy|cute|young) )+(?:guy|one|lady|fella|gal|dude)`,
  // "a wild one", "kind of a really rough one": the same words said of the call, stressed. Only these words: "a really big guy"
  // says his size.
  String.raw`an? (?:(?:really|pretty|super|very|quite) )*(?:${anyOf(PREFACE_ADJECTIVES)}) ` +
    String.raw`(?:(?:old|little) )?(?:guy|one|lady|fella|gal|dude)`,
];
const FILLER_WORDS: WordTable = [
  'um+',
  'uh+',
  'okay',
  'ok',
  'alright',
  'all right',
  'so',
  'and',
  // Not "that's about all" (after a list of medications it says the list is complete).
  // "That's about it", "that's all I have": the closing words and who has nothing more.
  String.raw`that(?:'?s| is) (?:pretty much |basically |just )?(?:it|all)` +
    String.raw`(?: for (?:this(?: one)?|that(?: one| call| transfer)?|now|today|the report))?`,
  String.raw`that(?:'?s| is) (?:about |pretty much )?(?:it|all) (?:i|we) (?:got|have)`,
  String.raw`that(?:'?s| is) about it`,
  // "That is my report", "that's the narrative": the report itself named as what was said.
  String.raw`that(?:'?s| is) (?:the|my|our) (?:report|narrative|dictation)`,
  REPORT_END,
  // Closing words of terse and formal reports: "Nothing further.", "End report.", "This concludes the report.". Not "Done."
  // or "Clear.": said alone they often answer the line before ("Breath sounds. Clear.", "Skin? Done.").
  'nothing further',
  'end (?:report|narrative|dictation)',
  'this concludes (?:the|my|this) (?:report|narrative|dictation)',
  'i guess',
  // "That's it, I think.": the speaker's hedge on the closing words.
  'i think',
  // "that is everything", "that's the end of it", "that's about it for that one" ("I think that is everything" is "i think",
  // above, then these words).
  String.raw`that(?:'?s| is) (?:about |pretty much )?everything`,
  String.raw`that(?:'?s| is) the end(?: of (?:it|that(?: one| call)?|this(?: one| call)?|the report|my report|the call))?`,
  String.raw`that(?:'?s| is) (?:about |pretty much )?it for (?:this|that)(?: one| call)?`,
  // "that's the whole story", "that's the whole thing": all of the call told.
  String.raw`that(?:'?s| is) (?:pretty much |basically )?the whole (?:thing|story|call|report|run)`,
  'end',
  'thanks',
  'thank you',
  // Radio words and asides said between statements: "Copy.", "Stand by.", "Never mind.".
  ...['copy', 'yeah', 'yes', 'yep', 'yup', 'no', 'hold on', 'hang on', 'next', 'anyway', 'never ?mind', 'oops', 'sorry', 'cancel(?:led)?'],
  ...['stand ?by', 'go ahead', 'scratch that', 'wait', 'let me think', 'let me see', "let'?s see"],
  String.raw`this is [\w\s]+ (?:dictating|reporting)`,
  // The speaker introducing the call before its story: "this one was wild", "this call's from last night", "this was a long
  // one", "let me get this down while it's fresh", "where do I start". Only the speaker's words about the call (PREFACE_WORDS)
  // or when it was: the call named ("this call was a cardiac arrest", "this one is a refusal", "this run was for chest pain")
  // is the dispatch or the disposition said in passing, never filler.
  // Its exclamations: "oh man", "oh boy", "whew".
  ...['oh(?: (?:boy|man|wow|geez|jeez))?', 'wow', 'whew', 'geez', 'jeez'],
  // The speaker's word on the patient, said alone: "Sweet lady.", "Really nice guy.", "Such a sweet old man.". Not "pleasant",
  // which charts a demeanour ("Pleasant lady.").
  String.raw`(?:such )?(?:an? )?(?:(?:really|very|so) )?(?:sweet|nice|lovely) (?:old )?(?:lady|guy|man|woman|gentleman|fella|gal)`,
  String.raw`this (?:one|call|run)(?:'?s| was| is) ` +
    String.raw`(?:(?:really|pretty|kind of|kinda|a (?:little )?bit(?: of)?|so|super|very|quite|just) )*(?:${anyOf(PREFACE_WORDS)})`,
  // "Alright, so, this one.": the call pointed at after the speaker's opening words, nothing said of it yet. Not said alone ("Two
  // patients. This one. A 30 year old male …" says which patient).
  String.raw`(?<=\b(?:okay|ok|alright|all right|so|um+|uh+)[\s,.!]+)this (?:one|call|run)`,
  // "Okay recording.": the speaker starting the recorder, after an opening word (a run-on's opening words, cut before the call).
  String.raw`(?<=\b(?:okay|ok|alright|all right|so|um+|uh+)[\s,.!]+)recording`,
  // A second-language speaker's closing, "Okay, finish.": only after "okay" ("Finished." alone may answer the line before).
  String.raw`(?<=\b(?:okay|ok)[\s,.!]+)finish(?:ed)?`,
  // "this one was a delivery", "this one's a double refusal": the speaker's "this one" naming the call in a word or two before
  // its story. Not "this call/run was …" ("this call was a cardiac arrest" is the dispatch said in passing).
  String.raw`this one(?:'?s| was| is) (?:a|an) (?:[a-z'-]+ )?[a-z'-]+`,
  // The call's effect on the speaker: "this one got my heart going a little", "this call got my adrenaline pumping".
  String.raw`this (?:one|call|run) got (?:my|our) (?:heart|adrenaline|blood) (?:going|pumping|racing)(?: (?:a little|a bit))?`,
  // Said with it: "I'll be honest", "to be honest", "honestly".
  ...["i'?ll be honest", 'to be honest', 'honestly'],
  String.raw`this (?:one|call|run)(?:'?s| was| is) from (?:[a-z]+ ){0,2}(?:morning|afternoon|evening|night|earlier|yesterday|today|shift)`,
  String.raw`this (?:was|is) (?:a|an) (?:[a-z'-]+ ){0,2}one`,
  // Why now: "while it's fresh", "before I forget (it)".
  String.raw`let me get this (?:one |call )?(?:down|on paper|written down|recorded)` +
    String.raw`(?: while it(?:'?s| is) (?:still )?fresh| before i forget(?: it)?)?`,
  // The speaker starting the report: "starting this one", "starting the overdose one", "start the narrative", "let me start
  // from the beginning".
  String.raw`(?:(?:i'?m|we'?re|okay) )?start(?:ing)? ` +
    String.raw`(?:this(?: one| call)?|the (?:[a-z'-]+ )?one|(?:the|my) (?:report|narrative|dictation))`,
  String.raw`let me start (?:from|at) the (?:beginning|top|start)`,
  // The speaker about to begin: "here goes", "okay, here we go", "here it goes", "let's do this", "ready".
  String.raw`here (?:we |it )?go(?:es)?`,
  String.raw`let'?s (?:do this|do it|go|get (?:started|going))`,
  'ready',
  String.raw`where (?:do|should) i (?:start|begin)`,
  'stop',
  'over',
];
const FILLER = new RegExp(String.raw`^(?:(?:${anyOf(FILLER_WORDS)})[\s,.!]*)+$`, 'i');
/**
 * Words after "the" that make "this is the …" say something of the patient or the call rather than name it: "this was the worst
 * headache of her life", "this is the third fall this week", "this is the patient's second seizure", "this one is the driver"
 * or "this one was the toddler" (a second patient's report), "this is the pain in his chest", "this was the 0547 call for …"
 * (a number: the dispatch).
 */
const NOT_A_CALL_NAME: WordTable = [
  ...['worst', 'best', 'biggest', 'highest', 'lowest', 'most', 'least'],
  ...['first', 'second', 'third', 'fourth', 'fifth', 'last', 'only', 'same', 'other', 'next', 'one', 'kind', 'type', 'time'],
  ...['patient', "patient'?s", 'pt', "pt'?s", 'driver', 'passenger', 'mother', 'mom', 'father', 'dad', 'baby', 'wife', 'husband'],
  ...['grandmother', 'grandfather', 'grandma', 'grandpa', 'brother', 'sister', 'toddler', 'infant', 'boy', 'girl', 'man', 'woman'],
  ...['lady', 'guy', 'gentleman', 'male', 'female', 'victim', 'pedestrian', 'cyclist', 'rider', 'occupant', 'resident'],
  ...['son', 'daughter', 'kid', 'child', 'pain', 'rash', 'wound', 'cut', 'bleeding', 'blood', 'swelling', 'bruise', 'bruising'],
  // A place says where the call was, not which call: "this was the house on Elm Street".
  ...['address', 'house', 'home', 'residence', 'apartment', 'apartments', 'building', 'entrance', 'door', 'corner', 'intersection'],
  String.raw`\d[\w:]*`,
];
/**
 * The speaker naming the call by "the" and its nature before its story ("this one's the hip", "this was the wreck on Highway 9",
 * "this is for the fall on Birchwood", "this is the syncope from this afternoon"): the listener is told which call, nothing
 * more. Said of "this one/call/run" alone, or with a named place (capitalised: "on Route 30") or when it was.
 */
const CALL_NAMED = new RegExp(
  String.raw`^(?:(?:${anyOf(FILLER_WORDS)})[\s,.!]*)*` +
    String.raw`this(?<one> (?:one|call|run))?(?:'?s| was| is) (?:for )?the ` +
    String.raw`(?!(?:${anyOf(NOT_A_CALL_NAME)})\b)[a-z'-]+(?<named> [a-z'-]+)?` +
    String.raw`(?:(?<place> (?:on|off|at|in|by) (?:[\w'-]+ ?){1,3})` +
    String.raw`|(?<when> from (?:this|last|earlier|yesterday)\b(?: [a-z]+){0,2}))?[\s.!]*$`,
  'i',
);
/** A call named by what it was for ("the stroke call", "the overdose one"): the dispatch said in passing, never filler. */
const NATURE_NAMED = new RegExp(
  String.raw`\bthe (?:${anyOf([
    ...['stroke', 'seizure', 'fall', 'assault', 'diabetic', 'psych', 'drowning', 'refusal', 'transfer', 'overdose', 'od', 'cardiac'],
    ...['arrest', 'chest pain', 'breathing', 'sob', 'mvc', 'mva', 'crash', 'wreck', 'trauma', 'shooting', 'stabbing', 'gsw', 'burn'],
    ...['fire', 'allergic', 'allergy', 'anaphylaxis', 'asthma', 'copd', 'sick', 'fever', 'syncope', 'fainting', 'unresponsive'],
    ...['bleeding', 'labor', 'delivery', 'ob', 'birth', 'heat', 'cold', 'hypothermia', 'sugar', 'sepsis', 'bite', 'lift assist'],
    ...['welfare', 'suicide', 'suicidal', 'behavioral', 'intox', 'drunk', 'withdrawal', 'choking', 'stemi', 'hospice', 'dialysis'],
  ])}) (?:call|one|run)\b`,
  'i',
);
function callNamed(text: string): boolean {
  const m = CALL_NAMED.exec(text);
  if (!m?.groups) return false;
  const { one, place, when, named } = m.groups;
  // "this was the church call", "this is the second one": the call named as a call, by where or which. Not by its nature ("this was
  // the stroke call" says what the call was for).
  if (place === undefined && when === undefined && /^ (?:call|one|run)$/i.test(named ?? '')) return !NATURE_NAMED.test(m[0]);
  // A number in the place may be said nowhere else ("this was the car on Highway 9"): kept, so it is not lost.
  if (place !== undefined) return /^\s*\S+\s+[A-Z]/.test(place) && !/\d/.test(place);
  return when !== undefined || one !== undefined;
}
/** The report itself, as the speaker calls it ("the report", "my narrative", "PCR narrative"). */
const REPORT_WORDS: WordTable = ['report', 'narrative', 'dictation', 'run report', 'patient care report', 'pcr(?: narrative| report)?'];
/** How the speaker says they are making it: "this is", "here's", "I make", "I'm doing", "starting". */
const REPORT_SAYERS: WordTable = [
  String.raw`(?:this|it|here)(?:'?s| is)`,
  'is',
  String.raw`(?:i|we)(?:'?m|'?re| am| are| will|'ll)? ` +
    '(?:make|making|do|doing|start|starting|begin|beginning|dictate|dictating|record|recording)',
  'start(?:ing)?',
  'begin(?:ning)?',
];
/**
 * Words that make the report the one given at the hand-off or tie it to a unit: "report to the charge nurse", "report for the
 * nurse", "report on Medic twelve". Said after the report's "for/on/about/of", they keep the line a statement.
 */
const REPORT_NOT_NAMED: WordTable = [
  ...['to', 'given', 'called', 'gave', 'nurse', 'rn', 'doctor', 'dr', 'physician', 'staff', 'er', 'ed', 'hospital'],
  ...['medic', 'unit', 'rescue', 'engine', 'ambulance', 'squad', 'truck', 'dispatched', 'paged', 'toned'],
  // A verb makes it a statement of what was reported: "report about his baseline was from the daughter".
  ...['was', 'is', 'were', 'are', 'had', 'has', 'that'],
];
/**
 * The speaker naming the report before the call ("So, report for the man from the park.", "Okay, is the report for the call of
 * Señora Muñoz.", "Okay, I make the report now.", "Starting the narrative for the gym arrest."): which report, nothing of the
 * call. Not with a number or a unit ("Report for Medic 12, dispatched at 1847" is the dispatch) nor a report given at the
 * hand-off ("Report given to the charge nurse", "Gave report to Dr. Patel"). The call only with "the", "this" or "my" after
 * "for", "on" or "about": "Report of a fall", "Report for chest pain" is what the caller reported, the nature of the call.
 */
const REPORT_NAMED = new RegExp(
  String.raw`^(?:(?:${anyOf(FILLER_WORDS)})[\s,.!]*)*(?:(?:${anyOf(REPORT_SAYERS)}) )?(?:(?:the|my|our|a) )?(?:${anyOf(REPORT_WORDS)})` +
    String.raw`(?: now)?(?<tail> (?:for|on|about) (?:the|this|that|my|our) (?:[^\s\d,;:.!?]+ ?){1,7})?(?: now)?[\s.!]*$`,
  'i',
);
const REPORT_TAIL_NOT_NAMED = new RegExp(String.raw`\b(?:${anyOf(REPORT_NOT_NAMED)})\b`, 'i');
function reportNamed(text: string): boolean {
  const m = REPORT_NAMED.exec(text);
  return m !== null && !REPORT_TAIL_NOT_NAMED.test(m.groups?.tail ?? '');
}
/** Who the patient is, as a speaker names the call by them ("the lady at church", "the man from the park"). */
const CALL_PATIENT_WORDS: WordTable = [
  ...['lady', 'man', 'woman', 'guy', 'gentleman', 'fella', 'gal', 'dude', 'kid', 'child', 'boy', 'girl', 'baby', 'toddler'],
];
/** Where a second patient sat or came from, not where the call was: "the passenger from the second car", "in the back seat". */
const NOT_A_CALL_PLACE: WordTable = [
  ...['car', 'cars', 'vehicle', 'truck', 'van', 'minivan', 'suv', 'seat', 'bus', 'second', 'other', 'first', 'third', 'same'],
];
/**
 * The words that take the speaker's way to where the call was ("over on Fairview", "out at the lake"). Not "down": "the man
 * down at the bus stop" is a man-down call, its nature.
 */
const WAY_TO_CALL_PLACE: WordTable = ['over', 'out', 'up'];
/**
 * The speaker naming the call by its patient and where the call was ("Okay so this was the lady at church.", "So this one was
 * the man from the park."): which call, before its story. Only with "at"/"from" a place without a number; "this one was the
 * toddler" alone, or "the passenger from the second car", is a second patient's report.
 */
const PATIENT_CALL_NAMED = new RegExp(
  String.raw`^(?:(?:${anyOf(FILLER_WORDS)})[\s,.!]*)*this(?: one| call)?(?:'?s| was| is) the ` +
    String.raw`(?:(?:old|older|elderly|young|little|big)\s)?(?:${anyOf(CALL_PATIENT_WORDS)}) ` +
    String.raw`(?:(?<way>${anyOf(WAY_TO_CALL_PLACE)}) )?(?<at>at|from|on) (?<place>(?:[a-z'-]+ ?){1,4})[\s.!]*$`,
  'i',
);
/** A drug's name, the crew's or the patient's own: "on Lasix" is what the patient takes, however it is said. */
const DRUG_NAME = new RegExp(String.raw`^(?:${anyOf(...[...MEDICATIONS, ...HOME_MEDICATIONS].map(([, said]) => said))})\b`, 'i');
/**
 * Whether the line names the call by its patient and place. What the patient had ("the man with chest pain over on Delmar", "the
 * lady over on Fairview with the hip") is never part of it: it is a fact that may be said nowhere else. "on" only after the way
 * there and with a street's name ("the lady over on Fairview"): "the lady on Coumadin" is a drug she takes (capitalised like a
 * street), "on hospice" how she is.
 */
function patientCallNamed(text: string): boolean {
  const { place, at, way } = PATIENT_CALL_NAMED.exec(text)?.groups ?? {};
  if (place === undefined || new RegExp(String.raw`\b(?:${anyOf(NOT_A_CALL_PLACE)})\b`, 'i').test(place)) return false;
  if (/\bwith\b/i.test(place) || DRUG_NAME.test(place)) return false;
  return at !== 'on' || (way !== undefined && /^[A-Z]/.test(place));
}
/** Words before what the patient had that say nothing of it: "with the bad hip", "with his asthma". */
const HAD_LEAD_WORDS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'bad', 'little', 'big', 'old']);
/** A negation makes what the patient had a finding of its own ("with no pulse"): its words said elsewhere are not it. */
const HAD_NEGATION = /\b(?:no|not|without|never)\b/i;
const PATIENT_CALL_NAMED_WITH = new RegExp(
  String.raw`^(?:(?:${anyOf(FILLER_WORDS)})[\s,.!]*)*this(?: one| call)?(?:'?s| was| is) the ` +
    String.raw`(?:(?:old|older|elderly|young|little|big)\s)?(?:${anyOf(CALL_PATIENT_WORDS)}) with (?<had>(?:[a-z'-]+ ){1,3})` +
    String.raw`(?:${anyOf(WAY_TO_CALL_PLACE)}) (?:at|from|on) (?<place>(?:[a-z'-]+ ?){1,4})[\s.!]*$`,
  'i',
);
/**
 * The speaker naming the call by its patient, what they had and the named street they were on ("Okay, so, this was the little guy
 * with asthma over on Delmar."): the words of what they had (["asthma"]), or null. Only with the way there and a capitalised
 * place that is no drug. Not filler by itself: the line documents what the patient had, so it is dropped only where the rest of
 * the dictation says it again (the composer looks, as it has every line).
 */
export function callNamedWithWhatTheyHad(text: string): string[] | null {
  const { had, place } = PATIENT_CALL_NAMED_WITH.exec(text)?.groups ?? {};
  if (had === undefined || place === undefined || !/^[A-Z]/.test(place) || HAD_NEGATION.test(had)) return null;
  if (new RegExp(String.raw`\b(?:${anyOf(NOT_A_CALL_PLACE)}|with)\b`, 'i').test(place) || DRUG_NAME.test(place)) return null;
  const words = had
    .trim()
    .split(/\s+/)
    .filter((w) => !HAD_LEAD_WORDS.has(w.toLowerCase()));
  return words.length > 0 ? words : null;
}
/** Filler: words that document nothing ("okay", "that's it"), or the speaker naming the call before telling it. */
const isFiller = (text: string) => FILLER.test(text) || callNamed(text) || reportNamed(text) || patientCallNamed(text);
const RESPONSE = wordMatcher([
  `(?:${MODE_WORDS}) response`,
  'respond(?:ed|ing)',
  'en ?route to (?:the )?(?:scene|call|residence|location|address|home|house)',
  'responded',
  'response (?:was|time)',
  'travel time',
  'proceeded to the scene',
  'staged',
  `(?:ran|went|drove) (?:in |it )?(?:${MODE_WORDS})`,
  // The present tense of a second-language speaker, opening the line: "we go emergent with lights", "we go code 3".
  `(?<=^\\s*)we (?:go|run|drive) (?:in |it )?(?:${MODE_WORDS})`,
  // "Came in code 3", "came in hot": how the unit came to the scene.
  // Said alone (a run-on line is cut after it): "Came in hot, PD already had him in cuffs, 25 male" is the assessment.
  `came in (?:${MODE_WORDS})(?=(?:\\s+(?:with|no|without)\\s+lights and sirens)?\\s*[.!]?\\s*$)`,
  // "Resp non-emerg.": the response abbreviated, with its mode.
  `resp\\.? (?:${MODE_WORDS})`,
  `(?:upgraded|downgraded) to (?:${MODE_WORDS})`,
]);
const AT_DESTINATION = wordMatcher([
  // Whole words before the facility word, each with its space: with an optional space the same words split in
  // exponentially many ways (a run-on line without a facility never returned) and "her" ended in "er".
  String.raw`arriv(?:ed|al|ing) at (?:the )?(?:[A-Z][\w'’.-]*\s+)*` +
    '(?:hospital|medical center|ed|er|emergency|destination|facility|receiving)',
  'upon arrival at (?:the )?[A-Z]',
  'care (?:was )?transferred',
  'transferred care',
  'turned (?:the patient |patient |care )?over',
  'handed (?:the patient |care )?off',
  'hand-?off',
  'report (?:was )?given',
  'gave (?:a )?(?:verbal |bedside )?report',
  'bedside report',
  'transfer of care',
  'at (?:the time of )?transfer',
  'at hand-?off',
  'at turnover',
]);
const TRANSPORT = wordMatcher([
  'transport(?:ed|ing)?',
  // "Load and go, scene time four minutes": leaving the scene at once.
  'load and go',
  'en ?route to (?:the )?(?:hospital|[A-Z])',
  'loaded (?:into|onto|in|on) (?:the )?(?:ambulance|unit|truck|rig|medic|stretcher|cot)',
  'loaded (?:the )?(?:patient|pt|him|her)',
  'moved to the (?:stretcher|cot|ambulance|unit)',
  'placed (?:on|onto) the (?:stretcher|cot)',
  String.raw`(?:assisted|moved|lifted|transferred|carried) (?:\w+ )?(?:to|onto|into) the (?:stair ?chair|stretcher|cot|ambulance|unit)`,
  'stair ?chair',
  'carried to',
  'ambulated to the',
  'refus(?:ed|es|al)',
  'declined (?:transport|treatment|care|further)',
  'against medical advice',
  String.raw`\bAMA\b`,
  'signed (?:a |the )?(?:refusal|release|waiver)',
  'released (?:to|at|on scene)',
  'destination',
  'diverted',
  'no transport',
  'left (?:in the care|with)',
  // The disposition of a patient not transported: "Left at home with her son".
  'left (?:at home|on scene|at (?:the )?(?:scene|residence))',
  // The unit clearing the call ("Cleared 1930", "Back in service at 1935") closes the disposition.
  String.raw`(?<=^\s*)cleared(?= (?:the )?(?:scene |call )?(?:at )?\d{4}\b)`,
  'back in service',
  // The advice a patient who stays home is given closes the disposition.
  String.raw`advised (?:to )?(?:call|contact|follow up|return|see)`,
]);
/** Whom the crew can find on arrival ("found a male …", "found the pt …"). */
const FOUND_WHOM: WordTable = [
  String.raw`\d+`,
  'patient',
  'pt',
  'him',
  'her',
  'elderly',
  'adult',
  'young',
  'male',
  'female',
  'man',
  'woman',
  'child',
  'girl',
  'boy',
  'infant',
  'unresponsive',
  'single',
  'two',
  'vehicle',
  // A name after a form of address ("found Mr. Okoro", "found Señora Ruiz").
  String.raw`(?:mrs?|ms|miss|mister|señora?|sra?|don|doña)\b`,
  // An age said in words ("found a sixty year old female").
  '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|three|four|five|six|seven|eight|nine|ten|eleven|twelve)',
  // Found in a posture ("found lying in the hallway").
  String.raw`(?:sitting|standing|lying|laying|slumped|seated|kneeling|supine|prone)\b`,
];
const ARRIVAL = wordMatcher([
  'arriv(?:ed|al|ing) (?:on|at) (?:the )?(?:scene|residence|location|address|home|house|apartment)',
  // Not the patient's mobility said with the place ("ambulatory on scene", "walking on scene"): a finding, unless found so.
  // The crew walking on scene ("we were walking on scene at 1402") is still the arrival.
  String.raw`(?<!(?<!\b(?:we|i|crew)\s(?:were|was|are|am|came)\s)\b(?:ambulatory|ambulating|walking|self[- ]extricated)\s)on scene`,
  'upon (?:our )?arrival',
  'on (?:our )?arrival',
  'arrived',
  `(?:we )?found (?:the |a |an )?(?:${anyOf(FOUND_WHOM)})`,
  '(?:was|were) found',
  'met (?:at the door |outside )?by',
  'met us',
  // Chatty arrivals: "When we got there she was sitting …", "Once we pulled up …".
  '(?:when|once|as) we (?:got there|got to (?:the )?\\w+|arrived|pulled up|walked in)',
  // Not a moment of the history timed by the crew's coming ("ate it about fifteen minutes before we got there").
  String.raw`(?<!\b(?:before|until|till|since|after)\s+(?:we\s+)?)got there`,
  'pulled up',
  // "On location 1715", "We walk in at 0419 and …", "Contact 0226", "made patient contact 1429".
  'on location',
  String.raw`(?:we )?walk(?:ed)? in(?= at| to\b)`,
  String.raw`(?:made )?(?:patient |pt )?contact(?=,?\s+(?:at\s+)?\d{3,4}\b)`,
  String.raw`at (?:the )?(?:pt|patient)'?s? side`,
  // Someone brought the patient to the crew: "Dad carried her out to us", "came out to the ambulance".
  String.raw`(?:carried|brought|walked) (?:him|her|them|the (?:patient|pt|child|baby)) out to (?:us|the (?:ambulance|unit|truck|rig))`,
  String.raw`came out to (?:us|the (?:ambulance|unit|truck|rig))`,
  'scene (?:was |is )?(?:safe|secure)',
  // What the scene showed on its ground or floor: "there's a lot of blood on the asphalt", "broken glass all over the road".
  // Not what is on the patient ("blood on his shirt") or comes from a wound: those are findings.
  String.raw`there(?:'?s| is| was| were) (?:(?:a lot of|lots of|some|a (?:large |small )?(?:pool|puddle|amount) of|broken) )?` +
    String.raw`(?:blood|vomit|emesis|glass|debris|pills|pill bottles|beer cans|bottles) (?:all )?(?:on|over|across|around) ` +
    String.raw`the (?:[\w-]+ )?(?:floor|ground|asphalt|road|roadway|pavement|street|carpet|sidewalk|driveway|grass|scene)\b` +
    // Not blood said with the wound it came from or the body part it lies under ("… from the scalp laceration", "… under his leg").
    String.raw`(?![^.;]*\b(?:from (?:the|his|her|their|a) (?:[\w-]+ )?(?:laceration|wound|head|scalp|nose|leg|arm|mouth)|` +
    String.raw`under (?:him|her|his|her))\b)`,
  'law enforcement (?:on scene|was present)',
  // Who else the crew found there: "his buddy from work was there too", "the neighbor was already there with her". Not someone
  // there when it happened ("her husband was there when she fell"): "too", "also", "already" or "with" says it is the scene.
  // Nor someone the patient tells of ("pt states his friend was there too when he took the pills"). Only said first, as its own
  // statement: "80 year old female the hospice nurse was there too dnr on file" is the patient's.
  String.raw`(?<!\b(?:states|stated|says|said|reports|reported|told us|per)\s(?:[\w'-]+\s){0,3})` +
    String.raw`(?<=^[\s,]*(?:(?:and|so|also|then|okay|um|uh)[\s,]+)*` +
    String.raw`(?:(?:one|two|three|four|some|both|a few|a couple) of\s+)?(?:(?:the|his|her|their|a|an|pt's|patient's)\s+)?)` +
    String.raw`\b(?:${anyOf(PEOPLE_NOT_CREW, ['buddy', 'buddies', 'pal'])})s? (?:(?:from|at) (?:the )?[\w'-]+ )?(?:was|were) ` +
    String.raw`(?:(?:also|already) there|there (?:too|also|already|with (?:him|her|them)))\b` +
    String.raw`(?![^.;,]*\b(?:when|while|before|after)\b)` +
    // Nor a statement that goes on to what they did or were told, or to a finding ("his roommate was there too and said he took
    // 20 oxycodone", "her son was already there and had helped her up, she complains of hip pain"): the patient's history.
    String.raw`(?![^.;]*\b(?:and|said|says|states|stated|told|reports?|reported|complain\w*|pain|took|taken|gave|given|had|has|helped)\b)`,
  'bystanders? (?:cpr|were)',
  'in progress (?:on|upon) arrival',
]);
const IMPRESSION = wordMatcher([
  'impression',
  'suspect(?:ed)?',
  'consistent with',
  'likely',
  'probable',
  'possible (?:stroke|mi|stemi|sepsis|overdose|fracture|hip fracture)',
  'field diagnosis',
  'working diagnosis',
  'primary impression',
  'assessment (?:is|was) ',
  'treated as',
  'concerning for',
  'cincinnati stroke scale (?:was )?positive',
  'stroke alert',
  'stemi alert',
  'trauma alert',
  'cardiac alert',
  'sepsis alert',
]);
const HISTORY = wordMatcher([
  'history',
  'hx',
  'pmh',
  'medical history',
  'takes',
  'taking',
  'medications? include',
  'home medications?',
  'prescribed',
  String.raw`allerg\w*`,
  'nkda',
  'denies',
  'denied',
  'states',
  'stated',
  'reports',
  'reported',
  'according to',
  'per (?:family|wife|husband|mother|father|staff|bystanders|the)',
  'onset',
  'began',
  'started',
  'since',
  'last (?:known|seen) (?:well|normal)',
  'prior to (?:our |ems )?arrival',
  'took',
  'drank',
  'ingested',
  'last oral intake',
  'events leading',
  'sample',
]);
/** Words of the exam: findings, vital names, the neuro and skin checks. */
const EXAM_WORDS: WordTable = [
  'vitals?',
  'vital signs',
  'skin (?:was|is|were)',
  'skin',
  'lung sounds',
  'breath sounds',
  'pupils',
  'perrl',
  'gcs',
  'alert and oriented',
  'a ?& ?o',
  'a ?and ?o ?x',
  'oriented',
  'alert',
  'unresponsive',
  'responsive',
  'exam',
  'assessment revealed',
  'physical',
  String.raw`tender\w*`,
  'deformity',
  'swelling',
  'bleeding',
  'laceration',
  'abrasion',
  'contusion',
  'abdomen',
  'chest rise',
  'airway (?:is |was )?(?:patent|clear)',
  '12[- ]lead (?:showed|revealed|shows|demonstrated)',
  'ecg',
  'ekg',
  'rhythm',
  'sinus',
  'cincinnati',
  'facial droop',
  'arm drift',
  'slurred',
  'weakness',
  'grip',
  'capillary refill',
  'jvd',
  'edema',
  'trachea',
  'pulses?',
  'blood glucose',
  'blood sugar',
  'glucose',
  'temperature',
  'spo2',
  'sats?',
  'blood pressure',
  'heart rate',
  'respirations?',
  String.raw`wheez\w*`,
  'crackles',
  'rales',
  'diminished',
  'clear (?:and equal|bilaterally)',
  'warm',
  'dry',
  'diaphoretic',
  'pale',
  'cyanotic',
  'flushed',
  String.raw`pain (?:is|was) (?:rated|\d)`,
  'rates (?:the |his |her )?pain',
];
const EXAM = wordMatcher(EXAM_WORDS);

/** A line that opens with the arrival or says where the patient was found ("Arrival 2259", "Pt found …"). */
const ARRIVAL_OPENING = new RegExp(
  [
    String.raw`^(?:arrival|arrived|on[- ]?scene|at (?:the )?(?:bedside|patient'?s side))\b`,
    String.raw`(?:\bpt|\bpatient)\s+(?:was\s+)?found\b`,
    // "OS 0324", "Arr 1502": on scene in shorthand, with the clock time.
    String.raw`^(?:OS|Arr\.?)\s*\d{3,4}\b`,
  ].join('|'),
  'i',
);
const POSTURE_SUBJECTS: WordTable = [
  'pt',
  'patient',
  'kid',
  'child',
  'man',
  'woman',
  'male',
  'female',
  'boy',
  'girl',
  'baby',
  'infant',
  'driver',
];
const POSTURES: WordTable = [
  'sitting',
  'standing',
  'lying',
  'laying',
  'supine',
  'prone',
  'slumped',
  'seated',
  'kneeling',
  'walking',
  'ambulatory',
];
const POSTURE_PLACES: WordTable = [
  'on',
  'in',
  'at',
  'outside',
  'inside',
  'next to',
  'by',
  'against',
  'near',
  'behind',
  'under',
  'in front of',
];
/** Age and sex said between the subject and where the patient was ("Pt 45 yo F outside the pharmacy"). */
const DEMOGRAPHIC = String.raw`(?:,?\s*(?:\d{1,3}\s*(?:yo|y\/o|y\.o\.|years? old|[MF])|\d0'?s|[MF]|male|female)\b,?)`;
/** Who was found: the patient named by a word, with age and sex, or by age and sex alone ("67 yo F", "72M", "50s M"). */
const FOUND_SUBJECT = [
  String.raw`(?:(?:the\s+)?(?:${anyOf(POSTURE_SUBJECTS)})${DEMOGRAPHIC}*`,
  String.raw`\d{1,3}\s*(?:yo|y\/o|y\.o\.|years? old)?\s?[MF]\b`,
  String.raw`\d0'?s\s?[MF]\b)`,
].join('|');
/** Places a patient is found in or at, said without an article ("72M on floor of garage"). */
const FOUND_PLACES: WordTable = ['floor', 'ground', 'bed', 'couch', 'sofa', 'chair', 'recliner', 'toilet', 'sidewalk', 'street', 'porch'];
/** A patient where the crew found them: subject, optional age/sex, then a place ("Pt 45 yo F outside the pharmacy", "72M on floor"). */
const PLACE_ON_ARRIVAL = new RegExp(
  String.raw`^${FOUND_SUBJECT}\s+(?:${anyOf(POSTURE_PLACES)})\s+` +
    String.raw`(?:(?:the|a|an|his|her|their)\s+(?!\d|lot\b)\p{L}|(?:${anyOf(FOUND_PLACES)})\b)`,
  'iu',
);
/** Rooms and furniture a patient is in or on when the crew comes in ("Patient is on the couch", "the patient was in the kitchen"). */
const FOUND_ROOMS: WordTable = [
  ...FOUND_PLACES,
  ...['kitchen', 'bathroom', 'bedroom', 'living room', 'hallway', 'garage', 'driveway', 'yard', 'stairs', 'stairwell', 'pew'],
];
/**
 * Words that make the room where the patient was the scene of what happened, told before the crew came: "was in the bathroom
 * when she fell", "was on the stairs and fell", "was in the yard mowing and collapsed", "in the hallway, tripped over the rug".
 */
const WHAT_HAPPENED: WordTable = [
  ...['when', 'while', 'then', 'after', 'and (?:fell|slipped|tripped|collapsed|passed|got|felt|started|began|developed)'],
  ...['fell', 'slipped', 'tripped', 'collapsed', 'passed out', 'fainted', 'syncopi[sz]ed', 'choked', 'missed', 'hit', 'struck'],
  ...['got', 'felt', 'developed', 'started', 'began', 'went down'],
];
/**
 * The patient where the crew found them, said with "is"/"was" ("Patient is on the couch, sweating", "The patient was on the
 * bathroom floor"). Not how long they had been there ("was on the floor for six hours before her son found her": history), nor
 * a drug, a device or an accident ("is on his blood thinners", "on the monitor", "was in a car accident"): no room is named.
 */
const STATE_ON_ARRIVAL = new RegExp(
  String.raw`^(?:the\s+)?(?:pt|patient)\s+(?:is|was)\s+(?:still\s+)?(?:on|in|at)\s+(?:(?:the|a|an|his|her|their)\s+)?` +
    String.raw`(?:[\p{L}-]+\s+)?(?:${anyOf(FOUND_ROOMS)})\b(?![^.;]*\b(?:for|since|overnight|all night|before|until)\b)` +
    String.raw`(?![^.;]*\b(?:${anyOf(WHAT_HAPPENED)})\b)`,
  'iu',
);
/**
 * How the patient was when the crew got there, said without "found": "Pt standing outside the store". "Walking on scene" names
 * no place: it is the patient's mobility, a finding.
 */
const POSTURE_ON_ARRIVAL = new RegExp(
  // How they sat or stood may come between: "Patient was sitting upright on the cot", "pt standing alone in the lot".
  String.raw`^${FOUND_SUBJECT}\s+(?:was\s+|is\s+)?(?:${anyOf(POSTURES)})\s+` +
    // Not when the sentence tells what happened there: "was sitting up in bed when the pain started".
    String.raw`(?:(?:upright|up|alone|quietly|still)\s+(?![^.;]*\b(?:${anyOf(WHAT_HAPPENED)})\b))?` +
    String.raw`(?:${anyOf(POSTURE_PLACES)})\b(?!\s+scene\b)`,
  'i',
);
/** Someone other than the crew reports what they found ("Husband found her …", "staff states she was found …"). */
const REPORTER = wordMatcher([
  'wife',
  'husband',
  'family',
  'daughter',
  'son',
  'mother',
  'father',
  'mom',
  'dad',
  'parents?',
  'staff',
  'caregiver',
  'aide',
  'nurse',
  'bystanders?',
  'neighbou?r',
  'friend',
  'roommate',
  'coworker',
  'police',
  'pd',
  'states',
  'stated',
  'says',
  'said',
  'reports',
  'reported',
  'per',
]);
/** Who opens a sentence to tell what happened before the crew came: family, others at the scene, carers. */
const TELLER_FIRST = new RegExp(
  String.raw`^\s*(?:(?:his|her|their|the|pt'?s|patient'?s)\s+)?(?:${anyOf(FAMILY, OTHERS_AT_SCENE, CARE_STAFF)})\b`,
  'i',
);
/** The teller's verb of saying ("says", "tells us", "reported"). */
const TELLING = wordMatcher(['says', 'said', 'states', 'stated', 'reports', 'reported', 'tells(?: us)?', 'told us']);
/**
 * "His dad, Tom, says he's four, found him face down in the pool": a "found" with no subject in its own clause goes on with the
 * sentence's subject, here the teller who opened it with their words, so it is their finding (history), not the crew's arrival.
 * Not when the crew is said anywhere before it ("we arrived, his wife says …, found him"), nor a teller who only met the crew
 * ("Mom met us at the door, found him on the couch": no saying, the crew found him).
 */
function tellerFound(text: string, foundAt: number, found: string): boolean {
  if (/^\s*we\b/i.test(found)) return false;
  const before = text.slice(0, foundAt);
  const ownClause = before.split(/[,;]/).pop() ?? '';
  if (!/^\s*(?:and\s+)?$/i.test(ownClause)) return false;
  const crewSaid = /\b(?:we|crew|i)\b/i.test(before);
  return TELLER_FIRST.test(before) && TELLING.test(before) && !crewSaid;
}
const ARRIVAL_LEAD = /^(?:arrival|arrived|on[- ]?scene|at (?:the )?(?:bedside|door|front door|scene))(?:\s+(?:at\s+)?\d{3,4})?\s*,/i;
/**
 * "At the park 1548, child sitting …", "At patient 1243, …", "0259 at pt side, …": where the crew
 * got to and the clock time, then the scene.
 */
const ARRIVAL_AT_PLACE = new RegExp(
  String.raw`^(?:at (?:the )?[\p{L}'’. -]{2,40}?\s+(?:[01]\d|2[0-3])[0-5]\d` +
    String.raw`|(?:[01]\d|2[0-3])[0-5]\d,?\s+at (?:the )?(?:pt|patient)'?s?(?: side)?)\s*,` +
    // Run-on speech has no comma: "at patient 0131 male lying on the sidewalk".
    String.raw`|^at (?:the )?(?:pt|patient)'?s?(?: side)?\s+(?:[01]\d|2[0-3])[0-5]\d\b`,
  'iu',
);
/**
 * A diagnostic the crew ran (12-lead, monitor) is an intervention when the sentence says it was
 * done ("obtained", "transmitted", "continuous … en route", "placed on the cardiac monitor, showing …",
 * "we did a 12-lead which just showed afib"), whatever it showed; when it only says what it showed
 * ("12 lead shows sinus brady"), it is a finding of the assessment. Labels by every author agree on
 * the first (46 of 51 such sentences in the labelled dictations are labelled Treatment).
 */
const DIAGNOSTIC_DONE = wordMatcher([
  'obtained',
  'acquired',
  'performed',
  'done',
  'transmitted',
  'sent',
  'continuous',
  'placed on',
  'applied',
  'monitored',
  'monitoring',
  'placed',
  String.raw`put (?:(?:him|her|them|the patient|pt) )?on`,
  String.raw`moved (?:(?:him|her|them|the patient|pt) )?(?:over )?to our`,
  String.raw`(?:we )?did a`,
  'repeat',
  'swapped',
  String.raw`kept (?:(?:him|her|them|the patient|pt) )?on`,
  'attached',
  'hooked up',
]);
/** Said of the tracing itself wherever it stands in the sentence ("…, and a STEMI alert was transmitted"). */
const DIAGNOSTIC_SENT = wordMatcher(['transmitted', 'acquired', 'continuous', 'monitoring', 'monitored']);
/** "BP and sat could not be obtained, … monitor showed asystole": a diagnostic not done by the crew. */
const NOT_DONE = new RegExp(
  String.raw`\b(?:could not|couldn't|unable to|not) be (?:obtained|done|acquired)\b|\btheir (?:12|twelve)[- ]?lead\b` +
    String.raw`|\bfrom the (?:clinic|sending|outside|referring|urgent care|facility|hospital)\b`,
  'i',
);
/** Crew actions said as a participle ("OPA placed", "Wound irrigated and dressed"). */
const CREW_PARTICIPLES: WordTable = [
  'applied',
  'placed',
  'stabili[sz]ed',
  'removed',
  'irrigated',
  'dressed',
  'packed',
  'splinted',
  'immobili[sz]ed',
  'started',
  'obtained',
  'acquired',
  'initiated',
  'performed',
  'established',
  'inserted',
  'secured',
  'bandaged',
  'suctioned',
  'administered',
  'continued',
  'maintained',
  'cooled',
  'warmed',
  'elevated',
  'padded',
  'positioned',
  'held',
  'given',
  'assisted',
  'lifted',
  'helped',
  'monitored',
];
/**
 * A charting line whose verb is a crew action in the passive ("Pelvis stabilized with a sheet",
 * "Wound irrigated and dressed", "OPA placed", "Cooling started 1527"): the crew did it, whatever
 * the noun is, so interventions outside the word lists are still treatment. Not when a third
 * party did it or the patient is the subject of a history statement ("pt was started on …").
 */
const CREW_PARTICIPLE = new RegExp(String.raw`^(?:[\p{L}\d'&/-]+[\s,]+){0,5}?(${anyOf(CREW_PARTICIPLES)})\b`, 'iu');
/** "Gave him a PB sandwich and OJ 0932": the crew, unnamed, gave the patient something outside the drug lists. */
const NOT_GIVEN_TO_PATIENT = anyOf([
  ...['husband', 'wife', 'son', 'daughter', 'mother', 'father', 'mom', 'dad', 'family', 'friend'],
  ...['the list', 'a list', 'a copy', 'our', 'the number', 'paperwork', 'info', 'information', 'instructions', 'a ride'],
]);
const CREW_GAVE = new RegExp(
  String.raw`^(?:(?:we|i)\s+)?gave\s+(?:him|her|them|the patient|the pt|pt|patient)\b(?!\s+(?:${NOT_GIVEN_TO_PATIENT})\b)`,
  'i',
);
const NOT_BY_CREW = wordMatcher([
  'by (?:a |the )?(?:bystanders?|family|police|pd|fire|staff|school nurse|sending|nursing)',
  'at (?:the )?(?:sending|referring) (?:facility|hospital|ed)',
  'prior to (?:our |ems |crew )?arrival',
  'before (?:we|ems) arrived',
  'at home',
  'started on',
  'was started',
  'history',
  'yesterday',
  'last (?:night|week)',
  // A participle that is part of a place's name: "Sunrise Assisted Living".
  'assisted living',
]);

/**
 * A participle the crew did not perform: negated ("No glucose obtained, meter failed") or reported by the
 * patient or a bystander before it ("States the cough started three days ago").
 */
const NOT_DONE_BEFORE = wordMatcher(['no', 'not', 'unable to', 'without', 'never', 'says', 'said', 'states', 'stated', 'reports', 'per']);

function crewParticiple(text: string): boolean {
  const m = CREW_PARTICIPLE.exec(text);
  return (
    m !== null &&
    !NOT_DONE_BEFORE.test(text.slice(0, m.index + m[0].length - (m[1]?.length ?? 0))) &&
    // Something that happened "… ago" happened before the crew came.
    !/\bago\b/i.test(text) &&
    !NOT_BY_CREW.test(text) &&
    !/^(?:pt|patient|he|she|they)\s+(?:was\s+|is\s+)?(?:started|given|continued|maintained)\b/i.test(text)
  );
}

/**
 * "12-lead at 2151, sinus, no ST elevation", "12-lead @ 1726: ST elev V1–V4": a diagnostic charted with the
 * clock time the crew ran it is their intervention, whatever it showed; another facility's is not ("their 12-lead at 1040").
 */
// "12 lead on at 1427", "12-lead done at 2151": a participle may come between the diagnostic and its time.
const TIMED_DIAGNOSTIC =
  /^\s*(?:,|:)?\s*(?:(?:on|done|obtained|acquired|performed|run|placed|applied|captured)\s+)?(?:at|@)\s*(?:[01]?\d|2[0-3]):?[0-5]\d\b/i;
const NOT_OURS = /\b(?:their|sending|referring|outside)\s+(?:\w+\s+)?$/i;

/** The comma- or semicolon-delimited part of a sentence around a mention ("12-lead shows STEMI, | patient placed on stretcher"). */
function clauseOf(content: string, mention: { begin: number; end: number }): string {
  const start = Math.max(content.lastIndexOf(',', mention.begin), content.lastIndexOf(';', mention.begin)) + 1;
  const ends = [content.indexOf(',', mention.end), content.indexOf(';', mention.end)].filter((i) => i >= 0);
  return content.slice(start, ends.length > 0 ? Math.min(...ends) : content.length);
}

/**
 * "used heroin maybe fentanyl about an hour ago", "snorted some oxycodone": a drug said right after the patient's own use of
 * it (two words at most between) is the history of the call, whoever is the subject; not "we used narcan", "I used …".
 */
const PATIENT_USED = new RegExp(
  String.raw`(?<!\b(?:we|i|crew|ems|medic|partner)\s+)` +
    String.raw`\b(?:used|snorted|smoked|injected|shot up|ingested|swallowed|overdosed on|od'?d on)\s+(?:[\w-]+\s+){0,2}$`,
  'i',
);
const usedByPatient = (content: string, m: { begin: number }) => PATIENT_USED.test(content.slice(0, m.begin));

/** True when the segment mentions a crew treatment, its response, or a no-treatment statement. */
function isTreatment(segmentId: string, content: string, facts: EmsFacts): boolean {
  const diagnostic = (name: string) => name === '12-lead ecg' || name === 'cardiac monitoring';
  const timed = (p: EmsFacts['procedures'][number]) =>
    TIMED_DIAGNOSTIC.test(content.slice(p.mention.end)) && !NOT_OURS.test(content.slice(0, p.mention.begin));
  return (
    facts.medications.some((m) => m.mention.segmentId === segmentId && !usedByPatient(content, m.mention)) ||
    facts.procedures.some(
      (p) =>
        p.mention.segmentId === segmentId &&
        (!diagnostic(p.name) ||
          timed(p) ||
          ((DIAGNOSTIC_SENT.test(content) || DIAGNOSTIC_DONE.test(clauseOf(content, p.mention))) && !NOT_DONE.test(content))),
    ) ||
    facts.context.some((c) => c.span.segmentId === segmentId && (c.type === 'TREATMENT_RESPONSE' || c.type === 'NO_TREATMENT'))
  );
}

const withoutContext = (facts: EmsFacts, type: string): EmsFacts => ({ ...facts, context: facts.context.filter((c) => c.type !== type) });

function hasContext(segmentId: string, facts: EmsFacts, type: string): boolean {
  return facts.context.some((c) => c.span.segmentId === segmentId && c.type === type);
}

/**
 * Rule order matters: a dispatch or response statement wins over anything it mentions; reaching
 * or leaving for the destination wins over treatment ("transported, nitro repeated en route" is
 * treatment though — crew actions win over a mere transport cue); arrival wins over findings.
 */
export function classifySegment(segmentId: string, content: string, facts: EmsFacts): EmsPhase | null {
  const text = content.trim();
  // Questions (a clinician asking, in a real HealthScribe conversation) document nothing themselves.
  if (text === '' || isFiller(text) || text.endsWith('?')) return null;
  // "Med control … called 0418, TOR at 0420": a pronouncement's time is not the dispatch.
  const dispatchWords = (DISPATCH_CUE.test(text) || isCallThenUnits(text)) && !hasContext(segmentId, facts, 'NO_TRANSPORT');
  if (dispatchWords && !AT_DESTINATION.test(text) && !/\btransport(?:ed|ing)\b/i.test(text)) return 'dispatch';
  // A mode said first and a facility after it ("Code 3 to University Hospital") is the transport.
  if (MODE_LEAD_TO.test(text)) return 'transport';
  if ((RESPONSE.test(text) || MODE_LEAD.test(text)) && !TRANSPORT.test(text)) return 'response';
  const onArrival = /^(?:on|upon) (?:our )?arrival\b(?! at (?:the )?(?:hospital|ed|er|emergency|destination|receiving|[A-Z]))/i.test(text);
  if ((AT_DESTINATION.test(text) || HANDOFF.test(text)) && !onArrival) return 'transport';
  // "On scene 0415, FD doing compressions, …": a line that opens with the arrival is the arrival scene.
  if ((ARRIVAL_LEAD.test(text) || ARRIVAL_AT_PLACE.test(text)) && !TRANSPORT.test(text)) return 'arrival';
  const treatment = isTreatment(segmentId, text, facts);
  // "Transported emergent to Regional, ROSC maintained" is the transport; "transported, nitro repeated en route" is treatment.
  const transportedTo = /\btransport(?:ed|ing)?(?: (?:the )?(?:patient|pt|him|her))?(?: [\w-]+){0,3}? to\b/i.test(text);
  if (TRANSPORT.test(text) && !(treatment && !transportedTo)) return 'transport';
  // "No resuscitation was started, and the patient was released to the medical examiner": the disposition.
  const onlyNoTreatment = treatment && isTreatment(segmentId, text, withoutContext(facts, 'NO_TREATMENT')) === false;
  if ((!treatment || onlyNoTreatment) && ['DESTINATION', 'REFUSAL', 'NO_TRANSPORT'].some((t) => hasContext(segmentId, facts, t)))
    return 'transport';
  if (treatment) return 'treatment';
  const arrival =
    ARRIVAL_OPENING.exec(text) ??
    POSTURE_ON_ARRIVAL.exec(text) ??
    PLACE_ON_ARRIVAL.exec(text) ??
    STATE_ON_ARRIVAL.exec(text) ??
    ARRIVAL.exec(text);
  // "Husband found her on the floor" is history; "Police met us outside" is still the arrival. Only a
  // reporter in the clause of "found" found the patient ("Pt …, 30 per her sister, found lying …" is the crew).
  const clauseBefore = arrival ? (text.slice(0, arrival.index).split(/[,;]/).pop() ?? '') : '';
  const theirFinding =
    arrival !== null && /found/i.test(arrival[0]) && (REPORTER.test(clauseBefore) || tellerFound(text, arrival.index, arrival[0]));
  if (arrival && !theirFinding) return 'arrival';
  if (crewParticiple(text) || CREW_GAVE.test(text)) return 'treatment';
  if (IMPRESSION.test(text)) return 'impression';
  if (hasContext(segmentId, facts, 'CHIEF_COMPLAINT')) return 'chief_complaint';
  if (facts.vitals.some((v) => v.name.segmentId === segmentId)) return 'exam';
  if (HISTORY.test(text)) return 'history';
  if (EXAM.test(text)) return 'exam';
  // "she's 79", "32 yo", "pt 45": an age said alone (a run of words cut before the rest of the patient's line) is the
  // patient's; two words are no filler when one is the age.
  if (AGE_ALONE.test(text)) return 'history';
  return text.split(/\s+/).length >= 3 ? 'history' : null;
}

/** Who an age is said of, alone before it: "she's", "he is", "pt", "age". */
const AGE_SUBJECTS: WordTable = [String.raw`(?:he|she)(?:['’]s|\s+is)`, 'pt', 'patient', 'age', 'aged'];
/** Units an age is said with after its number: "32 yo", "79 y/o", "58 years". */
const AGE_UNITS: WordTable = ['yo', String.raw`y\/o`, String.raw`y\.o\.?`, 'years?(?: old)?', 'yrs?'];
const AGE_ALONE = new RegExp(
  String.raw`^(?:(?:${AGE_SUBJECTS.join('|')})\s+\d{1,3}(?:\s*(?:${AGE_UNITS.join('|')}))?|\d{1,3}\s*(?:${AGE_UNITS.join('|')}))[.!]?$`,
  'i',
);

/** Filler or a question: a line that documents nothing of its own, even with a number in it ("Call 2, okay?"). */
export function documentsNothing(content: string): boolean {
  const text = content.trim();
  return text === '' || isFiller(text) || text.endsWith('?') || RADIO_CODE_ALONE.test(text);
}
/** A radio ten-code said alone, maybe after a filler word: "10-4.", "Okay, 10-8.": an acknowledgement, no reading. */
const RADIO_CODE_ALONE = new RegExp(String.raw`^(?:(?:${anyOf(FILLER_WORDS)})[\s,.!]*)*10-\d{1,2}[\s.!]*$`, 'i');

/**
 * A short line no rule places that still says something ("Hypoglycemia.", "Likely CVA."): not filler,
 * not a question, a word of four letters or more. The composer keeps it (as the impression, unless the
 * clinical document places it) rather than drop it.
 */
export function isShortStatement(content: string): boolean {
  const text = content.trim();
  return text !== '' && !isFiller(text) && !text.endsWith('?') && /\p{L}{4,}/u.test(text);
}

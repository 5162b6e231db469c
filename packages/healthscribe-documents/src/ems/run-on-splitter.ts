import { CREW_BEFORE_TOOK_OVER, IV_GAUGES, MEDICATIONS, RESUSCITATION_TAKEN_OVER } from './treatment-lexicon.js';
import { FAMILY, OTHER_RESPONDERS, OTHERS_AT_SCENE, PEOPLE_NOT_CREW } from './people-not-crew.js';
import {
  CORRECTION_CUE_WORDS,
  CORRECTION_SOURCE_WORDS,
  GUESS_WORDS,
  LOOSE_CUE_WORDS,
  REPORT_END,
  SAID_WORDS,
  SORRY_AS_FEELING_AFTER,
} from './spoken-cues.js';
import { anyOf, type WordTable } from './word-table.js';
import { CARE_OBJECT_LAST_THEN_PARTICIPLE, CARE_OBJECT_THEN_PARTICIPLE } from './care-objects.js';

/**
 * Speech recognition without punctuation gives one long run-on "sentence" for a whole call. Such
 * a run (no closing punctuation, many words) is cut before the words that open a new statement
 * in a dictation: the response, arrival, what the patient says, history, a vitals set, a
 * treatment, transport, hand-off, refusal. Commas before those words go with the earlier piece.
 */
const MIN_RUN_ON_WORDS = 20;
const MIN_PIECE_WORDS = 2;
/**
 * A clock time as a recogniser writes it, its colon said or not ("1836", "18:36"). Not spoken-corrections' CLOCK, which tests a
 * whole value for the shape of a time ("9:42", any four digits) and checks no hour or minute.
 */
const CLOCK = String.raw`(?:[01]\d|2[0-3]):?[0-5]\d`;
/** The same time in four digits only ("at 0920"), where a colon is not looked for. */
const CLOCK_DIGITS = String.raw`(?:[01]\d|2[0-3])[0-5]\d`;
/** How a crew says it was sent to the call ("dispatched 1102", "we got toned out", "m5 sent to …"). */
const DISPATCH_VERBS = ['dispatched', 'toned', 'paged', 'sent'];
/** The names a unit's call sign is said with ("medic 3", "engine 6", "ladder 2"). */
const UNIT_NAMES = ['medic', 'rescue', 'engine', 'unit', 'ambulance', 'squad', 'truck', 'ladder'];
/** The crew's own unit opens its dispatch line: a truck or ladder company is not looked for there. */
const DISPATCHED_UNIT_NAMES = UNIT_NAMES.filter((name) => name !== 'truck' && name !== 'ladder');

/** A medication named with its dose, in digits or words, opens a treatment line ("normal saline 250 ml", "albuterol five milligrams"). */
const DOSE_WORDS = anyOf([
  String.raw`\d+`,
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'twelve',
  'fifteen',
  'twenty',
  'twenty-five',
  'thirty',
  'fifty',
  'point',
  'half',
]);
const MED_NAMES = anyOf(...MEDICATIONS.map(([, alias]) => alias));
/** Whose reading it is, said right before it: the person, or the person's without the apostrophe ("boys glucose was 102"). */
const WHOSE_READING = anyOf(
  ['mom', 'mother', 'dad', 'father', 'baby', 'infant', 'newborn'],
  ['moms', 'dads', 'babys', 'boys', 'girls', 'kids'],
);
/** One of several patients named by number ("patient two", "pt #1"). */
const NUMBERED_PATIENT = String.raw`(?:pt|patient) (?:#?\d|one|two|three|four)`;
/** Whose reading, said last; not the source of a history ("history per mom | bp 98/60") nor a count ("two boys"). */
const WHOSE_READING_LAST = new RegExp(
  String.raw`(?<=\s)(?<!\b(?:per|from|by|with|to|of|and|two|three|four|both|the)\s)(?:${WHOSE_READING})\s*,?\s*$`,
  'i',
);
/** A numbered patient said alone ("patient one | transported to mercy"): the subject of what follows. */
const NUMBERED_PATIENT_ONLY = new RegExp(String.raw`^[,\s]*(?:the )?${NUMBERED_PATIENT}\s*,?\s*$`, 'i');
/** A numbered patient opening the rest with what they are or where they went ("| patient one is the driver", "| … transported"). */
const NUMBERED_PATIENT_FIRST = new RegExp(String.raw`^[,\s]*(?:the )?${NUMBERED_PATIENT} (?:is|was|(?:was )?(?:then )?transported)\b`, 'i');
/** Who of several patients is said to get care: a numbered patient, all of them, or one named by who they are. */
const CARE_RECEIVER =
  String.raw`(?:${NUMBERED_PATIENT}|all (?:two|three|four|five)|both(?: of them)?|` +
  String.raw`the (?:boy|girl|baby|infant|child|kid|toddler|man|woman|mother|mom|father|dad|son|daughter|driver|passenger))`;
/** Words after which "the boy got …" is a clause they open or take, not a statement of its own. */
const CLAUSE_OPENED_BY = anyOf([
  ...['sure', 'that', 'time', 'as', 'like', 'when', 'while', 'after', 'before', 'until', 'once', 'because', 'if', 'whether'],
  ...['so', 'and', 'but', 'or', 'saw', 'see', 'make', 'made', 'ensure', 'ensured', 'noted', 'knew', 'know', 'think', 'thought'],
  ...['said', 'says', 'told', 'upset', 'glad', 'happy'],
]);
/** What the crew gives such a patient, said first after "got": a line, oxygen or a device, a drug, or a dose. */
const CARE_RECEIVED = anyOf([
  ...[String.raw`(?:a |an )?(?:\d{2} (?:gauge|ga) )?(?:iv|io)`, '(?:high[- ]flow )?(?:oxygen|o2)', String.raw`\d+ (?:liters?|lpm|l)`],
  ...[String.raw`(?:a |an )?(?:c[- ]?collar|cervical collar|splint|sam splint|traction splint|tourniquet|pressure dressing)`],
  ...[String.raw`(?:a |an )?(?:non[- ]?rebreather|nrb|nasal cannula|neb|nebulizer|duoneb|breathing treatment|cpap|ice pack)`],
  MED_NAMES,
]);
/** The care a reassessment was taken after, named bare: "after cpap and the nitro ", "after oxygen ". */
const AFTER_CARE = String.raw`after (?:cpap|bipap|oxygen|o2|${MED_NAMES})(?: and (?:the )?[\w-]+)? `;
/** The care alone, waiting for the readings taken after it. */
const AFTER_CARE_ONLY = new RegExp(String.raw`^[,\s]*${AFTER_CARE.trimEnd()}\s*$`, 'i');
/** The readings a reassessment opens with, right after the care it followed ("after cpap and the nitro bp …"). */
const AFTER_CARE_READINGS = anyOf(['bp', 'blood pressure', 'heart rate', 'hr', 'pulse', 'sats?', 'spo2', 'resp', 'respirations']);
const AFTER_CARE_READINGS_FIRST = new RegExp(String.raw`^[,\s]*(?:${AFTER_CARE_READINGS})\b`, 'i');
const MED_WITH_DOSE = String.raw`(?:${MED_NAMES})\s+(?:${DOSE_WORDS})\b`;
/** The dose said first ("1 liter normal saline", "2 mg of narcan"). */
const LEADING_UNITS = anyOf(['liters?', 'l', 'mg', 'milligrams?', 'mcg', 'micrograms?', 'ml', 'milliliters?', 'grams?', 'g']);
const DOSE_THEN_MED = String.raw`\d+(?:\.\d+)?\s*(?:${LEADING_UNITS})\s+(?:of\s+)?(?:${MED_NAMES})`;
/** Who can say something in a dictation: a "says" right after one of them is not cut from its speaker. */
const SPEAKERS = anyOf([
  'he',
  'she',
  'they',
  'pt',
  'patient',
  'who',
  'wife',
  'husband',
  'mom',
  'dad',
  'mother',
  'father',
  'son',
  'daughter',
  'family',
  'friend',
  'co-?worker',
  'roommate',
  'neighbou?r',
  'sister',
  'brother',
  'staff',
  'nurse',
  'caller',
  'bystanders?',
  'police',
  'male',
  'female',
  'man',
  'woman',
  'boy',
  'girl',
]);
/**
 * Someone other than the crew said right before "gave" ("on amoxicillin mom | gave her motrin at six"): what they gave stays with
 * them, or it would open a statement the crew seems to have made. Of the care staff only "staff" and the school nurse: at a
 * facility "the nurse | gave us report" is a hand-over to the crew, not a drug given before it came, and a run-on is still cut
 * there.
 */
const OTHER_GIVER_LAST = new RegExp(
  String.raw`\b(?:${anyOf(FAMILY, OTHERS_AT_SCENE, OTHER_RESPONDERS, ['staff', 'school nurse', 'midwife', 'doula'])})\s*,?\s*$` +
    // Not the object of a preposition ("history from her daughter | gave fentanyl", "transferred to us from fire | gave aspirin").
    String.raw`(?<!\b(?:from|per|by|with|to|of|for)\s+(?:(?:his|her|the|their)\s+)?\w+\s*,?\s*)`,
  'i',
);
/** Someone said with "then", still waiting for what they did next ("the nurse then | found …", "we then | moved …"). */
const SUBJECT_THEN_LAST = new RegExp(String.raw`\b(?:${SPEAKERS}|we|i|${anyOf(PEOPLE_NOT_CREW)})\s+then\s*,?\s*$`, 'i');
/** Who a run-on's new statement is about, when a pronoun or "pt" opens it. */
const SUBJECTS = '(?:he|she|they|pt|patient)';
/** A piece telling how the crew found the patient, and the patient's state said next with its subject. */
/** People who may have found the patient before the crew, said after someone's telling ("police said a jogger found him"). */
const FINDERS = anyOf(
  ['jogger', 'runner', 'passerby', 'passer by', 'walker', 'hiker', 'someone', 'somebody', 'man', 'woman', 'guy', 'lady', 'kid'],
  ['neighbou?r', 'friend', 'coworker', 'co-worker', 'roommate', 'son', 'daughter', 'wife', 'husband', 'bystander', 'driver'],
  ['officer', 'deputy', 'trooper', 'guard', 'clerk', 'employee', 'manager', 'resident', 'tenant', 'landlord', 'janitor'],
);
/** Who finds a patient at home besides the family, by a noun no other word makes a compound of ("a dog walker" is one). */
const HOME_FINDERS: WordTable = ['neighbou?r', 'roommate', 'friend', 'coworker', 'co-worker', 'bystander', 'landlord', 'caregiver'];
const FOUND_PIECE = /^[,\s]*(?:we )?found (?:a|an|the|him|her|them|pt|patient)\b/i;
/** The most words of a piece of how the crew found the patient that the state said next still belongs to. */
const FOUND_PIECE_MAX_WORDS = 16;
const STATE_FIRST = new RegExp(
  String.raw`^[,\s]*(?:${SUBJECTS} (?:is|was)|hes|shes|he's|she's) (?:alert|awake|conscious|confused|lethargic)\b`,
  'i',
);
/** An age as a recogniser writes it: digits or words ("71", "seventy nine", "forty-one"). */
const UNITS_WORD = '(?:one|two|three|four|five|six|seven|eight|nine)';
const AGE_NUMBER =
  String.raw`(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]${UNITS_WORD})?|` +
  String.raw`${UNITS_WORD}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|` +
  String.raw`(?:a |one )?hundred(?: and ${UNITS_WORD})?)`;
/** Not the units word of a number said in words ("sixty | two year old" is one age). */
const NOT_INSIDE_A_NUMBER = String.raw`(?<!\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|and)[\s-])`;

/** Devices a crew places, said before the participle in speech ("igel placed", "c collar applied"). */
/** Words that name which pads, said before "pads": the crew's defib pads, or a dressing ("chux pads", "burn pads"). */
const PADS_NAMED_BY = [
  ...['defib', 'pacer', 'pacing', 'defibrillation', 'aed'],
  ...['gauze', 'abd', 'trauma', 'sterile', 'absorbent', 'alcohol', 'eye', '4x4', 'pressure', 'chux', 'bed', 'incontinence'],
  ...['burn', 'adherent', 'nonadherent', 'dressing', 'gel', 'foam', 'telfa', 'combine', 'knee', 'elbow', 'heating', 'heat', 'cold'],
];
/** A recogniser writes "i-gel" as two words ("i gel placed"). */
const I_GEL = 'i[- ]?gel';
const DEVICES = anyOf([
  I_GEL,
  'king(?: airway)?',
  'c[- ]?collar',
  'cervical collar',
  'tourniquet',
  '(?:traction |sam )?splint',
  'ett',
  'et tube',
  '(?:ng|og) tube',
  'opa',
  'npa',
  'cpap',
  'bipap',
  'pelvic binder',
  'dressing',
  // The monitor and its pads are placed too ("monitor applied showing sinus tach", "pacer pads placed").
  '(?:cardiac )?monitor',
  '(?:defib|pacer|pacing|defibrillation) pads',
  // The pads named alone ("pads placed showing asystole"); not the second word of a name ("defibrillation | pads", "gauze pads").
  String.raw`(?<!\b(?:${anyOf(PADS_NAMED_BY)})\s)pads`,
  // "… resumed cpr | io placed right proximal tibia", "iv established left ac": the line with its participle.
  'i ?o',
  'i ?v',
]);
const PLACED = anyOf(['placed', 'applied', 'inserted', 'established']);
/** Words that name which device ("commercial tourniquet", "vacuum splint", "7.5 ett"): they open its statement with it. */
const DEVICE_WORDS = anyOf([
  ...['commercial', 'cat', 'combat', 'sam', 'vacuum', 'pillow', 'traction', 'first', 'second', 'another'],
  String.raw`\d+(?:\.\d+)?`,
]);
/** IV gauges as a recogniser writes them. */
const GAUGES = anyOf(IV_GAUGES, ['fourteen', 'sixteen', 'eighteen', 'twenty', 'twenty[- ]two', 'twenty[- ]four']);
/** A dressing with the words that say which ("dry sterile burn dressing"): one thing, not cut inside. */
const DRESSING = '(?:dry sterile |sterile |clean |bulky )*(?:occlusive|pressure|sterile|trauma|burn|chest seal) dressing';
const DRESSING_FIRST = new RegExp(String.raw`^[,\s]*(?:${DRESSING}|dressing)\b`, 'i');
// "a moist | sterile dressing" is one dressing; "skin cool and moist | occlusive dressing placed" is a finding, then the dressing.
const DRESSING_WORD_LAST = /\b(?:sterile|clean|bulky|occlusive|pressure|trauma|burn|(?<=\b(?:a|an|with)\s)(?:moist|wet))\s*$/i;
/** What follows a gauge that names an IV: the line itself or its site ("20 gauge left hand"), not a needle's length. */
const GAUGE_SITE = String.raw`\s+(?:ivs?|i v|io|saline lock|lock|in|to|left|right|l|r|ac|acs|antecubitals?|hand|forearm|ej|bilateral)\b`;
const GAUGE_FIRST = new RegExp(String.raw`^[,\s]*(?:(?:two|2|three|3) )?(?:${GAUGES}) ?(?:gauge|ga)\b`, 'i');
/** The participle that places a device; a piece ending on the device keeps it ("igel | placed" is not cut). */
const DEVICE_LAST = new RegExp(String.raw`\b(?:${DEVICES}|pads)(?: size [\w.]+)?\s*,?\s*$`, 'i');
const DEVICE_WORDS_LAST = new RegExp(String.raw`\b(?:${DEVICE_WORDS})\s*$`, 'i');
const DEVICE_PLACED_FIRST = new RegExp(String.raw`^[,\s]*(?:${DEVICES}) (?:${PLACED})\b`, 'i');
/** The participle with no object of its own: "placed him on the vent", "established an IV" are new actions. */
const PLACED_FIRST = new RegExp(String.raw`^[,\s]*(?:${PLACED})\b(?!\s+(?:him|her|them|the|an?|pt|patient)\b)`, 'i');
/**
 * A spoken correction's cue waits for what it brings, whatever that starts with: "cardizem 25 milligrams scratch that |
 * cardizem 15", "spo2 82 strike that | spo2 78", "last known well 1340 scratch that | daughter says 1310" are one statement
 * each. An apology is no cue ("he kept saying he was sorry | bp 130 over 80").
 */
const CORRECTION_CUES = [
  ...CORRECTION_CUE_WORDS,
  // In a run of words these are said without the commas punctuated speech may put in them ("no, wait").
  ...['no wait', 'wait no', 'disregard that'],
  // The loose cues, each with its guard. "which i mean | we carried him down": "i mean" after a joining word is a filler.
  String.raw`(?<!\b(?:which|that|like|and|but|so|well|yeah|um|uh)\s)i mean`,
  // Sorry as a feeling or as what someone said; a run of words also says "be", "been", "feels" and "sounded" sorry.
  String.raw`(?<!\b(?:${anyOf(SORRY_AS_FEELING_AFTER, ['be', 'been', 'feels', 'sounded'], SAID_WORDS)})\s)sorry`,
];
/** Who the correction is from may close the cue: "calcium chloride 1 g correction per crew | calcium gluconate 3 g". */
const CUE_SOURCE = String.raw`(?:\s+per\s+(?:the\s+|my\s+)?(?:${anyOf(CORRECTION_SOURCE_WORDS)}))?`;
const CORRECTION_CUE_LAST = new RegExp(String.raw`\b(?:${CORRECTION_CUES.join('|')})${CUE_SOURCE}\s*,?\s*$`, 'i');
/** What a correction restates: a value or a drug ("sorry | cardizem 15", "sorry | 126 over 84"). */
const RESTATED_FIRST = new RegExp(String.raw`^[,\s]*(?:${DOSE_WORDS}|${MED_NAMES})\b`, 'i');
/**
 * "sorry" and "i mean" are also an apology or a filler ("crying and saying i'm sorry | wife states …", "oh im sorry | we
 * attempted to lift her"): they wait only for a value said again within a few words ("sorry | bp was 74/44", "i mean |
 * cardizem 15").
 */
const LOOSE_CUE_LAST = new RegExp(String.raw`\b(?:${anyOf(LOOSE_CUE_WORDS)})\s*,?\s*$`, 'i');
const VALUE_SOON = new RegExp(String.raw`^[,\s]*(?:[\p{L}'’]+\s+){0,3}?(?:${DOSE_WORDS})\b`, 'iu');
/** Care said object first and done ("io right tibia placed"): a whole statement, though it ends on a participle. */
const CARE_DONE_LAST = new RegExp(String.raw`\b(?:${CARE_OBJECT_THEN_PARTICIPLE})\s*,?\s*$`, 'i');
/** A spoken decimal still waiting for its digits: "2 point | 5 milligrams albuterol" is one dose. */
const DECIMAL_POINT_LAST = new RegExp(String.raw`(?:^|\s)(?<!\b(?:at|some|any)\s)(?:${DOSE_WORDS}) point\s*$`, 'i');
const DIGITS_FIRST = new RegExp(String.raw`^\s*(?:${DOSE_WORDS})\b`, 'i');
/** "on home | oxygen 2 liters": the oxygen the patient lives on is history, said in one breath. */
const HOME_LAST = /\bon (?:his |her |their )?home\s*$/i;
/** The piece ends on a cue that waits for what `rest` says. */
const cueWaits = (piece: string, rest: string) =>
  CORRECTION_CUE_LAST.test(piece) && (!LOOSE_CUE_LAST.test(piece) || RESTATED_FIRST.test(rest) || VALUE_SOON.test(rest));
/**
 * How the unit drove, said right after the verb of the response ("went hot", "ran code 3", "came in lights and sirens"): the
 * word that opens the mode, whatever follows it. Not `MODE_WORDS`, which holds more ("emerg", "p1", "without lights or
 * sirens"): these openers take only these words, and that table's would cut run-ons elsewhere.
 */
const DRIVING_MODES = ['emergent', 'non[- ]?emergent', 'hot', 'cold', 'code', 'priority', 'lights'];
/** What a recogniser's dispatch "reported" is said; the response after it is the next statement. */
const RESPONSE_FIRST = /^[,\s]*(?:we )?respond(?:ed|ing) (?:emergent|non|code|priority|hot|cold|lights|routine|urgent)/i;

/**
 * How the unit went, said bare right after the dispatch line ("… 45 elm st | non emergent upgraded en route", "… toned 0312 fall |
 * emergent l s"). Only there: elsewhere "hot", "cold" or "routine" are findings or a kind of something ("hot water", "routine
 * transfer"). "l s" is lights and sirens here, lung sounds in the assessment.
 */
const BARE_MODES = anyOf([
  ...['non[- ]?emergen(?:t|cy)', 'nonemergen(?:t|cy)', 'emergent', 'emergency traffic', 'routine', 'hot', 'cold', 'l s', 'p[1-3]'],
]);
/** What the bare mode describes when a noun follows ("emergent transfer", "hot water"), or a mode that is an opener anyway. */
const NOT_BARE_MODE_NOUN = anyOf([
  ...['transfer', 'transport', 'call', 'run', 'water', 'tub', 'oil', 'grease', 'liquid', 'coffee', 'stove', 'pan'],
  ...[
    'pot',
    'weather',
    'day',
    'surface',
    'environment',
    'exposure',
    'room',
    'burns?',
    'injur\\w*',
    'packs?',
    'compress',
    'and',
    'department',
    'dept',
  ],
]);
/** A bare mode where no other opener starts with its word ("emergent response", "emergent to", "cold to the touch", "hot packs"). */
const BARE_MODE_FIRST = new RegExp(String.raw`^[,\s]*(?:${BARE_MODES})(?![\w-])(?!\s+(?:response|to|packs?)\b)`, 'i');
/** A bare mode alone is a whole response line ("… 210 atlantic ave | emergent | 1836 on scene …"), though one word. */
const BARE_MODE_ONLY = new RegExp(String.raw`^[,\s]*(?:${BARE_MODES})\s*,?\s*$`, 'i');
/** A clock time alone, the arrival's: it keeps "on scene" or "arrived" said after it ("1836 | on scene" is not cut). */
const TIME_ONLY = new RegExp(String.raw`^[,\s]*${CLOCK}\s*,?\s*$`);
/** The event a vitals set was taken after, said as its name ("post rosc vitals"). */
const POST_EVENT = String.raw`post[- ]?(?:rosc|intubation|shock|cardioversion)`;
/** What a set is named by before "vitals" ("first | vitals", "post rosc | vitals"): it waits for the set. */
const SET_QUALIFIER_LAST = new RegExp(String.raw`\b(?:first|initial|${POST_EVENT})\s*$`, 'i');
const SET_ORDINALS = anyOf(['first', 'initial', 'second', 'third', 'fourth', 'fifth', 'next', 'last', 'final', 'another', 'repeat']);
/** Words before "her vitals" that make them what the crew took, not the opening of her readings ("we took her vitals 126 …"). */
const VITALS_TAKEN_BY_CREW = anyOf([
  // Any verb in the past ("measured", "reassessed", "faxed over"), and the crew's verbs in the present ("we recheck her vitals").
  String.raw`[a-z]+ed`,
  ...['took', 'retook', 'taken', 'take', 'retake', 'taking', 'got', 'get', 'getting', 'check', 'recheck', 'checking', 'obtain'],
  ...['grab', 'monitor', 'trend', 'measure', 'assess', 'reassess', 'did', 'do', 'gave', 'give', 'us', 'over', 'all', 'then'],
  // A place or a time the readings were taken at ("on arrival at the ed | her vitals", "during transport her vitals").
  ...['ed', 'er', 'hospital', 'arrival', 'scene', 'transport', 'and', 'of', 'on', 'for', 'at', 'to', 'with'],
]);
/**
 * Words that say how vitals were, before them: "with stable vitals". Not "normal" or "baseline", which end a finding as often
 * ("pupils equal and normal | vitals within normal limits", "mental status at baseline | vitals were stable").
 */
const VITALS_SAID_HOW: WordTable = ['stable', 'unremarkable', 'with', 'his', 'her', 'their'];
/** A vitals set named by its number alone, said last ("… sats 96 percent third set"): it waits for what it was taken after. */
const NUMBERED_SET_LAST = new RegExp(String.raw`\b(?:${SET_ORDINALS}) set\s*$`, 'i');
/** Such a set, maybe with its time or what it came after, said last ("second set at 1201"): it waits for its readings. */
const NUMBERED_SET_TIMED_LAST = new RegExp(String.raw`\b(?:${SET_ORDINALS}) set(?: after (?:[\w']+ ){1,4}?)?(?: ?at \d{3,4})?\s*$`, 'i');
/** The name of a vitals set said last, with its number or whose it is ("vs", "initial vitals were", "pt 1 vs"). */
const VITALS_NAME_LAST = new RegExp(
  String.raw`(?<=^|\s)(?:(?:pt|patient) (?:\d|one|two) )?(?:(?:first|initial|second|third|repeat|last|final) (?:set of )?)?` +
    String.raw`(?:${POST_EVENT} )?(?:vitals|vs)\s*,?\s*$`,
  'i',
);
/** The arrival's time said alone, in shorthand ("os 1913", "arr 0705"): what the crew found follows ("| pd on scene"). */
const ARRIVAL_SHORT_TIME_ONLY = new RegExp(String.raw`^[,\s]*(?:os|o s|arr|onscene)(?: at)? ${CLOCK}\s*,?\s*$`, 'i');
/** A guess or an estimate said right before a number ("pt approx | 30 y o m"). */
const NUMBER_QUALIFIER_LAST = new RegExp(
  String.raw`(?<=^|\s)(?:(?:pt|patient) )?(?:${anyOf(['approx'], GUESS_WORDS, ['maybe', 'like', 'estimated', 'est'])})\s*$`,
  'i',
);
/**
 * The arrival's word opening the rest, and a time said with "at" ending the piece, not the dispatch's or the response's. Only an
 * arrival without its own time: "lights and sirens at 1045 | arrived 1052" keeps 1045 on the response.
 */
const ARRIVAL_WORD_FIRST = new RegExp(String.raw`^[,\s]*(?:we )?(?:arrived|on scene)\b(?!(?: on scene)?(?: at)? ${CLOCK}\b)`, 'i');
const TIMED_BEFORE_ARRIVAL = anyOf(DISPATCH_VERBS, ['dispatch', 'disp', 'responded', 'responding', 'route', 'enroute', 'left', 'departed']);
const AT_CLOCK_LAST = new RegExp(String.raw`(?<=^|\s)(?<!\b(?:${TIMED_BEFORE_ARRIVAL})\s)at ${CLOCK}\s*,?\s*$`, 'i');
/** A time alone after "at": it goes with what follows it. */
const AT_TIME_ONLY = new RegExp(String.raw`^[,\s]*at ${CLOCK}\s*,?\s*$`, 'i');
/** A clock time said somewhere in the piece, without its colon. */
const TIME_DIGITS_IN = new RegExp(String.raw`\b${CLOCK_DIGITS}\b`);
const ARRIVAL_AFTER_TIME = /^[,\s]*(?:on scene|os|o s|arr|arrived|at (?:the )?(?:pt|patient))\b/i;
/**
 * A subordinate clause a few words back, still waiting for its main clause: "when her sugar came back at 40 | we gave" is one
 * statement. Not when a vitals set came between ("started when he was lifting boxes bp 150 over 90 | we gave").
 */
const NOT_IN_OPEN_CLAUSE = String.raw`(?!(?:bp|hr|rr|spo2|sats?|pulse|resp\w*|gcs|vitals|and|but|so|then)\b)`;
const OPEN_SUBORDINATE_CLAUSE = new RegExp(
  String.raw`\b(?:when|while|if|because|since|until|before|after|as soon as|by the time)\s+` +
    // Its subject: "when her sugar …", "because he …" ("since this morning" is no clause).
    String.raw`(?:he|she|they|it|his|her|their|its|the|pt|patient)\s+` +
    String.raw`(?:${NOT_IN_OPEN_CLAUSE}\S+\s+){0,4}${NOT_IN_OPEN_CLAUSE}\S+\s*,?\s*$`,
  'i',
);
/**
 * "hot", "cold" and "routine" right after the dispatch are more often what the caller reported ("chest pain cold sweats", "cold
 * clammy skin", "hot flashes", "routine lift assist"): they are the response only when the response goes on, the arrival or the
 * patient follows, or nothing does ("… 45 elm st | routine | pt on the floor", "| hot 0412 on scene").
 */
const AFTER_FINDING_WORD_MODE = anyOf([
  ...['upgraded', 'downgraded', 'l s', 'lights', 'sirens', 'code', 'priority', 'no lights', 'the whole way', 'all the way'],
  ...['arrived', 'arrival', 'on arrival', 'upon arrival', 'on scene', 'os', 'arr', 'found', 'to find', 'pt', 'patient', 'we'],
  CLOCK,
]);
const FINDING_WORD_MODE = /^[,\s]*(?:hot|cold|routine)(?![\w-])/i;
const FINDING_WORD_AS_MODE = new RegExp(String.raw`^[,\s]*(?:hot|cold|routine)\s*,?\s*(?:$|(?:${AFTER_FINDING_WORD_MODE})\b)`, 'i');
const BARE_MODE_AT = new RegExp(String.raw`^[,\s]*(?:${BARE_MODES})(?![\w-])`, 'i');
const BARE_MODE_NOUN = new RegExp(String.raw`^[,\s]*(?:${BARE_MODES})\s+(?:${NOT_BARE_MODE_NOUN})\b`, 'i');
/** The dispatch line: a dispatch word or a call sign opening the run ("medic 3 dispatched 1102 …", "m5 sent to …"). */
const DISPATCH_LINE = new RegExp(
  String.raw`\b(?:${anyOf(DISPATCH_VERBS, ['dispatch', 'disp', 'page', 'alerted', 'requested'])})\b|` +
    String.raw`^\s*(?:${anyOf(DISPATCHED_UNIT_NAMES, ['m', 'r'])})\s*\d+\b`,
  'i',
);
/** A response already said in the piece: the bare mode after it is more of the same ("responded hot | code 3"). */
const RESPONSE_IN = /\b(?:resp|respond\w*|response|went|ran|go|lights|sirens|code \w+|priority \w+)\b/i;
/**
 * A word before the mode that makes it part of the dispatch ("dispatched emergent", "came in as non emergent"), or the gravida
 * that makes "p2" the parity ("woman in labor g3 p2 full term").
 */
const MODE_TAKER_LAST = new RegExp(
  String.raw`\b(?:${anyOf(DISPATCH_VERBS)}|dispatch|as|upgraded|downgraded|was|be|went|ran|responded|came|in|it|drove|g\d{1,2})` +
    String.raw`\s*,?\s*$`,
  'i',
);
/** Words before "txp" that make it the transport refused or talked about, not taken ("refused txp", "risks of refusing txp"). */
const TRANSPORT_NOT_TAKEN = anyOf([
  ...['refused', 'refuses', 'refusing', 'refuse', 'declined', 'declines', 'declining', 'decline', 'denied', 'denies', 'against'],
  ...['no', 'without', 'for', 'of', 'about', 'want', 'wants', 'wanted', 'discussed', 'offered', 'recommended', 'encouraged'],
]);
/** The last word of a reading or of a finished act, before the transport ("… 98 on ra", "… improved", "… stroke alert called"). */
const TRANSPORT_AFTER = anyOf([
  ...['ra', 'air', 'percent', 'lpm', 'liters?', 'improved', 'better', 'resolved', 'unchanged', 'stable'],
  ...['called', 'notified', 'activated'],
]);
/** The transport's mode, or its level of care ("bls to …"). */
const TRANSPORT_MODES = anyOf([
  ...['non[- ]?emergent(?:ly)?', 'emergent(?:ly)?', 'hot', 'routine', 'cold', String.raw`(?:code|priority) \w+`],
  ...['bls', 'als'],
]);
/** Where "to" goes that is no destination: the way in, the sending facility, a finding ("hot to the touch"), an address. */
const NOT_A_DESTINATION = anyOf(['scene', 'sending', 'touch', String.raw`\d`]);
/** What follows "tx" when it is the transport ("tx emergent to …"), not the treatment. */
const TX_AS_TRANSPORT_NEXT = anyOf(['emergent', 'non', 'routine', 'bls', 'als', 'code', 'priority', 'to']);
/**
 * The transport said by its mode and where it went, right after a reading or a finished act ("bp 142/88 | emergent to harbor
 * valley", "repeat vs 118/72 104 20 98 on neb | txp non emergent to st anne"). Not the way to the scene or the sending facility
 * (the response), an address, nor a finding ("temp 106 hot to the touch").
 */
const TRANSPORT_MODE_TO =
  String.raw`(?<=(?:\d|\b(?:${TRANSPORT_AFTER}))\s)` +
  String.raw`(?:(?:${TRANSPORT_MODES})(?: (?:transport|traffic))? to (?!(?:the )?(?:${NOT_A_DESTINATION})\b)|` +
  String.raw`tx (?=(?:${TX_AS_TRANSPORT_NEXT})\b))`;

const TRANSPORT_MODE_TO_AT = new RegExp(String.raw`[,\s]*(?:${TRANSPORT_MODE_TO})`, 'iy');
/** The dispatch or the response said in the piece: "dispatched at 0412 emergent to the residence" is the way in, not the transport. */
const WAY_IN_SAID = new RegExp(
  String.raw`\b(?:${anyOf(DISPATCH_VERBS)}|dispatch|disp|(?:was|were|got) called|upgraded|downgraded|respond\w*|en route to scene)\b`,
  'i',
);

/** Words that open a new statement, by what the statement is. */
/** Where the crew leaves from, opening the transport. */
const LEFT_PLACE = String.raw`(?:facility|scene|sending(?: facility| hospital)?|hospital|nursing home|residence|house)`;
/** Someone other than the crew said as the one who left ("suspect left the scene at 1402"). */
const NOT_ANOTHER_LEAVER =
  String.raw`(?<!\b(?:suspects?|drivers?|friends?|he|she|they|someone|somebody|people|party|parties|assailants?|shooter|attacker|` +
  String.raw`vehicles?|cars?|pt|patient|police|pd|officers?|bystanders?|family|wife|husband|son|daughter|mom|dad|others?|everyone)\s)`;
/** Another agency or person before a tourniquet ("pd tourniquet", "the officer's tourniquet"): not the crew's treatment. */
const NOT_ANOTHER_AGENCY =
  String.raw`(?<!\b(?:pd|police|fire|fd|officers?|officer['’]s|pd['’]s|bystanders?|bystander['’]s|sheriff|deputy|cops?|` +
  String.raw`security|citizen|improvised|his own|her own|their)\s)`;
/**
 * An IV's gauge said in words ("iv twenty gauge", "i v twenty two"), with where it went after it. Not GAUGES' words: only a
 * space, never a hyphen, between "twenty" and "two" here, as the cut after "i v" has always read them.
 */
const GAUGES_IN_WORDS = ['fourteen', 'sixteen', 'eighteen', 'twenty(?: two| four)?'];
/**
 * Words before an IV said by its gauge that make it someone else's, an earlier one or a try: "attempted iv twenty gauge left hand
 * unsuccessful", "one attempt iv eighteen right ac", "home health iv twenty gauge".
 */
const LINE_NOT_PLACED_AFTER = [
  ...['an?', 'the', 'her', 'his', 'their', 'existing', 'home', 'health', 'old', 'prior', 'previous'],
  ...['attempted', 'attempts?', 'tried', 'try', 'missed', 'failed', 'unsuccessful', 'unable'],
];
/**
 * The crew's IV said first by its gauge in words, then its site: "… wide qrs | iv twenty gauge in the right hand", "… heat on full
 * | iv eighteen left ac". Not another's line ("nursing home staff iv eighteen left ac already in place").
 */
const IV_GAUGE_IN_WORDS =
  String.raw`(?<!\b(?:${anyOf(PEOPLE_NOT_CREW)}|${anyOf(LINE_NOT_PLACED_AFTER)})\s)i ?v (?:${anyOf(GAUGES_IN_WORDS)}) ` +
  String.raw`(?:gauge |ga )?(?:in the|left|right|l|r)\b`;
/** Said right before a verb, someone other than the crew is its subject ("she got a cut", "her husband took her to …"). */
const NOT_CREW_SUBJECT = String.raw`(?<!\b(?:he|she|they|pt|patient|who|${anyOf(PEOPLE_NOT_CREW)})\s)`;
/**
 * The crew getting a line in ("… sats 98 on room air | got a twenty gauge in the right hand", "got an iv in the left forearm",
 * "got iv access"); not the patient getting hurt ("got a cut on her hand").
 */
const CREW_GOT_LINE =
  NOT_CREW_SUBJECT +
  String.raw`got (?:(?:a|an) (?:${anyOf(GAUGES_IN_WORDS)}|\d{2}|iv|io|line|saline lock)(?: gauge| ga)? in|iv access|io access)\b`;
/**
 * The crew's pads put on, said first with what they showed ("… no known allergies | pads on showed v fib"); not someone else's
 * ("fire had the pads on"), nor the pads said in passing with other care ("continued them defib pads on nitro titrated").
 */
const PADS_ON =
  // Not pads someone already had on: "he already had pacer | pads on and was pacing".
  String.raw`(?<!\b(?:${anyOf(PADS_NAMED_BY)}|had|has|have|already|with)\s)` +
  String.raw`(?:(?:defib|pacer|pacing|aed) )?pads on(?= (?:showed|showing|revealed|read|and)\b)`;
/**
 * Words right before "he has a …" that make it what someone said, thought or feared, not a finding: "per his wife | he has a
 * history", "i think | he has a broken hip", "worried | he has a stroke", "his doctor told him | he has a hernia".
 */
const FINDING_SAID_BY = [
  ...[String.raw`per (?:(?:his|her|their|the) )?[\w'-]+`, String.raw`told (?:him|her|them|us|me)`, 'think', 'thinks', 'thought'],
  ...['suspect', 'suspects', 'suspected', 'worried', 'concerned', 'afraid', 'feel', 'feels', 'felt', 'believe', 'like', 'if'],
  ...['whether', 'maybe', 'probably', 'possibly', 'sure', 'know', 'knows', 'knew', 'says', 'said', 'states', 'stated', 'that'],
];
/**
 * The patient said with "has" and a finding, after the dispatch or the scene ("medic eight for a laceration at 92 west fifth |
 * she has a hand laceration …"). Not after someone telling it ("daughter says she has a history of seizures": a telling verb
 * before keeps it whole).
 */
const PATIENT_HAS_FINDING = String.raw`(?<!\b(?:${anyOf(FINDING_SAID_BY)})\s)(?:he|she) has (?:a|an)\b`;
/** Words after "patient" that are not a name: "patient care was transferred", "patient wife was sitting with him". */
const NOT_A_NAME = anyOf([
  ...FAMILY,
  ...['care', 'condition', 'airway', 'pain', 'belongings', 'vehicle', 'car', 'history', 'was', 'is'],
  // Words that go on with a clause: "pulled the patient out and he was sitting" names no one.
  ...['and', 'he', 'she', 'they', 'who', 'out', 'up', 'down', 'over', 'back', 'then', 'still', 'also', 'now', 'there', 'it'],
  ...['him', 'her', 'not', 'had', 'has', 'to', 'from', 'with', 'into', 'onto', 'in', 'on', 'at'],
  // How or when, said between: "the patient herself was sitting", "patient usually is in bed", "the patient slowly was standing".
  ...['himself', 'herself', 'themselves', 'usually', 'normally', 'currently', 'further', 'slowly', 'again', 'today', 'overall'],
  // A reading or a state of the patient: "patient oxygen saturation was in the low nineties", "pt mental status is at baseline".
  ...['oxygen', 'saturation', 'sats?', 'spo2', 'bp', 'blood', 'pressure', 'sugar', 'glucose', 'mental', 'status', 'skin', 'speech'],
  ...['mobility', 'baseline', 'last', 'weight', 'temp', 'temperature', 'breathing', 'pulse', 'heart', 'gcs', 'mood'],
]);
/** How and where the crew found the patient, said with "was": "was lying", "was found slumped", "was seated". */
const FOUND_POSTURES = ['lying', 'laying', 'sitting', 'standing', 'seated', 'slumped', 'kneeling', 'found', 'on', 'in', 'at'];
/**
 * The patient named before where the crew found them, opening the arrival ("… already on standby at the fairgrounds | patient josé
 * ibáñez was lying on a cot", "the patient mr okafor was found slumped"). Up to three name words; not the patient's care or family.
 */
const NAMED_PATIENT_FOUND =
  // Not after the arrival it belongs to: "when we arrive patient josé muñoz is sitting in the chair" is one statement.
  String.raw`(?<!\b(?:arrive|arrived|arrival|there|find|found|see|saw)\s)` +
  // Nor the object of the crew's verb: "we assessed the patient further is on eliquis".
  String.raw`(?<!\b(?:we|i) [\w']+\s(?:the )?)(?:the )?(?:patient|pt) ` +
  String.raw`(?:(?!(?:${NOT_A_NAME})\b)[^\s\d,.;]+ ){1,3}(?:was|is) (?:${FOUND_POSTURES.join('|')})\b`;
/** Clothing the crew takes off to cool, warm or expose the patient. */
const CLOTHES = ['clothes', 'clothing', 'pajamas', 'shirt', 'pants', 'jacket', 'coat', 'diaper', 'onesie', 'layers', 'socks', 'shoes'];
/**
 * The crew taking the patient's clothes off ("cut off the wet clothes", "we took his pajamas off", "removed his clothing",
 * "stripped the wet layers"): care, opening its line. Not after someone said doing it ("she took off her shirt to show us").
 */
const CLOTHES_OFF =
  // Nor clothes someone already took off: "his wife had already | cut off his pants".
  String.raw`(?<!\b(?:he|she|they|pt|patient|${anyOf(PEOPLE_NOT_CREW)}|had|has|have|already|also)\s)` +
  String.raw`(?:we )?(?:cut|took|stripped|removed|pulled)(?: off)? ` +
  String.raw`(?:the|his|her|their|all)(?: (?:wet|cold|soaked|wet and|soiled|heavy|outer))* (?:${CLOTHES.join('|')})\b`;
/**
 * The wrecked vehicle said with where or how it lay, opening the arrival ("… near the quarry turnoff | car was on its roof in
 * the ditch"). Not how the crash happened ("the car was going about forty").
 */
const VEHICLE_LAY =
  String.raw`(?:the )?(?:car|vehicle|truck|suv|van|minivan|pickup|sedan|motorcycle) (?:was|is) ` +
  String.raw`(?:on its (?:roof|side|wheels)|upside down|in (?:the|a) (?:ditch|median|creek|field|tree|pole|trees)|` +
  String.raw`against (?:a|the)|wrapped around|off the road)`;
/** Words before "delivered" that make the delivery the patient's own or an earlier one. */
const DELIVERY_NOT_CREW_AFTER = [
  ...['previously', 'already', 'just', 'never', 'pt', 'patient', 'mom', 'mother', 'and', 'who', 'recently', 'last'],
];
/**
 * Crew care said verb-first right after a finding or a history item. The field delivery's steps ("we delivered a
 * baby boy", not "she delivered the baby herself"; "dried and stimulated him", "clamped and cut the cord", "placenta
 * delivered", "baby skin to skin") and the newborn's score (not the minute it is for: "one minute apgar 8"); the crew taking
 * over compressions; a BVM said with what it was used with (not "via bvm"); undressing and strapping in a child; several
 * patients put on oxygen (not "fire had all three on oxygen": "had" waits for its object).
 */
const CREW_CARE_VERB_FIRST = [
  String.raw`(?<=\b(?:we|i) )delivered (?:a |the )?(?:baby|infant|newborn)`,
  // Said without its subject in charting ("… rr 22 spo2 99 | delivered a baby girl at 0336"); not an earlier delivery nor the
  // patient's own ("g3 p2 previously delivered a baby boy", "pt delivered a baby girl before we arrived"). A subject said right
  // before ("she delivered …") keeps it: CARE_DOER_LAST.
  String.raw`(?<!\b(?:${anyOf(DELIVERY_NOT_CREW_AFTER)})\s)delivered (?:a |an )?(?:viable |healthy |live )?` +
    // Said with its time: "2 weeks postpartum delivered a baby girl by c section" is her history.
    String.raw`(?:baby|infant|newborn|male|female)\b(?=(?:\s+[\w-]+){0,3}\s+at\s+\d)`,
  String.raw`(?:dried|warmed|stimulated|suctioned) and (?:dried|warmed|stimulated|suctioned) ` +
    String.raw`(?:him|her|them|the (?:baby|infant|newborn))\b`,
  String.raw`(?:clamped|cut)(?: and (?:clamped|cut))? (?:the )?(?:umbilical )?cord`,
  String.raw`(?<!\b(?:minute|min|one|five|ten|1|5|10)\s)apgars?`,
  String.raw`(?:the )?placenta (?:was )?delivered`,
  // Whole, never inside "kept baby | skin to skin".
  String.raw`(?:(?:the )?(?:baby|infant|newborn) (?:(?:was )?(?:placed|put) )?|(?<!\b(?:baby|infant|newborn|placed|put|was)\s))` +
    String.raw`skin[- ]to[- ]skin`,
  // Only the crew's own: "fire took over compressions" stays one statement.
  String.raw`(?<=${CREW_BEFORE_TOOK_OVER})took over ${RESUSCITATION_TAKEN_OVER}`,
  // The crew saying it did nothing ("… 95 on room air | we did not have to do anything treatment wise").
  // Only "we": "pt states I | didn't do anything wrong" is the patient; and only for the patient, not "to get him out of the car".
  String.raw`(?<=\bwe )(?:did not|didn't|didnt) (?:have to |need to |really )?do (?:anything|much)` +
    String.raw`(?:(?: (?:treatment|intervention)[- ]wise)|(?= for (?:him|her|them|the (?:patient|pt))\b)|(?=\s*(?:[,.;]|$)))`,
  String.raw`(?<!\b(?:via|by|per|using|with|a|the|and|on)\s)(?:bvm|bag[- ]valve[- ]mask)(?= (?:with|w|at|ventilations|\d))`,
  String.raw`(?:stripped|undressed) (?:him|her|them|the (?:patient|pt|baby|child|infant)) down\b`,
  String.raw`(?:strapped|buckled|secured) (?:him|her|them|the (?:patient|pt|baby|child|infant)) (?:in|into|to|on)\b`,
  String.raw`(?:all (?:two|three|four|five|of them)|both(?: of them)?|everyone|everybody) (?:(?:was|were) )?(?:placed |put )?on ` +
    String.raw`(?:an? )?(?:non[- ]?rebreathers?|nrbs?|nasal cannulas?|oxygen|o2)\b`,
];
/** A piece of a run-on starting with that care. */
const OPENS_WITH_CREW_CARE = new RegExp(String.raw`^[,\s]*(?:${CREW_CARE_VERB_FIRST.join('|')})`, 'i');
/**
 * Someone other than the crew, or a verb still waiting for its object, said right before that care: "the midwife had already |
 * dried and stimulated the baby", "mom already had | the baby skin to skin", "dad says he | clamped and cut the cord", "mom |
 * strapped her in her car seat", "and kept | baby skin to skin". The care is theirs (or the verb's object), not a new statement.
 */
const CARE_DOER_LAST = new RegExp(
  String.raw`\b(?:he|she|they|had|has|have|already|kept|keep|keeps|keeping|got|was|were|is|are|` +
    // The hospital's people, named by their place or as a team ("the ER team | took over compressions").
    String.raw`er|team|${anyOf(PEOPLE_NOT_CREW)})\s*,?\s*$`,
  'i',
);
/**
 * The last word of a reading: a digit, a number said in words, a unit ("sat ninety seven", "temp 104", "on two liters"). Crew
 * care said right after it, its subject unsaid, opens the treatment line.
 */
const AFTER_READING =
  String.raw`(?<=(?:\d|\b(?:percent|air|ra|liters?|lpm|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|` +
  String.raw`thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|` +
  String.raw`ninety|hundred))\s)`;
/**
 * The number is a count of what follows, not a reading, when a verb or "with" comes right before it ("we placed two | cold packs",
 * "applied 2 | ice packs"): the care is the object of that verb.
 */
const NOT_A_COUNT =
  String.raw`(?<!\b(?:placed|place|applied|apply|put|used|added|gave|got|grabbed|had|has|with|of)\s+` +
  String.raw`(?:\d+|one|two|three|four|five|six)\s)`;
/**
 * Someone else's care said a few words on ("heat packs to her neck were from the hospital", "cold packs in place from the nursing
 * home", "cut off the clothes by the er team"), or care declined, stays with the words before it.
 */
const NOT_SOMEONE_ELSES = String.raw`(?!(?:\s+[\w']+){0,6}?\s+(?:were|was|already|from|by|declined|refused)\b)`;
/**
 * Crew care that a medic says verb-first or by its name right after the readings: undressing to cool or warm, cold or heat packs,
 * spinal motion restriction, an infusion continued on the crew's pump. Elsewhere the same words may be someone else's ("his friend
 * had cut off his shirt", "her daughter had heat packs on her") or not done ("spinal motion restriction was not indicated").
 */
const CARE_AFTER_READING = [
  String.raw`cut (?:off )?(?:his|her|their|the) (?:wet |soaked )?(?:clothes|clothing|shirt|pants|jeans|uniform)`,
  // "… sats 98 on room air | got a twenty gauge in the right hand", "… glucose forty one | got a line in": the crew's line. Only
  // after a reading: elsewhere the clause before may still be going on.
  CREW_GOT_LINE,
  String.raw`(?:ice|cold|heat|hot|chemical) packs? (?:to|in|on|under|at|applied|placed)\b`,
  // "… 99 percent | collar on him too": the device put on the patient, its verb unsaid.
  String.raw`(?:a )?(?:c[- ]?|cervical )?collar on (?:him|her|them)\b`,
  String.raw`(?:spinal motion restriction|smr|spinal immobilization|full spinal precautions)(?!\s+(?:was |is |were )?(?:not|deferred)\b)`,
  String.raw`continued (?:the |his |her )?(?:[\w-]+ )?(?:blood|prbcs?|packed (?:red )?cells|transfusion|drip|infusion|fluids?|` +
    String.raw`oxygen|o2|cpap|cooling)\b`,
].map((care) => AFTER_READING + NOT_A_COUNT + '(?:' + care + ')' + NOT_SOMEONE_ELSES);
/**
 * What follows a crew's verb in a relative clause about the crew's earlier act ("the iv we put in earlier", "the blood we drew
 * showed").
 */
const AFTER_RELATIVE_CLAUSE = anyOf([
  ...['earlier', 'before', 'previously', 'on scene', 'there', 'was', 'were', 'is', 'are', 'ran', 'showed', 'had', 'has', 'looked'],
  ...['came', 'went', 'got', 'fell', 'leaked', 'held', 'stayed', 'soaked', 'bled', 'infiltrated', 'blew', 'worked', 'did'],
]);
/**
 * "we" and the crew's verb opens a statement of what the crew did, but not the crew's earlier act said as a relative clause
 * ("the iv | we put in earlier", "the fluids | we hung ran in"): a verb or an adverb right after it says so.
 */
const crewActs = (verbs: readonly string[]) => String.raw`we (?:${anyOf(verbs)})\b(?!\s+(?:${AFTER_RELATIVE_CLAUSE})\b)`;
/**
 * The crew getting in to the patient ("… came in hot | we walk in at 0419", "… third floor | we get up there and …"), taking the
 * patient to hospital in the present tense ("… six on ten | we transport him to the burn center"), and handing over ("… pulse 116 |
 * we give the report to the nurse"). A determiner and a noun right before "we" make it a relative clause: "the same lady we transport
 * to dialysis" is who she is.
 */
const CREW_WALKING_IN = ['walk in', 'walked in', 'get up there', 'got up there'];
/** What the crew reads again, opening the line of the repeat ("… to saint agnes | repeat heart rate en route one forty"). */
const REPEATED_READINGS = [
  ...['vitals', 'bp', 'blood pressure', 'pressure', 'set', 'sugar', 'glucose', 'heart rate', 'hr', 'pulse', 'sats?', 'spo2'],
  // Not a repeat 12-lead: said after the transport it is charted with it ("transported emergent to mercy, repeat 12-lead
  // unchanged").
  ...['temp(?:erature)?', 'resp(?:irations|iratory rate)?', 'rr', 'gcs', 'end tidal', 'etco2'],
];
/** Words before a repeat reading that say it was not taken: "will", "to", "declined", "refused", "unable to". */
const REPEAT_NOT_TAKEN_AFTER = [
  ...['will', 'would', 'to', 'can', 'could', 'cannot', 'no', 'without', 'unable'],
  ...['declined', 'declines', 'refused', 'refuses', 'denied', 'deferred', 'wants', 'wanted'],
];
/**
 * Where a family member rides in the ambulance, then the crew's transport: "mom rode up front and we went …", "dad rode with us
 * to childrens". Said with the patient's state instead ("daughter rode along, pt calm the whole way") it stays with the transport
 * before it.
 */
const RIDE_ALONG = [
  String.raw`rode (?:along|up front|in (?:the )?(?:front|back|ambulance|unit|truck|rig)|in front|with (?:us|him|her|them)|shotgun)`,
  'came (?:along|with us)',
].map((ride) => String.raw`${ride}(?: (?:in|up) (?:the )?(?:front|back)(?: seat)?)?`);
/**
 * The rides that are in the ambulance whatever follows ("dad rode with us to childrens", "mom rode up front to mercy"). "rode with
 * her", "came along" said with "to" may be an earlier trip ("his wife rode with him to the er last week", "wife came along to the
 * clinic yesterday"): only "and we …" after them makes it the crew's transport.
 */
const RIDE_IN_AMBULANCE =
  String.raw`(?:rode|came) (?:with us|up front|in front|shotgun|` + String.raw`in (?:the )?(?:front|back|ambulance|unit|truck|rig))`;
/** The crew packaging the patient for the move: "we packaged him and transported", "packaged her on the scoop". */
const PACKAGED =
  // Not someone else's packaging: "fire | packaged him on a backboard", "pd had already | packaged her", "his son | packaged him up".
  String.raw`(?<!\b(?:he|she|they|who|${anyOf(PEOPLE_NOT_CREW)}|had|has|have|already)\s)` +
  String.raw`(?:we )?packaged (?:him|her|them|the (?:patient|pt)|pt)\b`;
const CREW_TRANSPORT_VERBS = ['transport'];
/** The crew taking the patient somewhere, said with whom ("took him to", "brought her in", "we bring him to riverside"). */
const CREW_TOOK_VERBS = ['took', 'brought', 'drove', 'ran'];
const CREW_TAKE_VERBS = ['take', 'bring', 'drive'];
const CREW_HANDING_OVER = ['give (?:the )?report', 'gave the report'];
/**
 * Words that take the crew's act as their clause: whom or how it is done ("someone we transport", "worried about how we transport
 * her", "asked which hospital we transport to") or what someone wants ("she prefers we transport her to st marys", "pt insisted we
 * take him to the va").
 */
const WE_CLAUSE_TAKERS = [
  ...['someone', 'anyone', 'one', 'how', 'where', 'what', 'whether', String.raw`which [\w'-]+`, 'times?'],
  ...['prefers?', 'preferred', 'insist(?:s|ed)?', 'wants?', 'wanted', 'asks?', 'asked', 'request(?:s|ed)?', 'demand(?:s|ed)?'],
  // What was ordered: "medical control advised we transport to the stemi center".
  ...['advised?', 'advises', 'recommend(?:s|ed)?', 'ordered', 'suggest(?:s|ed)?'],
];
const NOT_A_RELATIVE_CLAUSE = String.raw`(?<!\b(?:the|a|an|this|that)(?:\s+[\w'-]+){1,2}\s)(?<!\b(?:${anyOf(WE_CLAUSE_TAKERS)})\s)`;
/** Hands-on care the crew says with "we" ("we drew blood", "we hung a liter"): its act anywhere, and right after a reading. */
const CREW_CARE_VERBS = ['checked', 'obtained', 'continued', 'wrapped', 'hooked', 'drew', 'hung', 'pushed'];
/**
 * The crew said with "we" or "my partner" and what it did, right after a reading: "sat 95 on room air | we got an 18 in his right
 * ac", "bp 100 over 60 pulse 120 | my partner threw a tourniquet". After a reading the clause has ended; elsewhere "we" may open a
 * relative clause ("the 20 we put in earlier").
 */
const CREW_VERBS_AFTER_READING = anyOf(CREW_CARE_VERBS, [
  ...['got', 'took', 'put', 'did', 'helped', 'held', 'called', 'made', 'brought', 'set', 'lifted', 'moved', 'sat', 'laid'],
  ...['let', 'used', 'decided', 'asked', 'told', 'talked', 'explained', 'recommended', 'stripped', 'started', 'placed'],
  ...['applied', 'grabbed', 'threw', 'ran', 'bagged'],
]);
/**
 * Words before a reading's number that make it a noun, not a reading: a determiner ("the 20 | we put in earlier" is a line named
 * by its gauge) or a call sign ("this is rescue 6 we got paged").
 */
const NOT_A_READING_BEFORE = anyOf(['the', 'an?', 'that', 'this', 'his', 'her', 'their'], UNIT_NAMES, ['m', 'e', 'r']);
/** Words before "my partner" that make the partner an object ("told my partner", "with our partner"), not who acted. */
const PARTNER_AS_OBJECT_AFTER = anyOf(['told', 'asked', 'with', 'to', 'for', 'by', 'gave', 'and']);
// Its guards differ from `crewActs`: "my partner" may be the subject, "put" is here without its "in" (so "in" may come between
// the verb and the relative clause's next word: "the 20 we put in earlier"), and "we got paged" is the dispatch.
const CREW_AFTER_READING =
  AFTER_READING +
  String.raw`(?<!\b(?:${NOT_A_READING_BEFORE})\s+\S+\s)` +
  String.raw`(?:we|(?<!\b(?:${PARTNER_AS_OBJECT_AFTER})\s)(?:my|our) partner) (?:${CREW_VERBS_AFTER_READING})\b` +
  String.raw`(?!\s+(?:in\s+)?(?:${AFTER_RELATIVE_CLAUSE})\b)` +
  // "we got paged at 1607", "we got called": the dispatch, not care.
  String.raw`(?!\s+(?:${anyOf(DISPATCH_VERBS)}|called|the call)\b)`;
/**
 * Who or what else gets there or pulls up: "the car | pulled up at the curb" and "the ambulance from the other county | got there"
 * keep their subject.
 */
const OTHER_ARRIVERS = anyOf(
  // All but "fd", the written abbreviation: a run-on is speech.
  OTHER_RESPONDERS.filter((responder) => responder !== 'fd'),
  ['engine', 'crew', 'medic', 'unit', 'car', 'vehicle', 'truck', 'van', 'bus', 'cab', 'taxi', 'uber'],
  ['ambulance', 'county', 'city', 'department', 'agency', 'supervisor', 'helicopter', 'deputy', 'sheriff', 'ems'],
  ['drivers?', 'guy', 'lady', 'someone', 'somebody', 'boyfriend', 'girlfriend', 'caregiver', 'aide', 'ride', 'motorcycle'],
);
/** Words a time goes with when said right after them: someone else's arrival or a moment of the history. */
const TIME_TAKERS = anyOf([
  ...['arrived', 'arrival', 'normal', 'well', 'lkw', 'lsn', 'seen', 'onset', 'woke', 'called', 'fell', 'ate', 'took', 'started'],
  ...['began', 'happened', 'occurred', 'found', 'dose', 'last'],
]);
/**
 * The arrival said by its time: "resp code 3 | arr 0705 pt seated", "emergent | os 1913", "emergent | 1836 on scene". A time said
 * after "at", "by" or the dispatch is that time's, and "os" with a size is the left eye ("os 4 mm"): only a clock time follows.
 */
const ARRIVAL_BY_TIME = [
  String.raw`(?:os|o s|arr|onscene)(?: at)? ${CLOCK}\b`,
  // Nor another's arrival or a time of the history ("engine 6 arrived 1836 on scene before us", "last seen normal 2130 on scene").
  String.raw`(?<!\b(?:at|by|since|from|until|till|approximately|approx|about|around|${anyOf(DISPATCH_VERBS)}|disp|${TIME_TAKERS})\s)` +
    String.raw`${CLOCK} (?=(?:on scene|os|o s|arr|arrived|at (?:the )?(?:pt|patient)(?:'s)?(?: side)?)\b)`,
];

/**
 * Where the crew found the patient, said in shorthand with "pt" first ("… code 3 | pt sitting on mulch w mom", "| patient already
 * packaged on a board").
 */
const PATIENT_FOUND_AS = ['sitting', 'standing', 'seated', 'lying', 'laying', 'supine', 'prone', 'already'];
/** Verbs and prepositions that take the patient as their object ("assisted pt standing", "gave pt 4 mg"): no statement opens there. */
const PATIENT_AS_OBJECT_AFTER = anyOf([
  ...['helped', 'assisted', 'got', 'had', 'sat', 'moved', 'placed', 'put', 'kept', 'left', 'positioned', 'laid', 'rolled', 'stood'],
  ...['walked', 'carried', 'lifted', 'saw', 'gave', 'give', 'with', 'found', 'leave', 'keep', 'transferred', 'and'],
  ...['assessed', 'reassessed', 'asked', 'told', 'transported', 'loaded', 'secured', 'examined', 'evaluated', 'treated', 'then'],
  ...['to', 'for', 'of', 'by', 'per'],
  // What the position qualifies: "sob is worse pt lying flat", "unable to obtain a manual bp pt standing".
  ...['worse', 'better', 'bp', 'pressure'],
]);
/**
 * Who said it ("per staff pt sitting in her wheelchair", "according to the nurse pt sitting in her chair"), and a report given to
 * the crew whose content follows ("the nurse gave report pt sitting in bed on 4 liters").
 */
const SAID_BY = String.raw`(?:(?:per|according to)(?: the| her| his)? [\w'-]+|(?:gave|gives|give) (?:us )?(?:a |the )?report)`;
const PATIENT_NOT_OBJECT = String.raw`(?<!\b(?:${PATIENT_AS_OBJECT_AFTER}|${SAID_BY})\s)`;
/** A position that labels the reading said next ("hr 84 pt lying bp 112 over 70") does not open a statement of its own. */
const POSITION_LABELS_READING = String.raw`(?!(?:\s+[\w-]+)?\s+(?:bp|blood pressure|hr|heart rate|pulse)\b)`;
const PATIENT_FOUND_FIRST = new RegExp(String.raw`^[,\s]*(?:the )?(?:pt|patient) (?:${anyOf(PATIENT_FOUND_AS)})\b`, 'i');
/**
 * A short piece that opens with the arrival ("1109 os", "on scene 1618 nurse's office", "arrived twenty two thirty one"): how the
 * patient was found is said with it, not cut from it.
 */
const ARRIVAL_LED = /^[,\s]*(?:\S+\s+)?(?:arrived|arrival|on scene|on arrival|upon arrival|os|o s|arr|at (?:the )?bedside)\b/i;
const ARRIVAL_LED_MAX_WORDS = 10;
/** The crew's equipment the patient or an infusion is moved to ("moved to cot", "moved to our pumps", "moved to our vent"). */
const MOVED_ONTO = [...['monitor', 'stretcher', 'cot', 'gurney', 'ambulance', 'truck', 'unit', 'rig'], ...['pumps?', 'vent', 'ventilator']];
/**
 * The crew said as the subject in a formal narrative, and what it did ("… vomiting blood | the unit responded emergent", "… on room
 * air | the crew transferred the heparin infusion", "| medic 9 responded emergent"). Not another crew ("the flight crew assisted",
 * "the engine crew continued compressions").
 */
export const CREW_SUBJECT_VERBS = [
  ...['responded', 'arrived', 'assisted', 'continued', 'transferred', 'transported', 'administered', 'placed', 'applied'],
  ...['obtained', 'initiated', 'performed', 'departed', 'provided', 'established', 'started', 'gave'],
];
// "the" or "our" right before: a crew or a unit named by what it is ("the bls crew administered", "the hospice crew provided", "the
// step down unit placed her on bipap") is not the crew; nor is a unit said after a preposition ("admitted to the unit started …").
const CREW_AS_SUBJECT =
  String.raw`(?:(?<!\b(?:to|on|in|into|onto|from|at|of|with|by)\s)(?:the|our) (?:crew|unit(?: \d+)?)|(?:medic|unit) \d+)` +
  String.raw`(?= (?:${anyOf(CREW_SUBJECT_VERBS)})\b)`;
const CREW_VERB_LAST = new RegExp(String.raw`\b(?:crew|unit(?: \d+)?|medic \d+) (?:${anyOf(CREW_SUBJECT_VERBS)})\s*,?\s*$`, 'i');
/** Carers other than the crew and the family, whose cpr or bagging is theirs ("lifeguard continued bagging"). */
const OTHER_CARERS = String.raw`nurses?|officers?|police|deputy|deputies|coach|teacher|security|guards?`;
/** Where someone who tells the crew what happened is, said between who and the telling ("daughter on scene says …"). */
const TELLER_PLACES = String.raw`on scene|at (?:the )?(?:bedside|scene)|present`;
/** The telling verbs of someone at the scene. */
const TELLS = String.raw`states|stated|says|say|said|reports|reported`;
/** The patient telling, opened by a pronoun ("| she says she is dizzy"). */
const PRONOUN_TELLS_FIRST = new RegExp(String.raw`^[,\s]*(?:she|he|they) (?:${TELLS})\b`, 'i');
/** Who says or wants something at the scene, opening what they said or what was decided. */
const FAMILY_SPEAKERS =
  String.raw`staff|wife|husband|family|daughter|son|mother|father|mom|dad|parents?|grand(?:ma|pa|mother|father)|caregiver|` +
  String.raw`bystanders?|co-?workers?|roommate|friend|neighbou?r|lifeguards?`;
/** A shockable rhythm as a recogniser writes it ("history of v fib | shocked at 200 joules" is the history's). */
const SHOCKABLE_RHYTHMS = anyOf(['v ?fib', 'vf', 'ventricular fibrillation', 'v ?tach', 'vt', 'ventricular tachycardia', 'torsades']);
/** Who or what gives a shock other than the crew said bare: a device, another crew, the crew's own ongoing compressions. */
const SHOCK_GIVERS = anyOf([
  'a?icd',
  'defib(?:rillator)?',
  'device',
  'pacer',
  'crews?',
  'responders',
  'medics?',
  'paramedics',
  'ems',
  'bls',
  'als',
  'unit',
  'compressions',
]);
const OPENERS = anyOf(
  [
    'responded',
    'responding',
    'we responded',
    'response was',
    // "resp code 3", "resp non emergent": the response abbreviated; "resp 20" is a rate and "resp non labored" a finding.
    String.raw`resp(?:onse)? (?:was )?` +
      String.raw`(?:emergent|emerg|non[- ]?emerg\w*|nonemerg\w*|hot|cold|routine|code \w+|priority \w+|p[1-3]|l s|lights)`,
    String.raw`(?:${BARE_MODES})(?![\w-])(?!\s+(?:response|to|packs?)\b)`,
    `(?:we )?(?:went|ran) (?:it )?(?:${anyOf(DRIVING_MODES)})`,
    // "we went routine no lights": routine as the mode, said with "went" only ("ran routine labs" is not the response).
    '(?:we )?went routine',
    // "went in hot", "we went over there routine", "we go there with the lights and the siren": the way in said with its mode.
    // Said this way, "non urgent", "routine" and "with the lights" are the mode too.
    String.raw`(?:we )?went (?:in|over(?: there)?) ` +
      String.raw`(?:${anyOf(DRIVING_MODES, [String.raw`non[- ]?emergen\w*`, 'non[- ]?urgent', 'routine', 'with (?:the )?lights'])})`,
    String.raw`we (?:go|went|drove|drive)(?: there)? with (?:the )?(?:lights|blue lights|emergency lights)`,
    // The dispatch after the speaker's preface ("okay so this is medic 14s report | we got toned out at 0238").
    // Not after the call sign it goes with ("this is rescue 6 we got paged").
    // Nor after the time it was ("so around 1930 we got dispatched").
    String.raw`(?<!\b(?:${anyOf(UNIT_NAMES)})\s+\d+\s)(?<!\d\s)` +
      String.raw`we (?:got|were) (?:${anyOf(DISPATCH_VERBS)}|called|requested)(?: out)?\b`,
    // The same said in the present tense, as a second-language speaker tells it: "we go emergent with lights".
    // Such a speaker says "emergency" for emergent, and "routine".
    `we (?:go|run|respond) (?:it )?(?:${anyOf(DRIVING_MODES, ['emergency', 'non[- ]?emergency', 'routine'])})`,
    // "came in code 3", "came in hot": how the unit came to the scene.
    `came in (?:${anyOf(DRIVING_MODES)})`,
    // "staged for pd then went in hot": waiting for the scene to be safe is how the unit responded.
    String.raw`staged (?:for (?:pd|police|law enforcement|sheriff|fire)|(?:a block|down the street|around the corner)|until)`,
  ],
  ['(?:non[- ]?emergent|emergent|non[- ]?emergency|emergency|routine|hot|cold) response'],
  [String.raw`priority \d`, String.raw`code \d`, 'lights and sirens', 'no lights'],
  [
    String.raw`${NOT_INSIDE_A_NUMBER}${AGE_NUMBER} (?:year|yr)s? old`,
    // "y o" is how a recogniser writes "y/o" ("pt 19 y o single stab wound").
    String.raw`(?:(?:pt|patient) )?\d{1,3} ?(?:yo|y\/o|y o)\b`,
  ],
  [
    // Two of them said as one subject too ("mom and dad wanted her checked").
    String.raw`(?:${FAMILY_SPEAKERS})(?: and (?:${FAMILY_SPEAKERS}))? (?:(?:${TELLER_PLACES}) )?` +
      // "mom wanted her checked out": what the family wanted opens the statement of what was decided.
      String.raw`(?:states|stated|says|say|said|reports|reported|showed|wanted|wants|insisted|asked)`,
    // Someone who let the crew in or met them opens the arrival ("husband let us in", "the neighbor met us at the door"),
    // with the words that say whose they are ("patient's wife", "whose son", "the store manager", "the facility staff").
    String.raw`(?<!(?:['’]s?|\b(?:pts?|patients?|whose|store|facility|nursing|home|group|the|an?|her|his|their|my|our|your))\s)` +
      String.raw`(?:(?:the|her|his|their|a) )?(?:staff|wife|husband|family|daughter|son|mother|father|mom|dad|parents?|` +
      String.raw`grand(?:ma|pa|mother|father)|caregiver|bystanders?|co-?workers?|roommate|friend|neighbou?r|manager|employee|clerk) ` +
      String.raw`(?:let us in|met us)\b`,
    // A family member riding along opens the transport: "… less retractions | mom rode along and we transported emergent".
    String.raw`(?:(?:his|her|their|the) )?(?:${FAMILY_SPEAKERS}) ` +
      String.raw`(?:(?:${anyOf(RIDE_ALONG)})(?=,? (?:and )?we\b)|(?:${RIDE_IN_AMBULANCE})(?= to\b))`,
    PACKAGED,
    // Police or fire already there, or letting the crew in: "pd cleared us in", "police on scene had turned the car off".
    // A nurse who had the patient or told the crew, with her article ("… for a student who cant breathe | the school nurse had him
    // in her office"): the cut comes before the article, never inside the nurse's title ("the school | nurse").
    String.raw`(?:the|a) (?:school |charge |facility |triage |floor )?nurse (?:had|met|said|says|stated|told us)\b`,
    // Named by her title alone, the article left out ("lights and sirens about nine minutes | school nurse had her sitting up").
    // Not inside a title an article opened a few words before ("the nursing home charge nurse", "the er triage nurse", "the day
    // shift charge nurse", "the assisted living facility nurse"): the nurse is named by all of it.
    String.raw`(?<!\b(?:the|a|an|our|their|his|her)\s(?:[\w'-]+\s){0,3})(?:school|charge|facility|triage|floor) nurse ` +
      String.raw`(?:had|met|said|says|stated|told us)\b`,
    // What the police or fire told the crew too ("… shivering hard and mumbling | police said a jogger found him"). Not the
    // reason said for what came before ("went cold non emergent since pd said no injuries").
    // Nor a fire that something caught ("the grill caught fire | said his wife").
    // Nor inside a clause a subordinator opened ("waited at the corner after pd walked us to the back bedroom").
    String.raw`(?<!\b(?:since|because|cause|as|caught|on|set|after|until|till|when|once|before|while)\s)` +
      String.raw`(?:police|pd|officers?|deputies|fire|fd|lifeguards|security) ` +
      String.raw`(?:on scene|cleared|had|let|waved|met|said|says|stated|states|told us|reported|(?:brought|walked|led|escorted) us)\b`,
  ],
  ['bandaged', 'splinted', 'suctioned', String.raw`iv \d{2}`, 'io (?:left|right)', MED_WITH_DOSE, DOSE_THEN_MED, 'blow[- ]?by', 'removed'],
  // A shock said bare with its energy, after the rhythm or the crew's cpr ("… initial rhythm v fib | shocked at 200 joules", "cpr
  // resumed | shocked 200 j"). Not a shock said with who or what gave it ("his aicd shocked at 30 joules", "their crew shocked at
  // 200 joules", "it had shocked at 150 joules"), nor one said, in the next few words, to have come before the crew or from
  // someone else ("vf | shocked at 150 joules prior to our arrival", "… by the engine medic"), nor the rhythm of the history
  // ("history of vt | shocked at 150 joules … back in the winter"): cut from the words before, each would read as the crew's own.
  // After "compressions" the shock stays with them ("took over compressions shocked at 200"), one act of the crew.
  [
    String.raw`(?<!\b(?:aed|it|had|has|was|been|they|pads|fire|fd|engine|bystanders?|${SHOCK_GIVERS}|${SPEAKERS}|${OTHER_CARERS})\s)` +
      String.raw`(?<!\b(?:history|hx|had|prior|previous|past)(?: of)? (?:${SHOCKABLE_RHYTHMS})\s)` +
      String.raw`(?:shocked|defibrillated) (?:once |twice )?(?:at |with )?\d+ ?(?:j|joules)\b` +
      String.raw`(?!(?:\s+\S+){0,3}?\s+(?:before (?:we|our|ems|arrival|they)|prior to|by (?!us\b|me\b|ems\b)))` +
      String.raw`(?!(?:\s+\S+){0,4}?\s+(?:last|ago|back in|years?|months?|in (?:19|20)\d\d)\b)`,
  ],
  // The blow-by said with the crew holding it ("what you want | held blow by oxygen up by her face").
  [String.raw`(?:held|holding) (?:the )?blow[- ]?by`],
  // A collar said with the spinal care it goes with ("distal pulses intact | c collar smr on stretcher"); not someone else's.
  [String.raw`${NOT_ANOTHER_AGENCY}(?:c[- ]?collar|cervical collar)(?= (?:and |with )?(?:smr|spinal motion restriction|full spinal)\b)`],
  // A device said before the participle that placed it ("igel placed", "c collar applied") opens at the device.
  // With its size said between ("igel size 4 placed").
  [String.raw`(?:(?:${DEVICE_WORDS}) )?(?:${DEVICES})(?: size [\w.]+)? (?:${PLACED})`, 'racemic (?:epi|epinephrine)'],
  // Care said object first ("… pedal pulse present | cold pack applied", "… neck pain | helmet removed", "| l wrist splinted")
  // opens at the object. Not an object that belongs to words before it ("pillows under the | left knee splinted", "his helmet
  // removed"), nor one someone else acted on ("helmet removed by his friend", "packaged by fire | helmet removed").
  [
    String.raw`(?<!\b(?:under|on|beneath|behind|between|to|of|at|in|the|his|her|their|my|and|with|had|has|was|were)\s)` +
      String.raw`(?<!\b(?:fire|fd|engine|ems|bystanders?|family|${SPEAKERS}|${OTHER_CARERS})\s)` +
      String.raw`(?:${CARE_OBJECT_THEN_PARTICIPLE})\b(?! by\b)`,
  ],
  // A tourniquet said with where it went, the participle left unsaid ("tourniquet high and tight on the left arm at 0221").
  // Not another agency's ("pd tourniquet on the right thigh"): the crew's treatment is what opens the line.
  // Not cut inside its name: "we put a cat | tourniquet high and tight" is one device.
  [
    String.raw`${NOT_ANOTHER_AGENCY}(?<!\b(?:${DEVICE_WORDS}|a|an|the)\s)(?:(?:${DEVICE_WORDS}) )?` +
      String.raw`tourniquet (?:high and tight|high on|on the|to the)`,
  ],
  // A line said by its gauge, side and site, then the line ("18 right ac saline lock", "20 left hand iv"); not a rate before a side
  // ("resp 18 right lung diminished").
  [
    String.raw`(?:${GAUGES}) (?:left|right|l|r) (?:ac|antecubital|hand|forearm|wrist|ej|external jugular) ` +
      String.raw`(?:saline lock|hep lock|lock|iv|line)`,
  ],
  // A dressing, and a line said by its gauge ("occlusive dressing over the wound", "two 16 gauge ivs", "twenty two gauge iv"),
  // but not the gauge of an IV just named ("iv 20 gauge").
  [
    DRESSING,
    String.raw`(?<!\b(?:iv|ivs|io|an?|two|three|2|3|line|bore)\s)(?:(?:two|2|three|3) )?(?:${GAUGES}) ?(?:gauge|ga)\b(?=${GAUGE_SITE})`,
  ],
  // The crew's CPR and a lift: "high quality cpr continued", "two person assist up to the bed".
  [
    'high[- ]quality cpr',
    String.raw`cpr (?:was )?(?:continued|resumed|initiated)`,
    // Started with its time ("… spo2 no reading | cpr started at 0520"); not cpr someone else started nor one said of a moment
    // ("down about 4 minutes before cpr was started").
    String.raw`(?<!\b(?:before|after|until|when|since|once|then|said|says|stated|states|us|per|to|${FINDERS}|bystanders?|fire|fd|pd|` +
      String.raw`police|family|staff|nurse|teacher|coach|customer|coworkers|officers|deputies)\s)` +
      String.raw`cpr (?:was )?(?:started|begun) (?:at )?\d{3,4}\b`,
    String.raw`(?:two|2|three|3|four|4)[- ]person (?:assist|lift)`,
  ],
  // Crew actions in the past tense that open a treatment line ("bagged him with the BVM", "moved her to the cot",
  // "had her keep sitting forward").
  ['bagged', String.raw`moved (?:him|her|them|the (?:patient|pt)|pt)\b`, String.raw`had (?:him|her|them) (?:keep|sit|lie|stay)\b`],
  // "laid her supine", "we attempted a modified vagal maneuver": the crew positioning or trying something.
  [
    String.raw`laid (?:him|her|them|the (?:patient|pt)|pt) (?:back )?(?:supine|flat|down|on)\b`,
    crewActs(['attempted', 'tried', 'performed', 'removed', 'splinted', 'elevated', 'immobilized', 'irrigated', 'covered']),
    crewActs(['cooled', 'suspended']),
    // Hands-on care said with "we" ("we cut off his clothes", "we put in a 20", "we continued cpr", "we wrapped her in
    // blankets"). A subordinator or "and" before "we" keeps the clause whole ("vomited when we put her on the stretcher").
    crewActs(CREW_CARE_VERBS),
    crewActs(['cut', 'put in', 'packed', 'soaked', 'bandaged', 'spiked']),
    // The crew taking up or keeping care ("… no pulse | we resumed compressions", "we assisted ventilations with a bvm").
    crewActs(['resumed', 'assisted', 'maintained', 'kept', 'initiated', 'titrated', 'ventilated', 'defibrillated', 'shocked']),
    crewActs(['paced', 'positioned', 'secured', 'set up', 'switched']),
    IV_GAUGE_IN_WORDS,
    CLOTHES_OFF,
    PADS_ON,
    crewActs(['put']) + String.raw` (?:the|a|an|him|her|them|pads)\b`,
    PATIENT_HAS_FINDING,
    NOT_A_RELATIVE_CLAUSE + crewActs([...CREW_WALKING_IN, ...CREW_TRANSPORT_VERBS, ...CREW_HANDING_OVER]),
    // The crew's care kept up on the way, its subject unsaid ("transported emergent | continued cooling en route"); packs only said
    // with "en route" ("the athletic trainer continued ice packs to the ankle" is the trainer's). Not someone
    // else keeping it up ("fire continued cpr"): a subject said right before keeps it.
    String.raw`(?<!\b(?:${SPEAKERS}|fire|fd|pd|engine|crew|they|bystanders?|${FAMILY_SPEAKERS}|${OTHER_CARERS})\s)` +
      String.raw`continued (?:the |his |her )?(?:active |passive )?` +
      String.raw`(?:cooling|warming|cpr|compressions|bagging|ventilations|cpap|bvm|(?:ice|cold|hot) packs?(?=(?: \S+){0,4} en ?route\b))\b`,
    // The crew moving the patient ("we slid her over", "we pulled him out", "loaded and went"), covering a wound.
    // Only the crew's: "lifeguards had already pulled the patient out" is what someone else did.
    crewActs(['slid', 'pulled', 'lifted', 'carried', 'scooped']) + String.raw` (?:him|her|them|the (?:patient|pt)|pt)\b`,
    String.raw`loaded (?:and|up|him|her|them|the)\b`,
    String.raw`covered (?:the|his|her|their|it|them)\b`,
    String.raw`no (?:treatment|interventions?)\b`,
  ],
  CREW_CARE_VERB_FIRST,
  CARE_AFTER_READING,
  // The patient's state said with its subject ("she is alert and oriented", "he is now alert"), a capnography
  // reading, the monitor ("on the monitor sinus tach"), a line pair by its bore, a combined nebulizer, moving to the
  // crew's cot, what the patient received before, the pain after a treatment, a refusal's risks and capacity.
  [
    // Not the condition said with a hand-off ("gave report to the charge nurse she was alert and talking").
    String.raw`(?<!\b(?:nurse|rn|doctor|dr|md|physician|staff|team|er|ed)\s)(?:${SUBJECTS} (?:is|was)|hes|shes|he's|she's) (?:now )?` +
      String.raw`(?:alert|awake|conscious|unresponsive|oriented|anxious|confused|lethargic|combative)`,
    // "he is a dialysis patient", "she's a known diabetic": who the patient is.
    String.raw`(?:he|she)(?:'s| is) (?:a|an) (?:[\w-]+ ){0,2}(?:patient|diabetic|epileptic|asthmatic|smoker|alcoholic)\b`,
    // An arrest's history: whether anyone saw it and when the patient was last seen well ("she was unwitnessed", "last seen
    // normal at 2200", "last known well 0745").
    String.raw`${SUBJECTS} (?:was|is) (?:un)?witnessed\b`,
    String.raw`last (?:seen|known) (?:well|normal|alive|at)\b`,
    // "shes a bilateral amputee", "hes a 23 year old" (a recogniser drops the apostrophe), "she has no complaints",
    // "her meds are on the facility sheet".
    String.raw`(?:hes|shes|he's|she's|he is|she is) (?:a|an)\b`,
    String.raw`(?:hes|shes) \d{1,3}\b`,
    // An obstetric history said with its subject ("she is g3 p2 full term").
    String.raw`(?:she|pt|patient)(?:'s| is) (?:a )?(?:g|gravida )\d`,
    String.raw`${SUBJECTS} (?:has|had) no\b`,
    String.raw`(?:his|her|their) (?:home )?(?:meds|medications|allergies)\b(?= (?:are|is|include|includes|were|list)\b)`,
    String.raw`end[- ]tidal`,
    // A finding said with "there is", the monitor's reading, the lungs and the belly.
    String.raw`there (?:is|was|are|were) (?:a|an|no)\b`,
    String.raw`(?:the )?monitor (?:showed|shows|showing)`,
    String.raw`lungs (?:had|have|were|are|was|clear|sound\w*)`,
    String.raw`(?:abdomen|belly|pelvis|extremities) (?:was|were|is|are|had|has|soft|rigid|tender|non-?tender|distended)\b`,
    String.raw`bp (?:was|is|of)\b`,
    // A seizure or symptom's onset or end: "seizure started about 1910", "seizure stopped 2 minutes after the versed".
    String.raw`(?:the )?(?:seizures?|symptoms|shaking|vomiting|bleeding|contractions) (?:started|began|stopped|ceased|resolved)\b`,
    // The condition at the hand-off: "at transfer he was alert", "she was starting to wake up".
    String.raw`at (?:the time of )?(?:transfer|hand-?off|turnover)(?=\s+(?:he|she|they|pt|patient|the patient)\b)`,
    // Its subject unsaid too ("… with no lights | at transfer alert talking no nausea"); not after a reading it times ("on the way
    // 32.6 at handoff").
    // Nor after what was taken or where ("another set of vitals at transfer bp …", "at the hospital at transfer", "on the monitor at
    // handoff").
    String.raw`(?<!\d\s)(?<!\b(?:vitals|vital signs|where|monitor|hospital|er|ed|set)\s)` +
      String.raw`at (?:the time of )?(?:transfer|hand-?off|turnover)` +
      String.raw`(?=\s+(?:alert|awake|talking|still|stable|vitals|bp|hr|heart rate|pulse|gcs)\b)`,
    String.raw`${SUBJECTS} (?:was|is) (?:starting|beginning) to\b`,
    String.raw`(?<!\b(?:placed|put|him|her|them|patient|pt)\s)on the (?:cardiac )?monitor`,
    String.raw`(?<!\b(?:established|placed|started|got|with|and)\s)(?:two|2) large[- ]bore`,
    'duoneb',
    // The article unsaid too ("moved to cot with a slide"), and the crew's pumps or vent ("moved to our pumps heparin iv"). Not
    // someone else moving ("her son moved to the cot beside her").
    String.raw`(?<!\b(?:${SPEAKERS}|${anyOf(PEOPLE_NOT_CREW)})\s)moved (?:over )?(?:to|onto) (?:our |the )?(?:${anyOf(MOVED_ONTO)})\b`,
    String.raw`(?:he|she|pt|patient) (?:received|was given) (?!(?:a|an|the)\b)`,
    // A pain score opens only after a reading ("temp 100 point 8 | pain 8 out of 10"; not "epigastric | pain 8 out of 10").
    String.raw`pain (?:(?:is|was|now) )?(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten) out of`,
    String.raw`pain (?:down|up|now|decreased|improved|better) to`,
    String.raw`explained (?:the )?risks?`,
    String.raw`${SUBJECTS} (?:has|had|is|was) (?:full |decision[- ]making |medical decision[- ]making )?capacity`,
    String.raw`${SUBJECTS} takes`,
    'last menstrual period',
    // A reading or a dose said with its time right after another time ("… iv at 1452 | at 1505 nausea improved").
    String.raw`at \d{4} (?=(?:nausea|pain|he|she|pt|patient|bp|blood pressure|heart rate|hr|sats?|repeat|second|third|vitals|` +
      String.raw`glucose|blood sugar|gcs)\b)`,
  ],
  ARRIVAL_BY_TIME,
  [CREW_AFTER_READING],
  [
    'arrived',
    'arrival',
    VEHICLE_LAY,
    NAMED_PATIENT_FOUND,
    'on arrival',
    'upon arrival',
    'on scene',
    // "got there 0641 she was in the driveway": reaching the scene with its time ("by the time we got there" stays whole).
    String.raw`got (?:there|on scene) (?:at )?\d{3,4}\b`,
    // Not what someone told the crew another person found: "police said a jogger | found him". Only a person named right before:
    // "caller reported a fall | found pt on the floor" is the crew's finding.
    // Nor from whoever found them, said right before ("wife | found her husband"): they open the statement (below).
    String.raw`(?<!\b(?:said|says|stated|states|told us|reported|thinks?)\s+(?:(?:a|an|the|his|her|their|some)\s+)?(?:[\w-]+\s+)?` +
      String.raw`(?:${FINDERS})\s)(?<!(?<!\bper\s+(?:his|her|their|the)\s+)\b(?:${anyOf(FAMILY, HOME_FINDERS)})\s)` +
      String.raw`found (?:a|an|the|him|her|pt|patient)`,
    // "… for a cardiac arrest | wife found her husband not breathing": a relative or a neighbour who found the patient, said
    // after the call's words. Not after who told it ("police said his wife found him"), nor after the words that time it or say
    // whose account it is ("since her neighbor found her", "and then her husband found her", "at 2200 her son found her", "per
    // her daughter").
    String.raw`(?<!\b(?:said|says|stated|states|told|reported|thinks?)\s+(?:(?:a|an|the|his|her|their|some)\s+)?(?:[\w-]+\s+)?)` +
      String.raw`(?<!\b(?:that|when|because|after|before|until|and|then|since|per|am|pm|some)\s)(?<!\d\s)` +
      String.raw`(?:(?:his|her|their|the|a|an)\s+)?(?:${anyOf(FAMILY, HOME_FINDERS)})\s+found\s+` +
      String.raw`(?:him|her|them|pt|patient|(?:her|his|their|the)\s+\w+)\b`,
    'we found',
    // "at bedside at ten fifteen …", "when we got there the clerk showed us …".
    'at (?:the )?bedside',
    String.raw`when we (?:got there|got on scene|arrived|walked in|pulled up|rolled up|pulled in|walked up)`,
    // "… had already started compressions | when we come in the door": only after someone's care or the response, not after a
    // finding it times ("he was sitting in the recliner when we came in").
    String.raw`(?<=\b(?:compressions|cpr|sirens?|lights)\s)when we (?:come|came) in`,
    // Reaching the scene, its subject unsaid or the crew ("… so it took a bit | got there and her husband had her sitting up",
    // "| pulled up at 0601"). Not someone else getting there ("engine 3 got there before us") nor after a subordinator.
    String.raw`(?<!\b(?:${SPEAKERS}|${OTHER_ARRIVERS}|they|time|until|before|after|once|when|as|by|\d+)\s)` +
      String.raw`(?:we )?(?:got there|pulled up)(?= (?:and|at|around|about|to find|\d))`,
    // The present tense of a second-language speaker: "we arrive 0226 …", "when we arrive she is …".
    String.raw`(?:when )?we (?:arrive|get there)\b`,
    // "at patient 0131 male lying on the sidewalk": reaching the patient, with the time.
    String.raw`at (?:the )?(?:patient|pt)(?:'s)?(?: side)? \d{4}`,
  ],
  // The crew's alert to the hospital, its subject unsaid ("… head of the stretcher up 30 degrees | called a stroke alert"); not
  // someone else's ("the captain called a stroke alert"). And no change on the way, said as its own statement.
  [
    // Nor after whoever else calls one ("the er doc called", "the dispatcher called").
    String.raw`${NOT_CREW_SUBJECT}(?<!\b(?:captain|lieutenant|engine|medic|doc|doctor|physician|dispatcher|dispatch|er|ed|hospital|` +
      String.raw`nurse|staff|\d+)\s)called (?:a |an )?(?:stroke|stemi|trauma|sepsis) alert`,
    // Not what someone saw ("we saw | no changes" would leave the verb alone).
    String.raw`(?<!\b(?:saw|see|noted|noticed|observed|had|reported|were|was|with)\s)` +
      String.raw`no (?:changes?|change in (?:his |her |their )?(?:condition|status)) en ?route`,
  ],
  // A new statement about the patient or by the crew, opened by its subject: "patient was on the porch …",
  // "he's a 71 year old …", "made patient contact 1429 …", "he agreed to go …", "after about ten minutes …".
  [
    // With its article too ("his roommate | the patient is calm"): the cut comes before "the", which no statement ends on.
    String.raw`(?:the )?(?:patient|pt) (?:was|is) (?!not\b)`,
    String.raw`(?:the )?(?:patient|pt) (?:was )?found`,
    // The patients moved together ("… c collar applied for comfort | both transported non emergent to riverside").
    // Not after the patients named ("mom and baby | both transported"), nor of a trip of their own ("both transported themselves").
    String.raw`(?<!\band\s+(?:his |her |the )?(?:${anyOf(FAMILY)}|baby|driver|passenger|friend|child|kids?)\s)` +
      String.raw`(?:both|all (?:two|three|four)) (?:of them )?(?:were )?transported\b(?! themselves)`,
    // A patient of several, named by number ("… put an ice pack on it | patient two is a 58 year old male").
    String.raw`(?:the )?(?:patient|pt) (?:one|two|three|four|number \w+|#?\d) (?:was|is)\b`,
    // Or moved by number ("… he signed the refusal | patient one transported to mercy").
    // Not who a refusal was signed by or a patient named as an object ("signed by patient one transported …").
    String.raw`(?<!\b(?:by|with|to|for|from|of)\s)(?:the )?(?:patient|pt) (?:one|two|three|four|number \w+|#?\d) (?:then )?transported\b`,
    // Or by order and role ("… sugar 128 | second driver is darnell hughes 39"); not someone the crew spoke to or was hit by.
    String.raw`(?<!\b(?:to|with|and|by|from|of|saw|hit|for)\s)(?:the )?(?:first|second|other) (?:driver|passenger|patient) (?:was|is)\b`,
    String.raw`${SUBJECTS}(?:'s| is) (?:a |an )?\d{1,3}\b`,
    String.raw`made (?:patient|pt) contact`,
    // Who the patient is in shorthand, the age and sex after "pt" ("… wife at side | pt 83m cc dizzy", "| pt 29 f known …").
    String.raw`${PATIENT_NOT_OBJECT}(?:pt|patient) \d{1,3} ?(?:m|f|male|female)\b`,
    String.raw`${PATIENT_NOT_OBJECT}(?:the )?(?:pt|patient) (?:${anyOf(PATIENT_FOUND_AS)})\b${POSITION_LABELS_READING}`,
    String.raw`${SUBJECTS} (?:agreed|agrees|agreeable|wanted|does not want|doesn't want|did not want|would not|won't)`,
    String.raw`after (?:about |approximately |roughly )?(?:[\w-]+ )?(?:minutes?|mins?)`,
    // What the crew was told of the patient, its source first ("… no shock delivered yet | per staff he collapsed while running").
    // Not the source of a history or a list ("history per wife she has …").
    // Nor when the patient was last well, their code status or a timeline ("last known well per wife he was normal at 2200").
    String.raw`(?<!\b(?:history|hx|meds|medications|allergies|report|information|info|well|normal|lkw|status|dnr|timeline|` +
      String.raw`baseline|events)\s)(?:per|according to) ` +
      String.raw`(?:the |his |her )?(?:witnesses|police|pd|fire|${FAMILY_SPEAKERS})(?= (?:he|she|they|pt|patient|the patient)\b)`,
  ],
  // The crew's next action: "then put him on CPAP …", "put her on the monitor …", "took him emergency to …".
  [
    CREW_AS_SUBJECT,
    String.raw`then (?:we |I )?(?:put|gave|started|placed|got|moved|bagged|pushed|hung)`,
    String.raw`put (?:him|her|them|the (?:patient|pt)) on`,
    String.raw`assisted (?:him|her|them|the (?:patient|pt))`,
    // In the present tense too ("we bring him to riverside"), as a second-language speaker tells it.
    // The present tense only with "we": "her husband will take her to urgent care" is not the crew.
    String.raw`(?:(?:we )?(?:${anyOf(CREW_TOOK_VERBS)})|${NOT_A_RELATIVE_CLAUSE}we (?:${anyOf(CREW_TAKE_VERBS)})) ` +
      String.raw`(?:him|her|them|the (?:patient|pt)) ` +
      String.raw`(?=to|in|there|emergen|routine|code|hot|cold|non)`,
    String.raw`contacted (?=medical|med|olmc|dr|doctor|the|base|poison|police)`,
    'called it',
    String.raw`(?:stroke|stemi|trauma|sepsis) alert`,
    'handed over',
    'gave report',
    'advised',
  ],
  [
    // The present tense of charting too ("… hr 82 | pt refuses transport", "| pt declines transport").
    '(?:he|she|they|pt|patient) (?:states|stated|says|said|reports|reported|complains|denies|refused|declined|refuses|declines)',
    String.raw`(?:he|she|pt|patient) is \d+`,
    // "… sitting in the car says her chest hurts": what the patient says, its speaker left unsaid.
    String.raw`(?<!\b(?:${SPEAKERS})\s)(?:says|states)`,
    '(?:complaining|complains) of',
    // The complaint named as such, and the stroke scale's result ("… eating breakfast | chief complaint per wife is …",
    // "| cincinnati positive for facial droop").
    // Not after whose it is or which ("the patient's chief complaint", "her primary chief complaint").
    String.raw`(?<!(?:['’]s|\b(?:primary|main|secondary|principal|pt|patient|patients))\s)chief complaint (?:is|was|per|of|today)\b`,
    String.raw`cincinnati (?:positive|negative|stroke scale|scale)\b`,
  ],
  // How the patient responded: "he came around …", "she woke up …", "pain went from 8 to 4", "feeling better".
  [
    `${SUBJECTS} (?:came around|came to|woke|woke up|admitted|admits)`,
    String.raw`(?:pain|sats?|bp|hr|heart rate) (?:went|came|dropped|improved|decreased|increased)`,
    'feeling better',
  ],
  // An obvious death and what follows it: the findings, no resuscitation, medical control and the pronouncement, the disposition.
  [
    'cold to (?:the )?touch',
    // Not the rhythm a monitor showed or the arrest stayed in ("monitor showed asystole", "stayed in asystole").
    String.raw`(?<!\b(?:showed|shows|showing|show|in|into|to|remained|still|was|is|confirmed|rhythm)\s)asystole`,
    'no (?:resuscitation|cpr)',
    // With the word that says which ("online medical control"), so the cut comes before it.
    // The crew calling it after a reading ("… etco2 never above 10 | called online medical control"), and the arrest staying in its
    // rhythm ("… bvm ventilation | stayed in asystole the whole time").
    String.raw`${AFTER_READING}(?:[a-z]+ )?(?:called|contacted) (?:(?:online|on-line|direct) )?medical control`,
    // Never cut from its subject ("his rhythm | remained in asystole", "the heart | stayed in asystole", "and then | remained").
    String.raw`(?:(?:he|she) (?:stayed|remained)|(?<!\b(?:rhythm|heart|monitor|the|pt|patient|he|she|then|and|still|it|which|that|who)\s)` +
      String.raw`(?:stayed|remained)) in (?:asystole|pea|v ?fib|vf|v ?tach)\b`,
    // Not the crew calling it, said before ("etco2 never above 10 called | online medical control").
    String.raw`(?<!\b(?:called|contacted|consulted|with|by|from|per|to|and)\s)(?:(?:online|on-line|direct) )?medical control`,
    'left (?:in the care|with)',
    // The end of the crew's resuscitation ("cpr stopped at 0433", "resuscitation was terminated").
    // Not a word of its own name ("chest | compressions", "resuscitation | efforts") nor someone else's cpr ("bystander cpr
    // stopped when he started breathing", "fire cpr stopped when we took over").
    String.raw`(?<!\b(?:chest|resuscitation|resuscitative|fire|fd|bystanders?|${FAMILY_SPEAKERS}|${OTHER_CARERS})\s)` +
      String.raw`(?:cpr|compressions|resuscitation|efforts) (?:was |were )?(?:stopped|ceased|discontinued|terminated)\b`,
  ],
  [
    'history of',
    'hx of',
    // The history said with its source or as a list ("history per wife is …", "medical history includes …").
    // Not the history as what the crew got ("we obtained | history from the wife").
    String.raw`(?<!\b(?:obtained|obtain|got|get|took|take|gathered|received|collected|limited)\s)` +
      String.raw`(?:(?:past )?medical )?history (?:per|from|is|includes|significant for)\b`,
    String.raw`no (?:other |past |significant )*(?:medical )?history`,
    'takes',
    'medications include',
    'allergic to',
    'allergies',
  ],
  // The crew's impression, and an offer of transport (a refusal's opening): "impression moderate croup", "offered transport to the er".
  [
    String.raw`(?:(?:my|our|field|working|clinical) )?impression(?!\s+(?:on|over|in|of|to|from|at)\b)`,
    'offered (?:transport|transportation|to transport)',
  ],
  [
    'blood pressure',
    // Not vitals said of how they were ("she was alert with stable vitals", "normal vital signs"), nor whose ("his vitals": below).
    String.raw`(?<!\b(?:${anyOf(VITALS_SAID_HOW)})\s)(?:vitals|vital signs)`,
    // A numbered vitals set ("gcs about 13 | first vitals bp 98 over 54"); "her first vitals" keeps its determiner.
    String.raw`(?:first|initial|second|third|last|final) (?:set of )?(?:vitals|vital signs|vs)\b`,
    // A numbered set said without "vitals", before its time or readings: "… bolus at 1153 | second set at 1201 pressure 84 over
    // 50", "… sats 96 percent | third set after the bolus at 1212".
    // Not after the verb that took it ("we take | second set at 1430"), nor after "and"/"then".
    String.raw`(?<!\b(?:take|took|taking|get|got|getting|did|do|obtain|obtained|check|checked|and|then|the|a|our)\s)` +
      String.raw`(?:${SET_ORDINALS}) set (?=(?:at \d|after\b|was\b|were\b|bp\b|blood pressure\b|pressure\b))`,
    // Whose readings, before them: "… headache and nausea | her vitals 126 over 80". Not the crew taking them ("we took her
    // vitals 126 over 80").
    String.raw`(?<!\b(?:${VITALS_TAKEN_BY_CREW})\s)(?:his|her|their) vitals` +
      String.raw`(?= (?:(?:were|are|was|is|showed) )?(?:(?:bp|blood pressure|pressure) )?\d)`,
    // "weak | pulse ox she is 91": a saturation named with its number next (after "she is" at most) is a reading of its own;
    // not inside a list of readings ("RR 30 SpO2 90 percent").
    String.raw`(?<!(?:\d|\bpercent|%|\bair|\bra)\s)(?:pulse ox|spo2|o2 sats?)(?= (?:(?:he|she|pt|patient) (?:is|was) )?\d{2,3}\b)`,
    String.raw`bp \d+`,
    // "pressure one twenty over seventy": a blood pressure said without "blood".
    String.raw`(?<!\bblood\s)pressure (?:[\w-]+ ){1,2}over`,
    '(?:pinpoint )?pupils',
    'alert and oriented',
    'skin (?:is|was|warm|cool|cold|hot|pale|dry|moist|pink|normal|signs|color)',
    'lung sounds',
    '12 lead',
    'twelve lead',
    // Not after the verb that took it ("checked | glucose 112"): the check opens where it is said, after a reading.
    String.raw`(?<!${AFTER_READING}(?:checked|check|obtained|got)\s)(?:glucose|blood sugar)`,
    String.raw`${AFTER_READING}(?:checked|obtained|got) (?:a |her |his |the )?(?:glucose|blood sugar|sugar|bgl|cbg)\b`,
  ],
  [
    // The crew moving a running line onto its own pump: "… cap refill under two seconds | switched his lactated ringers over to
    // our pump".
    String.raw`switched (?:his|her|their|the) (?:[\w']+ ){1,3}over to our\b`,
    'gave',
    'we gave',
    // One patient of several, or all of them, said getting the crew's care: "… no allergies | all three got high flow oxygen",
    // "… no crepitus | patient one got a c collar". Only before care: "the boy got hit by a car", "the driver got out" are not.
    // Not inside a clause the words before open ("we made sure | the boy got oxygen", "by the time | the driver got a c collar").
    String.raw`(?<!\b(?:${CLAUSE_OPENED_BY})\s)${CARE_RECEIVER} got (?=(?:${CARE_RECEIVED})\b)`,
    // A pressor said with how it is given: "… sats 94 percent | push dose epi 10 micrograms".
    // Only after a reading: "we considered push dose epi", "requested push dose epi from med control" keep their verb.
    String.raw`${AFTER_READING}push[- ]dose (?=(?:epi|epinephrine|phenylephrine|neo)\b)`,
    'administered',
    'started',
    'placed',
    'applied',
    'established',
    'after (?:the|treatment|all)',
    // The care named bare before the readings taken after it: "… starting at 0120 | after cpap and the nitro bp 158 over 90".
    // Only with a reading right after the care, and right after a number said of the care (its time, dose or route's count):
    // "pain decreased after nitro bp …", "she was less anxious after cpap sats …", "no change after albuterol sats …" and
    // "pain went from 8 to 4 after nitro bp …" say the change the care made.
    String.raw`(?:${AFTER_READING}|(?<=\b(?:h2o|cm|mmhg)\s))(?<!\bto\s+\S+\s)${AFTER_CARE}(?=(?:${AFTER_CARE_READINGS})\b)`,
    // Not a repeat still to come or refused: "will | repeat temp at the hospital", "patient declined | repeat temp".
    String.raw`(?<!\b(?:${anyOf(REPEAT_NOT_TAKEN_AFTER)})\s)repeat (?:${anyOf(REPEATED_READINGS)})`,
    // The set said by its time alone ("… small sips | repeat at 1405 bp 110 over 70"); not a drug's repeat ("so nitro repeat at
    // 1405", "the second albuterol repeat at 1310").
    String.raw`(?<!\b(?:${anyOf(REPEAT_NOT_TAKEN_AFTER)}|${MED_NAMES}|the|a|second|third)\s)repeat at \d{3,4}\b`,
    'recheck',
    // "… d10 iv at 1829 | rechecked sugar at 1838": right after the clock time of the care before, the crew's recheck with its
    // subject unsaid. Not after a reading ("bp 92 over 60 rechecked at 1300 96 over 62" is that reading's), its subject or a verb
    // ("we rechecked", "bp rechecked", "was rechecked"), a unit's, a bed's or a room's number ("engine 12 rechecked it"), nor before
    // the reading it gave ("glucose 45 rechecked 52").
    String.raw`(?<=\b${CLOCK_DIGITS}\s)` +
      String.raw`(?<!\b(?:engine|medic|station|unit|bed|room|rm|rescue|truck|squad|ladder|bay)\s+\d+\s)rechecked(?!\s+\d)`,
    // A repeat said by whose it is: "… for pain | repeat on him at 1634 pulse 116", "… | repeat on mom at 1636 bp 124 over 78".
    // Not a repeat named as a thing or only meant ("not to do a repeat on him", "we will repeat on him en route", "we should
    // repeat on her every five minutes", "we didnt repeat on her"), nor a drug's repeat ("versed repeat on her at 1627 5 mg").
    String.raw`(?<!\b(?:a|the|no|another|do|did|didnt|didn't|not|never|will|would|should|must|might|may|need|needs|to|can|could|` +
      String.raw`${MED_NAMES})\s)repeat on ` +
      String.raw`(?:him|her|them|mom|dad|(?:the )?(?:boy|girl|baby|child|kid|driver|passenger|mother|father|son|daughter))\b`,
    // A terse line that opens with the crew's access or the drug: "i v in the right hand …", "albuterol ten milligrams …".
    // Not the line its gauge was just said of ("established a 20 gauge iv in the left forearm").
    String.raw`(?<!\b(?:gauge|ga)\s)i ?v in the`,
    String.raw`followed by`,
  ],
  [
    // "load and go scene time four minutes transported …": leaving at once is the transport.
    'load and go',
    TRANSPORT_MODE_TO,
    // "txp" is the transport in charting shorthand ("… on neb | txp non emergent to st anne"); "tx" may be the treatment.
    // Not the transport refused or talked about ("pt refused txp", "risks of refusing txp").
    String.raw`(?<!\b(?:${TRANSPORT_NOT_TAKEN})\s)txp`,
    // The crew leaving opens the transport: "we left the scene", or the departure said with its time ("left the facility at
    // 2310", "left scene 1422"). Not someone else leaving ("suspect left the scene on foot", "other driver left the scene before
    // pd arrived", "suspect left the scene at 1402"): without "we" the time is needed and no other subject may say it.
    String.raw`(?:we|unit|crew|medic \d+) left (?:the )?${LEFT_PLACE}\b`,
    String.raw`${NOT_ANOTHER_LEAVER}left (?:the )?${LEFT_PLACE} (?:at )?\d{3,4}\b`,
    // "read 88 | into the rig heat cranked": the patient moved into the ambulance, the verb unsaid, right after a reading or a
    // time. Not after another verb ("threw up into the rig bucket"), which the words into the rig complete.
    String.raw`(?<=\d\s)into the (?:rig|truck|ambulance|unit|back of the (?:rig|truck|ambulance|unit))\b`,
    'transported',
    'transporting',
    // The patient moved or transported, said with a pronoun ("aspirin po | she was transported to regional", "both were moved"):
    // the cut comes before the subject. After a subordinator ("worse when she was moved") the clause stays whole.
    String.raw`(?:he|she|they|both(?: of them)?|all three) (?:was|were) (?:then )?(?:transported|moved|loaded|placed|positioned)\b`,
    // The transport said as a noun with where or how it went ("the nausea settled | transport to university non emergent",
    // "stemi alert called | transport emergent to st brendan"); not a transport offered, refused, needed or asked for, nor its kind
    // ("interfacility transport to", "emergent transport to"), which goes with the words before it.
    // Only after a reading, a time or a finished act: the word before anything else ("refused to allow", "will provide",
    // "requested helicopter", "missed her scheduled", "pending") makes the transport the object of what was said.
    String.raw`(?<=(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|` +
      String.raw`sixty|seventy|eighty|ninety|hundred|minutes?|mins?|called|activated|paged|notified|settled|improved|resolved|` +
      String.raw`subsided|relieved|eased|better|stable|unchanged))\s)` +
      String.raw`transport (?:to|emergent|non[- ]?emergent|routine|code|priority|lights|hot|cold)\b`,
    String.raw`(?:ground|air) transport`,
    // A helicopter leaving or landing, said with its time ("… hr 88 | lifted 11:44 for meridian", "| landed 0737 in the field").
    // Not a person's own landing: "pt flew in from frankfurt landed at 1430 and noticed calf swelling", "skydiver who landed at
    // 1512 hard on his left leg".
    String.raw`(?<!\b(?:${SPEAKERS}|i|plane|flight|skydiver|jumper)\s)(?:lifted|landed)(?: off)? (?:at )?${CLOCK}\b` +
      String.raw`(?!\s+(?:and|hard|awkwardly|on (?:his|her|their|the))\b)`,
    String.raw`care (?:was )?turned over`,
    'sending (?:physician|doctor|facility|nurse)',
    'en route to',
    // Vitals or a state re-measured on the way ("… the comprehensive center | en route second bp 178 over 96"): the
    // reassessment said during the transport opens its own statement.
    // Only after the destination ("… to the comprehensive center | en route …"): after a verb ("monitored en route", "remained
    // stable en route", "gave 4 of zofran en route") "en route" says when that was.
    String.raw`(?<=\bto (?:[\w'-]+ ){1,8})en ?route ` +
      String.raw`(?=(?:repeat|second|third|recheck\w*|bp|blood pressure|pressure|pulse|heart rate|hr|sats?|spo2|vitals|gcs|` +
      String.raw`(?:he|she) (?:is|was)|pt|patient)\b)`,
    'care (?:was )?transferred',
    'care to',
    'handed off',
    'report (?:given )?to',
    'refused',
    // The patients of a multi-patient call refusing together, said right after the last one's readings ("… sat 97 percent | both
    // refused transport", "| all three declined"). Elsewhere "both" may name who else did it ("her husband and son both refused").
    String.raw`${AFTER_READING}(?:both|all (?:two|three|four|five)|all of them)(?: of them)? (?:refused|declined|refuse|decline)\b`,
    'signed',
    'released',
  ],
);
const OPENER_RE = new RegExp(String.raw`(?:,\s*|\s+)(?=(?:${OPENERS})\b)`, 'gi');

const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;
/** The crew's care said with "it" as its object, which ends the clause ("elevated it", "splinted it"). */
/** Prepositions whose "it" is their object, never a subject waiting for its verb. */
const IT_OBJECT_AFTER = [
  'on',
  'in',
  'onto',
  'into',
  'over',
  'under',
  'from',
  'around',
  'against',
  'about',
  'with',
  'to',
  'at',
  'of',
  'for',
];
const CARE_IT_VERBS = anyOf(['elevated', 'splinted', 'wrapped', 'bandaged', 'dressed', 'irrigated', 'cleaned', 'flushed']);
/** A statement cannot end on these: an article, a subject or its verb, a verb still waiting for its object, a negation ("non"). */
const NO_CUT_AFTER_WORDS = anyOf([
  ...['a', 'an', 'the', 'non', 'no', 'not', 'his', 'her', 'their', 'of', 'to', 'with', 'for', 'at', 'on', 'in', 'or', 'but', 'so', 'just'],
  // A negation still waiting for its noun: "no known | allergies", "denies any | chest pain".
  ...['known', 'any'],
  // A determiner or quantifier still waiting for its noun: "both | lungs had rhonchi", "her entire | abdomen was tender".
  ...['its', 'your', 'this', 'these', 'those', 'both', 'every', 'some', 'either', 'neither', 'entire', 'whole'],
  ...['is', 'was', 'are', 'were', 'went', 'ran', 'found', 'started', 'gave', 'placed', 'we', 'i', 'he', 'she', 'they'],
  // A document still waiting for its verb: "refusal | signed by patient and wife".
  ...['refusal', 'form', 'waiver', 'release'],
  // A count or an adjective still waiting for its noun: "second | duoneb 3 milliliters", "high | blood pressure".
  ...['second', 'third', 'another', 'repeat', 'high', 'low'],
  // A subject still waiting for its verb: "she says it | started about an hour ago" (not an object: "he tolerated it").
  // Nor the object of the crew's care ("elevated it | took her to riverside", "splinted it").
  // The crew's care, not someone else's said just before: "she elevated it | took him to urgent care", "she cut her hand and
  // wrapped it | started bleeding again" still wait.
  ...[
    // Nor the object of a preposition ("bystanders holding a shirt on it | he says …").
    String.raw`(?<!\b(?:tolerated|stopped|did|made|took|got|${CARE_IT_VERBS}|${anyOf(IT_OBJECT_AFTER)})\s)it`,
    String.raw`(?<=\b(?:he|she|they|${anyOf(PEOPLE_NOT_CREW)})\s(?:(?!we\s)[\w']+\s){0,6}(?:${CARE_IT_VERBS})\s)it`,
  ],
  // An IV's bore waits for the line: "large bore | iv in the left arm".
  ...['bore'],
  // "cardiac | monitor shows afib", "cardiac | arrest".
  ...['cardiac'],
  // A delivery still waiting for what it delivers: "blow by | oxygen 6 liters".
  ...['blow[- ]?by'],
  // A relative pronoun waits for its verb ("medical control who | gave termination"); a drug's form for its name ("racemic | epinephrine").
  ...['who', 'which', 'racemic'],
  // A verb still waiting for what was given or done: "where she received | racemic epi", "fire was performing | cpr".
  ...['received', 'got', 'getting', 'performing', 'doing', 'giving'],
  // A crew member still waiting for what they did: "my medic | explained the risks".
  ...['(?:my|the|our) (?:partner|medic|emt|paramedic)', 'our', 'my'],
  // A conjunction or a verb still waiting for its clause: "when | she got dizzy", "every time | he takes a step", "he has | no history".
  ...['when', 'whenever', 'while', 'if', 'because', 'until', 'every time', 'has', 'have', 'had'],
]);
const NO_CUT_AFTER = new RegExp(String.raw`\b(?:${NO_CUT_AFTER_WORDS})\s*,?\s*$`, 'i');
/**
 * A change said before what caused it ("feeling better after the fluids", "the nausea was gone after about 10 minutes") stays one
 * statement.
 */
const CHANGES = ['better', 'worse', 'improved', 'resolved', 'gone', 'subsided', 'eased', 'stopped', 'came around', 'came to'];
const CHANGE_BEFORE_CAUSE = new RegExp(
  String.raw`\b(?:${anyOf(CHANGES)}|woke(?: up)?|no change in (?:his |her |their |the )?[\w-]+|unchanged)\s*$`,
  'i',
);
/** A pain score said last ("wrist pain five out of ten"). */
const SCORE_LAST = new RegExp(String.raw`\b(?:\d{1,2}|zero|${UNITS_WORD}|ten) (?:out of|over) (?:10|ten)\s*$`, 'i');
/** The crew's care a score was said after ("after the splint", "after the fentanyl"); not how it began ("after the fall"). */
const CARE_CAUSE_FIRST = new RegExp(
  String.raw`^[,\s]*after (?:the |his |her |their |our )?(?:second |first |another )?` +
    String.raw`(?:${MED_NAMES}|splint\w*|ice(?: pack)?|oxygen|o2|cpap|bipap|nebs?|nebulizer|fluids?|bolus|dose|meds|medication|` +
    String.raw`treatment|traction|tourniquet|sling|collar|repositioning)\b`,
  'i',
);
/** After the cause, another pain score: "after the fentanyl pain 6 out of 10" (the vitals after "after the aspirin" are new). */
const READING_AFTER_CAUSE = /^[,\s]*after (?:the |his |her |their )?[\w-]+(?: [\w-]+)?\s+pain\b/i;
/** How long after the cause a change came: "seizure stopped about 2 minutes | after the versed" stays one statement. */
const DURATION_LAST = /\b(?:\d+|a few|several|[\w-]+) (?:minutes?|mins?|seconds?|hours?)\s*$/i;
/** A piece that only says when, waiting for what was found then: "on arrival | he was alert", "at transfer | she was …". */
const WHEN_ONLY = new RegExp(
  String.raw`^[,\s]*(?:(?:on|upon) arrival|at (?:the time of )?(?:transfer|hand-?off|turnover)|when we (?:got there|arrived)|` +
    String.raw`after (?:the |his |her |their )?[\w-]+(?: [\w-]+)?)\s*,?\s*$`,
  'i',
);
/**
 * What someone reports stays with its speaker: "staff states pt is eighty eight …", and hearsay is not made a finding:
 * "the caller thinks | shes a diabetic" is what the caller thinks.
 */
const CREW_TOLD_RELATIVE_LAST = new RegExp(
  String.raw`\b(?:we|i)\b(?:(?!\b(?:he|she|they|staff|nurse)\b)[^.;]){0,60}?\btold (?:his|her|their) (?:${anyOf(FAMILY)})\s*,?\s*$`,
  'i',
);
// A verb of telling waits for what was told; not said in the passive of what was told ("since no injuries were reported | arrived
// to a single vehicle"), though "it was reported | she is …" still waits.
const REPORTED_BY_LAST = new RegExp(
  String.raw`\b(?:states|(?<!\b(?:were|been)\s)(?:stated|reported|mentioned)|says|said|reports|per|thinks|thought|` +
    String.raw`believes|believed|claims|claimed|` +
    String.raw`heard|knows|suspects|told (?:us|me|them|the crew|ems|police|dispatch|(?:his|her|their) (?:${anyOf(FAMILY)})))\s*,?\s*$`,
  'i',
);
/**
 * A subordinator waits for its clause: "by the time | we arrived she was alert", "at 1415 before | i placed the iv", "vomited
 * as | we moved him". ("when", "while", "if", "because", "until", "so" are in NO_CUT_AFTER_WORDS already; "after that" is an
 * adverb, not a subordinator.)
 */
const SUBORDINATORS = anyOf([
  ...['(?:by|at) the time', 'every time', 'the (?:first|last|next) time', 'before', 'after', 'as', 'since', 'once', 'where'],
  ...['whenever', 'till', 'though', 'although', 'unless', 'whether', String.raw`(?<!\b(?:after|before|like|of|all|with)\s)that`],
]);
const SUBORDINATOR_LAST = new RegExp(String.raw`\b(?:${SUBORDINATORS})\s*,?\s*$`, 'i');
/** Who a subordinate clause is about: what follows a subordinator when it opens that clause. */
const CLAUSE_SUBJECT_FIRST = /^[,\s]*(?:we|i|he|she|they|hes|shes|he's|she's|it|pt|patient|the (?:patient|pt))\b/i;

/** Determiners, possessives and quantifiers, before an ordinal or a qualifier. */
const DETERMINERS = anyOf(['the', 'a', 'an', 'her', 'his', 'their', 'its', 'my', 'our', 'your', 'this', 'that', 'both', 'each', 'every']);
const QUALIFIERS = anyOf([
  ...['first', 'second', 'third', 'fourth', 'last', 'next', 'final', 'initial', 'previous', 'prior', 'repeat'],
  ...['usual', 'baseline', 'normal', 'typical', 'regular', 'home', 'other', 'same'],
]);
/**
 * An ordinal or qualifier after a determiner waits for its noun: "her usual | bp was 110 over 70" is her baseline pressure, not
 * one measured; "her first | seizure started at 1330". Not a predicate ("alert and at her baseline | bp 120 over 80").
 */
const QUALIFIER_LAST = new RegExp(String.raw`(?<!\b(?:at|to|from|of|than|is|was)\s)\b(?:${DETERMINERS})\s+(?:${QUALIFIERS})\s*,?\s*$`, 'i');
/** The body's nouns an opener can start with ("abdomen was tender", "extremities had edema", "lungs had rhonchi"). */
const BODY_HEADS = new Set(['abdomen', 'belly', 'pelvis', 'extremities', 'lungs', 'chest', 'back', 'skin']);
/**
 * A region word (or a count of limbs) waits for its body part: "left lower | abdomen was tender", "bilateral lower | extremities".
 * A side does too after a determiner or a preposition ("in the left | abdomen"), not after a finding ("clear bilateral | abdomen soft").
 */
const REGIONS = new Set(['lower', 'upper', 'mid', 'middle', 'anterior', 'posterior', 'lateral', 'medial', 'inner', 'outer', 'all', 'four']);
const SIDE_AFTER_DETERMINER = new RegExp(String.raw`\b(?:${DETERMINERS}|in|to|on|of|at)\s+(?:left|right|bilateral)\s*,?\s*$`, 'i');
/**
 * Words that make one noun with the noun an opener starts with, or are the subject of its verb: "the state | police had",
 * "the lifepak | monitor showed", "the 12 lead | monitor", "the nose | bleeding stopped", "blood | covered the floor".
 */
const COMPOUNDS: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [
    ['police', 'pd', 'officers', 'deputies'],
    ['state', 'city', 'county', 'local', 'town', 'township', 'tribal', 'transit', 'campus', 'school', 'park', 'university'],
  ],
  [
    ['officers', 'deputies'],
    ['police', 'sheriff', 'sheriffs', 'fire', 'peace', 'military'],
  ],
  [
    ['fire'],
    ['house', 'structure', 'car', 'vehicle', 'brush', 'grass', 'kitchen', 'trash', 'dumpster', 'electrical', 'working', 'apartment'],
  ],
  [['security'], ['hospital', 'mall', 'store', 'building', 'campus', 'school', 'event', 'casino', 'airport']],
  [['lifeguards'], ['beach', 'pool']],
  // "past medical | history is …": the kind of history.
  [['history'], ['medical', 'past', 'family', 'social', 'surgical', 'cardiac', 'psych', 'psychiatric', 'obstetric']],
  // "online | medical control": the kind of medical control, not the end of a statement.
  [['medical'], ['online', 'on-line', 'direct', 'offline', 'off-line', 'past']],
  // "the patients | history is unknown": whose history.
  [['history'], ['patients', "patient's", 'pts', "pt's", 'his', 'her', 'their']],
  [['monitor'], ['lifepak', 'lifepack', 'zoll', 'cardiac', 'heart', 'lead', 'ekg', 'ecg', 'apnea', 'fetal', 'glucose']],
  [['bleeding'], ['nose', 'nasal', 'rectal', 'vaginal', 'gi', 'internal', 'arterial', 'venous', 'active', 'heavy', 'scalp', 'gum']],
  [
    ['seizure', 'seizures'],
    ['febrile', 'mal', 'clonic', 'tonic', 'absence', 'focal', 'partial', 'breakthrough'],
  ],
  [['symptoms'], ['stroke', 'flu', 'cold', 'withdrawal', 'cardiac', 'neuro', 'neurologic', 'neurological', 'viral', 'allergic']],
  [['vomiting'], ['projectile']],
  [['contractions'], ['uterine', 'hicks']],
  // "his home | bp was 150 over 90" is the pressure he has at home. Not a position: "vitals after standing | bp 162" is read
  // as the vitals set it opens.
  [['bp'], ['home', 'resting', 'manual', 'systolic']],
  // What covered something is the subject of "covered" ("vomit | covered the front of his shirt"), not the end of a statement.
  [
    ['covered'],
    ['blood', 'vomit', 'vomitus', 'emesis', 'feces', 'stool', 'urine', 'mud', 'dirt', 'debris', 'soot', 'snow', 'water', 'sweat'],
  ],
  [['covered'], ['rash', 'hives', 'bruising', 'bruises', 'burns', 'blisters', 'glass', 'fluid', 'foam', 'secretions', 'sheet', 'blanket']],
];
const COMPOUND_PARTS = new Map<string, Set<string>>();
for (const [heads, parts] of COMPOUNDS)
  for (const head of heads) COMPOUND_PARTS.set(head, new Set([...(COMPOUND_PARTS.get(head) ?? []), ...parts]));
const lastWordOf = (s: string) => (/([\w'-]+)\s*,?\s*$/.exec(s)?.[1] ?? '').toLowerCase();
const headWordOf = (s: string) => (/^[,\s]*(?:the\s+)?([\w'-]+)/i.exec(s)?.[1] ?? '').toLowerCase();
/** Whether the piece ends on a word that modifies the noun the opener starts with (or is its verb's subject): no cut between. */
function modifiesOpener(piece: string, rest: string): boolean {
  if (QUALIFIER_LAST.test(piece)) return true;
  const last = lastWordOf(piece);
  const head = headWordOf(rest);
  if (BODY_HEADS.has(head) && (REGIONS.has(last) || SIDE_AFTER_DETERMINER.test(piece))) return true;
  return COMPOUND_PARTS.get(head)?.has(last) ?? false;
}
/** Words that end a home-medication list: allergies, a denial, the crew and what it gave, a reading. */
const HOME_MEDS_END = anyOf([
  ...[String.raw`allerg\w*`, 'nkda', 'no', 'denies', 'we', 'i', 'gave', 'given', 'administered'],
  ...['sugar', 'glucose', 'bp', 'pressure', 'vitals'],
]);
/**
 * A home-medication list runs from "takes" to the end of the piece: "and takes | metoprolol 25 mg" is history, not a dose the
 * crew gave. It ends at what opens another topic (allergies, a denial, the crew).
 */
const HOME_MEDS_LAST = new RegExp(
  String.raw`\b(?:takes|taking|take|prescribed|(?:is|was|are|been) on(?= (?:${MED_NAMES})\b)|` +
    String.raw`(?:meds|medications) (?:include|includes|are))` +
    String.raw`(?:\s+(?!(?:${HOME_MEDS_END})\b)[\w.'/-]+){0,8}\s*,?\s*$`,
  'i',
);
/** How warm or cold a fluid is, said before it ("warmed normal saline", "cold ns", "chilled lr"). */
const FLUID_TEMPERATURE_LAST = /(?<=^|\s)(?:warm|warmed|cool|cooled|cold|chilled|iced)\s*,?\s*$/i;
/** A verb that gives or runs a fluid, said right before how warm it is ("and give | cold saline", "we hung | warmed lr"). */
const FLUID_GIVING_LAST =
  /\b(?:give|gives|gave|given|giving|hang|hangs|hung|hanging|run|runs|ran|running|start|starts|started|bolus)\s*,?\s*$/i;
/** An IV fluid's name as a recogniser writes it. */
const FLUID_FIRST = /^[,\s]*(?:normal saline|saline|ns|lactated ringers?|ringers?|lr|fluids?)\b/i;
const DOSE_OR_MED_FIRST = new RegExp(String.raw`^[,\s]*(?:${DOSE_THEN_MED}|${MED_NAMES})\b`, 'i');
/**
 * The crew, said as the subject, with a verb that gives or puts in care and has not yet said what ("we pushed", "i give", "my
 * partner put", "i gave him"): the statement goes on to the drug, the line or the oxygen.
 */
const GIVING_VERBS = anyOf(['give', 'gives', 'gave', 'push', 'pushes', 'pushed', 'put', 'puts', 'hung', 'hang', 'hangs']);
const CREW_GIVER = String.raw`(?:we|i|(?:my|our) (?:partner|medic|emt|paramedic|colleague))`;
/** A piece opened by the crew giving ("we pushed …", "my partner put …"). */
const CREW_GIVER_FIRST = new RegExp(String.raw`^[,\s]*${CREW_GIVER}\b`, 'i');
const CREW_GIVING_LAST = new RegExp(
  String.raw`(?<=^|\s)${CREW_GIVER}\s+(?:then\s+|also\s+)?(?:${GIVING_VERBS})(?:\s+(?:him|her|them))?\s*,?\s*$`,
  'i',
);
/** What such a verb gives or puts in: a drug or its dose, a line by its gauge, oxygen. */
const GIVEN_CARE_FIRST = new RegExp(
  String.raw`^[,\s]*(?:${DOSE_THEN_MED}|${MED_NAMES}|(?:an? )?(?:iv|i v|io)\b|(?:an? )?(?:${GAUGES}) ?(?:gauge|ga)?\b|oxygen|o2)\b`,
  'i',
);
/** A call sign alone ("medic 7") is the subject of what follows ("… responding to a fall …"). */
const CALL_SIGN_ONLY = new RegExp(String.raw`^\s*(?:${anyOf(UNIT_NAMES)}|m|e)\s*\d+\s*,?\s*$`, 'i');
/**
 * Whom the crew found, and their age, stay with the arrival ("arrived 0911, 80 year old female …",
 * "found Mr Okoro 67 years old …").
 */
const AGE_OPENER = new RegExp(String.raw`^[,\s]*${NOT_INSIDE_A_NUMBER}(?:${AGE_NUMBER} (?:year|yr)s? old|\d{1,3} ?(?:yo|y\/o|y o))\b`, 'i');
const DISPATCH_WORDS = new RegExp(String.raw`\b(?:${anyOf(DISPATCH_VERBS)})\b`, 'i');
const AGE_IN = new RegExp(String.raw`\b${AGE_NUMBER} (?:year|yr)s? old\b|\b\d{1,3} ?(?:yo|y\/o|y o)\b`, 'i');
const FOUND_WHOM_LAST = /\bfound\s+(?:\S+\s+){0,2}\S+\s*,?\s*$/i;
/** "on scene 0519" alone says when: it stays with what the crew found ("on scene 0519 found a 79 year old …"). */
const ARRIVAL_TIME_ONLY = /^[,\s]*(?:arrived|arrival|on scene|on arrival|upon arrival)(?: at)? \d{3,4}\s*,?\s*$/i;

const VITAL_NAME =
  String.raw`(?:end[- ]tidal|etco2|sats?|spo2|heart rate|hr|rr|respirations|resps|pulse|temp|temperature|glucose|sugar|gcs|bp|` +
  String.raw`pressure|rate)`;
const VITAL_NAME_LAST = new RegExp(String.raw`\b${VITAL_NAME}\s*$`, 'i');
/** Other names a reading is said after ("pulse ox", "o2", "on the monitor", "pain"). */
const NAMED_ON_MONITOR_LAST = /\b(?:pulse ox|ox|o2|monitor|pain)\s*,?\s*$/i;
/** A reading said last ("end tidal 21"): its number is no device's ("21 | monitor applied" is cut). */
const READING_LAST = new RegExp(String.raw`\b${VITAL_NAME}\s+\d+(?:\.\d+)?\s*$`, 'i');
const DOSE_SAID_LAST =
  /\b(?:iv|io|im|in|po|sl|push|neb|nebulizer|nebulized|mask|milligrams?|mg|micrograms?|mcg|ml|milliliters?|liters?|grams?|units?)\s*$/i;
/** Words before a last "end" that make it the end of something, not the closing. */
const END_OF_SOMETHING_AFTER = [
  ...['the', 'an', 'to', 'at', 'of', 'its', 'his', 'her', 'their', 'our', 'this', 'that', 'no', 'other', 'either', 'each'],
  ...['rear', 'back', 'front', 'far', 'near', 'dead', 'tail', 'deep', 'low', 'high', 'upper', 'lower', 'top', 'bottom', 'tip'],
  ...['distal', 'proximal', 'lateral', 'medial', 'shallow', 'open', 'sharp', 'blunt', 'loose', 'free', 'cut', 'venous', 'arterial'],
  ...['wrong', 'receiving', 'sending', 'business', 'one', 'very', 'north', 'south', 'east', 'west', 'northern', 'southern'],
];
/** How a dictation ends, said last ("um yeah end of report", "thats all"). */
const CLOSING_WORDS = [
  // "end of transfer report", "end of the call report": the report named by its kind.
  // Not said in passing ("he vomited at the end of the report").
  String.raw`(?<!\bat the (?:very )?)${REPORT_END}`,
  ...["that'?s (?:about |pretty much )?(?:it|all|everything)", 'that is (?:it|all|everything)'],
  // "okay that's all i got", "okay i think that's everything", "okay that's the end of it", "okay done".
  ...[
    "that'?s all i (?:got|have)",
    "i think that'?s (?:it|all|everything)",
    // "okay thats the end": not what someone said ("he said thats the end").
    "(?<!\\b(?:said|says|say|saying|states|stated|told|tells|telling)\\s(?:\\w+\\s)?)that'?s the end(?: of (?:it|that))?",
    '(?<=\\b(?:okay|ok)\\s)done',
  ],
  // "… report given to doctor haas in trauma bay 2 end", "… care transferred to rn smith end": the last word alone. Not the end
  // of something ("the distal end", "at the shallow end", "to the end", "the right end", but "all right end" closes).
  String.raw`(?<!\b(?:${anyOf(END_OF_SOMETHING_AFTER)})\s)(?<!\b(?<!\ball )(?:left|right)\s)end`,
];
const TELLER_LAST = new RegExp(String.raw`\b(?:${FAMILY_SPEAKERS})\s*$`, 'i');
const TELLER_AT_PLACE_ONLY = new RegExp(String.raw`^[,\s]*(?:(?:the|his|her|their) )?(?:${FAMILY_SPEAKERS}) (?:${TELLER_PLACES})\s*$`, 'i');
const TELLER_PLACE_THEN_TELLS = new RegExp(String.raw`^[,\s]*(?:${TELLER_PLACES}) (?:${TELLS})\b`, 'i');
/** The crew's way in said last ("then went in", "we walked in", "and headed in"). */
const CREW_WENT_IN_LAST = /\b(?:we|then|and) (?:went|walked|headed) in\s*,?\s*$/i;
/** The crew said in the piece: "staged", "we", "responded". */
const CREW_WAY_IN_WORDS = /\b(?:we|staged|waited|parked|responded|crew|unit)\b/gi;
/** Someone else said as a subject; not one the crew waited for ("staged until pd cleared the scene", "waited for the sheriff"). */
const OTHER_SUBJECT = new RegExp(
  String.raw`(?<!\b(?:until|till|for|before|after)(?: the)?\s)\b(?:he|she|they|${anyOf(PEOPLE_NOT_CREW)})\b`,
  'i',
);
/**
 * Whose way in it is: the crew's, said last before it ("staged until pd cleared the scene then went in", "we walked in"). "pd forced
 * the door and went in | found him", "husband came home then went in | found her": what they found, not the crew's arrival.
 */
function crewWentIn(piece: string): boolean {
  if (/\bwe (?:went|walked|headed) in\s*,?\s*$/i.test(piece)) return true;
  const crew = [...piece.matchAll(CREW_WAY_IN_WORDS)].pop();
  return crew !== undefined && !OTHER_SUBJECT.test(piece.slice(crew.index + crew[0].length));
}
const CLOSING_ASIDE = new RegExp(
  String.raw`(?<=\s)(?:(?:um+|uh+|okay|ok|so|and|yeah)\s+)*` +
    String.raw`(?:${anyOf(CLOSING_WORDS)})` +
    // "thats it for that transfer", "thats all for this one": the call it closes named after it.
    String.raw`(?: for (?:this|that|the) (?:one|call|transfer|patient|run|report))?` +
    // "okay thats it end": a last word that ends the recording (not "over": "the rash thats all over").
    String.raw`(?:,?\s+end)?\s*[.!]?\s*$`,
  'i',
);
/** "on arrival" said last, with nothing after it or only the closing words ("… calm and cooperative on arrival okay thats the end"). */
function arrivalSaidLast(rest: string): boolean {
  const when = /^[,\s]*(?:on|upon) arrival\b/i.exec(rest);
  if (when === null) return false;
  const after = rest.slice(when[0].length);
  const closing = CLOSING_ASIDE.exec(after);
  return after.trim() === '' || (closing !== null && after.slice(0, closing.index).trim() === '');
}
/** Someone other than the crew, said right before "arrived" ("her sister arrived", "mom arrived"). */
const ARRIVING_WHO_LAST = new RegExp(String.raw`(?<=^|\s)(?:(?:his|her|their|the|pt's|patient's)\s+)?(?:${SPEAKERS})\s*,?\s*$`, 'i');
/** The transport and where it went, said last in the piece ("transported to county general", "we take her to hospital san rafael"). */
const TRANSPORT_TO_LAST = new RegExp(
  String.raw`\b(?:transport(?:ed|ing)?|txp|(?:${anyOf(CREW_TOOK_VERBS, CREW_TAKE_VERBS)}) (?:him|her|them|the (?:patient|pt))) to` +
    String.raw`(?: [\w'-]+){1,5}\s*,?\s*$`,
  'i',
);
/** How the unit went, said right before its lights ("responded emergent | lights and sirens"). */
const RESPONSE_WORD_LAST = new RegExp(
  String.raw`\b(?:emergent|emergency|emergently|hot|(?:went|responded|ran|came|drove|transported) routine|with|without|` +
    String.raw`code \w+|priority \w+)\s*,?\s*$`,
  'i',
);
/** A combination said alone, then the drugs it is made of ("duoneb | albuterol 2.5 milligrams and ipratropium …"). */
const COMBINATIONS = anyOf(...MEDICATIONS.filter(([name]) => name.includes('/')).map(([, alias]) => alias));
const MED_LAST = new RegExp(String.raw`\b(?:${COMBINATIONS})\s*,?\s*$`, 'i');
const MED_FIRST = new RegExp(String.raw`^[,\s]*(?:${MED_NAMES})\b`, 'i');
/** An end-of-life order or other paper said right before who signed it. */
const ORDER_LAST =
  /\b(?:polst|molst|most|post|dnr|dnar|dni|order|orders|directive|resuscitate|paperwork|form|consent|will|living will)\s*,?\s*$/i;
/** A short history line keeps its medications and allergies ("no medical history takes no meds allergic to latex"). */
const HISTORY_FIRST = /^[,\s]*(?:no (?:other |past |significant )*(?:medical )?history|no (?:pmh|hx)|history of|hx of|takes|no meds)\b/i;
const HISTORY_REST = /^[,\s]*(?:takes|allergic to|allergies|no allergies|no known (?:drug )?allergies|nkda)\b/i;

/** A verb that moves someone, or whom it moved, said right before where to ("walked | into the truck", "loaded him | into …"). */
const MOVED_LAST = new RegExp(
  String.raw`\b(?:${anyOf(['walked', 'ambulated', 'moved', 'loaded', 'lifted', 'carried', 'brought', 'put', 'got', 'helped'])}|` +
    String.raw`${anyOf(['assisted', 'climbed', 'stepped', 'went', 'came', 'him', 'them', 'pt', 'patient', 'stretcher', 'cot'])}|` +
    String.raw`herself|himself)\s*,?\s*$`,
  'i',
);
/**
 * A piece that ends on the clock time of what the crew did ("tourniquet … at 0920"): a vitals set said next is a new statement,
 * unless the piece names the vitals the time is for ("repeat vitals at 0930 | bp 120 over 80" stays whole).
 */
const TREATMENT_TIME_LAST = new RegExp(
  String.raw`^(?!.*\b(?:vitals|vital signs|repeat|recheck|rechecked|reassess\w*|set)\b).*\bat ${CLOCK_DIGITS}\s*,?\s*$`,
  'i',
);
/** The participle of care said passively ("oxygen was | applied at 4 liters", "an 18 gauge iv was | placed …"). */
const PASSIVE_CARE_FIRST = new RegExp(String.raw`^[,\s]*(?:${PLACED}|given|administered|started|initiated|maintained)\b`, 'i');
/** What care is given with or placed: the head noun of that passive's subject. */
const CARE_NOUNS = anyOf([
  ...['oxygen', 'o2', 'iv', 'io', 'line', 'lock', 'bolus', 'fluids', 'saline', "ringer'?s", 'infusion', 'drip', 'cpap', 'bipap'],
  ...['(?:pelvic )?binder', 'collar', 'splint', 'tourniquet', 'dressing', 'pads', 'monitor', 'restriction', 'immobilization'],
  ...['precautions', 'airway', 'opa', 'npa', I_GEL, 'tube', 'ett', 'cannula', 'mask', 'non[- ]?rebreather', 'nrb'],
]);
/** Words that say which care, between its article and its noun ("an 18 gauge iv", "a cat tourniquet"); never a body site. */
const CARE_MODIFIERS = anyOf([
  ...[String.raw`\d+(?:\.\d+)?`, GAUGES, 'gauge', 'ga', 'large[- ]bore', 'peripheral', 'second', 'another', 'normal', 'saline'],
  ...['pelvic', 'cervical', 'c', 'nasal', 'high[- ]flow', 'supplemental', 'cat', 'commercial', 'sam', 'traction', 'occlusive'],
  ...['sterile', 'pressure', 'cardiac', 'defibrillation', 'pacer', 'pacing', 'non[- ]?rebreather', 'king', 'oral', 'nasopharyngeal'],
]);
/** Not the route of a dose said before it ("ondansetron 4 mg | iv was administered" is one statement). */
const NOT_A_ROUTE = String.raw`(?<!\b(?:mg|milligrams?|mcg|micrograms?|ml|milliliters?|grams?|g|units?|liters?|l|flow|supplemental|by)\s)`;
/**
 * That subject, said last with its "was" or "were": oxygen or a drug named alone ("oxygen was"), any care after an article with
 * at most three words between ("an 18 gauge iv was"); a bare device may be the end of a longer name ("non rebreather | mask was").
 * Not a reading or a person ("her sugar was | checked"): those are no care nouns.
 */
const PASSIVE_CARE_SUBJECT_LAST = new RegExp(
  String.raw`(?<=^|\s)(?:(?:an?|the) (?:(?:${CARE_MODIFIERS}) ){0,3}(?:${CARE_NOUNS}|${MED_NAMES})|` +
    String.raw`${NOT_A_ROUTE}(?:oxygen|o2|${MED_NAMES})) (?:was|were)\s*,?\s*$`,
  'i',
);
/** A noun after a determiner ("his hands", "the engine"): the subject of the verb that follows, not a statement's end. */
const OWNED_NOUN_LAST = /\b(?:his|her|their|the|its|my|our|your)\s+[\w'-]+\s*,?\s*$/i;
/** Words after "no lights" that make them something seen at the scene, not the response. */
const LIGHTS_SEEN = ['visible', 'seen', 'noted', 'anywhere', 'were', 'was', 'on', 'in', 'inside', 'at', 'from', 'coming'];
/**
 * The lights and sirens said alone as the response ("… for a seizure | lights and sirens | the gym teacher had her …") or after
 * its mode ("went non emergent no lights").
 */
const SIGNALS = [
  // Not a scene finding: "no lights visible", "no lights were on in the house".
  ...['lights and sirens', String.raw`no lights(?: (?:and|or|no) sirens|(?! (?:${anyOf(LIGHTS_SEEN)})\b))`, 'lights no sirens'],
  String.raw`without lights(?: (?:and|or) sirens)?`,
];
const SIGNALS_AT = new RegExp(String.raw`^[,\s]*(?:${anyOf(SIGNALS)})(?![\w-])`, 'i');
/** The response said with its mode: "ran hot", "responded emergent", "we went lights and sirens", "came in code 3". */
const RESPONSE_SAID = new RegExp(
  String.raw`\b(?:we )?(?:ran|went|came in|responded|responding) (?:it )?` +
    String.raw`(?:hot|cold|(?:non[- ]?)?emergent(?:ly)?|emergency|routine|lights and sirens|(?:code|priority) (?:\d|one|two|three|four))` +
    String.raw`(?: (?:with |no |without )?lights and sirens| (?:${anyOf(SIGNALS)}))?(?![\w-])`,
  'gi',
);
/**
 * The speaker's comment on the response, said right after it ("no lights obviously", "no lights which was nice", "lights and
 * sirens of course"): more of the same statement.
 */
const RESPONSE_COMMENTS = ['which', 'obviously', 'of course', 'thankfully', 'luckily', 'fortunately', 'unfortunately', 'naturally'];
/**
 * The comment is of the response only when no one else becomes the subject right after it: "obviously he was gray", "which was a
 * good call her sats were 78", "luckily the fire department was already there" are new statements, cut where the response ends.
 * Said after "we", the crew goes on telling the response ("obviously we got there fast").
 */
const COMMENT_THEN_STATEMENT = new RegExp(
  String.raw`^(?:[\s,]+(?!we\b)[\w'-]+){0,4}?[\s,]+(?:(?:he|she|they|him|his|her|their|pt|patient)\b|` +
    String.raw`(?!(?:we|it|that|which|there|this)\b)[\w'-]+\s+(?:was|were|is|are|had|has|went)\b)`,
  'i',
);
/** Words said between "at" and a time that keep the time the response's: a guess or its opposite ("at exactly 0404"). */
const AT_TIME_QUALIFIERS = [...GUESS_WORDS, 'approx', 'exactly', 'precisely', 'time'];
/** Words that say more of the same response after its mode ("ran hot to county", "responded emergent with engine 4"). */
const RESPONSE_GOES_ON = new RegExp(
  String.raw`^[,\s]*(?:to|with|without|and|but|or|per|due|because|for|until|then|as|on|in|into|from|after|through|via|since|` +
    // "the whole way" goes on; "responded non emergent | the nurse met us" is a new statement.
    String.raw`the (?:whole|entire|rest|way)|all|upgraded|downgraded|traffic|lights|sirens|l s|no|code|priority|initially|we|i|` +
    // "at" and a time go on ("responded emergent at 1022"); a place and a time are the arrival ("non emergent | at the clinic 1032").
    // A time said roughly is the response's too ("responded emergent at approximately 0404", "at about 1022").
    String.raw`at(?!(?:\s+(?!(?:${anyOf(AT_TIME_QUALIFIERS)})\b)[a-z]+){1,3}\s+${CLOCK}\b)|` +
    String.raw`emergent|hot|cold|` +
    // How long it took: "responded emergent 9 minutes", "ran hot about twelve minutes out".
    String.raw`about|approximately|approx|around|eta|travel|response|time|\d+|[a-z]+(?:[- ][a-z]+)? minutes?|` +
    String.raw`(?:${anyOf(RESPONSE_COMMENTS)})\b(?!${COMMENT_THEN_STATEMENT.source.slice(1)}))\b`,
  'i',
);
/**
 * The response ends with its mode when a cut opened it: "ran hot | mom had him in the bathroom", "responded emergent | two
 * people there". Words that go on about the response (or a transport's "ran hot to") keep it whole.
 */
function responseEnds(sentence: string, cuts: readonly number[]): number[] {
  const out: number[] = [];
  for (const m of sentence.matchAll(RESPONSE_SAID)) {
    const opened = m.index === 0 || cuts.some((c) => c <= m.index && /^[,\s]*$/.test(sentence.slice(c, m.index)));
    const end = m.index + m[0].length;
    const rest = sentence.slice(end);
    if (opened && /\S/.test(rest) && !RESPONSE_GOES_ON.test(rest) && !/^[,\s]*$/.test(rest)) out.push(end);
  }
  // A bare mode or lights cut after the dispatch ends there too ("… apts 312 | non emergent | pt on bedroom floor").
  // Only the first cut, the one after the dispatch ("… | cold pack to forehead" is care, not a mode).
  for (const cut of cuts.length > 0 ? [Math.min(...cuts)] : []) {
    const bare = BARE_MODE_FIRST.test(sentence.slice(cut)) ? BARE_MODE_AT.exec(sentence.slice(cut)) : SIGNALS_AT.exec(sentence.slice(cut));
    if (bare === null || BARE_MODE_NOUN.test(sentence.slice(cut))) continue;
    const rest = sentence.slice(cut + bare[0].length);
    if (/\S/.test(rest) && !RESPONSE_GOES_ON.test(rest)) out.push(cut + bare[0].length);
  }
  return out;
}

/**
 * Whether a bare mode at the start of `rest` opens the response: only right after the dispatch line (`piece`), before anything
 * else was cut, and when it is not part of the dispatch or of a response already said, nor a noun's adjective or a finding.
 */
function bareModeOpensResponse(piece: string, rest: string, cutBefore: boolean): boolean {
  if (cutBefore || !DISPATCH_LINE.test(piece)) return false;
  if (RESPONSE_IN.test(piece) || MODE_TAKER_LAST.test(piece)) return false;
  if (BARE_MODE_NOUN.test(rest)) return false;
  return !FINDING_WORD_MODE.test(rest) || FINDING_WORD_AS_MODE.test(rest);
}

export function isRunOn(sentence: string): boolean {
  return !/[.!?]["')\]]?\s*$/.test(sentence) && wordCount(sentence) >= MIN_RUN_ON_WORDS;
}

/**
 * The words a speaker opens a recording with before the call itself ("okay", "um", "alright so", "okay here we go"): they
 * document nothing. Each a whole word followed by a space, so "so dizzy she fell" keeps "so" only if more words follow and
 * "okayed by medical control" is no opening. "all right" only before a space and a word that is not "sided" (a finding).
 */
const OPENING_WORDS: WordTable = ['um+', 'uh+', 'okay', 'ok', 'alright', String.raw`all right(?! sided\b)`, 'so', 'here (?:we )?go(?:es)?'];
/**
 * The speaker's yes said to start ("uh yeah so we got called …", "yep okay medic 4 …"): an opening word only before the call's
 * dispatch (`callFollows`). Before anything else it may answer a question the story goes on from ("yeah he was complaining of …",
 * "yeah okay so he got narcan from pd …") and stays with it.
 */
const YES_WORDS: WordTable = ['yeah', 'yep'];
/** The speaker naming the recording before the call's dispatch ("okay recording medic 15 …"); before anything else it may be told of. */
const RECORDING_WORDS: WordTable = [
  String.raw`recording(?=\s+(?:${anyOf(DISPATCHED_UNIT_NAMES)}|this is|we|i|${anyOf(DISPATCH_VERBS)}|dispatch|called)\b)`,
];
/** Words that go on with the "so" before them: "so dizzy she fell", "so short of breath" is the patient's state. */
const SO_GOES_ON = ['dizzy', 'weak', 'short', 'bad', 'much', 'many', 'tired', 'sick', 'confused', 'drunk', 'high', 'low', 'far'];
const openingAside = (words: WordTable) =>
  new RegExp(String.raw`^\s*(?:(?:${anyOf(words)})(?:\s*,\s*|\s+))+(?!(?:${SO_GOES_ON.join('|')})\b)(?=[\p{L}\d])`, 'iu');
const OPENING_ASIDE = openingAside(OPENING_WORDS);
const OPENING_ASIDE_WITH_YES = openingAside([...OPENING_WORDS, ...YES_WORDS, ...RECORDING_WORDS]);
/** The call's dispatch told: its unit first ("medic six …") or a dispatch word ("we got called at …", "dispatched at 1600 …"). */
const CALL_TOLD = new RegExp(
  String.raw`^\s*(?:${anyOf(DISPATCHED_UNIT_NAMES)})\b|\b(?:${anyOf(DISPATCH_VERBS, ['dispatch', 'called', 'call'])})\b`,
  'i',
);
/** How many words after the opening the dispatch is looked for in: the call told right away. */
const CALL_WITHIN_WORDS = 8;
/** Whether the call's dispatch is told right after the opening words (`rest`). */
function callFollows(rest: string): boolean {
  return CALL_TOLD.test(rest.trim().split(/\s+/).slice(0, CALL_WITHIN_WORDS).join(' '));
}
/** The opening words of a run-on: with a yes among them only when the call's dispatch follows. */
function openingOf(sentence: string): RegExpExecArray | null {
  const withYes = OPENING_ASIDE_WITH_YES.exec(sentence);
  if (withYes !== null && callFollows(sentence.slice(withYes[0].length))) return withYes;
  return OPENING_ASIDE.exec(sentence);
}

export function splitRunOn(sentence: string): string[] {
  if (!isRunOn(sentence)) return [sentence];
  // "okay | unit forty one responded …": the opening words are their own (filler) piece, the call is told from the next word.
  const opening = openingOf(sentence);
  if (opening !== null) {
    const rest = sentence.slice(opening[0].length);
    // The rest is cut as the run-on it was part of, even when it is under a run-on's length once the opening is off ("yeah | he was
    // complaining of chest pain … transported to general"): the whole regex already took every opening word, none is left.
    if (wordCount(rest) >= MIN_PIECE_WORDS) return [opening[0].replace(/[,\s]+$/, ''), ...splitRunOnAfterOpening(rest)];
  }
  return splitRunOnAfterOpening(sentence);
}

/**
 * Whether the words before a candidate cut still wait for their clause: a word no statement ends on, a subordinator, or "and"
 * (or "then" too, where the crew's verb follows): "by the time | we arrived", "… on the second try and | my partner pushed".
 */
const clauseGoesOnAfter = (before: string, also?: 'then') =>
  NO_CUT_AFTER.test(before) || SUBORDINATOR_LAST.test(before) || (also === 'then' ? /\b(?:and|then)\s*$/i : /\band\s*$/i).test(before);
const BP_NOT_TAKEN_LAST = /\b(?:bp|blood pressure)\s+not (?:taken|obtained|done)\s*,?\s*$/i;
/** An age said alone or in years or months ("he is 2", "she's 18 months"), not a score, a time or a pregnancy said the same way. */
const CHILD_AGE_FIRST = new RegExp(
  String.raw`^[,\s]*(?:he|she|pt|patient)(?:'s| is)\s+\d{1,2}(?:\s+(?:years?|yrs?|months?)(?:\s+old)?)?` +
    String.raw`(?!\s+(?:out of|minutes?|hours?|units?|weeks?|pregnant|mg|past)\b)(?!\s+(?:years?|months?)\b)(?=[\s,]|$)`,
  'i',
);
/** "at 7 28" alone: a clock time as a recogniser writes it, the hour and minutes apart, opening the crew's care. */
const AT_SPACED_TIME_ONLY = /^[,\s]*at (?:[01]?\d|2[0-3]) [0-5]\d\s*,?\s*$/i;
/**
 * A clock time said right before the crew's care ("at 1017 we gave …", or as a recogniser writes it with the hour and minutes
 * apart, "at 7 28 we gave …"): when that care was given.
 */
const AT_CLOCK_BEFORE_CREW = /(?<=^|\s)at (?:(?:[01]\d|2[0-3])[0-5]\d|(?:[01]?\d|2[0-3]) [0-5]\d)\s*,?\s*$/i;
/** Such a time, not one said after a dose or route it belongs to ("aspirin 324 mg po at 1415 | we placed the iv"). */
const careTimedBefore = (piece: string) => {
  const at = AT_CLOCK_BEFORE_CREW.exec(piece);
  return at !== null && READING_BEFORE_TIME.test(piece.slice(0, at.index));
};
/**
 * A vital's reading right before that time ("bp 112 over 70 at 1017 we gave …"): the time is not the reading's event. Not an event
 * said with its time ("took his nitro at 1300 we gave …", "arrived on scene at 0215 we placed …"), whose time it is.
 */
const READING_BEFORE_TIME = new RegExp(
  String.raw`\b(?:bp|blood pressure|pressure|heart rate|hr|pulse|resp\w*|rr|sats?|spo2|gcs|sugar|glucose|bgl|temp\w*)` +
    String.raw`(?:\s+\S+){0,3}?\s+\d+(?:\.\d+)?(?:\s+over\s+\d+)?(?:\s+percent)?(?:\s+on room air)?\s*,?\s*$`,
  'i',
);
/** The crew's hands-on care, said with its "we": "… so | we put a tourniquet on", "so | we gave narcan". */
const CREW_CARE_AFTER_WE =
  /^[,\s]*we (?:put|placed|applied|gave|give|started|bagged|splinted|packed|pushed|administered|hung|established|initiated|took over)\b/i;

function splitRunOnAfterOpening(sentence: string): string[] {
  const cuts: number[] = [];
  OPENER_RE.lastIndex = 0;
  for (let m = OPENER_RE.exec(sentence); m !== null; m = OPENER_RE.exec(sentence)) {
    if (m[0].length === 0) OPENER_RE.lastIndex++;
    // A vital name right after a number continues the same vitals set ("… 150 over 88 blood glucose 132").
    // "albuterol five milligrams and atrovent point five milligrams nebulized": one line, one route.
    if (/\band\s*$/i.test(sentence.slice(0, m.index + m[0].length))) continue;
    const start = cuts.at(-1) ?? 0;
    const piece = sentence.slice(start, m.index);
    const rest = sentence.slice(m.index);
    if (cueWaits(piece, rest)) continue;
    if (DECIMAL_POINT_LAST.test(piece) && DIGITS_FIRST.test(rest)) continue;
    // "rosc at 0549 right | after the amiodarone": "right" says how soon, not a side.
    if (/\bright\s*$/i.test(piece) && /^\s*(?:after|before|away)\b/i.test(rest)) continue;
    // "resp | bagged at 10": the rate's name waits for how it was read while the crew breathes for the patient.
    // Only in a list of readings, and only how the rate was read ("bagged at 10"), not care said next ("resp | bvm ventilations …").
    if (
      /\b(?:resp|resps|respirations|rr|resp rate|respiratory rate)\s*$/i.test(piece) &&
      /\b(?:bp|blood pressure|heart rate|hr|pulse)\s+\d/i.test(piece) &&
      /^\s*(?:(?:bagged|assisted) (?:at|via|with)|bvm at)\b/i.test(rest)
    )
      continue;
    if (HOME_LAST.test(piece) && /^\s*(?:oxygen|o2)\b/i.test(rest)) continue;
    // "push dose | epi 10 micrograms": how the pressor is given names it.
    if (/\bpush[- ]dose\s*$/i.test(piece) && /^\s*(?:epi|epinephrine|phenylephrine|neo)\b/i.test(rest)) continue;
    // "daughter | on scene | says she noticed …", "wife | at bedside | states …": who tells, where they are and the telling are
    // one statement, cut before the teller; not cut at the place nor at the verb.
    if (TELLER_LAST.test(piece) && TELLER_PLACE_THEN_TELLS.test(rest)) continue;
    // Only when the teller opens the piece: "found him in bed with his wife at bedside | states he woke up confused" is cut at the
    // telling, since no cut can come before "his wife".
    if (TELLER_AT_PLACE_ONLY.test(piece) && new RegExp(String.raw`^[,\s]*(?:${TELLS})\b`, 'i').test(rest)) continue;
    if (BARE_MODE_FIRST.test(rest) && !bareModeOpensResponse(piece, rest, cuts.length > 0)) continue;
    // "dispatched at 0412 emergent to the residence": the way in, not the transport.
    TRANSPORT_MODE_TO_AT.lastIndex = m.index;
    if (TRANSPORT_MODE_TO_AT.test(sentence) && WAY_IN_SAID.test(piece)) continue;
    // "… no injuries found BP 136 over 74": what was found is said; the vitals set opens the next statement.
    const vitalsAfterFound = /\bfound\s*,?\s*$/i.test(piece) && /^[,\s]*(?:bp \d|blood pressure|vitals|vital signs)/i.test(rest);
    // "… on room air oxygen was | applied at 4 liters": care said passively opens at what was given or placed.
    const passive = PASSIVE_CARE_FIRST.test(rest) ? PASSIVE_CARE_SUBJECT_LAST.exec(piece) : null;
    if (passive !== null) {
      const before = piece.slice(0, passive.index);
      const clauseGoesOn = clauseGoesOnAfter(before);
      if (wordCount(before) >= MIN_PIECE_WORDS && !clauseGoesOn) cuts.push(start + passive.index);
      continue;
    }
    // "… shots up to date we | placed him on his side": the crew's action opens at its subject.
    // "we also | gave decadron": a word between the crew and its verb says how or when; the cut comes before the crew still.
    const crew = /(?<=^|\s)(?:we|i)(?:\s+(?:also|then|quickly|immediately|both))?\s*,?\s*$/i.exec(piece);
    if (crew !== null) {
      const before = piece.slice(0, crew.index);
      if (OPEN_SUBORDINATE_CLAUSE.test(before)) continue;
      // Not after a subordinator: "by the time | we arrived", "before | i placed the iv" open no statement.
      const clauseGoesOn = clauseGoesOnAfter(before);
      // "… bp 112 over 70 at 1017 | we gave albuterol": the time said right before the crew's care opens it (the cut is made at
      // "at", below), so no cut at "we".
      const careFollows = CREW_CARE_AFTER_WE.test(sentence.slice(start + crew.index));
      if (careFollows && (careTimedBefore(before) || AT_TIME_ONLY.test(before) || AT_SPACED_TIME_ONLY.test(before))) continue;
      if (wordCount(before) >= MIN_PIECE_WORDS && !clauseGoesOn) cuts.push(start + crew.index);
      continue;
    }
    if (/^[,\s]*we\b/i.test(rest) && OPEN_SUBORDINATE_CLAUSE.test(piece)) continue;
    // "a towel pressed on it | when we got there": when the crew came is said of what was found, as before a pronoun.
    if (/\b(?:on|in|onto|over|under|with|to|at)\s+it\s*,?\s*$/i.test(piece) && /^[,\s]*(?:when|as|while|once|by the time) we\b/i.test(rest))
      continue;
    // "she already | gave him 2 puffs": someone's "already" waits for what they had done.
    if (/\balready\s*$/i.test(piece) && /^[,\s]*(?:gave|given|had|took|used|called|tried|did|put|placed|started)\b/i.test(rest)) continue;
    // "… bp 112 over 70 | at 1017 we gave albuterol": the time said right before the crew's care is that care's.
    const timedCare = CREW_CARE_AFTER_WE.test(rest) && careTimedBefore(piece) ? AT_CLOCK_BEFORE_CREW.exec(piece) : null;
    if (timedCare !== null && wordCount(piece.slice(0, timedCare.index)) >= MIN_PIECE_WORDS) {
      cuts.push(start + timedCare.index);
      continue;
    }
    // "… bright red pulsatile bleeding | so we put a cat tourniquet": what the crew did about it opens at its "so".
    // Not a "so" of the words before ("an hour or so we gave", "and so we put", "even so", "i did not think so").
    const so = CREW_CARE_AFTER_WE.test(rest) ? /(?<=^|\s)(?<!\b(?:or|and|even|do|think|not|just|did)\s)so\s*,?\s*$/i.exec(piece) : null;
    if (so !== null) {
      if (wordCount(piece.slice(0, so.index)) >= MIN_PIECE_WORDS) cuts.push(start + so.index);
      continue;
    }
    if (TIME_ONLY.test(piece) && ARRIVAL_AFTER_TIME.test(rest)) continue;
    // "… slurred speech vs | bp 168/92": the set's name waits for its readings, so the set opens at its name ("| vs bp 168/92",
    // "| first vitals bp 98 over 54").
    const readingsFirst = /^[,\s]*(?:bp|blood pressure|pressure|heart rate|hr|pulse)\b/i.test(rest);
    // "second set at 1201 | pressure 84 over 50": the numbered set's readings are that set.
    if (readingsFirst && NUMBERED_SET_TIMED_LAST.test(piece)) continue;
    const setName = readingsFirst ? VITALS_NAME_LAST.exec(piece) : null;
    if (setName !== null) {
      const before = piece.slice(0, setName.index);
      if (wordCount(before) >= MIN_PIECE_WORDS && !NO_CUT_AFTER.test(before) && !/\band\s*$/i.test(before))
        cuts.push(start + setName.index);
      continue;
    }
    // "emergent response | at 1238 arrived at the restaurant": the time said right before the arrival is the arrival's. Not the
    // time of the dispatch or the response said before it ("dispatched at 1020 | arrived 1031"), and only after the response:
    // "iv piggyback completed at 2331 | arrived saint vincent" is when the care ended.
    const arrivalTime = ARRIVAL_WORD_FIRST.test(rest) ? AT_CLOCK_LAST.exec(piece) : null;
    if (arrivalTime !== null) {
      const before = piece.slice(0, arrivalTime.index);
      const afterResponse = RESPONSE_IN.test(before) || BARE_MODE_AT.test(before);
      if (afterResponse && wordCount(before) >= MIN_PIECE_WORDS && !NO_CUT_AFTER.test(before) && !/\band\s*$/i.test(before)) {
        cuts.push(start + arrivalTime.index);
        continue;
      }
    }
    // "… administered intravenously | at 1541 | repeat vital signs": a time alone goes with what follows it.
    if (AT_TIME_ONLY.test(piece)) continue;
    // "pt approx | 30 y o m": a number's qualifier waits for it; an age said with it opens there ("20 feet away | approximately 30
    // year old male").
    const qualifier = /^[,\s]*\d/.test(rest) ? NUMBER_QUALIFIER_LAST.exec(piece) : null;
    if (qualifier !== null) {
      const before = piece.slice(0, qualifier.index);
      // Not after whom the crew found: "found a male | approximately 60 years old" is one finding (as without the qualifier).
      const whomFound = FOUND_WHOM_LAST.test(before);
      if (
        AGE_OPENER.test(rest) &&
        !whomFound &&
        wordCount(before) >= MIN_PIECE_WORDS &&
        !NO_CUT_AFTER.test(before) &&
        !/\band\s*$/i.test(before)
      )
        cuts.push(start + qualifier.index);
      continue;
    }
    // "first | vitals": the ordinal waits for the set it numbers.
    // "post rosc | vitals": so does the event the set came after.
    if (SET_QUALIFIER_LAST.test(piece) && /^[,\s]*(?:vitals|vital signs|vs|set)\b/i.test(rest)) continue;
    // "after cpap and the nitro | bp 158 over 90": so does the care the readings came after.
    if (AFTER_CARE_ONLY.test(piece) && AFTER_CARE_READINGS_FIRST.test(rest)) continue;
    // "third set | after the bolus at 1212": a numbered set waits for what it was taken after.
    if (NUMBERED_SET_LAST.test(piece) && /^[,\s]*after\b/i.test(rest)) continue;
    // "pd | on scene", "engine 3 | on scene": who was there already is the subject of "on scene".
    // Not one the crew came with ("responded emergent with engine 6 | on scene 0623").
    if (
      /(?<!\b(?:with|behind|and|for|after|before)\s)\b(?:pd|police|fire|fd|sheriff|deputies|officers?)\s*$/i.test(piece) &&
      /^[,\s]*on scene\b/i.test(rest)
    )
      continue;
    // "called out for a psych eval with pd | on scene at the greenway apartments": said in the dispatch line, before any
    // response, the police are who is there; said after the response ("with engine 6 | on scene 0623") it is the crew's arrival.
    if (
      /\bwith (?:pd|police|fire|fd|sheriff|deputies|officers?)\s*$/i.test(piece) &&
      (DISPATCH_LINE.test(piece) || /\b(?:called out|got called)\b/i.test(piece)) &&
      !RESPONSE_IN.test(piece) &&
      /^[,\s]*on scene at (?!\d|(?:our |the )?arrival\b)/i.test(rest)
    )
      continue;
    if (ARRIVAL_SHORT_TIME_ONLY.test(piece) && !/^[,\s]*(?:bp|blood pressure|vitals|vital signs|vs)\b/i.test(rest)) continue;
    // "by the time we got to her | gave midazolam": a pronoun before the crew's verb is the object that ended the clause, not a
    // determiner waiting for its noun ("his legs gave out" is not cut: the particle, below).
    // Only when the crew is the clause's subject: "so the neighbor sat with her gave her orange juice" is the neighbour's.
    const objectThenGave = /\bwe\b[^,;.]*\b(?:her|him|them)\s*,?\s*$/i.test(piece) && /^[,\s]*(?:gave|administered)\b/i.test(rest);
    // "church members around her | patient is a 66 year old": "her" after a preposition is its object, not waiting for a noun.
    // "friends fanning her | she says she is dizzy": no noun a determiner waits for opens with "she", "he" or "they".
    const objectThenPatient =
      (/\b(?:around|with|beside|near|by|to|for|at|over|behind|next to)\s+her\s*,?\s*$/i.test(piece) &&
        /^[,\s]*(?:the )?(?:patient|pt) (?:is|was)\b/i.test(rest)) ||
      (/\bher\s*,?\s*$/i.test(piece) && PRONOUN_TELLS_FIRST.test(rest));
    // "staged until pd cleared the scene then went in | arrived to find …", "we walked in | found her on the stairs": "in" ends the
    // crew's way in, it waits for no noun. Only the crew's ("we", "then", "and" before the verb): "his wife walked in found him" is
    // what she found.
    const crewInThenArrival =
      CREW_WENT_IN_LAST.test(piece) && crewWentIn(piece) && /^[,\s]*(?:arrived|found|to find|we found)\b/i.test(rest);
    // "io right tibia placed | epi 1 milligram": the participle after its object ends the care, it waits for no object of its own.
    const careDone = CARE_DONE_LAST.test(piece);
    // "airbags deployed in both | patient one is the driver", "no seatbelt mark on her | patient two is her son": a numbered
    // patient is no noun "both" or a pronoun waits for, nor the one a refusal waits for ("signed the refusal | patient one
    // transported"): a refusal is signed by the patient, not by "patient one transported".
    const bothThenNumberedPatient =
      /\b(?:both|her|his|their|refusal|form|waiver)\s*,?\s*$/i.test(piece) && NUMBERED_PATIENT_FIRST.test(rest);
    if (
      (NO_CUT_AFTER.test(piece) &&
        !vitalsAfterFound &&
        !objectThenGave &&
        !objectThenPatient &&
        !crewInThenArrival &&
        !careDone &&
        !bothThenNumberedPatient) ||
      CALL_SIGN_ONLY.test(piece)
    )
      continue;
    // "the unit | responded emergent": the crew said alone is the subject of what follows.
    if (/^[,\s]*(?:the |our )?(?:crew|unit)\s*,?\s*$/i.test(piece)) continue;
    // "patient one transported | code 3": the mode said right after the transport is how it went.
    if (/\btransport(?:ed|ing)?\s*,?\s*$/i.test(piece) && /^[,\s]*(?:code|priority) (?:\d|one|two|three)\b/i.test(rest)) continue;
    // "patient one | transported to mercy": so is a numbered patient.
    if (NUMBERED_PATIENT_ONLY.test(piece)) continue;
    // "no complaints walking around | on scene": where the patient was walking, not the crew's arrival.
    if (/\b(?:walking around|wandering|pacing)\s*$/i.test(piece) && /^[,\s]*on scene\b/i.test(rest)) continue;
    // "both of them | refused", "all three | declined": the patients said together wait for their refusal.
    if (
      /\b(?:both|all (?:two|three|four|five)|all of them)(?: of them)?\s*,?\s*$/i.test(piece) &&
      /^[,\s]*(?:refused|declined)\b/i.test(rest)
    )
      continue;
    // "the crew administered | albuterol 5 mg": the crew's verb waits for what it gave or did.
    if (CREW_VERB_LAST.test(piece)) continue;
    if (OTHER_GIVER_LAST.test(piece) && /^[,\s]*(?:gave|had given|administered)\b/i.test(rest)) continue;
    if (CARE_DOER_LAST.test(piece) && OPENS_WITH_CREW_CARE.test(rest)) continue;
    // "gave him | narcan 4 mg": the verb and its person wait for what was given.
    if (/\b(?:gave|give|gives|giving|given)\s+(?:him|her|them|pt|patient)\s*,?\s*$/i.test(piece) && DOSE_OR_MED_FIRST.test(rest)) continue;
    // "we pushed | 25 milligrams of benadryl", "my partner put | 18 gauge in the left arm": what the crew gave, said after its verb.
    // The statement opens at the crew giving it ("… wheezing in both lungs | i give epinephrine 0.3 mg"), as at "we call | stroke
    // alert" below. When the words before still wait for their clause ("… on the second try and | my partner pushed d10"), no cut
    // can come before the crew, and the care is cut from its verb as before rather than carried into the words before it; unless
    // those words are the crew's care too ("we put iv 20 in the left hand and we give | ondansetron").
    const giving = GIVEN_CARE_FIRST.test(rest) ? CREW_GIVING_LAST.exec(piece) : null;
    const givingBefore = giving === null ? '' : piece.slice(0, giving.index);
    const givingClauseGoesOn = clauseGoesOnAfter(givingBefore, 'then');
    const pieceIsCrewCare = CREW_GIVER_FIRST.test(piece);
    if (giving !== null && pieceIsCrewCare && givingClauseGoesOn) continue;
    if (giving !== null && (wordCount(givingBefore) < MIN_PIECE_WORDS || !givingClauseGoesOn)) {
      if (wordCount(givingBefore) >= MIN_PIECE_WORDS) cuts.push(start + giving.index);
      continue;
    }
    // "which is what you want held | blow by oxygen up by her face": what was held is the blow-by.
    if (/\b(?:held|holding)\s*,?\s*$/i.test(piece) && /^[,\s]*blow[- ]?by\b/i.test(rest)) continue;
    if (modifiesOpener(piece, rest)) continue;
    // "vomited as | we slid him over": the subordinate clause stays with what it times ("once" is cut before, below).
    if (SUBORDINATOR_LAST.test(piece) && CLAUSE_SUBJECT_FIRST.test(rest) && !/\bonce\s*$/i.test(piece)) continue;
    if (HOME_MEDS_LAST.test(piece) && DOSE_OR_MED_FIRST.test(rest)) continue;
    if (ARRIVAL_TIME_ONLY.test(piece) && (/^[,\s]*(?:we |pt |patient )?(?:was )?found\b/i.test(rest) || AGE_OPENER.test(rest))) continue;
    if (PATIENT_FOUND_FIRST.test(rest) && ARRIVAL_LED.test(piece) && wordCount(piece) <= ARRIVAL_LED_MAX_WORDS) continue;
    if (AGE_OPENER.test(rest) && FOUND_WHOM_LAST.test(piece)) continue;
    // The age right after the dispatch says whom the call is for ("dispatched … for a fall 80 year old female").
    if (AGE_OPENER.test(rest) && DISPATCH_WORDS.test(piece) && !AGE_IN.test(piece)) continue;
    if ((CHANGE_BEFORE_CAUSE.test(piece) || DURATION_LAST.test(piece)) && /^[,\s]*after\b/i.test(rest)) continue;
    // "wrist pain five out of ten | after the splint both transported": a score said before its cause. But "pain 10 out of 10 |
    // after the fentanyl pain 6 out of 10": the score came before the care, and the next one opens at the care it came after.
    if (SCORE_LAST.test(piece) && CARE_CAUSE_FIRST.test(rest) && !READING_AFTER_CAUSE.test(rest)) continue;
    if (WHEN_ONLY.test(piece)) continue;
    // "crying | on arrival which is good": when, said after what was found then.
    if (/^[,\s]*(?:on|upon) arrival\s+(?:which|and|but|so)\b/i.test(rest)) continue;
    // "… care given to the charge nurse patient calm and cooperative | on arrival (okay thats the end)": said last, it is when the
    // state before it was found, at the hospital; nothing of the scene follows it.
    if (arrivalSaidLast(rest)) continue;
    // "we responded | priority 1 lights and sirens": the response verb waits for its mode.
    if (
      /^[,\s]*(?:priority \w+|code \w+|lights|no lights|emergent|non[- ]?emergent)\b/i.test(rest) &&
      /\brespond(?:ed|ing)\s*,?\s*$/i.test(piece)
    )
      continue;
    if (/\b(?:is|was|are|were)\s+now\s*$/i.test(piece)) continue;
    // "en route | bp 110 over 70": when, waiting for what was measured then.
    if (/^[,\s]*en ?route\s*,?\s*$/i.test(piece)) continue;
    // "found an 80 year old female on the floor | she was conscious and talking": how the crew found the patient is that finding.
    // Only a short state with no readings after it: "found her in bed | she is alert and oriented times four gcs 15 bp 130 …" is the
    // assessment, and "found him … | he was unresponsive pulseless and apneic" the arrest's findings.
    // Only a short finding: after a long one ("found patient lying in the shade … heat index today is like 108 | patient was
    // confused …") the state opens the assessment.
    const foundShort = wordCount(piece) <= FOUND_PIECE_MAX_WORDS;
    if (foundShort && FOUND_PIECE.test(piece) && STATE_FIRST.test(rest) && !/\d/.test(rest.split(/\s+/).slice(0, 12).join(' '))) continue;
    // "arrived with him | alert and oriented": how the patient was, said of the one the crew was with, is part of that clause.
    if (/\bwith (?:him|her|them)\s*,?\s*$/i.test(piece) && /^[,\s]*(?:alert|awake|conscious|oriented|calm)\b/i.test(rest)) continue;
    // "we call | stroke alert at 0233", "we give | report to the stroke team": the verb waits for what was called or given; the
    // statement opens at the crew saying it.
    if (/\b(?:call|calls|called|calling|give|gives|gave|giving)\s*,?\s*$/i.test(piece) && /^[,\s]*(?:\w+ alert|report)\b/i.test(rest)) {
      const said = /(?<=^|\s)(?:we|i)\s+\w+\s*,?\s*$/i.exec(piece);
      const before = said ? piece.slice(0, said.index) : '';
      const clauseGoesOn = clauseGoesOnAfter(before);
      if (said && wordCount(before) >= MIN_PIECE_WORDS && !clauseGoesOn) cuts.push(start + said.index);
      continue;
    }
    // "the nurse then | found her polst": a subject said with "then" waits for its verb.
    if (SUBJECT_THEN_LAST.test(piece)) continue;
    // "recheck sugar was one twenty two | once he was awake he told us …": "once" opens the statement it times.
    // Not before the patient's age: "the aed had already shocked once | patient is a 58 year old male" says how many times, and
    // the cut comes at the patient (no clause "once" opens times an age).
    // Only the patient's age said as a description ("patient is a 58 year old"): "once she is 18 years old" times a refusal.
    const ageFollows = /^[,\s]*(?:(?:the )?(?:patient|pt) is (?:a |an )?|(?:he|she) is (?:a|an) )\d{1,3}[ -](?:year|yr|yo)/i.test(rest);
    const once = ageFollows ? null : /\bonce\s*$/i.exec(piece);
    if (once !== null) {
      // Not a change said before its cause ("pain improved once we elevated the leg"). A piece too short to stand is
      // joined to the next one when the pieces are cut out below.
      if (!CHANGE_BEFORE_CAUSE.test(piece.slice(0, once.index))) cuts.push(start + once.index);
      continue;
    }
    // A time opens a statement after a piece that has its own time already ("… iv at 1452 | at 1505 nausea improved"; not
    // "repeat blood pressure 100 over 60 | at 1420 heart rate 96", where the time is the reading's), or a repeated dose after a
    // finding ("sinus tachycardia | at 2012 second albuterol"; not after a dose's route: "iv push at 1126 | second duoneb").
    if (/^[,\s]*at \d{4}\b/i.test(rest)) {
      // Not a numbered set said with its own time ("… bolus at 1153 | second set at 1201"): the time before it is the care's.
      const repeated = /^[,\s]*at \d{4} (?:second|third|another|repeat)\b(?! set at \d)/i.test(rest) && !DOSE_SAID_LAST.test(piece);
      if (!repeated && !(/\d\s*,?\s*$/.test(piece) && TIME_DIGITS_IN.test(piece))) continue;
    }
    // A pain score opens after a reading, not after its site ("epigastric | pain 8") or its time ("at 1420 | pain was 4").
    if (
      /^[,\s]*pain (?:(?:is|was|now) )?\S+ out of\b/i.test(rest) &&
      (!/(?:\d|percent|%)\s*,?\s*$/i.test(piece) || /\bat \d{3,4}\s*$/i.test(piece))
    )
      continue;
    // A reading's name keeps its number ("end tidal | 21 monitor applied" is not cut).
    if (VITAL_NAME_LAST.test(piece) && /^[,\s]*\d/.test(rest)) continue;
    // "weak pulse ox | she is 91": the number said as "she is 91" is the named vital's reading too.
    if ((VITAL_NAME_LAST.test(piece) || NAMED_ON_MONITOR_LAST.test(piece)) && /^[,\s]*(?:he|she|pt|patient) is\s+\d/i.test(rest)) continue;
    // A blood pressure not taken keeps why: "blood pressure not taken | he is 2" is the child's age, the reason. Only an age said
    // alone or in years or months ("she is 4 months pregnant", "patient is 10 out of 10 pain" say something else).
    if (BP_NOT_TAKEN_LAST.test(piece) && CHILD_AGE_FIRST.test(rest)) continue;
    if (/\b(?:normal|lactated)\s*$/i.test(piece) && /^[,\s]*(?:saline|ringers?)\b/i.test(rest)) continue;
    // "iv 20 gauge left forearm | warmed normal saline 500 ml", "| cold ns one liter": how warm the fluid is names that fluid, so
    // the fluid's statement opens at it (the line before stays its own statement, read apart from the fluid).
    const fluidTemperature = FLUID_FIRST.test(rest) ? FLUID_TEMPERATURE_LAST.exec(piece) : null;
    if (fluidTemperature !== null) {
      const before = piece.slice(0, fluidTemperature.index);
      // "… and give | cold saline", "we hung | warmed lr": the verb gives the fluid, so neither cut is made.
      if (FLUID_GIVING_LAST.test(before)) continue;
      const clauseGoesOn = clauseGoesOnAfter(before, 'then');
      if (wordCount(before) >= MIN_PIECE_WORDS && !clauseGoesOn) {
        cuts.push(start + fluidTemperature.index);
        continue;
      }
    }
    if (/^[,\s]*(?:lights and sirens|no lights)\b/i.test(rest) && RESPONSE_WORD_LAST.test(piece)) continue;
    // "take her to hospital san rafael | no lights this time": the mode said after the destination is the transport's.
    if (/^[,\s]*(?:lights and sirens|no lights)\b/i.test(rest) && TRANSPORT_TO_LAST.test(piece)) continue;
    if (AGE_OPENER.test(rest) && /\b(?:patient|pt|he|she)(?:'s| is)\s+(?:\S+\s+){0,2}\S+\s*,?\s*$/i.test(piece)) continue;
    // "… the bleeding slowed down mom | bp 118 over 72": a reading said with whose it is (one of two patients) opens at the person.
    // So does one said as whose it is without the apostrophe: "… in the left hand boys | glucose was 102".
    const whoseReading = /^[,\s]*(?:bp \d|blood pressure|vitals|vital signs|(?:blood )?(?:glucose|sugar) (?:was|is|of|\d))/i.test(rest)
      ? // Not the source of a history ("history per mom | bp 98/60"): the person there is no reading's owner.
        WHOSE_READING_LAST.exec(piece)
      : null;
    if (whoseReading !== null && wordCount(piece.slice(0, whoseReading.index)) >= MIN_PIECE_WORDS) {
      cuts.push(start + whoseReading.index);
      continue;
    }
    // "… faint wheezes | mom arrived and rode along": someone else arriving opens at whoever arrived.
    const whoArrived = /^[,\s]*arrived\b/i.test(rest) ? ARRIVING_WHO_LAST.exec(piece) : null;
    if (whoArrived !== null) {
      // "… found on the floor by her neighbor arrived home": whoever found the patient is not cut from "by".
      if (!/\bby\s*$/i.test(piece.slice(0, whoArrived.index))) cuts.push(start + whoArrived.index);
      continue;
    }
    if (MED_LAST.test(piece) && MED_FIRST.test(rest)) continue;
    // "she walked | into the truck", "loaded him | into the ambulance": the move goes with the verb that made it.
    if (/^[,\s]*into the\b/i.test(rest) && MOVED_LAST.test(piece)) continue;
    // "his hands | went cold": a determiner's noun is who went cold, not the crew driving.
    if (/^[,\s]*(?:went|ran) (?:it )?(?:hot|cold)\b/i.test(rest) && OWNED_NOUN_LAST.test(piece)) continue;
    if (HISTORY_FIRST.test(piece) && wordCount(piece) <= 8 && HISTORY_REST.test(rest)) continue;
    // "her polst dnr | signed by her and her doctor": who signed the order is part of it (a refusal is cut before "refused").
    if (/^[,\s]*signed by\b/i.test(rest) && ORDER_LAST.test(piece)) continue;
    // "… told her daughter | patient was alert and oriented": what the crew found, not what was told ("told his sister | he …").
    // Only the crew's telling and a finding of its own: "nursing staff told her son patient was confused" is what they said.
    const crewFindingAfterTold =
      CREW_TOLD_RELATIVE_LAST.test(piece) &&
      /^[,\s]*(?:the )?(?:patient|pt) (?:is|was) (?:alert|oriented|awake|competent|ambulatory|a ?(?:&|and) ?o)\b/i.test(rest);
    if (REPORTED_BY_LAST.test(piece) && !RESPONSE_FIRST.test(rest) && !crewFindingAfterTold) continue;
    if (DEVICE_LAST.test(piece) && PLACED_FIRST.test(rest)) continue;
    // "ice pack | applied", "bulb | suctioned", "l wrist | splinted": the object stays with what was done to it.
    if (CARE_OBJECT_LAST_THEN_PARTICIPLE.some(([last, first]) => last.test(piece) && first.test(rest))) continue;
    if (DEVICE_WORDS_LAST.test(piece) && DEVICE_PLACED_FIRST.test(rest) && !READING_LAST.test(piece)) continue;
    if (DRESSING_FIRST.test(rest) && DRESSING_WORD_LAST.test(piece)) continue;
    if (/\bdry\s*$/i.test(piece) && /^[,\s]*sterile\b/i.test(rest)) continue;
    // "i v in the right hand | twenty gauge": the gauge said after the site is that IV's.
    if (GAUGE_FIRST.test(rest) && /\b(?:iv|i v|io)\b(?:\s+\S+){0,5}\s*,?\s*$/i.test(piece)) continue;
    // "high quality | cpr continued" is one phrase.
    if (/\bhigh[- ]quality\s*$/i.test(piece) && /^[,\s]*cpr\b/i.test(rest)) continue;
    // "coworker | laid her flat" in the dispatch is what the caller did.
    if (/^[,\s]*laid\b/i.test(rest) && DISPATCH_WORDS.test(piece)) continue;
    // "albuterol ten milligrams continuous neb started at nineteen thirty six": when it was started belongs to it.
    if (/^[,\s]*started at\b/i.test(rest)) continue;
    // "his legs gave out", "she gave up": the verb with its particle is not the crew giving something.
    if (/^[,\s]*gave (?:out|up|way)\b/i.test(rest)) continue;
    if (
      /(?:\d|\bpercent|%|\broom air|\bra)\s*,?\s*$/i.test(sentence.slice(0, m.index)) &&
      /^(?:,\s*|\s+)(?:blood pressure|bp|glucose|blood sugar)\b/i.test(sentence.slice(m.index)) &&
      !TREATMENT_TIME_LAST.test(piece)
    )
      continue;
    cuts.push(m.index);
  }
  cuts.push(...responseEnds(sentence, cuts));
  cuts.sort((a, b) => a - b);
  // "… and we cleared | um yeah end of report": a closing aside at the end is its own (filler) statement.
  const closing = CLOSING_ASIDE.exec(sentence);
  if (closing !== null && closing.index > (cuts.at(-1) ?? 0)) cuts.push(closing.index);
  const out: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    const piece = sentence.slice(start, cut);
    if (wordCount(piece) < MIN_PIECE_WORDS && !BARE_MODE_ONLY.test(piece)) continue;
    out.push(piece.replace(/[,\s]+$/, ''));
    start = cut;
  }
  out.push(sentence.slice(start));
  return out.map((s) => s.replace(/^[,\s]+/, '').trim()).filter((s) => s !== '');
}

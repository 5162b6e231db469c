import { spanOf, type FactSpan, type MedicationFact, type ProcedureFact } from './ems-facts.js';
import { FAMILY, OTHER_RESPONDERS, PEOPLE_NOT_CREW } from './people-not-crew.js';
import { CREW_BEFORE_TOOK_OVER, IMPLIED_ROUTES, MEDICATIONS, PROCEDURES, RESUSCITATION_TAKEN_OVER, ROUTES } from './treatment-lexicon.js';
import { normaliseClock } from './vital-names.js';
import { anyOf, wordMatcher } from './word-table.js';

const MED_RE = MEDICATIONS.map(([name, alias]) => [name, wordMatcher(alias, 'gid')] as const);
const PROC_RE = PROCEDURES.map(([name, alias]) => [name, wordMatcher(alias, 'gid')] as const);
const ROUTE_RE = [...ROUTES.map(([code, alias]) => [code, wordMatcher(alias, 'gid')] as const), ['IN', /\b(IN)\b/dg] as const];
/**
 * Any medication or procedure word at all: every per-name matcher above matches only where this does, so a line without one
 * (most lines) is passed over with one scan instead of one per name.
 */
const ANY_MEDICATION = wordMatcher(
  MEDICATIONS.flatMap(([, alias]) => alias),
  'i',
);
const ANY_PROCEDURE = wordMatcher(
  PROCEDURES.flatMap(([, alias]) => alias),
  'i',
);
/** Units a dose is said in, longest first where one is the start of another. */
const DOSE_UNITS = [
  String.raw`mg\/kg`,
  String.raw`mcg\/kg`,
  'mg',
  'milligrams?',
  'mcg',
  'micrograms?',
  // Spoken: "fifty mics", "twenty-five mikes".
  'mics?',
  'mikes?',
  'meq',
  'milliequivalents?',
  'grams?',
  'g',
  'mls?',
  // The British and Canadian spellings too ("4 litres with nasal cannula", "250 millilitres IV").
  'milli(?:liter|litre)s?',
  'cc',
  'units?',
  '(?:liter|litre)s? per minute',
  '(?:liter|litre)s?',
  'lpm',
  String.raw`l\/min`,
  'l',
  'puffs?',
  'sprays?',
  'tablets?',
  'tabs?',
  'doses?',
];
// "a liter of normal saline", "half a liter": a volume counted with an article; "LR at KVO": a rate that is the dose. "Liter of
// normal saline …" opening a line or "second liter of NS": one liter, its count left unsaid.
const ONE_LITER =
  String.raw`(?<=(?:^|[.;:]\s*|\b(?:first|second|third|another|1st|2nd|3rd)\s+))(?:liter|litre)` +
  // Of a fluid, not of oxygen (whose flow is said per minute).
  String.raw`(?= of (?:normal saline|saline|ns|nss|lr|lactated ringer'?s|ringer'?s|fluids?|d5w|d10|crystalloid|blood|plasma)\b)`;
const DOSE_RE = new RegExp(
  String.raw`\b(\d+(?:\.\d+)?\s*(?:${anyOf(DOSE_UNITS)})|(?:half )?an? (?:liters?|litres?)|${ONE_LITER}|kvo|tko)(?![a-z])`,
  'dgi',
);
/**
 * Dextrose with no route said ("pushed D10, 250 milliliters", "D10 250 mL IV, 25 g dextrose"): D10 and D50 run into a vein, so
 * IV, as saline does. Not dextrose by mouth ("dextrose gel", "tablets", "paste", "oral"), nor in a line that says an IO (its
 * route, said as such). An IO said only in an earlier line is not seen here: that drug reads IV.
 */
const DEXTROSE_NOT_INTO_A_VEIN = /\b(?:io|i o|intraosseous|gel|tabs?|tablets?|paste|oral|orally|po|buccal|chewable)\b/i;
const dextroseIntoAVein = (content: string) => !DEXTROSE_NOT_INTO_A_VEIN.test(content);
/**
 * Oxygen's flow said in words with a bag-valve mask as its route ("bagged him with a bvm and high flow oxygen"): a BVM runs at the
 * most the regulator gives, so the words are its dose. Through a mask or cannula the litres are asked for ("high flow via NRB,
 * BVM at the bedside").
 */
const HIGH_FLOW_RE = /\b(high[- ]flow)\b/dgi;
/** A dose counted in the containers it comes in ("one tube", "2 amps"), the count in digits or a word. */
const CONTAINERS = ['tubes?', 'amps?', 'ampules?', 'vials?', 'syringes?', 'packets?'];
const COUNTS = [String.raw`\d+(?:\.\d+)?`, 'one', 'two', 'three', 'four', 'half(?: a)?', 'a', 'an'];
const CONTAINER_DOSE_RE = new RegExp(String.raw`\b((?:${anyOf(COUNTS)})\s+(?:${anyOf(CONTAINERS)}))\b`, 'dgi');
/** A combination said with its parts' doses ("DuoNeb …, with 2.5 mg albuterol and 0.5 mg ipratropium"): the parts dose it. */
const PARTS_DOSED = new RegExp(String.raw`\bwith\s+(\d+(?:\.\d+)?\s*(?:${anyOf(DOSE_UNITS)}))\s*$`, 'di');
/**
 * A clock time said without "at": right after the dispatch or arrival verb ("toned out 1418",
 * "dispatched 0544", "on scene 1659") or opening the sentence ("0633, Medic 2 paged …").
 */
const CLOCK_DIGITS = String.raw`(?:[01]\d|2[0-3])[0-5]\d`;
const TIMED_VERBS = [
  'dispatched',
  'toned(?: out)?',
  'paged(?: out)?',
  'sent(?: out)?',
  'called(?: out)?',
  'arrived',
  'arrival',
  'on scene',
  'at scene',
  'requested',
  'started',
  'initiated',
  'given',
  'administered',
  'received',
];
/**
 * "Zofran 4 mg ODT 1418", "Epi 1 mg IO 0302", "ASA 324 PO chewed 1158": a clock time right after
 * the route. Route letters only in capitals, so "in 2019" stays a year.
 */
const ROUTE_TIME_RE = new RegExp(
  String.raw`(?:\b(?:IV|IO|IM|IN|SL|PO|ODT|IVP|SQ|SC|NEB|PR|ET)` +
    String.raw`|\b(?:[Tt]high|[Dd]eltoid|[Cc]hewed|[Pp]ush|[Nn]ebulized|[Nn]ares?|[Nn]ostrils?))` +
    String.raw`\s+(${CLOCK_DIGITS})\b(?!\s*(?:mg|mcg|ml|units?)\b|\/)`,
  'dg',
);
/** A four-digit number followed by one of these is a quantity, not a clock time. */
const NOT_A_TIME_UNITS = ['mg', 'mcg', 'ml', 'cc', 'units?', 'joules', 'feet', 'ft', 'miles', 'pounds', 'lbs?', 'kg'];
const BARE_TIME_RE = new RegExp(
  String.raw`\b(?:${anyOf(TIMED_VERBS)})\s+(${CLOCK_DIGITS})\b(?!\s*(?:${anyOf(NOT_A_TIME_UNITS)})\b)` +
    String.raw`|^\s*(${CLOCK_DIGITS})(?=,|\s+dispatch\b|\s+at (?:pt|patient)\b)`,
  'dgi',
);
const CLOCK_COLON = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d`;
/** What a pair of numbers after "at" measures when it is no clock time ("at 2 10 kilos", "at 10 12-lead showed …"). */
const NOT_SPACED_TIME_WORDS = [
  ...NOT_A_TIME_UNITS,
  // "Over" a pressure's second number, not a span the drug ran over ("iv at 2 21 over 10 minutes" is the time).
  String.raw`over(?!\s+\d{1,3}\s*(?:minutes?|mins?|seconds?|secs?|hours?|hrs)\b)`,
  ...['lead', 'leads', 'years?', 'yo', 'percent', 'out', 'minutes?', 'mins?', 'seconds?', 'hours?', 'days?', 'weeks?'],
  ...['months?', '(?:liter|litre)s?', 'lpm', 'l', 'kilos?', 'grams?', 'degrees', 'times', 'point', 'cm', 'mmhg', 'mph', 'breaths'],
  // A fluid's rate: "normal saline at 1 25 an hour" is 125 mL an hour.
  String.raw`(?:an?|per|\/)\s*(?:hour|hr)`,
  'hourly',
];
/**
 * Words a crew's time is said after: the dispatch or arrival verb, the care's verb, its route, its site or its dose ("dispatched
 * at 9 22", "iv push at 8 20", "by neb at 9 31", "in the right thigh at 8 14", "500 ml at 10 35").
 */
const SPACED_TIME_AFTER = [
  ...['dispatched', 'toned out', 'paged', 'sent', 'called', 'requested', 'arrived', 'landed', 'launched', 'given', 'gave'],
  ...['paged out', 'sent out', 'called out'],
  ...['administered', 'started', 'initiated', 'pushed', 'push', 'placed', 'applied', 'hung', 'established', 'performed'],
  ...['iv', 'io', 'im', 'in', 'po', 'sl', 'ivp', 'neb', 'nebulizer', 'nebulized', 'intranasal', 'intramuscular', 'odt'],
  ...['thigh', 'deltoid', 'arm', 'forearm', 'hand', 'ac', 'antecubital', 'tibia', 'humerus', 'nares', 'nostril', 'tongue'],
  ...['mg', 'mcg', 'milligrams?', 'micrograms?', 'grams?', 'units?', 'ml', 'milli(?:liter|litre)s?', '(?:liter|litre)s?', 'lpm'],
  // The fluid hung, or the span a drug ran over: "hung a liter of warmed saline at 5 58", "iv over 10 minutes at 11 05".
  ...['saline', 'bolus', 'fluids?', String.raw`ringer['’]?s`, String.raw`over \d{1,3} (?:minutes?|mins?)`],
];
/**
 * A clock time as a speech recogniser writes it, the hour and the minutes apart: after a word the crew's times are said after
 * ("dispatched at 9 22", "by neb at 9 31") and before no unit or count, with its half of the day ("at 8 20 pm"), or opening
 * the line before the crew's care ("at 7 28 we gave …"). Two
 * numbers after "pain at", "rate at" or "shocked at" measure something else.
 */
const SPACED_CLOCK = String.raw`(?:[01]?\d|2[0-3]) [0-5]\d`;
const SPACED_TIME =
  String.raw`(?<=\b(?:${anyOf(SPACED_TIME_AFTER)})\s+)(?:at|@)\s+(${SPACED_CLOCK})(?![\w:/%]|\.\d)` +
  String.raw`(?![\s-]*(?:${anyOf(NOT_SPACED_TIME_WORDS)})\b)` +
  String.raw`|\b(?:at|@|around)\s+(${SPACED_CLOCK})(?=\s*[ap]\.?\s?m\b)` +
  // Or opening the line before the crew's care: "at 7 28 we gave a duoneb".
  String.raw`|(?<=^\s*)(?:at|@)\s+(${SPACED_CLOCK})(?=\s*,?\s+(?:we|i)\s)`;
export const TIME_RE = new RegExp(
  String.raw`\b(?:at|@|around)\s*(${CLOCK_COLON}|${CLOCK_DIGITS})(?:\s*(?:hours|hrs?))?\b` +
    String.raw`|\b(${CLOCK_DIGITS})\s*(?:hours|hrs?)\b|\b(${CLOCK_COLON})\b|${SPACED_TIME}`,
  'dgi',
);

/** The crew did something: these verbs make a medication/procedure mention a treatment. */
const ADMINISTERED = wordMatcher([
  // "Covered the wound with a moist sterile dressing", not "the wound was covered with dried blood".
  String.raw`(?<!\b(?:was|were|is|are|been|got) )covered (?:the |a |an |his |her |their )?[\w-]+ (?:[\w-]+ )?with`,
  'gave',
  'give',
  'given',
  'giving',
  'bagged',
  'bagging',
  'cardioverted',
  'defibrillated',
  'shocked',
  'intubated',
  'administer(?:ed|ing)?',
  'push(?:ed)?',
  'started',
  'initiated',
  'provided',
  'applied',
  'placed',
  'put',
  'deliver(?:ed)?',
  'dosed',
  'bolus(?:ed)?',
  'hung',
  'titrated',
  'treated',
  'repeated',
  'performed',
  'established',
  'obtained',
  'secured',
  'immobilized',
  'continued',
  'resumed',
  'attempted',
  'inserted',
  'assisted',
  'ventilated',
  'suctioned',
  'splinted',
  'bandaged',
  'controlled',
  'de[- ]?escalated',
  'restrained',
  'acquired',
  'was given',
  'were given',
  'via',
  'used',
  'utilized',
  'maintained',
  'wrapped',
  // Taking over the CPR a bystander or first responder started is the crew doing it.
  String.raw`(?<=${CREW_BEFORE_TOOK_OVER})took over ${RESUSCITATION_TAKEN_OVER}`,
  String.raw`held (?=manual|c[- ]?spine|pressure|traction|in[- ]?line(?! with\b)|blow[- ]?by)`,
  String.raw`(?<=(?:c[- ]?spine|manual|pressure|traction|stabili[sz]ation)\s)held`,
  // Everyday speech for giving: "had him chew four baby aspirin", "got a line in".
  String.raw`had (?:him|her|them|the (?:patient|pt)|pt) (?:chew|take|swallow|use)`,
  String.raw`chew(?:ed)?`,
  String.raw`infus(?:ed|ing)`,
  String.raw`got (?:(?:him|her|them) (?:on|some)|(?:a|an|the) (?:line|iv|io|\d+))`,
  'cooled',
  'irrigated',
  'dressed',
  String.raw`took (?:his|her|their) [\w-]+ off`,
  // Everyday speech for putting a device on: "threw a tourniquet high on the thigh", "slapped the pads on", "tossed him on
  // oxygen", "my partner threw a tourniquet on". Said with no one else named: not the patient's own act ("she threw the mask
  // off") nor a bystander's or police's before the crew ("his friend slapped a bandage on it", "PD threw a tourniquet on").
  String.raw`(?<=(?:^|[,;:]\s*|\b(?:we|i|partner|crew|and|then|so|just|quickly|also)\s+))` +
    String.raw`(?:threw|slapped|tossed)(?= (?:a|an|the|some|him|her|them)\b)` +
    String.raw`(?![^,;.]*\b(?:off|across|away)\b)`,
  // "we did a 12-lead", "moved to our monitor".
  String.raw`(?:we|i) did an?`,
  String.raw`(?:moved|switched) (?:\w+ )?(?:over )?to our (?:cardiac )?(?:monitor|pumps?|vent(?:ilator)?)`,
]);
/** Reported, not done by the crew: history, home medication, allergies, bystanders. */
const NOT_CREW = wordMatcher([
  // Labour induced with a drug before the call ("she was induced with pitocin yesterday"); not the crew's induction for RSI.
  String.raw`(?:was|been|got|being) induced`,
  'takes',
  'taking',
  'prescribed',
  String.raw`home med\w*`,
  // A medication list ("Meds lisinopril, calcium", "Medications: metoprolol"), not what the crew gave.
  String.raw`(?:current |daily )?med(?:ication)?s(?!\s+(?:given|administered|pushed|delivered))`,
  String.raw`allerg\w*`,
  'history of',
  'hx of',
  // "took nitro at home" (not "we took him out of the ice", "took his rings off").
  // "that took the edge off" is the response to it; "we took over compressions" is the crew's CPR.
  // Only the crew's own "we took over": "the ER team took over compressions", "fire took over compressions" are not the crew.
  // "gave dexamethasone 15 mg by mouth which she took with some juice": the patient swallowing the crew's dose, said of it. Only
  // after the crew's giving: "her own nitro 0.4 mg which she took twice before we came" is hers.
  String.raw`(?<!\b(?:gave|give|given|administered|pushed)\b[^.;]*\b(?:which|that) (?:he|she|they|pt|patient) )` +
    String.raw`took(?! (?:him|her|them) (?:out|off|down)\b| (?:his|her|their) [\w-]+ off\b| the edge off\b)` +
    String.raw`(?!(?<=${CREW_BEFORE_TOOK_OVER}took) over ${RESUSCITATION_TAKEN_OVER}\b)`,
  'had taken',
  'prior to (?:our |ems |crew )?arrival',
  'pta',
  'before (?:we|ems|our crew) arrived',
  // Whoever "his …"/"her …" names is a person, not a place by the patient ("blow by oxygen up by her face").
  String.raw`by (?:a )?(?:bystanders?|family|(?:his|her) (?!(?:face|mouth|nose|head|side|bed|chest|feet|cheek)\b)\w+|` +
    String.raw`${anyOf(OTHER_RESPONDERS)}|school nurse|staff|nursing staff|the facility|(?:the )?respiratory therap\w*)`,
  // The family named without "his"/"her" only as the doer of a care step ("dried by grandma", "warmed by mom"): "estimated by
  // mom", "met at the door by dad", "called by mom", "history given by mom" name who spoke or called, and the crew's care said
  // after stays the crew's.
  String.raw`(?<=\b(?:dried|warmed|stimulated|suctioned|wrapped|applied|started|placed|put)\s)by ` + String.raw`(?:${anyOf(FAMILY)})`,
  'daily',
  'every day',
  'twice a day',
  'at home',
  'in progress on arrival',
  'in progress upon arrival',
  'at (?:the )?(?:sending|referring) (?:facility|hospital|ed)',
  'by (?:the )?(?:sending|referring)',
  // Given by the sending hospital: "duo neb given by respiratory therapist before transfer".
  '(?:prior to|before) transfer',
  'running on arrival',
  String.raw`(?:drips?|infusions?) on arrival`,
  // The patient's own use, not a dose the crew gave: "said he used fentanyl", "she snorted oxy".
  String.raw`(?:he|she|they|pt|patient) (?:used|shot up|snorted|smoked|injected|ingested|swallowed|overdosed on|od'?d on)`,

  // Told by someone else, or long before the call: "Mom says the school nurse gave her an EpiPen last year".
  String.raw`(?:says|said|states|stated|reports|reported) (?:that )?(?:the|her|his|their|a)\b`,
  // Given or running before the crew took over: "from the sending facility", "infusing on their pump".
  // ("12-lead unchanged from sending facility" compares with theirs: the crew ran it.)
  String.raw`(?<!(?:unchanged|changed|different|compared)\s)from (?:the )?(?:sending|referring)`,
  // "Received at Sutter Creek: morphine 4 mg IV": what the patient received at the hospital before the crew.
  String.raw`received (?:at|in) (?!\d)`,
  String.raw`on their (?:pump|drip|line)`,
  String.raw`last (?:year|month|week|night|time)`,
  String.raw`(?:\d+|a|an|one|two|three|few|several) (?:years?|months?|weeks?) ago`,
]);
// "Offered DuoNeb and transport; declined both": offering is not giving.
const NEGATED_BEFORE = /\b(no|not|without|declined|refused|refuses|denied|denies|offered)\b[^,;]{0,40}$/i;
// "Aspirin held" withholds it; "c-spine held", "held manual traction" is the crew holding something in place.
// Blow-by oxygen is held by the crew near the face ("held blow by oxygen up by her face"): that is giving it.
// "Aspirin held in line with protocol" says "in keeping with": withheld.
const HELD_IN_PLACE = String.raw`c[- ]?spine|manual|pressure|traction|stabili[sz]ation|in[- ]?line(?!\s+with\b)|blow[- ]?by`;
const NEGATED_CLAUSE = new RegExp(
  String.raw`\b(withheld|(?<!(?:${HELD_IN_PLACE})\s)held(?!\s+(?:${HELD_IN_PLACE}))` +
    // "cord was not around the neck" is a finding's position, not a treatment withheld. Only a body position: "Zofran was not
    // on the truck", "narcan was not in the bag", "tourniquet was not on the arm when we arrived" are not given.
    String.raw`|deferred|contraindicated|not given|not administered|` +
    String.raw`(?:was|were) not(?! (?:wrapped )?around (?:the |his |her |its |baby's )?neck\b))\b`,
  'i',
);

/** Clause borders inside a sentence, so "took nitro at home; we gave aspirin" is two decisions. */
const CLAUSE_BREAK = new RegExp(
  [
    ';',
    String.raw`\bthen\b`,
    String.raw`,?\s+(?:and|but)\s+(?=(?:we|i|crew|ems|medic|he|she|they|the patient|patient|pt|that|it)\b)`,
    // "…at 1547, and after about five minutes he said the pain was down": how it went is a clause of its own.
    String.raw`,\s+and\s+(?=(?:after|within|once|by the time|over the next)\b)`,
    String.raw`,\s+(?=(?:we|i|crew|ems|he|she|they|which)\b)`,
    String.raw`\bafter which\b`,
    String.raw`\bbecause\b`,
    String.raw`\bdue to\b`,
  ].join('|'),
  'gi',
);

function clauseAround(content: string, at: number): [number, number] {
  let start = 0;
  let end = content.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(content); m !== null; m = CLAUSE_BREAK.exec(content)) {
    if (m.index + m[0].length <= at) start = m.index + m[0].length;
    else if (m.index > at) {
      end = m.index;
      break;
    }
  }
  return [start, end];
}

function allMatches(segmentId: string, content: string, re: RegExp, from: number, to: number): FactSpan[] {
  const out: FactSpan[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(content); m !== null; m = re.exec(content)) {
    const group = m.indices?.findIndex((r, i) => i > 0 && r !== undefined) ?? -1;
    const span = group > 0 ? spanOf(segmentId, content, m, group) : null;
    if (span && span.begin >= from && span.end <= to) out.push(span);
  }
  return out;
}

/** Words that open the next dose said run on ("… po at 1548 | second albuterol neb"); not "second dose" of the drug before. */
const NEXT_DOSE_OPENERS = ['second', 'third', 'another', 'gave'];
const NEXT_DOSE_OPENS = new RegExp(String.raw`\b(?:${NEXT_DOSE_OPENERS.join('|')})\b(?!\s+(?:dose|round|time|set|one)\b)`, 'gi');
/** Where the text between two mentions splits: after its last separator, else in the middle. */
function boundary(content: string, gapStart: number, gapEnd: number): number {
  let cut = -1;
  // "Albuterol 2.5 mg with ipratropium 0.5 mg": "with"/"plus" joins two drugs given together, each with its own dose.
  // A comma right after the first drug sets off its own dose when both drugs have one between them ("racemic epi, 0.5 mL
  // in 3 mL of saline"): no border there. With one dose between them it is the next drug's ("gave zofran, 4 mg of morphine").
  const gap = content.slice(gapStart, gapEnd);
  const ownDoseAfterComma = (gap.match(/\d+(?:\.\d+)?/g) ?? []).length > 1;
  // " + " is charting's "plus" ("Albuterol 2.5 mg + ipratropium 0.5 mg neb"), "w/" its "with" ("Albuterol 5 mg w/ ipratropium").
  for (const m of gap.matchAll(/,|;|\band\b|\bthen\b|\bfollowed by\b|\bwith\b|\bw\/(?=\s)|\bplus\b|\s[/+]\s/gi))
    if (!(m[0] === ',' && m.index === 0 && ownDoseAfterComma)) cut = m.index + m[0].length;
  // Run on, without a separator, the next dose opens with its count or the giving: "dexamethasone 14 milligrams po at 1548
  // | second albuterol neb". Not "second dose" said of the drug before ("epi 1 milligram second dose at 0239").
  for (const m of gap.matchAll(NEXT_DOSE_OPENS)) if (m.index > 0) cut = Math.max(cut, m.index);
  return cut < 0 ? Math.floor((gapStart + gapEnd) / 2) : gapStart + cut;
}

const nearest = (spans: FactSpan[], at: number): FactSpan | null =>
  spans.reduce<FactSpan | null>((best, s) => (best === null || Math.abs(s.begin - at) < Math.abs(best.begin - at) ? s : best), null);

/**
 * Given by someone other than the crew (family, a bystander, police, staff), said right before the drug with nothing set off
 * between ("mom gave acetaminophen at 2200", "his wife gave him two puffs of albuterol", "bystander gave Narcan"); not a drug
 * after a comma ("Husband gave consent, aspirin 324 mg …"). Not "my partner": the crew.
 */
const OTHER_GAVE_BEFORE = new RegExp(
  String.raw`\b(?:${anyOf(PEOPLE_NOT_CREW)})` +
    // Not the object of "with"/"from"/"by" ("pt lives with her boyfriend | gave ondansetron 4 mg iv"): that person is not the subject.
    String.raw`(?<!\b(?:with|from|by|per|to|for)\s+(?:(?:his|her|the|their)\s+)?\w+)` +
    // Up to the crew's own giving said after it ("his sister gave him two puffs … we gave duoneb at 1410").
    String.raw`\s+(?:gave|had given|administered|used)\b(?:(?!\bwe\b)[^,;.])*$`,
  'i',
);
/** Whether the crew gave/did this: an action verb in its clause (or sentence), not reported or negated. */
export function isCrewAction(content: string, at: number): boolean {
  const [start, end] = clauseAround(content, at);
  const clause = content.slice(start, end);
  const before = content.slice(start, at);
  if (NOT_CREW.test(clause) || NEGATED_BEFORE.test(before) || NEGATED_CLAUSE.test(clause) || OTHER_GAVE_BEFORE.test(before)) return false;
  // "After the fluid bolus his heart rate decreased" reports a response, not a new administration.
  // "Placed her … on oxygen" is the crew putting the patient on it, not a response to it.
  // "all three on non rebreathers at 15 liters starting at 1956": the time it was started says the crew started it.
  // Not when someone else is named as having started it ("started at 1400 by the nursing staff").
  const startedAt = /^[^,;]*\bstart(?:ed|ing) at\b(?![^,;.]*\bby\b)/i.test(content.slice(at, end));
  // "Tossed him on oxygen": everyday speech for putting the patient on it.
  const putOn =
    /\b(?:placed|put|started|threw|tossed|slapped)\b[^,;]*\bon\s+$/i.test(before) || (startedAt && /\bon\s+(?:an?\s+)?$/i.test(before));
  if (!putOn && /\b(?:after|following|post|since|on)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}$/i.test(before)) return false;
  // "SpO2 94% with assisted ventilations", "spo2 94 with bvm via i gel" say under what the vitals were taken, not a new
  // intervention.
  if (
    /\bwith\s+(?:[\w-]+\s+)?(?:via\s+(?:the\s+|an?\s+)?)?$/i.test(before) &&
    /\b(?:spo2|sats?|bp|vitals|heart rate|hr)\b[^.;]*\d/i.test(before)
  )
    return false;
  return (
    ADMINISTERED.test(clause) ||
    (ADMINISTERED.test(content) && !NOT_CREW.test(content)) ||
    isTerseChartLine(content, start, at) ||
    (putOn && startedAt)
  );
}

/**
 * A charting line that leads with the intervention ("Adenosine 6 milligrams rapid IV push",
 * "IV 20 gauge right hand", "King airway", "Traction splint to the left leg") states what the crew
 * did without a verb. Only when the intervention opens its sentence or clause (at most two words
 * before it, e.g. "Racemic epi", "Then CPAP") and what follows is not a finding about it.
 */
// A count or dose may come first: "2 large-bore IVs", "1 L NS wide open".
// "Pt 2: ketorolac 15 mg": a patient's number leads a line when the call has several.
const TERSE_LEAD_WORDS = [
  String.raw`(?:pt|patient) #?\d:?`,
  // A repeat charted by its count: "second dose of fentanyl iv at 1815", "repeat dose of albuterol".
  String.raw`(?:second|third|another|repeat|2nd|3rd) dose of`,
  'then',
  'and',
  'also',
  'pt',
  'patient',
  'placed on',
  'started on',
  'put on',
  'on',
];
const TERSE_LEAD = new RegExp(
  String.raw`^[\s,;:-]*(?:(?:${anyOf(TERSE_LEAD_WORDS)})\s+)?` +
    String.raw`(?:\d+(?:\.\d+)?\s*(?:[a-z]{1,3}\s+)?)?(?:[A-Za-z][\w-]*\s+){0,2}$`,
  'i',
);
// "dressing clean and dry", "splint intact": the state of something already in place is a finding.
const FINDING_WORDS = anyOf([
  ...['saturation', 'sats?', 'level', String.raw`allerg\w*`, 'use', 'history', 'at home', String.raw`prescri\w*`, 'bottle'],
  ...['was found', 'found', 'clean', 'dry', 'intact', 'in place', 'saturated', 'soaked', String.raw`c\/d\/i`],
]);
const FINDING_AFTER = new RegExp(String.raw`^\s*(?:\w+\s+){0,2}(?:${FINDING_WORDS})\b`, 'i');
// A repeat dose still to come or not wanted is not given: "second dose of narcan not needed", "second dose of zofran due at 1900".
const REPEAT_DOSE_LEAD = /\b(?:second|third|another|repeat|2nd|3rd) dose of\s+(?:\S+\s+){0,2}$/i;
const NOT_GIVEN_YET = ['not', 'due', 'pending', 'if', 'when', 'ordered', 'requested', 'needed', 'denied', 'held', 'available'];
const REPEAT_NOT_GIVEN = new RegExp(String.raw`^\s*(?:\S+\s+){0,3}?(?:${anyOf(NOT_GIVEN_YET)})\b`, 'i');
/** A line the crew placed, said as a charting item ("18 gauge iv right antecubital", "IO left tibia"). */
const LINE_PLACED = /^\s*(?:(?:an?|one|two|2)\s+)?(?:\d{2}\s*(?:gauge|ga|g)\b|ivs?\b|io\b|saline lock\b)/i;
/** A dose, then " + " and at most two words before the next drug: the "+" lists the next one given. */
const DOSED_PLUS = new RegExp(String.raw`\d\s*(?:${anyOf(DOSE_UNITS)})\s+\+\s+(?=(?:[\w-]+\s+){0,2}$)`, 'i');
/**
 * A line with its gauge and site and nothing else, said right before a drug ("iv 20 g l ac | diphenhydramine iv",
 * "18 ga r forearm | zofran"): the line the drug went in, so the drug opens its own item of the chart line.
 */
const LINE_WITH_SITE = new RegExp(
  String.raw`^\s*(?:(?:iv|io)\s+)?\d{2}\s*(?:gauge|ga|g)\s+(?:(?:iv|io)\s+)?(?:(?:left|right|l|r)\s+)?` +
    String.raw`(?:ac|antecubital|hand|forearm|wrist|arm|tibia|humerus|ej|external jugular)\s+$`,
  'i',
);
function isTerseChartLine(content: string, clauseStart: number, at: number): boolean {
  // A charting line lists interventions with commas ("Jaw thrust, NPA right nare, BVM"): each item opens its own line.
  const lastComma = content.lastIndexOf(',', at - 1);
  // … or with " + " after a drug's dose ("Albuterol 2.5 mg + ipratropium 0.5 mg neb"); not a list of home medications
  // without doses ("on lisinopril + metformin").
  const plus = DOSED_PLUS.exec(content.slice(0, at));
  const itemStart = Math.max(clauseStart, lastComma + 1, plus ? plus.index + plus[0].length : 0);
  // … or with "and" after the line it goes in ("20 gauge iv left hand and fentanyl iv at 1716"), not after a drug
  // ("on Lasix and home O2", "admits heroin and fentanyl").
  const lastAnd = content.slice(0, at).search(/\band\s+(?:[\w-]+\s+){0,2}$/i);
  const afterLine = lastAnd > itemStart && LINE_PLACED.test(content.slice(itemStart, lastAnd));
  const start = afterLine ? lastAnd : LINE_WITH_SITE.test(content.slice(itemStart, at)) ? at : itemStart;
  if (!TERSE_LEAD.test(content.slice(start, at))) return false;
  const after = content.slice(at).replace(/^\S+/, '');
  if (REPEAT_DOSE_LEAD.test(content.slice(start, at)) && REPEAT_NOT_GIVEN.test(after)) return false;
  return !FINDING_AFTER.test(after);
}

/** Times in a segment, normalised to `HH:MM`. */
export function extractTimes(segmentId: string, content: string): Array<{ clock: string; span: FactSpan }> {
  const out: Array<{ clock: string; span: FactSpan }> = [];
  const spans = [
    ...allMatches(segmentId, content, TIME_RE, 0, content.length),
    ...allMatches(segmentId, content, BARE_TIME_RE, 0, content.length),
    ...allMatches(segmentId, content, ROUTE_TIME_RE, 0, content.length),
  ]
    .filter((s, i, all) => all.findIndex((o) => o.begin === s.begin) === i)
    .sort((a, b) => a.begin - b.begin);
  for (const span of spans) {
    const clock = normaliseClock(span.text);
    if (clock) out.push({ clock, span });
  }
  return out;
}

/**
 * "ASA 324 PO", "NTG 0.4 SL x2", "second albuterol 2.5 at 1712": a number right after the drug and
 * before its route, its time or the clause's end is the dose, unit implied. Said before the drug,
 * "250 of saline", "2.5 of albuterol", "324 aspirin", "4 baby aspirin" are doses too (not a clock time).
 */
// A recogniser writes the route in lower case ("solu medrol 60 iv", "asa 324 po"); only "IN" and "ET" are read in capitals
// alone, since "in" and "et" are words ("narcan 2 in 10 minutes").
const ROUTE_AFTER_DOSE =
  String.raw`IV|IO|IM|IN|SL|PO|ODT|IVP|SQ|SC|NEB|PR|ET|iv|io|im|sl|po|odt|ivp|sq|sc|neb|pr` +
  String.raw`|chewed|chewable|nebuli[sz]ed|by mouth|by neb|via` +
  String.raw`|sublingual(?:ly)?|under the tongue` +
  String.raw`|intravenous(?:ly)?|intramuscular(?:ly)?|intranasal(?:ly)?|intraosseous(?:ly)?|orally|by nebuli[sz]er`;
const BARE_DOSE = new RegExp(
  String.raw`^\s+(\d+(?:\.\d+)?)(?=\s+(?:${ROUTE_AFTER_DOSE})\b|\s+(?:at|@)\s|\s+(?:and|with|plus)\s|\s*[,;)]|\s*\.(?!\d)|\s*$)`,
  'd',
);
// "ran 500 of warmed saline": a fluid's volume (three or four digits) may have its temperature between it and the fluid; not a
// bag's or a litre's number ("hung bag 2 of warmed saline").
const FLUID_TEMPERATURE = 'warm|warmed|cold|chilled|cool|cooled';
const DOSE_BEFORE = new RegExp(
  String.raw`(?<![\d.:/])(?:(\d{1,3}(?:\.\d+)?)\s+(?:of\s+|(?:baby|chewable|low[- ]dose)\s+)?|` +
    String.raw`(\d{3,4})\s+of\s+(?:${FLUID_TEMPERATURE})\s+)$`,
  'd',
);
function bareDose(segmentId: string, content: string, mention: FactSpan): FactSpan | null {
  const after = BARE_DOSE.exec(content.slice(mention.end));
  const before = after ? null : DOSE_BEFORE.exec(content.slice(0, mention.begin));
  const range = after?.indices?.[1] ?? before?.indices?.[1] ?? before?.indices?.[2];
  if (!range) return null;
  const offset = after ? mention.end : 0;
  const [begin, end] = [offset + range[0], offset + range[1]];
  return { segmentId, begin, end, text: content.slice(begin, end) };
}

/**
 * "IV 20 g L AC, diphenhydramine IV", "18 g IV R AC; fentanyl IV": a line's gauge (after IV/IO, or before a
 * side or IV/IO) is no drug's dose.
 */
function isGauge(content: string, d: FactSpan): boolean {
  if (!/^(?:14|16|18|20|22|24)\s*g$/i.test(d.text)) return false;
  // "D50 25 g IV", "dextrose 20 g IV": a drug named before it in the clause makes it that drug's dose.
  const clause = content.slice(0, d.begin).split(/[,;.]/).at(-1) ?? '';
  return (
    /\b(?:iv|io|lock|angio\w*)\s*$/i.test(content.slice(Math.max(0, d.begin - 16), d.begin)) ||
    /^\s*(?:l|r|left|right|bilat\w*)\b/i.test(content.slice(d.end)) ||
    (/^\s*(?:iv|io)\b/i.test(content.slice(d.end)) && !/\p{L}/u.test(clause))
  );
}

/** Oxygen that drives the bag ("bagged her with oxygen", "BVM with O2") is the ventilation, not a dosed medication. */
const VENTILATED_WITH =
  /\b(?:bagged|bagging|bvm|bag[- ]valve[- ]mask|ventilated|ventilations?)\b[^,;.]*?\bwith\s+(?:high[- ]flow\s+|supplemental\s+)?$/i;
/**
 * Nor the gas that drives a nebulizer ("albuterol 2.5 milligrams by neb with oxygen at 9 31"): said right after the neb (or
 * its mask), with no device of its own after it ("neb along with oxygen by nasal cannula", "… then oxygen 2 liters nasal
 * cannula" are oxygen given).
 */
const NEBULIZED_WITH = /\bneb(?:s|uli[sz]er|uli[sz]ed)?(?:\s+(?:treatment|mask))?\s+(?:with|via|using)\s+$/i;
/** A device said right after the oxygen gives it on its own ("neb with oxygen by nasal cannula at 2 liters"). */
const OXYGEN_DEVICE_AFTER =
  /^\s+(?:[\w-]+\s+){0,3}?(?:by|via|on|through)?\s*(?:nasal cannula|nc|non[- ]?rebreather|nrb|cpap|bipap|mask)\b/i;
function drivesBagOrNeb(content: string, m: { name: string; span: FactSpan }): boolean {
  if (m.name !== 'oxygen') return false;
  const before = content.slice(0, m.span.begin);
  if (VENTILATED_WITH.test(before)) return true;
  return NEBULIZED_WITH.test(before) && !OXYGEN_DEVICE_AFTER.test(content.slice(m.span.end));
}

/**
 * A kit handed to the patient ("a leave-behind Narcan kit") is not a dose the crew gave; a kit a dose
 * was given from ("Glucagon kit, 1 mg IM") is.
 */
const HANDED_OVER_AFTER = /^\s*(?:nasal spray\s+|nasal\s+)?kits?\b/i;
const HANDED_OVER_BEFORE = /\b(?:leave[- ]behind|take[- ]home)\s+$/i;
function handedOver(content: string, m: { span: FactSpan }): boolean {
  const [start, end] = clauseAround(content, m.span.begin);
  if (allMatches('', content, DOSE_RE, start, end).length > 0) return false;
  return HANDED_OVER_AFTER.test(content.slice(m.span.end)) || HANDED_OVER_BEFORE.test(content.slice(0, m.span.begin));
}

/** Saline that irrigates or rinses ("wound irrigated with saline") cleans; it is not a fluid given. */
const WASHING = /\b(?:irrigat\w*|rins\w*|wash\w*|flush\w*|clean\w*)\b/i;
function washesWith(content: string, m: { name: string; span: FactSpan }): boolean {
  if (m.name !== 'normal saline') return false;
  const [start, end] = clauseAround(content, m.span.begin);
  return WASHING.test(content.slice(start, end));
}

/**
 * "DuoNeb albuterol 2.5 milligrams and ipratropium 500 micrograms": a combination named right before one of its parts
 * is dosed by that part's dose. Null when the next drug is not one of its parts or something else is said between them.
 */
function firstPartDose(
  segmentId: string,
  content: string,
  m: { name: string; span: FactSpan },
  next: { name: string; span: FactSpan } | undefined,
): FactSpan | null {
  if (!next || !m.name.split('/').includes(next.name) || !/^[\s,:]*$/.test(content.slice(m.span.end, next.span.begin))) return null;
  const dose = allMatches(segmentId, content, DOSE_RE, next.span.end, content.length)[0];
  // "2 point 5 milligrams": a recogniser's decimal point said as a word, before the dose's last digits.
  const said = dose === undefined ? null : /^\s+((?:\d+\s+point\s+)?)$/.exec(content.slice(next.span.end, dose.begin));
  if (dose === undefined || said === null) return null;
  const begin = dose.begin - (said[1] ?? '').length;
  return { segmentId, begin, end: dose.end, text: content.slice(begin, dose.end) };
}

function partsDose(segmentId: string, content: string, mention: FactSpan, next: FactSpan | undefined): FactSpan | null {
  if (!next) return null;
  const m = PARTS_DOSED.exec(content.slice(mention.end, next.begin));
  const range = m?.indices?.[1];
  if (!range) return null;
  const [begin, end] = [mention.end + range[0], mention.end + range[1]];
  return { segmentId, begin, end, text: content.slice(begin, end) };
}

/**
 * "bagging with 100% oxygen", "cpap at 10 cm with 100 percent oxygen", "on 100% O2": the percent said right before oxygen, after
 * "with", "on", "at" or "using", is the fraction it is given at. Not a saturation said before it, however named ("Sats were 86
 * percent oxygen applied", "pulse ox showed 88 percent oxygen given", "satting 86% oxygen via NC").
 */
const SATURATION_WORDS = String.raw`sats?|saturations?|satting|sating|saturating|sp[o0]2|o2 sats?|ox|oximetry|room air|ra|reading|showed`;
const PERCENT_BEFORE_OXYGEN = new RegExp(
  String.raw`(?<!\b(?:${SATURATION_WORDS})\b(?:\s+\S+){0,3}\s+)(?<=\b(?:with|on|at|using)\s+)((?:[2-9]\d|100)\s*(?:%|percent))\s+$`,
  'di',
);
function percentBeforeOxygen(segmentId: string, content: string, mention: FactSpan): FactSpan | null {
  const range = PERCENT_BEFORE_OXYGEN.exec(content.slice(0, mention.begin))?.indices?.[1];
  return range ? { segmentId, begin: range[0], end: range[1], text: content.slice(range[0], range[1]) } : null;
}

/**
 * The routes oxygen is given by (it also drives a nebulizer), and those only oxygen is: a drug is never given by a cannula. A mask
 * and a CPAP are left out of every other drug's routes before (`extractMedications`), and a CPAP is never shared.
 */
const OXYGEN_ROUTES: ReadonlySet<string> = new Set(['NC', 'NRB', 'MASK', 'BVM', 'BLOW-BY', 'NEB']);
const OXYGEN_ONLY_ROUTES: ReadonlySet<string> = new Set(['NC', 'NRB', 'BVM']);
const givenBy = (drug: string, route: string) => (drug === 'oxygen' ? OXYGEN_ROUTES.has(route) : !OXYGEN_ONLY_ROUTES.has(route));

/** `times`: the line's clock times (`extractTimes`), when the caller has them already. */
export function extractMedications(
  segmentId: string,
  content: string,
  times: ReadonlyArray<{ clock: string; span: FactSpan }> = extractTimes(segmentId, content),
): MedicationFact[] {
  if (!ANY_MEDICATION.test(content)) return [];
  const mentions: Array<{ name: string; span: FactSpan }> = [];
  for (const [name, re] of MED_RE) {
    for (const span of allMatches(segmentId, content, re, 0, content.length)) {
      if (mentions.some((m) => span.begin < m.span.end && m.span.begin < span.end)) continue;
      mentions.push({ name, span });
    }
  }
  mentions.sort((a, b) => a.span.begin - b.span.begin);
  const allRoutes = ROUTE_RE.flatMap(([code, re]) => allMatches(segmentId, content, re, 0, content.length).map((span) => ({ code, span })));
  const out: MedicationFact[] = [];
  mentions.forEach((m, i) => {
    // A mask or a CPAP is how oxygen is given; said near another drug ("face mask for droplet precautions", "nitro 0.4 mg with the
    // CPAP on") it is not its route.
    const routes = allRoutes.filter((r) => (r.code !== 'MASK' && r.code !== 'CPAP') || m.name === 'oxygen');
    if (!isCrewAction(content, m.span.begin) || drivesBagOrNeb(content, m) || washesWith(content, m) || handedOver(content, m)) return;
    // A mention owns the text up to the separator before its neighbour: "324 mg aspirin PO and 0.4 mg nitro SL".
    const prev = mentions[i - 1];
    const next = mentions[i + 1];
    const from = prev ? boundary(content, prev.span.end, m.span.begin) : 0;
    const to = next ? boundary(content, m.span.end, next.span.begin) : content.length;
    const inWindow = (s: FactSpan) => s.begin >= from && s.end <= to && (s.end <= m.span.begin || s.begin >= m.span.end);
    const doses = [
      ...allMatches(segmentId, content, DOSE_RE, from, to),
      ...allMatches(segmentId, content, CONTAINER_DOSE_RE, from, to),
    ].filter((d) => !isGauge(content, d));
    // A number said right after the drug is its dose ("ipratropium 0.5 by neb with 8 liters O2"), before any
    // dose with a unit further on.
    const numberAfter = BARE_DOSE.test(content.slice(m.span.end)) ? bareDose(segmentId, content, m.span) : null;
    const route = routes
      .filter((r) => inWindow(r.span))
      .reduce<(typeof routes)[number] | null>(
        (best, r) => (best === null || Math.abs(r.span.begin - m.span.begin) < Math.abs(best.span.begin - m.span.begin) ? r : best),
        null,
      );
    const dose =
      firstPartDose(segmentId, content, m, next) ??
      numberAfter ??
      nearest(doses.filter(inWindow), m.span.begin) ??
      bareDose(segmentId, content, m.span) ??
      partsDose(segmentId, content, m.span, next?.span) ??
      (m.name === 'oxygen' ? percentBeforeOxygen(segmentId, content, m.span) : null) ??
      (m.name === 'oxygen' && route?.code === 'BVM'
        ? nearest(allMatches(segmentId, content, HIGH_FLOW_RE, from, to).filter(inWindow), m.span.begin)
        : null);
    // "5 mg albuterol and 0.5 mg ipratropium via nebulizer": one route said once covers both; not one the drug is never given
    // by ("aspirin, oxygen, and the fluid bolus": the oxygen runs into no vein; "placed on NC at 4 L, gave aspirin": no cannula).
    // A CPAP is said in its own clause ("neb inline with CPAP"): oxygen's route there only, never shared nor counted.
    const said = routes.filter((r) => r.code !== 'CPAP');
    const single = new Set(said.map((r) => r.code)).size === 1 ? (said[0] ?? null) : null;
    const sharedRoute = single !== null && givenBy(m.name, single.code) ? single : null;
    const implied = IMPLIED_ROUTES[m.name] ?? (m.name === 'dextrose' && dextroseIntoAVein(content) ? 'IV' : undefined);
    const ownRoute = route ?? sharedRoute ?? (implied ? { code: implied, span: m.span } : null);
    const windowTimes = times.filter((t) => inWindow(t.span));
    const time = windowTimes[0] ?? (times.length === 1 ? times[0] : undefined) ?? null;
    out.push({
      name: m.name,
      mention: m.span,
      dose,
      route: ownRoute?.span ?? null,
      routeCode: ownRoute?.code ?? null,
      time: time?.span ?? null,
      clock: time?.clock ?? null,
    });
  });
  return out;
}

export function extractProcedures(segmentId: string, content: string): ProcedureFact[] {
  const out: ProcedureFact[] = [];
  if (!ANY_PROCEDURE.test(content)) return out;
  for (const [name, re] of PROC_RE) {
    const span = allMatches(segmentId, content, re, 0, content.length).find((s) => isCrewAction(content, s.begin));
    if (span) out.push({ name, mention: span });
  }
  return out;
}

import type { NarrativeElementCode } from '@medicdraft/contracts';
import {
  CONDITION_WORD_TABLE,
  facilityNamedInRunOn,
  firstContext,
  GUESS_WORDS,
  PEOPLE_NOT_CREW,
  STREET_SUFFIX,
  type EmsContextType,
  type EmsFacts,
  type EmsPhase,
  type Transcript,
  type ClinicalDocument,
  type VitalKind,
} from '@medicdraft/healthscribe-documents';
import type { TemplateDefinition, TemplateRule } from '../templates/template-definition.js';
import { CLOCK_TIME } from './call-timeline.js';
import { CHANGE_STATED } from './change-words.js';
import { ccLabelled, CHARTED_COMPLAINT_RE, COMPLAINT_RE } from './complaint-lexicon.js';
import { PHASE_OF_ELEMENT } from './element-phases.js';
import { saidAsNotCrew } from './not-crew-medications.js';
import { drivingSaidAroundResponse, drivingStated } from './response-and-handoff.js';

/** What the element checks look at: facts from the rules, the phase of each segment, the documents. */
export interface ElementContext {
  facts: EmsFacts;
  phases: ReadonlyMap<string, EmsPhase | null>;
  transcript: Transcript;
  clinicalDocument: ClinicalDocument;
  vitalsFullSet: readonly VitalKind[];
  /** Segments that re-measure vitals after a treatment began: they document the response to it. */
  reassessments?: ReadonlySet<string>;
}

/** A required element that is absent, as a prompt the provider resolves. */
export interface MissingElement {
  element: NarrativeElementCode;
  prompt: string;
  /** Segments the prompt is about (e.g. the medication without a dose); may be empty. */
  evidence: string[];
}

const VITAL_LABEL: Record<VitalKind, string> = {
  bp: 'BP',
  hr: 'HR',
  rr: 'RR',
  spo2: 'SpO2',
  gcs: 'GCS',
  glucose: 'blood glucose',
  temp: 'temperature',
  pain: 'pain score',
  etco2: 'EtCO2',
};

const has = (ctx: ElementContext, type: Parameters<typeof firstContext>[1]) => firstContext(ctx.facts, type) !== undefined;
/**
 * The line that closes the call as placed (the last one in the transport): the hand-off and the
 * patient's condition then are said there, in whatever words (the placement is learned, so it
 * does not depend on the hand-off being said in words a table knows).
 */
const closingLine = (ctx: ElementContext) => ctx.transcript.segments.findLast((s) => ctx.phases.get(s.id) === 'transport');
const CONDITION_SAID = new RegExp(String.raw`\b(?:${CONDITION_WORD_TABLE.join('|')})\b`, 'iu');
/** Reaching the destination, said in the transport: "on arrival", "when we got there", "at the ED". */
const AT_DESTINATION = /\b(?:(?:on|upon) arrival|when we (?:got|arrived) (?:there|at)|at the (?:hospital|ed|er|destination))\b/i;
/**
 * A change on reaching the hospital said of the patient: "by the time we got there she was more with it", "… the nausea had
 * resolved". The patient or a finding of theirs is what changed, said right after reaching there: not "the IV had stopped
 * running", "the rain had stopped", nor a time ("by the time we got there 0641 she had woken up" is the scene's arrival).
 */
const PATIENT_CHANGED_ON_REACHING = new RegExp(
  String.raw`\b(?:by the time|when) we (?:got|arrived) (?:there|at (?:the )?(?:hospital|ed|er|destination))[,\s]+` +
    String.raw`(?:(?:the )?(?:pt|patient)|she|he|(?:(?:his|her|the) )?(?:pain|nausea|vomiting|bleeding|shortness of breath|sob|` +
    String.raw`dizziness|confusion|symptoms?|rash|swelling|wheez\w*|breathing|colou?r|mentation|gcs|mental status|seizure))\b`,
  'i',
);
/**
 * Not the patient at the hand-off: the arrival on scene, how the patient had been before, or someone else's condition
 * ("on arrival at the scene he was alert", "fire had him stable", "his daughter was stable enough to drive").
 */
const NOT_AT_HANDOFF = /\b(?:scene|had been|our arrival|daughter|son|wife|husband|mother|father|mom|dad|family|fire|police|bystanders?)\b/i;
/** "On arrival she remained on CPAP, alert and oriented": how the patient was on reaching the hospital, said in the transport. */
const conditionOnArrival = (ctx: ElementContext) => {
  const transportAt = ctx.transcript.segments.findIndex((s) => ctx.phases.get(s.id) === 'transport');
  // Said after the transport began, a change on reaching the hospital may be placed with the treatment it answers.
  const afterTransport = (s: { id: string }, i: number) =>
    ctx.phases.get(s.id) === 'transport' || (transportAt >= 0 && i > transportAt && ctx.phases.get(s.id) === 'treatment');
  return ctx.transcript.segments.some(
    (s, i) =>
      afterTransport(s, i) &&
      !NOT_AT_HANDOFF.test(s.content) &&
      ((AT_DESTINATION.test(s.content) && CONDITION_SAID.test(s.content)) ||
        (PATIENT_CHANGED_ON_REACHING.test(s.content) && CHANGE_STATED.test(s.content))),
  );
};
/**
 * Readings said with when they were taken before the hand-over ("en route BP 110/70 … care to RN", "initial BP 80/40 on scene"),
 * are not the condition at the hand-over.
 */
const READINGS_BEFORE_HANDOFF =
  /\b(?:en ?route|on the way|during (?:the )?transport|initial(?:ly)?|first|prior|before|earlier|on scene|at (?:the )?scene)\b/i;
/** A mean arterial pressure, read on the drips an interfacility patient hands over with ("MAP 71 on 12 of levo"). */
const MAP_READING = /\bmap (?:of |was |is )?\d{2,3}\b/i;
/**
 * "At transfer HR 132, RR 22, sats 97", "handed over to the MICU team at 2352, MAP 71": readings said in the line that hands the
 * patient over are the patient's condition then. A line with readings and no hand-off ("En route BP 124/80") is not.
 */
/**
 * When the readings were taken, said as the next piece of a run-on line: "care to rn report given hr 88 | on scene" dates the
 * reading to the scene.
 */
const DATED_NEXT = /^[,\s]*(?:on scene|at (?:the )?scene|en ?route|on the way|initial(?:ly)?|prior|earlier|before)\b/i;
const readingsAtHandOff = (ctx: ElementContext) =>
  ctx.transcript.segments.some(
    (s, i, all) =>
      ctx.phases.get(s.id) === 'transport' &&
      ctx.facts.context.some((c) => c.type === 'TRANSFER_OF_CARE' && c.span.segmentId === s.id) &&
      !NOT_AT_HANDOFF.test(s.content) &&
      !READINGS_BEFORE_HANDOFF.test(s.content) &&
      !DATED_NEXT.test(all[i + 1]?.content ?? '') &&
      (ctx.facts.vitals.some((v) => v.name.segmentId === s.id && /[1-9]/.test(v.value)) || MAP_READING.test(s.content)),
  );
/**
 * A place named in the transport: "to" and a capitalised name ("flown to Vale Memorial", "to Hôpital
 * Saint-Jérôme"), not a person or a unit ("to Dr. Nowak", "to ICU", "to Medic 6").
 */
const NAMED_PLACE =
  /\bto\s+(?:the\s+)?(?!(?:Dr|Doctor|Nurse|RN|Medic|Engine|Rescue|ED|ER|ICU|EMS|PD|FD|EMT|Mr|Mrs|Ms|Sr|Sra)\b)\p{Lu}[\p{L}'’.-]+/u;
/**
 * A place the patient goes to as a habit, not this call's destination, however the line was placed: "The group home takes him to
 * County Hospital for his labs every month".
 */
const HABITUAL = /\b(?:every|each) (?:day|week|month|year|morning|night|other)\b|\b(?:usually|weekly|monthly|normally)\b/i;
/** Words a receiving facility's name ends with ("eastside general", "regional trauma center", "northgate medical"). */
const FACILITY_WORDS = ['general', 'medical', 'memorial', 'regional', 'hospital', 'center', 'centre', 'clinic', 'infirmary'];
const FACILITY = `(?:${FACILITY_WORDS.join('|')})`;
/** How the ambulance was driven, said before "to": "transported without lights to", "with lights and sirens to", "code 3 to". */
const DRIVEN_HOW = [String.raw`(?:with(?:out)?|no)\s+(?:lights|sirens?)(?:\s+(?:and|or|&)\s+sirens?)?`, String.raw`code\s+[1-3]`];
/** Saying who or how before "to": "take her emergent to", "transported routine to", "load and go to". */
const TAKEN_HOW =
  String.raw`(?:(?:her|him|them|the (?:patient|pt)|pt|patient)\s+)?` +
  String.raw`(?:(?:emergent(?:ly)?|non[- ]?emergent(?:ly)?|routine|hot|cold|${DRIVEN_HOW.join('|')})\s+)*`;
/**
 * Taking the patient to a place, in any line and in the lowercase words of a run-on: a transport verb and "to" with a name that
 * is not the ED, a room or a bed ("transported routine to providence"), or the crew going with a facility's name ("we take her
 * emergent to eastside general", "load and go to regional trauma center"). Not "took her to the bathroom", "go to sleep".
 */
/**
 * Words after "transported to" that are no facility's name: a place in or out of the hospital, the crew's cot, whose place
 * ("our stretcher", "her bed"), or a facility left unnamed ("nearest appropriate facility", "receiving facility").
 */
const NOT_A_FACILITY = [
  ...['ed', 'er', 'ct', 'cath', 'floor', 'room', 'stretcher', 'ambulance', 'truck', 'unit', 'bed', 'bay', 'scene', 'house'],
  ...['home', 'car', 'hospital', 'icu', 'emergency', 'cot', 'stair', 'gurney', 'rig', 'medic', 'triage', 'waiting', 'labor'],
  ...['trauma', 'xray', 'x-ray', 'radiology', 'resus', 'resuscitation', 'our', 'his', 'her', 'their', 'its', 'nearest'],
  ...['closest', 'receiving', 'appropriate', 'local', 'area', 'facility', 'destination', 'same', 'another', 'other'],
  // A department within the hospital: "transported to pediatrics", "to L&D".
  ...['pediatrics', 'peds', 'maternity', 'obstetrics', 'psych', 'psychiatry', 'behavioral', 'dialysis', 'surgery', 'cardiology'],
  ...['oncology', 'telemetry', 'tele', 'step', 'ward', 'department', 'dept', 'fast', 'urgent'],
  // Why it was driven so, not where to: "transported without lights to let her sleep", "… to avoid jarring the hip".
  ...['sleep', 'rest', 'let', 'allow', 'avoid', 'keep', 'minimize', 'minimise', 'reduce', 'prevent', 'limit'],
];
const TAKEN_TO_FACILITY = new RegExp(
  String.raw`\btransport(?:ed|ing)?\s+${TAKEN_HOW}to\s+(?!(?:the\s+)?(?:${NOT_A_FACILITY.join('|')})\b)(?:the\s+)?\p{L}{3,}` +
    // The crew's going: after "we", "I" or "and"/"then"/"so" ("… stroke alert and go to northgate medical"), not "the group
    // home takes him to County Hospital every month".
    String.raw`|(?<=\b(?:we|i|and|then|so)\s+)(?:take|took|go|went|headed|drove)\s+${TAKEN_HOW}to\s+(?:the\s+)?` +
    String.raw`(?:(?!the\b)[\p{L}'’.-]+\s+){1,3}${FACILITY}\b`,
  'iu',
);
const inPhase = (ctx: ElementContext, phase: EmsPhase, re?: RegExp) =>
  ctx.transcript.segments.some((s) => ctx.phases.get(s.id) === phase && (re === undefined || re.test(s.content)));
const HOUR_WORD = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight|\d{1,2})`;
const MINUTE_WORD = [
  ...['oh', 'o', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
  ...['thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty'],
].join('|');
/** A time of day said the way people say it: "quarter past six", "half past two", "seven o'clock", "6:15 am". */
const SPOKEN_CLOCK = new RegExp(
  String.raw`\b(?:(?:a )?quarter (?:past|after|to|till|of)|half past|(?:five|ten|twenty) (?:past|after|to|till))\s+${HOUR_WORD}\b` +
    String.raw`|\b${HOUR_WORD}\s+o'?clock\b|\b\d{1,2}(?::[0-5]\d)?\s*(?:a\.?m\b|p\.?m\b)` +
    // "two fourteen pm", "seven forty five p m": the hour and minutes in words, then the half of the day.
    String.raw`|\b${HOUR_WORD}(?:[\s-]+(?:${MINUTE_WORD})){0,3}\s+[ap]\.?\s?m\b`,
  'i',
);
/**
 * A time said in words right after the dispatch verb ("dispatched at two fifteen", "toned out at three oh five."), the way run-on
 * dictations say every time. Only there, and only where the time ends the clause or the call's words go on: the same words said
 * elsewhere are house numbers ("the house at six forty Rosewood"), a weight or a clock time of the history.
 */
const spokenTimeInPhase = (ctx: ElementContext, phase: EmsPhase) =>
  ctx.transcript.segments.some((s) => ctx.phases.get(s.id) === phase && DISPATCH_SPOKEN_TIME.test(s.content));
/** A time in the phase: parsed by the time rules, or a clock time written or said in a line of that phase ("M6, 0402, …"). */
const timeInPhase = (ctx: ElementContext, phase: EmsPhase) =>
  ctx.facts.times.some((t) => ctx.phases.get(t.span.segmentId) === phase) ||
  inPhase(ctx, phase, CLOCK_TIME) ||
  inPhase(ctx, phase, SPOKEN_CLOCK) ||
  spokenTimeInPhase(ctx, phase);
const contentOf = (ctx: ElementContext, segmentId: string) => ctx.transcript.segments.find((s) => s.id === segmentId)?.content ?? '';
const anySegment = (ctx: ElementContext, re: RegExp) => ctx.transcript.segments.some((s) => re.test(s.content));

/** Where a limb's pulse is felt: "radial pulse absent" says nothing of the heart. */
const LIMB_PULSE = [
  'radial',
  'pedal',
  'distal',
  'femoral',
  'brachial',
  'pedis',
  'tibial',
  'hand',
  'foot',
  'arm',
  'leg',
  'finger',
  'toe',
].join('|');
/**
 * Every age the dictation states is under 3 years ("2 y/o", "7-month-old"); a mother and her newborn are not, and a child
 * named as someone's ("her 2 year old grandson", "with her 6 month old infant") is not the patient.
 */
function youngerThanThree(ctx: ElementContext): boolean {
  const said = (c: { span: { segmentId: string; begin: number } }) =>
    contentOf(ctx, c.span.segmentId).slice(Math.max(0, c.span.begin - 12), c.span.begin);
  const ages = ctx.facts.context
    .filter((c) => c.type === 'PATIENT_AGE' && !/\b(?:her|his|their|my|our|whose)\s+$/i.test(said(c)))
    .map((c) => /^(\d+(?:\.\d+)?)\s*(year|month|week|day)/i.exec(c.value));
  // A birth in the call ("the baby is 2 days old", "delivered a girl"): the mother is the patient asked for a pressure.
  if (anySegment(ctx, BIRTH)) return false;
  const years = ages.map((m) => (m ? Number(m[1]) / ({ year: 1, month: 12, week: 52, day: 365 }[m[2]!.toLowerCase()] ?? 1) : Infinity));
  return years.length > 0 && years.every((y) => y < 3);
}
const BIRTH = /\b(?:deliver\w*|labou?r|postpartum|post-partum|pregnan\w*|gravida|contractions|newborn)\b/i;
/** Circulation came back: the patient has vitals again. */
const ROSC = /\b(?:rosc|return of (?:spontaneous )?circulation|regained (?:a )?pulse)\b/i;
/** A vital the crew states is absent, as a resuscitation charts it. */
const ABSENT_VITALS: ReadonlyArray<readonly [VitalKind, RegExp]> = [
  [
    'bp',
    /\b(?:no (?:palpable |obtainable )?(?:bp|blood pressure)|(?:bp|blood pressure) (?:not obtainable|unobtainable|absent|not palpable))\b/i,
  ],
  // Not a limb's pulse ("right hand pulseless", "pedal pulses absent") and not a pulse deficit.
  [
    'hr',
    new RegExp(
      String.raw`(?<!\b(?:${LIMB_PULSE})\s)\b` +
        String.raw`(?:pulseless|no (?:(?:palpable|carotid|femoral|detectable) )?(?:pulse(?! deficit)|heart rate)|pulses? absent|` +
        String.raw`(?:hr|heart rate|pulse) (?:of )?0)\b`,
      'i',
    ),
  ],
  [
    'rr',
    // Not "sleep apnea", not "no breathing difficulty"; "not breathin'" is the word with its final g dropped.
    new RegExp(
      // "no resp effort", "no respiratory effort": no breath taken at all.
      String.raw`\b(?:apneic|(?<!sleep\s)apnea|apnoeic|no respirations|no spontaneous respirations|` +
        String.raw`no (?:resp|respiratory|breathing) effort` +
        String.raw`|(?:rr|resps?|respirations) (?:of )?0)\b` +
        String.raw`|\b(?:not|no) breathin(?:g(?!\w)|'|(?![\w']))(?! (?:difficulty|problems?|trouble|hard))`,
      'i',
    ),
  ],
  ['spo2', /\b(?:spo2|sats?|pulse ox)\b[^.;]{0,20}\b(?:no reading|not obtainable|unobtainable|unable to obtain|no waveform)\b/i],
];

/**
 * Someone else finding the patient so ("his daughter found him pulseless and apneic", "the caller found her not breathing"): what
 * the family saw before the crew came, not a reading the crew charts.
 */
const FOUND_BY_OTHERS = new RegExp(String.raw`\b(?:${PEOPLE_NOT_CREW.join('|')})\s+(?:had\s+)?found\b[^.;]{0,60}$`, 'i');
/**
 * A vital charted absent by the crew: said in some line, not as what someone else found (read with the end of the line before,
 * as a run-on dictation may be split between "daughter" and "found him"), nor as the call's nature ("dispatched for an
 * unresponsive male not breathing" is what the caller said).
 */
const absenceCharted = (ctx: ElementContext, re: RegExp) =>
  ctx.transcript.segments.some((s, i, all) => {
    const m = re.exec(s.content);
    if (m === null || ctx.phases.get(s.id) === 'dispatch') return false;
    return !FOUND_BY_OTHERS.test(`${(all[i - 1]?.content ?? '').slice(-40)} ${s.content.slice(0, m.index)}`);
  });

/**
 * The rate the crew set on the ventilator ("AC 16", "SIMV 12", "vent rate 14") is the patient's
 * respiratory rate while ventilated. The mode names are matched in capitals only: "R AC" is a vein.
 */
const VENT_RATE = new RegExp(
  String.raw`\b(?:AC|A\/C|SIMV|PRVC)\s+(?:rate\s+)?(?:of\s+)?\d{1,2}\b(?![.\d/])(?!\s*(?:g|ga|gauge|ml|mL|cc)\b)` +
    String.raw`|\b[Vv]ent(?:ilator)?\s+rate\s+(?:of\s+)?\d{1,2}\b`,
);
/** Only on a line about the ventilator: "L AC 18 gauge" is a vein, "home CPAP, AC 12 at night" no rate of this call. */
const VENTILATOR_LINE = /\b(?:vent|ventilator|PEEP|TV|tidal volume|FiO2)\b/i;
/**
 * The rate the crew bags at, said per minute: "we were bagging him at 10 a minute", "ventilating with BVM at 12 per minute",
 * "BVM at a rate of 10/min". The breaths the patient gets are the crew's; the rate must be said with its minute, so "bagged him
 * for 10 minutes" is no rate.
 */
const BAGGED_RATE = new RegExp(
  String.raw`\b(?:bagg(?:ed|ing)|ventilat(?:ed|ing)|bvm)\b` +
    // Nothing between but words of the bagging: not a heart or pacing rate said after it ("BVM, pacing at 70 per minute").
    String.raw`(?:(?!\b(?:pulse|hr|heart|pac\w*|paced|compressions?|cpr|capture)\b)[^.;,]){0,30}?` +
    String.raw`\bat\s+(?:a\s+rate\s+of\s+)?\d{1,2}\s*(?:(?:breaths?\s+)?(?:a|per)\s+min(?:ute)?|\/\s*min(?:ute)?)\b`,
  'i',
);

/**
 * Rhythms the monitor shows at a rate (not v-fib, asystole or PEA, which have none to count). Not a paced rhythm: the
 * rate said with it ("paced rhythm at 60") is the pacer's setting, not a pulse counted.
 */
const RATE_RHYTHMS = [
  String.raw`sinus(?: (?:tach\w*|brady\w*|rhythm))?`,
  String.raw`(?:a-?|atrial )(?:fib\w*|flutter)`,
  String.raw`a-?flutter`,
  'svt',
  'rvr',
  String.raw`junctional(?: rhythm)?`,
  String.raw`(?:narrow|wide)[- ]complex tach\w*`,
  String.raw`v-?tach`,
].join('|');
/** Units and signs after a number that make it another value than a pulse ("sats of 94%", "pressure of 88/50"). */
const NOT_A_PULSE = [
  ...['percent', 'over', 'out of', 'joules', 'j', 'mg', 'mcg', 'ml', 'cc', 'l', 'liters?', 'lpm', 'units?', 'kg', 'lbs?'],
  ...['mmhg', 'degrees', 'minutes?', 'mins?', 'seconds?', 'hours?', 'years?', 'y/?o', 'yo', 'cm', 'mm', 'g', 'gauge', 'ga'],
  ...['leads?', 'months?', 'weeks?', 'days?', 'mph', 'feet', 'ft', String.raw`y\.\s*o\b\.?`],
].join('|');
/**
 * "A-fib with RVR in the 170s", "sinus tach at 118", "SVT with a rate of 210": a rhythm said with its rate right after
 * it gives the heart rate. Only a bare number of two or three digits: a clock time ("noted at 1412"), an energy ("at
 * 200 joules"), a saturation or a pressure ("sinus rhythm with sats of 94", "a-fib with a pressure of 88/50") is none.
 */
const RHYTHM_RATE = new RegExp(
  String.raw`\b(?:${RATE_RHYTHMS})\s+(?:(?:at|of|(?:with |at )?(?:a )?rate(?: of)?)\s+(?:about |around )?\d{2,3}|in the \d{2,3}s)` +
    String.raw`\b(?![.,]\d)(?!\s*(?:[/%:-]|(?:${NOT_A_PULSE})\b))`,
  'gi',
);
/** A rhythm of the history, not of this call: "history of afib in the 90s", "diagnosed with a-flutter at 60". */
const RHYTHM_IN_HISTORY = /\b(?:history|hx|pmh|diagnosed|dx)\b[^.;]*$/i;
/** A sentence about an electrical therapy, whose numbers are energies or settings ("cardioversion for SVT at 100"). */
const ELECTRICAL_THERAPY = /\b(?:cardiover\w*|shock\w*|defib\w*|pac(?:ed|ing|er)|joules?)\b/i;
const rhythmRate = (content: string) =>
  !ELECTRICAL_THERAPY.test(content) && [...content.matchAll(RHYTHM_RATE)].some((m) => !RHYTHM_IN_HISTORY.test(content.slice(0, m.index)));

/** How each vital is named when the crew says it was not taken. */
const VITAL_NAMES: ReadonlyArray<readonly [VitalKind, readonly string[]]> = [
  ['bp', ['bp', 'blood pressure', 'pressure']],
  ['hr', ['pulse', 'heart rate', 'hr']],
  ['rr', ['respirations', 'resps', 'respiratory rate', 'rr', 'resp rate']],
  ['spo2', ['spo2', 'sats?', 'pulse ox', 'o2 sat']],
];
/** Saying a vital was not taken, before its name ("we didn't do a blood pressure", "skipped the BP"). */
const NOT_TAKEN_BEFORE = [
  String.raw`(?:did ?n[o']?t|could ?n[o']?t|unable to|not able to|wasn't able to|were unable to|never)` +
    String.raw` (?:do|get|take|obtain|measure|check)`,
  'skipped',
  'deferred',
  'held off on',
];
/** Saying it after the name ("BP not obtained", "sat unobtainable"). */
const NOT_TAKEN_AFTER = [
  'not obtained',
  'not taken',
  'not done',
  'deferred',
  'unobtainable',
  'not obtainable',
  'unable to obtain',
  'unable to read',
  'not reading',
  'no reading',
  String.raw`could ?n[o']?t be (?:obtained|taken|read)`,
  // "sats wouldn't pick up", "pulse ox would not register": the probe found nothing to read. Not "didn't show any change",
  // "pulse didn't pick up" (did not rise) or "would not register any improvement" (did not change).
  String.raw`(?:(?:would|could) ?n[o']?t|won'?t) (?:read|pick (?:it )?up|register|get a reading)` +
    String.raw`(?!\s+(?:any|a change|change|improvement|after)\b)`,
];
/**
 * Why a pressure was left out, said right after "no bp": a reason word ("because she was fighting the cuff", "since the cuff would
 * not fit") or a child under four ("no bp she is three"), too young for a cuff. Not an older age, a count or a time ("no bp he is
 * 67", "she is 1 of 3 patients", "since 1400", "since he was loaded"), nor a finding ("she is hot"): a bare "no bp" stays asked.
 */
const PRESSURE_LEFT_OUT_WHY =
  String.raw`(?:because|due to|since\s+the\s+cuff` +
  String.raw`|(?:she|he|pt|patient)(?:['’]s|\s+is)\s+(?:only\s+)?(?:[1-3]|one|two|three)(?![\d.:/])` +
  String.raw`(?!\s*(?:of|out|and|or|times|x|patients?|pts|kids?|children|people|adults?|` +
  String.raw`cm|inches|feet|ft|pounds?|lbs?|kg|blocks?|miles?|drinks?|hundred)\b))`;
const ANY_VITAL_NAME = `(?:${VITAL_NAMES.flatMap(([, names]) => names).join('|')})`;
/**
 * A vital the crew documents as not taken, with or without its reason: a reviewer counts it as
 * documented (the chart says why it is absent), so it is not prompted for.
 */
const NOT_TAKEN_VITALS: ReadonlyArray<readonly [VitalKind, RegExp]> = VITAL_NAMES.map(([kind, names]) => {
  const name = `(?:${names.join('|')})`;
  return [
    kind,
    new RegExp(
      String.raw`\b(?:(?:${NOT_TAKEN_BEFORE.join('|')})\s+(?:(?:a|an|the|his|her|any)\s+)?${name}` +
        // "BP and sat could not be obtained": each of the vitals named together.
        String.raw`|(?:${ANY_VITAL_NAME}\s+(?:and|&)\s+)?${name}(?:\s+(?:and|&)\s+${ANY_VITAL_NAME})?` +
        String.raw`\s+(?:was\s+|were\s+)?(?:${NOT_TAKEN_AFTER.join('|')})` +
        (kind === 'bp' ? String.raw`|no\s+${name}\s*[,;]?\s+${PRESSURE_LEFT_OUT_WHY}` : '') +
        String.raw`)\b`,
      'i',
    ),
  ] as const;
});

/** What a dispatch line says besides the nature: call signs, times and the dispatch words themselves. */
/** A unit's number said in words, as a recogniser writes it ("medic nine", "engine twenty two"). */
const UNIT_NUMBER_WORD = [
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen'],
  ...['fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy'],
  ...['eighty', 'ninety'],
].join('|');
const NOT_NATURE_WORDS = [
  String.raw`(?:medic|engine|rescue|ambulance|unit|truck|squad|ladder|[mer])\s?\d+`,
  String.raw`(?:medic|engine|rescue|ambulance|truck|squad|ladder)\s+(?:${UNIT_NUMBER_WORD})(?:[\s-]+(?:${UNIT_NUMBER_WORD}))?`,
  // Where the call is: "to 71 Beacon Hill Rd, apartment 5C".
  String.raw`(?:at|to)\s+\d{1,6}[a-z]?\s+(?:[\p{L}'’.-]+\s+){0,4}?(?:${STREET_SUFFIX})`,
  String.raw`(?:apartment|apt|suite|unit|room|lot)\s+\w+`,
  // A house number said after its street, and the floor, as a second-language speaker says where ("… Road number 15, second
  // floor"); the street's capitalised name is taken out before (STREET_THEN_NUMBER).
  String.raw`(?:number|nr\.?)\s*\d+`,
  String.raw`(?:first|second|third|fourth|fifth|ground|top|\d+(?:st|nd|rd|th))\s+floor`,
  ...['are', 'is', 'get', 'gets', 'call'],
  'at',
  String.raw`\d+`,
  String.raw`dispatch\w*`,
  'toned',
  'paged',
  'sent',
  'out',
  'called',
  'got',
  'were',
  'was',
  'around',
  'about',
  'and',
  // Filler and the crew themselves: "okay so we got toned out at 2314 …" says no nature.
  ...['okay', 'ok', 'alright', 'so', 'um', 'uh', 'we', 'us', 'our', 'this', 'the', 'then', 'just', 'like'],
  // The response said in the same line: "toned out … lights and sirens".
  String.raw`lights?(?: and sirens?)?`,
  String.raw`sirens?`,
  String.raw`code \d`,
  String.raw`(?:non[- ]?)?emergent(?:ly)?`,
];
const NOT_NATURE = new RegExp(String.raw`\b(?:${NOT_NATURE_WORDS.join('|')})\b`, 'giu');
/**
 * The address said as such, with where near it ("…, near the bus stop"), up to any other clause: "the address is Lindenstraße
 * behind the Bäckerei Jürgen, near the bus stop" says no nature; "…, for a fall", "…, 70 year old male chest pain", "… regarding
 * a seizure" are read.
 */
const NEAR_WORDS = ['near', 'behind', 'next to', 'across from', 'in front of', 'opposite', 'beside', 'by', 'close to', 'at the corner'];
const ADDRESS_SAID = new RegExp(
  String.raw`\b(?:the )?address (?:is|was)\s(?:[^.;,]|,(?=\s*(?:${NEAR_WORDS.join('|')})\b))*?` +
    String.raw`(?=\s(?:for|with|regarding|and)\b|[.;]|,(?!\s*(?:${NEAR_WORDS.join('|')})\b)|$)`,
  'giu',
);
/** Words of the arrival said in the line that opens the call ("Medic 3 to 412 Birch Lane, on scene 0805"): no nature either. */
const ARRIVAL_WORDS = /\b(?:on scene|arrived|arrival)\b/giu;
/**
 * What a unit does after the call ("Medic 5 on scene at 0805, found …", "M4 responding code 3", "Unit 12 was first due"):
 * the line that opens with it says no nature.
 */
const UNIT_AFTER_THE_CALL = [
  ...['on scene', 'on location', 'at scene', String.raw`arriv\w*`, String.raw`respond\w*`, 'en ?route', 'enroute', String.raw`was first`],
  ...['first due', 'found', String.raw`find\w*`, String.raw`perform\w*`, 'eta', String.raw`stag\w*`, String.raw`clear\w*`],
  ...['available', String.raw`return\w*`, 'back', String.raw`initiat\w*`, String.raw`assum\w*`],
];
/**
 * A line that opens with the unit's call sign ("M21 to MVC …", "medic 16 to the oaks …", "medic 6 got the call … for a lift
 * assist") is the dispatch, however it was placed; not one of what the unit did after the call.
 */
const CALL_SIGN_FIRST = new RegExp(
  String.raw`^\s*(?:medic|engine|rescue|ambulance|unit|truck|squad|ladder|[mer])\s?\d+\b(?!,?\s+(?:${UNIT_AFTER_THE_CALL.join('|')})\b)`,
  'i',
);
/** A word left that can say what the call is for: three letters or more, or a charted two-letter one ("SI", "OD", "CP"). */
const NATURE_WORD = { test: (rest: string) => /\p{L}{3,}/u.test(rest) || /\b(?!(?:AM|PM)\b)\p{Lu}{2}\b/u.test(rest) };
/**
 * An address said bare, without "at" or "to" ("Medic 3, 88 Kent St, dispatched 1410", "Medic 9, 0540, 77 Larkspur Ct."):
 * where, not what for. Only a street name in capitals, since without "at" the words could be the call's ("2 car MVC on Main St").
 */
const BARE_ADDRESS = new RegExp(String.raw`\b\d{1,6}[a-z]?\s+((?:[\p{L}'’.-]+\s+){1,4}?)(?:${STREET_SUFFIX})\b\.?`, 'giu');
/** Words that make a number and capitals the call, not a street: "2 Car MVC Main St", "1 Vehicle Rollover Hwy 9". */
const COUNTED_NATURE_WORDS = new Set(['car', 'cars', 'vehicle', 'vehicles', 'story', 'rollover', 'mvc', 'mva', 'patients', 'victims']);
const capitalised = (words: string) =>
  words
    .trim()
    .split(/\s+/)
    .every((w) => /^\p{Lu}/u.test(w) && !COUNTED_NATURE_WORDS.has(w.toLowerCase()));
/** Words that say what a call is for ("chest pain", "Overdose", "Fall Victim"): never part of a street's or a place's name. */
const NATURE_WORDS = [
  ...['pain', 'chest', 'fall', 'fallen', 'fell', 'bleeding', 'unconscious', 'unresponsive', 'seizure', 'seizing', 'breathing'],
  ...['sick', 'stroke', 'overdose', 'fainting', 'fainted', 'injury', 'injured', 'accident', 'crash', 'person', 'patient', 'man'],
  ...['woman', 'child', 'baby', 'male', 'female', 'diabetic', 'emergency', 'victim', 'cardiac', 'arrest', 'trauma', 'assault'],
  ...['psych', 'allergic', 'reaction', 'burn', 'burns', 'unknown', 'problem', 'difficulty'],
  ...['assist', 'lift', 'alarm', 'welfare', 'collapse', 'collapsed', 'down', 'choking', 'syncope'],
];
/** A word with its first letter in either case ("Road" or "road"). */
const capitalOrNot = (w: string) => `[${w[0]?.toUpperCase()}${w[0]}]${w.slice(1)}`;
/**
 * An interfacility transfer's route said in one line, "IFT: … Cedar Valley ER to Regional Heart Institute": the place after "to"
 * is where the patient went. Only on a line that names the transfer, and a place by its capitalised name (not "to Dr. Sato").
 */
const TRANSFER_NAMED = /\b(?:IFT|interfacility|inter-facility)\b/i;
/** "… ER to Regional …", "transferred to St. Anne": the place the transfer went, after where it left or the transfer itself. */
const TRANSFER_TO_PLACE = new RegExp(
  String.raw`\b(?:ER|ED|ICU|CCU|[Ff]loor|[Uu]nit|[Rr]oom \d+|[Bb]ed \d+|${FACILITY_WORDS.map(capitalOrNot).join('|')}|` +
    String.raw`[Tt]ransfer(?:red)?|[Tt]ransport(?:ed|ing)?)\s+to\s+(?:the\s+)?(?!(?:Dr|Doctor|RN|Our|Medical Control)\b)\p{Lu}`,
  'u',
);
const transferRouteSaid = (ctx: ElementContext) =>
  ctx.transcript.segments.some((s) => TRANSFER_NAMED.test(s.content) && TRANSFER_TO_PLACE.test(s.content));
/** Another crew a hand-off may go to on the way ("care to Medic 9 for intercept", "handed off to flight crew"). */
const OTHER_UNITS = ['medic', 'engine', 'rescue', 'unit', 'flight', 'ambulance', 'squad', 'truck', 'als', 'bls', 'air'];
/** A facility by its name: a saint's ("St. Luke's"), or capitalised words ending in a facility's word ("Mercy Regional"). */
const FACILITY_NAMED =
  String.raw`(?:(?:St\.?|Saint)\s+\p{Lu}[\p{L}'’.-]*|` +
  String.raw`(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:${FACILITY_WORDS.map(capitalOrNot).join('|')}))`;
/**
 * Where the hand-off happened, said first with its time: "At St. Luke's 1012, care to neuro ICU RN", "At Mercy Regional at 1012,
 * report to the charge RN". A facility by its name, not "ED", "Triage", a store or a street, and the hand-off to the facility's
 * staff, not to another crew ("care to Medic 9").
 */
const HANDED_OFF_AT_PLACE = new RegExp(
  String.raw`^\s*[Aa]t\s+${FACILITY_NAMED},?\s+(?:at\s+)?\d{3,4}\b[^.;]*?\b` +
    String.raw`(?:care (?:to|transferred to)|report (?:given )?to|handed off to|turned over to)\s+` +
    String.raw`(?!(?:${OTHER_UNITS.map(capitalOrNot).join('|')})\b)`,
  'u',
);
/**
 * The street named in capitals, then its house number ("to Kettering Road number 15"): where, not what for. Matched with case, so
 * a nature said first in lower case ("to chest pain Hollin Street number 22") stays.
 */
const STREET_THEN_NUMBER = new RegExp(
  String.raw`\b(?:at|to)\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}?(?:${STREET_SUFFIX.split('|').map(capitalOrNot).join('|')})\.?\s+` +
    String.raw`(?:number|nr\.?)\s*\d+`,
  'gu',
);
/** Words of what a call is for, never of a street's name: in lower case only these tell "to chest pain Hollin Street number 22". */
const NATURE_NOT_STREET = [...NATURE_WORDS, 'at', 'for', 'a', 'an', 'the'].join('|');
/** The same street said in lower case, as a recogniser writes it ("to kettering road number 15"): one or two words of its name. */
const STREET_THEN_NUMBER_LOWER = new RegExp(
  String.raw`\b(?:at|to)\s+(?:(?!(?:${NATURE_NOT_STREET})\b)[\p{L}'’.-]+\s+){1,2}?(?:${STREET_SUFFIX})\.?\s+(?:number|nr\.?)\s*\d+`,
  'giu',
);
/**
 * A place by its capitalised name and the street it is on: "out to the Kroger on Dumont Avenue", "at the Shell off Route 9 Road".
 * Matched with case, none of the name's words a nature ("to the Chest Pain Clinic on …" keeps it) nor in capitals ("to MVC on
 * Elm Street" is the call).
 */
const PLACE_ON_STREET = new RegExp(
  String.raw`(?<=\b(?:at|to)\s+)(?:the\s+)?(?:(?!(?:${NATURE_WORDS.map(capitalOrNot).join('|')})\b)\p{Lu}\p{Ll}[\p{L}'’.&-]*\s+){1,3}` +
    String.raw`(?:on|off|at)\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:${STREET_SUFFIX.split('|').map(capitalOrNot).join('|')})\b\.?`,
  'gu',
);
/** A dispatch line that says something besides who was sent and when ("M6, 0402, cardiac arrest"): the nature. */
const natureStated = (ctx: ElementContext) => {
  const opening = ctx.transcript.segments.find((s) => s.content.trim() !== '');
  return ctx.transcript.segments.some(
    (s) =>
      (ctx.phases.get(s.id) === 'dispatch' || (s === opening && CALL_SIGN_FIRST.test(s.content))) &&
      NATURE_WORD.test(
        s.content
          .replace(PLACE_ON_STREET, ' ')
          .replace(NAME_BEFORE_ADDRESS, ' ')
          .replace(NAMED_PLACE_OF_KIND, ' ')
          .replace(BARE_ADDRESS, (address, street: string) => (capitalised(street) ? ' ' : address))
          .replace(STREET_THEN_NUMBER, ' ')
          .replace(STREET_THEN_NUMBER_LOWER, ' ')
          .replace(ADDRESS_SAID, ' ')
          .replace(CLOCK_WORDS_SAID, ' ')
          .replace(NOT_NATURE, ' ')
          .replace(ARRIVAL_WORDS, ' '),
      ),
  );
};
/** The nature the rules read, unless all it says is a place named with its kind ("Elm Park playground" is where). */
const natureFact = (ctx: ElementContext) =>
  ctx.facts.context.some(
    (c) => c.type === 'DISPATCH_NATURE' && /\p{L}/u.test(` to ${c.value}`.replace(NAMED_PLACE_OF_KIND, ' ').replace(/\bto\b/g, ' ')),
  );
/** Kinds of place a call is sent to by name: "to Elm Park playground", "at Lincoln Elementary School". */
const PLACE_KINDS = [
  ...['playground', 'park', 'school', 'elementary', 'mall', 'church', 'library', 'gym', 'field', 'plaza', 'stadium'],
  // Where people live or are cared for: "to Willow Creek Care Center", "to Maple Grove Assisted Living".
  ...['center', 'centre', 'home', 'living', 'residence', 'apartments', 'manor', 'village', 'hotel', 'motel'],
];
/** Where by name: "to" or "at", capitalised words, and the kind of place; what the call is for is never said so. */
const NAMED_PLACE_OF_KIND = new RegExp(
  // None of the name's words a nature ("to Overdose Motel 6", "to Fall Victim Brookdale Senior Living" say what for).
  String.raw`(?<=\b(?:at|to)\s+)(?:the\s+)?(?:(?!(?:${NATURE_WORDS.map(capitalOrNot).join('|')})\b)\p{Lu}[\p{L}'’.-]*\s+){1,4}` +
    String.raw`(?:${PLACE_KINDS.map(capitalOrNot).join('|')})\b` +
    String.raw`(?:\s+(?:${PLACE_KINDS.map(capitalOrNot).join('|')})\b)?`,
  'gu',
);
/** A place's capitalised name before its address ("to Café Rosalía 310 Market Street"): where, not what for. */
const NAME_BEFORE_ADDRESS = /(?<=\b(?:at|to)\s+)(?:\p{Lu}[\p{L}'’.&-]*\s+){1,4}(?=\d{1,6}[a-z]?\s)/gu;

/** A part of a combination given on its own, again or held, or the patient's own ("repeated", "alone", "home inhaler"). */
const PART_GIVEN_APART = /\b(?:repeat\w*|again|held|hold|alone|home|later|second|another|not given)\b/i;
/**
 * A response mode said anywhere but right before "to" and the destination, in a line placed in the transport: "We called a
 * stroke alert and went hot to Bellhaven Comprehensive Stroke Center" is how the unit drove to the hospital, not to the call;
 * "We responded hot and then took her cold to Mercy Hospital" still says the response.
 */
const responseModeSaid = (ctx: ElementContext) =>
  ctx.facts.context.some(
    (c) =>
      c.type === 'RESPONSE_MODE' &&
      !(
        ctx.phases.get(c.span.segmentId) === 'transport' &&
        ctx.facts.context.some(
          (d) =>
            d.type === 'DESTINATION' &&
            d.span.segmentId === c.span.segmentId &&
            /^\s+to\s+(?:the\s+)?$/i.test(contentOf(ctx, c.span.segmentId).slice(c.span.end, d.span.begin)),
        )
      ),
  );
const isRefusal = (ctx: ElementContext) => has(ctx, 'REFUSAL');
/** Refused, or not transported for another reason (resuscitation terminated, released to the medical examiner). */
// A transport said anywhere wins over a cue that reads like the end of the call ("Transported to Regional … Scene
// turned over to PD for investigation").
export const notTransported = (ctx: ElementContext) =>
  (isRefusal(ctx) && !otherPatientTransported(ctx)) || (has(ctx, 'NO_TRANSPORT') && !transportSaid(ctx));
/** More than one patient on the call: "Pt 2", "patient two", "the second patient", "both patients", "2 pts". */
// Not a count said after "pt": "Pt 2 weeks post op", "assisted pt 2 puffs".
const MORE_THAN_ONE_PATIENT = new RegExp(
  String.raw`\b(?:pt|patient)\s*#?\s*(?:2|two|b)\b` +
    String.raw`(?!\s*(?:weeks?|wks?|months?|mos?|years?|yrs?|days?|hours?|hrs?|puffs?|doses?|times|x)\b)` +
    String.raw`|\b(?:second|2nd) (?:patient|pt)\b|\bboth (?:patients|pts)\b|\b(?:2|two|3|three) (?:pts|patients)\b`,
  'i',
);
/** A transport by someone else: police, another unit, the family's car ("transported by PD to County Jail", "drove her"). */
const TAKEN_BY_OTHERS = new RegExp(
  String.raw`\b(?:by (?:pd|police|law enforcement|private vehicle|pov|family|medic \d+|another unit|other unit)|drove` +
    String.raw`|in (?:her|his|their) (?:own )?car|see (?:their|his|her) chart)\b`,
  'i',
);
/**
 * One patient of several refused and another was taken: "Pt 2 refused tx/transport, signed AMA. Pt 1 transported to Regional
 * Trauma Center". A transport mode or destination said in a line that holds no refusal and no one else's transport, on a call
 * with more than one patient, keeps the transport's elements asked.
 */
const otherPatientTransported = (ctx: ElementContext) => {
  if (!ctx.transcript.segments.some((s) => MORE_THAN_ONE_PATIENT.test(s.content))) return false;
  const refusing = new Set(ctx.facts.context.filter((c) => c.type === 'REFUSAL').map((c) => c.span.segmentId));
  return ctx.facts.context.some(
    (c) =>
      (c.type === 'DESTINATION' || c.type === 'TRANSPORT_MODE') &&
      !refusing.has(c.span.segmentId) &&
      !TAKEN_BY_OTHERS.test(contentOf(ctx, c.span.segmentId)),
  );
};
/** A transport mode, or a destination said away from the line that ends the call ("no transport, care turned over to the deputy"). */
const transportSaid = (ctx: ElementContext) => {
  const ending = new Set(ctx.facts.context.filter((c) => c.type === 'NO_TRANSPORT').map((c) => c.span.segmentId));
  return has(ctx, 'TRANSPORT_MODE') || ctx.facts.context.some((c) => c.type === 'DESTINATION' && !ending.has(c.span.segmentId));
};
/**
 * Phases in which a medication named is not one the crew gave: taken before the call ("took two nitro at
 * home", "the school nurse gave her an EpiPen last year"), or given at the sending facility before
 * the crew arrived. Only the crew's own medications need a dose, route, time and response.
 */
const NOT_CREW_PHASES: ReadonlySet<EmsPhase | null> = new Set(['dispatch', 'arrival', 'history', 'chief_complaint', 'impression']);
const crewMedications = (ctx: ElementContext) =>
  givenByAnyone(ctx).filter((m) => !NOT_CREW_PHASES.has(ctx.phases.get(m.mention.segmentId) ?? null));
/**
 * Every medication but those said as the patient's own or as given by someone else ("meds albuterol MDI", "mom says she gave
 * him Tylenol"): in whatever phase such a line is placed, its drug was not given on this call by anyone who charts it.
 */
const givenByAnyone = (ctx: ElementContext) =>
  ctx.facts.medications.filter(
    (m) => !saidAsNotCrew(contentOf(ctx, m.mention.segmentId), m.mention.begin) && !oxygenReadAt(contentOf(ctx, m.mention.segmentId), m),
  );
/**
 * Words of oxygen the crew sets toward a saturation, not the read: "oxygen titrated to 94 percent", "increased oxygen to 100
 * percent", "oxygen goal 94 percent", "keep sats above 94 percent", "oxygen at 100 percent through the bag".
 */
const O2_CHANGE_STEMS = ['titrat', 'increas', 'decreas', 'wean'];
const O2_CHANGED = O2_CHANGE_STEMS.map((stem) => String.raw`${stem}\w*`);
const O2_SET_WORDS = [...O2_CHANGED, 'goal', 'target', 'keep', 'maintain', 'above', 'bag', 'vent', 'ventilator', 'collar', 'humidified'];
/**
 * "Oxygen" as the name of the saturation read: "oxygen is 93 percent", "his oxygen was 93 percent on room air", "oxygen level
 * 93", "oxygen we cannot read on the finger, … on the ear it is 93 percent". Not oxygen the crew gives: a flow, a device or a
 * giving word said with it ("on oxygen, sats 94 percent", "oxygen 15 L via NRB", "oxygen at 40 percent via venturi").
 */
const O2_GIVEN_WORDS = [
  'l',
  'liters?',
  'litres?',
  'lpm',
  'nc',
  'nrb',
  'nrm',
  'non-?rebreather',
  'bvm',
  'cpap',
  'cannula',
  'mask',
  'venturi',
  'fio2',
  'via',
  'by',
  ...O2_SET_WORDS,
];
const O2_GIVEN = `(?:${O2_GIVEN_WORDS.join('|')})`;
const OXYGEN_READ = new RegExp(
  String.raw`^(?:oxygen|o2)\b(?:\s+(?:level|reading|sat\w*)\s+(?:is\s+|was\s+|of\s+)?(?:[6-9]\d|100)\b|` +
    String.raw`(?:(?!\b${O2_GIVEN}\b)[^.;]){0,90}?\b(?:[6-9]\d|100)\s*(?:%|percent)(?![^.;]*\b${O2_GIVEN}\b))`,
  'i',
);
/** Words right before "oxygen" that give it: "put him on oxygen", "started supplemental oxygen". */
const O2_GIVEN_BEFORE = new RegExp(
  String.raw`\b(?:on|gave|give|given|started|applied|placed|put|with|via|of|some|supplemental|high[- ]flow|${O2_CHANGED.join('|')})\s+$`,
  'i',
);
function oxygenReadAt(line: string, m: { name: string; dose: unknown; time: unknown; mention: { begin: number } }): boolean {
  return (
    m.name === 'oxygen' &&
    m.dose === null &&
    m.time === null &&
    !O2_GIVEN_BEFORE.test(line.slice(0, m.mention.begin)) &&
    OXYGEN_READ.test(line.slice(m.mention.begin))
  );
}
/** A line that names the saturation "oxygen" (see `oxygenReadAt`), wherever the medication rules read it. */
const oxygenReadIn = (line: string) =>
  [...line.matchAll(/\b(?:oxygen|o2)\b/gi)].some((o) =>
    oxygenReadAt(line, { name: 'oxygen', dose: null, time: null, mention: { begin: o.index } }),
  );
const medicationGiven = (ctx: ElementContext) => ctx.facts.medications.length > 0;
const treatmentGiven = (ctx: ElementContext) => ctx.facts.medications.length > 0 || ctx.facts.procedures.length > 0;
/** Interventions stated in words the lexicons lack still put a sentence under Treatment. */
const treatmentStated = (ctx: ElementContext) => treatmentGiven(ctx) || has(ctx, 'NO_TREATMENT') || inPhase(ctx, 'treatment');
/**
 * A complaint said about the patient without "complains of": in the assessment or arrival, or as the
 * nature of the call ("dispatched for back pain", "paged for unresponsive diabetic"), which a reviewer
 * reads as the presenting problem unless the crew found otherwise.
 */
const COMPLAINT_PHASES: ReadonlySet<string> = new Set(['dispatch', 'chief_complaint', 'history', 'exam', 'arrival', 'impression']);
const complaintStated = (ctx: ElementContext) =>
  ctx.transcript.segments.some(
    (s) => COMPLAINT_PHASES.has(ctx.phases.get(s.id) ?? '') && (COMPLAINT_RE.test(s.content) || CHARTED_COMPLAINT_RE.test(s.content)),
  );

export function ruleApplies(rule: TemplateRule, ctx: ElementContext): boolean {
  switch (rule.when) {
    case 'always':
      return true;
    case 'if_medication_given':
      return medicationGiven(ctx);
    case 'if_treatment_given':
      return treatmentGiven(ctx);
    case 'if_transported':
      return !notTransported(ctx);
  }
}

/**
 * "wife says hes 58 he collapsed", "her son said she's 91, found …": someone not of the crew reports the patient's age, the
 * recogniser's "hes" for "he's". The number ends its clause or the next one starts with the patient; a number with words of
 * its own ("hes 6 feet tall", "he is 80 kilos", "2 blocks from home") is something else, and so is the speaker's own age.
 */
/** What a patient is, said right after an age reported of them: a diagnosis they live with, never a reading ("hypoxic"). */
const PATIENT_DIAGNOSES = ['schizophrenic', 'diabetic', 'epileptic', 'asthmatic', 'autistic', 'psychotic', 'bipolar'].join('|');
const AGE_REPORTED = new RegExp(
  String.raw`\b(?:${PEOPLE_NOT_CREW.join('|')})\s+(?:says|said|states|stated|reports|reported|tells us|told us)\s+` +
    // Or its next words say who the patient is ("family says hes 24 schizophrenic", "… she's 80 diabetic").
    String.raw`(?:he|she)(?:['’]?s|\s+is)\s+(?:1[01]\d|\d{1,2})(?![\d.,]\d)` +
    String.raw`(?=\s*(?:[,.;]|$|\s+(?:he|she|and|years?|male|female|man|woman|guy|lady|${PATIENT_DIAGNOSES})\b))` +
    // "the caller says he is 45 he is the neighbor": the speaker's own age.
    String.raw`(?!\s+(?:he|she)(?:['’]?s|\s+is)\s+(?:the|a|an|his|her|their)\s+(?:${PEOPLE_NOT_CREW.join('|')})\b)` +
    // "caller says he is 40 he lives next door": where the speaker lives or works is said of the speaker.
    String.raw`(?!\s+(?:he|she)\s+(?:lives|lived|works|stays)\b)`,
  'i',
);

/**
 * "says he is 31 used heroin", "he says hes 24 no allergies": the patient's own age, said run on, the next clause opening with
 * what they used or took, or with the history ("no allergies"). Not a number the next words belong to ("9 no better", "2 drinks").
 */
const AGE_SAID_OF_SELF = new RegExp(
  // Eleven or more: "says he is 3 denies pain", "says she is 8 took a fall" is a pain score said run on.
  String.raw`\b(?:says|said|states|stated)\s+(?:he|she)(?:['’]?s|\s+is)\s+(?:1[01]\d|[2-9]\d|1[1-9])\s+` +
    String.raw`(?:used|uses|using|took|takes|denies|no (?:allergies|known|medical|history|meds|medications|pmh))\b`,
  'i',
);

/** The first medication's mention, in dictation order. */
function firstMedication(ctx: ElementContext): { index: number; end: number } | null {
  const order = new Map(ctx.transcript.segments.map((s, i) => [s.id, i]));
  let best: { index: number; end: number } | null = null;
  for (const m of ctx.facts.medications) {
    const index = order.get(m.mention.segmentId) ?? Infinity;
    if (best === null || index < best.index || (index === best.index && m.mention.end < best.end)) best = { index, end: m.mention.end };
  }
  return best;
}

/**
 * Some line at or after the first medication (in the same line: after its mention) says what changed;
 * a transport line's "unchanged" is the condition at the hand-off, a separate element.
 */
function changeStatedAfterTreatment(ctx: ElementContext): boolean {
  const first = firstMedication(ctx);
  if (first === null) return false;
  return ctx.transcript.segments.some((s, i) => {
    if (i < first.index || ctx.phases.get(s.id) === 'transport') return false;
    const after = i === first.index ? s.content.slice(first.end) : s.content;
    return CHANGE_STATED.test(after) || (i === first.index && readingAtLaterTime(after));
  });
}

/**
 * "D10 250 mL IV started 0712; 0721 pt A&Ox4, BGL 141": a second clock time in the drug's own line, later than the first
 * and within three hours, followed by a reading of the patient that is not the baseline ("1408 BP 150/90 before the nitro").
 */
const READING_AT_TIME = new RegExp(
  String.raw`(?:^|[;,.]\s*)(?:at\s+)?((?:[01]\d|2[0-3])[0-5]\d)\s*[:,-]?\s*(?:(?:pt|patient|he|she)\s+(?:is\s+|was\s+)?)?` +
    String.raw`(?:a&ox?\d?|aox\d?|alert|awake|oriented|bgl|glucose|blood sugar|bp|hr|heart rate|gcs|spo2|sats?|pain)\b([^;.]*)`,
  'gi',
);
const GIVEN_AT = /(?<![\d.:/])((?:[01]\d|2[0-3])[0-5]\d)(?![\d.:/])/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(2));
function readingAtLaterTime(after: string): boolean {
  const given = GIVEN_AT.exec(after);
  if (given?.[1] === undefined) return false;
  const at = minutesOf(given[1]);
  return [...after.slice(given.index + given[0].length).matchAll(READING_AT_TIME)].some((m) => {
    const gap = (minutesOf(m[1] ?? '0000') - at + 1440) % 1440;
    return gap > 0 && gap <= 180 && !/\b(?:before|prior|pre)\b/i.test(m[2] ?? '');
  });
}

/** A time said in words after "at" ("at twelve forty-eight", "at oh nine fifteen"). */
const HOUR_WORDS = 'oh|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen';
const HOUR_WORDS_LATE = 'eighteen|nineteen|twenty|twenty-one|twenty-two|twenty-three';
const SPOKEN_TIME = new RegExp(
  String.raw`\bat\s+(?:${HOUR_WORDS}|${HOUR_WORDS_LATE})(?:[\s-]+(?:oh|hundred|${HOUR_WORDS}|twenty|thirty|forty|fifty)(?:-\w+)?)+\b`,
  'i',
);

/**
 * A clock time in words said whole, as a time and nothing else: the hour and then its minutes ("fourteen twenty", "four thirty",
 * "twenty one forty five", "two oh five"), or four digits that open with zero ("zero two one two", "oh three fifteen"). Digits
 * read out one by one without the zero ("two one five", "four four two"), a lone pair ("one one", "twenty two") or a hundred
 * ("one hundred") are a unit, a call or a house number as often as a time.
 */
const DIGIT_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)';
const MINUTES_IN_WORDS =
  String.raw`(?:(?:oh|zero)[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen` +
  String.raw`|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)`;
const CLOCK_IN_WORDS =
  String.raw`(?:(?:zero|oh)[\s-]+${DIGIT_WORD}[\s-]+(?:${MINUTES_IN_WORDS}|(?:zero|oh|one|two|three|four|five)[\s-]+${DIGIT_WORD})` +
  String.raw`|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen` +
  String.raw`|nineteen|twenty(?:[\s-]+(?:one|two|three))?)[\s-]+${MINUTES_IN_WORDS})\b`;
/** A clock time said in words in a dispatch line ("dispatched at zero one zero five"): when, not what for (`natureStated`). */
const CLOCK_WORDS_SAID = new RegExp(CLOCK_IN_WORDS, 'gi');
/** The crew as the one called: "we get called", "medic 6 was called"; not "medical control was called", "ALS was called". */
const CREW_CALLED = String.raw`(?:we|i|(?:the )?crew|(?:medic|unit|ambulance|rescue|squad|engine|truck) \d+)\s+(?:get|got|were|was)\s+`;
/** A guess said before a time: "at like two fifteen", "at about four thirty". */
const TIME_HEDGES = ['like', ...GUESS_WORDS];
/** The part of the day said after a time in words: "two fifteen in the afternoon", "four thirty tonight". */
const PART_OF_DAY = String.raw`(?:\s+(?:in the (?:morning|afternoon|evening)|at night|this (?:morning|afternoon|evening)|tonight))?`;
/**
 * A dispatch verb, a time in words right after it, then the clause's end or the call's words ("… for a fall"), never a street.
 * Right after the verb "at" may be left out ("dispatched zero two one two for an unresponsive") when the words are a clock time
 * said whole; any number words after "at" are when. Or the time said first, hedged, with the crew called right after it.
 */
const DISPATCH_SPOKEN_TIME = new RegExp(
  // "we get called at like two fifteen": the crew called, never "his daughter called at two fifteen".
  String.raw`\b(?:dispatched|toned out|paged(?: out)?|sent(?: out)?|called out|(?<=\b${CREW_CALLED})called)\s+` +
    String.raw`(?:at\s+(?:${TIME_HEDGES.join('|')})\s+)?` +
    String.raw`(?:${SPOKEN_TIME.source.replace(/^\\b/, '')}|${CLOCK_IN_WORDS})` +
    // The part of the day may follow: "at two fifteen in the afternoon for a fall".
    PART_OF_DAY +
    String.raw`(?=\s*(?:[,.;:]|$|\s(?:for|to|with|code|lights|emergent|non-?emergent)\b))` +
    // Or said first, hedged, with the crew called right after it: "so around two fifteen in the morning we got called to …".
    String.raw`|\b(?:around|about|at|approximately)\s+(?:like\s+)?(?:${CLOCK_IN_WORDS})` +
    PART_OF_DAY +
    String.raw`,?\s+` +
    String.raw`${CREW_CALLED}(?:called|dispatched|toned out|paged)\b`,
  'i',
);

/** The medication's own line states a time after its mention (a clock time after the route, or a time in words). */
function timeStatedAfter(ctx: ElementContext, m: EmsFacts['medications'][number]): boolean {
  const content = contentOf(ctx, m.mention.segmentId);
  // Not a time that opens the clause of a later drug ("Aspirin 324 mg PO, 0235 nitro 0.4 mg SL": 0235 is the nitro's).
  let end = content.length;
  for (const d of ctx.facts.medications) {
    if (d.mention.segmentId !== m.mention.segmentId || d.mention.begin <= m.mention.end) continue;
    const opening = TIME_OPENS_CLAUSE.exec(content.slice(0, d.mention.begin));
    if (opening !== null && opening.index >= m.mention.end) end = Math.min(end, opening.index);
  }
  const after = content.slice(m.mention.end, end);
  return CLOCK_TIME.test(after) || SPOKEN_TIME.test(after);
}

/**
 * "1738 albuterol 2.5 mg neb", "Neb done; 1744 Decadron 0.6 mg/kg PO", "0230 IV 20 g L AC, 0233 Solu-Medrol 125 mg IV push",
 * "0912 gave epi": a clock time that opens the line or its clause (after a full stop, a semicolon or a comma), right before
 * the drug (a giving verb between them at most), dates the drug the way charting writes each step's time first. Not a number
 * of another kind ("Room 1738 albuterol", "HR 138 albuterol") nor a time with a reading between it and the drug.
 */
const TIME_OPENS_CLAUSE = new RegExp(
  String.raw`(?:^|[.;,]\s+)(?:at\s+)?(?:[01]\d|2[0-3])[0-5]\d(?:\s*(?:hrs?|hours))?[,:]?\s+` +
    String.raw`(?:(?:gave|given|give|admin(?:istered)?|pushed|started|hung)\s+)?$`,
  'i',
);
/** Before a fluid the number is its volume: "1000 NS wide open", "1000 LR bolus". */
const IV_FLUID = /\b(?:ns|n\/s|normal saline|saline|lr|lactated ringer'?s?|ringer'?s|d5w?|d10w?|fluids?|bolus)\b/i;
function timeStatedBefore(ctx: ElementContext, m: EmsFacts['medications'][number]): boolean {
  if (IV_FLUID.test(m.mention.text) || IV_FLUID.test(m.name)) return false;
  return TIME_OPENS_CLAUSE.test(contentOf(ctx, m.mention.segmentId).slice(0, m.mention.begin));
}

/**
 * "Diphenhydramine 50 mg IV at 19h46 and the oxygen by mask": a drug joined by "and" right after the clock time another drug
 * was given at is given with it, at that time. Not after a clause between them ("at 19h46, HR 110, and oxygen") nor "then".
 */
const SHARED_TIME_JOIN = /^\s*(?:and|plus|along with|as well as)\s+(?:(?:also|the|some|high[- ]flow|supplemental)\s+)*$/i;
function timeShared(ctx: ElementContext, m: EmsFacts['medications'][number]): boolean {
  const before = contentOf(ctx, m.mention.segmentId).slice(0, m.mention.begin);
  const times = [...before.matchAll(new RegExp(CLOCK_TIME.source, `${CLOCK_TIME.flags}g`))];
  const last = times.at(-1);
  return last !== undefined && SHARED_TIME_JOIN.test(before.slice(last.index + last[0].length));
}

type Medication = EmsFacts['medications'][number];

/**
 * "0915 magnesium 2 g + methylprednisolone 125 mg IV", "at 0915 gave 2 g magnesium plus 125 mg methylprednisolone": a drug
 * joined right after the dose of the drug before it in the line is given with it; the time that dates that one dates it too.
 * Not after a clause or "then" between them ("…, HR 110, methylprednisolone"), which `timeShared` leaves out as well.
 */
const JOINED_AFTER_DOSE = /^\s*(?:\+|&|plus|and|with)\s+(?:\d+(?:\.\d+)?\s*[a-zμ]{1,4}\s+)?$/i;
function joinedAfterDose(ctx: ElementContext, m: Medication): Medication | null {
  const before = ctx.facts.medications
    .filter((d) => d.mention.segmentId === m.mention.segmentId && d.mention.end <= m.mention.begin && d.dose !== null)
    .at(-1);
  if (!before?.dose) return null;
  const from = Math.max(before.mention.end, before.dose.end);
  const joined = from <= m.mention.begin && JOINED_AFTER_DOSE.test(contentOf(ctx, m.mention.segmentId).slice(from, m.mention.begin));
  return joined ? before : null;
}

/**
 * "o2 2 l nc | at 1047 second set en route", "d10 250 ml iv | started 0712 …": in run-on text, which has no marks to end a line,
 * the pieces can be cut between a drug and the clock time said right after it; the time opening the next piece dates the last
 * drug of its piece. Not where a mark ends the line ("O2 2 L NC. At 1047 second set …": that time is the next line's). A time
 * ending the piece before a drug is not read as the drug's: it is as often the time of what that piece says ("neb at 2133 |
 * decadron 12 mg po", "bp 120/80 at 1348 | nitroglycerin …").
 */
const TIME_OPENS_PIECE = /^\s*(?:(?:at|@|started|given|administered|pushed|hung)\s+)+(?:[01]\d|2[0-3]):?[0-5]\d\b/i;
function timeInNextPiece(ctx: ElementContext, m: Medication): boolean {
  const segments = ctx.transcript.segments;
  const i = segments.findIndex((s) => s.id === m.mention.segmentId);
  if (i < 0 || /[.!?;]\s*$/.test(segments[i]?.content ?? '')) return false;
  const last = !ctx.facts.medications.some((d) => d.mention.segmentId === m.mention.segmentId && d.mention.begin > m.mention.begin);
  const next = segments[i + 1];
  const opening = next ? TIME_OPENS_PIECE.exec(next.content) : null;
  if (!last || !next || !opening) return false;
  // Not when what the time opens is named right after it: "o2 4 l nc | started 1050 albuterol neb", "o2 15 l nrb | started
  // 1047 cpap" date those ("started 2348 pt positioned …" still dates the bolus before it).
  const end = opening[0].length;
  return ![...ctx.facts.medications, ...ctx.facts.procedures].some(
    (d) => d.mention.segmentId === next.id && d.mention.begin >= end && next.content.slice(end, d.mention.begin).trim() === '',
  );
}

/**
 * "… ice packs to the groin and armpits and at 0925 | started a liter of cold saline …": a clock time left after "and" or "then"
 * at the end of a run-on piece opens a clause the cut carried into the next piece; it dates that piece's first drug. Not a time
 * said of the piece's own statement ("neb at 2133 | decadron 12 mg po"), which has no "and" or "then" right before it.
 */
const TIME_LEFT_AFTER_AND = /\b(?:and|then)\s+(?:at|@)\s+(?:[01]\d|2[0-3]):?[0-5]\d\s*$/i;
const DRUG_OPENS_PIECE =
  /^\s*(?:(?:we\s+)?(?:started|gave|given|hung|pushed|administered|began|give|start)\s+)?(?:(?:a|an|the|some)\s+)?(?:[\w-]+\s+){0,3}$/i;
function timeLeftBefore(ctx: ElementContext, m: Medication): boolean {
  const segments = ctx.transcript.segments;
  const i = segments.findIndex((s) => s.id === m.mention.segmentId);
  const before = segments[i - 1];
  const first = !ctx.facts.medications.some((d) => d.mention.segmentId === m.mention.segmentId && d.mention.begin < m.mention.begin);
  // Only a drug that opens its piece, after the crew's giving verb at most ("started a liter of cold saline"): "… and then at 1410
  // | we arrived at mercy and the pt was given morphine" is when the crew arrived.
  const opens = DRUG_OPENS_PIECE.test(contentOf(ctx, m.mention.segmentId).slice(0, m.mention.begin));
  return i > 0 && first && opens && before !== undefined && TIME_LEFT_AFTER_AND.test(before.content);
}

/**
 * The crew's medications whose mention lacks the field. A bare name (no dose, route or time) of a drug
 * detailed earlier in the dictation or in the same line ("… after the epinephrine", "albuterol" inside
 * "DuoNeb (albuterol/Atrovent)") refers to that administration, not a new one; a bare name before any
 * detail ("his mother gave him his EpiPen") is its own. When none of the crew's medications is
 * recognised as such, every medication counts (a prompt too many beats a missing dose).
 */
function medsLacking(ctx: ElementContext, field: 'dose' | 'route' | 'time'): Medication[] {
  const crew = crewMedications(ctx);
  const meds = crew.length > 0 ? crew : givenByAnyone(ctx);
  const order = new Map(ctx.transcript.segments.map((s, i) => [s.id, i]));
  const at = (m: Medication) => order.get(m.mention.segmentId) ?? Infinity;
  const earlier = (d: Medication, m: Medication) => at(d) < at(m) || (at(d) === at(m) && d.mention.begin < m.mention.begin);
  const timed = (m: Medication): boolean => {
    if (m.time !== null || timeStatedAfter(ctx, m) || timeStatedBefore(ctx, m) || timeShared(ctx, m) || timeInNextPiece(ctx, m))
      return true;
    if (timeLeftBefore(ctx, m)) return true;
    const givenWith = joinedAfterDose(ctx, m);
    return givenWith !== null && timed(givenWith);
  };
  const bare = (m: Medication) => m.dose === null && m.route === null && !timed(m);
  const sameDrug = (a: Medication, b: Medication) => a.name === b.name || b.name.split('/').includes(a.name);
  const reference = (m: Medication) => bare(m) && meds.some((d) => !bare(d) && sameDrug(m, d) && at(d) <= at(m));
  const stated = (m: Medication) => (field === 'time' ? timed(m) : m[field] !== null);
  // The hand-off's status line ("care transferred, norepinephrine at 16 mcg/min") reports a drug given
  // earlier or an infusion still running; it is not a new administration, so the earlier mention's details
  // answer for it.
  const statedBefore = (m: Medication, given: readonly Medication[] = meds) =>
    given.some((d) => d !== m && sameDrug(m, d) && earlier(d, m) && (stated(d) || dosedParts(d) || infused(d)));
  const handOffStatus = (m: Medication) => ctx.phases.get(m.mention.segmentId) === 'transport' && (infusionRate(ctx, m) || statedBefore(m));
  // "Second albuterol 2.5 at 1712", "nitroglycerin titrated up to 30 mcg/min": the same administration
  // again or changed, whose route (and dose) the first mention gave.
  // Oxygen said again with another flow ("NRB 15 L …, then the neb with 6 L O2") is the same oxygen turned
  // down or up, like an infusion titrated; "propofol 40 and nicardipine 5 running" is an infusion's status.
  // An infusion at its rate carries on one begun before, also by the sending facility ("the sending facility gave a heparin
  // bolus at 1410 … the heparin infusion verified at 1,200 units per hour").
  // A repeat dose is a giving of its own: the first mention says its route and dose, never its time ("second dose of epi 1 mg IO
  // was administered" is asked when).
  const repeated = (m: Medication) =>
    (((field !== 'time' && REPEAT_BEFORE.test(textBefore(ctx, m))) || infusionRate(ctx, m) || oxygenAgain(m) || stillRunning(ctx, m)) &&
      statedBefore(m)) ||
    (infusionRate(ctx, m) && statedBefore(m, ctx.facts.medications));
  // Only in the same line: a later line's "oxygen increased via NRB" is a change whose flow is asked for.
  const oxygenAgain = (m: Medication) =>
    m.name === 'oxygen' && meds.some((d) => d !== m && d.name === 'oxygen' && d.mention.segmentId === m.mention.segmentId && earlier(d, m));
  // A rate per minute or hour is an infusion, and an infusion runs into a vein or bone: the route is stated.
  function infused(m: Medication): boolean {
    return field === 'route' && infusionRate(ctx, m);
  }
  // "DuoNeb (albuterol 2.5 mg / ipratropium 0.5 mg)": the combination's dose is its parts' doses said with it
  // (each part named in the line by any of its names, at least one read with its dose).
  function dosedParts(m: Medication): boolean {
    if (field !== 'dose' || !m.name.includes('/')) return false;
    const line = contentOf(ctx, m.mention.segmentId).toLowerCase();
    const parts = m.name.split('/');
    return (
      parts.every(
        (part) => line.includes(part) || ctx.facts.medications.some((d) => d.name === part && d.mention.segmentId === m.mention.segmentId),
      ) && ctx.facts.medications.some((d) => parts.includes(d.name) && d.dose !== null && d.mention.segmentId === m.mention.segmentId)
    );
  }
  // "NS TKO", "LR at KVO": fluid run only to keep the line open is the line's upkeep, not a dose given at a time. Not a drug
  // "at KVO", nor a fluid also given as a bolus or a volume ("NS KVO then bolus 500 mL").
  const keptOpen = (m: Medication) =>
    field === 'time' &&
    m.name === 'normal saline' &&
    /^(?:kvo|tko)$/i.test(m.dose?.text.trim() ?? '') &&
    !/\bbolus\b|\d\s*(?:ml|cc|l|liters?|litres?)\b/i.test(ctx.transcript.segments.find((s) => s.id === m.mention.segmentId)?.content ?? '');
  // "Moved the heparin to our pump at the same rate": carried on as said before, in any phase (the sending facility's drip).
  const carriedOn = (m: Medication) =>
    field !== 'time' &&
    SAME_AS_BEFORE.test(contentOf(ctx, m.mention.segmentId).slice(m.mention.end)) &&
    (ctx.facts.medications.some((d) => d !== m && sameDrug(m, d) && earlier(d, m) && d[field] !== null) ||
      (field === 'dose' && dosedInWordsBefore(ctx, m)));
  // "Toradol, ketorolac, 15 mg IV", "ondansetron (Zofran) 4 mg IV": one drug named by its brand and its generic side by side
  // is one administration, whichever name the details were read with; so is "dextrose 10 percent (D10, 250 mL)", the
  // strength said with the first name.
  const twin = (m: Medication) =>
    ctx.facts.medications.some(
      (d) => d !== m && d.name === m.name && d.mention.segmentId === m.mention.segmentId && sideBySide(ctx, m, d) && stated(d),
    );
  // "Within five minutes of the epi the wheezing was better": "the" drug, with no dose or time of its own, after that drug was
  // given with its details, is that giving spoken of (a route read near it is another word's: "… and after the neb").
  const spokenOf = (m: Medication) =>
    m.dose === null &&
    !timed(m) &&
    (SPOKEN_OF_BEFORE.test(textBefore(ctx, m)) || namedInReassessment(ctx, m)) &&
    !givenAgain(ctx, m) &&
    meds.some((d) => d !== m && sameDrug(m, d) && earlier(d, m) && stated(d));
  // "DuoNeb, albuterol 2.5 mg and ipratropium 0.5 mg by mask at 0403": the parts named in their combination's line are given as
  // it is, by its route and at its time.
  // So are the parts said with their doses in the line right after it (not a part given again or held, or the patient's own:
  // "Albuterol 2.5 mg was repeated at 14:45, ipratropium not repeated"), which opens with one of them and names them all ("we gave
  // a duoneb by nebulizer at 8 liters | albuterol 5 milligrams with ipratropium 500 micrograms"), as a recogniser's run-on cuts it.
  const partOfCombination = (m: Medication) =>
    field !== 'dose' &&
    ctx.facts.medications.some(
      (d) =>
        d.name.split('/').length > 1 &&
        d.name.split('/').includes(m.name) &&
        ((d.mention.segmentId === m.mention.segmentId && !GIVING_BREAK.test(between(ctx, d, m))) || partsSaidNext(d, m)) &&
        stated(d),
    );
  const partsSaidNext = (d: Medication, m: Medication) => {
    const line = contentOf(ctx, m.mention.segmentId).toLowerCase();
    const parts = d.name.split('/');
    return (
      at(d) === at(m) - 1 &&
      parts.some((part) => line.trimStart().startsWith(part)) &&
      parts.every((part) => line.includes(part)) &&
      !PART_GIVEN_APART.test(line)
    );
  };
  // "The heparin infusion was maintained at 1,000 units per hour", "we continued the oxygen": carried on from a giving before,
  // whose time it was given at is that giving's (often the sending facility's), not asked of the line that carries it on.
  const continued = (m: Medication) => {
    if (field !== 'time') return false;
    const after = contentOf(ctx, m.mention.segmentId).slice(m.mention.end);
    return CONTINUED_AFTER.test(after) || CONTINUED_LAST.test(after) || CONTINUED_BEFORE.test(textBefore(ctx, m));
  };
  return meds.filter(
    (m) =>
      !stated(m) &&
      !continued(m) &&
      !reference(m) &&
      !handOffStatus(m) &&
      !repeated(m) &&
      !infused(m) &&
      !dosedParts(m) &&
      !keptOpen(m) &&
      !carriedOn(m) &&
      !twin(m) &&
      !spokenOf(m) &&
      !partOfCombination(m),
  );
}

/**
 * A drug carried on, not given anew, said right after its name, in its clause, with a rate: "heparin infusion was maintained
 * at 1,000 units per hour", "oxygen was continued at 2 L". Not without a rate ("Oxygen was maintained throughout transport"
 * after "placed on a non-rebreather at 15 L" is the crew's own giving), nor a run-on clause after it ("norepinephrine drip
 * maintained map above 65", "dopamine drip kept running at 10").
 */
const CONTINUED_AFTER = new RegExp(
  String.raw`^(?:\s+(?:infusion|drip|gtt))?\s+(?:(?:was|were|is|is being|was being)\s+)?(?:maintained|continued)\s+at\s+\d`,
  'i',
);
/**
 * Said last in the drug's clause, after its dose and device only: "O2 2 L NC continued.", "Oxygen at 2 liters by nasal cannula
 * maintained". Not after a giving ("O2 2 L NC applied, continued en route" was put on by the crew, at a time to ask), nor of
 * something else said with it ("Epi 1 mg IO and compressions continued", "fentanyl 50 mcg IV and pain continued").
 */
const NOT_CARRIED_ON_WORDS = [
  'applied',
  'placed',
  'started',
  'given',
  'gave',
  'administered',
  'initiated',
  'put',
  'and',
  'but',
  'while',
  'with',
];
const CONTINUED_LAST = new RegExp(
  String.raw`^(?![^,;.]*\b(?:${NOT_CARRIED_ON_WORDS.join('|')})\b)[^,;.]*?\b(?:continued|maintained)\s*(?:[,;.]|$)`,
  'i',
);
/** Said right before the drug's name: "we continued the oxygen", "maintained her norepinephrine"; not "kept her oxygen going". */
const CONTINUED_BEFORE = new RegExp(
  String.raw`\b(?:we|crew|and)\s+(?:continued|maintained)\s+(?:(?:the|her|his|their|our)\s+)?(?:home\s+)?$`,
  'i',
);

/** A new giving said between two drugs of one line: "DuoNeb at 0403, then albuterol 2.5 mg". */
const GIVING_BREAK = /\bthen\b|[;.](?!\d)|\b(?:[01]\d|2[0-3]):?[0-5]\d\b/i;
/** The words between two mentions of one line, whichever is said first. */
function between(ctx: ElementContext, a: Medication, b: Medication): string {
  const [first, second] = a.mention.begin < b.mention.begin ? [a, b] : [b, a];
  return contentOf(ctx, a.mention.segmentId).slice(first.mention.end, Math.max(first.mention.end, second.mention.begin));
}
/** What may stand between a drug's two names said side by side: marks, or words that say the second is another name. */
const OTHER_NAME_WORDS = ['or', 'aka', 'a.k.a.', 'also known as', 'i.e.', 'ie', 'brand', 'brand name', 'generic', 'generic name'];
/** The first name's strength said before the second name: "dextrose 10 percent (D10)", "dextrose 10% (D10)". */
const STRENGTH = /^\d+(?:\.\d+)?\s*(?:%|percent)$/;
function sideBySide(ctx: ElementContext, a: Medication, b: Medication): boolean {
  // Overlapping mentions are one name read twice, not two names said side by side.
  if (a.mention.begin < b.mention.end && b.mention.begin < a.mention.end) return false;
  const words = between(ctx, a, b)
    .replace(/[,()[\]/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' || OTHER_NAME_WORDS.includes(words) || STRENGTH.test(words);
}
/**
 * "The" drug said as given in its own clause is a giving again, whose dose and time are asked: "no change, gave the epi again
 * IM", "still pain so I gave the nitro SL", "partner pushed the fentanyl".
 */
const GIVING_WORDS = ['gave', 'give', 'giving', 'given', 'pushed', 'administered', 'hung', 'repeated', 'another'];
const GIVEN_IN_CLAUSE_BEFORE = new RegExp(String.raw`\b(?:${GIVING_WORDS.join('|')})\b[^,.;]*$`, 'i');
const AGAIN_AFTER = /^[^,.;]{0,30}?\bagain\b/i;
function givenAgain(ctx: ElementContext, m: Medication): boolean {
  const line = contentOf(ctx, m.mention.segmentId);
  return GIVEN_IN_CLAUSE_BEFORE.test(line.slice(0, m.mention.begin)) || AGAIN_AFTER.test(line.slice(m.mention.end));
}
/** "the" or "that" right before a drug's name: a drug already spoken of ("after the epi", "that nitro helped"). */
const SPOKEN_OF_BEFORE = /\b(?:the|that|this)\s+$/i;
/** Up to three words listed after "after", "post" or "following", right before a drug (read by `namedInReassessment`). */
const SPOKEN_OF_AFTER = /\b(?:after|post|following)\s+((?:[\w-]+,?\s+(?:and\s+)?){0,3})$/i;
/** The care a reassessment is said after, besides the drugs given before: "after neb, CPAP and Solu-Medrol". */
const CARE_NOUNS = new Set(['neb', 'nebs', 'nebulizer', 'cpap', 'bipap', 'oxygen', 'o2', 'fluids', 'fluid', 'bolus', 'iv', 'treatment']);
/** A reading said right after the drug: the list was what the reading came after ("…and Solu-Medrol: BP 150/88"). */
const READING_NEXT = /^\s*[:,-]?\s*(?:bp|blood pressure|hr|heart rate|pulse|rr|resp\w*|spo2|sats?|gcs|pain|vitals|etco2)\b/i;
/**
 * "Reassess after neb, CPAP and Solu-Medrol: BP 150/88": the drug named last in the list of care a reading came after, each item
 * care given before, is that giving spoken of. Not a drug said after an event or a time ("After five minutes, nitro SL", "Post
 * seizure, versed IM"), nor one without a reading after it.
 */
function namedInReassessment(ctx: ElementContext, m: Medication): boolean {
  const list = SPOKEN_OF_AFTER.exec(textBefore(ctx, m));
  if (list === null || !READING_NEXT.test(contentOf(ctx, m.mention.segmentId).slice(m.mention.end))) return false;
  const given = new Set(ctx.facts.medications.map((d) => d.mention.text.toLowerCase()));
  return (list[1] ?? '')
    .split(/,|\band\b/i)
    .map((item) =>
      item
        .trim()
        .toLowerCase()
        .replace(/^the\s+/, ''),
    )
    .filter((item) => item !== '')
    .every((item) => CARE_NOUNS.has(item) || given.has(item));
}

/** Said in the drug's own clause: it goes on as it was ("at the same rate", "unchanged", "as before"). */
const SAME_AS_BEFORE = /^[^.;]{0,60}?\b(?:(?:at|on) the same (?:rate|dose|settings?)|unchanged|as before)\b/i;
/** A dose in a unit, said after a drug's name: "heparin infusion running at 1,000 units per hour". */
const DOSE_SAID_AFTER = /^[^.;]{0,40}?\b\d[\d,.]*\s*(?:units?|mg|mcg|milligrams?|micrograms?|ml|mL|g|grams?|meq)\b/i;
/**
 * The drug named with a dose in an earlier line or earlier in its own, in words the medication rules may not have read as one
 * (a drip running on arrival at the sending facility).
 */
function dosedInWordsBefore(ctx: ElementContext, m: EmsFacts['medications'][number]): boolean {
  const name = new RegExp(String.raw`\b${m.mention.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`, 'gi');
  const upTo = ctx.transcript.segments.findIndex((s) => s.id === m.mention.segmentId);
  return ctx.transcript.segments.slice(0, upTo + 1).some((s, i) => {
    const text = i === upTo ? s.content.slice(0, m.mention.begin) : s.content;
    return [...text.matchAll(name)].some((n) => DOSE_SAID_AFTER.test(text.slice(n.index + n[0].length)));
  });
}
/** Words that say a drug is given again: "second albuterol", "repeat nitro", "another 0.4". */
const REPEAT_BEFORE = /\b(?:second|third|fourth|another|repeat(?:ed)?|additional|again)\b[^,;.]{0,12}$/i;
const textBefore = (ctx: ElementContext, m: Medication) => contentOf(ctx, m.mention.segmentId).slice(0, m.mention.begin);

/** An infusion said to be still running ("propofol 40 and nicardipine 5 running"): its status, not a new dose. */
const RUNNING_AFTER = /^[^.;]{0,40}?\b(?:running|infusing|still (?:running|infusing))\b/i;
const stillRunning = (ctx: ElementContext, m: Medication) => RUNNING_AFTER.test(contentOf(ctx, m.mention.segmentId).slice(m.mention.end));

/**
 * A dose per unit of time is an infusion's rate: "16 mcg/min", "30 mcg/kg/min", "125 mL/hr", "1000 units an hour". "An
 * hour" only right after the dose's unit and at the end of its clause or before "drip", "infusion", "IV", "via", "on the
 * pump" or "titrated"; not as when it was given ("4 mg an hour ago", "5 mg a minute into the second seizure").
 */
const PER_TIME = new RegExp(
  String.raw`^\s*(?:(?:\/\s*(?:kg\s*\/\s*)?|per\s+)(?:min|minute|hr|hour|h)\b|` +
    String.raw`(?:an|a)\s+(?:minute|hour)\b(?=\s*(?:[,;.!?]|$)|\s+(?:drip|infusion|iv|via|on the pump|titrated)\b))`,
  'i',
);
function infusionRate(ctx: ElementContext, m: Medication): boolean {
  if (m.dose === null) return false;
  return PER_TIME.test(contentOf(ctx, m.dose.segmentId).slice(m.dose.end));
}

function medsWithout(ctx: ElementContext, field: 'dose' | 'route' | 'time', label: string): MissingElement['prompt'] | null {
  const lacking = medsLacking(ctx, field);
  return lacking.length === 0 ? null : `Document the ${label} of: ${[...new Set(lacking.map((m) => m.name))].join(', ')}.`;
}

/** Returns the prompt when the element is missing, or null when present. */
export function checkElement(element: NarrativeElementCode, ctx: ElementContext): Omit<MissingElement, 'element'> | null {
  const missing = (prompt: string, evidence: string[] = []) => ({ prompt, evidence });
  const need = (present: boolean, prompt: string) => (present ? null : missing(prompt));
  const medEvidence = (field: 'dose' | 'route' | 'time') => [...new Set(medsLacking(ctx, field).map((m) => m.mention.segmentId))];
  switch (element) {
    case 'dispatch_nature':
      return need(natureFact(ctx) || natureStated(ctx), 'Document the nature of the call as dispatched.');
    case 'dispatch_time':
      return need(timeInPhase(ctx, 'dispatch'), 'Document the dispatch time.');
    case 'response_mode':
      return need(
        responseModeSaid(ctx) ||
          drivingStated(ctx.transcript.segments, ctx.phases) ||
          drivingSaidAroundResponse(ctx.transcript.segments, ctx.phases),
        'Document the response mode (emergent or non-emergent).',
      );
    case 'arrival_time':
      return need(timeInPhase(ctx, 'arrival'), 'Document the time of arrival on scene.');
    case 'patient_age':
      return need(
        has(ctx, 'PATIENT_AGE') || anySegment(ctx, AGE_REPORTED) || anySegment(ctx, AGE_SAID_OF_SELF),
        "Document the patient's age.",
      );
    case 'patient_sex':
      return need(has(ctx, 'PATIENT_SEX'), "Document the patient's sex.");
    case 'chief_complaint':
      return need(
        has(ctx, 'CHIEF_COMPLAINT') ||
          ctx.clinicalDocument.sections.some((s) => s.name === 'CHIEF_COMPLAINT' && s.points.length > 0) ||
          complaintStated(ctx) ||
          ctx.transcript.segments.some((s) => ccLabelled(s.content)),
        'Document the chief complaint.',
      );
    case 'history_present_illness':
      return need(inPhase(ctx, 'history') || inPhase(ctx, 'chief_complaint'), 'Document the history of the present illness.');
    case 'past_medical_history':
      return need(
        anySegment(ctx, /\b(history of|hx|pmh|medical history|no (?:significant |known )?(?:medical )?history)\b/i),
        'Document the past medical history (or none).',
      );
    case 'medications':
      return need(
        anySegment(ctx, /\b(takes|taking|medications?|meds|prescribed)\b/i),
        "Document the patient's home medications (or none).",
      );
    case 'allergies':
      return need(anySegment(ctx, /\b(allerg\w*|nkda)\b/i), 'Document allergies (or NKDA).');
    case 'mental_status':
      return need(
        anySegment(ctx, /\b(alert|oriented|a ?& ?o|gcs|unresponsive|responsive|confused|avpu|lethargic|obtunded)\b/i),
        'Document mental status.',
      );
    case 'vitals': {
      const seen = new Set<VitalKind>([...ctx.facts.vitals.map((v) => v.kind), ...ctx.transcript.insights.vitals.map((v) => v.kind)]);
      // A patient never measured because they had none ("no BP, no pulse, apneic, SpO2 no reading" in an
      // arrest that was not resuscitated) has them documented as absent; once any vital was measured,
      // the set is judged on the measured values.
      // Zeros ("HR 0, RR 0") are a resuscitation's readings of absent vitals, not a measured set.
      const measured = new Set(
        [...ctx.facts.vitals, ...ctx.transcript.insights.vitals].filter((v) => /[1-9]/.test(v.value)).map((v) => v.kind),
      );
      if (!ctx.vitalsFullSet.some((k) => measured.has(k))) {
        for (const [kind, re] of ABSENT_VITALS) if (absenceCharted(ctx, re)) seen.add(kind);
        // Without a pulse or breathing there is no saturation to read, and without a pulse no pressure to take.
        if (seen.has('hr') && seen.has('rr')) {
          seen.add('spo2');
          // A pressure is only moot for a patient who stayed without a pulse and was not transported
          // (resuscitation ended, obvious death); after ROSC the pressure is the first thing to take.
          if (notTransported(ctx) && !anySegment(ctx, ROSC)) seen.add('bp');
        }
      }
      for (const [kind, re] of NOT_TAKEN_VITALS) if (!seen.has(kind) && anySegment(ctx, re)) seen.add(kind);
      // EMS protocols take a blood pressure from 3 years of age; below it the full set is HR, RR and SpO2.
      if (!seen.has('bp') && youngerThanThree(ctx)) seen.add('bp');
      if (!seen.has('hr') && ctx.transcript.segments.some((s) => rhythmRate(s.content))) seen.add('hr');
      if (!seen.has('spo2') && ctx.transcript.segments.some((s) => oxygenReadIn(s.content))) seen.add('spo2');
      const ventilated = (line: string) => (VENT_RATE.test(line) && VENTILATOR_LINE.test(line)) || BAGGED_RATE.test(line);
      if (!seen.has('rr') && ctx.transcript.segments.some((s) => ventilated(s.content))) seen.add('rr');
      const absent = ctx.vitalsFullSet.filter((k) => !seen.has(k));
      return absent.length === 0
        ? null
        : missing(`Document a full set of vitals (missing: ${absent.map((k) => VITAL_LABEL[k]).join(', ')}).`);
    }
    case 'physical_exam':
      return need(inPhase(ctx, 'exam'), 'Document the physical exam findings.');
    case 'assessment_impression':
      return need(inPhase(ctx, 'impression'), 'Document the field impression.');
    case 'treatment':
      return need(treatmentStated(ctx), 'Document the treatment given, or state that none was indicated.');
    case 'treatment_dose': {
      const p = medsWithout(ctx, 'dose', 'dose');
      return p === null ? null : missing(p, medEvidence('dose'));
    }
    case 'treatment_route': {
      const p = medsWithout(ctx, 'route', 'route');
      return p === null ? null : missing(p, medEvidence('route'));
    }
    case 'treatment_time': {
      const p = medsWithout(ctx, 'time', 'time given');
      return p === null ? null : missing(p, medEvidence('time'));
    }
    case 'treatment_response':
      return need(
        has(ctx, 'TREATMENT_RESPONSE') || (ctx.reassessments?.size ?? 0) > 0 || changeStatedAfterTreatment(ctx),
        "Document the patient's response to treatment.",
      );
    case 'transport_mode':
      return need(has(ctx, 'TRANSPORT_MODE'), 'Document the transport mode (emergent or non-emergent).');
    case 'destination':
      return need(
        has(ctx, 'DESTINATION') ||
          ctx.transcript.segments.some(
            (s) => ctx.phases.get(s.id) === 'transport' && NAMED_PLACE.test(s.content) && !HABITUAL.test(s.content),
          ) ||
          anySegment(ctx, TAKEN_TO_FACILITY) ||
          inPhase(ctx, 'transport', HANDED_OFF_AT_PLACE) ||
          transferRouteSaid(ctx) ||
          ctx.transcript.segments.some((s) => facilityNamedInRunOn(s.content) !== null),
        'Document the destination facility.',
      );
    case 'transfer_of_care':
      return need(has(ctx, 'TRANSFER_OF_CARE'), 'Document to whom care was transferred.');
    case 'condition_at_transfer':
      return need(
        has(ctx, 'CONDITION_AT_TRANSFER') ||
          CONDITION_SAID.test(closingLine(ctx)?.content ?? '') ||
          conditionOnArrival(ctx) ||
          readingsAtHandOff(ctx),
        "Document the patient's condition at transfer of care.",
      );
  }
}

/** The template's rules that apply and fail, in rule order, one prompt per element. */
export function missingElements(template: TemplateDefinition, ctx: ElementContext): MissingElement[] {
  const out: MissingElement[] = [];
  for (const rule of template.required) {
    if (out.some((m) => m.element === rule.element) || !ruleApplies(rule, ctx)) continue;
    const result = checkElement(rule.element, ctx);
    if (result) out.push({ element: rule.element, ...result });
  }
  return out;
}

/**
 * Elements whose statement the rules read from the words of any line, whatever its phase ("responded non emergent",
 * "84 year old female", "transported to general hospital"): what each is read as.
 */
const READ_FROM_WORDS: Readonly<Partial<Record<NarrativeElementCode, EmsContextType>>> = {
  // "No treatment needed en route, …" placed with the transport: the treatment section's statement, said.
  treatment: 'NO_TREATMENT',
  dispatch_nature: 'DISPATCH_NATURE',
  response_mode: 'RESPONSE_MODE',
  patient_age: 'PATIENT_AGE',
  patient_sex: 'PATIENT_SEX',
  chief_complaint: 'CHIEF_COMPLAINT',
  destination: 'DESTINATION',
  transport_mode: 'TRANSPORT_MODE',
};
/**
 * Said after "no treatment given", the care was someone else's or at another time ("no medications were given by the family",
 * "no care was provided by the nursing home", "no treatment was needed at the clinic yesterday"): the crew's treatment section
 * is still not said.
 */
const CARE_NOT_THE_CREWS_AFTER = /^\s*(?:by|from|at|prior|before|yesterday|last|earlier|until)\b/i;
const CARE_NOT_THE_CREWS_BEFORE = /\b(?:states?|stated|said|says|reports?|reported|per)\b[^.;]*$/i;
const noTreatmentSaidByCrew = (ctx: ElementContext) =>
  ctx.facts.context.some((c) => {
    if (c.type !== 'NO_TREATMENT') return false;
    const content = contentOf(ctx, c.span.segmentId);
    return !CARE_NOT_THE_CREWS_AFTER.test(content.slice(c.span.end)) && !CARE_NOT_THE_CREWS_BEFORE.test(content.slice(0, c.span.begin));
  });
const statedInWords = (element: NarrativeElementCode, ctx: ElementContext) => {
  const type = READ_FROM_WORDS[element];
  return (
    (type !== undefined && (element === 'treatment' ? noTreatmentSaidByCrew(ctx) : has(ctx, type))) ||
    (element === 'response_mode' && drivingSaidAroundResponse(ctx.transcript.segments, ctx.phases))
  );
};

/** What the provider is asked when a section has no sentence and none of its elements was prompted. */
const SECTION_PROMPT: Readonly<Partial<Record<NarrativeElementCode, string>>> = {
  dispatch_nature: 'Document the dispatch: the nature of the call and the dispatch time.',
  response_mode: 'Document the response (emergent or non-emergent).',
  arrival_time: 'Document the arrival on scene: the time and how the patient was found.',
  chief_complaint: 'Document the assessment: chief complaint, history, exam and vitals.',
  treatment: 'Document the treatment given, or state that none was indicated.',
  destination: 'Document the transport or disposition: destination, or refusal and release.',
};

/**
 * A section the template requires (one of its applicable rules belongs there) that no dictated
 * sentence fills must not vanish from the narrative silently: it gets a prompt — the open prompt
 * of one of its elements, else a prompt for the section itself.
 */
export function promptsForEmptySections(
  template: TemplateDefinition,
  ctx: ElementContext,
  sections: ReadonlyArray<{ key: string; title: string; sentences: readonly unknown[] }>,
  missing: readonly MissingElement[],
): Array<{ key: string; title: string; element: NarrativeElementCode; prompt: string }> {
  const out: Array<{ key: string; title: string; element: NarrativeElementCode; prompt: string }> = [];
  template.sections.forEach((def, i) => {
    if ((sections[i]?.sentences.length ?? 0) > 0) return;
    const inSection = (e: NarrativeElementCode) => def.phases.includes(PHASE_OF_ELEMENT[e]);
    const rules = template.required.filter((r) => inSection(r.element) && ruleApplies(r, ctx));
    if (rules.length === 0) return;
    const open = missing.find((m) => inSection(m.element));
    // Said in a piece placed in another section ("dispatched at 1820 for a sick person, responded non emergent" all in the
    // dispatch): the statement is in the narrative, read from its words, so the section has not vanished.
    if (!open && rules.some((r) => statedInWords(r.element, ctx))) return;
    const element = open?.element ?? rules[0]?.element;
    if (element === undefined) return;
    out.push({
      key: def.key,
      title: def.title,
      element,
      prompt: open?.prompt ?? SECTION_PROMPT[element] ?? `Document the ${def.title.toLowerCase()} section.`,
    });
  });
  return out;
}

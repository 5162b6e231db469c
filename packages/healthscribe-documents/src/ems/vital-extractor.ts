import type { VitalKind } from '../document-model.js';
import { spanOf, type VitalFact } from './ems-facts.js';
import { normaliseVitalValue, RHYTHM_WITH_RATE } from './vital-names.js';
import { GUESS_WORDS } from './spoken-cues.js';
import { PEOPLE_NOT_CREW } from './people-not-crew.js';
import { anyOf } from './word-table.js';

/** Words allowed between a vital's name and its value ("blood pressure was initially 150/90"). */
const GLUE_WORDS = anyOf([
  'of',
  'is',
  'was',
  'were',
  'at',
  'now',
  'initially',
  'measured',
  'reading',
  'read',
  'noted',
  'remained',
  'came back',
  'down to',
  'up to',
  'improved to',
  'increased to',
  'decreased to',
  'dropped to',
  'rose to',
  'rated',
  'rates',
  'as',
  'a',
  'rate',
  ...GUESS_WORDS,
  // A guess said as one: "breathing maybe 4 times a minute".
  'maybe',
  // A reading that took a while: "sat was hard to get, finally read 88", "difficult to obtain, eventually 91 percent".
  String.raw`(?:hard|difficult|tough|slow) to (?:get|obtain|pick up)`,
  'finally',
  'eventually',
  // "respirations assisted at 10 a minute": the rate the crew breathes for the patient at ("assisted, 15 L by BVM" is a flow,
  // "assisted by 3 firefighters" a count).
  String.raw`assisted(?= at\b)`,
  // "sat came up from 72 to 96 percent": the reading reached is the one charted.
  String.raw`(?:came|went|got) (?:up|down) from \d{2,3}\s*(?:%|percent)? to`,
  String.raw`(?:improved|increased|rose|climbed|dropped|fell) from \d{2,3}\s*(?:%|percent)? to`,
]);
const GLUE = String.raw`(?:[\s:,-]*(?:${GLUE_WORDS})\b)*[\s:,-]*`;

interface VitalPattern {
  kind: VitalKind;
  name: string;
  value: string;
  unit?: string;
  /** Plausible range of the first number; a value outside it is not this vital. */
  range: readonly [number, number];
}

const PATTERNS: readonly VitalPattern[] = [
  {
    kind: 'bp',
    // A bilingual crew's "TA" (tension artérielle) and "PA" (presión arterial) come with a systolic/diastolic, and so does
    // "tension" said alone ("tension 142 on 88"); a tension pneumothorax has no systolic/diastolic after it.
    name: String.raw`blood pressure|b\/p|bp|pressure|tension|ta|pa`,
    value:
      String.raw`\d{2,3}\s*(?:\/|over)\s*\d{2,3}|\d{2,3}\s*(?:by\s+)?palp(?:ation|ated|able)?` +
      // "BP is 86 on 50": French says "86 sur 50", and its speakers "on". Not a pressure taken on something ("110 on 15 L",
      // "85 on 10 mics levo", "100 on 15 minute recheck", "140 on 100 NRB"): the second number is a diastolic that ends the
      // reading, followed by the clause's end or the next reading, never by a unit or a drug.
      String.raw`|\d{2,3}\s+on\s+\d{2,3}(?=\s*(?:[,.;:)]|$|(?:mm ?hg|mmhg)\b|` +
      String.raw`\s(?:and|with|hr|heart|pulse|p|rr|resp|spo2|sats?|after|before|at|on|map|gcs|bgl|temp|t)\b))` +
      // "blood pressure was 164 to 96", as a second-language speaker says it: checked below to be a diastolic under the
      // systolic ("120 to 130" is a span), and not after "from" ("dropped from 140 to 90" is a change).
      String.raw`|\d{2,3}\s+to\s+\d{2,3}(?=\s*(?:[,.;:)]|$|\s(?:and|with|hr|heart|pulse|rr|resp|spo2|sats?|on)\b))`,
    range: [30, 300],
  },
  {
    kind: 'hr',
    // A rhythm read with its rate ("sinus tach at 130", "converted to sinus at 90") states the heart rate.
    name: String.raw`heart rate|pulse rate|pulse|hr|heart|pulso|pouls|fc|${RHYTHM_WITH_RATE}`,
    value: String.raw`\d{2,3}`,
    unit: String.raw`bpm|beats per minute|beats a minute`,
    range: [15, 260],
  },
  {
    kind: 'rr',
    // A patient the crew breathes for has the rate they set: "ventilated at 10 per minute", "bagging at 12",
    // the ventilator's settings "Vent AC, TV 480, rate 18". The ventilator is looked for behind "rate" once "rate" is found
    // (the lookbehind takes "rate" in): the same matches as asking it first, without a 30-character look back at every word.
    name:
      // "breathin' 24", "breathin 40": the word said with its final g dropped.
      // "she breathe 22", "he breathes 30": a second-language speaker's verb with the rate.
      String.raw`respiratory rate|respirations|respiration|resps|resp|rr|breathing|breathin'?|breathes|breathe` +
      String.raw`|ventilated|ventilating|ventilations|bagged|bagging|vent rate|rate(?<=\b(?:vent|ventilator)\b[^.;]{0,30}rate)`,
    value: String.raw`\d{1,2}`,
    unit: String.raw`breaths per minute|per minute|a minute`,
    range: [2, 70],
  },
  {
    kind: 'spo2',
    // "oxygen 96 percent": the word is a saturation only when a percentage follows.
    name:
      String.raw`spo2|sp02|o2 saturations?|o2 sats?|oxygen saturation|pulse oximetry|pulse ox|saturations?|sats|sat|satting|saturating` +
      String.raw`|(?:oxygen|o2)(?=\s+\d{2,3}\s*(?:%|percent))`,
    value: String.raw`\d{2,3}`,
    unit: String.raw`%|percent`,
    range: [40, 100],
  },
  { kind: 'gcs', name: String.raw`gcs|glasgow coma scale|glasgow`, value: String.raw`\d{1,2}`, range: [3, 15] },
  {
    kind: 'glucose',
    name: String.raw`blood glucose|blood sugar|glucose|bgl|cbg|sugar|glucometer`,
    value: String.raw`\d{2,3}|high|low`,
    unit: String.raw`mg\/dl|milligrams per deciliter`,
    range: [10, 800],
  },
  {
    kind: 'temp',
    name: String.raw`temperature|temp`,
    value: String.raw`\d{2,3}(?:\.\d)?`,
    unit: String.raw`degrees fahrenheit|degrees celsius|degrees f|degrees c|degrees|°f|°c`,
    range: [80, 110],
  },
  {
    kind: 'pain',
    name: String.raw`pain scale|pain score|pain level|pain`,
    value: String.raw`\d{1,2}\s*(?:\/|out of|over)\s*10`,
    range: [0, 10],
  },
  {
    kind: 'etco2',
    name: String.raw`etco2|end[- ]tidal co2|end[- ]tidal|capnography`,
    value: String.raw`\d{1,3}`,
    unit: String.raw`mmhg|millimeters`,
    range: [1, 150],
  },
];

/** "164 to 96" is a pressure when the second number is a diastolic under the first and no "from" makes it a change. */
function pressureSaidTo(value: string, before: string): boolean {
  const [systolic, diastolic] = (value.match(/\d+/g) ?? []).map(Number);
  return systolic !== undefined && diastolic !== undefined && diastolic >= 30 && diastolic < systolic && !/\bfrom\s+$/i.test(before);
}

/**
 * Readings said loosely — the verb "breathe(s)", breaths "assisted at", a change "came up from 84 to 95" — are also how people
 * speak of other things: a wish ("unable to breathe at 31 Cedar Road", "told him to breathe 6 seconds in"), a flow or a count
 * ("breathes 4 liters of home oxygen", "assisted at 2 different points"), a change someone else saw ("fell from 96 to 84 at
 * home, per the nurse"). Such a reading is taken only said of the patient, with a word that may follow a rate after it, in a
 * sentence that names no one but the crew and no reading from home or before.
 */
const LOOSE_GLUE = /\b(?:assisted|from)\b/i;
/** Who breathes at a rate: the patient, said right before the verb ("he breathes 28", "the baby breathe 44"). */
const BREATHER = /\b(?:he|she|they|patient|pt|baby|infant|newborn|child|toddler|kid|boy|girl|man|woman|male|female)\s+$/i;
/** What may follow a loosely said reading: its end, a unit, a way of breathing, the reason it changed or the next reading. */
const AFTER_LOOSE_READING = new RegExp(
  String.raw`^\s*(?:$|[,.;)]|(?:${anyOf([
    ...['and', 'with', 'via', 'by bvm', 'on', 'after', 'using', 'times (?:a|per) minute', 'breaths'],
    ...['shallow', 'labou?red', 'fast', 'rapid', 'very', 'regular', 'irregular', 'unlabou?red'],
    ...['bp', 'blood pressure', 'pressure', 'pulse', 'hr', 'heart rate', 'rr', 'resps?', 'respirations', 'sats?', 'saturation'],
    ...['spo2', 'o2', 'oxygen', 'gcs', 'temp', 'temperature', 'glucose', 'sugar', 'bgl', 'etco2', 'end tidal', 'pain'],
  ])})\b)`,
  'i',
);
/** A sentence that says the reading was someone else's, or from before the crew. */
const NOT_THE_CREWS_READING = new RegExp(
  String.raw`\b(?:${anyOf(
    PEOPLE_NOT_CREW,
    ['at home', 'own', 'per (?:the|her|his|their)', 'according to', 'says', 'said', 'states'],
    [
      'reports?',
      'reported',
      'clinic',
      'urgent care',
      'earlier',
      'before (?:our )?arrival',
      'prior to (?:our )?arrival',
      'usually',
      'normally',
      'when',
    ],
  )})\b`,
  'i',
);
/** The respiratory rate named by the patient's verb ("he breathes 28"), not by a vital's name. */
const isBreathingVerb = (name: { text: string }) => /^breathes?$/i.test(name.text);
function looseReadingHolds(content: string, name: { begin: number; end: number; text: string }, after: number): boolean {
  const verb = isBreathingVerb(name);
  if (!verb && !LOOSE_GLUE.test(content.slice(name.end, after))) return true;
  if (verb && !BREATHER.test(content.slice(0, name.begin))) return false;
  return AFTER_LOOSE_READING.test(content.slice(after)) && !NOT_THE_CREWS_READING.test(content);
}

/** A number said as a span of time is no reading: "breathing maybe 30 seconds of apnea", "pulse roughly 20 minutes ago". */
const TIME_SPANS = ['seconds?', 'secs?', 'minutes?', 'mins?', 'hours?', 'hrs?', 'days?', 'weeks?', 'months?', 'years?'];
const NOT_A_SPAN = String.raw`(?!\s*(?:${TIME_SPANS.join('|')})\b)`;

const COMPILED = PATTERNS.map((p) => ({
  ...p,
  // The name ends where no word character follows (a name may end in the apostrophe of a dropped g).
  re: new RegExp(String.raw`\b(${p.name})(?!\w)${GLUE}(${p.value})(?![\d\/]|\.\d)${NOT_A_SPAN}(?:\s*(${p.unit ?? '(?!)'}))?`, 'gid'),
}));

/**
 * "P 96, R 18" in a vitals list: a capital P or R right after a list separator (or opening the
 * sentence). Case-sensitive so the letters inside ordinary words and sides ("r arm") do not count.
 */
const LETTER_VITALS = /(?:^|[,;]\s*)(P|R)\s+(\d{1,3})\b(?![\d/.]|\s*(?:mg|mcg|ml|ga|gauge|l\b))/dg;

/**
 * "VS 158/92, 96, 20, 95% RA": after "VS" or "vitals", an unlabelled list in the charting order
 * BP, HR, RR, SpO2.
 */
// The pulse may carry its quality ("98 irreg", "110 thready").
const VITALS_LIST = new RegExp(
  String.raw`\b(VS|V\/S|vitals|vital signs)[:\s]+(\d{2,3}\s*\/\s*\d{2,3})\s*,\s*(\d{2,3})(?:\s+[a-z]+)?` +
    // The respirations may be the ventilator's ("16 on vent").
    String.raw`\s*,\s*(\d{1,2})(?:\s+(?:on\s+(?:the\s+)?)?(?:vent|ventilator|bvm|bagged|assisted))?\s*,\s*(\d{2,3})\s*(?:%|percent)`,
  'dgi',
);
const LIST_ORDER: readonly VitalKind[] = ['bp', 'hr', 'rr', 'spo2'];

/**
 * Vitals said without their names: "172 over 100" or "132/76" (a plausible systolic over diastolic,
 * checked below) is a blood pressure; "94 percent on room air" (a percentage on what the patient
 * breathes) is the saturation.
 */
const BARE_BP = /\b(\d{2,3}\s*(?:over|\/)\s*\d{2,3})\b(?![/\d]|\s*(?:mg|mcg|ml|minutes?|seconds?|hours?)\b)/dgi;
const BREATHING_ON = anyOf([
  'room air',
  'ra',
  'oxygen',
  'o2',
  String.raw`\d+\s*(?:l|liters?|lpm)`,
  'nasal cannula',
  'nc',
  'nrb',
  'non-?rebreather',
  'cpap',
  'bvm',
]);
const BARE_SPO2 = new RegExp(String.raw`\b(\d{2,3})\s*(?:%|percent)(?=\s+on\s+(?:his |her |the )?(?:${BREATHING_ON})\b)`, 'dgi');
/** "pulse ox wouldn't read on his fingers so we got 93 percent on his earlobe": the probe named, then its percentage. */
const PROBE_THEN_SPO2 = /\b(?:pulse ox|pulse oximeter|spo2|sat probe)\b[^.;\d]{0,60}?\b(\d{2,3})\s*(?:%|percent)/dgi;

/**
 * "saturation first not reading because of cold fingers, on the ear it is 93%", "sats would not read on his fingers, got 95
 * percent on the earlobe": the saturation named, the finger not reading, then the percentage read on another site. Only with
 * the site said with it: "sats not reading, burns over 20% of his body" reads none.
 */
const NOT_READ = `(?:${[
  ...['not reading', 'no reading', "would(?:n't| not) read"],
  ...["could(?:n't| not) (?:read|get)", "can(?:'|no)?t (?:read|get)", 'unable to (?:read|get)'],
].join('|')})`;
const OTHER_SITE = String.raw`(?:ear ?lobes?|ears?|forehead|toes?|nose)`;
const SPO2_NAMED_NOT_READ = String.raw`\b(?:saturations?|sats?|spo2|pulse ox)\b[^.;\d]{0,50}?\b${NOT_READ}\b[^.;\d]{0,60}?`;
const SPO2_ON_SITE = new RegExp(
  String.raw`${SPO2_NAMED_NOT_READ}\bon (?:the|his|her) ${OTHER_SITE}\b[^.;,\d]{0,12}?\b(\d{2,3})\s*(?:%|percent)`,
  'dgi',
);
const SPO2_GOT_ON_SITE = new RegExp(
  String.raw`${SPO2_NAMED_NOT_READ}\bgot (\d{2,3})\s*(?:%|percent)(?=\s+on (?:the|his|her) ${OTHER_SITE}\b)`,
  'dgi',
);

/** "8 out of 10" said before the word pain ("an 8 out of 10 chest pain"). */
const PAIN_FIRST = /\b(\d{1,2}\s*(?:\/|out of)\s*10)\b(?=[^.;]*?\b(pain)\b)/dgi;

/**
 * What every reading below needs: a digit, or a glucose meter's "high" or "low". A line with neither (over a quarter of the bench's lines)
 * holds no vital, and is passed over without a scan per pattern.
 */
const MAY_HOLD_A_READING = /\d|high|low/i;

export function extractVitals(segmentId: string, content: string): VitalFact[] {
  if (!MAY_HOLD_A_READING.test(content)) return [];
  const out: VitalFact[] = [];
  const taken: Array<[number, number]> = [];
  const free = (b: number, e: number) => taken.every(([tb, te]) => e <= tb || b >= te);
  for (const p of COMPILED) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(content); m !== null; m = p.re.exec(content)) {
      const name = spanOf(segmentId, content, m, 1);
      const valueSpan = spanOf(segmentId, content, m, 2);
      if (!name || !valueSpan || !free(valueSpan.begin, valueSpan.end)) continue;
      const first = Number(/\d+(?:\.\d+)?/.exec(valueSpan.text)?.[0] ?? NaN);
      if (!Number.isNaN(first) && (first < p.range[0] || first > p.range[1])) continue;
      if (p.kind === 'pain' && /\bno pain\b/i.test(content.slice(Math.max(0, name.begin - 3), name.end))) continue;
      // "not breathing at 14 Birchwood Lane": a vital said to be absent has no reading after it.
      if (/\b(?:not|no)\s+$/i.test(content.slice(Math.max(0, name.begin - 4), name.begin))) continue;
      if (p.kind === 'bp' && /\sto\s/.test(valueSpan.text) && !pressureSaidTo(valueSpan.text, content.slice(0, valueSpan.begin))) continue;
      const unitSpan = spanOf(segmentId, content, m, 3);
      if (!looseReadingHolds(content, name, unitSpan?.end ?? valueSpan.end)) continue;
      // The verb takes its rate said right after it: "he breathes, 30 compressions" is no rate.
      if (isBreathingVerb(name) && !/^\s+$/.test(content.slice(name.end, valueSpan.begin))) continue;
      taken.push([valueSpan.begin, valueSpan.end]);
      out.push({
        kind: p.kind,
        value: normaliseVitalValue(p.kind, valueSpan.text),
        unit: unitSpan?.text.toLowerCase() ?? null,
        name,
        valueSpan,
        unitSpan,
      });
    }
  }
  LETTER_VITALS.lastIndex = 0;
  for (let m = LETTER_VITALS.exec(content); m !== null; m = LETTER_VITALS.exec(content)) {
    const name = spanOf(segmentId, content, m, 1);
    const valueSpan = spanOf(segmentId, content, m, 2);
    if (!name || !valueSpan || !free(valueSpan.begin, valueSpan.end)) continue;
    const kind: VitalKind = name.text === 'P' ? 'hr' : 'rr';
    const value = Number(valueSpan.text);
    if (kind === 'hr' ? value < 15 || value > 260 : value < 2 || value > 70) continue;
    taken.push([valueSpan.begin, valueSpan.end]);
    out.push({ kind, value: valueSpan.text, unit: null, name, valueSpan, unitSpan: null });
  }
  VITALS_LIST.lastIndex = 0;
  for (let m = VITALS_LIST.exec(content); m !== null; m = VITALS_LIST.exec(content)) {
    const name = spanOf(segmentId, content, m, 1);
    LIST_ORDER.forEach((kind, i) => {
      const valueSpan = spanOf(segmentId, content, m, i + 2);
      if (!name || !valueSpan || !free(valueSpan.begin, valueSpan.end)) return;
      taken.push([valueSpan.begin, valueSpan.end]);
      out.push({ kind, value: normaliseVitalValue(kind, valueSpan.text), unit: null, name, valueSpan, unitSpan: null });
    });
  }
  const bare = (re: RegExp, kind: VitalKind, range: readonly [number, number]) => {
    re.lastIndex = 0;
    for (let m = re.exec(content); m !== null; m = re.exec(content)) {
      const valueSpan = spanOf(segmentId, content, m, 1);
      if (!valueSpan || !free(valueSpan.begin, valueSpan.end)) continue;
      const [first, second] = (valueSpan.text.match(/\d+/g) ?? []).map(Number);
      if (first === undefined || first < range[0] || first > range[1] || (second !== undefined && (second < 20 || second >= first)))
        continue;
      taken.push([valueSpan.begin, valueSpan.end]);
      out.push({ kind, value: normaliseVitalValue(kind, valueSpan.text), unit: null, name: valueSpan, valueSpan, unitSpan: null });
    }
  };
  bare(BARE_BP, 'bp', [60, 260]);
  bare(BARE_SPO2, 'spo2', [50, 100]);
  bare(PROBE_THEN_SPO2, 'spo2', [50, 100]);
  bare(SPO2_ON_SITE, 'spo2', [50, 100]);
  bare(SPO2_GOT_ON_SITE, 'spo2', [50, 100]);
  PAIN_FIRST.lastIndex = 0;
  for (let m = PAIN_FIRST.exec(content); m !== null; m = PAIN_FIRST.exec(content)) {
    const valueSpan = spanOf(segmentId, content, m, 1);
    const name = spanOf(segmentId, content, m, 2);
    if (!valueSpan || !name || !free(valueSpan.begin, valueSpan.end)) continue;
    taken.push([valueSpan.begin, valueSpan.end]);
    out.push({ kind: 'pain', value: normaliseVitalValue('pain', valueSpan.text), unit: null, name, valueSpan, unitSpan: null });
  }
  return out.sort((a, b) => a.valueSpan.begin - b.valueSpan.begin);
}

import {
  CORRECTION_CUE_WORDS,
  CORRECTION_SOURCE_WORDS,
  HOME_MEDICATIONS,
  LOOSE_CUE_WORDS,
  MEDICATIONS,
  PROCEDURES,
  readSpokenNumbers,
  SAID_WORDS,
  SORRY_AS_FEELING_AFTER,
  vitalKindOf,
} from '@medicdraft/healthscribe-documents';

/**
 * Spoken corrections inside one dictated sentence: "BP 142 over 80, correction, 162 over 80",
 * "at 2224, scratch that, 2226", "glucose 112, scratch that, glucose 121", "CPAP at 7.5, I mean
 * 10". The later value wins: the retracted value and the cue are removed from the sentence the
 * narrative and the fact readers see (the transcript segment itself is the unchanged evidence).
 * Only a value replacing a value is a correction, so "I mean she was confused" stays as said.
 */
/**
 * "let me back up, it was 0615": a cue only with the value said next. Told as a story ("let me back up, prior to that we gave
 * aspirin at 1410", "let me go back, on arrival BP was 180/100") it goes back in time, and both values stand.
 */
const VALUE_NEXT = String.raw`(?=,?\s+(?:(?:it|that)(?:['’]s|\s+was|\s+is)\s+)?(?:an?\s+|at\s+)?\d)`;
/**
 * "go back on that" after "to" or a verb of will or need is going back on a medication or oxygen, no cue: "was told to go
 * back on that", "he will go back on that monday".
 */
const RESTART_BEFORE_GO_BACK = ['to', 'will', 'would', 'should', 'could', 'can', 'gonna', 'wanna', 'may', 'might', 'must', 'not', 'never'];
const restartGuarded = (cue: string) =>
  cue === 'go back on that' ? String.raw`(?<!\b(?:${RESTART_BEFORE_GO_BACK.join('|')})\s)${cue}` : cue;
/** What an owned error calls what was said: one list for the cue below, the repair words and `OWNED_ERROR`. */
const ERROR_WORDS = String.raw`(?:wrong|not right|incorrect)`;
/** Right after an owned error, the value said again, maybe after its subject: "… wrong she is 54", "… wrong it was 62". */
const VALUE_SAID_AGAIN = String.raw`\s+(?:(?:it|that|he|she|they)(?:['’]s|\s+was|\s+is)\s+)?\d`;
const PLAIN_CUE_WORDS =
  // A cue with what it takes back: "correction on that", "strike the last", "scratch the last one".
  // Before "correction" alone, so the longer cue is taken whole.
  String.raw`correction (?:on|to) (?:that|this|the last(?: one)?)|(?:strike|scratch) the last(?: one| part| entry)?|` +
  `${[...CORRECTION_CUE_WORDS.map(restartGuarded), ...LOOSE_CUE_WORDS].join('|')}|` +
  // "no, hold on, right arm", "right forearm, no, hang on, left forearm"; not "hold on to the rail".
  String.raw`no,? wait|wait,? no|no,? (?:hold|hang) on(?! to\b)|(?:hold|hang) on,? no|or rather|let me rephrase|` +
  String.raw`let me (?:back up|go back)${VALUE_NEXT}|let me (?:fix|correct|redo) that|` +
  String.raw`(?:hold on,? )?that['’]?s wrong|` +
  // An error owned in other words: "that was wrong", "that is not right", "that's incorrect", "I was wrong". The phrase
  // ends there or the value is said again right after it ("sorry that was wrong she's 22 months"): "that was wrong
  // medication per daughter" says what was wrong.
  String.raw`(?:that(?:['’]s|\s+was|\s+is)|i\s+was)\s+${ERROR_WORDS}` +
  String.raw`(?=\s*(?:[,;:—–-]|$)|${VALUE_SAID_AGAIN})|` +
  // "no, is wrong": the speaker's subject left out, as a second-language speaker says it.
  // The phrase ends there: "no, it was wrong medication per daughter" says what was wrong, no cue.
  // Said without punctuation the value said again may follow at once: "she is 45 years no is wrong she is 54 years old".
  String.raw`no,? (?:that |it )?(?:is|was) wrong(?=\s*(?:[,;:—–-]|$)|${VALUE_SAID_AGAIN})|` +
  // "at 06:12, is not right, was 06:21": the subject left out again, the value said after "was". Only set off by a comma: "the
  // dose is not right, was too much" says what was wrong.
  String.raw`(?<=[,;]\s*)is not right,?\s+was(?=\s+\d)|` +
  // "sorry, I say wrong, 5 mg": the error owned in the present tense; set off by a comma, so not "she says I say his name wrong"
  // or "daughter said I said it wrong".
  String.raw`(?<=(?:^|[,;:—–-])\s*(?:sorry,?\s+)?)i (?:say|said) (?:it |that )?${ERROR_WORDS}(?=\s*[,;:—–-])|` +
  String.raw`perd[oó]n|pardon|` +
  // The error named by what went wrong, the speaker's own: "sorry, misread, BP 162/96", "I misspoke, 4 mg". Not someone else's
  // ("she misread it, it was 2 mg", "maybe he misread the label").
  String.raw`(?:(?<=(?:^|[,;:.!?])\s*)|i\s+)(?:misread|misspoke|misheard|mis-spoke)(?: (?:that|it|the \w+))?|` +
  // A formal retraction: "to amend my earlier statement", "please disregard the dose I just stated, because", "ignore that".
  String.raw`(?:to |let me )?amend my (?:earlier|previous|last) (?:statement|entry)|let me correct myself|(?:please )?ignore that|` +
  // "I need to amend that: the dose administered was 350 mg": the speaker's own, closed by a mark ("we need to amend that order"
  // is no cue).
  String.raw`i (?:need|have|want) to amend that(?=\s*[:,;.—–-])|` +
  String.raw`(?:please )?disregard (?:that|this|the last (?:one|value|number|dose|time)|what i (?:just )?(?:said|stated)|` +
  String.raw`the \w+ i just (?:stated|said|gave|called out|mentioned))(?:,? because)?`;
/** Routes a correction may say again ("IV, no, IM"). */
const ROUTE_WORDS = 'IV|IO|IM|IN|SL|PO|SQ|SC|PR|intravenous|intramuscular|intraosseous|intranasal|sublingual|subcutaneous';
/** A side or a route said again after "actually it was": not "IN", "PO" or "PR", which are also words of a clause. */
const SAID_AGAIN_WORDS = 'left|right|IV|IM|IO|SL|SQ|intravenous|intramuscular|intraosseous|intranasal|sublingual|subcutaneous';
/** A clock time said in words, the hour and then its minutes: "twelve thirty", "four forty five", "nine oh five". */
const SPOKEN_HOUR = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen';
const SPOKEN_MINUTES =
  String.raw`(?:oh[\s-](?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|` +
  String.raw`seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)`;
/** A 24-hour time's hour said with its zero: "zero three twenty six", "oh four ten". */
const ZERO_HOUR = String.raw`(?:zero|oh)[\s-](?:one|two|three|four|five|six|seven|eight|nine)`;
const SPOKEN_CLOCK = String.raw`(?:${ZERO_HOUR}|${SPOKEN_HOUR}|nineteen|twenty(?:[\s-](?:one|two|three))?)[\s-]+${SPOKEN_MINUTES}`;
/** Numbers said in words ("twenty-five", "two point five"): a correction may be spoken either way. */
const NUMBER_WORD =
  '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|' +
  'eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|point|half)';
/** "1 and a half": one number (in words, "two and a half" is read downstream as "two", so it is left as said). */
const AND_A_HALF = String.raw`(?:\s+and\s+a\s+(?:half|quarter))?`;
/** A number may be written with thousands separators: "1,200 units per hour" is one value, not "1" and "200". */
const NUMBER =
  String.raw`(?:\d{1,2}:\d{2}|\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?${AND_A_HALF}|` +
  String.raw`${NUMBER_WORD}(?:[\s-]+${NUMBER_WORD})*)`;
/** Units a corrected value is said with (one list for every rule here); "L" and "J" only where a number precedes them. */
const UNITS = [
  // A laboratory value's unit before the dose unit it starts with ("mg/dL" is not "mg").
  ...[String.raw`mmol\/l`, String.raw`mg\/dl`, String.raw`meq\/l`, 'mmol'],
  ...['%', 'percent', 'mg', 'milligrams?', 'mcg', 'micrograms?', 'mics?', 'mikes?', 'ml', 'milliliters?', 'liters?', 'cm'],
  ...['joules', 'bpm', 'mmhg', 'feet', 'ft', 'units?', 'meq', 'milliequivalents?'],
  // A weight: "about 30 kilos, make that 35", "180 pounds, I mean 210".
  ...['kg', 'kgs', 'kilos?', 'kilograms?', 'lbs?', 'pounds?'],
].join('|');
/** Words of a dose taken at home, earlier or by someone else. */
const HOME_DOSE_WORDS = [
  ...['at home', 'home', 'last dose', 'took', 'taken', 'takes', 'take', 'used', 'uses', 'family', 'husband', 'wife', 'mom'],
  ...['dad', 'bystander', 'own', 'prior', 'before', 'earlier', 'already'],
].join('|');
/** A number said in words and its unit: "fifty micrograms", "two and a half mg". */
const WORDS_NUMBER_WITH_UNIT = String.raw`${NUMBER_WORD}(?:[\s-]+${NUMBER_WORD})*\s+(?:${UNITS})\b(?!\s+of\b)`;
/**
 * Words people also use for other things, cues only right before a number, and then only for a value of the same shape:
 * "at 2231, actually it was 2229", "1000 mL, oh wait, it was a 500 mL bolus", "740 Greer Street, no, it was 704 Greer
 * Street", "ondansetron 8 milligrams no 4 milligrams", "53, no, 55 y/o"; "actually", "oh wait" or "no" alone is how people talk.
 */
const HEDGED_CUE_WORDS =
  // A dose said in words with its unit may follow too ("5 milligrams actually it was two and a half milligrams").
  String.raw`(?:actually|(?:oh,? )?wait|no),? (?:it|that) was(?=\s+(?:an? )?(?:\d|${SPOKEN_CLOCK}\b))|` +
  // A clock time said again as an estimate ("onset at approximately 06:30, actually it was closer to 06:45"); only a time ("wait, it
  // was more like 88% on room air before the oxygen" is another reading).
  String.raw`(?:actually|(?:oh,? )?wait|no),? (?:it|that) was (?:closer to|more like)` +
  String.raw`(?=\s+(?:(?:[01]?\d:[0-5]\d|(?:[01]\d|2[0-3])[0-5]\d)\b|${SPOKEN_CLOCK}\b))|` +
  // A pressure said in words ("one hundred twenty eight over seventy actually it was one hundred thirty eight over seventy").
  String.raw`(?:actually|(?:oh,? )?wait),? (?:it|that) was(?=\s+${NUMBER_WORD}(?:[\s-]+${NUMBER_WORD})*\s+over\s+${NUMBER_WORD}\b)|` +
  // Not after a dose taken at home or by someone else ("she took zofran at home actually it was eight milligrams", "her last
  // dose at home actually it was two milligrams of dilaudid"): that dose is corrected, not the crew's.
  String.raw`(?<!\b(?:${HOME_DOSE_WORDS})\b[^.;]{0,80})(?:actually|(?:oh,? )?wait|no),? (?:it|that) was(?=\s+${WORDS_NUMBER_WITH_UNIT})|` +
  String.raw`no(?=,?\s+\d)|` +
  // "one sixty over ninety actually one fifty over ninety": "actually" right before a value, which must have the shape of
  // the value right before it (a pair for a pair, a time for a time, a dose in the same unit).
  String.raw`actually(?=,?\s+${NUMBER})|` +
  // "on the right thigh, actually it was the left": a side or a route said again after "actually it was" (the article goes
  // with the cue); the word must differ from one said before it, else nothing is swapped. The word ends its clause: "actually
  // it was the left that hurt more", "actually it was IO that worked" say more of another thing.
  String.raw`(?:actually|(?:oh,? )?wait),? (?:it|that) was(?: the)?(?=\s+(?:${SAID_AGAIN_WORDS})(?:\s+(?:side|one))?\s*(?:[,.;!?]|$))|` +
  // "Benadryl 50 IV, no, IM.": a route said again after "no," only when it is all that is said and the sentence ends;
  // followed by more words ("no, IO established right tibia", "no, IV epi was not indicated") it starts another clause.
  String.raw`no(?=,\s+(?:${ROUTE_WORDS})\s*(?:[.!?]\s*)?$)`;
const CUE_WORDS = `${PLAIN_CUE_WORDS}|${HEDGED_CUE_WORDS}`;
const PLAIN_CUE = new RegExp(String.raw`\b(?:${PLAIN_CUE_WORDS})\b`, 'i');
/**
 * Cues said together ("no, sorry, correction", "sorry, scratch that") are one correction. The comma or semicolon said
 * before the cue goes with it ("33.2 degrees; correction, 34.2 degrees"), so the value before it ends what was said.
 */
/**
 * Hesitations said right before a cue go with it ("HR 118, wait, let me fix that, 128"): without a cue after them they are
 * nothing, so only with one.
 */
const HESITATIONS = ['uh', 'um', 'er', 'wait', 'hold on', 'hang on', 'oops', 'whoops'];
const CUE = new RegExp(
  String.raw`[,;]?\s*\b(?:(?:${HESITATIONS.join('|')}),?\s+)*(?:no,?\s+)?(?:${CUE_WORDS})\b(?:[,:]?\s*\b(?:${CUE_WORDS})\b)*` +
    String.raw`(?:\s+per\s+(?:the\s+|my\s+)?(?:${CORRECTION_SOURCE_WORDS.join('|')}))?[,:]?\s*`,
  'gi',
);
/** A value as dictated: "142 over 80", "150/90", "8 out of 10", "7.5", "0314", "13:00", "one twenty", "fifty". */
const VALUE = String.raw`${NUMBER}(?:\s*(?:\/|over|out of)\s*${NUMBER})?`;
/** A dose per weight or per time is the dose's unit ("mg/kg", "mcg/min", "mcg/kg/min"). */
const PER_TIME = String.raw`(?:\/kg(?:\/(?:min|hr|h))?|\/(?:min|hr|h)|\s+per\s+(?:kg|hour|hr|minute|min))?`;
/** Every value of a text, to count them: a restart may not withdraw more values than it says. */
const EVERY_VALUE = new RegExp(String.raw`(?<![\p{L}\d.])${VALUE}(?![\p{L}\d]|\.\d)`, 'giu');
const valueCount = (t: string) => [...t.matchAll(EVERY_VALUE)].length;
/** Any drug the formulary or the home-medication list knows, by any of its names: "on aspirin, scratch that, Plavix". */
const DRUG = [...MEDICATIONS, ...HOME_MEDICATIONS].flatMap(([, names]) => names).join('|');
const DRUG_NAMED = new RegExp(String.raw`\b(?:${DRUG})\b`, 'gi');
/**
 * Where the phrase of the last drug named in `before` starts (0 when none): its clause, after any drug before it.
 * A dose or route said after the cue is that drug's ("metoprolol 25 mg, lisinopril 10, sorry, 20 mg" is lisinopril's).
 */
const lastDrugPhrase = (before: string) => {
  const drugs = [...before.matchAll(DRUG_NAMED)];
  const last = drugs.at(-1);
  if (last === undefined) return 0;
  const previous = drugs.at(-2);
  const clause = Math.max(
    before.lastIndexOf(',', last.index),
    before.lastIndexOf(';', last.index),
    before.lastIndexOf(' and ', last.index),
  );
  return Math.max(clause + 1, previous === undefined ? 0 : previous.index + previous[0].length);
};
const VALUE_UNITS = String.raw`(?:${UNITS})${PER_TIME}`;
const HAS_VALUE = new RegExp(String.raw`(?<![\p{L}])${VALUE}(?![\p{L}])`, 'iu');
const VALUE_AT_END = new RegExp(String.raw`(?<![\p{L}])(${VALUE})(\s*(?:${VALUE_UNITS})?)\s*$`, 'iu');
const VALUE_AT_START = new RegExp(String.raw`^((?:[A-Za-z][\w'’-]*\s+){0,3}?)(${VALUE})(?![\p{L}])`, 'iu');

export interface CorrectedSentence {
  text: string;
  /** How many corrections were applied. */
  corrections: number;
  /** Cues before a value said again that were left as said because the words after it may make it a second reading. */
  unconfirmed?: number;
}

const UNIT_WORDS = String.raw`${UNITS}|L|J`;
const UNIT_AFTER = new RegExp(String.raw`^\s*((?:${UNIT_WORDS})${PER_TIME})(?![\w])`, 'i');
/** Units of one quantity correct each other: "500 mL, I mean 1 liter" is the same volume said again. */
const unitKey = (u: string) =>
  u
    .trim()
    .toLowerCase()
    .replace(/^milligrams?$/, 'mg')
    .replace(/^(?:micrograms?|mics?|mikes?)$/, 'mcg')
    .replace(/^(?:feet|ft)$/, 'ft')
    .replace(/^units?$/, 'unit')
    .replace(/^(?:meq|milliequivalents?)$/, 'meq')
    .replace(/^(?:kgs?|kilos?|kilograms?)$/, 'kg')
    .replace(/^(?:lbs?|pounds?)$/, 'lb')
    // Per weight is the same quantity ("0.01 mg/kg, I mean 1 mg"); per time is a rate, another one.
    .replace(/\s*(?:\/|\s+per\s+)kg\b/, '')
    .replace(/\/.*$/, '/rate')
    .replace(/\s+per\s+.*$/, '/rate')
    .replace(/^(?:ml|milliliters?|l|liters?)$/, 'volume');

/**
 * "Narcan 2 mg IN at 2149, scratch that, 4 mg IN": the value said after the cue has a unit the
 * last value before it lacks, so it corrects the last value with that unit ("2 mg"), not the time.
 * The words repeated after it ("IN") are already in the sentence. Null when this does not apply.
 */
function valueOfSameUnit(before: string, oldUnit: string, after: string, replacement: RegExpExecArray): string | null {
  const unit = UNIT_AFTER.exec(after.slice(replacement[0].length));
  if (!unit?.[1] || unitKey(unit[1]) === unitKey(oldUnit)) return null;
  const phrase = lastDrugPhrase(before);
  const sameUnit = [...before.matchAll(new RegExp(String.raw`(${VALUE})(\s*)(${UNIT_WORDS})(?![\w])`, 'gi'))].filter(
    // A rate ("2 units per hour") is not the same quantity as a dose said without one ("10 units bolus").
    (m) =>
      unitKey(m[3] ?? '') === unitKey(unit[1] ?? '').replace('/rate', '') &&
      m.index >= phrase &&
      /^\s*(?:\/|per\s)/i.test(before.slice(m.index + m[0].length)) === unitKey(unit[1] ?? '').endsWith('/rate'),
  );
  const target = sameUnit.at(-1);
  if (!target || (replacement[1] ?? '').trim() !== '') return null;
  const rest = after.slice(replacement[0].length + unit[0].length);
  // The words right after the new value that repeat, in order, what followed the old one ("…, scratch that,
  // 4 mg IN") are already in the sentence; what follows them is new ("…, twenty-five mics, she's 41 kilos.", a run-on's
  // "1 liter bolus wide open") and stays.
  const followedWords = (before.slice(target.index + target[0].length).match(/[\p{L}\d]+/gu) ?? []).map((w) => w.toLowerCase());
  let head = '';
  let n = 0;
  for (const w of rest.matchAll(/[\s,]*([\p{L}\d]+)/gu)) {
    if ((w[1] ?? '').toLowerCase() !== followedWords[n]) break;
    head = rest.slice(0, w.index + w[0].length);
    n++;
  }
  // The new value keeps the unit it was said with ("1 liter" replaces "500 mL").
  const corrected = `${replacement[2] ?? ''}${unit[0]}`;
  // "Adenosine 6 mg at 1215, sorry, 12 mg at 1217": every word after the old value said again, a number changed with it,
  // is the whole phrase said again; it replaces the phrase (splicing "at 1217" in beside "at 1215" would keep both times).
  if (parallelWords(followedWords, rest)) return `${before.slice(0, target.index)}${corrected}${rest}`;
  // A word of the kind one after the old value had ("4 L NC, sorry, 15 L NRB") replaces it.
  const [kept, tail] = swapSameKind(before.slice(target.index + target[0].length), rest.slice(head.length));
  const ending = tail === '' ? (/[.!?]\s*$/.exec(rest)?.[0] ?? '') : '';
  // New words that continue the dose ("1 liter bolus wide open") go right after the words they repeat;
  // a new clause (", she weighs 41 kilos.") goes at the end.
  if (tail !== '' && !/^\s*[,;.!?]/.test(tail) && !/\d/.test(tail)) {
    const at = head === '' ? 0 : lastWordEnd(kept, head);
    return `${before.slice(0, target.index)}${corrected}${kept.slice(0, at)}${tail.replace(/[.!?]\s*$/, '').trimEnd()}${kept.slice(at)}`;
  }
  const gap = tail === '' || /^[\s,;.!?]/.test(tail) ? '' : ' ';
  return `${before.slice(0, target.index)}${corrected}${tail === '' ? kept : kept.replace(/[.!?]\s*$/, '')}${gap}${tail}${ending}`;
}

/** `rest` says every one of `words` again in order, a number (but at least one) in place of a number. */
function parallelWords(words: readonly string[], rest: string): boolean {
  const said = wordsOf(rest);
  if (words.length === 0 || said.length < words.length) return false;
  const numeric = (w: string) => /^\d+(?:[.:]\d+)?$/.test(w);
  const pairs = words.map((w, i) => [w, said[i] ?? ''] as const);
  return pairs.every(([a, b]) => a === b || (numeric(a) && numeric(b))) && pairs.some(([a, b]) => a !== b);
}

/**
 * Routes a recogniser writes in lower case that are no other word: not "in", "po", "pr", which are, nor "im" where it is
 * "I'm" without its apostrophe ("sorry im not sure of the time").
 */
const LOWER_CASE_ROUTES = ['iv', 'io', 'sl', 'sq'];
/**
 * "im" is a route only where a route's words go on: at the end, before a number, a time or a site ("scratch that im at
 * 0229", "sorry im in the thigh"). Before anything else it is "I'm" ("sorry im guessing on the time", "im unable to recall").
 */
const IM_AS_ROUTE_BEFORE = [
  ...['at', 'in', 'into', 'to', 'x', 'no', 'route', 'injection', 'instead', 'given', 'and', 'then', 'with', 'via'],
  ...['lateral', 'left', 'right', 'deltoid', 'thigh'],
];
const LOWER_CASE_ROUTE = new RegExp(
  String.raw`\b(${LOWER_CASE_ROUTES.join('|')}|im(?=\s*(?:[,;.!?]|$)|\s+(?:\d|(?:${IM_AS_ROUTE_BEFORE.join('|')})\b)))\b`,
  'g',
);
/** Words of one kind a correction swaps: the route ("IV, scratch that, IM") and the side ("left, I mean right"). */
const WORD_KINDS: readonly RegExp[] = [
  /\b(IV|IO|IM|IN|SL|PO|SQ|SC|PR|ET|intravenous|intramuscular|intraosseous|intranasal|sublingual|subcutaneous)\b/g,
  LOWER_CASE_ROUTE,
  /\b(left|right)\b/gi,
  // The side written as charting writes it ("R wrist pain, strike that, L wrist pain"): capitals only.
  // Not after a number, where L is litres ("O2 15 L NRB, sorry, R radial pulse weak").
  /(?<!\d\s*)\b(L|R)\b/g,
];
/** How oxygen is given: swapped only with the flow said first ("4 L NC, sorry, 15 L NRB"), never on its own. */
const O2_DEVICE = /\b(NC|NRB|nasal cannula|non[- ]?rebreather(?: mask)?|simple mask|venturi mask|blow-?by)\b/gi;

/**
 * Words that lead into a side or route said again, naming nothing: "sorry, that was her right side", "wait, no, the right",
 * "sorry, it's the right knee".
 */
const SIDE_LEAD_IN = /^(?:((?:it|that)(?:['’]s|\s+was|\s+is))\s+)?(?:(?:on\s+)?(?:the|his|her|their)\s+)?(?=\S)/i;
/** Who told a value, said right before it ("daughter says left wrist"): a side said again after it is no retraction. */
const TELLER_BEFORE = new RegExp(String.raw`\b(?:${[...SAID_WORDS, 'states', 'stated', 'per', 'told'].join('|')})\b`, 'i');

/**
 * Words that go on about the side just said again ("… the right side that got hit first", "… the right knee is swollen", "…
 * the right wrist fine", "… the right knee worse than the left"): a finding or a comparison of that side, not the next one.
 */
const SAYS_MORE_OF_IT = new RegExp(
  String.raw`^\s*(?:that|which|who|is|was|are|were|has|had|have|too|also|as well|got|gets|hurts?|felt|feels|looks?|seems?|and|` +
    String.raw`but|or|no|not|none|without|negative|fine|ok|okay|normal|unremarkable|intact|clear|equal|strong|weak|worse|better|` +
    String.raw`more|less|than|compared|both|either|already|previously|dominant|per|says|said|states|\d)\b`,
  'i',
);
/** When `tail` opens with a word of a kind `kept` already has another word of, that word is swapped in `kept`. */
function swapSameKind(kept: string, tail: string): [string, string] {
  for (const kind of [...WORD_KINDS, O2_DEVICE]) {
    const said = new RegExp(String.raw`^\s*${kind.source}`, kind.flags.replace('g', '')).exec(tail);
    const old = said?.[1] ? [...kept.matchAll(kind)].at(-1) : undefined;
    if (!said?.[1] || old?.[1] === undefined || old[1].toLowerCase() === said[1].toLowerCase()) continue;
    return [`${kept.slice(0, old.index)}${said[1]}${kept.slice(old.index + old[1].length)}`, tail.slice(said[0].length)];
  }
  return [kept, tail];
}

/**
 * "Solu-Medrol 125 mg IV at 0229, scratch that, IM, no line yet": the word said right after the cue is
 * of the same kind as one before it, so it replaces the last of that kind; the rest is kept.
 */
function wordCorrected(before: string, after: string): string | null {
  const lead = SIDE_LEAD_IN.exec(after);
  const leadIn = lead?.[0] ?? '';
  for (const kind of WORD_KINDS) {
    const said = new RegExp(`^${escapeRegExp(leadIn)}${kind.source}`, kind.flags.replace('g', '')).exec(after);
    if (!said?.[1]) continue;
    const olds = [...before.matchAll(kind)].filter((m) => (m[1] ?? '').toLowerCase() !== (said[1] ?? '').toLowerCase());
    const old = olds.at(-1);
    // The word corrected is the last drug's: "diphenhydramine 50 mg IV and famotidine 20 mg, sorry, IM" swaps nothing.
    if (!old || old.index < lastDrugPhrase(before)) continue;
    // "left AC, I mean right AC": the words said again after the new word are already there.
    const followed = (before.slice(old.index + old[0].length).match(/[\p{L}\d]+/gu) ?? []).map((w) => w.toLowerCase());
    let repeated = after.slice(said[0].length);
    let saidAgain = 0;
    for (const w of followed) {
      const next = /^[\s,]*([\p{L}\d]+)/u.exec(repeated);
      if (next?.[1]?.toLowerCase() !== w) break;
      repeated = repeated.slice(next[0].length);
      saidAgain += 1;
    }
    // After a lead-in the word said again must end its clause ("that was her right side, right lower ribs"): more words
    // ("that was her right side that got hit first", "the right is fine") say something of that side. Without punctuation the
    // body part said again whole closes it ("left wrist sorry that was the right wrist | good pulses"), unless the words after it
    // go on about that side.
    // Only after the speaker's own retraction ("that was the", "it's the"): "left wrist i mean the right wrist fine" compares.
    const partSaidAgain =
      lead?.[1] !== undefined &&
      saidAgain > 0 &&
      saidAgain === followed.length &&
      !SAYS_MORE_OF_IT.test(repeated) &&
      !TELLER_BEFORE.test(before.slice(Math.max(0, old.index - 40), old.index));
    if (leadIn !== '' && !/^\s*(?:[,;.!?]|$)/.test(repeated) && !partSaidAgain) continue;
    const phrase = leadIn === '' && repeated === after.slice(said[0].length) ? sidePhraseRestarted(before, old, said, after) : null;
    if (phrase !== null) return phrase;
    // The words after it keep the separator they were said with: "intranasal i mean intramuscular in the left thigh".
    const rest =
      /^\s*[,;]/.test(repeated) || /^\s*[.!?]?\s*$/.test(repeated)
        ? repeated.replace(/^\s*,?\s*/, ', ').replace(/^, ([.!?]?\s*)$/, '$1')
        : repeated;
    // "laceration to the left hand, sorry, that was his right hand": whose it is, said with the new side, stays in place of
    // the "the" before the old one ("laceration to his right hand").
    const whose = /\b(his|her|their)\s+$/i.exec(leadIn)?.[1];
    const head = whose === undefined ? before.slice(0, old.index) : before.slice(0, old.index).replace(/\bthe(\s+)$/i, `${whose}$1`);
    return `${head}${said[1]}${before.slice(old.index + old[0].length)}${rest}`;
  }
  return null;
}

/** The most words a findings phrase said again from its first side takes back. */
const MOST_WORDS_RESTATED = 10;
/**
 * "right facial droop right arm drift, I mean left facial droop and left arm drift": the side said after the cue goes on with
 * the words that followed the first side of the old one's in the clause ("left facial" for "right facial"), so the speaker
 * says the whole phrase again from there; all of it is taken back, not only the last side. Only a short phrase of words (no
 * value in it) and only a side; null otherwise.
 */
function sidePhraseRestarted(before: string, old: RegExpExecArray, said: RegExpExecArray, after: string): string | null {
  if (!/^(?:left|right|L|R)$/i.test(old[1] ?? '')) return null;
  const next = /^\s+([\p{L}][\p{L}'’-]*)/u.exec(after.slice(said[0].length))?.[1];
  if (next === undefined) return null;
  const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), lastDrugPhrase(before) - 1) + 1;
  const sameSide = new RegExp(String.raw`\b${escapeRegExp(old[1] ?? '')}\s+${escapeRegExp(next)}\b`, 'giu');
  const first = [...before.slice(clauseStart).matchAll(sameSide)][0];
  if (first === undefined) return null;
  const withdrawn = before.slice(clauseStart + first.index);
  if (/\d/.test(withdrawn) || wordsOf(withdrawn).length > MOST_WORDS_RESTATED) return null;
  // Each finding taken back is said again, on the new side: "right radial pulse weak right pedal pulse absent, I mean left
  // radial pulse weak" says the pedal pulse nowhere again, so it is not taken back by a restart.
  const sides = (text: string, side: string) => [...text.matchAll(new RegExp(String.raw`\b${escapeRegExp(side)}\b`, 'giu'))].length;
  const restated = after.split(/[,;.!?]/)[0] ?? '';
  if (sides(restated, said[1] ?? '') < sides(withdrawn, old[1] ?? '')) return null;
  // Every finding taken back ends in a word said again ("droop", "drift"): "right facial droop slurred speech right arm drift, i
  // mean left …" would lose "slurred speech", "… right arm drift left leg weakness" the leg.
  const restatedWords = new Set(wordsOf(restated).map((w) => w.toLowerCase()));
  const findings = withdrawn.split(/\b(?:left|right|L|R)\b/iu).slice(1);
  const lastWord = (finding: string) => wordsOf(finding.replace(/(?:\s*\b(?:and|with|or)\b|[\s,;])+$/iu, '')).at(-1);
  if (findings.length === 0 || findings.some((f) => !restatedWords.has((lastWord(f) ?? '').toLowerCase()))) return null;
  return `${before.slice(0, clauseStart + first.index)}${after}`;
}

/** `text` as a regular expression that matches it literally. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words a speaker may start a new clause with that name nothing, so they never anchor a restart. */
const NOT_ANCHORS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'the', 'a', 'an', 'and', 'at', 'to', 'of', 'is', 'was', 'that', 'this']);

/**
 * "IV 20 L hand, scratch that, 20 L forearm", "SpO2 84% RA, correction, SpO2 81% RA", "flew her to
 * St. Casimir's, scratch that, flew her to Lakeland": the speaker starts the phrase again from a word
 * already said in the same clause, so everything from that word up to the cue is withdrawn.
 */
function restated(before: string, after: string): string | null {
  const first = /^([\p{L}\d][\p{L}\d-]*)/u.exec(after)?.[1];
  if (first === undefined) return null;
  // "to Providence, sorry, to Holy Cross Hospital": "to" anchors only a place said again by its name.
  const place = first.toLowerCase() === 'to' && /^to\s+\p{Lu}/u.test(after);
  if (NOT_ANCHORS.has(first.toLowerCase()) && !place) return null;
  const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1;
  const clause = before.slice(clauseStart);
  const escaped = escapeRegExp(first);
  const anchor = place ? String.raw`to(?=\s+\p{Lu})` : escaped;
  // Not the digits after a decimal point: "5" is no restart of "2.5".
  const said = [...clause.matchAll(new RegExp(String.raw`(?<![\p{L}\d.])${anchor}(?![\p{L}\d]|\.\d)`, place ? 'gu' : 'giu'))].at(-1);
  if (said === undefined) return null;
  const withdrawn = clause.slice(said.index);
  // "BP 120/80, sorry, BP was taken on the left arm": a restart that withdraws a value says a new one, or it is no correction.
  if (HAS_VALUE.test(withdrawn) && !HAS_VALUE.test(after)) return null;
  // "bp 150/90 at 1410, sorry, bp 140/90, repeat at 1420": the label and its value said again alone in their clause take
  // back that value, not the time said with it; the later clauses stay as said.
  const againAlone = new RegExp(String.raw`^${escaped}\s+${VALUE}(?=\s*(?:[,;]|[.!?]?\s*$))`, 'iu').exec(after);
  const oldAlone = new RegExp(String.raw`^${escaped}\s+${VALUE}(?![\p{L}\d])`, 'iu').exec(withdrawn);
  if (againAlone !== null && oldAlone !== null && valueCount(withdrawn) > valueCount(againAlone[0])) {
    const kept = withdrawn.slice(oldAlone[0].length).trimEnd();
    return `${before.slice(0, clauseStart + said.index)}${againAlone[0]}${kept}${after.slice(againAlone[0].length)}`;
  }
  if (valueCount(withdrawn) > valueCount(after)) {
    // "bp 120 over 80 hr 88 rr 16 spo2 97 sorry bp 130 over 80" (no commas in recogniser text): only the vital said again goes.
    const again = new RegExp(String.raw`^${escaped}\s+${VALUE}(?=\s*[.!?]?\s*$)`, 'iu').exec(after);
    const old = new RegExp(String.raw`^${escaped}\s+${VALUE}(?![\p{L}\d])`, 'iu').exec(withdrawn);
    if (again === null || old === null) return null;
    return `${before.slice(0, clauseStart + said.index)}${again[0]}${withdrawn.slice(old[0].length)}${after.slice(again[0].length)}`;
  }
  return `${before.slice(0, clauseStart + said.index)}${after}`;
}

/** A unit said glued to its number ("2mg"). */
const GLUED_UNIT = String.raw`(?:${VALUE_UNITS})?`;
/** A value (its unit glued on or not) and the one to four words said after it, at the end of what was said before the cue. */
const VALUE_THEN_WORDS_AT_END = new RegExp(String.raw`(?<![\p{L}\d.])(${VALUE}${GLUED_UNIT})((?:\s+\p{L}[\p{L}'’-]*){1,4})\s*$`, 'iu');

/**
 * "Core temp 107.1 rectal, correction, 106.1 rectal", "87 years old, I mean 78 years old": the value is said
 * again with the same words after it, so only the value changes. Null when the words differ.
 */
function sameWordsAfter(before: string, after: string): string | null {
  const old = VALUE_THEN_WORDS_AT_END.exec(before);
  if (old === null) return null;
  const words = (old[2] ?? '').trim().split(/\s+/).map(escapeRegExp);
  // "16 in the left ac, sorry, that was 14 in the left ac": the value said again after "that was" too, and with its article
  // ("an 8 year old boy sorry that was a 9 year old boy"), which then replaces the one said before it.
  const lead = /^[\s,]*(?:(?:it|that)(?:['’]s|\s+was|\s+is)\s+)?(?<article>(?:a|an)\s+)?/i.exec(after);
  const leadIn = lead?.[0] ?? '';
  const article = lead?.groups?.article;
  const said = after.slice(leadIn.length);
  const again = new RegExp(String.raw`^${VALUE}${GLUED_UNIT}\s+${words.join(String.raw`\s+`)}(?![\p{L}\d])`, 'iu').exec(said);
  if (again === null) return null;
  const head = before.slice(0, old.index);
  if (article === undefined) return `${head}${leadIn === '' ? after : said}`;
  return /\b(?:a|an)\s+$/i.test(head) ? `${head.replace(/\b(?:a|an)\s+$/i, '')}${article}${said}` : null;
}

const DRUG_AT_END = new RegExp(String.raw`\b(?:${DRUG})\s*$`, 'i');
const DRUG_AT_START = new RegExp(String.raw`^(?:${DRUG})\b`, 'i');

/** "gave haloperidol, correction, ketamine 350 mg IM": a drug said right after the cue replaces the drug said right before it. */
function drugCorrected(before: string, after: string): string | null {
  const old = DRUG_AT_END.exec(before);
  if (old === null || !DRUG_AT_START.test(after)) return null;
  return `${before.slice(0, old.index)}${after}`;
}

/** "Gave aspirin 324 mg at 1410, my mistake, nitro 0.4 SL": a drug after the cue replaces the clause's last drug and the rest. */
function drugRestated(before: string, after: string): string | null {
  if (!DRUG_AT_START.test(after)) return null;
  const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1;
  const last = [...before.slice(clauseStart).matchAll(DRUG_NAMED)].at(-1);
  return last === undefined ? null : `${before.slice(0, clauseStart + last.index)}${after}`;
}

/** A restart from a value whose next word is the same as before ("4 mg IV …, sorry, 4 mg IM …"); null otherwise. */
function restatedWordForWord(before: string, after: string): string | null {
  const [first, second] = (after.match(/[\p{L}\d.]+/gu) ?? []).slice(0, 2);
  if (first === undefined || second === undefined) return null;
  const restart = restated(before, after);
  if (restart === null) return null;
  const withdrawnWords = (before.slice(restart.length - after.length).match(/[\p{L}\d.]+/gu) ?? []).slice(0, 2);
  return withdrawnWords[0] === first && withdrawnWords[1]?.toLowerCase() === second.toLowerCase() ? restart : null;
}

/** Units (as `unitKey` gives them) of a drug's dose or volume, never of a vital sign's reading. */
const DOSE_UNIT_KEYS = new Set(['mg', 'mcg', 'unit', 'meq', 'volume']);

/** Grams ("D50 25 g"), a dose unit the unit list leaves out (a lone "g" is also an IV gauge), read only here. */
const GRAMS = /^\s*(?:g|gm|grams?)\b/i;

/** The words right before the value `old` name a vital ("HR 110", "heart rate of 38"): its number is that reading. */
function vitalBefore(before: string, old: RegExpExecArray): boolean {
  const words = [...before.slice(0, old.index).matchAll(/[\p{L}\d]+/gu)].slice(-3);
  return words.some(
    (w) =>
      vitalKindOf(
        before
          .slice(w.index, old.index)
          .replace(/\s+(?:of|at|is|was)\s*$/i, '')
          .trim(),
      ) !== null,
  );
}

/** "HR 44, I mean pulse 54": the new value's label names the same vital as the old one's, so both go. */
function sameVitalRestated(before: string, old: RegExpExecArray, label: string, after: string): string | null {
  const kind = vitalKindOf(label);
  if (kind === null) return null;
  const words = [...before.slice(0, old.index).matchAll(/[\p{L}\d]+/gu)].slice(-3);
  for (let i = 0; i < words.length; i++) {
    const start = words[i]?.index ?? 0;
    if (vitalKindOf(before.slice(start, old.index).trim()) === kind) return `${before.slice(0, start)}${after}`;
  }
  return null;
}

/** Where, in `kept`, the last word of `head` ends (the words were found there in order). */
function lastWordEnd(kept: string, head: string): number {
  let at = 0;
  for (const w of head.match(/[\p{L}\d]+/gu) ?? []) {
    const m = new RegExp(String.raw`\b${w}\b`, 'i').exec(kept.slice(at));
    if (m) at += m.index + m[0].length;
  }
  return at;
}

/** How an age is said: "2 years old", "22 months", "4 y/o", "6 weeks old". */
const AGE_UNIT = String.raw`(?:years?[- ]old|year-old|y\/?o|yo|months?(?:[- ]old)?|weeks?(?:[- ]old)?|days?[- ]old)`;
/** Someone other than the patient: "grandson", "daughter", "brother". */
const OTHER_PERSON =
  String.raw`(?:grand\w*|son|daughter|child|children|kids?|boy|girl|brother|sister|baby|nephew|niece|mom|mother|dad|father|` +
  String.raw`wife|husband)`;
/** Not someone else's age said after the cue ("no, 3 year old grandson present"). */
const NOT_THE_PATIENT = String.raw`(?!\s+(?:grand\w*|son|daughter|child|children|kids?|boy|girl|brother|sister|baby|nephew|niece)\b)`;
/** "40 weeks pregnant", "2 weeks out from surgery": a span of time, not the patient's age. */
const NOT_A_SPAN = String.raw`(?!\s*(?:pregnant|along|gestation|out|post|postpartum|sober|clean|into|late|early|overdue|ago|since)\b)`;
/** The number and its age unit may be joined by a hyphen: "a 15-year-old", "16-year-old female". */
// "She is 45 years —": the age said in years alone after its subject, a dash left hanging before the cue.
const AGE_AT_END = new RegExp(
  String.raw`(?<![\p{L}\d.])${VALUE}[\s-]*${AGE_UNIT}\s*$|(?<=\b(?:he|she|pt|patient)\s+(?:is|was)\s+)${VALUE}\s+years?[\s—–-]*$`,
  'iu',
);
const AGE_AT_START = new RegExp(
  String.raw`^(?:(?:he|she|they)(?:['’]s|\s+is|\s+are)\s+|(?:actually|really|only|just)\s+)*` +
    String.raw`(${VALUE}[\s-]*${AGE_UNIT})(?![\p{L}])${NOT_THE_PATIENT}${NOT_A_SPAN}`,
  'iu',
);

/**
 * "She's two years old, no wait, she's actually 22 months": the age said again, in the same or another unit, after
 * its subject and "actually"; the new age replaces the old one. Null when either side is no age.
 */
function ageRestated(before: string, after: string): string | null {
  const old = AGE_AT_END.exec(before);
  const now = AGE_AT_START.exec(after);
  if (old === null || now === null || now[1] === undefined) return null;
  return `${before.slice(0, old.index)}${after.slice(now[0].length - now[1].length)}`;
}

/**
 * "Lidocaine in V4 through V6, disregard that, V3 through V6": the phrase after the cue says the last words
 * before it again with only numbered tokens changed ("V4" → "V3"), so it replaces them. Null otherwise.
 */
function parallelRestated(before: string, after: string): string | null {
  const phrase = after.slice(0, after.search(/[,;.!?]|$/));
  const said = [...phrase.matchAll(TOKEN)].map((w) => w[0]);
  if (parallelTo(before, said)) return `${before.slice(0, parallelStart(before, said.length))}${after}`;
  // Said without punctuation the next statement follows in the same run ("v2 through v4 disregard that v1 through v4
  // anterior stemi", "spo2 84 on 2 lpm make that 81 on 2 lpm etco2 58"): the longest opening of the phrase said again in
  // parallel replaces its words, unless the words after it put it at another moment or make it another reading ("6 out of
  // 10 after the fentanyl", "92 on 2 lpm after the neb").
  for (let n = Math.min(said.length - 1, 6); n >= 2; n--) {
    const opening = said.slice(0, n);
    if (!parallelTo(before, opening)) continue;
    const end = [...phrase.matchAll(TOKEN)][n - 1];
    if (end === undefined) return null;
    const more = phrase.slice(end.index + end[0].length);
    const next = wordsOf(more).slice(0, 4).join(' ');
    if (OTHER_MOMENT_NEXT.test(next) || LATER_MOMENT_NEXT.test(next) || ANOTHER_READING.test(next)) return null;
    return `${before.slice(0, parallelStart(before, n))}${after}`;
  }
  return null;
}
/** Where the last `n` words said before the cue start. */
const parallelStart = (before: string, n: number) => [...before.matchAll(TOKEN)].slice(-n)[0]?.index ?? 0;
/** `said` says the last words before the cue again, in one clause, only numbered words changed ("V4" → "V3"). */
function parallelTo(before: string, said: readonly string[]): boolean {
  const old = [...before.matchAll(TOKEN)].slice(-said.length);
  if (said.length < 2 || said.length > 6 || old.length < said.length) return false;
  if (/[,;]/.test(before.slice(old[0]?.index ?? 0))) return false;
  const differ = said.map((w, i) => [w, old[i]?.[0] ?? ''] as const).filter(([a, b]) => a.toLowerCase() !== b.toLowerCase());
  return differ.length > 0 && differ.every(([a, b]) => /\d/.test(a) && /\d/.test(b));
}
const TOKEN = /[\p{L}\d'’-]+/gu;

/** Every value of a text with its unit, never the digits of a word ("SpO2", "V4"). */
const VALUE_AND_UNIT = String.raw`(${VALUE})(\s*(?:${UNIT_WORDS})${PER_TIME})?(?![\w]|\.\d)`;
const VALUES_APART = new RegExp(String.raw`(?<![\p{L}\d.])${VALUE_AND_UNIT}`, 'giu');
/** Values of one shape: two clock times, two pairs ("150 over 90"), or two amounts in units of one quantity. */
function sameKindOfValue(a: RegExpExecArray, b: RegExpExecArray): boolean {
  const [was, now] = [(a[1] ?? '').trim(), (b[1] ?? '').trim()];
  const [oldUnit, newUnit] = [(a[2] ?? '').trim(), (b[2] ?? '').trim()];
  if (CLOCK.test(was) || CLOCK.test(now)) return CLOCK.test(was) && CLOCK.test(now) && oldUnit === '' && newUnit === '';
  if (PAIR.test(was) || PAIR.test(now)) return PAIR.test(was) && PAIR.test(now);
  return oldUnit !== '' && newUnit !== '' && unitKey(oldUnit) === unitKey(newUnit);
}

/**
 * Words that only take back what was just said ("wait", "hold on", "actually", "rather", "sorry", "I mean", "oops"),
 * with fillers said among them ("uh", "oh", "no"). Not "hang" or "wait" alone as verbs ("hang a liter", "wait for PD"),
 * not "check that" (a recheck), not words that point back at something ("gave fentanyl for that").
 */
const REPAIR_PHRASES = [
  // All but "i misspoke": a sentence opening with it is not read as a repair of the one before.
  ...CORRECTION_CUE_WORDS.filter((cue) => cue !== 'i misspoke'),
  ...LOOSE_CUE_WORDS,
  ...['wait(?: a (?:sec(?:ond)?|minute))?', 'hold on', 'hang on', 'actually', 'rather', 'make it'],
  ...['oops', 'whoops'],
  ...[String.raw`let me (?:correct|fix|redo) (?:that|this|myself)`, 'wrong(?: number)?'],
  String.raw`i (?:read|said|wrote) (?:that|it)(?: down)? wrong|i misread (?:that|it)`,
  // A verb of undoing with what it undoes ("strike the last", "redo that", "cross that out"), "back up", an error owned.
  String.raw`(?:strike|scratch|cross(?: out)?|delete|cancel|undo|redo|disregard|ignore|take back) ` +
    String.raw`(?:that|this|it|the last(?: one| part| entry)?)(?: out| back)?`,
  String.raw`back up|correction (?:on|to) (?:that|this|the last(?: one)?)`,
  String.raw`that(?:['’]?s|\s+was|\s+is) ${ERROR_WORDS}|i had (?:that|it) backwards`,
  // An apology or a rewind, however worded: "my apologies", "excuse me", "pardon me", "rewind".
  String.raw`(?:my )?apolog(?:y|ies|ise|ize)|excuse me|pardon(?: me)?|rewind|nope|nah`,
].join('|');
const FILLER_PHRASES = ['no', 'nope', 'nah', 'uh', 'um', 'erm?', 'hmm*', 'oh', 'ah'].join('|');
const GAP_SEPARATOR = String.raw`[\s,;:.!?-]*`;
/** A gap of repair and filler words alone, at least one of them a repair word. */
const REPAIR_GAP = new RegExp(
  String.raw`^${GAP_SEPARATOR}(?:(?:${FILLER_PHRASES})\b${GAP_SEPARATOR})*(?:${REPAIR_PHRASES})\b` +
    String.raw`${GAP_SEPARATOR}(?:(?:${REPAIR_PHRASES}|${FILLER_PHRASES})\b${GAP_SEPARATOR})*$`,
  'iu',
);
/** Words after the later value that make it a later reading or dose: "96/62 on recheck", "1424 shocked again", "150 mL total". */
const LATER_WORDS = new RegExp(
  String.raw`^[^,;.!?]*\b(?:on|after|recheck\w*|repeat\w*|again|now|still|post|following|later|then|took|home|second|third|` +
    String.raw`another|more|additional|next|total|for)\b`,
  'iu',
);

/**
 * "Epi 0.3 mg IM, oops, 0.5 mg IM.", "On scene 1410, hold on, 1412.": only repair words between the two values, and
 * nothing after the second one but the end of its sentence or the words said right after the first one ("IM" again).
 * Any other word after it ("2 mg IV, no response to first dose", "80/50 standing", "15 L NRB", "168/94 right") may
 * make it another reading, so both stay as said.
 */
function onlyRepairBetween(gap: string, following: string): boolean {
  const tail = /^\s*((?:[\p{L}\d]+\s+){0,2}[\p{L}\d]+)?\s*[.!?]*\s*$/u.exec(following);
  if (tail === null) return false;
  const again = (tail[1] ?? '').split(/\s+/).filter((w) => w !== '');
  if (again.length === 0) return REPAIR_GAP.test(gap);
  const lead = new RegExp(String.raw`^\s*((?:[\p{L}\d]+\s+){${again.length - 1}}[\p{L}\d]+)(?=[\s,;:])`, 'u').exec(gap);
  if (lead === null || (lead[1] ?? '').toLowerCase().split(/\s+/).join(' ') !== again.join(' ').toLowerCase()) return false;
  return REPAIR_GAP.test(gap.slice(lead[0].length));
}

/**
 * Each author has their own words for taking a value back ("hold on", "rather", "oops"), so the shape is read too:
 * two values of one shape with nothing but repair words between them ("On scene 1410, hold on, 1412"). Any other word
 * between them ("actually found 0600", "wait rearrest 1436", "hang a liter NS", "actually passenger 140/90") says the
 * later value is something else, and so is any word after the later value but those said after the first one
 * ("96/62 on recheck", "1418 patient contact", "0240, lost pulses again"): a missed correction costs a note, a false one
 * a real value.
 */
function repairsAsCues(sentence: string): string {
  const values = [...sentence.matchAll(VALUES_APART)];
  let text = sentence;
  for (let i = values.length - 1; i > 0; i--) {
    const [a, b] = [values[i - 1] as RegExpExecArray, values[i] as RegExpExecArray];
    const gap = sentence.slice(a.index + a[0].length, b.index);
    const following = sentence.slice(b.index + b[0].length);
    if (PLAIN_CUE.test(gap) || !sameKindOfValue(a, b) || LATER_WORDS.test(following)) continue;
    if (!onlyRepairBetween(gap, following)) continue;
    text = `${text.slice(0, a.index + a[0].length)}, correction, ${text.slice(b.index)}`;
  }
  return text;
}

/**
 * "Last known well 1420 when the husband talked to her, make that 1410, …": a plain cue, a value right after it, and a
 * value of its shape in the clause right before it, yet no rule took it for a correction (words between the first
 * value and the cue may name another event). Both stay; the provider is asked which one stands. Not when the clause
 * before holds no such value ("on scene, sorry, 1412": the time is the clause's own).
 */
function unreadCorrection(before: string, cue: string, after: string): boolean {
  if (!PLAIN_CUE.test(cue)) return false;
  const now = BARE_VALUE_AFTER_CUE.exec(after);
  if (now === null) return false;
  // "92% after the neb": read as the later reading it says it is.
  const rest = after.slice(now[0].length);
  if (LATER_READING.test(rest) || LATER_WORDS.test(rest)) return false;
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1);
  if ([...clause.matchAll(VALUES_APART)].some((v) => sameKindOfValue(v, now))) return true;
  // "Zofran 4 mg IV, HR 110, sorry, 8 mg IV": a dose after the cue, a dose in its unit in the last drug's phrase, a
  // reading between them that it may not replace; the provider is asked which dose stands.
  const drugPhrase = before.slice(lastDrugPhrase(before));
  const grams = (now[2] ?? '').trim() === '' && GRAMS.test(rest);
  if (grams) return [...drugPhrase.matchAll(DRUG_NAMED)].length > 0 && /\d\s*(?:g|gm|grams?)\b/i.test(drugPhrase);
  return (
    (now[2] ?? '').trim() !== '' &&
    [...drugPhrase.matchAll(DRUG_NAMED)].length > 0 &&
    [...drugPhrase.matchAll(VALUES_APART)].some((v) => sameKindOfValue(v, now))
  );
}

/** Words that count one more of something: "second dose", "repeat vitals", "another shock". */
const ANOTHER_ORDINALS = ['second', 'third', 'repeat(?:ed)?', 'another', 'additional'];
/**
 * Words after a value said again that make it another reading or dose, not the first one corrected: "…, 2 mg IV, no
 * response to first dose", "…, 0240, lost pulses again", "…, 70%, probe slipped off", "5 mg IM repeated at 1425".
 */
const ANOTHER_READING = new RegExp(
  String.raw`\b(?:first|initial|${ANOTHER_ORDINALS.join('|')}|again|recheck(?:ed)?|no (?:response|change|improvement)|` +
    String.raw`lost|dropped|slipped|came (?:out|off)|fell off)\b`,
  'iu',
);
/** What care did, said after it: "no change", "no response", "no improvement". */
const OUTCOME_WORDS = /\bno (?:response|change|improvement)\b/gi;
/** A posture said with the value itself ("80/50 standing") names another reading; in a later clause ("pt sitting up") it does not. */
const POSTURE = /^[^,;]*\b(?:standing|sitting|supine|lying|orthostatic\w*)\b/iu;

/** A value right after a cue, with only words that name nothing before it ("it was 2 mg"). */
const BARE_VALUE_AFTER_CUE = new RegExp(String.raw`^(?:(?:it|that|this|was|is|the|an?)\s+)*${VALUE_AND_UNIT}`, 'iu');

/**
 * Whether the words said after the value right after a cue (up to the next value) may make it a second reading. Why the
 * first was wrong ("…, I misread the syringe") makes it a correction whatever else is said.
 */
function anotherReadingFollows(after: string, timeForTime = false): boolean {
  // A label said again with the value ("…, I mean a pulse of 96, and he got dizzy again") restarts the phrase: a correction.
  const value = BARE_VALUE_AFTER_CUE.exec(after);
  if (value === null) return false;
  const rest = after.slice(value[0].length);
  const nextValue = rest.search(new RegExp(String.raw`(?<![\p{L}\d.])${VALUE}(?![\p{L}\d])`, 'iu'));
  // Said without punctuation, another event with its own value ("… 0324 with no change in rhythm second shock at 200
  // joules") opens the next statement: its ordinal says nothing of this value.
  const nextEvent = rest.search(ANOTHER_EVENT);
  const next = nextEvent < 0 ? nextValue : nextValue < 0 ? nextEvent : Math.min(nextValue, nextEvent);
  // The words said with the value and the clause after them: a later clause says something else.
  const said = (next < 0 ? rest : rest.slice(0, next))
    .split(/[,;.!?]/)
    .slice(0, 2)
    .join(',');
  // A time said again for a time: what the care did after it ("given at 0326 scratch that 0324 with no change in rhythm")
  // is the drug's outcome, no second dose; an ordinal ("0324 second dose") still says another one.
  const words = timeForTime ? said.replace(OUTCOME_WORDS, ' ') : said;
  // How the patient sat or lay makes a second reading of a vital, never of an age ("a 6 year old no wait 7 year old male sitting
  // upright").
  const age = AGE_AFTER_VALUE.test(rest);
  return !ADMITTED_ERROR.test(words) && !anotherEventSaid(rest) && (ANOTHER_READING.test(words) || (!age && POSTURE.test(words)));
}
/** The unit of an age right after its number ("7 year old", "7-year-old", "18 months old", "7 yo"). */
const AGE_AFTER_VALUE = /^[\s-]*(?:(?:years?|yrs?|months?)[\s-]*old|yo|y\/o)\b/i;

/** Who an age is said of, right after it: "3 year old female". */
const AGE_NOUN = String.raw`(?:\s+(?:male|female|man|woman|boy|girl|child|kid|infant|toddler|baby|m|f))?`;
/**
 * "Pt is a 3 year old female, no, hang on, she's two, turned two last month": an age, repair words alone, and the
 * subject with a bare number ending its clause. The number is the age said again, so it replaces the old one.
 */
/**
 * Words a clause after the age said again opens with, saying who told it or why: "he's 17, he told me his birthday was
 * last month", "she's 5, per mom", "he's 71, his wife corrected me". A number or a reading's label ("she's 3, G3P2",
 * "he's 15, GCS 15") is no such clause.
 */
const AGE_CLAUSE_OPENERS = [
  ...['he', 'she', 'they', 'i', 'we', 'per', 'according'],
  ...['his', 'her', 'their', 'mom', 'dad', 'mother', 'father', 'parents?', 'family', 'wife', 'husband', 'staff', 'caregiver'],
];
const AGE_SAID_AGAIN = new RegExp(
  // The number and its unit may be joined by a hyphen: "a 16-year-old boy".
  String.raw`(?<![\p{L}\d.])(${VALUE})([\s-]*${AGE_UNIT})(${AGE_NOUN})([\s,;:.!?-][^\d]{0,40}?)` +
    // The bare number ends what is said, is said with years or months, or a clause saying who told it follows: "she's 3,
    // G3P2", "he's 15, GCS 15" or "she's 5, out of 10 pain" go on with another reading the number belongs to.
    String.raw`((?:he|she|they)(?:['’]s|\s+is|\s+are)\s+${VALUE})` +
    String.raw`(?=\s*(?:[.!?]\s*)?$|\s+(?:years?|months?)\b|\s*[,;]\s+(?:${AGE_CLAUSE_OPENERS.join('|')})\b)`,
  'iu',
);

/** The first number of each text, in digits ("two" is 2). */
const numberIn = (t: string) => Number(/\d+(?:\.\d+)?/.exec(readSpokenNumbers(t).text)?.[0] ?? NaN);
/** An age said again is near the one it takes back, no less than half of it nor more than twice it: 16 → 17, 3 → 2, 45 → 54. */
const nearAge = (was: string, now: string) => {
  const [a, b] = [numberIn(was), numberIn(now)];
  return b >= a / 2 && b <= a * 2;
};

/**
 * The sentence with an age said again as a bare number corrected, or null: the old age leaves the sentence and the
 * words it was said again with stay as dictated ("Pt is a female, she's two, turned two last month").
 */
function ageSaidAgain(sentence: string): string | null {
  const m = AGE_SAID_AGAIN.exec(sentence);
  if (m === null || !REPAIR_GAP.test(m[4] ?? '')) return null;
  const rest = sentence.slice(m.index + m[0].length);
  const said = m[5] ?? '';
  // With a clause going on after it, the number must be near the age it takes back: "a 60-year-old male, sorry, he's
  // 10, he says it's the worst pain" is his pain, "a 70-year-old male, sorry, he's 7, he is the grandson" someone else.
  if (/^\s*[,;]/.test(rest) && !nearAge(m[1] ?? '', said)) return null;
  // The subject is the one the age was said of: "45 year old male, …, she's 2" is someone else, and so is an age
  // followed by another person ("she's 2, the daughter", "she's two, her brother").
  const noun = (m[3] ?? '').trim().toLowerCase();
  const pronoun = said.slice(0, 4).toLowerCase();
  if (/^(?:male|man|boy|m)$/.test(noun) ? !pronoun.startsWith('he') : /^(?:female|woman|girl|f)$/.test(noun) && !pronoun.startsWith('she'))
    return null;
  // Unless that person is who told it: "he's 71, his wife corrected me", "she's two, mom says she turned two last month".
  const toldBy = String.raw`(?!\s+(?:${[...SAYING_WORDS, 'corrected'].join('|')})\b)`;
  if (new RegExp(String.raw`^[\s,;:-]*(?:(?:the|his|her|their|a|an)\s+)?${OTHER_PERSON}\b${toldBy}`, 'iu').test(rest)) return null;
  if (anotherReadingFollows(`${said.replace(/^\S+\s+(?:is\s+|are\s+)?/i, '')}${rest}`)) return null;
  // With no noun after the age there is nothing to keep it apart from: "She is 3 years old, …, she's two." → "She is two years old."
  if (noun === '') {
    const unit = /^\s+(?:years?|months?)\b/i.test(rest) ? '' : (m[2] ?? '');
    return `${sentence.slice(0, m.index)}${said.replace(/^\S+\s+(?:is\s+|are\s+)?/i, '')}${unit}${rest}`;
  }
  return `${withArticleFor(sentence.slice(0, m.index), noun)}${(m[3] ?? '').trim()}, ${said}${rest}`;
}

/** The corrected text is the sentence with its cue words left out, every other word kept: no value was taken back. */
function onlyCuesRemoved(sentence: string, corrected: string): boolean {
  const words = (t: string) => (t.toLowerCase().match(/[\p{L}\d]+(?:[.:/]\d+)*/gu) ?? []).join(' ');
  return words(repairsAsCues(sentence).replace(CUE, ' ')) === words(corrected);
}

/** "Pt is an 80 year old female" without its age is "Pt is a female": the article before goes with the noun now after it. */
function withArticleFor(before: string, noun: string): string {
  return before.replace(/\b(an?)(\s+)$/i, (_, article: string, gap: string) => {
    const an = /^[aeiou]/i.test(noun);
    const word = an ? 'an' : 'a';
    return `${article[0] === 'A' ? word[0]?.toUpperCase() + word.slice(1) : word}${gap}`;
  });
}

export function applySpokenCorrections(sentence: string): CorrectedSentence {
  const age = ageSaidAgain(sentence);
  const read = correctionsApplied(repairsAsCues(age ?? sentence));
  // An interjection read as a cue that corrected nothing stays in the author's words.
  if (age !== null) return { ...read, corrections: read.corrections + 1 };
  // "Narcan 0.4 mg IV at 1410. Let me redo that, Narcan 0.4 mg IV at 1413": a cue taken out and nothing else changed
  // took no value back; both stay as said and the provider is asked which stands.
  if (read.corrections > 0 && onlyCuesRemoved(sentence, read.text)) return { text: sentence, corrections: 0, unconfirmed: 1 };
  if (read.corrections > 0) return read;
  const named = read.unconfirmed === undefined ? namedValueSaidAgain(sentence) : null;
  if (named === 'ask') return { text: sentence, corrections: 0, unconfirmed: 1 };
  if (named !== null) return { text: named, corrections: 1 };
  return read.unconfirmed === undefined
    ? { text: sentence, corrections: 0 }
    : { text: sentence, corrections: 0, unconfirmed: read.unconfirmed };
}

/** After a cue: up to five words naming the value (none a number), "was" or "is", and the value ("the resp rate was actually 36"). */
const NAMED_AGAIN = new RegExp(
  String.raw`^((?:[\p{L}'’]+\s+){1,5}?)(?:was|is|were)\s+(?:actually\s+|really\s+)?(?:at\s+)?${VALUE_AND_UNIT}`,
  'iu',
);
/** Words after which "sorry" is an apology, not a cue ("he kept saying sorry", "she kept saying i'm sorry"). */
const APOLOGY_BEFORE = new RegExp(
  String.raw`\b(?:${SORRY_AS_FEELING_AFTER.join('|')}|(?:${SAID_WORDS.join('|')}|kept)(?:\s+(?:i['’]?m|i am))?)\s*$`,
  'i',
);
/** Words of a label that name no value ("the heart rate", "his bp") or only when it was ("pacing start was 1643"). */
const LABEL_FILLERS = new Set([
  'his',
  'her',
  'their',
  'its',
  'pt',
  'pts',
  'patient',
  'patients',
  'start',
  'time',
  'began',
  'placed',
  'applied',
  'pushed',
]);
/** A word that names a drug or procedure the words before name too, maybe by another name ("pacing" for "tcp"). */
const namesTreatmentSaid = (word: string, before: string) =>
  TREATMENT_NAMES.some((re) => new RegExp(String.raw`^(?:${re.source})$`, 'i').test(word) && new RegExp(re.source, 'i').test(before));
/**
 * The words before "was" name the value said before, by the same words, as the same vital ("the resp rate" for "rr") or
 * the same treatment ("pacing" for "tcp"), or name nothing ("the dose was"): "his doctor said his bp", "her normal bp",
 * "mom says the bp", "the nitro he took" name someone else's or another reading.
 */
function namesSaidValue(label: string, before: string): boolean {
  const said = new Set(wordsOf(before));
  const words = wordsOf(label).filter((w) => !FILLER_WORDS.has(w) && !LABEL_FILLERS.has(w));
  if (words.length === 0 || vitalKindOf(words.join(' ')) !== null) return true;
  return words.every((w) => said.has(w) || vitalKindOf(w) !== null || namesTreatmentSaid(w, before));
}
/** Words that put a reading at a later moment than the one it follows ("110/70 after the fluid bolus", "118/72 en route"). */
const LATER_MOMENT = ['after', 'post', 'following', 'now', 'then', 'once', 'when', 'while', 'until', 'since', String.raw`en\s?route`];
/**
 * A value said after a cue in a sentence of its own but put at a later moment ("Sorry, BP was 110/70 after the fluid bolus.",
 * "Correction, HR 110 following the adenosine."): a new reading or a correction, the words cannot tell; both stay and the
 * provider is asked which stands. A source said after it ("LKW 0850 per daughter") still corrects, and so does a moment said
 * in the next clause ("Correction, Zofran at 0916, BP 140/80 after.").
 */
const LATER_MOMENT_NEXT = new RegExp(String.raw`^(?:\S+\s+){0,3}?(?:${LATER_MOMENT.join('|')})\b`, 'i');
/**
 * Words right after the value that put it at another moment or give it another source, so it is another reading, not
 * the first said again: "bp was 110/70 after the fluid bolus", "… en route", "… once he calmed down", "… with cpap",
 * "pain was 3 out of 10 at 1420", "temp was 103 per the daycare", "… this morning", "… all night".
 */
const OTHER_MOMENT = [
  ...LATER_MOMENT,
  ...['per', 'home', 'morning', 'afternoon', 'evening', 'night', 'yesterday', 'today', 'tonight', 'earlier', 'before', 'prior'],
  ...['usually', 'normally', 'baseline', 'whole', String.raw`all (?:night|day|along)`, String.raw`manual\w*`, String.raw`palp\w*`],
];
/**
 * Said right after the value only ("… was 3 out of 10 at 1420", "… 92 with cpap", "… 95 on 2 liters"): later on they open
 * the next statement.
 */
const OTHER_MOMENT_FIRST = ['at', 'with', 'on'];
const OTHER_MOMENT_NEXT = new RegExp(
  String.raw`^(?:(?:${OTHER_MOMENT_FIRST.join('|')})\b|(?:\S+\s+){0,3}?(?:${OTHER_MOMENT.join('|')})\b)`,
  'i',
);

/**
 * "bp 78/44 hr 38 rr 16 spo2 94 ra sorry bp was 74/44", said without punctuation: the cue and the value named again inside
 * one run of words, read as a correction said as its own sentence would be (the named value replaced, the words after it
 * kept: "… sorry the resp rate was actually 36 cpap started at 0152"). Null when nothing named before is taken back, the
 * words say it is a later reading ("sorry bp was 140/90 on repeat") or the cue is someone's words, told ("mom states sorry");
 * 'ask' when the value is put at a later moment ("sorry bp was 110/70 after the fluid bolus").
 */
function namedValueSaidAgain(sentence: string): string | 'ask' | null {
  for (const m of sentence.matchAll(CUE)) {
    const before = sentence.slice(0, m.index);
    const after = sentence.slice(m.index + m[0].length);
    const told = APOLOGY_BEFORE.test(before) || SAID_BY_SOMEONE.test(before) || quotedCue(before, m[0]) || answerJudged(before, m[0]);
    if (!PLAIN_CUE.test(m[0]) || !HAS_VALUE.test(before) || told) continue;
    const said = NAMED_AGAIN.exec(after);
    if (said === null) continue;
    const more = after.slice(said[0].length);
    const next = wordsOf(more).slice(0, 4).join(' ');
    if (ANOTHER_READING.test(said[1] ?? '') || ANOTHER_READING.test(next)) continue;
    if (!namesSaidValue(said[1] ?? '', before)) continue;
    // The same value put at a later moment is a new reading or a correction: the provider is asked, as in a sentence of its own.
    if (LATER_MOMENT_NEXT.test(next)) return 'ask';
    if (OTHER_MOMENT_NEXT.test(next)) continue;
    const read = applyCorrectionSentences(
      [
        { id: 'before', content: before },
        { id: 'cue', content: `${m[0].trim()} ${said[0]}` },
      ],
      vitalKindOf,
    );
    if (!read.mergedInto.has('cue')) continue;
    return [...read.segments.map((s) => s.content), more]
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .join(' ');
  }
  return null;
}

/**
 * Every correction, whichever path found it (a cue word, or a value said again after repair words), goes through here,
 * so one guard keeps both values when the words after the new one make it another reading ("…, 2 mg IV, no response to
 * first dose"): such a correction is counted as unconfirmed, for a note asking the provider which value stands.
 */
function correctionsApplied(sentence: string): CorrectedSentence {
  let text = sentence;
  let corrections = 0;
  let unconfirmed = 0;
  for (let guard = 0; guard < 10; guard++) {
    CUE.lastIndex = 0;
    let applied = false;
    // Counted again on every pass: the last pass (nothing more applied) holds the ones left.
    unconfirmed = 0;
    for (let m = CUE.exec(text); m !== null; m = CUE.exec(text)) {
      const corrected = correctionAt(text, m);
      const verdict = cueVerdict(text, m, corrected);
      if (verdict === 'ask') unconfirmed++;
      if (verdict !== 'apply' || corrected === null) continue;
      text = corrected;
      corrections++;
      applied = true;
      break;
    }
    if (!applied) break;
  }
  return unconfirmed > 0 ? { text, corrections, unconfirmed } : { text, corrections };
}

/**
 * The one place that decides what a cue's reading becomes: applied; left as said with the provider asked which value
 * stands ("ask": a value of its shape was said before the cue yet no rule read it, or the words after the new value make
 * it another reading or dose); or left as said with nothing asked ("skip": no value taken back, or an addition).
 */
function cueVerdict(text: string, m: RegExpExecArray, corrected: string | null): 'apply' | 'ask' | 'skip' {
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  // "pt keeps saying sorry, the right", "daughter says wait, no, the right": the cue is someone's words, told; nothing is
  // taken back by the speaker.
  if (SAID_BY_SOMEONE.test(before) || quotedCue(before, m[0])) return 'skip';
  // "she realized that was wrong 20 units is her usual dose": someone's own error, told; nothing is taken back.
  if (OWNED_ERROR.test(m[0]) && (JUDGED_BY_SOMEONE.test(before) || opensStatement(after))) return 'skip';
  if (corrected === null) return unreadCorrection(before, m[0], after) ? 'ask' : 'skip';
  // "pt answered 1985 that is incorrect 2026 is the year": the wrong answer is the finding; the provider is asked.
  if (answerJudged(before, m[0])) return 'ask';
  // "left arm weakness sorry, left leg weakness as well": an addition, not a correction; nothing is taken back.
  if (ADDITION.test(saidOfTheValue(after.split(/[,;.!?](?:\s|$)/)[0] ?? ''))) return 'skip';
  if (anotherReadingFollows(after, clockTakenBack(before, after)) || saysAnotherDose(after.split(/[.!?](?:\s|$)/)[0] ?? '')) return 'ask';
  if (statementAfterSemicolon(m[0], after)) return 'skip';
  return 'apply';
}

/** A clock time, in digits or words, said right before the cue and another right after it ("at 0326, scratch that, 0324"). */
function clockTakenBack(before: string, after: string): boolean {
  const old = VALUE_AT_END.exec(before);
  const now = BARE_VALUE_AFTER_CUE.exec(after);
  const clock = (v: string, unit: string) => unit.trim() === '' && (CLOCK.test(v.trim()) || SPOKEN_CLOCK_ALONE.test(v.trim()));
  return old !== null && now !== null && clock(old[1] ?? '', old[2] ?? '') && clock(now[1] ?? '', now[2] ?? '');
}

/**
 * The names of readings both the end of a quote and the next reading's label are told by ("… says i found him bp 150/90"); each
 * adds the names only it reads, so a name added here is added for both.
 */
const READING_NAME_WORDS = [
  ...['bp', 'blood pressure', 'hr', 'heart rate', 'pulse', 'sats?', 'spo2'],
  ...['rr', 'resps?', 'glucose', 'bgl', 'gcs', 'etco2', 'temp'],
];
/** Words that tell what someone said, right before a cue: "pt keeps saying", "she apologized and said", "wife says". */
const SAYING_WORDS = ['say', ...SAID_WORDS, 'states', 'stated', 'tells', 'told', 'yells', 'yelled', 'keeps', 'kept'];
const SAID_BY_SOMEONE = new RegExp(String.raw`\b(?:${SAYING_WORDS.join('|')}|apologi[sz](?:es|ed|ing))\s*$`, 'i');
/**
 * Someone's words quoted in the first person, still open at the cue: "pt states i had 6 beers i meant 8 beers", "wife says
 * i gave him 2 of his nitro sorry 3". Reported speech turns the patient's "I" into "he" ("pt states he had 6 beers"), so a
 * first-person cue after a report in the third person is the speaker's own correction and is read; after a first-person
 * quote it is the quoted person's, and their words stay as said (the speaker did not take anything back).
 */
/**
 * Where a quote said without marks has ended: the crew's own words or a vital sign they read ("pt states i fell bp 150
 * over 90 sorry 140 over 90", "wife says i found him we placed him on 4 liters sorry 2 liters"): the cue after it is the
 * speaker's.
 */
const QUOTE_ENDS_AT = [...['we', 'my partner', 'crew'], ...READING_NAME_WORDS, ...['o2 sats?', 'respirations', 'cbg']];
const QUOTED_FIRST_PERSON = new RegExp(
  String.raw`\b(?:${SAYING_WORDS.join('|')})[,:]?\s+["“]?(?:i|i['’](?:m|ve|d))\s` +
    String.raw`(?:(?!\b(?:${QUOTE_ENDS_AT.join('|')})\b)[^.!?"”])*$`,
  'i',
);

/**
 * Cues only a dictating medic says, never the patient in their own words: "pt states i have been vomiting since 0600
 * correction since 0500" is the medic's correction even inside a first-person quote. Not CORRECTION_CUE_WORDS: anyone says
 * "i meant", "my mistake" or "make that" of their own words.
 */
const DICTATION_CUES = ['correction', 'scratch that', 'strike that', 'disregard that', 'delete that', 'go back on that'];
const DICTATION_CUE = new RegExp(String.raw`\b(?:${DICTATION_CUES.join('|')})\b`, 'i');
/** An error owned as the cue: "that was wrong", "that is not right", "I was wrong", "no is wrong". */
const OWNED_ERROR = new RegExp(String.raw`\b(?:(?:that|it)(?:['’]?s|\s+was|\s+is)|i\s+was|no,?\s+(?:is|was))\s+${ERROR_WORDS}\b`, 'i');
/** Words of someone judging their own act, right before an owned error: "she realized that was wrong", "he knows". */
const JUDGING_WORDS = [
  ...['knows?', 'knew', 'reali[sz](?:e|es|ed)', 'thinks?', 'thought', 'believes?', 'believed', 'admits?', 'admitted'],
  ...['feels?', 'felt', 'agrees?', 'agreed', 'understands?', 'understood', 'noticed?', 'figured?', 'learned', 'insist(?:s|ed)?'],
];
const JUDGED_BY_SOMEONE = new RegExp(String.raw`\b(?:${JUDGING_WORDS.join('|')})\s*$`, 'i');
/** Words of someone answering, told before the value: "pt answered 1985", "patient say 1990", "counted 93, 86, 80". */
const ANSWER_WORDS = [
  ...['answer(?:s|ed)?', 'repl(?:y|ies|ied)', 'respond(?:s|ed)?', 'guess(?:es|ed)?', 'count(?:s|ed)?'],
  ...['say', 'says', 'said', 'states?', 'stated', 'tells?', 'told'],
];
/** An answer told in the sentence, no reading of the crew's said after it ("pt states he fell bp 150/90" is the crew's). */
const ANSWER_BEFORE = new RegExp(String.raw`\b(?:${ANSWER_WORDS.join('|')})\b(?:(?!\b(?:${QUOTE_ENDS_AT.join('|')})\b).)*$`, 'i');

/** The value after the cue is the subject of a statement of its own: "… that is wrong 25 mg is the dose". */
const opensStatement = (after: string) => {
  const now = BARE_VALUE_AFTER_CUE.exec(after);
  return now !== null && /^\s+(?:is|was|are|were)\b/i.test(after.slice(now[0].length));
};

/** An owned error said of an answer told in its sentence: "pt answered 1985 that is incorrect 2026". */
const answerJudged = (before: string, cue: string) => OWNED_ERROR.test(cue) && ANSWER_BEFORE.test(before.slice(before.search(/[^.!?]*$/)));

/** The cue is a quoted person's own ("pt states i had 6 beers i meant 8 beers"), their words kept as said. */
const quotedCue = (before: string, cue: string) => QUOTED_FIRST_PERSON.test(before) && !DICTATION_CUE.test(cue);

/**
 * The crew opening their next statement once the value's own is closed by its time: "… 0.3 mg im in the right thigh at
 * 1941 we give also", "at 19h41 we give also" says "also" of that. Without a time the crew's words are said of the new
 * value ("left leg weakness we found as well", "nitro 0.4 mg sl which we gave as well"): an addition.
 */
const CREW_SUBJECTS = ['we', 'my partner', 'the crew', 'crew'];
const CREW_STATEMENT = new RegExp(
  String.raw`(\bat\s+(?:\d{3,4}|\d{1,2}[:h]\d{2})(?:\s+(?:hours|hrs))?)\s+(?:${CREW_SUBJECTS.join('|')})\s.*$`,
  'i',
);
/** What is said of the new value in its clause: up to the crew's next statement, said in a run of words without a stop. */
const saidOfTheValue = (clause: string) => clause.replace(CREW_STATEMENT, '$1');
/** A clause said as an addition: ending with "too", "as well" or "also", or opening with "also" ("also left leg weakness"). */
const ADDITION = /(?:\b(?:too|as well|also)\s*$|^\s*(?:also|as well as)\b)/i;

/** "…, let me redo that, Narcan 0.4 mg IV at 1413, second dose": the words after the cue say it is another dose. */
const ANOTHER_DOSE = new RegExp(String.raw`\b(?:${ANOTHER_ORDINALS.join('|')})\b`, 'i');

/**
 * The words after a cue say the new value is another dose: in the new value's own clause ("0.4 mg IV second dose at
 * 1412"), or in a later clause that says no value of its own ("…, 0.4 mg IV at 1413, second dose"). A later clause with
 * its own value ("…, 0.3 mg IM at 1404, second dose at 1416") names a separate dose and says nothing of this one.
 */
function saysAnotherDose(after: string): boolean {
  const first = HAS_VALUE.exec(after);
  const start = first === null ? 0 : first.index + first[0].length;
  const clauses = after.slice(start).split(/[,;]/);
  // The other events said in the run ("… at 1523 split between nares second set 1527 rr 8") are no word of this dose.
  return clauses.some(
    (clause, i) => ANOTHER_DOSE.test(i === 0 ? clause.replace(ANOTHER_EVENT, ' ') : clause) && (i === 0 || !HAS_VALUE.test(clause)),
  );
}

/**
 * Events of a call that are no dose of a drug: an ordinal before one of them names that event ("second shock", "third
 * cycle", "repeat vitals"). Not a round or an attempt: those count a drug's doses too ("epi … second round at 0920",
 * "adenosine 12 mg second attempt at 1412").
 */
const OTHER_EVENTS = [
  ...['shocks?', 'defib(?:rillation)?s?', 'cardioversions?', 'cycles?', 'pulse checks?', 'rhythm checks?', 'sets?'],
  ...['vitals', 'vital signs', 'bp', 'blood pressure', 'lines?', 'ivs?', 'ios?', '12 leads?', 'ekgs?', 'ecgs?'],
];
/**
 * "epi 1 mg io at 0915 correction 0914 third shock at 0916": said without punctuation, the ordinal's own event with its own
 * value after it ("third shock at 0916", "second shock 200 j") is that event, as if a new sentence had begun; it says
 * nothing of the corrected dose. Without a value of its own ("…, 0216 second shock") it may be what the new value was.
 */
const ANOTHER_EVENT_WORDS =
  String.raw`(?:(?:and|then)\s+)?(?:${ANOTHER_ORDINALS.join('|')})\s+(?:${OTHER_EVENTS.join('|')})\s+` +
  String.raw`(?:(?:at|of|was|is|to|with)\s+)?\d`;
const ANOTHER_EVENT_OPENS = new RegExp(String.raw`^\s*${ANOTHER_EVENT_WORDS}`, 'i');
/** The same event said anywhere in a clause, to take it out of that clause. */
const ANOTHER_EVENT = new RegExp(String.raw`\b${ANOTHER_EVENT_WORDS}`, 'gi');
/** The words right after the new value open another event with its own value. */
const anotherEventSaid = (afterValue: string) => ANOTHER_EVENT_OPENS.test(afterValue);

/** The sentence with the correction its cue `m` says applied, or null when it corrects nothing. */
function correctionAt(text: string, m: RegExpExecArray): string | null {
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  const old = VALUE_AT_END.exec(before);
  const replacement = VALUE_AT_START.exec(after);
  const word = old && replacement ? null : wordCorrected(before, after);
  if (word !== null) return word;
  // A cue people also use for other things, with no plain cue said with it ("wait, no, 86 percent" is plain).
  const hedged = !PLAIN_CUE.test(m[0]);
  if (!old || !replacement) {
    // "2 milligrams of Narcan in the nose, let me rephrase, 4 milligrams": no value right before the cue,
    // so the new one replaces the last value said with its unit.
    // A bare "no" corrects only a value said again with the same words after it.
    // "actually" alone corrects only the value right before it (below), never one further back.
    const bareNo = hedged && (!/\b(?:was|wait|actually)\b/i.test(m[0]) || BARE_ACTUALLY.test(m[0]));
    const restart =
      (bareNo ? null : ageRestated(before, after)) ??
      sameWordsAfter(before, after) ??
      (bareNo ? null : drugCorrected(before, after)) ??
      (bareNo ? null : restated(before, after)) ??
      (replacement === null || bareNo ? null : valueOfSameUnit(before, '', after, replacement)) ??
      (bareNo ? null : parallelRestated(before, after));
    return restart;
  }
  // "actually it was" / "oh wait, it was" correct only a value of the same shape: a time for a time, a dose for a dose
  // of the same unit, a pressure for a pressure ("at 1410, actually it was 2 doses" is no correction of the time).
  const ageAgain = ageSaidAgainBare(before, old, replacement, after);
  if (hedged && !sameShape(old, replacement, after) && !readingSaidAgain(before, old, replacement, after) && !ageAgain) return null;
  // "actually" alone is how people talk unless the new value closes what is said of it: the sentence ends or the next reading
  // starts ("… over ninety actually one fifty over ninety pulse 88"). Words of its own ("actually 168/94 right", "… per wife",
  // "actually 15 L NRB") make it another reading.
  if (BARE_ACTUALLY.test(m[0]) && !ageAgain && !NEXT_READING_OR_END.test(after.slice(replacement[0].length).replace(UNIT_AFTER, '')))
    return null;
  // "Zofran 4 mg IV at 1410, sorry, 4 mg IM at 1410": the line said again from its dose, word for word but the change.
  const sameStart = (replacement[1] ?? '').trim() === '' ? restatedWordForWord(before, after) : null;
  if (sameStart !== null) return sameStart;
  // A bare number right before the cue is a dose said without its unit ("lisinopril 10, sorry, 20 mg"), unless it is a time.
  const bareDose = (old[2] ?? '').trim() === '' && !/^(?:\d{4}|\d{1,2}:\d{2})$/.test((old[1] ?? '').trim());
  const sameUnit = bareDose ? null : valueOfSameUnit(before, old[2] ?? '', after, replacement);
  if (sameUnit !== null) return sameUnit;
  // "Zofran 4 mg IV, HR 110, sorry, 8 mg IV": a dose never replaces a vital's number or a pressure ("BP 150/90, sorry,
  // 162 mg PO" is the dose corrected, not the BP); a vital's own unit may ("SpO2 88, wait, no, 86%").
  const unitSaid = UNIT_AFTER.exec(after.slice(replacement[0].length))?.[1];
  const doseSaid = (unitSaid !== undefined && DOSE_UNIT_KEYS.has(unitKey(unitSaid))) || GRAMS.test(after.slice(replacement[0].length));
  // Nor a clock time, where the words before the dose name nothing ("at 22:16, correction, the dose was 350 mg" is the dose
  // corrected; "at 1523, correction, Narcan 2 mg IN at 1523" is the line said again, read below).
  const clockTakenByDose = CLOCK.test((old[1] ?? '').trim()) && wordsOf(replacement[1] ?? '').every((w) => FILLER_WORDS.has(w));
  if ((old[2] ?? '').trim() === '' && doseSaid && (PAIR.test(old[1] ?? '') || vitalBefore(before, old) || clockTakenByDose)) return null;
  // "EtCO2 35 mmHg, sorry, 2 L NC": a value in another unit is another quantity, not this one corrected;
  // "SpO2 84%, sorry, 92% after the neb" is a later reading, not a correction of the first.
  const afterValue = after.slice(replacement[0].length);
  const newUnit = UNIT_AFTER.exec(afterValue)?.[1];
  if ((old[2] ?? '').trim() !== '' && newUnit !== undefined && unitKey(newUnit) !== unitKey(old[2] ?? '')) return null;
  if (LATER_READING.test(afterValue)) return null;
  // "glucose 112, scratch that, glucose 121": the repeated label goes with the retracted value.
  const label = (replacement[1] ?? '').trim();
  let cut = old.index;
  let said = after;
  if (label !== '' && before.slice(0, cut).trimEnd().toLowerCase().endsWith(label.toLowerCase()))
    cut = before.slice(0, cut).trimEnd().length - label.length;
  // "12 milligrams, that's wrong, it was 7 milligrams": "it was" names nothing and goes with the cue.
  else if (label !== '' && label.split(/\s+/).every(isFiller)) said = after.slice(label.length).trimStart();
  // "Last known well 1340, scratch that, daughter says 1310": a time said again by whoever gave it; their words stay.
  else if (
    REPORTED_BY.test(label) &&
    WITNESSED_TIME.test(before.slice(0, old.index)) &&
    CLOCK.test((old[1] ?? '').trim()) &&
    CLOCK.test((replacement[2] ?? '').trim())
  ) {
    return `${before.slice(0, cut).trimEnd().replace(/[,;]$/, '')}, ${after}`;
  }
  // "Narcan 0.4 mg IN at 1523, correction, Narcan 2 mg IN at 1523": a label said again restarts the phrase from it;
  // "aspirin 324 mg at 1410, my mistake, nitro 0.4 SL" corrects the drug.
  // Anything else ("HR 88, sorry, RR 18", "Glucose 45, sorry, gave 25 g D50") is the next statement, not a correction.
  else if (label !== '') {
    const restart =
      restated(before, after) ??
      drugRestated(before, after) ??
      sameVitalRestated(before, old, label, after) ??
      wordCorrected(before, after);
    return restart;
  }
  // "HR 88, strike the last, 2 L NC started", "hr 88 let me redo that 12 lead at 1420": a cue that takes back a whole
  // statement may be followed by the next one; only a value of the old one's shape, or a bare number said alone, replaces it.
  if (REDO_CUE.test(m[0]) && !sameShape(old, replacement, after) && !BARE_NUMBER_ALONE.test(after)) return null;
  // "about 30 kilos, make that 35": a bare number said for a value with its unit keeps that unit ("about 35 kilos").
  const oldUnit = old[2] ?? '';
  // Not when the unit comes a word later ("one milligram correction half a milligram"), nor before another number
  // ("correction 1 200 units per hour", thousands said apart): the unit said later is the new value's.
  const unitLater = UNIT_A_WORD_LATER.test(afterValue) || /^\s*\d/.test(afterValue);
  if (
    label === '' &&
    oldUnit.trim() !== '' &&
    newUnit === undefined &&
    !GRAMS.test(afterValue) &&
    !unitLater &&
    UNIT_CARRIED.test(afterValue)
  ) {
    const at = replacement[0].length;
    return `${text.slice(0, cut)}${said.slice(0, at)}${oldUnit}${said.slice(at)}`;
  }
  return `${text.slice(0, cut)}${said}`;
}

/**
 * What may follow a bare number that keeps the old value's unit: the end of its clause, a route, when or how it was given
 * ("Zofran 4 mg, sorry, 8 IV", "…, 8, given IV"). A word of its own counts something else ("aspirin 324 mg, sorry, 4 tabs",
 * "NS 500 mL, sorry, 18 gauge"): no unit is put on it.
 */
const UNIT_CARRIED_BEFORE = [ROUTE_WORDS, 'given', 'pushed', 'administered', 'at', 'via'];
const UNIT_CARRIED = new RegExp(String.raw`^\s*(?:[,;.!?]|$|(?:${UNIT_CARRIED_BEFORE.join('|')})\b)`, 'i');

/** A unit said one word after a value: "half a milligram". */
const UNIT_A_WORD_LATER = new RegExp(String.raw`^\s*[\p{L}]+\s+(?:${UNIT_WORDS})(?![\w])`, 'iu');

/** The cue is "actually" alone. */
const BARE_ACTUALLY = /^[\s,]*actually[\s,]*$/i;
/** Labels a reading starts with, the next one said after a value in a run of vitals. */
const READING_LABELS = [
  ...READING_NAME_WORDS,
  ...['pressure', 'respirations?', 'respiratory rate', 'pulse ox', 'sugar', 'temperature', 'pain'],
].join('|');
/** The end of the sentence, or the next reading's label, maybe after a comma or "and". */
const NEXT_READING_OR_END = new RegExp(String.raw`^\s*(?:[.!?]?\s*$|[,;]?\s*(?:and\s+)?(?:${READING_LABELS})\b)`, 'i');

/** Cues that take back the last statement whole ("strike the last", "let me redo that"), not one value of it. */
const REDO_CUE = /\b(?:(?:strike|scratch) the last|let me redo|correction (?:on|to) (?:that|this|the last))\b/i;
/** A bare number said alone after a cue, its clause ending with it: "HR 88, strike the last, 96." */
const BARE_NUMBER_ALONE = /^\s*\d+(?:\.\d+)?\s*(?:[,;.!?]|$)/;

const PAIR = /(?:\/|over|out of)/i;
/** An age said after the value: the patient's, not a relative's ("80, no 3 year old grandson present"). */
const AGE_AFTER = new RegExp(
  String.raw`^\s*(?:y\/?o|yo|years?[- ]old|year-old|yrs?)\b` +
    String.raw`(?!\s+(?:grand\w*|son|daughter|child|children|kids?|boy|girl|brother|sister|baby|nephew|niece))`,
  'i',
);
const SPOKEN_CLOCK_ALONE = new RegExp(String.raw`^${SPOKEN_CLOCK}$`, 'i');
/** The new value has the old one's shape: both clock times, both pairs ("90 over 60"), or both with units of one quantity. */
function sameShape(old: RegExpExecArray, replacement: RegExpExecArray, after: string): boolean {
  const was = (old[1] ?? '').trim();
  const now = (replacement[2] ?? '').trim();
  const oldUnit = (old[2] ?? '').trim();
  const newUnit = UNIT_AFTER.exec(after.slice(replacement[0].length))?.[1] ?? '';
  // "1000 milliliters" is a volume, not a time.
  const wasClock = CLOCK.test(was) && oldUnit === '';
  const nowClock = CLOCK.test(now) && newUnit === '';
  if (wasClock || nowClock) return wasClock && nowClock;
  // "thirteen thirty, actually it was twelve thirty": two clock times said in words.
  if (SPOKEN_CLOCK_ALONE.test(was) && SPOKEN_CLOCK_ALONE.test(now)) return true;
  if (PAIR.test(was) || PAIR.test(now)) return PAIR.test(was) && PAIR.test(now);
  // "53, no, 55 y/o": a bare number said again as an age.
  if (oldUnit === '' && /^\d{1,3}$/.test(was) && /^\d{1,3}$/.test(now) && AGE_AFTER.test(after.slice(replacement[0].length))) return true;
  return oldUnit !== '' && newUnit !== '' && unitKey(oldUnit) === unitKey(newUnit);
}

/** A number said bare, neither a pair nor a clock time: a reading's value ("glucose 134"). */
const BARE_READING = /^\d{1,3}(?:\.\d+)?$/;
/**
 * "glucose 134 actually it was 143", "gcs 14 actually it was 13": a bare number right after a vital's name, said again bare
 * after "actually it was" and closing what is said of it (the sentence ends or the next reading starts), is that reading
 * corrected. Counts ("2 tablets", "4 beers") name no vital; words after the new value ("2 hours ago", "93 after the neb")
 * make it something else.
 */
function readingSaidAgain(before: string, old: RegExpExecArray, replacement: RegExpExecArray, after: string): boolean {
  if ((old[2] ?? '').trim() !== '' || (replacement[1] ?? '').trim() !== '') return false;
  if (!BARE_READING.test((old[1] ?? '').trim()) || !BARE_READING.test((replacement[2] ?? '').trim())) return false;
  return vitalBefore(before, old) && !givenBySomeoneElse(before, old) && NEXT_READING_OR_END.test(after.slice(replacement[0].length));
}

/** A cue said after a semicolon: "33.2 degrees; correction, 34.2 degrees". */
const SEMICOLON_CUE = /^\s*;/;
/** A route said after a corrected dose: "8 mg IV". */
const ROUTE_AFTER = new RegExp(String.raw`^\s*(?:${ROUTE_WORDS})\b`, 'i');
/** A clock time said after a corrected value: "… at 1413". */
const TIME_AFTER = /^\s*at\s+\d{3,4}\b/i;
/** Units of a reading the dose units leave out: "34.2 degrees", "38 degrees C", "118 beats per minute". */
const READING_UNITS = [
  String.raw`°\s*[cf]?`,
  String.raw`degrees?(?:\s+(?:c|f|celsius|fahrenheit))?`,
  String.raw`(?:beats|breaths)(?:\s+(?:per|a)\s+minute)?`,
];
const READING_UNIT_AFTER = new RegExp(String.raw`^\s*(?:${READING_UNITS.join('|')})(?![\p{L}])`, 'iu');
/**
 * After a semicolon the next words may start a statement of their own ("pain 8; sorry, 3 episodes of vomiting today",
 * "SpO2 88% on room air; sorry, 94% after 4 L NC"), left as said: a bare number corrects only when it is all that is said in
 * its clause, with its route and time ("; scratch that, 84", "; correction, 1404, for chest pain"); a value with its unit
 * corrects as after a comma ("; correction, 8 mg given IV"), unless the words after it make it a later reading.
 */
function statementAfterSemicolon(cue: string, after: string): boolean {
  if (!SEMICOLON_CUE.test(cue)) return false;
  const value = VALUE_AT_START.exec(after);
  if (value === null) return false;
  const afterValue = after.slice(value[0].length);
  if (LATER_READING.test(afterValue)) return true;
  if (UNIT_AFTER.test(afterValue) || READING_UNIT_AFTER.test(afterValue)) return false;
  const rest = afterValue.replace(ROUTE_AFTER, '').replace(TIME_AFTER, '');
  return !NEXT_READING_OR_END.test(rest) && !/^\s*[,;]/.test(rest);
}

/** The patient's age said as "she's 84", "he is 58": the subject and its verb right before the number. */
const AGE_SUBJECT_BEFORE = /\b(?:he|she)(?:['’]s|\s+is)\s+$/i;
/** A whole number said alone, in digits or words: "58", "eighty-four". */
const WHOLE_NUMBER = new RegExp(String.raw`^(?:\d{1,3}|${NUMBER_WORD}(?:[\s-]+${NUMBER_WORD})*)$`, 'i');
/**
 * "She's eighty-four, actually eighty-six, she corrected me herself": a bare number right after "she's" or "he is", said again
 * bare after "actually" and ending its clause, is the age corrected. Words after the new value ("7 months post op", "2 days
 * post op") make it something else; someone else's age ("the daughter is 50") has no "he" or "she" before it. A later reading
 * said after it ("she's 88, actually 92, after the neb") is no age corrected.
 */
function ageSaidAgainBare(before: string, old: RegExpExecArray, replacement: RegExpExecArray, after: string): boolean {
  if ((old[2] ?? '').trim() !== '' || (replacement[1] ?? '').trim() !== '') return false;
  if (!WHOLE_NUMBER.test((old[1] ?? '').trim()) || !WHOLE_NUMBER.test((replacement[2] ?? '').trim())) return false;
  const rest = after.slice(replacement[0].length);
  return (
    AGE_SUBJECT_BEFORE.test(before.slice(0, old.index)) && /^\s*(?:[,.;!?]|$)/.test(rest) && !LATER_READING.test(rest.replace(/^\s*,/, ''))
  );
}

/** A sentence that is only a correction of what was just said: "Correction, the BP was 148 over 92." */
const LEADING_CUE = new RegExp(String.raw`^\s*(?:${CUE_WORDS})\b[,:]?\s*`, 'i');
const VALUE_WITH_UNIT = new RegExp(String.raw`(${VALUE})(\s*(?:${UNIT_WORDS})${PER_TIME})?(?![\w]|\.\d)`, 'i');
const ALL_VALUES = new RegExp(VALUE_WITH_UNIT.source, 'gi');
/** Words around a corrected value that name nothing ("the BP was", "it should be", "CPAP was started at"). */
const FILLER_WORDS = new Set([
  'the',
  'a',
  'an',
  'it',
  'that',
  'this',
  'was',
  'were',
  'is',
  'should',
  'be',
  'been',
  'actually',
  'at',
  'of',
  'to',
  'started',
  'given',
  'set',
  'read',
  'reading',
  'rate',
  'now',
  'and',
  // "the dose was 0.3 mg", "the number is 800", "the dose administered was 350 mg": a word for any value, not a label of one.
  'dose',
  'administered',
  'number',
  'amount',
  'value',
]);
/**
 * A reason clause, all that follows a corrected value: ", based on an estimated weight of 88 kg.", ", because I misread it.".
 * Only a weight, or a reason that says no value: "…, because pain was still 9 out of 10 so we gave a second 50 mcg" says more.
 */
const REASON_AFTER_VALUE = new RegExp(
  String.raw`^\s*,\s*(based on (?:an? |the )?(?:estimated |stated |reported )?weight of \d+(?:\.\d+)? ?(?:kg|kilos?|kilograms?)|` +
    String.raw`(?:because|due to)\b[^.!?;\d]*)[.!]?\s*$`,
  'i',
);
/** Who said the new value names nothing either: "at 0815, correction, he said 0830". */
const REPORTING = new Set(['he', 'she', 'they', 'said', 'says', 'states', 'stated', 'told', 'us']);
const isFiller = (w: string) => {
  const word = w.toLowerCase().replace(/['’]s$/, '');
  return FILLER_WORDS.has(word) || REPORTING.has(word);
};
/** A clock time as digits: "0314", or with its colon, "14:32", "9:42"; its shape only, unlike the run-on splitter's valid CLOCK. */
const CLOCK = /^(?:\d{4}|\d{1,2}:\d{2})$/;
/** Words right after a new value (and its unit) that make it a later reading: "92% after the neb", "4/10 now". */
const LATER_READING = /^\s*(?:%|[\p{L}/]+)?\s*\b(?:after|now|post|following)\b/iu;
/** A time only a witness knows, which a bystander's word corrects: "last known well 1340", "onset at 0915". */
const WITNESSED_TIME = /\b(?:last (?:known|seen)(?: well| normal)?|lkw|onset|symptoms? (?:started|began))\s*(?:at\s+|was\s+)?$/i;
/** Someone who reports a value, and the verb they report it with: "daughter says", "per the wife". */
const REPORTERS = [
  ...['daughter', 'son', 'wife', 'husband', 'mom', 'mother', 'dad', 'father', 'family', 'friend', 'neighbou?r'],
  ...['caregiver', 'staff', 'nurse', 'bystander', 'witness', 'patient', 'pt', 'he', 'she', 'they'],
].join('|');
const REPORTED_BY = new RegExp(
  String.raw`^(?:(?:the|his|her|their|pt'?s|patient'?s)\s+)?(?:${REPORTERS})\s+(?:says|said|states|stated|reports|reported|thinks)$`,
  'i',
);

/**
 * Someone other than the crew who gave a reading: "the nurse says her glucose was 40", "fire had her sugar at 40", "per the
 * daughter". A number said after "actually it was" may be the crew's own reading set beside theirs, so theirs stays as given.
 */
const READING_GIVERS = [REPORTERS, 'fire', 'pd', 'police', 'clinic', 'facility'].join('|');
const READING_GIVEN_BY = new RegExp(
  String.raw`\b(?:(?:${READING_GIVERS})\s+(?:says|said|states|stated|reports|reported|told|had|got|gave|thinks)|per|according to)\b`,
  'i',
);
/** The reading right before `old` was given by someone else, said earlier in its sentence. */
const givenBySomeoneElse = (before: string, old: RegExpExecArray) =>
  READING_GIVEN_BY.test(before.slice(0, old.index).replace(/^[\s\S]*[.!?]\s/, ''));

export interface CorrectionSentenceInput {
  id: string;
  content: string;
}

export interface CorrectedSegments {
  /** The segments with each corrected value replaced and each correction sentence emptied. */
  segments: CorrectionSentenceInput[];
  /** Correction sentence id → the id of the sentence it corrected (that sentence now cites both). */
  mergedInto: Map<string, string>;
  /** Correction sentences left as said because correcting one value would splice: the provider confirms which stands. */
  unconfirmed: string[];
}

/** Where the corrected value sits in the sentence before: after its label, else the last value of the same shape. */
function targetValue(
  previous: string,
  label: readonly string[],
  value: string,
  unit: string,
  vitalOf: (label: string) => string | null,
): RegExpExecArray | null {
  const values = [...previous.matchAll(ALL_VALUES)] as RegExpExecArray[];
  if (values.length === 0) return null;
  if (label.length > 0) {
    // The label as said ("BP", "CPAP") or a synonym of the same vital ("pulse" for "HR").
    const kind = vitalOf(label.join(' ')) ?? label.map(vitalOf).find((k) => k !== null) ?? null;
    const words = [...previous.matchAll(/[\p{L}\d]+/gu)];
    const named = words.find((w) => label.some((l) => l.toLowerCase() === w[0].toLowerCase()) || (kind !== null && vitalOf(w[0]) === kind));
    if (!named) return null;
    // A clock time corrects a clock time, never a dose: "Aspirin 324 mg PO at 1410. Correction, the aspirin was given at 1412."
    const isClock = (v: string, u: string) => CLOCK.test(v.trim()) && u.trim() === '';
    const clock = isClock(value, unit);
    const end = named.index + named[0].length;
    return values.find((v) => v.index >= end && v.index - end <= (clock ? 40 : 20) && isClock(v[1] ?? '', v[2] ?? '') === clock) ?? null;
  }
  // "1000 units" is a dose, not a clock time.
  const clockTime = (v: string, u: string) => CLOCK.test(v.trim()) && u.trim() === '';
  // A value said with a unit corrects one in a unit of the same quantity ("that was 10 cm" is the CPAP's, not the "94%").
  // A bare number may be given its unit ("Shocked at 360. … it was 200 joules").
  const sameUnit = (u: string) => unit.trim() === '' || u.trim() === '' || unitKey(u) === unitKey(unit);
  const sameShape = values.filter(
    (v) =>
      clockTime(value, unit) === clockTime(v[1] ?? '', v[2] ?? '') &&
      /over|\/|out of/i.test(value) === /over|\/|out of/i.test(v[1] ?? '') &&
      sameUnit(v[2] ?? ''),
  );
  return sameShape.at(-1) ?? null;
}

/** The nearest sentence before `i` that still says something (earlier corrections are emptied). */
function previousSaid(out: readonly CorrectionSentenceInput[], i: number): CorrectionSentenceInput | undefined {
  let t = i - 1;
  while (t >= 0 && (out[t] as CorrectionSentenceInput).content.trim() === '') t--;
  return out[t];
}

const SIDE = /\b(left|right)\s+([\p{L}-]+)/giu;
/** Where `previous` names the opposite side of a body part the correction names ("left thigh" ← "right thigh"). */
function otherSide(previous: string, correction: string): { index: number; length: number; text: string } | null {
  for (const said of correction.matchAll(SIDE)) {
    const opposite = said[1]?.toLowerCase() === 'left' ? 'right' : 'left';
    for (const old of previous.matchAll(SIDE))
      if (old[1]?.toLowerCase() === opposite && old[2]?.toLowerCase() === said[2]?.toLowerCase())
        return {
          index: old.index,
          length: old[0].length,
          text: `${old[1] === 'Left' || old[1] === 'Right' ? capital(said[1] ?? '') : (said[1] ?? '').toLowerCase()} ${old[2]}`,
        };
  }
  return null;
}
const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
const capital1 = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const wordsOf = (s: string) => (s.match(/[\p{L}\d]+/gu) ?? []).map((w) => w.toLowerCase());

/**
 * "APGARs were 6 at one minute. Wait, no, 5 at one minute and 8 at five minutes.": the correction starts with
 * a value followed by the words that follow a value of the sentence before, so it says that sentence again
 * from that value on. Null when no value there is followed by the same two words.
 */
function restatedTail(previous: string, rest: string): string | null {
  const first = VALUE_WITH_UNIT.exec(rest);
  if (first?.index !== 0) return null;
  const next = wordsOf(rest.slice(first[0].length)).slice(0, 2);
  if (next.length < 2) return null;
  for (const v of [...previous.matchAll(ALL_VALUES)].reverse()) {
    const follows = wordsOf(previous.slice(v.index + v[0].length)).slice(0, 2);
    // It says the line again from that value on, so it may not withdraw more values than it says.
    if (follows.join(' ') === next.join(' ') && valueCount(previous.slice(v.index)) <= valueCount(rest))
      return `${previous.slice(0, v.index)}${rest}`;
  }
  return null;
}

/**
 * "…slurred speech, LKW 0930. Scratch that, LKW 0850 per daughter, she left then.": the correction names a
 * labelled value of the sentence before and goes on, so the old value's clause leaves that sentence
 * (or only the value, when the clause says more) and the correction stands as its own sentence.
 */
function labelledValueDropped(
  previous: string,
  label: readonly string[],
  corrected: RegExpExecArray,
  vitalOf: (label: string) => string | null,
): string | null {
  const old = targetValue(previous, label, corrected[1] ?? '', corrected[2] ?? '', vitalOf);
  if (!old) return null;
  // The label must be said right before the old value ("LKW 0930"), not somewhere in the line ("patient … 67").
  const saidBefore = wordsOf(previous.slice(0, old.index)).slice(-label.length);
  if (saidBefore.join(' ') !== label.map((l) => l.toLowerCase()).join(' ')) return null;
  const start = Math.max(previous.lastIndexOf(',', old.index), previous.lastIndexOf(';', old.index));
  const endAt = previous.slice(old.index + old[0].length).search(/[,;.!?]/);
  const end = endAt < 0 ? previous.length : old.index + old[0].length + endAt;
  const clause = previous.slice(start + 1, end);
  const valueWords = new Set(wordsOf(old[0]));
  const onlyLabel = wordsOf(clause).every((w) => label.some((l) => l.toLowerCase() === w) || FILLER_WORDS.has(w) || valueWords.has(w));
  if (start >= 0 && onlyLabel) return `${previous.slice(0, start)}${previous.slice(end)}`;
  return `${previous.slice(0, old.index)}${corrected[1] ?? ''}${corrected[2] ?? old[2] ?? ''}${previous.slice(old.index + old[0].length)}`;
}

/** Every drug and procedure the lexicon knows, by any of its names: "pacing" and "TCP" name one treatment. */
const TREATMENT_NAMES = [...MEDICATIONS, ...PROCEDURES].map(([, names]) => new RegExp(String.raw`\b(?:${names.join('|')})\b`, 'gi'));

/**
 * "TCP on 1641, rate 70. Scratch that, pacing start was 1643.", "Nitroglycerin 0.8 mg SL. … the first nitroglycerin
 * dose was actually 0.4 mg": the correction names a treatment of the sentence before, maybe by another of its names; the
 * value it corrects is the first value of the same shape (a clock time, or a dose in the same unit) after that mention.
 */
function treatmentValue(
  previous: string,
  label: readonly string[],
  corrected: RegExpExecArray,
  correction: string,
): RegExpExecArray | null {
  // Only a short restatement of one value ("pacing began at 0917"): a correction that restates the whole treatment in
  // other words ("ondansetron 4 mg ODT at 1302") or says more ("…by the patient's own bottle") is left as said.
  // Only the clause that says the value counts: "Correction, Zofran at 0916, BP 140/80 after" corrects the time and goes on.
  const clause = valueClause(correction, corrected);
  const have = new Set(wordsOf(previous));
  const newWords = wordsOf(clause).filter((w) => !have.has(w) && !FILLER_WORDS.has(w) && !/^\d/.test(w));
  // Values said again as they were ("… 0.4 milligrams sublingual at 0427" for "… 0.8 milligrams … at 0427") change
  // nothing: the one value said differently is the correction.
  const own = ownValues(clause, previous);
  if (own.length !== 1 || own[0]?.index !== corrected.index || newWords.length > 3) return null;
  const said = label.join(' ');
  const clock = CLOCK.test((corrected[1] ?? '').trim()) && (corrected[2] ?? '').trim() === '';
  const unit = (corrected[2] ?? '').trim();
  for (const names of TREATMENT_NAMES) {
    if (!new RegExp(names.source, 'i').test(said)) continue;
    for (const mention of previous.matchAll(names)) {
      const clauseEnd = previous.slice(mention.index).search(/[;!?]|\.(?:\s|$)/);
      const clause = previous.slice(0, clauseEnd < 0 ? previous.length : mention.index + clauseEnd);
      const values = [...clause.matchAll(ALL_VALUES)] as RegExpExecArray[];
      const same = values.find(
        (v) =>
          v.index >= mention.index + mention[0].length &&
          (clock
            ? CLOCK.test((v[1] ?? '').trim()) && (v[2] ?? '').trim() === ''
            : unit !== '' && (v[2] ?? '').trim() !== '' && unitKey(v[2] ?? '') === unitKey(unit)),
      );
      if (same) return same;
    }
  }
  return null;
}

/** The values of `text` that `previous` does not say as they are. */
function ownValues(text: string, previous: string): RegExpExecArray[] {
  const said = (v: RegExpExecArray) =>
    new RegExp(String.raw`(?<![\p{L}\d.])${escapeRegExp(v[0].trim())}(?![\p{L}\d])`, 'iu').test(previous);
  return ([...text.matchAll(ALL_VALUES)] as RegExpExecArray[]).filter((v) => !said(v));
}

/** The correction from its start to the end of the clause that says its value ("Zofran at 0916" of "…, BP 140/80 after"). */
function valueClause(correction: string, corrected: RegExpExecArray): string {
  const end = correction.slice(corrected.index + corrected[0].length).search(/[,;.!?](?:\s|$)/);
  return end < 0 ? correction : correction.slice(0, corrected.index + corrected[0].length + end);
}

/**
 * What a correction sentence says besides the value it put into the sentence before ("Scratch that, Solu-Medrol 62.5 mg,
 * he is small." adds "He is small."): the treatment said again would be read as a second dose (and prompt for its route
 * and time). All of it stays when the value is not in the corrected sentence (its clause left that sentence), or when
 * the value's clause says another value.
 */
function whatItAdds(rest: string, corrected: RegExpExecArray, correctedSentence: string): string {
  const clause = valueClause(rest, corrected);
  const inPlace = new RegExp(String.raw`(?<![\p{L}\d.])${escapeRegExp(corrected[0].trim())}(?![\p{L}\d])`, 'iu').test(correctedSentence);
  // "…, aspirin 162 mg at 1412, he took 162 at home": the clause says the corrected treatment again, time and all; it
  // goes whole (else a second dose is read). A clause that says anything new ("BP 150/90 left") stays, all of it.
  const restated = ownValues(clause, correctedSentence).length === 0 && saysNothingNew(clause, correctedSentence);
  if (!inPlace || (!restated && (clause.match(ALL_VALUES) ?? []).length !== 1)) return capital1(rest);
  const added = rest.slice(clause.length).replace(/^[\s,;.!?]+/, '');
  return /[\p{L}\d]/u.test(added) ? capital1(added) : '';
}

/** The correction says no word (but fillers) the corrected sentence does not say now: "Correction, it was epi 0.5 mg IM." */
const saysNothingNew = (correction: string, corrected: string) => {
  const have = new Set(wordsOf(corrected));
  return wordsOf(correction).every((w) => have.has(w) || FILLER_WORDS.has(w));
};

/** Why the first value was wrong, said after the new one: "…, I wrote the first number down wrong", "…, misread it". */
const ADMITTED_ERROR = new RegExp(
  String.raw`\b(?:wrong|misread|misspoke|mis-?heard|mixed (?:\w+ )?up|flipped|typo|my (?:bad|mistake)|wrote (?:\w+ ){0,3}down|` +
    String.raw`corrected me|upside down|backwards|double[- ]?checked)\b`,
  'i',
);

/** Openings that take back the sentence before: repair words ("Oops,", "Hang on,") or an admitted misreading. */
const REPAIR_OPENING = new RegExp(
  String.raw`^\s*((?:${FILLER_PHRASES})\b${GAP_SEPARATOR})*(?:(?:${REPAIR_PHRASES}|let me go back)\s*[,:]\s*)+`,
  'iu',
);
/** Words a label of a later or other reading is made of ("BP 150/90 at hospital", "sats 92% on 4 L", "second BP"). */
const NOT_A_LABEL = /^(?:on|after|recheck\w*|repeat\w*|again|now|still|took|home|initial|first|second|third|then|post|later|patient|pt)$/i;
/**
 * "BP 160/90. Oops, 150/88.", "Aspirin at 1414. Actually, that was at 1416.", "Hang on, the BP was 160/90, I misread it.":
 * a sentence of repair words and the value said again, with its label or none, and nothing else (but why it was wrong),
 * is read as a correction of the sentence before. Not with any other word ("Actually, sats 92% on 4 L", "Wait, BP 150/90
 * at hospital", "Actually, patient took aspirin 81 mg at home"), and a value without label only for a value of its shape.
 */
function repairOnlySentence(content: string, previous: string | undefined): RegExpExecArray | null {
  const opening = REPAIR_OPENING.exec(content);
  if (opening === null || previous === undefined) return null;
  const rest = content.slice(opening[0].length);
  const said = new RegExp(
    String.raw`^(?:(?:the|it|that|this|was|is|at)\s+)*((?:[\p{L}][\p{L}\d]*\s+){0,2}?)(?:(?:was|is|at|of)\s+)*` +
      String.raw`(${VALUE})(\s*(?:${UNIT_WORDS})${PER_TIME})?(?![\w]|\.\d)\s*(,[^,;\d]*)?[.!]?\s*$`,
    'iu',
  ).exec(rest);
  if (said === null) return null;
  const label = (said[1] ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (label.some((w) => NOT_A_LABEL.test(w)) || (said[4] !== undefined && !ADMITTED_ERROR.test(said[4]))) return null;
  // The label as the sentence before said it ("sat" for "sats"): "rectal temp 102.4" after "Temp 101.2" is another reading.
  const before = wordsOf(previous);
  const named = (w: string) =>
    before.some(
      (b) =>
        b === w.toLowerCase() || (Math.min(b.length, w.length) >= 3 && (b.startsWith(w.toLowerCase()) || w.toLowerCase().startsWith(b))),
    );
  if (label.length > 0) return label.every(named) ? opening : null;
  const [value, unit] = [(said[2] ?? '').trim(), (said[3] ?? '').trim()];
  if (CLOCK.test(value) || PAIR.test(value)) return opening;
  const values = [...previous.matchAll(ALL_VALUES)].filter((v) => !CLOCK.test((v[1] ?? '').trim()) && !PAIR.test(v[1] ?? ''));
  // A bare number corrects the only value of the sentence before; a value with a unit the last one in that unit.
  if (unit === '') return values.length === 1 && [...previous.matchAll(ALL_VALUES)].length === 1 ? opening : null;
  const last = values.at(-1);
  return last !== undefined && (last[2] ?? '').trim() !== '' && unitKey(last[2] ?? '') === unitKey(unit) ? opening : null;
}

/** An opening clause, then "that was" and a word of a kind a correction swaps (a route, a side), then the rest. */
/** Words of an opening that takes a word back: "negative on the IV", "not the left", "wrong on the route". */
const TAKEN_BACK = /\b(?:negative|not|no|wrong|incorrect|scratch|strike|wasn['’]?t|isn['’]?t)\b/i;
const THAT_WAS_WORD = /^([^,.;!?\d]{1,60}),\s*that\s+was\s+([\p{L}]+)\b[,;]?\s*(.*)$/iu;
/**
 * "Negative on the IV piece, that was IM, L lateral thigh.": the opening names a word the sentence before says ("IV") and
 * "that was" gives another of its kind ("IM"): the word is swapped there; what follows is kept as the sentence's own.
 * Null when the opening names no such word, or the same one.
 */
function namedWordSwapped(content: string, previous: string): [string, string] | null {
  const m = THAT_WAS_WORD.exec(content);
  // The opening takes the word back ("Negative on the IV piece"); "IV was patent, that was IO in the tibia later" tells more.
  if (m === null || !TAKEN_BACK.test(m[1] ?? '')) return null;
  for (const kind of WORD_KINDS) {
    const one = new RegExp(`^${kind.source}$`, kind.flags.replace('g', ''));
    const now = m[2] ?? '';
    if (!one.test(now)) continue;
    const named = [...(m[1] ?? '').matchAll(kind)].map((w) => w[1] ?? '').filter((w) => w.toLowerCase() !== now.toLowerCase());
    const old = [...previous.matchAll(kind)].filter((w) => named.some((n) => n.toLowerCase() === (w[1] ?? '').toLowerCase())).at(-1);
    if (old?.[1] === undefined) continue;
    // Nothing but the sentence's end after the word ("…, that was PO."): no sentence of its own is left.
    // "Negative on the left, that was right AC.": words said again after the word ("AC") are already in the sentence before.
    const follows = previous.slice(old.index + old[1].length).match(/^\s+([\p{L}]+)/u)?.[1];
    const said = (m[3] ?? '').trim();
    const rest = follows !== undefined && new RegExp(String.raw`^${follows}\b`, 'iu').test(said) ? said.slice(follows.length) : said;
    return [`${previous.slice(0, old.index)}${now}${previous.slice(old.index + old[1].length)}`, /\p{L}|\d/u.test(rest) ? rest : ''];
  }
  return null;
}

/**
 * "Monitor log overrides me, that epi was 0914.": an opening clause of any words (no value in it), then "that", the thing the
 * sentence before named, "was" and a value: the thing's value said again, whatever words the speaker opened with. The opening
 * is read as the cue. Not a thing the sentence before does not name, nor one said as another ("that second epi was 0916").
 */
const NAMED_RESTATEMENT = new RegExp(
  String.raw`^[^,.;!?\d]{1,60},\s*(?=that\s+((?:\p{L}[\p{L}\d-]*\s+){1,2})was\s+(?:at\s+)?${VALUE}(?![\p{L}\d]|\.\d))`,
  'iu',
);
/**
 * Openings that move to another moment or source, so the value is a new reading, not the old one said again ("After fluids,
 * that pulse was 98", "En route, that GCS was 12", "Per the patient, that aspirin was 81 mg …", "For the record, …").
 */
const NEW_READING_OPENING_WORDS = [
  ...['after', 'on', 'by', String.raw`en\s?route`, 'following', 'post', 'with', 'upon', 'at', 'during', 'before', 'later'],
  ...['now', 'then', 'initially', 'per', 'for', 'when', 'once', 'in', 'repeat', 'recheck'],
];
const NEW_READING_OPENING = new RegExp(String.raw`^\s*(?:${NEW_READING_OPENING_WORDS.join('|')})\b`, 'i');
/**
 * A reading taken again, by its opening ("Repeated", "Rechecked", "Manual check") or by what it names ("that BP was 150/90"):
 * vitals are retaken, so the later value is a reading of its own. A drug's time is not.
 */
const RETAKEN = new RegExp(
  String.raw`^\s*(?:repeat\w*|recheck\w*|re-check\w*|retak\w*|manual\w*|second|another)\b|,\s*that\s+(?:${READING_LABELS})\b`,
  'i',
);
/** Words of an opening about the record or the speaker's error: "Monitor log overrides me", "Checked the strip", "My mistake". */
const RECORD_CHECKED_WORDS = [
  ...[
    'monitor',
    'log',
    'strip',
    'record',
    'chart',
    'ekg',
    'ecg',
    'printout',
    String.raw`overrides?`,
    'checked',
    String.raw`double[- ]?check\w*`,
  ],
  ...[String.raw`review\w*`, 'note', String.raw`correct\w*`, 'mistake', 'wrong', 'sorry', 'fix', 'amend', 'misspoke', 'timestamp'],
];
const RECORD_CHECKED = new RegExp(String.raw`\b(?:${RECORD_CHECKED_WORDS.join('|')})\b`, 'i');
/** The value ends what is said of the thing (a unit may follow): "that epi was 0914.", not "that epi was 1 of 3 doses". */
const VALUE_ENDS_CLAUSE = new RegExp(String.raw`^\s*(?:(?:${UNIT_WORDS})${PER_TIME}(?![\w]))?\s*(?:[.;!?]|$)`, 'i');
function namedRestatement(content: string, previous: string | undefined): RegExpExecArray | null {
  const m = NAMED_RESTATEMENT.exec(content);
  if (m === null || previous === undefined || NEW_READING_OPENING.test(content) || RETAKEN.test(content)) return null;
  // The opening is read as the cue and leaves the chart, so it must be about the record, not the patient ("Patient vomited, that
  // zofran was 1425" keeps "Patient vomited").
  if (!RECORD_CHECKED.test(m[0])) return null;
  const value = new RegExp(String.raw`^that\s+(?:\p{L}[\p{L}\d-]*\s+){1,2}was\s+(?:at\s+)?${VALUE}`, 'iu').exec(content.slice(m[0].length));
  if (value === null || !VALUE_ENDS_CLAUSE.test(content.slice(m[0].length + value[0].length))) return null;
  const label = wordsOf(m[1] ?? '');
  const before = wordsOf(previous);
  return label.length > 0 && !label.some((w) => NOT_A_LABEL.test(w) || !before.includes(w)) ? m : null;
}

/**
 * "Heparin drip running at 1000 units an hour. Strike the last, it's 800 an hour, …": the words said right after the old
 * value ("an hour") said again after the new one are already in the sentence corrected, so they leave the tail.
 */
function withoutRepeatedWords(
  previous: string,
  label: readonly string[],
  corrected: RegExpExecArray,
  tail: string,
  vitalOf: (label: string) => string | null,
): string {
  const old = targetValue(previous, label, corrected[1] ?? '', corrected[2] ?? '', vitalOf);
  if (old === null) return tail;
  const followed = wordsOf(previous.slice(old.index + old[0].length).split(/[,;.!?]/)[0] ?? '');
  let rest = tail;
  for (const w of followed) {
    const next = /^\s*([\p{L}\d]+)/u.exec(rest);
    if (next?.[1]?.toLowerCase() !== w) break;
    rest = rest.slice(next[0].length);
  }
  return rest;
}

/**
 * "Wait, I had that backwards, …", "Sorry, my mistake, …": repair words that own an error or take a statement back,
 * not a mere hesitation ("Wait, the right hip is fine."); with no value after them they may only swap a side.
 */
function ownedErrorOpening(content: string): RegExpExecArray | null {
  const opening = REPAIR_OPENING.exec(content);
  if (opening === null || HAS_VALUE.test(content.slice(opening[0].length))) return null;
  return ADMITTED_ERROR.test(opening[0]) || PLAIN_CUE.test(opening[0]) ? opening : null;
}

/**
 * Words that describe the side a correction names ("Sorry, right wrist is fine", "right leg pulses strong", "right AC
 * blown on first attempt"): a finding of the other side, said after an apology, not the side before taken back.
 */
const SIDE_DESCRIBED = new RegExp(
  String.raw`\b(?:is|are|was|were|has|have|had|looks?|feels?|fine|ok(?:ay)?|normal|intact|clear|strong|weak|minimal|mild|` +
    String.raw`blown|missed|reactive|sluggish|fixed|dilated|numb|tender|pulses?|abrasions?|scars?|equal|diminished|absent|` +
    String.raw`unremarkable|negative|positive|good|bad|worse|better)\b`,
  'i',
);

/** The text names both sides ("right hand, left hand had a bruise"): a side said again is described, not taken back. */
const namesBothSides = (text: string) =>
  /\bleft\b/i.test(text) || /\bL\b/.test(text) ? /\bright\b/i.test(text) || /\bR\b/.test(text) : false;

/** The sentence said right before `i`, when it names the other side of a body part the correction names. */
function sideSaidBefore(
  out: readonly CorrectionSentenceInput[],
  i: number,
  correction: string,
): [CorrectionSentenceInput | undefined, ReturnType<typeof otherSide>] {
  // Only the clause that names the side counts: "it's his right hip, the other side was fine" takes the side back.
  const clause = correction.split(/[,;]/).find((c) => /\b(?:left|right|L|R)\b/i.test(c)) ?? correction;
  if (SIDE_DESCRIBED.test(clause)) return [undefined, null];
  const said = previousSaid(out, i);
  const side = said === undefined ? null : otherSide(said.content, correction);
  return side === null ? [undefined, null] : [said, side];
}

/**
 * A correction said as its own sentence replaces the value it names in the sentence just before
 * ("BP 184/102, HR 88. Correction, the BP was 148 over 92." → "BP 148 over 92, HR 88."). The
 * correction sentence itself says nothing new, so it is emptied and cited by the corrected one.
 * When the sentence before holds no such value, nothing is changed (the words stay as said).
 */
export function applyCorrectionSentences(
  segments: readonly CorrectionSentenceInput[],
  vitalOf: (label: string) => string | null,
): CorrectedSegments {
  const out = segments.map((s) => ({ ...s }));
  const mergedInto = new Map<string, string>();
  const unconfirmed: string[] = [];
  for (let i = 1; i < out.length; i++) {
    const current = out[i] as CorrectionSentenceInput;
    // "Back up, it was 184 over 90, I read it wrong. transported to county general …": a run-on segment carries the rest
    // of the call; only its first sentence is read as the correction, and the rest stays whatever becomes of it.
    const [first, more] = firstSentence(current.content);
    current.content = first;
    correctOne(out, i, current, mergedInto, unconfirmed, vitalOf);
    if (more !== '') current.content = current.content.trim() === '' ? capital1(more) : `${current.content} ${more}`;
  }
  return { segments: out, mergedInto, unconfirmed };
}

/** A segment's first sentence and the rest of it ('' when it says one sentence). */
function firstSentence(content: string): [string, string] {
  const end = /[.!?]\s+(?=\S)/.exec(content);
  if (end === null) return [content, ''];
  const at = end.index + end[0].length;
  return [content.slice(0, at).trimEnd(), content.slice(at).trim()];
}

/** The correction the sentence `current` (at `i`) says of the sentence before, applied in place. */
function correctOne(
  out: CorrectionSentenceInput[],
  i: number,
  current: CorrectionSentenceInput,
  mergedInto: Map<string, string>,
  unconfirmed: string[],
  vitalOf: (label: string) => string | null,
): void {
  {
    const before = previousSaid(out, i);
    const swapped = before === undefined ? null : namedWordSwapped(current.content, before.content);
    if (before !== undefined && swapped !== null) {
      before.content = swapped[0];
      current.content = swapped[1] === '' ? '' : capital1(swapped[1]);
      mergedInto.set(current.id, mergedInto.get(before.id) ?? before.id);
      return;
    }
    const cue =
      LEADING_CUE.exec(current.content) ??
      repairOnlySentence(current.content, previousSaid(out, i)?.content) ??
      ownedErrorOpening(current.content) ??
      namedRestatement(current.content, previousSaid(out, i)?.content);
    if (!cue) return;
    const rest = current.content.slice(cue[0].length);
    const corrected = VALUE_WITH_UNIT.exec(rest);
    if (!corrected) {
      // "Scratch that, the epinephrine went in the right thigh.": the other side of the same body part.
      // "Sorry, right arm pain too": an addition, not the other side.
      const [t, side] = /\b(?:too|also|as well)\b/i.test(rest) ? [undefined, null] : sideSaidBefore(out, i, rest);
      // "Sorry, right base, left clear.": the side taken back is named again, so what is said of it is a finding of its
      // own; swapping would delete it. Both stay and the provider is asked which stands.
      if (t !== undefined && side !== null && namesBothSides(rest)) {
        unconfirmed.push(current.id);
        return;
      }
      if (t !== undefined && side !== null) {
        t.content = `${t.content.slice(0, side.index)}${side.text}${t.content.slice(side.index + side.length)}`;
        current.content = '';
        mergedInto.set(current.id, mergedInto.get(t.id) ?? t.id);
      }
      return;
    }
    const target = previousSaid(out, i);
    if (!target) return;
    // "Let me redo that, we're biphasic, it was 200 joules": a clause before the value's own says why; the label is the
    // value's clause ("it was"), and a word of a later reading there ("shocked again at 200 joules") is no correction.
    const said = rest.slice(0, corrected.index);
    const clause = said.slice(Math.max(said.lastIndexOf(','), said.lastIndexOf(';')) + 1);
    if (clause !== said && wordsOf(clause).some((w) => NOT_A_LABEL.test(w))) return;
    const label = (clause.replace(/['’]s\b/g, '').match(/[\p{L}\d]+/gu) ?? []).filter((w) => !FILLER_WORDS.has(w.toLowerCase()));
    const saidAfter = rest.slice(corrected.index + corrected[0].length);
    if (
      LATER_MOMENT_NEXT.test(
        wordsOf(saidAfter.split(/[,;]/)[0] ?? '')
          .slice(0, 4)
          .join(' '),
      )
    ) {
      unconfirmed.push(current.id);
      return;
    }
    const tail = withoutRepeatedWords(target.content, label, corrected, saidAfter, vitalOf);
    // Words said again after the new value ("800 an hour" for "1000 units an hour"): the value goes in as said with them.
    const repeated = saidAfter.slice(0, saidAfter.length - tail.length);
    // "Actually it was 146/82, I wrote the first number down wrong.": only why, no new value; the value alone corrects.
    // Only when the reason is all that follows: "…, I misread it, patient became dizzy" says more and is kept.
    const onlyWhy = /^\s*[,;-][^,;]*[.!]?\s*$/.test(tail) && ADMITTED_ERROR.test(tail) && !HAS_VALUE.test(tail);
    // Null when the correction would lose the old value's unit: "1000 units an hour. Strike the last, it's 800 an hour"
    // would chart "800 an hour" (the unit gone) or words never said ("800 units an hour"); the provider is asked instead.
    const replaced = (old: RegExpExecArray): string | null => {
      const after = target.content.slice(old.index + old[0].length);
      const again = wordsOf(repeated).length;
      const span = again === 0 ? null : new RegExp(String.raw`^(?:[\s,]*[\p{L}\d]+){${again}}`, 'u').exec(after);
      if (span !== null && (corrected[2] ?? '').trim() === '') {
        if ((old[2] ?? '').trim() !== '') return null;
        return `${target.content.slice(0, old.index)}${corrected[1] ?? ''}${repeated.trimEnd()}${after.slice(span[0].length)}`;
      }
      const value = `${corrected[1] ?? ''}${corrected[2] ?? old[2] ?? ''}`;
      return `${target.content.slice(0, old.index)}${value}${after}`;
    };
    // "…: the dose administered was 350 mg IM, based on an estimated weight of 88 kg.": the new value, then only why it is
    // that value. The value is corrected and the reason stays as a sentence of its own.
    const why = label.length === 0 ? REASON_AFTER_VALUE.exec(tail) : null;
    if (why !== null) {
      const old = targetValue(target.content, label, corrected[1] ?? '', corrected[2] ?? '', vitalOf);
      const rewritten = old === null ? null : replaced(old);
      if (rewritten === null) return;
      target.content = rewritten;
      current.content = `${capital1((why[1] ?? '').trim())}.`;
      mergedInto.set(current.id, mergedInto.get(target.id) ?? target.id);
      return;
    }
    if (!/^[\s.!]*$/.test(tail) && !onlyWhy) {
      // "Correction, nitroglycerin 0.4 milligrams sublingual at 0432" after "… 0.8 milligrams … at 0427": two values
      // changed in one clause; correcting one would splice, so both sentences stay as said.
      if (label.length > 0 && ownValues(valueClause(rest, corrected), target.content).length > 1) {
        unconfirmed.push(current.id);
        return;
      }
      const named = label.length === 0 ? null : treatmentValue(target.content, label, corrected, rest);
      const dropped = label.length === 0 ? null : labelledValueDropped(target.content, label, corrected, vitalOf);
      const rewritten = dropped === null && named !== null ? replaced(named) : null;
      if (dropped === null && named !== null && rewritten === null) {
        unconfirmed.push(current.id);
        return;
      }
      const more = label.length === 0 ? restatedTail(target.content, rest) : (dropped ?? rewritten);
      if (more === null) return;
      // The sentence before reads as it did: the cue took no value back ("Narcan 0.4 mg IV at 1410. Let me redo that,
      // Narcan 0.4 mg IV at 1413"); both stay and the provider is asked which stands.
      if (more === target.content) {
        unconfirmed.push(current.id);
        return;
      }
      target.content = more;
      current.content = label.length === 0 || saysNothingNew(rest, more) ? '' : whatItAdds(rest, corrected, more);
      mergedInto.set(current.id, mergedInto.get(target.id) ?? target.id);
      return;
    }
    const old = targetValue(target.content, label, corrected[1] ?? '', corrected[2] ?? '', vitalOf);
    // The treatment named in other words than the sentence before used: the correction keeps its own words.
    const named = old === null && label.length > 0 ? treatmentValue(target.content, label, corrected, rest) : null;
    if (!old && !named) return;
    const rewritten = replaced((old ?? named) as RegExpExecArray);
    if (rewritten === null) {
      unconfirmed.push(current.id);
      return;
    }
    target.content = rewritten;
    current.content = named !== null && !saysNothingNew(rest, target.content) ? capital1(rest) : '';
    mergedInto.set(current.id, mergedInto.get(target.id) ?? target.id);
  }
}

/**
 * Spoken corrections inside one dictated sentence: "BP 142 over 80, correction, 162 over 80",
 * "at 2224, scratch that, 2226", "glucose 112, scratch that, glucose 121", "CPAP at 7.5, I mean
 * 10". The later value wins: the retracted value and the cue are removed from the sentence the
 * narrative and the fact readers see (the transcript segment itself is the unchanged evidence).
 * Only a value replacing a value is a correction, so "I mean she was confused" stays as said.
 */
const CUE_WORDS = String.raw`correction|scratch that|make that|i mean|sorry|strike that|no,? wait|or rather`;
const CUE = new RegExp(String.raw`,?\s*\b(?:${CUE_WORDS})\b[,:]?\s*`, 'gi');
/** Numbers said in words ("twenty-five", "two point five"): a correction may be spoken either way. */
const NUMBER_WORD =
  '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|' +
  'eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|point)';
const NUMBER = String.raw`(?:\d+(?:\.\d+)?|${NUMBER_WORD}(?:[\s-]+${NUMBER_WORD})*)`;
/** A value as dictated: "142 over 80", "150/90", "7.5", "0314", "one twenty", "fifty". */
const VALUE = String.raw`${NUMBER}(?:\s*(?:\/|over)\s*${NUMBER})?`;
const VALUE_UNITS = String.raw`%|percent|mg|milligrams?|mcg|micrograms?|mics?|mikes?|ml|milliliters?|liters?|cm|joules|bpm`;
const VALUE_AT_END = new RegExp(String.raw`(?<![\p{L}])(${VALUE})(\s*(?:${VALUE_UNITS})?)\s*$`, 'iu');
const VALUE_AT_START = new RegExp(String.raw`^((?:[A-Za-z][\w-]*\s+){0,3}?)(${VALUE})(?![\p{L}])`, 'iu');

export interface CorrectedSentence {
  text: string;
  /** How many corrections were applied. */
  corrections: number;
}

const UNIT_WORDS = String.raw`%|percent|mg|milligrams?|mcg|micrograms?|mics?|mikes?|ml|milliliters?|liters?|L|cm|joules|J|bpm`;
const UNIT_AFTER = new RegExp(String.raw`^\s*(${UNIT_WORDS})(?![\w])`, 'i');
const unitKey = (u: string) =>
  u
    .trim()
    .toLowerCase()
    .replace(/^milligrams?$/, 'mg')
    .replace(/^(?:micrograms?|mics?|mikes?)$/, 'mcg');

/**
 * "Narcan 2 mg IN at 2149, scratch that, 4 mg IN": the value said after the cue has a unit the
 * last value before it lacks, so it corrects the last value with that unit ("2 mg"), not the time.
 * The words repeated after it ("IN") are already in the sentence. Null when this does not apply.
 */
function valueOfSameUnit(before: string, old: RegExpExecArray, after: string, replacement: RegExpExecArray): string | null {
  const unit = UNIT_AFTER.exec(after.slice(replacement[0].length));
  if (!unit?.[1] || unitKey(unit[1]) === unitKey(old[2] ?? '')) return null;
  const sameUnit = [...before.matchAll(new RegExp(String.raw`(${VALUE})(\s*)(${UNIT_WORDS})(?![\w])`, 'gi'))].filter(
    (m) => unitKey(m[3] ?? '') === unitKey(unit[1] ?? ''),
  );
  const target = sameUnit.at(-1);
  if (!target || (replacement[1] ?? '').trim() !== '') return null;
  const rest = after.slice(replacement[0].length + unit[0].length);
  // Only what repeats the corrected dose's own words ("…, scratch that, 4 mg IN"); a run-on's next statement
  // ("4 milligrams at 1620 he was breathing …") starts at its time or the next clause.
  const head = rest.split(/,|;|\bat\s+\d|\band\b/i)[0] ?? '';
  const restWords = head.match(/[\p{L}\d]+/gu) ?? [];
  const followed = before.slice(target.index + target[0].length).toLowerCase();
  if (!restWords.every((w) => new RegExp(String.raw`\b${w.toLowerCase()}\b`).test(followed))) return null;
  // What follows the repeated words is new ("…, twenty-five mics, she's 41 kilos."): it stays.
  const tail = rest.slice(head.length);
  const ending = tail === '' ? (/[.!?]\s*$/.exec(rest)?.[0] ?? '') : '';
  const corrected = `${replacement[2] ?? ''}${target[2] ?? ''}${target[3] ?? ''}`;
  const kept = before.slice(target.index + target[0].length);
  const gap = tail === '' || /^[\s,;.!?]/.test(tail) ? '' : ' ';
  return `${before.slice(0, target.index)}${corrected}${tail === '' ? kept : kept.replace(/[.!?]\s*$/, '')}${gap}${tail}${ending}`;
}

export function applySpokenCorrections(sentence: string): CorrectedSentence {
  let text = sentence;
  let corrections = 0;
  for (let guard = 0; guard < 10; guard++) {
    CUE.lastIndex = 0;
    let applied = false;
    for (let m = CUE.exec(text); m !== null; m = CUE.exec(text)) {
      const before = text.slice(0, m.index);
      const after = text.slice(m.index + m[0].length);
      const old = VALUE_AT_END.exec(before);
      const replacement = VALUE_AT_START.exec(after);
      if (!old || !replacement) continue;
      const sameUnit = valueOfSameUnit(before, old, after, replacement);
      if (sameUnit !== null) {
        text = sameUnit;
        corrections++;
        applied = true;
        break;
      }
      // "glucose 112, scratch that, glucose 121": the repeated label goes with the retracted value.
      const label = (replacement[1] ?? '').trim();
      let cut = old.index;
      if (label !== '' && before.slice(0, cut).trimEnd().toLowerCase().endsWith(label.toLowerCase()))
        cut = before.slice(0, cut).trimEnd().length - label.length;
      text = `${text.slice(0, cut)}${after}`;
      corrections++;
      applied = true;
      break;
    }
    if (!applied) break;
  }
  return { text, corrections };
}

/** A sentence that is only a correction of what was just said: "Correction, the BP was 148 over 92." */
const LEADING_CUE = new RegExp(String.raw`^\s*(?:${CUE_WORDS})\b[,:]?\s*`, 'i');
const VALUE_WITH_UNIT = new RegExp(
  String.raw`(${VALUE})(\s*(?:%|percent|mg|milligrams?|mcg|micrograms?|ml|milliliters?|liters?|L|cm|joules|bpm))?(?![\w]|\.\d)`,
  'i',
);
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
]);
const CLOCK = /^\d{4}$/;

export interface CorrectionSentenceInput {
  id: string;
  content: string;
}

export interface CorrectedSegments {
  /** The segments with each corrected value replaced and each correction sentence emptied. */
  segments: CorrectionSentenceInput[];
  /** Correction sentence id → the id of the sentence it corrected (that sentence now cites both). */
  mergedInto: Map<string, string>;
}

/** Where the corrected value sits in the sentence before: after its label, else the last value of the same shape. */
function targetValue(
  previous: string,
  label: readonly string[],
  value: string,
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
    return values.find((v) => v.index >= named.index + named[0].length && v.index - (named.index + named[0].length) <= 20) ?? null;
  }
  const sameShape = values.filter(
    (v) => CLOCK.test(value) === CLOCK.test(v[1] ?? '') && /over|\//i.test(value) === /over|\//i.test(v[1] ?? ''),
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
  for (let i = 1; i < out.length; i++) {
    const current = out[i] as CorrectionSentenceInput;
    const cue = LEADING_CUE.exec(current.content);
    if (!cue) continue;
    const rest = current.content.slice(cue[0].length);
    const corrected = VALUE_WITH_UNIT.exec(rest);
    if (!corrected) {
      // "Scratch that, the epinephrine went in the right thigh.": the other side of the same body part.
      const t = previousSaid(out, i);
      const side = t === undefined ? null : otherSide(t.content, rest);
      if (t !== undefined && side !== null) {
        t.content = `${t.content.slice(0, side.index)}${side.text}${t.content.slice(side.index + side.length)}`;
        current.content = '';
        mergedInto.set(current.id, mergedInto.get(t.id) ?? t.id);
      }
      continue;
    }
    if (!/^[\s.!]*$/.test(rest.slice(corrected.index + corrected[0].length))) continue;
    const label = (rest.slice(0, corrected.index).match(/[\p{L}\d]+/gu) ?? []).filter((w) => !FILLER_WORDS.has(w.toLowerCase()));
    const target = previousSaid(out, i);
    if (!target) continue;
    const old = targetValue(target.content, label, corrected[1] ?? '', vitalOf);
    if (!old) continue;
    const unit = corrected[2] ?? old[2] ?? '';
    target.content = `${target.content.slice(0, old.index)}${corrected[1] ?? ''}${unit}${target.content.slice(old.index + old[0].length)}`;
    current.content = '';
    mergedInto.set(current.id, mergedInto.get(target.id) ?? target.id);
  }
  return { segments: out, mergedInto };
}

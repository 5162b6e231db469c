/**
 * Spoken corrections inside one dictated sentence: "BP 142 over 80, correction, 162 over 80",
 * "at 2224, scratch that, 2226", "glucose 112, scratch that, glucose 121", "CPAP at 7.5, I mean
 * 10". The later value wins: the retracted value and the cue are removed from the sentence the
 * narrative and the fact readers see (the transcript segment itself is the unchanged evidence).
 * Only a value replacing a value is a correction, so "I mean she was confused" stays as said.
 */
const CUE = /,?\s*\b(?:correction|scratch that|make that|i mean|sorry|strike that)\b[,:]?\s*/gi;
/** A value as dictated: "142 over 80", "150/90", "7.5", "0314", "one twenty". */
const VALUE = String.raw`\d+(?:\.\d+)?(?:\s*(?:\/|over)\s*\d+)?`;
const VALUE_AT_END = new RegExp(String.raw`(${VALUE})(\s*(?:%|percent|mg|milligrams?|mcg|micrograms?|ml|milliliters?|liters?|cm|joules|bpm)?)\s*$`, 'i');
const VALUE_AT_START = new RegExp(String.raw`^((?:[A-Za-z][\w-]*\s+){0,3}?)(${VALUE})`);

export interface CorrectedSentence {
  text: string;
  /** How many corrections were applied. */
  corrections: number;
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
      // "glucose 112, scratch that, glucose 121": the repeated label goes with the retracted value.
      const label = (replacement[1] ?? '').trim();
      let cut = old.index;
      if (label !== '' && before.slice(0, cut).trimEnd().toLowerCase().endsWith(label.toLowerCase())) cut = before.slice(0, cut).trimEnd().length - label.length;
      text = `${text.slice(0, cut)}${after}`;
      corrections++;
      applied = true;
      break;
    }
    if (!applied) break;
  }
  return { text, corrections };
}

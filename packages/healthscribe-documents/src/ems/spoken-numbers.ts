import { lookupTable } from './word-table.js';

/**
 * Spelled-out numbers as medics say them → digits, for the fact readers only: the dictated text
 * itself is never rewritten. "one hundred fifty over ninety" → "150 over 90", "one twenty-eight"
 * → "128", "one oh eight" → "108", "ninety-eight percent" → "98 percent", "nineteen thirty" →
 * "1930", "point five" → "0.5". `sourceIndex` maps an index of the reading back into the dictated text, so every fact
 * still points at the words that were said.
 */
const UNITS = lookupTable({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
});
const TEENS = lookupTable({
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});
const TENS = lookupTable({
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});

export interface NumberReading {
  text: string;
  /** Index in `text` → index in the dictated text (`text.length` maps to the dictated length). */
  sourceIndex: (i: number) => number;
}

interface Token {
  word: string;
  begin: number;
  end: number;
}

/** A number below 100 starting at token i: [value, tokens used] or null. */
function underHundred(t: readonly Token[], i: number): [number, number] | null {
  const w = t[i]?.word;
  if (w === undefined) return null;
  if (w in TEENS) return [TEENS[w] as number, 1];
  if (w in TENS) {
    const next = t[i + 1]?.word;
    return next !== undefined && next in UNITS && next !== 'zero'
      ? [(TENS[w] as number) + (UNITS[next] as number), 2]
      : [TENS[w] as number, 1];
  }
  if (w in UNITS) return [UNITS[w] as number, 1];
  return null;
}

/** The longest number said from token i: [value, tokens used] or null. */
function numberAt(t: readonly Token[], i: number): [number, number] | null {
  const first = underHundred(t, i);
  if (!first) return null;
  const [v, n] = first;
  const w = t[i]?.word ?? '';
  if (w in UNITS && t[i + 1]?.word === 'hundred') {
    const skipAnd = t[i + 2]?.word === 'and' ? 1 : 0;
    const rest = underHundred(t, i + 2 + skipAnd);
    return rest ? [v * 100 + rest[0], 2 + skipAnd + rest[1]] : [v * 100, 2];
  }
  // "one twenty-eight" = 128, "one oh eight" = 108: the way a medic reads out a three-digit value.
  if (w in UNITS && n === 1 && v > 0) {
    if (t[i + 1]?.word === 'oh') {
      const u = t[i + 2]?.word;
      if (u !== undefined && u in UNITS) return [v * 100 + (UNITS[u] as number), 3];
    }
    const rest = underHundred(t, i + 1);
    if (rest && rest[0] >= 10) return [v * 100 + rest[0], 1 + rest[1]];
  }
  // "nineteen thirty" / "twenty-two fifteen" / "seventeen oh two" = a clock time.
  if (v >= 10 && v <= 23) {
    const next = t[i + n]?.word;
    if (next === 'hundred') return [v * 100, n + 1];
    const minute = t[i + n + 1]?.word;
    if (next === 'oh' && minute !== undefined && minute in UNITS && minute !== 'zero') return [v * 100 + (UNITS[minute] as number), n + 2];
    const rest = underHundred(t, i + n);
    if (rest && rest[0] >= 10 && next !== undefined && (next in TENS || next in TEENS)) return [v * 100 + rest[0], n + rest[1]];
  }
  return [v, n];
}

/**
 * A clock time before ten said with its leading zero: "oh three twenty" → "0320", "oh-one-forty-one"
 * → "0141", "zero nine hundred" → "0900", "oh six oh five" → "0605". [digits, tokens used] or null.
 */
function leadingZeroClock(t: readonly Token[], i: number): [string, number] | null {
  const lead = t[i]?.word;
  const hour = t[i + 1]?.word;
  if ((lead !== 'oh' && lead !== 'zero') || hour === undefined || !(hour in UNITS) || hour === 'zero') return null;
  const h = `0${UNITS[hour] as number}`;
  const next = t[i + 2]?.word;
  if (next === 'hundred') return [`${h}00`, 3];
  const unit = t[i + 3]?.word;
  if (next === 'oh' && unit !== undefined && unit in UNITS) return [`${h}0${UNITS[unit] as number}`, 4];
  if (next === undefined || !(next in TENS || next in TEENS)) return null;
  const minute = underHundred(t, i + 2);
  return minute && minute[0] >= 10 && minute[0] < 60 ? [`${h}${minute[0]}`, 2 + minute[1]] : null;
}

/** Words are adjacent in one number when only spaces or a hyphen lie between them. */
const NUMBER_GAP = /^[\s-]+$/;
const WORD = /[A-Za-z]+/g;
/**
 * The readers below look at most five words ahead ("one hundred and twenty five"), so a number is
 * read from a window of that many words of its run rather than a copy of the whole run.
 */
const NUMBER_WINDOW = 5;

/**
 * For each token, the end (exclusive) of the run of adjacent words it belongs to. Worked out once
 * per text: a run measured again from every token of a long sentence was quadratic in its words.
 */
function runEnds(content: string, tokens: readonly Token[]): number[] {
  const ends = new Array<number>(tokens.length);
  for (let k = tokens.length - 1; k >= 0; k--) {
    const next = tokens[k + 1];
    ends[k] = next !== undefined && NUMBER_GAP.test(content.slice((tokens[k] as Token).end, next.begin)) ? (ends[k + 1] as number) : k + 1;
  }
  return ends;
}

/** "point five" = 0.5, "zero point four" = 0.4: a decimal said digit by digit after "point", within the run ending at `end`. */
function decimals(tokens: readonly Token[], at: number, end: number): [string, number] {
  let digits = '';
  let used = 0;
  if (tokens[at]?.word !== 'point' || at + 1 >= end) return ['', 0];
  for (let k = at + 1; k < end && (tokens[k]?.word ?? '') in UNITS; k++) {
    digits += String(UNITS[tokens[k]?.word ?? ''] ?? '');
    used++;
  }
  return used === 0 ? ['', 0] : [`.${digits}`, used + 1];
}

export function readSpokenNumbers(content: string): NumberReading {
  const tokens: Token[] = [];
  for (const m of content.matchAll(WORD)) tokens.push({ word: m[0].toLowerCase(), begin: m.index, end: m.index + m[0].length });
  // Tokens of one number must be adjacent words (only spaces or a hyphen between them).
  const ends = runEnds(content, tokens);
  const pieces: Array<{ begin: number; end: number; digits: string }> = [];
  for (let i = 0; i < tokens.length;) {
    const end = ends[i] as number;
    if (tokens[i]?.word === 'point') {
      const [fraction, used] = decimals(tokens, i, end);
      if (used === 0) {
        i++;
        continue;
      }
      const last = tokens[i + used - 1] as Token;
      pieces.push({ begin: (tokens[i] as Token).begin, end: last.end, digits: `0${fraction}` });
      i += used;
      continue;
    }
    const window = tokens.slice(i, Math.min(end, i + NUMBER_WINDOW));
    const clock = leadingZeroClock(window, 0);
    if (clock) {
      pieces.push({ begin: (tokens[i] as Token).begin, end: (tokens[i + clock[1] - 1] as Token).end, digits: clock[0] });
      i += clock[1];
      continue;
    }
    const found = numberAt(window, 0);
    if (!found) {
      i++;
      continue;
    }
    const [fraction, used] = decimals(tokens, i + found[1], end);
    const first = tokens[i] as Token;
    const last = tokens[i + found[1] + used - 1] as Token;
    pieces.push({ begin: first.begin, end: last.end, digits: `${found[0]}${fraction}` });
    i += found[1] + used;
  }
  if (pieces.length === 0) return { text: content, sourceIndex: (i) => i };
  let text = '';
  const map: number[] = [];
  let at = 0;
  for (const p of pieces) {
    for (let k = at; k < p.begin; k++) {
      map.push(k);
      text += content[k];
    }
    for (let k = 0; k < p.digits.length; k++) map.push(k === 0 ? p.begin : p.end);
    text += p.digits;
    at = p.end;
  }
  for (let k = at; k < content.length; k++) {
    map.push(k);
    text += content[k];
  }
  map.push(content.length);
  return { text, sourceIndex: (i) => map[Math.max(0, Math.min(i, map.length - 1))] ?? content.length };
}

/**
 * Dictated sentence → narrative sentence: ASCII punctuation (ESO fields reject smart quotes and
 * dashes), single spaces, a capital first letter and a closing period. Wording is the
 * provider's (charted by `toChartingStyle` first unless the template asks for verbatim, which
 * changes no number, drug or time): the narrative is extractive, so every sentence says what its
 * evidence says. Letters are never dropped ("58 años", "José"): text is NFC-normalised so the same word
 * is the same bytes however the recogniser composed its accents.
 */
const ASCII: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2018\u2019\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201F\u2033]/g, '"'],
  [/[\u2013\u2014\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/\u00B0\s*([FC])\b/g, ' degrees $1'],
  [/\u00B0/g, ' degrees'],
  [/[\u00A0\u2007\u202F]/g, ' '],
];

/** Punctuation → ASCII; control and invisible format characters dropped; letters and digits of any script kept (NFC). */
export function toAscii(text: string): string {
  let out = text.normalize('NFC');
  for (const [re, to] of ASCII) out = out.replace(re, to);
  return out.replace(/\t/g, ' ').replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/gu, (c) => (c === '\n' ? c : ''));
}

export function styleSentence(raw: string): string {
  const t = toAscii(raw)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[-*]\s+/, '');
  if (t === '') return '';
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]["')]?$/.test(capital) ? capital : `${capital}.`;
}

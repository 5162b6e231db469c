/**
 * Dictated sentence → narrative sentence: ASCII punctuation (ESO fields reject smart quotes and
 * dashes), single spaces, a capital first letter and a closing period. Wording is kept as the
 * provider said it: the narrative is extractive, so every sentence is exactly what its evidence says.
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

export function toAscii(text: string): string {
  let out = text;
  for (const [re, to] of ASCII) out = out.replace(re, to);
  return out.replace(/[^\x20-\x7E\n]/g, '');
}

export function styleSentence(raw: string): string {
  const t = toAscii(raw).replace(/\s+/g, ' ').trim().replace(/^[-*]\s+/, '');
  if (t === '') return '';
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]["')]?$/.test(capital) ? capital : `${capital}.`;
}

import { splitRunOn } from './run-on-splitter.js';

/**
 * Splits dictation text into sentences: one transcript segment each. A boundary is `.`, `!` or
 * `?` followed by white space and a capital, digit or quote, or a line break. Decimals ("0.4 mg")
 * never split (no space after the dot) and neither do titles and "approx." ("St. Mary's", "Dr. Liang").
 */
// Titles and "approx." come before a name or number; a unit ("10 min.", "2 hrs.") ends its sentence when a capital follows.
// "Pt." is a title only where it opens the sentence ("Pt. Greta Vollmer, 79"); "… per pt. Alert" ends one.
const ABBREVIATIONS = /(?:^|\s)(?:st|dr|dra|mr|mrs|ms|sra|srta|mme|mlle|prof|jr|sr|approx|vs|no|e\.g|i\.e|mt|lt|sgt|capt)\.$|^\s*pt\.$/i;
/**
 * "300 Canal St. L&S.", "512 Birch Ridge Dr. Emergent.": "St." or "Dr." after a house number and a street's name is the street
 * (Street, Drive), and may end the sentence; so does "St." after a number and a comma ("mile 11, Quay St.").
 */
// The word before names the street, never a preposition: "priority 2 to St. Luke's" is a saint, "at 0930 with Dr. Patel" a doctor.
const STREET_END = /\b\d+,?\s+(?:[\p{L}'’-]+\s+){0,2}(?!(?:to|at|from|for|in|on|via|near|and|with|by|per)\s)[\p{L}'’-]+\s+st\.$/iu;
/**
 * "Dr." is far more often a doctor than a Drive: it ends the sentence only after a capitalised street name right after the house
 * number ("4410 Oak Hollow Dr."), not after a time, a bed or a lower-case word ("at 0215 contacted Dr. Nguyen", "bed 4
 * attending Dr. Patel", "2 weeks ago Dr. Brown").
 */
const DRIVE_END = /(?<!\b(?:at|bed|room|rm|bay|by|per|with)\s)\b\d+\s+(?:\p{Lu}[\p{L}'’-]*\s+){0,2}\p{Lu}[\p{L}'’-]*\s+[Dd]r\.$/u;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split(/\n+/)) {
    let start = 0;
    // Device names charted in lower case ("i-gel", "ez-io") open a sentence like a capital does.
    // So do mixed-case abbreviations ("qSOFA 3", "eGFR 28").
    const re = /[.!?]+["')\]]?(?=\s+(?:["'(]?[A-Z0-9]|(?:i-?gel|ez-?io)\b|[a-z]{1,2}[A-Z]))/g;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) {
      const end = m.index + m[0].length;
      const said = line.slice(start, m.index + 1);
      if (ABBREVIATIONS.test(said) && !STREET_END.test(said) && !DRIVE_END.test(said)) continue;
      out.push(line.slice(start, end));
      start = end;
    }
    out.push(line.slice(start));
  }
  return out
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .flatMap(splitRunOn)
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

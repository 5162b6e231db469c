import type { WordTable } from './word-table.js';

/**
 * Words a speaker says about their own words rather than the call: a guess at a number, a correction of one. Several readers
 * look for them (the vitals and the age before a number, the run-on splitter, the spoken corrections of the narrative), each
 * building what it needs from these tables, so a word added here is added for every one of them.
 */

/** A guess said before a number ("about 30", "roughly 2 minutes", "at approximately 1430"). */
export const GUESS_WORDS: WordTable = ['about', 'around', 'approximately', 'roughly'];

/**
 * Cues that only take back what was just said, wherever they are said: "cardizem 25 milligrams scratch that cardizem 15",
 * "bp 142 over 80, correction, 162 over 80".
 */
export const CORRECTION_CUE_WORDS: WordTable = [
  ...['correction', 'scratch that', 'strike that', 'make that', 'i meant', 'my mistake', 'my bad', 'i misspoke'],
  // "sats 84 percent go back on that the sat was 86 percent": back to what was just said, to say it again.
  'go back on that',
  // "magnesium sulfate 6 grams take that back 4 grams"; not what is carried ("take that back to the rig").
  String.raw`take that back(?! (?:to|in|into|out|up|down|with|home|off|over)\b)`,
];
/** Who a correction is from, said right after its cue: "correction per crew", "correction per my partner". */
export const CORRECTION_SOURCE_WORDS: WordTable = ['crew', 'partner', 'medic'];
/** Cues that are also a filler or an apology ("i mean we carried him down", "he kept saying sorry"): each reader guards them. */
export const LOOSE_CUE_WORDS: WordTable = ['i mean', 'sorry'];
/** Words after which "sorry" is how someone feels ("she was so sorry", "he felt sorry"), not a correction. */
export const SORRY_AS_FEELING_AFTER: WordTable = ['was', 'were', 'am', 'is', 'are', 'feel', 'felt', 'so', 'very'];
/** The report's own end named as such: "end of report", "end of transfer report", "end of the call report". */
export const REPORT_END = String.raw`end of (?:(?:the|my) )?(?:(?:transfer|call|patient care|pcr) )?(?:report|narrative|dictation)`;
/** The verb that makes "sorry" the words someone said ("kept saying sorry", "said sorry"), not a correction. */
export const SAID_WORDS: WordTable = ['says', 'said', 'saying'];

import type { WordTable } from './word-table.js';

/**
 * Words a speaker says about their own words rather than the call: a guess at a number, a correction of one. Several readers
 * look for them (the vitals and the age before a number, the run-on splitter, the spoken corrections of the narrative), each
 * building what it needs from these tables, so a word added here is added for every one of them.
 */

/** A guess said before a number ("about 30", "roughly 2 minutes", "at approximately 1430"). */
export const GUESS_WORDS: WordTable = ['about', 'around', 'approximately', 'roughly'];

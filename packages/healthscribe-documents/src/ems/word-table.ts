/**
 * The lexicons are tables: each entry is a word, a phrase or a short pattern fragment (a suffix
 * class, an optional word). These helpers compile a table into the alternation a matcher uses, so
 * a long pattern reads — and grows — entry by entry instead of as one line of regex.
 */
export type WordTable = readonly string[];

/** The entries of one or more tables as one alternation (no group: the caller decides). */
export const anyOf = (...tables: ReadonlyArray<WordTable | string>): string => tables.flat().join('|');

/**
 * `\b` counts a non-ASCII letter as a boundary, so "roc" (rocuronium) would match inside "Rocío": no entry may begin
 * right after, or end right before, a letter of the Latin-1 and Latin Extended-A/B blocks (× and ÷ are not letters).
 */
const NOT_AFTER_ACCENTED = String.raw`(?<![\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F])`;
const NOT_BEFORE_ACCENTED = String.raw`(?![\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F])`;

/** A matcher for any entry, on word boundaries, with the entry as capture group 1. */
export const wordMatcher = (table: WordTable, flags = 'i'): RegExp =>
  new RegExp(String.raw`${NOT_AFTER_ACCENTED}\b(${anyOf(table)})\b${NOT_BEFORE_ACCENTED}`, flags);

/**
 * As `wordMatcher`, behind a lookahead for the words every entry starts with (after any lookbehind of its own): the same
 * matches, but the engine tries the entries, and their lookbehinds, only where one of those words begins. `leads` must
 * cover every entry; the matcher's unit test compares it with the plain `wordMatcher` on each entry.
 */
export const leadWordMatcher = (leads: WordTable, table: WordTable, flags = 'i'): RegExp =>
  new RegExp(String.raw`(?=\b(?:${anyOf(leads)}))${NOT_AFTER_ACCENTED}\b(${anyOf(table)})\b${NOT_BEFORE_ACCENTED}`, flags);

/**
 * A lookup table without a prototype: words of a dictation are looked up in these tables, and a word such as
 * "constructor" or "__proto__" must find nothing rather than a method every object inherits.
 */
export const lookupTable = <T>(entries: Record<string, T>): Readonly<Record<string, T>> =>
  Object.assign(Object.create(null) as Record<string, T>, entries);

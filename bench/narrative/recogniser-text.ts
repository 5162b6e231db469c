import type { Fixture } from './narrative-quality.js';

/**
 * A punctuated dictation said again as a speech recogniser writes it: lower case, no punctuation. A recogniser
 * keeps the marks inside a number ("0.5", "14:05", "120/80"), so those stay; every other mark becomes a space. The
 * labels carry over sentence by sentence (a sentence left empty is dropped), and the labelled interventions, facts and
 * retracted values are turned the same way (one the turn no longer finds in the text is dropped).
 *
 * Why: the tuning sets hold ~440 punctuated dictations whose sentence ends, capitals and commas the rules lean on;
 * the untouched sets' recogniser texts (about a third of each) have none. The same dictations without those marks
 * are a large, labelled view of how the rules do when they must find the sentences themselves. It is built from
 * tuning data only, so tuning against it is allowed; it does not say how often real speech reads like terse
 * shorthand without punctuation (much of the tuning text is written charting, which nobody dictates that way).
 */
export function asRecogniserText(f: Fixture): Fixture {
  const sentences = f.sentences
    .map(([section, text]) => [section, recogniserWords(text)] as [typeof section, string])
    .filter(([, text]) => text.length > 0);
  const dictation = sentences.map(([, text]) => text).join(' ');
  const kept = (values: readonly string[]) => values.map(recogniserWords).filter((v) => v.length > 0 && dictation.includes(v));
  return {
    ...f,
    sentences,
    dictation,
    ...(f.interventions && { interventions: kept(f.interventions) }),
    ...(f.facts && { facts: kept(f.facts) }),
    ...(f.retracted && { retracted: kept(f.retracted) }),
  };
}

const MARK_IN_NUMBER = /(?<=\d)[.:/](?=\d)/gu;
const KEPT = '\u0001';

/** Lower case; a mark between two digits kept, any other character that is not a letter, digit or apostrophe a space. */
export function recogniserWords(text: string): string {
  return text
    .toLowerCase()
    .replace(MARK_IN_NUMBER, (mark) => `${KEPT}${mark}`)
    .replace(/\u0001(.)|[^\p{L}\p{N}'\s]/gu, (_, kept?: string) => kept ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

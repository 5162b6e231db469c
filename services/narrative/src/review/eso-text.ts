import { createHash } from 'node:crypto';
import { AppError } from '@medicdraft/platform';
import { toAscii } from '../compose/sentence-style.js';
import type { NarrativeContent } from './narrative-content.js';

/** The ESO rendering of some sections, without the copy's checks (also what the edit distance compares). */
export function esoPlainText(sections: NarrativeContent['sections']): string {
  return sections
    .filter((s) => s.sentences.length > 0)
    .map(
      (s) =>
        `${s.title.toUpperCase()}: ${s.sentences
          .map((x) => toAscii(x.text).replace(/\s+/g, ' ').trim())
          .filter((x) => x !== '')
          .join(' ')}`,
    )
    .join('\n');
}

export interface EsoCopy {
  text: string;
  /** Characters (UTF-16 code units of the NFC text; equal to bytes when the text is ASCII). */
  length: number;
  sha256: string;
}

/**
 * ESO-ready plain text of a version: one `TITLE: sentences` paragraph per non-empty section,
 * CRLF-free `\n` line breaks, ASCII punctuation (ePCR fields reject smart quotes, dashes and
 * symbols) while letters of any script survive as dictated (NFC: "58 años", "José"), single
 * spaces. Refused while a required element is unresolved (409 `unresolved_elements`, codes in
 * the message) and when longer than the configured field limit (409 `narrative_too_long`):
 * truncating a clinical narrative silently is never right.
 */
export function esoText(content: NarrativeContent, maxChars: number): EsoCopy {
  if (content.missing.length > 0) {
    throw new AppError(
      'unresolved_elements',
      `resolve the missing elements before copying: ${content.missing.map((m) => m.element).join(', ')}`,
      { status: 409 },
    );
  }
  const text = esoPlainText(content.sections);
  if (text.length > maxChars)
    throw new AppError('narrative_too_long', `the narrative has ${text.length} characters; the ePCR field takes at most ${maxChars}`, {
      status: 409,
    });
  return { text, length: text.length, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}

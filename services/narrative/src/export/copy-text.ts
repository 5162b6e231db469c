import { createHash } from 'node:crypto';
import type { CopyFormat } from '@medicdraft/contracts';
import { AppError } from '@medicdraft/platform';
import { esoText, type EsoCopy } from '../review/eso-text.js';
import type { NarrativeContent } from '../review/narrative-content.js';
import { mistText } from './mist-handoff.js';
import { nemsisNarrativeXml } from './nemsis-narrative.js';

const digest = (text: string): EsoCopy => ({ text, length: text.length, sha256: createHash('sha256').update(text, 'utf8').digest('hex') });

/**
 * The text a copy in `format` hands over, with its length and digest (what `narrative.copied`
 * records). The NEMSIS element wraps exactly the ESO text, so it is refused for the same reasons
 * (open elements, over the ePCR limit) and more (over 10,000 characters, a character XML cannot
 * carry). The MIST hand-off reports the dictation's facts, not the narrative's wording, so open
 * elements do not hold it back; a version stored before hand-offs were composed has none (409
 * `handoff_unavailable`: draft again to get one).
 */
export function copyText(format: CopyFormat, content: NarrativeContent, maxChars: number): EsoCopy {
  switch (format) {
    case 'eso_plain_text':
      return esoText(content, maxChars);
    case 'nemsis_enarrative_xml':
      return digest(nemsisNarrativeXml(esoText(content, maxChars).text));
    case 'mist_handoff_text':
      if (content.handoff === undefined)
        throw new AppError('handoff_unavailable', 'this version has no MIST hand-off; transcribe and draft again to compose one', {
          status: 409,
        });
      return digest(mistText(content.handoff));
  }
}

/** Formats that hand over the narrative itself (so count towards how much drafts were edited). */
export const NARRATIVE_TEXT_FORMATS: ReadonlySet<CopyFormat> = new Set(['eso_plain_text', 'nemsis_enarrative_xml']);

import { AppError } from '@medicdraft/platform';
import { XMLBuilder } from 'fast-xml-parser';

/** NEMSIS v3.5.1 `eNarrative.01` (Patient Care Report Narrative): plain text of 1 to 10,000 characters. */
export const NEMSIS_NARRATIVE_MAX_CHARS = 10_000;
const NEMSIS_NAMESPACE = 'http://www.nemsis.org';

// Characters XML 1.0 cannot carry at all, escaped or not (C0 controls other than tab, LF, CR;
// lone surrogates; U+FFFE/U+FFFF). Refused rather than dropped: a narrative is never altered silently.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, format: false });

/**
 * The `eNarrative` group of a NEMSIS v3.5.1 EMS dataset holding `eNarrative.01`: the narrative's
 * text, escaped as XML character data, in the NEMSIS namespace. The caller's ESO text (already
 * resolved and within the ePCR limit) is the input, so the two exports never disagree.
 * 409 `narrative_too_long` above 10,000 characters (never truncated), 409 `narrative_empty`, and
 * 409 `narrative_not_xml` when the text holds a character XML cannot carry.
 */
export function nemsisNarrativeXml(text: string): string {
  if (text.length === 0)
    throw new AppError('narrative_empty', 'the narrative is empty; NEMSIS eNarrative.01 needs 1 character or more', { status: 409 });
  if (text.length > NEMSIS_NARRATIVE_MAX_CHARS)
    throw new AppError(
      'narrative_too_long',
      `the narrative has ${text.length} characters; NEMSIS eNarrative.01 takes at most ${NEMSIS_NARRATIVE_MAX_CHARS}`,
      {
        status: 409,
      },
    );
  if (NOT_XML_CHAR.test(text))
    throw new AppError('narrative_not_xml', 'the narrative holds a control character XML cannot carry; edit it out first', { status: 409 });
  const body = builder.build({ eNarrative: { '@xmlns': NEMSIS_NAMESPACE, 'eNarrative.01': text } }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

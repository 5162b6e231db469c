import { AppError } from '@medicdraft/platform';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { NEMSIS_NARRATIVE_MAX_CHARS, nemsisNarrativeXml } from './nemsis-narrative.js';

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false }).parse(xml) as {
    eNarrative: { '@xmlns': string; 'eNarrative.01': string };
  };

describe('NEMSIS eNarrative.01', () => {
  it('carries the text exactly, escaped, in the NEMSIS namespace', () => {
    const text = 'DISPATCH: Pt 58 años, "José" <CP> & SOB.\nTREATMENT: ASA 324 mg PO; O2 > 94% target.';
    const xml = nemsisNarrativeXml(text);
    expect(xml).toContain('&lt;CP&gt; &amp; SOB');
    expect(xml).not.toContain('<CP>');
    const doc = parse(xml);
    expect(doc.eNarrative['@xmlns']).toBe('http://www.nemsis.org');
    expect(doc.eNarrative['eNarrative.01']).toBe(text);
  });

  it('takes 1 to 10,000 characters and refuses instead of truncating', () => {
    expect(parse(nemsisNarrativeXml('x'.repeat(NEMSIS_NARRATIVE_MAX_CHARS))).eNarrative['eNarrative.01']).toHaveLength(10_000);
    expect(() => nemsisNarrativeXml('x'.repeat(NEMSIS_NARRATIVE_MAX_CHARS + 1))).toThrow(
      expect.objectContaining({ code: 'narrative_too_long', status: 409 }),
    );
    expect(() => nemsisNarrativeXml('')).toThrow(expect.objectContaining({ code: 'narrative_empty' }));
  });

  it('refuses a character XML 1.0 cannot carry', () => {
    const err = (() => {
      try {
        nemsisNarrativeXml('BP 120/80\u0007');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'narrative_not_xml', status: 409 });
  });
});

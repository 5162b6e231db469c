import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfTextLines } from './pdf-text.js';

/** A one-stream PDF body shaped as pdfkit writes it: `<< /Length n … >>`, `stream\n`, bytes, `\nendstream`. */
function pdfWith(content: string): { pdf: Buffer; data: Buffer } {
  const data = deflateSync(Buffer.from(content, 'latin1'));
  const head = Buffer.from(`%PDF-1.3\n1 0 obj\n<<\n/Length ${data.length}\n/Filter /FlateDecode\n>>\nstream\n`, 'latin1');
  return { pdf: Buffer.concat([head, data, Buffer.from('\nendstream\nendobj\n', 'latin1')]), data };
}

const shown = (text: string) => `BT /F1 12 Tf [<${Buffer.from(text, 'latin1').toString('hex')}>] TJ ET`;

describe('pdfTextLines', () => {
  it('reads the shown text of a deflated content stream', () => {
    expect(pdfTextLines(pdfWith(shown('Signed period report')).pdf)).toEqual(['Signed period report']);
  });

  it('keeps a stream whose compressed bytes end in a carriage return (taken by its /Length)', () => {
    // Which texts compress to a trailing 0x0D is a property of deflate: search until one does.
    let found: { pdf: Buffer; data: Buffer; text: string } | undefined;
    for (let i = 0; found === undefined && i < 100_000; i++) {
      const text = `dana.reyes@lakeside-ems.example - user-${i} (provider)${' signed'.repeat(i % 50)}`;
      const candidate = pdfWith(shown(text));
      if (candidate.data.at(-1) === 0x0d) found = { ...candidate, text };
    }
    expect(found, 'a text whose deflated form ends in \\r').toBeDefined();
    expect(pdfTextLines(found!.pdf)).toEqual([found!.text]);
  });
});

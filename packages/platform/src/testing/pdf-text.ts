import { inflateSync } from 'node:zlib';

const STREAM = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
const TEXT_BLOCK = /BT([\s\S]*?)ET/g;
const SHOWN = /\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
const HEX = /<([0-9a-fA-F]*)>/g;

/**
 * The text lines a PDF shows, for tests that read what a person would: each content stream is
 * inflated (pdfkit compresses them) and every text block's shown strings (pdfkit writes them as hex
 * in `TJ`/`Tj`, with kerning numbers between the pieces) are joined into one line. Enough for the
 * standard fonts pdfkit uses (WinAnsi: one byte per character); not a general PDF reader.
 */
export function pdfTextLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const [, raw] of pdf.toString('latin1').matchAll(STREAM)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(raw!, 'latin1')).toString('latin1');
    } catch {
      continue; // not a deflated stream (an image, a font): no text in it
    }
    for (const [, block] of content.matchAll(TEXT_BLOCK)) {
      let line = '';
      for (const [, array, single] of block!.matchAll(SHOWN)) {
        const pieces = array === undefined ? [single!] : [...array.matchAll(HEX)].map((m) => m[1]!);
        for (const hex of pieces) line += Buffer.from(hex, 'hex').toString('latin1');
      }
      if (line !== '') lines.push(line);
    }
  }
  return lines;
}

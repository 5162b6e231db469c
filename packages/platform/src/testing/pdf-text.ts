import { inflateSync } from 'node:zlib';

// A stream's dictionary ends just before `stream`; its bytes are exactly `/Length` long. Cutting at
// `endstream` instead would drop a compressed stream's last byte whenever it happens to be `\r`.
const STREAM_HEAD = /<<((?:(?!<<|>>)[\s\S])*?\/Length (\d+)(?:(?!<<|>>)[\s\S])*?)>>\s*stream\r?\n/g;
const TEXT_BLOCK = /BT([\s\S]*?)ET/g;
const SHOWN = /\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
const HEX = /<([0-9a-fA-F]*)>/g;

/**
 * The text lines a PDF shows, for tests that read what a person would: each content stream is
 * taken by its `/Length` and inflated (pdfkit compresses them) and every text block's shown strings (pdfkit writes them as hex
 * in `TJ`/`Tj`, with kerning numbers between the pieces) are joined into one line. Enough for the
 * standard fonts pdfkit uses (WinAnsi: one byte per character); not a general PDF reader.
 */
export function pdfTextLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  const text = pdf.toString('latin1');
  for (const head of text.matchAll(STREAM_HEAD)) {
    const start = head.index + head[0].length;
    const raw = pdf.subarray(start, start + Number(head[2]));
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
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

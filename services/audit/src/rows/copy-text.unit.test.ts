import { describe, expect, it } from 'vitest';
import { CopyTextDecoder, decodeLine } from './copy-text.js';

describe('COPY text format decoding', () => {
  it('splits columns on tabs and reads \\N as NULL, but an escaped backslash before N as text', () => {
    expect(decodeLine('a\t\\N\t\t\\\\N\tN')).toEqual(['a', null, '', '\\N', 'N']);
  });

  it('resolves every escape Postgres writes, and octal/hex bytes as UTF-8', () => {
    expect(decodeLine('tab\\there\tnl\\nx\tcr\\r\tbs\\\\\t\\b\\f\\v')).toEqual(['tab\there', 'nl\nx', 'cr\r', 'bs\\', '\b\f\v']);
    expect(decodeLine('\\101\\x42\\303\\274\\xc3\\xbc\\7')).toEqual(['ABüü\u0007']);
    expect(decodeLine('\\q\\')).toEqual(['q\\']);
  });

  it('decodes the same rows whatever the chunk boundaries, also inside a multi-byte character', () => {
    const rows = [
      ['1', 'ünïcödé ✓ 𝄞 😀', null],
      ['2', 'line\nbreak and\ttab', '{"a": "\\"q\\""}'],
      ['3', '', 'x'],
    ];
    const escape = (v: string | null) =>
      v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
    const bytes = Buffer.from(rows.map((r) => `${r.map(escape).join('\t')}\n`).join(''), 'utf8');
    for (let a = 0; a <= bytes.length; a++) {
      for (const b of [a, Math.min(bytes.length, a + 1), Math.min(bytes.length, a + 7)]) {
        const d = new CopyTextDecoder();
        const got = [...d.push(bytes.subarray(0, a)), ...d.push(bytes.subarray(a, b)), ...d.push(bytes.subarray(b))];
        d.end();
        expect(got).toEqual(rows);
      }
    }
  });

  it('refuses a stream that ends inside a row', () => {
    const d = new CopyTextDecoder();
    expect(d.push(Buffer.from('1\tcomplete\n2\tcut'))).toEqual([['1', 'complete']]);
    expect(() => d.end()).toThrow(/inside a row/);
  });
});

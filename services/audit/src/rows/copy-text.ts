import type { TextRow } from './row-stream.port.js';

const NEWLINE = 0x0a;

/**
 * Decodes Postgres COPY text format (`COPY … TO STDOUT`, the default format) into rows: one row
 * per line, columns separated by a tab, `\N` for NULL, and backslash escapes for the backslash and
 * control characters (`\b \f \n \r \t \v`, octal `\ooo`, hex `\xhh` — the last two as bytes of
 * the UTF-8 text). The input arrives in chunks that may end anywhere, even inside a UTF-8
 * sequence: only whole lines are decoded (a 0x0a byte never occurs inside a multi-byte sequence).
 * The connection's client encoding must be UTF-8 (node-postgres sets it).
 */
export class CopyTextDecoder {
  private rest: Buffer | undefined;

  /** The rows completed by `chunk` (possibly none). */
  push(chunk: Buffer): TextRow[] {
    const buf = this.rest === undefined ? chunk : Buffer.concat([this.rest, chunk]);
    const end = buf.lastIndexOf(NEWLINE);
    if (end < 0) {
      this.rest = buf.length > 0 ? buf : undefined;
      return [];
    }
    this.rest = end + 1 < buf.length ? Buffer.from(buf.subarray(end + 1)) : undefined;
    const lines = buf.toString('utf8', 0, end).split('\n');
    const rows: TextRow[] = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) rows[i] = decodeLine(lines[i] as string);
    return rows;
  }

  /** Throws when the stream ended inside a line (a truncated COPY). */
  end(): void {
    if (this.rest !== undefined) throw new Error(`COPY text stream ended inside a row (${this.rest.length} bytes left)`);
  }
}

export function decodeLine(line: string): TextRow {
  const fields: TextRow = line.split('\t');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    if (f.indexOf('\\') < 0) continue;
    fields[i] = f === '\\N' ? null : unescapeField(f);
  }
  return fields;
}

const SIMPLE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** One column's text with its backslash escapes resolved (a lone `\N` is NULL, handled before). */
function unescapeField(f: string): string {
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length > 0) out += Buffer.from(bytes).toString('utf8');
    bytes = [];
  };
  for (let i = 0; i < f.length; i++) {
    const c = f[i] as string;
    if (c !== '\\' || i + 1 === f.length) {
      flush();
      out += c;
      continue;
    }
    const n = f[++i] as string;
    if (isOctal(n)) {
      let j = i;
      while (j < i + 3 && isOctal(f[j])) j++;
      bytes.push(Number.parseInt(f.slice(i, j), 8) & 0xff);
      i = j - 1;
    } else if (n === 'x' && isHex(f[i + 1])) {
      const j = isHex(f[i + 2]) ? i + 3 : i + 2;
      bytes.push(Number.parseInt(f.slice(i + 1, j), 16));
      i = j - 1;
    } else {
      flush();
      out += SIMPLE[n] ?? n;
    }
  }
  flush();
  return out;
}

/** How many leading bytes intake reads before storing: the format sniff and a WAV header with a few metadata chunks. */
export const HEADER_PEEK_BYTES = 1024;

/**
 * The playing time of a PCM-style WAV from its header and its stored size, in whole milliseconds,
 * or undefined when it cannot be told without decoding (another container, a header longer than
 * `head`, a zero byte rate). It is what HealthScribe bills for, so usage reports it; a length it
 * does not know is reported as unknown, never guessed.
 */
export function wavDurationMs(head: Buffer, totalBytes: number): number | undefined {
  if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  let at = 12;
  while (at + 8 <= head.length) {
    const id = head.toString('latin1', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && body + 12 <= head.length) byteRate = head.readUInt32LE(body + 8);
    if (id === 'data') {
      if (byteRate === undefined || byteRate === 0) return undefined;
      // A streamed WAV may declare 0 or 0xFFFFFFFF; the bytes actually stored decide then.
      const stored = Math.max(0, totalBytes - body);
      const dataBytes = size === 0 || size === 0xffffffff ? stored : Math.min(size, stored);
      return dataBytes === 0 ? undefined : Math.max(1, Math.round((dataBytes * 1000) / byteRate));
    }
    at = body + size + (size % 2);
  }
  return undefined;
}

import { randomBytes } from 'node:crypto';

/**
 * A mono 16-bit PCM WAV of `ms` milliseconds of noise at `rate` Hz: unique bytes (so a unique
 * sha256) per call, a valid RIFF header (what ingest sniffs and a browser's fake capture reads).
 */
export function noiseWav(ms: number, rate = 8_000): Buffer {
  const data = randomBytes(Math.round((rate * ms) / 1000) * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

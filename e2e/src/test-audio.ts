import { randomBytes } from 'node:crypto';

/**
 * A short mono 16 kHz PCM WAV of random samples: distinct bytes, so a distinct sha256, every call
 * (the HealthScribe emulator is told what each one "says" by registering that digest).
 */
export function randomWav(): Buffer {
  const data = randomBytes(4_000);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(16_000, 24);
  h.writeUInt32LE(32_000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

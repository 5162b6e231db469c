import { noiseWav } from '@medicdraft/platform/testing';

/**
 * A short mono 16 kHz PCM WAV of random samples (4,000 bytes of samples): distinct bytes, so a
 * distinct sha256, every call (the HealthScribe emulator is told what each one "says" by
 * registering that digest).
 */
export function randomWav(): Buffer {
  return noiseWav(125, 16_000);
}

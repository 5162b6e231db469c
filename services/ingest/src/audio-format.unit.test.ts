import { describe, expect, it } from 'vitest';
import { detectAudioFormat, SNIFF_BYTES } from './audio-format.js';
import { AUDIO_SAMPLES, ebmlHeader, UNSUPPORTED_SAMPLES } from './testing/audio-fixtures.js';

describe('detectAudioFormat (magic numbers)', () => {
  it.each(AUDIO_SAMPLES)('recognises $name from its first $format bytes', ({ bytes, format }) => {
    expect(detectAudioFormat(bytes.subarray(0, SNIFF_BYTES))).toBe(format);
  });

  it.each(UNSUPPORTED_SAMPLES)('refuses $name', ({ bytes }) => {
    expect(detectAudioFormat(bytes.subarray(0, SNIFF_BYTES))).toBeUndefined();
  });

  it('refuses truncated signatures and reserved MP3 header fields', () => {
    expect(detectAudioFormat(Buffer.alloc(0))).toBeUndefined();
    expect(detectAudioFormat(Buffer.from('RIFF\0\0\0\0WAV', 'latin1'))).toBeUndefined();
    expect(detectAudioFormat(Buffer.from('fLa', 'latin1'))).toBeUndefined();
    expect(detectAudioFormat(Buffer.from('OggS\x01', 'latin1'))).toBeUndefined(); // unknown Ogg version
    expect(detectAudioFormat(Buffer.from([0xff, 0xfb, 0xf0, 0x00]))).toBeUndefined(); // bitrate index 1111
    expect(detectAudioFormat(Buffer.from([0xff, 0xfb, 0x9c, 0x00]))).toBeUndefined(); // sample rate 11
    expect(detectAudioFormat(Buffer.from([0xff, 0xeb, 0x90, 0x00]))).toBeUndefined(); // MPEG version 01 (reserved)
    expect(detectAudioFormat(Buffer.from('ID3\x09\0\0\0\0\0\0', 'latin1'))).toBeUndefined(); // no such ID3 version
    expect(detectAudioFormat(ebmlHeader('webm').subarray(0, 20))).toBeUndefined(); // cut before the DocType
  });
});

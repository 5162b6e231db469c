import { describe, expect, it } from 'vitest';
import { HEADER_PEEK_BYTES, wavDurationMs } from './audio-duration.js';
import { wavPcm } from './testing/audio-fixtures.js';

describe('wavDurationMs', () => {
  it('reads the playing time of a PCM WAV from its header and size', () => {
    const wav = wavPcm({ seconds: 1.5 });
    expect(wavDurationMs(wav.subarray(0, HEADER_PEEK_BYTES), wav.length)).toBe(1500);
  });

  it('skips metadata chunks before the data and counts only the bytes stored', () => {
    const wav = wavPcm({ seconds: 2, sampleRate: 8000 });
    const list = Buffer.concat([Buffer.from('LIST', 'latin1'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx\0', 'latin1')]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect(wavDurationMs(withList, withList.length)).toBe(2000);
    // A truncated upload: the header promises two seconds, one was stored.
    expect(wavDurationMs(withList, withList.length - 8000 * 2)).toBe(1000);
  });

  it('is unknown for other containers and for a header it cannot see to the end of', () => {
    expect(wavDurationMs(Buffer.from('fLaC\0\0\0\x22', 'latin1'), 1000)).toBeUndefined();
    expect(wavDurationMs(wavPcm().subarray(0, 30), 8044)).toBeUndefined();
  });
});

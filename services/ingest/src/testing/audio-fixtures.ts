import type { MediaFormat } from '@medicdraft/contracts';

/**
 * Tiny synthetic audio files for tests: real container headers (what the sniffer reads) followed
 * by filler, except `wavPcm`, which is a complete, playable PCM WAV.
 */

/** A valid 16-bit mono PCM WAV of a sine tone (RIFF header + fmt + data chunk). */
export function wavPcm(opts: { seconds?: number; samples?: number; sampleRate?: number; hz?: number } = {}): Buffer {
  const sampleRate = opts.sampleRate ?? 16_000;
  const samples = opts.samples ?? Math.round((opts.seconds ?? 0.25) * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * (opts.hz ?? 440) * i) / sampleRate) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A PCM WAV of exactly `size` bytes (even, ≥ 46). */
export const wavOfSize = (size: number): Buffer => wavPcm({ samples: (size - 44) / 2 });

const filler = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));
const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.isBuffer(p) ? p : Buffer.from(p))));

/** An EBML header with the given DocType (`webm` or `matroska`), then a Segment start. */
export function ebmlHeader(docType: string): Buffer {
  const doc = Buffer.from(docType, 'latin1');
  const children = bytes(
    [0x42, 0x86, 0x81, 0x01],
    [0x42, 0xf7, 0x81, 0x01],
    [0x42, 0xf2, 0x81, 0x04],
    [0x42, 0xf3, 0x81, 0x08],
    [0x42, 0x82, 0x80 | doc.length],
    doc,
    [0x42, 0x87, 0x81, 0x04],
    [0x42, 0x85, 0x81, 0x02],
  );
  return bytes(
    [0x1a, 0x45, 0xdf, 0xa3, 0x80 | children.length],
    children,
    [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
  );
}

/** One sample per accepted format, with the extension it is stored under. */
export const AUDIO_SAMPLES: readonly { name: string; format: MediaFormat; ext: string; bytes: Buffer }[] = [
  { name: 'WAV (RIFF/WAVE PCM)', format: 'wav', ext: 'wav', bytes: wavPcm() },
  { name: 'FLAC (fLaC)', format: 'flac', ext: 'flac', bytes: bytes('fLaC', [0x00, 0x00, 0x00, 0x22], filler(200, 1)) },
  {
    name: 'MP3 with ID3v2 tag',
    format: 'mp3',
    ext: 'mp3',
    bytes: bytes('ID3', [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a], filler(10, 2), [0xff, 0xfb, 0x90, 0x64], filler(200, 3)),
  },
  { name: 'MP3 frame sync (MPEG-1 Layer III)', format: 'mp3', ext: 'mp3', bytes: bytes([0xff, 0xfb, 0x90, 0x64], filler(400, 4)) },
  {
    name: 'M4A (ftyp M4A)',
    format: 'mp4',
    ext: 'm4a',
    bytes: bytes(
      [0x00, 0x00, 0x00, 0x20],
      'ftypM4A ',
      [0x00, 0x00, 0x00, 0x00],
      'M4A mp42isom',
      [0x00, 0x00, 0x00, 0x08],
      'free',
      filler(200, 5),
    ),
  },
  {
    name: 'MP4 (ftyp isom)',
    format: 'mp4',
    ext: 'm4a',
    bytes: bytes([0x00, 0x00, 0x00, 0x18], 'ftypisom', [0x00, 0x00, 0x02, 0x00], 'isomiso2', filler(200, 6)),
  },
  { name: 'OGG (OggS)', format: 'ogg', ext: 'ogg', bytes: bytes('OggS', [0x00, 0x02], filler(20, 7), [0x01], 'OpusHead', filler(200, 8)) },
  { name: 'WebM (EBML, DocType webm)', format: 'webm', ext: 'webm', bytes: bytes(ebmlHeader('webm'), filler(200, 9)) },
];

/** Bodies that must be refused as unsupported (415): look-alikes and other files. */
export const UNSUPPORTED_SAMPLES: readonly { name: string; bytes: Buffer }[] = [
  { name: 'Matroska (EBML, DocType matroska)', bytes: bytes(ebmlHeader('matroska'), filler(100, 10)) },
  { name: 'AAC ADTS (sync word, layer 00)', bytes: bytes([0xff, 0xf1, 0x50, 0x80], filler(100, 11)) },
  {
    name: 'HEIC image (ftyp heic)',
    bytes: bytes([0x00, 0x00, 0x00, 0x18], 'ftypheic', [0x00, 0x00, 0x00, 0x00], 'mif1heic', filler(100, 12)),
  },
  { name: 'RIFF AVI (not WAVE)', bytes: bytes('RIFF', [0x10, 0x00, 0x00, 0x00], 'AVI LIST', filler(100, 13)) },
  { name: 'PNG', bytes: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], filler(100, 14)) },
  { name: 'plain text', bytes: Buffer.from('Patient is a 54 year old male with chest pain', 'utf8') },
  { name: 'two bytes', bytes: Buffer.from([0xff, 0xfb]) },
];

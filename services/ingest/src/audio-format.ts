import type { MediaFormat } from '@medicdraft/contracts';

/** Bytes the sniffer needs: every signature below (incl. a WebM EBML header's DocType) fits. */
export const SNIFF_BYTES = 64;

/** Stored file extension and content type per format (`audio.<ext>` in the dictation's folder). */
export const AUDIO_FORMATS: Readonly<Record<MediaFormat, { ext: string; contentType: string }>> = {
  wav: { ext: 'wav', contentType: 'audio/wav' },
  flac: { ext: 'flac', contentType: 'audio/flac' },
  mp3: { ext: 'mp3', contentType: 'audio/mpeg' },
  mp4: { ext: 'm4a', contentType: 'audio/mp4' },
  ogg: { ext: 'ogg', contentType: 'audio/ogg' },
  webm: { ext: 'webm', contentType: 'audio/webm' },
};

// ISO BMFF major brands of audio/video files. Image brands (heic, avif, mif1) share the `ftyp`
// box, which is why a bare `ftyp` is not enough.
const MP4_BRANDS = new Set([
  'M4A ',
  'M4B ',
  'M4P ',
  'M4V ',
  'F4A ',
  'F4V ',
  'mp41',
  'mp42',
  'mp71',
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'dash',
  '3gp4',
  '3gp5',
  '3gp6',
  '3g2a',
]);

const ascii = (head: Buffer, start: number, end: number): string => head.toString('latin1', start, end);

/**
 * An MPEG-1/2/2.5 Layer III frame header: 11 sync bits, a version that is not reserved, layer III
 * (so AAC ADTS, whose layer bits are 00, is not taken for MP3), a usable bitrate and sample rate.
 */
function isMp3FrameHeader(head: Buffer): boolean {
  if (head.length < 3 || head[0] !== 0xff) return false;
  const b1 = head[1] ?? 0;
  const b2 = head[2] ?? 0;
  return (
    (b1 & 0xe0) === 0xe0 && ((b1 >> 3) & 0b11) !== 0b01 && ((b1 >> 1) & 0b11) === 0b01 && b2 >> 4 !== 0b1111 && ((b2 >> 2) & 0b11) !== 0b11
  );
}

/** An EBML variable-length integer at `pos`: its byte length and value (marker bit kept for ids). */
function readVint(buf: Buffer, pos: number, keepMarker: boolean): { length: number; value: number } | undefined {
  const first = buf[pos];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > 8 || pos + length > buf.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + (buf[pos + i] ?? 0);
  return { length, value };
}

const EBML_ID = 0x1a45dfa3;
const DOCTYPE_ID = 0x4282;

/** Matroska and WebM share the EBML magic; only the header's DocType element tells them apart. */
function isWebm(head: Buffer): boolean {
  const id = readVint(head, 0, true);
  if (id?.value !== EBML_ID) return false;
  const size = readVint(head, id.length, false);
  if (size === undefined) return false;
  const end = Math.min(head.length, id.length + size.length + size.value);
  let pos = id.length + size.length;
  while (pos < end) {
    const child = readVint(head, pos, true);
    if (child === undefined) return false;
    const childSize = readVint(head, pos + child.length, false);
    if (childSize === undefined) return false;
    const body = pos + child.length + childSize.length;
    if (child.value === DOCTYPE_ID) return ascii(head, body, Math.min(body + childSize.value, head.length)).replace(/\0+$/, '') === 'webm';
    pos = body + childSize.value;
  }
  return false;
}

/**
 * The audio container named by the leading bytes (magic numbers), or undefined. Decided from the
 * bytes only: a client's Content-Type or file name is never trusted. An ID3 tag counts as MP3
 * (the tag can precede other formats, but MP3 is where it is standard).
 */
export function detectAudioFormat(head: Buffer): MediaFormat | undefined {
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return 'wav';
  if (head.length >= 4 && ascii(head, 0, 4) === 'fLaC') return 'flac';
  if (head.length >= 5 && ascii(head, 0, 4) === 'OggS' && head[4] === 0) return 'ogg';
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && head.readUInt32BE(0) >= 16 && MP4_BRANDS.has(ascii(head, 8, 12))) return 'mp4';
  if (head.length >= 10 && ascii(head, 0, 3) === 'ID3' && [2, 3, 4].includes(head[3] ?? 0) && head[4] !== 0xff) return 'mp3';
  if (isMp3FrameHeader(head)) return 'mp3';
  if (isWebm(head)) return 'webm';
  return undefined;
}

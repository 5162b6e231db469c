import { NONCE_BYTES, objectIntegrityError } from './gcm-chunk-stream.js';

/**
 * Header of an object stored by the filesystem adapter:
 *   magic "MDOE"(4) | version(1) | keyIdLen(2) | keyId | wrappedLen(2) | wrapped | baseNonce(12)
 * The whole header is bound into every chunk's AAD, so editing any field breaks decryption.
 */
const MAGIC = Buffer.from('MDOE', 'ascii');
const VERSION = 1;
const MAX_KEY_ID_BYTES = 1024;
const MAX_WRAPPED_BYTES = 4096;
export const MAX_HEADER_BYTES = MAGIC.length + 1 + 2 + MAX_KEY_ID_BYTES + 2 + MAX_WRAPPED_BYTES + NONCE_BYTES;

export interface EnvelopeHeader {
  keyId: string;
  wrapped: Buffer;
  baseNonce: Buffer;
  /** The encoded header bytes (also the chunk AAD prefix). */
  bytes: Buffer;
}

export function encodeEnvelopeHeader(fields: Omit<EnvelopeHeader, 'bytes'>): EnvelopeHeader {
  const keyId = Buffer.from(fields.keyId, 'utf8');
  if (keyId.length > MAX_KEY_ID_BYTES || fields.wrapped.length > MAX_WRAPPED_BYTES || fields.baseNonce.length !== NONCE_BYTES) {
    throw new RangeError('envelope header field out of range');
  }
  const keyIdLen = Buffer.alloc(2);
  keyIdLen.writeUInt16BE(keyId.length);
  const wrappedLen = Buffer.alloc(2);
  wrappedLen.writeUInt16BE(fields.wrapped.length);
  const bytes = Buffer.concat([MAGIC, Buffer.from([VERSION]), keyIdLen, keyId, wrappedLen, fields.wrapped, fields.baseNonce]);
  return { ...fields, bytes };
}

/** Parses the header at the start of `buf`; any inconsistency is an integrity failure. */
export function decodeEnvelopeHeader(buf: Buffer): EnvelopeHeader {
  let at = 0;
  const take = (n: number): Buffer => {
    if (at + n > buf.length) throw objectIntegrityError();
    const part = buf.subarray(at, at + n);
    at += n;
    return part;
  };
  if (!take(MAGIC.length).equals(MAGIC) || take(1)[0] !== VERSION) throw objectIntegrityError();
  const keyIdLen = take(2).readUInt16BE();
  if (keyIdLen > MAX_KEY_ID_BYTES) throw objectIntegrityError();
  const keyId = take(keyIdLen).toString('utf8');
  const wrappedLen = take(2).readUInt16BE();
  if (wrappedLen > MAX_WRAPPED_BYTES) throw objectIntegrityError();
  const wrapped = Buffer.from(take(wrappedLen));
  const baseNonce = Buffer.from(take(NONCE_BYTES));
  return { keyId, wrapped, baseNonce, bytes: Buffer.from(buf.subarray(0, at)) };
}

import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Transform } from 'node:stream';
import { AppError } from '../errors.js';

/**
 * Chunked AES-256-GCM, so a stream can be encrypted and — more importantly — decrypted and
 * authenticated piece by piece without holding the whole object. Each record is
 *   final(1) | length(4, BE) | ciphertext(length) | tag(16)
 * and is sealed with nonce = baseNonce XOR index and AAD = headerAad | index(8, BE) | final(1).
 * Reordering, dropping or duplicating records changes an index or a nonce; cutting the stream after
 * any record leaves no record marked final; both fail authentication or the final-record check.
 */
const CHUNK_BYTES = 64 * 1024;
export const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const RECORD_HEADER_BYTES = 5;

export function objectIntegrityError(): AppError {
  return new AppError('object_integrity', 'stored object failed its integrity check', { status: 500, deadLetter: true });
}

function chunkNonce(baseNonce: Buffer, index: number): Buffer {
  const nonce = Buffer.from(baseNonce);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(index));
  for (let i = 0; i < 8; i++) nonce[4 + i] = (nonce[4 + i] ?? 0) ^ (counter[i] ?? 0);
  return nonce;
}

function chunkAad(headerAad: Buffer, index: number, final: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index));
  tail[8] = final ? 1 : 0;
  return Buffer.concat([headerAad, tail]);
}

export function createChunkEncryptor(key: Buffer, baseNonce: Buffer, headerAad: Buffer): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  const seal = (plain: Buffer, final: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(baseNonce, index));
    cipher.setAAD(chunkAad(headerAad, index, final));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(RECORD_HEADER_BYTES);
    head[0] = final ? 1 : 0;
    head.writeUInt32BE(body.length, 1);
    index += 1;
    return Buffer.concat([head, body, cipher.getAuthTag()]);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // Keep at least one byte back: only flush() knows which record is the last one.
      while (pending.length > CHUNK_BYTES) {
        this.push(seal(pending.subarray(0, CHUNK_BYTES), false));
        pending = pending.subarray(CHUNK_BYTES);
      }
      callback();
    },
    flush(callback) {
      callback(null, seal(pending, true));
    },
  });
}

export function createChunkDecryptor(key: Buffer, baseNonce: Buffer, headerAad: Buffer): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  let sawFinal = false;
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= RECORD_HEADER_BYTES) {
        if (sawFinal) return callback(objectIntegrityError());
        const final = pending[0] === 1;
        const length = pending.readUInt32BE(1);
        if ((pending[0] ?? 2) > 1 || length > CHUNK_BYTES) return callback(objectIntegrityError());
        const recordBytes = RECORD_HEADER_BYTES + length + TAG_BYTES;
        if (pending.length < recordBytes) break;
        const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(baseNonce, index));
        decipher.setAAD(chunkAad(headerAad, index, final));
        decipher.setAuthTag(pending.subarray(RECORD_HEADER_BYTES + length, recordBytes));
        try {
          const plain = Buffer.concat([
            decipher.update(pending.subarray(RECORD_HEADER_BYTES, RECORD_HEADER_BYTES + length)),
            decipher.final(),
          ]);
          if (plain.length > 0) this.push(plain);
        } catch {
          return callback(objectIntegrityError());
        }
        pending = pending.subarray(recordBytes);
        index += 1;
        sawFinal = final;
      }
      callback();
    },
    flush(callback) {
      callback(sawFinal && pending.length === 0 ? null : objectIntegrityError());
    },
  });
}

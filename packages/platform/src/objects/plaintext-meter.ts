import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { StoredObject } from './object-store.port.js';
import { PayloadTooLargeError } from '../errors.js';

export interface PlaintextMeter {
  /** Pass-through that hashes and counts the plaintext, failing past `maxBytes`. */
  stream: Transform;
  /** Size and sha256 of everything that passed; valid once the stream has finished. */
  result(): StoredObject;
}

/**
 * Measures an upload as it streams, so adapters never hold a whole body to hash or size it. The
 * limit error is raised before the offending bytes pass, so no over-limit data reaches storage.
 */
export function createPlaintextMeter(maxBytes?: number): PlaintextMeter {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      size += chunk.length;
      if (maxBytes !== undefined && size > maxBytes) {
        callback(new PayloadTooLargeError(`object exceeds the limit of ${maxBytes} bytes`));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      digest = hash.digest('hex');
      callback();
    },
  });
  return {
    stream,
    result() {
      if (digest === undefined) throw new Error('plaintext meter read before the body ended');
      return { size, sha256: digest };
    },
  };
}

/** The port accepts a Buffer or a stream; adapters handle both as a byte stream. */
export function toBodyStream(body: Readable | Buffer): Readable {
  if (Buffer.isBuffer(body)) return Readable.from(body.length > 0 ? [body] : [], { objectMode: false });
  return body;
}

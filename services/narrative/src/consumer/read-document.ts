import { createHash } from 'node:crypto';
import { AppError, NotFoundError, type ObjectRef, type ObjectStore } from '@medicdraft/platform';

/**
 * Reads one HealthScribe document through the object store and checks it against the digest the
 * event carries (a substituted or truncated object must never become a narrative). At most
 * `maxBytes` are read. Missing objects and mismatches are permanent: the record is dead-lettered.
 */
export async function readVerifiedDocument(objects: ObjectStore, ref: ObjectRef, sha256: string, maxBytes: number): Promise<Buffer> {
  let stream;
  try {
    stream = await objects.get(ref);
  } catch (err) {
    if (err instanceof NotFoundError)
      throw new AppError('output_missing', 'a HealthScribe output object named by the event does not exist', {
        deadLetter: true,
        cause: err,
      });
    throw err;
  }
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new AppError('output_too_large', `a HealthScribe output object exceeds ${maxBytes} bytes`, { deadLetter: true });
    }
    hash.update(buf);
    chunks.push(buf);
  }
  if (hash.digest('hex') !== sha256)
    throw new AppError('output_digest_mismatch', 'a HealthScribe output object does not match the digest in the event', {
      deadLetter: true,
    });
  return Buffer.concat(chunks);
}

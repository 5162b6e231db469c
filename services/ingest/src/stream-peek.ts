import { PassThrough, type Readable } from 'node:stream';
import { ValidationError } from '@medicdraft/platform';

export interface PeekedBody {
  /** The first bytes of the body (fewer when the body is shorter). */
  head: Buffer;
  /** The whole body, head included, for streaming on. */
  body: Readable;
}

/**
 * Reads at most `size` leading bytes (a little more if a chunk straddles the boundary) and hands
 * back a stream of the whole body, so a format can be sniffed without buffering the upload.
 *
 * The returned stream is a PassThrough fed by `source.pipe`, not `source` itself: a consumer that
 * gives up (an over-limit upload, a storage error) destroys the PassThrough, which only unpipes the
 * request — destroying an HTTP request would kill the socket before the 413 could be sent.
 * Backpressure still reaches the client through the pipe.
 */
export async function peekBody(source: Readable, size: number): Promise<PeekedBody> {
  const chunks: Buffer[] = [];
  let total = 0;
  const ended = await new Promise<boolean>((resolve, reject) => {
    const cleanup = () => {
      source.off('readable', onReadable);
      source.off('end', onEnd);
      source.off('error', onError);
      source.off('close', onClose);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (total < size && (chunk = source.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        total += chunk.length;
      }
      if (total >= size) {
        cleanup();
        resolve(false);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(true);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    // A client that disconnects mid-body closes the request without 'end'.
    const onClose = () => {
      cleanup();
      reject(new ValidationError('request body was aborted'));
    };
    source.on('readable', onReadable);
    source.once('end', onEnd);
    source.once('error', onError);
    source.once('close', onClose);
  });
  const head = Buffer.concat(chunks);
  const body = new PassThrough();
  if (head.length > 0) body.write(head);
  if (ended) {
    body.end();
  } else {
    source.once('error', (err) => body.destroy(err));
    source.once('close', () => {
      if (!source.readableEnded) body.destroy(new ValidationError('request body was aborted'));
    });
    source.pipe(body);
  }
  return { head: head.subarray(0, size), body };
}

import { Transform, type Readable } from 'node:stream';

/**
 * Passes `source` through, failing with `tooLarge()` as soon as more than `maxBytes` went by —
 * so a file cut short by the multipart limit is never stored as if complete. Streams, never buffers.
 */
export function limitStream(source: Readable, maxBytes: number, tooLarge: () => Error): Readable {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(tooLarge());
      else done(null, chunk);
    },
  });
  source.on('error', (err) => limiter.destroy(err));
  return source.pipe(limiter);
}

import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ValidationError } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { peekBody } from './stream-peek.js';

const bytes = (n: number, seed = 0) => Buffer.from(Array.from({ length: n }, (_, i) => (i + seed) & 0xff));

describe('peekBody', () => {
  it('returns the head and a stream of the whole body, across small chunks', async () => {
    const all = bytes(1000);
    const chunks = Array.from({ length: 100 }, (_, i) => all.subarray(i * 10, (i + 1) * 10));
    const { head, body } = await peekBody(Readable.from(chunks), 64);
    expect(head.equals(all.subarray(0, 64))).toBe(true);
    expect((await buffer(body)).equals(all)).toBe(true);
  });

  it('handles a body shorter than the peek and an empty body', async () => {
    const short = await peekBody(Readable.from([bytes(10)]), 64);
    expect(short.head.length).toBe(10);
    expect((await buffer(short.body)).equals(bytes(10))).toBe(true);
    const empty = await peekBody(Readable.from([]), 64);
    expect(empty.head.length).toBe(0);
    expect((await buffer(empty.body)).length).toBe(0);
  });

  it('leaves the source alive when the consumer gives up, and reads no further', async () => {
    const source = new PassThrough({ highWaterMark: 16 });
    source.write(bytes(64));
    const { body } = await peekBody(source, 64);
    body.destroy();
    await new Promise((r) => setImmediate(r));
    expect(source.destroyed).toBe(false);
  });

  it('fails the peek when the client aborts before sending enough, and the body when it aborts later', async () => {
    const early = new PassThrough();
    const peek = peekBody(early, 64);
    early.write(bytes(8));
    early.destroy();
    await expect(peek).rejects.toBeInstanceOf(ValidationError);

    const late = new PassThrough();
    late.write(bytes(100));
    const { body } = await peekBody(late, 64);
    const read = buffer(body);
    late.destroy();
    await expect(read).rejects.toBeInstanceOf(ValidationError);
  });
});

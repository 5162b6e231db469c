import { describe, expect, it } from 'vitest';
import { outputUri, parseMediaUri } from './s3-location.js';

describe('parseMediaUri / outputUri', () => {
  it.each([
    ['s3://bucket/a/b.wav', { bucket: 'bucket', key: 'a/b.wav' }],
    ['https://s3.us-east-1.amazonaws.com/bucket/a/b.wav', { bucket: 'bucket', key: 'a/b.wav' }],
    ['https://bucket.s3.us-east-1.amazonaws.com/a/b.wav', { bucket: 'bucket', key: 'a/b.wav' }],
    ['https://my.bucket.s3.amazonaws.com/a%20b.wav', { bucket: 'my.bucket', key: 'a b.wav' }],
    ['http://127.0.0.1:25000/bucket/key.wav', { bucket: 'bucket', key: 'key.wav' }],
  ])('parses %s', (uri, expected) => {
    expect(parseMediaUri(uri)).toEqual(expected);
  });

  it('returns undefined without a key', () => {
    expect(parseMediaUri('s3://bucket/')).toBeUndefined();
    expect(parseMediaUri('https://s3.amazonaws.com/bucket')).toBeUndefined();
  });

  it('round-trips every output style', () => {
    for (const style of ['s3', 'https-path', 'https-virtual'] as const) {
      expect(parseMediaUri(outputUri(style, 'us-east-1', { bucket: 'out-b', key: 'job-1/summary.json' }))).toEqual({
        bucket: 'out-b',
        key: 'job-1/summary.json',
      });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseOutputUri } from './healthscribe-outputs.js';

describe('parseOutputUri', () => {
  it.each([
    ['s3://out-bucket/job-1/transcript.json', { bucket: 'out-bucket', key: 'job-1/transcript.json' }],
    ['https://s3.us-east-1.amazonaws.com/out-bucket/job-1/summary.json', { bucket: 'out-bucket', key: 'job-1/summary.json' }],
    ['https://s3.amazonaws.com/out-bucket/job-1/summary.json', { bucket: 'out-bucket', key: 'job-1/summary.json' }],
    ['https://s3-us-west-2.amazonaws.com/out-bucket/a.json', { bucket: 'out-bucket', key: 'a.json' }],
    ['https://out-bucket.s3.us-east-1.amazonaws.com/job-1/transcript.json', { bucket: 'out-bucket', key: 'job-1/transcript.json' }],
    ['https://out.bucket.s3.amazonaws.com/job%201/transcript.json', { bucket: 'out.bucket', key: 'job 1/transcript.json' }],
    ['https://my.s3.data.s3.dualstack.us-east-1.amazonaws.com/k.json', { bucket: 'my.s3.data', key: 'k.json' }],
    ['http://127.0.0.1:25000/out-bucket/job-1/transcript.json', { bucket: 'out-bucket', key: 'job-1/transcript.json' }],
  ])('%s', (uri, expected) => {
    expect(parseOutputUri(uri)).toEqual(expected);
  });

  it.each([
    's3://bucket-only',
    's3://bucket/',
    'https://s3.amazonaws.com/bucket',
    'ftp://b/k',
    'not a uri',
    'https://s3.amazonaws.com/b/%E0%A4%A',
  ])('rejects %s', (uri) => {
    expect(parseOutputUri(uri)).toBeUndefined();
  });
});

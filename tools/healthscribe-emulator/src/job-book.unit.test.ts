import { describe, expect, it } from 'vitest';
import { ServiceError } from './aws-json-errors.js';
import { JobBook } from './job-book.js';
import type { StartMedicalScribeJobWire } from './wire-types.js';

const request = (name: string): StartMedicalScribeJobWire => ({
  MedicalScribeJobName: name,
  Media: { MediaFileUri: 's3://in/a.wav' },
  OutputBucketName: 'out-bucket',
  DataAccessRoleArn: 'arn:aws:iam::123456789012:role/hs',
  Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
});

describe('JobBook', () => {
  it('pages newest first with an opaque token and rejects a forged one', () => {
    let now = 1_000;
    const book = new JobBook(() => (now += 1000));
    for (const n of ['a', 'b', 'c']) book.create(request(n));
    const first = book.list({ maxResults: 2 });
    expect(first.summaries.map((s) => s.MedicalScribeJobName)).toEqual(['c', 'b']);
    expect(first.summaries[0]?.CreationTime).toBe(4);
    const second = book.list({ maxResults: 2, nextToken: first.nextToken! });
    expect(second).toEqual({ summaries: [expect.objectContaining({ MedicalScribeJobName: 'a' })] });
    expect(() => book.list({ nextToken: 'bm90LWEtdG9rZW4' })).toThrow(ServiceError);
  });

  it('tracks active and in-progress high-water marks through transitions', () => {
    const book = new JobBook();
    book.create(request('a'));
    book.create(request('b'));
    book.markInProgress('a');
    book.finish('a', { failureReason: 'x' });
    book.markInProgress('b');
    book.create(request('c'));
    expect(book.stats).toMatchObject({ active: 2, maxActive: 2, inProgress: 1, maxInProgress: 1, startsAccepted: 3 });
    expect(book.get('a')).toMatchObject({ MedicalScribeJobStatus: 'FAILED', FailureReason: 'x' });
    expect(() => book.create(request('b'))).toThrow(/already exists/);
  });
});

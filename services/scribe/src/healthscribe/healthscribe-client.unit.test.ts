import {
  BadRequestException,
  ConflictException,
  InternalFailureException,
  LimitExceededException,
  TranscribeServiceException,
} from '@aws-sdk/client-transcribe';
import { describe, expect, it } from 'vitest';
import { classifyHealthscribeError, failureReasonOfJob } from './healthscribe-client.js';

const meta = (httpStatusCode?: number) => ({ $metadata: httpStatusCode === undefined ? {} : { httpStatusCode } });

describe('classifyHealthscribeError', () => {
  it.each([
    ['LimitExceededException', new LimitExceededException({ message: 'slow down', ...meta(400) }), 'limit_exceeded', true],
    ['InternalFailureException', new InternalFailureException({ message: 'oops', ...meta(500) }), 'internal_failure', true],
    ['BadRequestException', new BadRequestException({ message: "Value 'x' at 'name'", ...meta(400) }), 'bad_request', false],
    ['ConflictException outside Start', new ConflictException({ message: 'exists', ...meta(400) }), 'bad_request', false],
    [
      'AccessDeniedException',
      new TranscribeServiceException({ name: 'AccessDeniedException', $fault: 'client', ...meta(400) }),
      'access_denied',
      false,
    ],
    [
      'UnrecognizedClientException',
      new TranscribeServiceException({ name: 'UnrecognizedClientException', $fault: 'client', ...meta(400) }),
      'access_denied',
      false,
    ],
    ['an unknown 403', new TranscribeServiceException({ name: 'Forbidden', $fault: 'client', ...meta(403) }), 'access_denied', false],
    ['an unknown 503', new TranscribeServiceException({ name: 'Unknown', $fault: 'server', ...meta(503) }), 'internal_failure', true],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'engine_unavailable', true],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'engine_unavailable', true],
  ])('%s → %s', (_, err, reason, retryable) => {
    const classified = classifyHealthscribeError(err);
    expect(classified.reason).toBe(reason);
    expect(classified.retryable).toBe(retryable);
    expect(classified.cause).toBe(err);
  });

  it('never copies the service message, which can quote request values', () => {
    const canary = 'CANARY-PATIENT-JANE-DOE';
    const classified = classifyHealthscribeError(new BadRequestException({ message: `Value '${canary}' at 'x'`, ...meta(400) }));
    expect(classified.message).not.toContain(canary);
  });
});

describe('failureReasonOfJob', () => {
  it.each([
    ["The media file can't be accessed. Make sure the data access role has read permission.", 'media_unreadable'],
    ['The KMS key arn:aws:kms:… is not enabled.', 'access_denied'],
    ['Unable to write output to the bucket x. Make sure the data access role has write permission.', 'access_denied'],
    ['The audio sample rate is below 16,000 Hz.', 'media_unsupported'],
    ['Unsupported media format.', 'media_unsupported'],
    ['Something else happened.', 'job_failed'],
    [undefined, 'job_failed'],
  ])('%s → %s', (text, reason) => {
    expect(failureReasonOfJob(text)).toBe(reason);
  });
});

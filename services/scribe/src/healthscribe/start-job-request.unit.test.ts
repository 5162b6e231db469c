import { describe, expect, it } from 'vitest';
import { ScribeEngineError } from '../engine/scribe-engine-error.js';
import { assertValidStartRequest, buildStartJobRequest, healthscribeTargetFrom, type HealthscribeTarget } from './start-job-request.js';

const target: HealthscribeTarget = {
  inputBucket: 'medicdraft-in',
  outputBucket: 'medicdraft-out',
  kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  dataAccessRoleArn: 'arn:aws:iam::123456789012:role/medicdraft-healthscribe',
};
const tenantId = '11111111-1111-4111-8111-111111111111';
const dictationId = '22222222-2222-4222-8222-222222222222';
const params = {
  tenantId,
  dictationId,
  jobName: `md-${dictationId}-a1`,
  input: { tenantId, bucket: 'input' as const, key: `${tenantId}/2025/01/02/${dictationId}/audio.wav` },
};

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScribeEngineError) return `${err.reason}:${String(err.retryable)}`;
    throw err;
  }
  return 'no error';
}

describe('buildStartJobRequest', () => {
  it('builds a request with SSE-KMS, the tenant context, role, tags and settings the API accepts', () => {
    expect(buildStartJobRequest(target, params)).toEqual({
      MedicalScribeJobName: params.jobName,
      Media: { MediaFileUri: `s3://medicdraft-in/${params.input.key}` },
      OutputBucketName: 'medicdraft-out',
      OutputEncryptionKMSKeyId: target.kmsKeyArn,
      KMSEncryptionContext: { tenantId },
      DataAccessRoleArn: target.dataAccessRoleArn,
      Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2, ClinicalNoteGenerationSettings: { NoteTemplate: 'HISTORY_AND_PHYSICAL' } },
      Tags: [
        { Key: 'medicdraft:tenant-id', Value: tenantId },
        { Key: 'medicdraft:dictation-id', Value: dictationId },
      ],
    });
  });

  it('honours the configured note template and speaker count', () => {
    const r = buildStartJobRequest({ ...target, noteTemplate: 'PHYSICAL_SOAP', maxSpeakerLabels: 3 }, params);
    expect(r.Settings).toEqual({
      ShowSpeakerLabels: true,
      MaxSpeakerLabels: 3,
      ClinicalNoteGenerationSettings: { NoteTemplate: 'PHYSICAL_SOAP' },
    });
  });

  it('refuses media of another tenant or outside the input bucket', () => {
    expect(reasonOf(() => buildStartJobRequest(target, { ...params, input: { ...params.input, tenantId: 'other' } }))).toBe(
      'bad_request:false',
    );
    expect(reasonOf(() => buildStartJobRequest(target, { ...params, input: { ...params.input, bucket: 'output' } }))).toBe(
      'bad_request:false',
    );
  });

  it.each([
    ['a job name with a space', { jobName: 'md bad' }, {}],
    ['an output bucket given as a URI', {}, { outputBucket: 's3://medicdraft-out' }],
    ['a user ARN as data access role', {}, { dataAccessRoleArn: 'arn:aws:iam::123456789012:user/x' }],
    ['31 speakers', {}, { maxSpeakerLabels: 31 }],
    ['1 speaker', {}, { maxSpeakerLabels: 1 }],
  ])('rejects %s before calling the API', (_, p, t) => {
    expect(reasonOf(() => buildStartJobRequest({ ...target, ...t }, { ...params, ...p }))).toBe('bad_request:false');
  });
});

describe('assertValidStartRequest', () => {
  const base = buildStartJobRequest(target, params);
  it.each([
    [
      'both speaker labels and channel identification',
      { Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2, ChannelIdentification: true } },
    ],
    ['neither', { Settings: {} }],
    ['speaker labels without a maximum', { Settings: { ShowSpeakerLabels: true } }],
    [
      'one channel definition',
      { Settings: { ChannelIdentification: true }, ChannelDefinitions: [{ ChannelId: 0, ParticipantRole: 'CLINICIAN' as const }] },
    ],
    ['11 context entries', { KMSEncryptionContext: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) }],
    ['a blank context value', { KMSEncryptionContext: { tenantId: ' ' } }],
    ['a filter without a method', { Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2, VocabularyFilterName: 'f' } }],
  ])('rejects %s', (_, override) => {
    expect(reasonOf(() => assertValidStartRequest({ ...base, ...override }))).toBe('bad_request:false');
  });

  it('accepts channel identification with channels 0 and 1', () => {
    expect(
      reasonOf(() =>
        assertValidStartRequest({
          ...base,
          Settings: { ChannelIdentification: true },
          ChannelDefinitions: [
            { ChannelId: 0, ParticipantRole: 'CLINICIAN' },
            { ChannelId: 1, ParticipantRole: 'PATIENT' },
          ],
        }),
      ),
    ).toBe('no error');
  });
});

describe('healthscribeTargetFrom', () => {
  it('needs all four variables', () => {
    expect(healthscribeTargetFrom(target)).toEqual(target);
    expect(healthscribeTargetFrom({ ...target, kmsKeyArn: undefined })).toBeUndefined();
    expect(healthscribeTargetFrom({ ...target, dataAccessRoleArn: '' })).toBeUndefined();
    expect(healthscribeTargetFrom(target, { noteTemplate: 'GIRPP' })?.noteTemplate).toBe('GIRPP');
  });
});

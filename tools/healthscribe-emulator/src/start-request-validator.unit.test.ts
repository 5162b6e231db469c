import { describe, expect, it } from 'vitest';
import { ServiceError } from './aws-json-errors.js';
import { validateStartRequest } from './start-request-validator.js';

const valid = {
  MedicalScribeJobName: 'md-0b6c2f7e-attempt-1',
  Media: { MediaFileUri: 's3://input-bucket/t/2025/01/01/d/audio.wav' },
  OutputBucketName: 'output-bucket',
  OutputEncryptionKMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  KMSEncryptionContext: { tenantId: 't-1' },
  DataAccessRoleArn: 'arn:aws:iam::123456789012:role/hs',
  Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2, ClinicalNoteGenerationSettings: { NoteTemplate: 'HISTORY_AND_PHYSICAL' } },
  Tags: [{ Key: 'medicdraft:tenant-id', Value: 't-1' }],
};

function errorOf(body: unknown): ServiceError {
  try {
    validateStartRequest(body);
  } catch (err) {
    if (err instanceof ServiceError) return err;
    throw err;
  }
  throw new Error('expected a ServiceError');
}

describe('validateStartRequest', () => {
  it('accepts a request that satisfies the model and the settings rules', () => {
    expect(validateStartRequest(valid)).toEqual(valid);
  });

  it('reports every constraint violation in one BadRequestException, Coral style', () => {
    const err = errorOf({
      ...valid,
      MedicalScribeJobName: 'has space',
      DataAccessRoleArn: undefined,
      Settings: { ...valid.Settings, MaxSpeakerLabels: 40 },
    });
    expect(err.type).toBe('BadRequestException');
    expect(err.message).toMatch(/^3 validation errors detected: /);
    expect(err.message).toContain(
      "Value 'has space' at 'medicalScribeJobName' failed to satisfy constraint: Member must satisfy regular expression pattern",
    );
    expect(err.message).toContain("Value null at 'dataAccessRoleArn' failed to satisfy constraint: Member must not be null");
    expect(err.message).toContain(
      "Value '40' at 'settings.maxSpeakerLabels' failed to satisfy constraint: Member must have value less than or equal to 30",
    );
  });

  it('answers SerializationException for a member of the wrong JSON type', () => {
    expect(errorOf({ ...valid, Settings: { ShowSpeakerLabels: 'yes' } }).type).toBe('SerializationException');
    expect(errorOf({ ...valid, Tags: {} }).type).toBe('SerializationException');
  });

  it('rejects an unknown note template and duplicate tag keys', () => {
    expect(
      errorOf({ ...valid, Settings: { ...valid.Settings, ClinicalNoteGenerationSettings: { NoteTemplate: 'SOAP' } } }).message,
    ).toMatch(/enum value set/);
    expect(errorOf({ ...valid, Tags: [valid.Tags[0], valid.Tags[0]] }).message).toMatch(/Tag keys must be unique/);
  });

  it('rejects two channel definitions for the same channel', () => {
    const body = {
      ...valid,
      Settings: { ChannelIdentification: true },
      ChannelDefinitions: [
        { ChannelId: 0, ParticipantRole: 'CLINICIAN' },
        { ChannelId: 0, ParticipantRole: 'PATIENT' },
      ],
    };
    expect(errorOf(body).message).toMatch(/channel 0 and channel 1/);
  });
});

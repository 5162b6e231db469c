import { ServiceError } from './aws-json-errors.js';
import { RequestChecks } from './request-checks.js';
import { NOTE_TEMPLATES, type StartMedicalScribeJobWire } from './wire-types.js';

/** Constraints of StartMedicalScribeJobRequest (botocore model; healthscribe-api.md §1.3). */
export const JOB_NAME = /^[0-9a-zA-Z._-]+$/;
const MEDIA_URI = /^(s3:\/\/|http(s*):\/\/).+/;
const BUCKET_NAME = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
const KMS_KEY_ID = /^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$/;
const NON_BLANK = /^[\s\S]*\S[\s\S]*$/;
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso-{0,1}[a-z]{0,1}):iam::[0-9]{0,63}:role\/[A-Za-z0-9:_/+=,@.-]{0,1024}$/;
const VOCABULARY_NAME = /^[0-9a-zA-Z._-]+$/;

/** Validates a job name member (Get/Delete share Start's constraint). */
export function checkJobName(checks: RequestChecks, value: unknown): string | undefined {
  return checks.string(value, 'medicalScribeJobName', {
    required: true,
    min: 1,
    max: 200,
    pattern: JOB_NAME,
    patternText: '^[0-9a-zA-Z._-]+',
  });
}

/**
 * Validates a StartMedicalScribeJob body as the real API does: model constraints first (all
 * reported at once), then the operation's cross-field rules, each a BadRequestException.
 * Returns the body typed once it has passed.
 */
export function validateStartRequest(body: unknown): StartMedicalScribeJobWire {
  const c = new RequestChecks();
  const root = c.object(body, 'request', true) ?? {};
  checkJobName(c, root['MedicalScribeJobName']);

  const media = c.object(root['Media'], 'media', true);
  if (media) {
    c.string(media['MediaFileUri'], 'media.mediaFileUri', { min: 1, max: 2000, pattern: MEDIA_URI, patternText: '(s3://|http(s*)://).+' });
    c.string(media['RedactedMediaFileUri'], 'media.redactedMediaFileUri', {
      min: 1,
      max: 2000,
      pattern: MEDIA_URI,
      patternText: '(s3://|http(s*)://).+',
    });
  }
  c.string(root['OutputBucketName'], 'outputBucketName', {
    required: true,
    max: 64,
    pattern: BUCKET_NAME,
    patternText: '[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]',
  });
  c.string(root['OutputEncryptionKMSKeyId'], 'outputEncryptionKMSKeyId', { min: 1, max: 2048, pattern: KMS_KEY_ID });
  c.string(root['DataAccessRoleArn'], 'dataAccessRoleArn', { required: true, min: 20, max: 2048, pattern: ROLE_ARN });

  const context = c.object(root['KMSEncryptionContext'], 'kMSEncryptionContext', false);
  if (context) {
    const entries = Object.entries(context);
    if (entries.length < 1)
      c.rule(`Value '{}' at 'kMSEncryptionContext' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    if (entries.length > 10)
      c.rule(`Value at 'kMSEncryptionContext' failed to satisfy constraint: Member must have length less than or equal to 10`);
    for (const [key, value] of entries) {
      c.string(key, 'kMSEncryptionContext.key', { min: 1, max: 2000, pattern: NON_BLANK, patternText: '.*\\S.*' });
      c.string(value, `kMSEncryptionContext.${key}.value`, {
        required: true,
        min: 1,
        max: 2000,
        pattern: NON_BLANK,
        patternText: '.*\\S.*',
      });
    }
  }

  const settings = c.object(root['Settings'], 'settings', true) ?? {};
  const showSpeakers = c.boolean(settings['ShowSpeakerLabels'], 'settings.showSpeakerLabels');
  const maxSpeakers = c.integer(settings['MaxSpeakerLabels'], 'settings.maxSpeakerLabels', 2, 30);
  const channelId = c.boolean(settings['ChannelIdentification'], 'settings.channelIdentification');
  c.string(settings['VocabularyName'], 'settings.vocabularyName', { min: 1, max: 200, pattern: VOCABULARY_NAME });
  const filterName = c.string(settings['VocabularyFilterName'], 'settings.vocabularyFilterName', {
    min: 1,
    max: 200,
    pattern: VOCABULARY_NAME,
  });
  const filterMethod = c.string(settings['VocabularyFilterMethod'], 'settings.vocabularyFilterMethod', {
    oneOf: ['remove', 'mask', 'tag'],
  });
  const note = c.object(settings['ClinicalNoteGenerationSettings'], 'settings.clinicalNoteGenerationSettings', false);
  if (note) c.string(note['NoteTemplate'], 'settings.clinicalNoteGenerationSettings.noteTemplate', { oneOf: NOTE_TEMPLATES });

  const channels = c.array(root['ChannelDefinitions'], 'channelDefinitions', 2, 2);
  channels?.forEach((item, i) => {
    const def = c.object(item, `channelDefinitions.${i + 1}.member`, true);
    if (!def) return;
    c.integer(def['ChannelId'], `channelDefinitions.${i + 1}.member.channelId`, 0, 1);
    if (def['ChannelId'] === undefined)
      c.rule(`Value null at 'channelDefinitions.${i + 1}.member.channelId' failed to satisfy constraint: Member must not be null`);
    c.string(def['ParticipantRole'], `channelDefinitions.${i + 1}.member.participantRole`, {
      required: true,
      oneOf: ['PATIENT', 'CLINICIAN'],
    });
  });

  const tags = c.array(root['Tags'], 'tags', 1, 200);
  tags?.forEach((item, i) => {
    const tag = c.object(item, `tags.${i + 1}.member`, true);
    if (!tag) return;
    c.string(tag['Key'], `tags.${i + 1}.member.key`, { required: true, min: 1, max: 128 });
    c.string(tag['Value'], `tags.${i + 1}.member.value`, { required: true, min: 0, max: 256 });
  });

  const scribeContext = c.object(root['MedicalScribeContext'], 'medicalScribeContext', false);
  const patient = scribeContext ? c.object(scribeContext['PatientContext'], 'medicalScribeContext.patientContext', false) : undefined;
  if (patient) c.string(patient['Pronouns'], 'medicalScribeContext.patientContext.pronouns', { oneOf: ['HE_HIM', 'SHE_HER', 'THEY_THEM'] });
  c.done();

  // Cross-field rules of MedicalScribeSettings (model documentation of the operation).
  if ((showSpeakers === true) === (channelId === true)) {
    throw new ServiceError('BadRequestException', 'One and only one of ChannelIdentification and ShowSpeakerLabels must be set to true.');
  }
  if (showSpeakers === true && maxSpeakers === undefined) {
    throw new ServiceError('BadRequestException', 'MaxSpeakerLabels must be set when ShowSpeakerLabels is true.');
  }
  if (maxSpeakers !== undefined && showSpeakers !== true) {
    throw new ServiceError('BadRequestException', 'ShowSpeakerLabels must be set to true when MaxSpeakerLabels is specified.');
  }
  if (channelId === true && !channels) {
    throw new ServiceError('BadRequestException', 'ChannelDefinitions must be specified when ChannelIdentification is true.');
  }
  if (channels && channelId !== true) {
    throw new ServiceError('BadRequestException', 'ChannelIdentification must be set to true when ChannelDefinitions are specified.');
  }
  if (channels) {
    const ids = new Set(channels.map((d) => (d as { ChannelId: number }).ChannelId));
    if (ids.size !== 2) throw new ServiceError('BadRequestException', 'ChannelDefinitions must define channel 0 and channel 1 once each.');
  }
  if (filterName !== undefined && filterMethod === undefined) {
    throw new ServiceError('BadRequestException', 'VocabularyFilterMethod must be specified when VocabularyFilterName is set.');
  }
  if (tags) {
    const keys = tags.map((t) => (t as { Key: string }).Key);
    if (new Set(keys).size !== keys.length) throw new ServiceError('BadRequestException', 'Tag keys must be unique.');
  }
  return root as unknown as StartMedicalScribeJobWire;
}

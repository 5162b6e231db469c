import type { MedicalScribeNoteTemplate, StartMedicalScribeJobCommandInput } from '@aws-sdk/client-transcribe';
import type { ObjectRef } from '@medicdraft/platform';
import { ScribeEngineError } from '../engine/scribe-engine-error.js';

/** Where and how jobs run: the six seed variables' HealthScribe part, plus note settings. */
export interface HealthscribeTarget {
  /** Physical bucket names of the logical `input`/`output` buckets. */
  inputBucket: string;
  outputBucket: string;
  /** OutputEncryptionKMSKeyId: the outputs are SSE-KMS under this key. */
  kmsKeyArn: string;
  dataAccessRoleArn: string;
  /** Default HISTORY_AND_PHYSICAL: its sections (chief complaint, HPI, exam, plan) map best onto EMS narratives. */
  noteTemplate?: MedicalScribeNoteTemplate;
  /** Speakers to partition, 2–30 (default 2: a provider dictating, or provider and patient). */
  maxSpeakerLabels?: number;
}

/**
 * The target from the seed's variables (`config.aws`), or undefined unless all four are set:
 * without any one of them no HealthScribe job can be started, and the tenant stays in sandbox mode.
 */
export function healthscribeTargetFrom(
  aws: { inputBucket?: string; outputBucket?: string; kmsKeyArn?: string; dataAccessRoleArn?: string },
  settings: Pick<HealthscribeTarget, 'noteTemplate' | 'maxSpeakerLabels'> = {},
): HealthscribeTarget | undefined {
  const { inputBucket, outputBucket, kmsKeyArn, dataAccessRoleArn } = aws;
  if (!inputBucket || !outputBucket || !kmsKeyArn || !dataAccessRoleArn) return undefined;
  return { inputBucket, outputBucket, kmsKeyArn, dataAccessRoleArn, ...settings };
}

export interface StartJobParams {
  tenantId: string;
  dictationId: string;
  jobName: string;
  /** The audio object, in the logical input bucket. */
  input: ObjectRef;
}

export const TAG_TENANT_ID = 'medicdraft:tenant-id';
export const TAG_DICTATION_ID = 'medicdraft:dictation-id';

/**
 * Builds StartMedicalScribeJob's input for one dictation attempt. The outputs are encrypted under
 * the configured key with encryption context `{tenantId}` (the same context as every other
 * object of the tenant), and the job is tagged with tenant and dictation ids for cost and access
 * reports. Speaker labels, not channel identification: dictations are mono, and the API requires
 * exactly one of the two. Throws ScribeEngineError(bad_request) for input the API would reject,
 * so a misconfiguration fails here instead of costing a request (healthscribe-api.md §6).
 */
export function buildStartJobRequest(target: HealthscribeTarget, params: StartJobParams): StartMedicalScribeJobCommandInput {
  if (params.input.bucket !== 'input') throw invalid('media must come from the input bucket');
  if (params.input.tenantId !== params.tenantId) throw invalid('media belongs to another tenant');
  const request: StartMedicalScribeJobCommandInput = {
    MedicalScribeJobName: params.jobName,
    Media: { MediaFileUri: `s3://${target.inputBucket}/${params.input.key}` },
    OutputBucketName: target.outputBucket,
    OutputEncryptionKMSKeyId: target.kmsKeyArn,
    KMSEncryptionContext: { tenantId: params.tenantId },
    DataAccessRoleArn: target.dataAccessRoleArn,
    Settings: {
      ShowSpeakerLabels: true,
      MaxSpeakerLabels: target.maxSpeakerLabels ?? 2,
      ClinicalNoteGenerationSettings: { NoteTemplate: target.noteTemplate ?? 'HISTORY_AND_PHYSICAL' },
    },
    Tags: [
      { Key: TAG_TENANT_ID, Value: params.tenantId },
      { Key: TAG_DICTATION_ID, Value: params.dictationId },
    ],
  };
  assertValidStartRequest(request);
  return request;
}

const JOB_NAME = /^[0-9a-zA-Z._-]{1,200}$/;
const BUCKET = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
const KMS_KEY_ID = /^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2047}$/;
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso-{0,1}[a-z]{0,1}):iam::[0-9]{0,63}:role\/[A-Za-z0-9:_/+=,@.-]{0,1024}$/;
const NON_BLANK = /\S/;

function invalid(message: string): ScribeEngineError {
  return new ScribeEngineError('bad_request', `invalid StartMedicalScribeJob request: ${message}`, { retryable: false });
}

/** The API's constraints and settings rules (healthscribe-api.md §1.3), checked locally. */
export function assertValidStartRequest(r: StartMedicalScribeJobCommandInput): void {
  if (!r.MedicalScribeJobName || !JOB_NAME.test(r.MedicalScribeJobName)) throw invalid('job name');
  const uri = r.Media?.MediaFileUri ?? '';
  if (uri.length < 1 || uri.length > 2000 || !/^(s3:\/\/|https?:\/\/).+/.test(uri)) throw invalid('media URI');
  if (!r.OutputBucketName || r.OutputBucketName.length > 64 || !BUCKET.test(r.OutputBucketName)) throw invalid('output bucket name');
  if (r.OutputEncryptionKMSKeyId !== undefined && !KMS_KEY_ID.test(r.OutputEncryptionKMSKeyId)) throw invalid('output KMS key id');
  const role = r.DataAccessRoleArn ?? '';
  if (role.length < 20 || role.length > 2048 || !ROLE_ARN.test(role)) throw invalid('data access role ARN');
  const context = Object.entries(r.KMSEncryptionContext ?? {});
  if (r.KMSEncryptionContext && (context.length < 1 || context.length > 10)) {
    throw invalid('KMS encryption context must have 1–10 entries');
  }
  for (const [k, v] of context) {
    if (k.length > 2000 || v.length > 2000 || !NON_BLANK.test(k) || !NON_BLANK.test(v)) throw invalid('KMS encryption context entry');
  }
  const s = r.Settings ?? {};
  if ((s.ShowSpeakerLabels === true) === (s.ChannelIdentification === true))
    throw invalid('exactly one of ShowSpeakerLabels and ChannelIdentification must be true');
  if (s.ShowSpeakerLabels === true && (s.MaxSpeakerLabels === undefined || s.MaxSpeakerLabels < 2 || s.MaxSpeakerLabels > 30))
    throw invalid('MaxSpeakerLabels must be 2–30');
  if (s.ShowSpeakerLabels !== true && s.MaxSpeakerLabels !== undefined) throw invalid('MaxSpeakerLabels requires ShowSpeakerLabels');
  if ((s.ChannelIdentification === true) !== (r.ChannelDefinitions !== undefined))
    throw invalid('ChannelDefinitions go with ChannelIdentification');
  if (r.ChannelDefinitions && (r.ChannelDefinitions.length !== 2 || new Set(r.ChannelDefinitions.map((d) => d.ChannelId)).size !== 2))
    throw invalid('exactly two ChannelDefinitions, channels 0 and 1');
  if (s.VocabularyFilterName !== undefined && s.VocabularyFilterMethod === undefined)
    throw invalid('VocabularyFilterName requires VocabularyFilterMethod');
  const tags = r.Tags ?? [];
  if (r.Tags && (tags.length < 1 || tags.length > 200)) throw invalid('1–200 tags');
  if (tags.some((t) => !t.Key || t.Key.length > 128 || (t.Value ?? '').length > 256)) throw invalid('tag key or value length');
}

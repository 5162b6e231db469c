import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { ServiceError } from './aws-json-errors.js';
import type { MediaRegistry } from './media-registry.js';
import { outputUri, parseMediaUri, type OutputUriStyle, type S3Location } from './s3-location.js';
import type { StartMedicalScribeJobWire } from './wire-types.js';

/** The two output documents made from registered text (JSON values, written as JSON). */
export interface SyntheticOutputs {
  transcript: unknown;
  clinicalDocument: unknown;
}
export type Synthesize = (text: string, jobName: string) => SyntheticOutputs | Promise<SyntheticOutputs>;

export interface ProcessorDeps {
  s3: S3Client;
  /** When set, the output key must exist and be enabled (the real service writes with it). */
  kms?: KMSClient;
  registry: MediaRegistry;
  region: string;
  outputUriStyle: OutputUriStyle;
  synthesize: Synthesize;
}

export type JobOutcome = { output: { TranscriptFileUri: string; ClinicalDocumentUri: string } } | { failureReason: string };

/**
 * Start-time checks the real service makes synchronously: the media object is readable and the
 * output bucket exists; either failing is a BadRequestException and no job is created.
 */
export async function checkStartResources(deps: ProcessorDeps, request: StartMedicalScribeJobWire): Promise<S3Location> {
  const media = parseMediaUri(request.Media.MediaFileUri);
  if (!media)
    throw new ServiceError(
      'BadRequestException',
      "The S3 URI that you provided can't be accessed. Make sure that you have read permission and try your request again.",
    );
  try {
    await deps.s3.send(new HeadObjectCommand({ Bucket: media.bucket, Key: media.key }));
  } catch {
    throw new ServiceError(
      'BadRequestException',
      "The S3 URI that you provided can't be accessed. Make sure that you have read permission and try your request again.",
    );
  }
  try {
    await deps.s3.send(new HeadBucketCommand({ Bucket: request.OutputBucketName }));
  } catch {
    throw new ServiceError(
      'BadRequestException',
      'The specified S3 output bucket does not exist or you do not have permission to write to it.',
    );
  }
  return media;
}

async function mediaDigest(deps: ProcessorDeps, media: S3Location): Promise<string> {
  const out = await deps.s3.send(new GetObjectCommand({ Bucket: media.bucket, Key: media.key }));
  if (!(out.Body instanceof Readable)) throw new Error('S3 GetObject returned no stream');
  const hash = createHash('sha256');
  for await (const chunk of out.Body) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function keyUnusable(deps: ProcessorDeps, keyId: string | undefined): Promise<string | undefined> {
  if (!deps.kms || !keyId) return undefined;
  try {
    const { KeyMetadata } = await deps.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    return KeyMetadata?.Enabled ? undefined : `The KMS key ${keyId} is not enabled.`;
  } catch {
    return `The KMS key ${keyId} can't be accessed. Make sure the data access role can use it.`;
  }
}

const asBody = (doc: unknown) => (typeof doc === 'string' ? doc : JSON.stringify(doc));

/**
 * Does the job's work: hashes the media, looks up what the test registered for that digest,
 * and writes `<jobName>/transcript.json` and `<jobName>/summary.json` at the top of the output
 * bucket (healthscribe-api.md §1.9) with SSE-KMS under the request's key and context, or SSE-S3
 * without a key. Anything that goes wrong becomes the job's FailureReason, as in the real service.
 */
export async function runJob(
  deps: ProcessorDeps,
  request: StartMedicalScribeJobWire,
  media: S3Location,
  onDigest: (sha256: string) => void,
): Promise<JobOutcome> {
  let sha256: string;
  try {
    sha256 = await mediaDigest(deps, media);
  } catch {
    return { failureReason: "The media file can't be accessed. Make sure the data access role has read permission." };
  }
  onDigest(sha256);
  const script = deps.registry.lookup(sha256);
  if (!script) return { failureReason: `Unsupported media: no content is registered with the HealthScribe emulator for sha256 ${sha256}.` };
  if ('failureReason' in script) return { failureReason: script.failureReason };

  const jobName = request.MedicalScribeJobName;
  const docs = 'text' in script ? await deps.synthesize(script.text, jobName) : script;
  const keyProblem = await keyUnusable(deps, request.OutputEncryptionKMSKeyId);
  if (keyProblem) return { failureReason: keyProblem };

  const encryption = request.OutputEncryptionKMSKeyId
    ? {
        ServerSideEncryption: 'aws:kms' as const,
        SSEKMSKeyId: request.OutputEncryptionKMSKeyId,
        ...(request.KMSEncryptionContext
          ? { SSEKMSEncryptionContext: Buffer.from(JSON.stringify(request.KMSEncryptionContext)).toString('base64') }
          : {}),
      }
    : { ServerSideEncryption: 'AES256' as const };
  const transcript = { bucket: request.OutputBucketName, key: `${jobName}/transcript.json` };
  const summary = { bucket: request.OutputBucketName, key: `${jobName}/summary.json` };
  try {
    for (const [loc, doc] of [
      [transcript, docs.transcript],
      [summary, docs.clinicalDocument],
    ] as const) {
      await deps.s3.send(
        new PutObjectCommand({ Bucket: loc.bucket, Key: loc.key, Body: asBody(doc), ContentType: 'application/json', ...encryption }),
      );
    }
  } catch {
    return {
      failureReason:
        `Unable to write output to the bucket ${request.OutputBucketName}. ` + 'Make sure the data access role has write permission.',
    };
  }
  return {
    output: {
      TranscriptFileUri: outputUri(deps.outputUriStyle, deps.region, transcript),
      ClinicalDocumentUri: outputUri(deps.outputUriStyle, deps.region, summary),
    },
  };
}

import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DisableKeyRotationCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { TRANSCRIBE_PRINCIPAL } from '../probes/iam-role.probe.js';

/** Where the AWS stand-in (moto) is and how to talk to it: `stackConfig.aws` of `@medicdraft/platform/testing`. */
export interface AwsEndpoint {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface PhiReadyAws {
  s3: S3Client;
  kms: KMSClient;
  kmsKeyArn: string;
  buckets: { input: string; output: string };
  /**
   * Everything a service process needs to reach these resources (region, endpoint, dummy
   * credentials, the six AWS_HEALTHSCRIBE_* variables). AWS_HEALTHSCRIBE_ENDPOINT_URL is the
   * caller's: the HealthScribe emulator is started by the test, not here.
   */
  env: Record<string, string>;
  /** Turns automatic rotation of the key on or off (what the kms gate probes). */
  setKeyRotation(enabled: boolean): Promise<void>;
  close(): void;
}

/**
 * The role, log group and audit witness bucket `provisionPhiReadyAws` creates for a label, known in advance so services
 * can be configured with them before they exist (their gates then say the resource is missing).
 * moto's default account id is 123456789012.
 */
export function phiReadyAwsNames(
  label: string,
  accountId = '123456789012',
): { roleName: string; roleArn: string; logGroup: string; witnessBucket: string } {
  const roleName = `medicdraft-${label}`;
  const witnessBucket = `md-${label.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 55).replace(/-+$/, '') + '-witness';
  return { roleName, roleArn: `arn:aws:iam::${accountId}:role/${roleName}`, logGroup: `/medicdraft/${label}/audit`, witnessBucket };
}

const trustTranscribe = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: TRANSCRIBE_PRINCIPAL }, Action: 'sts:AssumeRole' }],
});

/**
 * TEST FIXTURE (never imported by runtime code; excluded from the build). Provisions on moto
 * everything the readiness probes ask for before the AWS-backed gates are `ready`: both buckets
 * blocking public access, encrypting by default with SSE-KMS under a customer key and carrying a
 * lifecycle rule; that key rotating; a data-access role trusting transcribe; an audit log group
 * with a retention policy; the audit checkpoint witness bucket under Object Lock (COMPLIANCE,
 * six years). Buckets or a key that already exist (e.g. from `createAwsDrill`) are
 * hardened in place. Names must be unique per run (moto is shared by every test on the stack).
 */
export async function provisionPhiReadyAws(
  aws: AwsEndpoint,
  names: { label: string; inputBucket: string; outputBucket: string; kmsKeyArn?: string },
): Promise<PhiReadyAws> {
  const s3 = new S3Client({ ...aws, forcePathStyle: true });
  const kms = new KMSClient(aws);
  const iam = new IAMClient(aws);
  const logs = new CloudWatchLogsClient(aws);
  try {
    const kmsKeyArn =
      names.kmsKeyArn ?? (await kms.send(new CreateKeyCommand({ Description: `medicdraft ${names.label}` }))).KeyMetadata?.Arn ?? '';
    await kms.send(new EnableKeyRotationCommand({ KeyId: kmsKeyArn }));
    for (const bucket of [names.inputBucket, names.outputBucket]) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((err: unknown) => {
        if ((err as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw err;
      });
      const block = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
      await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: block }));
      const sse = { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: kmsKeyArn };
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket: bucket,
          ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: sse }] },
        }),
      );
      const rule = { ID: 'retention', Status: 'Enabled' as const, Filter: { Prefix: '' }, Expiration: { Days: 30 } };
      await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [rule] } }));
    }
    // The audit checkpoint witness: Object Lock can only be enabled when the bucket is created.
    const { witnessBucket } = phiReadyAwsNames(names.label);
    await s3.send(new CreateBucketCommand({ Bucket: witnessBucket, ObjectLockEnabledForBucket: true })).catch((err: unknown) => {
      if ((err as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw err;
    });
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: witnessBucket,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } },
      }),
    );
    const { roleName, logGroup } = phiReadyAwsNames(names.label);
    const roleArn =
      (await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trustTranscribe }))).Role?.Arn ?? '';
    await logs.send(new CreateLogGroupCommand({ logGroupName: logGroup }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: logGroup, retentionInDays: 2192 }));
    return {
      s3,
      kms,
      kmsKeyArn,
      buckets: { input: names.inputBucket, output: names.outputBucket },
      env: {
        AWS_REGION: aws.region,
        AWS_ENDPOINT_URL: aws.endpoint,
        AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
        AWS_HEALTHSCRIBE_INPUT_BUCKET: names.inputBucket,
        AWS_HEALTHSCRIBE_OUTPUT_BUCKET: names.outputBucket,
        AWS_HEALTHSCRIBE_KMS_KEY_ARN: kmsKeyArn,
        AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: roleArn,
        AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: logGroup,
        AUDIT_WITNESS_BUCKET: witnessBucket,
      },
      async setKeyRotation(enabled) {
        await kms.send(enabled ? new EnableKeyRotationCommand({ KeyId: kmsKeyArn }) : new DisableKeyRotationCommand({ KeyId: kmsKeyArn }));
      },
      close() {
        for (const client of [s3, kms, iam, logs]) client.destroy();
      },
    };
  } catch (err) {
    for (const client of [s3, kms, iam, logs]) client.destroy();
    throw err;
  }
}

/** Settings with which an owner has recorded everything the BAA, storage and controls need. */
export const PHI_READY_SETTINGS = {
  baaExecuted: true,
  baaEvidenceRef: 'vault://legal/baa/aws-healthscribe',
  phiStorageEnabled: true,
  recordingStorageEnabled: true,
  reportStorageEnabled: true,
  dataUseContractRef: 'contract:data-use-2026',
  retentionPolicy: { audio_recordings: 30, transcripts: 365, narratives_reports: 2555, reference_material: 3650, ai_artifacts: 365 },
  modelProfileId: 'tenant-narrative',
  retrievalIndexId: 'tenant-retrieval',
} as const;

import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startHealthscribeEmulator, type HealthscribeEmulator } from '@medicdraft/healthscribe-emulator';
import { createS3ObjectStore } from '@medicdraft/platform/s3';
import { type ObjectStore } from '@medicdraft/platform';
import { stack } from './stack-env.js';

/**
 * The AWS side of a drill on moto: fresh input/output buckets and a KMS key, the HealthScribe
 * emulator in this process (reading and writing those buckets), an object store as the services
 * see it, and the variables that point a service process at all of it.
 */
export interface AwsDrill {
  s3: S3Client;
  kms: KMSClient;
  objects: ObjectStore;
  emulator: HealthscribeEmulator;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function createAwsDrill(label: string, run: string, opts: { inProgressMs: number; queuedMs?: number }): Promise<AwsDrill> {
  const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
  const kms = new KMSClient({ ...stack.aws });
  const buckets = { input: `md-${label}-in-${run}`, output: `md-${label}-out-${run}` };
  await s3.send(new CreateBucketCommand({ Bucket: buckets.input }));
  await s3.send(new CreateBucketCommand({ Bucket: buckets.output }));
  const kmsKeyArn = (await kms.send(new CreateKeyCommand({ Description: `medicdraft e2e ${label}` }))).KeyMetadata?.Arn ?? '';
  const emulator = await startHealthscribeEmulator({ s3, kms, timing: { queuedMs: opts.queuedMs ?? 50, inProgressMs: opts.inProgressMs } });
  return {
    s3,
    kms,
    objects: createS3ObjectStore({ client: s3, buckets, kmsKeyId: kmsKeyArn }),
    emulator,
    env: {
      AWS_REGION: stack.aws.region,
      AWS_ENDPOINT_URL: stack.aws.endpoint,
      AWS_ACCESS_KEY_ID: stack.aws.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: stack.aws.credentials.secretAccessKey,
      AWS_HEALTHSCRIBE_INPUT_BUCKET: buckets.input,
      AWS_HEALTHSCRIBE_OUTPUT_BUCKET: buckets.output,
      AWS_HEALTHSCRIBE_KMS_KEY_ARN: kmsKeyArn,
      AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: 'arn:aws:iam::123456789012:role/medicdraft-healthscribe-e2e',
      AWS_HEALTHSCRIBE_ENDPOINT_URL: emulator.url,
    },
    async close() {
      await emulator.close();
      s3.destroy();
      kms.destroy();
    },
  };
}

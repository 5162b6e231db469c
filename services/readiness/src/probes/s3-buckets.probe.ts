import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { NOT_CONFIGURED, PROBE_OK, probeFailed, type ProbeOutcome, type ProbeResults } from '../gates/gate-inputs.js';
import { classifyAwsError, probeTimeout } from './aws-error.js';
import { normalizeKeyRef } from './kms-key.probe.js';

type BucketResults = Pick<ProbeResults, 'bucketsExist' | 'bucketsPublicAccessBlocked' | 'bucketsDefaultSseKms' | 'bucketsLifecycleRule'>;

/** S3's "this bucket has no such configuration" answers: the bucket is there but not set up. */
const MISSING_CONFIG = new Set([
  'NoSuchPublicAccessBlockConfiguration',
  'ServerSideEncryptionConfigurationNotFoundError',
  'NoSuchLifecycleConfiguration',
]);

async function check(call: () => Promise<boolean>): Promise<ProbeOutcome> {
  try {
    return (await call()) ? PROBE_OK : probeFailed('misconfigured');
  } catch (err) {
    if (MISSING_CONFIG.has((err as { name?: string }).name ?? '')) return probeFailed('misconfigured');
    return probeFailed(classifyAwsError(err));
  }
}

async function probeBucket(s3: S3Client, bucket: string, acceptedKeys: ReadonlySet<string>, timeoutMs: number): Promise<BucketResults> {
  const exists = await check(async () => (await s3.send(new HeadBucketCommand({ Bucket: bucket }), probeTimeout(timeoutMs)), true));
  if (!exists.ok)
    return { bucketsExist: exists, bucketsPublicAccessBlocked: exists, bucketsDefaultSseKms: exists, bucketsLifecycleRule: exists };
  const [pab, sse, lifecycle] = await Promise.all([
    check(async () => {
      const c = (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }), probeTimeout(timeoutMs)))
        .PublicAccessBlockConfiguration;
      return c?.BlockPublicAcls === true && c.IgnorePublicAcls === true && c.BlockPublicPolicy === true && c.RestrictPublicBuckets === true;
    }),
    check(async () => {
      const rules =
        (await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }), probeTimeout(timeoutMs))).ServerSideEncryptionConfiguration
          ?.Rules ?? [];
      return rules.some((r) => {
        const d = r.ApplyServerSideEncryptionByDefault;
        return d?.SSEAlgorithm === 'aws:kms' && d.KMSMasterKeyID !== undefined && acceptedKeys.has(normalizeKeyRef(d.KMSMasterKeyID));
      });
    }),
    check(async () => {
      const rules = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }), probeTimeout(timeoutMs))).Rules ?? [];
      return rules.some((r) => r.Status === 'Enabled');
    }),
  ]);
  return { bucketsExist: exists, bucketsPublicAccessBlocked: pab, bucketsDefaultSseKms: sse, bucketsLifecycleRule: lifecycle };
}

/**
 * Both HealthScribe buckets: exist, block all public access (all four flags), encrypt by default
 * with SSE-KMS under the configured key (`acceptedKeys`: normalised references of that key, see
 * `normalizeKeyRef`), and have an enabled lifecycle rule. A check holds only if it holds for both
 * buckets; otherwise the first failing bucket's reason is reported.
 */
export async function probeBuckets(
  s3: S3Client | undefined,
  opts: { inputBucket: string | undefined; outputBucket: string | undefined; acceptedKeys: ReadonlySet<string>; timeoutMs: number },
): Promise<BucketResults> {
  if (s3 === undefined || opts.inputBucket === undefined || opts.outputBucket === undefined) {
    return {
      bucketsExist: NOT_CONFIGURED,
      bucketsPublicAccessBlocked: NOT_CONFIGURED,
      bucketsDefaultSseKms: NOT_CONFIGURED,
      bucketsLifecycleRule: NOT_CONFIGURED,
    };
  }
  const results = await Promise.all(
    [opts.inputBucket, opts.outputBucket].map((b) => probeBucket(s3, b, opts.acceptedKeys, opts.timeoutMs)),
  );
  const worst = (k: keyof BucketResults) => results.find((r) => !r[k].ok)?.[k] ?? PROBE_OK;
  return {
    bucketsExist: worst('bucketsExist'),
    bucketsPublicAccessBlocked: worst('bucketsPublicAccessBlocked'),
    bucketsDefaultSseKms: worst('bucketsDefaultSseKms'),
    bucketsLifecycleRule: worst('bucketsLifecycleRule'),
  };
}

import { GetObjectLockConfigurationCommand, type S3Client } from '@aws-sdk/client-s3';
import { NOT_CONFIGURED, PROBE_OK, probeFailed, type ProbeOutcome } from '../gates/gate-inputs.js';
import { classifyAwsError, probeTimeout } from './aws-error.js';

/**
 * The audit checkpoint witness bucket has Object Lock enabled with a COMPLIANCE default retention
 * of at least `minRetentionDays`: no principal, the account root included, can delete or shorten
 * the retention of a witnessed checkpoint. GOVERNANCE mode (bypassable) is `misconfigured`.
 */
export async function probeAuditWitness(
  s3: S3Client | undefined,
  opts: { bucket: string | undefined; minRetentionDays: number; timeoutMs: number },
): Promise<ProbeOutcome> {
  if (opts.bucket === undefined || s3 === undefined) return NOT_CONFIGURED;
  try {
    const res = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: opts.bucket }), probeTimeout(opts.timeoutMs));
    const cfg = res.ObjectLockConfiguration;
    const retention = cfg?.Rule?.DefaultRetention;
    const days = retention?.Days ?? (retention?.Years === undefined ? 0 : retention.Years * 365);
    return cfg?.ObjectLockEnabled === 'Enabled' && retention?.Mode === 'COMPLIANCE' && days >= opts.minRetentionDays
      ? PROBE_OK
      : probeFailed('misconfigured');
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'ObjectLockConfigurationNotFoundError') return probeFailed('misconfigured');
    return probeFailed(classifyAwsError(err));
  }
}

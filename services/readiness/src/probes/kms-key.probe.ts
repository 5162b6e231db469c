import { DescribeKeyCommand, GetKeyRotationStatusCommand, type KMSClient } from '@aws-sdk/client-kms';
import { NOT_CONFIGURED, PROBE_OK, probeFailed, type ProbeResults } from '../gates/gate-inputs.js';
import { classifyAwsError, probeTimeout } from './aws-error.js';

/**
 * A key reference reduced to `key/<id>` or `alias/<name>`, whatever form it came in (key ARN,
 * alias ARN, bare key id, `alias/…`), so a bucket's default key can be compared with the config.
 */
export function normalizeKeyRef(ref: string): string {
  const resource = ref.startsWith('arn:') ? ref.split(':').slice(5).join(':') : ref;
  return resource.startsWith('key/') || resource.startsWith('alias/') ? resource : `key/${resource}`;
}

export interface KmsProbeResult extends Pick<ProbeResults, 'kmsKeyEnabled' | 'kmsKeyRotation'> {
  /** Normalised references that name the configured key (its ARN/alias as configured, its key id). */
  acceptedKeys: Set<string>;
}

/**
 * The configured key is a customer-managed symmetric key that is enabled and rotates
 * automatically. An AWS-managed key counts as not enabled for this purpose (`misconfigured`):
 * the seed asks for a customer-managed key with a least-privilege policy.
 */
export async function probeKmsKey(
  kms: KMSClient | undefined,
  opts: { keyArn: string | undefined; timeoutMs: number },
): Promise<KmsProbeResult> {
  if (opts.keyArn === undefined || kms === undefined)
    return { kmsKeyEnabled: NOT_CONFIGURED, kmsKeyRotation: NOT_CONFIGURED, acceptedKeys: new Set() };
  const acceptedKeys = new Set([normalizeKeyRef(opts.keyArn)]);
  let keyId: string;
  try {
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: opts.keyArn }), probeTimeout(opts.timeoutMs))).KeyMetadata;
    if (meta?.KeyId === undefined)
      return { kmsKeyEnabled: probeFailed('not_found'), kmsKeyRotation: probeFailed('not_found'), acceptedKeys };
    keyId = meta.KeyId;
    acceptedKeys.add(normalizeKeyRef(keyId));
    if (meta.Arn !== undefined) acceptedKeys.add(normalizeKeyRef(meta.Arn));
    const enabled = meta.KeyState === 'Enabled' && meta.Enabled === true && meta.KeyManager === 'CUSTOMER';
    if (!enabled) return { kmsKeyEnabled: probeFailed('misconfigured'), kmsKeyRotation: probeFailed('misconfigured'), acceptedKeys };
  } catch (err) {
    const failed = probeFailed(classifyAwsError(err));
    return { kmsKeyEnabled: failed, kmsKeyRotation: failed, acceptedKeys };
  }
  try {
    const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }), probeTimeout(opts.timeoutMs));
    return {
      kmsKeyEnabled: PROBE_OK,
      kmsKeyRotation: rotation.KeyRotationEnabled === true ? PROBE_OK : probeFailed('misconfigured'),
      acceptedKeys,
    };
  } catch (err) {
    return { kmsKeyEnabled: PROBE_OK, kmsKeyRotation: probeFailed(classifyAwsError(err)), acceptedKeys };
  }
}

import {
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AuditCheckpointSchema, type AuditCheckpoint } from '@medicdraft/contracts';
import { ConflictError } from '@medicdraft/platform';
import { sameHead, witnessKey, type CheckpointWitness } from './checkpoint-witness.js';

export interface S3WitnessOptions {
  bucket: string;
  /** Retention of each checkpoint object in COMPLIANCE mode (nobody, root included, can shorten it). */
  retentionDays: number;
  client?: S3Client;
  aws?: { region?: string | undefined; endpoint?: string | undefined };
  now?: () => Date;
}

/**
 * Witness in an S3 bucket with Object Lock (versioned). Each checkpoint is one object put with
 * COMPLIANCE retention, so no principal can delete that version before it expires. S3 still lets a
 * writer put a newer version under the same key, so `list` reads the oldest version of each key:
 * an overwrite cannot hide the first anchor (and verify reports the difference).
 */
export function createS3ObjectLockWitness(opts: S3WitnessOptions): CheckpointWitness & { client: S3Client } {
  const client =
    opts.client ??
    new S3Client({
      forcePathStyle: true,
      ...(opts.aws?.region ? { region: opts.aws.region } : {}),
      ...(opts.aws?.endpoint ? { endpoint: opts.aws.endpoint } : {}),
    });
  const now = opts.now ?? (() => new Date());
  const firstVersions = async (prefix: string) => {
    const oldest = new Map<string, { versionId: string; at: number }>();
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await client.send(
        new ListObjectVersionsCommand({ Bucket: opts.bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
      );
      for (const v of page.Versions ?? []) {
        if (!v.Key || !v.VersionId) continue;
        const at = v.LastModified?.getTime() ?? 0;
        const seen = oldest.get(v.Key);
        // Versions of a key are listed newest first; on equal times the later-listed one is older.
        if (!seen || at <= seen.at) oldest.set(v.Key, { versionId: v.VersionId, at });
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
    return oldest;
  };
  const read = async (key: string, versionId?: string): Promise<AuditCheckpoint> => {
    const res = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
    return AuditCheckpointSchema.parse(JSON.parse((await res.Body?.transformToString('utf8')) ?? ''));
  };
  return {
    name: `s3://${opts.bucket}`,
    client,
    async record(cp) {
      const key = witnessKey(cp.tenantId, cp.treeSize);
      const existing = (await firstVersions(key)).get(key);
      if (existing) {
        if (!sameHead(await read(key, existing.versionId), cp))
          throw new ConflictError(`witness already holds another checkpoint at ${key}`);
        return;
      }
      await client.send(
        new PutObjectCommand({
          Bucket: opts.bucket,
          Key: key,
          Body: JSON.stringify(cp),
          ContentType: 'application/json',
          ObjectLockMode: 'COMPLIANCE',
          ObjectLockRetainUntilDate: new Date(now().getTime() + opts.retentionDays * 86_400_000),
          ChecksumAlgorithm: 'SHA256',
        }),
      );
    },
    async list(tenantId) {
      const versions = await firstVersions(`checkpoints/${tenantId}/`);
      const out = await Promise.all([...versions].map(([key, v]) => read(key, v.versionId)));
      return out.sort((a, b) => a.treeSize - b.treeSize);
    },
  };
}

/** The bucket's Object Lock default, for the readiness gate and `verify`'s summary. */
export async function readObjectLock(client: S3Client, bucket: string): Promise<{ enabled: boolean; mode?: string; days?: number }> {
  const res = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
  const rule = res.ObjectLockConfiguration?.Rule?.DefaultRetention;
  const days = rule?.Days ?? (rule?.Years === undefined ? undefined : rule.Years * 365);
  return {
    enabled: res.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled',
    ...(rule?.Mode ? { mode: rule.Mode } : {}),
    ...(days === undefined ? {} : { days }),
  };
}

import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { pipeline, Readable } from 'node:stream';
import type { BucketRole, ObjectRef, ObjectStore, StoredObject } from './object-store.port.js';
import { assertBucketRole, assertTenantObjectRef, tenantListPrefix } from './object-key-guard.js';
import { createPlaintextMeter, toBodyStream } from './plaintext-meter.js';
import { AppError, DependencyUnavailableError, NotFoundError } from '../errors.js';

export interface S3ObjectStoreOptions {
  client: S3Client;
  buckets: Record<BucketRole, string>;
  /** KMS key (id or ARN) for SSE-KMS; the encryption context is always `{ tenantId }`. */
  kmsKeyId: string;
  /** Multipart part size (default 5 MiB, S3's minimum) and parallel parts; memory ≈ size × queue. */
  partSize?: number;
  queueSize?: number;
}

const MISSING = new Set(['NoSuchKey', 'NotFound']);

function mapS3Error(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = (err as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && MISSING.has(name)) return new NotFoundError('object not found');
  // Network, throttling, missing bucket or permission: storage is unusable until fixed; retry later.
  return new DependencyUnavailableError('s3', err);
}

/**
 * S3 object store with SSE-KMS under the configured key and context `{ tenantId }`. Bodies stream
 * through a metering pass-through into a multipart upload; when the meter trips `maxBytes` the
 * upload fails and lib-storage aborts the multipart upload, so no object or part remains.
 */
export function createS3ObjectStore(opts: S3ObjectStoreOptions): ObjectStore {
  const { client, buckets, kmsKeyId } = opts;
  const target = (ref: ObjectRef) => {
    assertTenantObjectRef(ref);
    return { Bucket: buckets[ref.bucket], Key: ref.key };
  };

  return {
    async put(ref, body, putOpts): Promise<StoredObject> {
      const where = target(ref);
      const meter = createPlaintextMeter(putOpts?.maxBytes);
      const source = toBodyStream(body);
      // Errors on either side destroy both; the upload then sees the meter's error.
      pipeline(source, meter.stream, () => undefined);
      const upload = new Upload({
        client,
        partSize: opts.partSize ?? 5 * 1024 * 1024,
        queueSize: opts.queueSize ?? 2,
        leavePartsOnError: false,
        params: {
          ...where,
          Body: meter.stream,
          ContentType: putOpts?.contentType,
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: kmsKeyId,
          SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ tenantId: ref.tenantId })).toString('base64'),
        },
      });
      try {
        await upload.done();
        return meter.result();
      } catch (err) {
        meter.stream.destroy();
        throw mapS3Error(err);
      }
    },

    async get(ref): Promise<Readable> {
      try {
        const out = await client.send(new GetObjectCommand(target(ref)));
        if (!(out.Body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream body');
        return out.Body;
      } catch (err) {
        throw mapS3Error(err);
      }
    },

    async exists(ref): Promise<boolean> {
      try {
        await client.send(new HeadObjectCommand(target(ref)));
        return true;
      } catch (err) {
        const mapped = mapS3Error(err);
        if (mapped instanceof NotFoundError) return false;
        throw mapped;
      }
    },

    async delete(ref): Promise<void> {
      try {
        await client.send(new DeleteObjectCommand(target(ref)));
      } catch (err) {
        throw mapS3Error(err);
      }
    },

    async list(tenantId: string, bucket: BucketRole, prefix?: string): Promise<string[]> {
      assertBucketRole(bucket);
      const fullPrefix = tenantListPrefix(tenantId, prefix);
      const keys: string[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: buckets[bucket], Prefix: fullPrefix, ContinuationToken: token }),
          );
          for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
      } catch (err) {
        throw mapS3Error(err);
      }
      return keys.sort();
    },
  };
}

import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createS3ObjectStore } from '@medicdraft/platform/s3';
import { stackConfig } from '@medicdraft/platform/testing';
import { Upload } from '@tus/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjectUploadSpool } from './object-upload-spool.js';
import { CONTRACT_TENANTS, describeUploadSpoolContract } from './upload-spool.contract.js';
import { uploadIdOf } from './upload-spool.port.js';

const run = randomUUID().slice(0, 8);
const buckets = { input: `md-spool-in-${run}`, output: `md-spool-out-${run}` };
const s3 = new S3Client({ ...stackConfig.aws, forcePathStyle: true });
const kms = new KMSClient(stackConfig.aws);
let kmsKeyId = '';

beforeAll(async () => {
  kmsKeyId = (await kms.send(new CreateKeyCommand({ Description: 'medicdraft upload spool int test' }))).KeyMetadata?.Arn ?? '';
  await s3.send(new CreateBucketCommand({ Bucket: buckets.input }));
  await s3.send(new CreateBucketCommand({ Bucket: buckets.output }));
});
afterAll(() => {
  s3.destroy();
  kms.destroy();
});

const objects = () => createS3ObjectStore({ client: s3, buckets, kmsKeyId });

let backings = 0;
// Fresh buckets per test: the expiry sweep must see only that test's uploads.
describeUploadSpoolContract('object store (S3 on moto, SSE-KMS)', async () => {
  const own = { input: `${buckets.input}-${++backings}`, output: buckets.output };
  await s3.send(new CreateBucketCommand({ Bucket: own.input }));
  const store = createS3ObjectStore({ client: s3, buckets: own, kmsKeyId });
  return {
    instance: (now, expiryMs) =>
      createObjectUploadSpool({ objects: store, expiryMs, now, tenants: async () => CONTRACT_TENANTS, partBytes: 1500 }),
    close: async () => undefined,
  };
});

describe('object upload spool on S3', () => {
  it("spools into the tenant's prefix of the input bucket, every object SSE-KMS under the key with the tenant as context", async () => {
    const spool = createObjectUploadSpool({ objects: objects(), expiryMs: 60_000, tenants: async () => [] });
    const uploadId = randomUUID();
    const u = await spool.create(new Upload({ id: uploadIdOf('south-metro-fire', uploadId)!, size: 4000, offset: 0 }));
    await spool.write(Readable.from([Buffer.alloc(2500, 7)]), u.id, 0);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: buckets.input, Prefix: `south-metro-fire/upload-spool/${uploadId}/` }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!);
    expect(keys.length).toBe(2);
    for (const Key of keys) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: buckets.input, Key }));
      expect(head.ServerSideEncryption).toBe('aws:kms');
      expect(head.SSEKMSKeyId).toBe(kmsKeyId);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeObjectStoreContract, patternedBytes, sha256Of } from './object-store.contract.js';
import { createS3ObjectStore } from './s3-object-store.js';
import type { ObjectRef, ObjectStore } from './object-store.port.js';
import { DependencyUnavailableError, PayloadTooLargeError } from '../errors.js';
import { stackConfig } from '../testing/stack-config.js';

const run = randomUUID().slice(0, 8);
const buckets = { input: `md-int-input-${run}`, output: `md-int-output-${run}` };
const s3 = new S3Client({ ...stackConfig.aws, forcePathStyle: true });
const kms = new KMSClient(stackConfig.aws);
let kmsKeyId = '';

beforeAll(async () => {
  kmsKeyId = (await kms.send(new CreateKeyCommand({ Description: 'medicdraft s3 int test' }))).KeyMetadata?.Arn ?? '';
  await s3.send(new CreateBucketCommand({ Bucket: buckets.input }));
  await s3.send(new CreateBucketCommand({ Bucket: buckets.output }));
});
afterAll(() => {
  s3.destroy();
  kms.destroy();
});

const createStore = (): ObjectStore => createS3ObjectStore({ client: s3, buckets, kmsKeyId });

describeObjectStoreContract('s3 (moto)', createStore);

describe('createS3ObjectStore', () => {
  const ref = (rest: string): ObjectRef => ({ tenantId: `t-${run}`, bucket: 'input', key: `t-${run}/${rest}` });

  it('stores objects with SSE-KMS under the configured key and the tenant context', async () => {
    await createStore().put(ref('sse/a.txt'), Buffer.from('hello'), { contentType: 'text/plain' });
    const head = await s3.send(new HeadObjectCommand({ Bucket: buckets.input, Key: ref('sse/a.txt').key }));
    expect(head.ServerSideEncryption).toBe('aws:kms');
    expect(head.SSEKMSKeyId).toBe(kmsKeyId);
    expect(head.ContentType).toBe('text/plain');
  });

  it('streams a multipart upload (11 MiB, three parts) and reads it back', async () => {
    const size = 11 * 1024 * 1024;
    const stored = await createStore().put(ref('multipart/big.bin'), Readable.from(patternedBytes(size, 11)));
    expect(stored).toEqual(sha256Of(patternedBytes(size, 11)));
    expect(sha256Of([await buffer(await createStore().get(ref('multipart/big.bin')))])).toEqual(stored);
    const head = await s3.send(new HeadObjectCommand({ Bucket: buckets.input, Key: ref('multipart/big.bin').key }));
    expect(head.SSEKMSKeyId).toBe(kmsKeyId);
  });

  it('aborts an oversized multipart upload, leaving neither object nor parts', async () => {
    const store = createStore();
    const r = ref('multipart/too-big.bin');
    const put = store.put(r, Readable.from(patternedBytes(13 * 1024 * 1024, 13)), { maxBytes: 11 * 1024 * 1024 });
    await expect(put).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await store.exists(r)).toBe(false);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: buckets.input, Prefix: r.key }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });

  it('reports an unreachable S3 as DependencyUnavailableError', async () => {
    const down = new S3Client({ ...stackConfig.aws, endpoint: 'http://127.0.0.1:1', forcePathStyle: true, maxAttempts: 1 });
    const store = createS3ObjectStore({ client: down, buckets, kmsKeyId });
    await expect(store.put(ref('down/x.txt'), Buffer.from('x'))).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(store.get(ref('down/x.txt'))).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(store.list(`t-${run}`, 'input')).rejects.toBeInstanceOf(DependencyUnavailableError);
    down.destroy();
  });
});

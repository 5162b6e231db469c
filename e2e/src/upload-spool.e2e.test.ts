import { createHash } from 'node:crypto';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { noiseWav } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AwsDrill } from './aws-fixtures.js';
import { startDrill, type Drill } from './drill.js';
import { startGatePublisher } from './gate-publisher.js';
import { signInDemoUser, type GatewaySession } from './gateway-session.js';
import type { ServiceProcess } from './service-process.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const TUS = { 'tus-resumable': '1.0.0' };

/**
 * The resumable-upload spool shared by gateway instances: two gateway processes on one stack (one
 * database, one Redis, one set of buckets) behind no sticky routing. A recording's upload starts
 * through the first instance and finishes through the second; what waits in between is in the
 * tenant's prefix of the input bucket, SSE-KMS encrypted, and gone once ingest has the dictation.
 */
describe('the upload spool across gateway instances', { timeout: 180_000 }, () => {
  let drill: Drill;
  let aws: AwsDrill;
  let first: ServiceProcess;
  let second: ServiceProcess;
  let provider: GatewaySession;

  beforeAll(async () => {
    drill = await startDrill('spool');
    aws = await drill.aws({ inProgressMs: 300 });
    // PHI mode (a non-synthetic recording) from a stand-in readiness; the gates themselves are other drills' subject.
    const gate = startGatePublisher(drill.bus, drill.tenantId, 'enabled');
    drill.defer(() => gate.stop());
    const ingest = await drill.start('ingest', aws.env);
    const gatewayEnv = {
      ...aws.env,
      INGEST_INTERNAL_URL: ingest.url,
      DEMO_TENANT_ID: drill.tenantId,
      DEMO_TENANT_NAME: 'Spool Drill EMS',
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    // One after the other: the first creates the schema and the demo users, the second finds them.
    first = await drill.start('gateway', gatewayEnv);
    second = await drill.start('gateway', gatewayEnv);
    provider = await signInDemoUser(first, drill.tenantId, 'provider');
  });
  afterAll(async () => {
    await drill?.close();
  });

  it('starts an upload through one instance and finishes it through the other; the spooled bytes are SSE-KMS encrypted', async () => {
    const audio = noiseWav(1_000, 16_000);
    const declared = sha256(audio);
    const onFirst = provider.via(first.url);
    const onSecond = provider.via(second.url);
    const created = await vi.waitFor(
      async () => {
        const res = await onFirst('/dictation-uploads', {
          method: 'POST',
          headers: {
            ...TUS,
            'upload-length': String(audio.length),
            'upload-metadata': `sha256 ${Buffer.from(declared).toString('base64')}`,
          },
        });
        // 423 until the gateway's gate view has the stand-in's PHI-mode state.
        expect(res.status).toBe(201);
        return res;
      },
      { timeout: 30_000, interval: 250 },
    );
    const location = created.headers.get('location')!;
    const uploadId = location.split('/').at(-1)!;
    const path = `/dictation-uploads/${uploadId}`;
    const half = Math.floor(audio.length / 2);
    const patch = (via: typeof onFirst, offset: number, bytes: Buffer) =>
      via(path, {
        method: 'PATCH',
        headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        body: bytes,
      });
    const part = await patch(onFirst, 0, audio.subarray(0, half));
    expect(part.status).toBe(204);
    expect(part.headers.get('upload-offset')).toBe(String(half));

    // What waits is in the tenant's prefix of the input bucket, encrypted under the deployment's key.
    const bucket = aws.env['AWS_HEALTHSCRIBE_INPUT_BUCKET']!;
    const prefix = `${drill.tenantId}/upload-spool/${uploadId}/`;
    const spooled = async () =>
      ((await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort();
    const keys = await spooled();
    expect(keys).toEqual([`${prefix}part-${'0'.padStart(13, '0')}-${String(half).padStart(13, '0')}`, `${prefix}upload.json`]);
    for (const Key of keys) {
      const head = await aws.s3.send(new HeadObjectCommand({ Bucket: bucket, Key }));
      expect(head.ServerSideEncryption, Key).toBe('aws:kms');
      expect(head.SSEKMSKeyId, Key).toBe(aws.env['AWS_HEALTHSCRIBE_KMS_KEY_ARN']);
    }

    // The second instance knows the upload and where it stands, and takes the rest.
    const offset = await onSecond(path, { method: 'HEAD', headers: TUS });
    expect(offset.status).toBe(200);
    expect(offset.headers.get('upload-offset')).toBe(String(half));
    const done = await patch(onSecond, half, audio.subarray(half));
    expect(done.status).toBe(200);
    const dictation = (await done.json()) as { dictationId: string; sha256: string; sizeBytes: number; synthetic: boolean };
    expect(dictation).toMatchObject({ sha256: declared, sizeBytes: audio.length, synthetic: false });

    // The first instance answers the same dictation for the upload; the bytes left the spool.
    const status = await onFirst(path, { headers: TUS });
    expect(await status.json()).toMatchObject({ offset: audio.length, dictationId: dictation.dictationId });
    expect(await spooled()).toEqual([`${prefix}upload.json`]);
    const listed = (await (await provider.api('/dictations')).json()) as { dictations: { dictationId: string; sha256: string }[] };
    expect(listed.dictations.filter((d) => d.sha256 === declared).map((d) => d.dictationId)).toEqual([dictation.dictationId]);
  });
});

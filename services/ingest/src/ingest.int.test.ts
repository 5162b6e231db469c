import { createHash, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { decodeEvent, TOPIC } from '@medicdraft/contracts';
import { createHttpApp } from '@medicdraft/platform/http';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createLogger, createMetrics, type ConsumedRecord, type AdminDatabase, type EventBus } from '@medicdraft/platform';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createS3ObjectStore } from '@medicdraft/platform/s3';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INGEST_ROLE, INGEST_SCHEMA } from './ingest-migrations.js';
import { startIngestService, type IngestService } from './service.js';
import { wavPcm } from './testing/audio-fixtures.js';
import { gateState } from './testing/ingest-harness.js';

// The stack: Postgres (fresh database), Kafka (the real gate topic and dictation topics, unique
// tenant and group), moto S3 + KMS (fresh buckets and key). The service's HTTP API is exercised
// over a real socket, so the streaming body path is the one production uses.
const run = randomUUID().slice(0, 8);
const TENANT = `ingest-int-${run}`;
const PROVIDER = randomUUID();
const MAX_AUDIO = 64 * 1024;
const buckets = { input: `md-ingest-in-${run}`, output: `md-ingest-out-${run}` };
const logger = createLogger({ service: 'ingest-int', level: 'silent' });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const s3 = new S3Client({ ...stackConfig.aws, forcePathStyle: true });
const kms = new KMSClient(stackConfig.aws);
/** Encryption-context headers the service sent to S3 (moto does not echo the context back). */
const sentContexts: string[] = [];
s3.middlewareStack.add(
  (next) => async (args) => {
    const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
    const context = headers['x-amz-server-side-encryption-context'];
    if (context !== undefined) sentContexts.push(Buffer.from(context, 'base64').toString('utf8'));
    return next(args);
  },
  { step: 'finalizeRequest', name: 'captureEncryptionContext' },
);

let kmsKeyId = '';
let testDb: PgTestDatabase;
let db: AdminDatabase;
let bus: EventBus;
let service: IngestService;
let app: FastifyInstance;
let baseUrl = '';
const created: ConsumedRecord[] = [];
/** A POST with a chunked body written piece by piece, as a client streaming a recording would. */
function postChunked(path: string, chunks: Buffer[], headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers } });
    let answered = false;
    req.on('response', async (res) => {
      answered = true;
      resolve({ status: res.statusCode ?? 0, body: (await buffer(res)).toString('utf8') });
    });
    // Once the server has answered (e.g. 413 mid-body), further writes may fail: that is expected.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    void (async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })();
  });
}

beforeAll(async () => {
  kmsKeyId = (await kms.send(new CreateKeyCommand({ Description: `medicdraft ingest int ${run}` }))).KeyMetadata?.Arn ?? '';
  await s3.send(new CreateBucketCommand({ Bucket: buckets.input }));
  await s3.send(new CreateBucketCommand({ Bucket: buckets.output }));
  testDb = await createPgTestDatabase(stackConfig.postgres.url);
  db = createPgDatabase({ url: testDb.url, schema: INGEST_SCHEMA, role: INGEST_ROLE, logger });
  bus = createKafkaEventBus({ ...stackConfig.kafka, clientId: `ingest-int-${run}` });
  service = await startIngestService({
    bus,
    db,
    logger,
    partitions: 6,
    objects: createS3ObjectStore({ client: s3, buckets, kmsKeyId }),
    limits: { maxAudioBytes: MAX_AUDIO, maxTextBytes: 4096, dedupeWindowMs: 60_000 },
  });
  await bus.subscribe({
    groupId: `ingest-int-events-${run}`,
    topics: [TOPIC.DICTATION_AUDIO_CREATED, TOPIC.DICTATION_TEXT_CREATED],
    fromBeginning: true,
    handler: async (r) => {
      if (r.value.includes(TENANT)) created.push(r);
      return { action: 'done' };
    },
  });
  app = createHttpApp({ logger, metrics: createMetrics('ingest-int'), ops: { checks: () => service.checks, accepting: () => true } });
  await service.routes?.(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The tenant's gate goes through Kafka, as readiness would publish it.
  await bus.publish([{ topic: TOPIC.READINESS_GATE_STATE, key: TENANT, value: JSON.stringify(gateState(TENANT, { phiMode: 'enabled' })) }]);
});

afterAll(async () => {
  await app?.close();
  await service?.stop();
  await bus?.close();
  await db?.close();
  await testDb?.drop();
  s3.destroy();
  kms.destroy();
});

describe('ingest on the stack (Postgres, Kafka, moto S3 + KMS)', () => {
  it(
    'streams a WAV into the input bucket with SSE-KMS and the tenant context, records it and emits dictation.audio.created ' + 'on Kafka',
    async () => {
      const wav = wavPcm({ seconds: 1.5 });
      const chunks = Array.from({ length: Math.ceil(wav.length / 4096) }, (_, i) => wav.subarray(i * 4096, (i + 1) * 4096));
      const res = await vi.waitFor(
        async () => {
          const r = await postChunked(`/internal/v1/tenants/${TENANT}/dictations/audio`, chunks, {
            'x-provider-id': PROVIDER,
            'x-actor-role': 'provider',
          });
          expect(r.status).toBe(201);
          return r;
        },
        { timeout: 45_000, interval: 100 },
      );
      expect(res.status).toBe(201);
      const body = JSON.parse(res.body) as { dictationId: string; sha256: string; sizeBytes: number; format: string };
      expect(body).toMatchObject({ format: 'wav', sizeBytes: wav.length, sha256: sha256(wav) });

      const listed = await s3.send(new ListObjectsV2Command({ Bucket: buckets.input, Prefix: `${TENANT}/` }));
      const keys = (listed.Contents ?? []).map((o) => o.Key);
      expect(keys).toHaveLength(1);
      const key = keys[0]!;
      expect(key).toMatch(new RegExp(`^${TENANT}/\\d{4}/\\d{2}/\\d{2}/${body.dictationId}/audio\\.wav$`));
      const head = await s3.send(new HeadObjectCommand({ Bucket: buckets.input, Key: key }));
      expect(head.ServerSideEncryption).toBe('aws:kms');
      expect(head.SSEKMSKeyId).toBe(kmsKeyId);
      expect(head.ContentType).toBe('audio/wav');
      expect(sentContexts.map((c) => JSON.parse(c) as unknown)).toContainEqual({ tenantId: TENANT });
      const stored = await buffer((await s3.send(new GetObjectCommand({ Bucket: buckets.input, Key: key }))).Body as NodeJS.ReadableStream);
      expect(sha256(stored)).toBe(sha256(wav));

      const row = await db.withTenant(
        TENANT,
        async (tx) =>
          (
            await tx.query<{ object_key: string; sha256: string; format: string }>(
              'SELECT object_key, sha256, format FROM dictations WHERE id = $1',
              [body.dictationId],
            )
          ).rows,
      );
      expect(row).toEqual([{ object_key: key, sha256: sha256(wav), format: 'wav' }]);

      const records = await vi.waitFor(
        async () => {
          const value = await created.filter((r) => r.key === body.dictationId);
          expect(value.length).toBeGreaterThan(0);
          return value;
        },
        { timeout: 45_000, interval: 100 },
      );
      expect(records).toHaveLength(1);
      expect(records[0]?.topic).toBe(TOPIC.DICTATION_AUDIO_CREATED);
      const event = decodeEvent(records[0]!.value, TOPIC.DICTATION_AUDIO_CREATED);
      expect(event.ok && event.value.payload).toEqual({
        dictationId: body.dictationId,
        providerId: PROVIDER,
        objectRef: { bucket: 'input', key },
        sha256: sha256(wav),
        sizeBytes: wav.length,
        mediaFormat: 'wav',
        durationMs: 1500,
      });
      // Logical bucket only: the physical bucket name never travels in events.
      expect(records[0]!.value).not.toContain(buckets.input);

      // The same recording sent again: the stored dictation answers, its second copy is removed from
      // the bucket, and no second dictation.audio.created reaches Kafka (so no second HealthScribe job).
      const again = await postChunked(`/internal/v1/tenants/${TENANT}/dictations/audio`, chunks, {
        'x-provider-id': PROVIDER,
        'x-actor-role': 'provider',
      });
      expect(again.status).toBe(201);
      expect(JSON.parse(again.body)).toMatchObject({ dictationId: body.dictationId, deduplicated: true });
      const after = await s3.send(new ListObjectsV2Command({ Bucket: buckets.input, Prefix: `${TENANT}/` }));
      expect((after.Contents ?? []).map((o) => o.Key)).toEqual([key]);
      const { rows: outbox } = await db.withTenant(TENANT, (tx) =>
        tx.query<{ topic: string }>('SELECT topic FROM outbox WHERE key = $1', [body.dictationId]),
      );
      expect(outbox).toHaveLength(1);
    },
  );

  it('answers 413 over a real connection to an oversized stream and leaves no object, part or row', async () => {
    const big = Buffer.alloc(16 * 1024, 1);
    const chunks = [wavPcm({ seconds: 0.1 }), ...Array.from({ length: 64 }, () => big)];
    const res = await postChunked(`/internal/v1/tenants/${TENANT}/dictations/audio`, chunks, { 'x-provider-id': PROVIDER });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'payload_too_large' });
    const count = await db.withTenant(
      TENANT,
      async (tx) =>
        (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM dictations WHERE size_bytes > $1', [MAX_AUDIO])).rows[0]?.n,
    );
    expect(count).toBe(0);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: buckets.input, Prefix: `${TENANT}/` }));
    expect(uploads.Uploads ?? []).toEqual([]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: buckets.input, Prefix: `${TENANT}/` }));
    const rows = await db.withTenant(
      TENANT,
      async (tx) => (await tx.query<{ object_key: string }>('SELECT object_key FROM dictations')).rows,
    );
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(rows.map((r) => r.object_key).sort());
  });

  it('stores a synthetic text dictation in S3 and emits dictation.text.created without the text', async () => {
    const text = `Medic 7 responded to a fall. CANARY-${run} alert and oriented.`;
    const res = await fetch(`${baseUrl}/internal/v1/tenants/${TENANT}/dictations/text`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-provider-id': PROVIDER },
      body: JSON.stringify({ text, synthetic: true }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { dictationId: string };
    const records = await vi.waitFor(
      async () => {
        const value = await created.filter((r) => r.key === body.dictationId);
        expect(value.length).toBeGreaterThan(0);
        return value;
      },
      { timeout: 45_000, interval: 100 },
    );
    expect(records[0]?.topic).toBe(TOPIC.DICTATION_TEXT_CREATED);
    expect(records[0]!.value).not.toContain('CANARY');
    const event = decodeEvent(records[0]!.value, TOPIC.DICTATION_TEXT_CREATED);
    const key = event.ok ? event.value.payload.objectRef.key : '';
    expect(key).toMatch(new RegExp(`/${body.dictationId}/text\\.txt$`));
    const stored = await buffer((await s3.send(new GetObjectCommand({ Bucket: buckets.input, Key: key }))).Body as NodeJS.ReadableStream);
    expect(stored.toString('utf8')).toBe(text);
  });
});

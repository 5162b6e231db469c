import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { decodeEvent, TOPIC } from '@medicdraft/contracts';
import type { AdminDatabase } from '@medicdraft/platform';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIO_SAMPLES, UNSUPPORTED_SAMPLES, wavOfSize, wavPcm } from './testing/audio-fixtures.js';
import { gateState, startIngestHarness, type IngestHarness } from './testing/ingest-harness.js';

const PROVIDER = '6f1c3b1e-2d4a-4c5b-9e8f-0a1b2c3d4e5f';
const CANARY = 'CANARY-PATIENT-Jane-Q-Public-DOB-1961-04-02';
const LIMITS = { maxAudioBytes: 256 * 1024, maxTextBytes: 1024 };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// One service for most tests (PGlite boots are slow); each test works in a tenant of its own.
let shared: IngestHarness;
let h: IngestHarness;
let TENANT: string;
let own: IngestHarness | undefined;
beforeAll(async () => {
  shared = await startIngestHarness({ limits: LIMITS });
});
afterAll(async () => shared?.close());
beforeEach(() => {
  h = shared;
  TENANT = `t-${randomUUID().slice(0, 8)}`;
});
afterEach(async () => {
  await own?.close();
  own = undefined;
});
/** A harness of the test's own (fault injection, gate subscription). */
async function ownHarness(opts: Parameters<typeof startIngestHarness>[0]) {
  own = await startIngestHarness({ limits: LIMITS, ...opts });
  h = own;
  return own;
}

const audioUrl = () => `/internal/v1/tenants/${TENANT}/dictations/audio`;
const textUrl = () => `/internal/v1/tenants/${TENANT}/dictations/text`;
const postAudio = (payload: Buffer | Readable, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url: audioUrl(),
    headers: { 'content-type': 'application/octet-stream', 'x-provider-id': PROVIDER, ...headers },
    payload,
  });
const postText = (body: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: textUrl(), headers: { 'x-provider-id': PROVIDER, ...headers }, payload: body as object });

const tenantEvents = () => h.events.filter((e) => (JSON.parse(e.value) as { tenantId: string }).tenantId === TENANT);
const rowCount = async () =>
  h.db().withTenant(TENANT, async (tx) => (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM dictations')).rows[0]?.n);
const tmpLeft = async () => (await readdir(join(h.objectsDir, '.tmp')).catch(() => [])).length;

/** Nothing of a refused upload remains: no object, no temp file, no row, no event. */
async function expectNothingStored() {
  expect(await h.objects.list(TENANT, 'input')).toEqual([]);
  expect(await tmpLeft()).toBe(0);
  expect(await rowCount()).toBe(0);
  await new Promise((r) => setTimeout(r, 30));
  expect(tenantEvents()).toEqual([]);
}

describe('audio intake: format from the leading bytes', () => {
  it.each(AUDIO_SAMPLES)('accepts $name as $format, stores it at the dictation key and emits refs and digests only', async (sample) => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    // The declared type is deliberately wrong: only the bytes decide.
    const res = await postAudio(sample.bytes, { 'content-type': 'text/plain', 'x-actor-role': 'provider' });
    expect(res.statusCode).toBe(201);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      providerId: PROVIDER,
      kind: 'audio',
      format: sample.format,
      synthetic: false,
      status: 'received',
      sizeBytes: sample.bytes.length,
      sha256: sha256(sample.bytes),
    });
    expect(JSON.stringify(body)).not.toMatch(/input|audio\.|\//);

    const id = body['dictationId'] as string;
    const [key] = await h.objects.list(TENANT, 'input');
    expect(key).toMatch(new RegExp(`^${TENANT}/\\d{4}/\\d{2}/\\d{2}/${id}/audio\\.${sample.ext}$`));
    const stored = await buffer(await h.objects.get({ tenantId: TENANT, bucket: 'input', key: key! }));
    expect(stored.equals(sample.bytes)).toBe(true);

    const [record] = await vi.waitFor(
      async () => {
        const e = await tenantEvents();
        expect(e.length).toBe(1);
        return e;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(record?.topic).toBe(TOPIC.DICTATION_AUDIO_CREATED);
    expect(record?.key).toBe(id);
    const event = decodeEvent(record!.value, TOPIC.DICTATION_AUDIO_CREATED);
    expect(event.ok).toBe(true);
    if (!event.ok) return;
    expect(event.value).toMatchObject({ tenantId: TENANT, correlationId: id, actor: { type: 'user', id: PROVIDER, role: 'provider' } });
    expect(event.value.payload).toEqual({
      dictationId: id,
      providerId: PROVIDER,
      objectRef: { bucket: 'input', key },
      sha256: sha256(sample.bytes),
      sizeBytes: sample.bytes.length,
      mediaFormat: sample.format,
      // The playing time is read from PCM WAV headers only (audio-duration.unit.test.ts checks the value).
      ...(sample.format === 'wav' ? { durationMs: expect.any(Number) } : {}),
    });
  });

  it.each(UNSUPPORTED_SAMPLES)('refuses $name with 415 and stores nothing', async (sample) => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    const res = await postAudio(sample.bytes, { 'content-type': 'audio/wav' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ error: 'unsupported_media_type', message: expect.any(String) });
    expect(res.body).not.toContain('Patient');
    await expectNothingStored();
  });

  it('refuses an empty body with 400, with or without a content type', async () => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    expect((await postAudio(Buffer.alloc(0))).json()).toMatchObject({ error: 'invalid_request' });
    const bare = await h.app.inject({ method: 'POST', url: audioUrl(), headers: { 'x-provider-id': PROVIDER } });
    expect(bare.statusCode).toBe(400);
    expect((await postAudio(Readable.from([]))).statusCode).toBe(400);
    await expectNothingStored();
  });

  it('refuses a declared Content-Length over the limit with 413 before reading the body', async () => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    let pulled = 0;
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < 10; i++) {
          pulled += 1;
          yield wavPcm().subarray(0, 200);
        }
      })(),
    );
    const res = await postAudio(body, { 'content-length': String(LIMITS.maxAudioBytes + 1) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'payload_too_large' });
    expect(res.headers['connection']).toBe('close');
    expect(pulled).toBe(0);
    await expectNothingStored();
  });

  it('aborts a chunked upload that grows past the limit: 413, the source stops being read, nothing left behind', async () => {
    const limit = LIMITS.maxAudioBytes;
    h.setGate(TENANT, { phiMode: 'enabled' });
    const chunk = 16 * 1024;
    const total = 8 * 1024 * 1024;
    let pulled = 0;
    const head = wavPcm({ seconds: 0.5 });
    const body = Readable.from(
      (function* () {
        yield head;
        pulled += head.length;
        while (pulled < total) {
          pulled += chunk;
          yield Buffer.alloc(chunk, 7);
        }
      })(),
    );
    const res = await postAudio(body);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'payload_too_large' });
    // The store stopped pulling shortly past the limit (stream buffers only): the 8 MiB body was
    // never read, let alone held in memory.
    expect(pulled).toBeGreaterThan(limit);
    expect(pulled).toBeLessThan(limit + 512 * 1024);
    await expectNothingStored();
  });

  it('accepts an upload of exactly the limit, streamed in chunks, with the right sha256', async () => {
    const bytes = wavOfSize(LIMITS.maxAudioBytes);
    expect(bytes.length).toBe(LIMITS.maxAudioBytes);
    h.setGate(TENANT, { phiMode: 'enabled' });
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
    const res = await postAudio(Readable.from(chunks));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ sizeBytes: bytes.length, sha256: sha256(bytes), format: 'wav' });
  });

  it('requires a provider id (uuid) and a valid tenant id', async () => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    expect((await postAudio(wavPcm(), { 'x-provider-id': 'jane@example.org' })).statusCode).toBe(400);
    expect((await postAudio(wavPcm(), { 'x-actor-role': 'superuser' })).statusCode).toBe(400);
    const badTenant = await h.app.inject({
      method: 'POST',
      url: '/internal/v1/tenants/Bad_Tenant/dictations/audio',
      headers: { 'x-provider-id': PROVIDER },
      payload: wavPcm(),
    });
    expect(badTenant.statusCode).toBe(400);
    await expectNothingStored();
  });
});

describe('gates: audio is PHI work, synthetic text is sandbox work, both fail closed', () => {
  it('audio: 423 phi_mode_disabled in the sandbox, 503 pipeline_halted without state or when halted', async () => {
    expect((await postAudio(wavPcm())).json()).toMatchObject({ error: 'pipeline_halted' });
    h.setGate(TENANT, { phiMode: 'disabled' });
    const locked = await postAudio(wavPcm());
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ error: 'phi_mode_disabled' });
    h.setGate(TENANT, { phiMode: 'enabled', halted: true });
    const halted = await postAudio(wavPcm());
    expect(halted.statusCode).toBe(503);
    expect(halted.json()).toMatchObject({ error: 'pipeline_halted' });
    await expectNothingStored();
  });

  it('text: accepted in the sandbox, 503 without state, when expired or when halted', async () => {
    expect((await postText({ text: 'Dispatched to a fall.', synthetic: true })).statusCode).toBe(503);
    h.gates.apply({ ...gateState(TENANT, { phiMode: 'disabled' }), expiresAt: new Date(Date.now() - 1).toISOString() });
    expect((await postText({ text: 'Dispatched to a fall.', synthetic: true })).json()).toMatchObject({ error: 'pipeline_halted' });
    h.setGate(TENANT, { phiMode: 'disabled', halted: true });
    expect((await postText({ text: 'Dispatched to a fall.', synthetic: true })).statusCode).toBe(503);
    await expectNothingStored();
    h.setGate(TENANT, { phiMode: 'disabled' });
    expect((await postText({ text: 'Dispatched to a fall.', synthetic: true })).statusCode).toBe(201);
  });

  it('re-checks the gate after the upload: PHI mode dropping mid-upload leaves nothing behind', async () => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    const bytes = wavPcm({ seconds: 1 });
    const body = Readable.from(
      (function* () {
        yield bytes.subarray(0, 1000);
        h.setGate(TENANT, { phiMode: 'disabled' });
        yield bytes.subarray(1000);
      })(),
    );
    const res = await postAudio(body);
    expect(res.statusCode).toBe(423);
    await expectNothingStored();
  });

  it('follows readiness.gate.state from the bus when no view is injected', async () => {
    await ownHarness({ subscribeGates: true });
    expect((await postText({ text: 'Dispatched to a fall.', synthetic: true })).statusCode).toBe(503);
    const state = gateState(TENANT, { phiMode: 'disabled' });
    await h.bus.publish([{ topic: TOPIC.READINESS_GATE_STATE, key: TENANT, value: JSON.stringify(state) }]);
    const res = await vi.waitFor(
      async () => {
        const r = await postText({ text: 'Dispatched to a fall.', synthetic: true });
        expect(r.statusCode).toBe(201);
        return r;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(res.statusCode).toBe(201);
  });
});

describe('synthetic text intake', () => {
  it('stores the text as an object and emits dictation.text.created without it; the canary never leaves', async () => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    const text = `Medic 12 dispatched to a fall. ${CANARY} found on the floor, alert, GCS 15.`;
    const res = await postText({ text, synthetic: true });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ dictationId: string; sha256: string; sizeBytes: number }>();
    expect(body).toMatchObject({
      kind: 'text',
      format: 'text',
      synthetic: true,
      sizeBytes: Buffer.byteLength(text),
      sha256: sha256(Buffer.from(text)),
    });

    const [key] = await h.objects.list(TENANT, 'input');
    expect(key).toMatch(new RegExp(`^${TENANT}/\\d{4}/\\d{2}/\\d{2}/${body.dictationId}/text\\.txt$`));
    expect((await buffer(await h.objects.get({ tenantId: TENANT, bucket: 'input', key: key! }))).toString('utf8')).toBe(text);

    const [record] = await vi.waitFor(
      async () => {
        const e = await tenantEvents();
        expect(e.length).toBe(1);
        return e;
      },
      { timeout: 5_000, interval: 10 },
    );
    const event = decodeEvent(record!.value, TOPIC.DICTATION_TEXT_CREATED);
    expect(event.ok && event.value.payload).toEqual({
      dictationId: body.dictationId,
      providerId: PROVIDER,
      objectRef: { bucket: 'input', key },
      sha256: body.sha256,
      sizeBytes: body.sizeBytes,
      synthetic: true,
    });

    // The canary is nowhere but in the (encrypted) object: not in the event, the outbox, the
    // response, the logs, nor in plaintext on disk.
    const outbox = await h
      .db()
      .admin(async (tx) => (await tx.query<{ value: string }>('SELECT value FROM ingest.outbox')).rows.map((r) => r.value).join('\n'));
    expect(outbox).toContain(body.dictationId);
    for (const haystack of [record!.value, outbox, res.body, h.logLines.join('\n')]) expect(haystack).not.toContain('CANARY');
    expect(h.logLines.join('\n')).toContain(body.dictationId);
    const onDisk = await readdir(h.objectsDir, { recursive: true });
    expect(onDisk.join('\n')).not.toContain('CANARY');
  });

  it('refuses non-synthetic, empty, unknown-field, non-JSON and over-limit text without echoing it', async () => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    const cases: [unknown, number][] = [
      [{ text: CANARY, synthetic: false }, 400],
      [{ text: CANARY }, 400],
      [{ text: '   ', synthetic: true }, 400],
      [{ text: CANARY, synthetic: true, patient: CANARY }, 400],
      [{ text: `${CANARY} ${'x'.repeat(LIMITS.maxTextBytes)}`, synthetic: true }, 413],
      // 600 characters, 1200 UTF-8 bytes: the limit counts bytes.
      [{ text: 'é'.repeat(600), synthetic: true }, 413],
    ];
    for (const [body, status] of cases) {
      const res = await postText(body);
      expect(res.statusCode).toBe(status);
      expect(res.body).not.toContain('CANARY');
    }
    const huge = await postText({ text: 'x'.repeat(10_000), synthetic: true });
    expect(huge.statusCode).toBe(413);
    const plain = await h.app.inject({
      method: 'POST',
      url: textUrl(),
      headers: { 'x-provider-id': PROVIDER, 'content-type': 'text/plain' },
      payload: CANARY,
    });
    expect(plain.statusCode).toBe(415);
    expect(h.logLines.join('\n')).not.toContain('CANARY');
    await expectNothingStored();
  });
});

describe('object and row stay consistent when the commit fails', () => {
  /** A Database whose next withTenant fails after running the work: before or after COMMIT. */
  function faulty(mode: { failBefore: boolean; failAfter: boolean }) {
    return (db: AdminDatabase): AdminDatabase => ({
      ...db,
      async withTenant(tenantId, fn) {
        if (mode.failBefore) {
          mode.failBefore = false;
          return db.withTenant(tenantId, async (tx) => {
            await fn(tx);
            throw new Error('simulated failure before commit');
          });
        }
        const result = await db.withTenant(tenantId, fn);
        if (mode.failAfter) {
          mode.failAfter = false;
          throw new Error('simulated lost commit acknowledgement');
        }
        return result;
      },
    });
  }

  it('deletes the object when the row and event rolled back (no orphan), with a generic 500', async () => {
    const mode = { failBefore: false, failAfter: false };
    await ownHarness({ wrapDb: faulty(mode) });
    h.setGate(TENANT, { phiMode: 'enabled' });
    mode.failBefore = true;
    const res = await postAudio(wavPcm());
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal', message: 'internal error' });
    await expectNothingStored();
  });

  it('keeps the object when the commit did happen, so the row never points at a missing object', async () => {
    const mode = { failBefore: false, failAfter: false };
    await ownHarness({ wrapDb: faulty(mode) });
    h.setGate(TENANT, { phiMode: 'disabled' });
    mode.failAfter = true;
    expect((await postText({ text: 'Dispatched to a fall.', synthetic: true })).statusCode).toBe(500);
    const rows = await h
      .db()
      .withTenant(TENANT, async (tx) => (await tx.query<{ object_key: string }>('SELECT object_key FROM dictations')).rows);
    expect(rows).toHaveLength(1);
    expect(await h.objects.exists({ tenantId: TENANT, bucket: 'input', key: rows[0]!.object_key })).toBe(true);
  });
});

describe('GET dictation metadata', () => {
  it('returns metadata without content or storage identifiers; 404 for unknown ids, 400 for malformed ones', async () => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    const { deduplicated, ...created } = (await postText({ text: `Dispatched. ${CANARY}`, synthetic: true })).json<{
      dictationId: string;
      deduplicated: boolean;
    }>();
    expect(deduplicated).toBe(false);
    const res = await h.app.inject({ url: `/internal/v1/tenants/${TENANT}/dictations/${created.dictationId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...created, status: 'received' });
    expect(res.body).not.toMatch(/CANARY|input|text\.txt|\/\d{4}\//);
    expect((await h.app.inject({ url: `/internal/v1/tenants/${TENANT}/dictations/${randomUUID()}` })).statusCode).toBe(404);
    expect((await h.app.inject({ url: `/internal/v1/tenants/${TENANT}/dictations/not-a-uuid` })).statusCode).toBe(400);
  });
});

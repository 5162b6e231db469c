import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsObjectStore, createLocalKeyService } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

/** A RIFF/WAVE header (what ingest sniffs) then filler that differs per byte. */
function wav(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 12; i < size; i++) b[i] = (i * 31) % 251;
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(size - 8, 4);
  b.write('WAVE', 8, 'latin1');
  return b;
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const meta = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

describe('resumable dictation uploads (tus): resume, digest, ownership, gates', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let spool: string;
  let provider: SignedIn;
  let provider2: SignedIn;
  let otherTenant: SignedIn;
  const base = (t: string = TENANT_A.id) => `/v1/tenants/${t}/dictation-uploads`;
  const tus = (s: SignedIn, extra: Record<string, string> = {}) => ({
    cookie: s.cookie,
    'x-csrf-token': s.csrf,
    'tus-resumable': '1.0.0',
    ...extra,
  });

  async function create(s: SignedIn, length: number, declared: Record<string, string>) {
    return h.inject({
      method: 'POST',
      url: base(s.tenantId),
      headers: tus(s, { 'upload-length': String(length), 'upload-metadata': meta(declared) }),
    });
  }
  async function patch(s: SignedIn, url: string, offset: number, bytes: Buffer) {
    return h.inject({
      method: 'PATCH',
      url,
      headers: tus(s, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }),
      payload: bytes,
    });
  }
  const head = (s: SignedIn, url: string) => h.inject({ method: 'HEAD', url, headers: tus(s) });

  beforeAll(async () => {
    spool = await mkdtemp(join(tmpdir(), 'gateway-upload-spool-'));
    // The shared spool on the object store's filesystem adapter (S3 on the stack): PHI uploads are taken.
    const objects = createFsObjectStore({
      rootDir: spool,
      keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' }),
    });
    h = await startGatewayHarness({ uploads: { objects }, limits: { maxAudioBytes: 64 * 1024, ratePerMinute: 100_000 } });
    h.openGates('enabled');
    provider = await h.login(TENANT_A.id, 'provider');
    otherTenant = await h.login(TENANT_B.id, 'provider');
    const owner = await h.login(TENANT_A.id, 'owner');
    const made = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${TENANT_A.id}/users`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      payload: { email: 'upload.second@matrix.invalid', role: 'provider' },
    });
    expect(made.statusCode).toBe(201);
    // The second provider enrols through the link mailed to it, which signs it in.
    const login = await h.inject({
      method: 'POST',
      url: '/v1/auth/enrolment/complete',
      payload: { tenant: TENANT_A.id, token: h.mail.at(-1)!.token, password: 'second provider passphrase' },
    });
    expect(login.statusCode).toBe(200);
    provider2 = {
      cookie: `md_session=${login.cookies[0]!.value}`,
      csrf: login.json().csrfToken,
      userId: login.json().user.id,
      role: 'provider',
      tenantId: TENANT_A.id,
    };
  });
  afterAll(async () => {
    await h?.close();
    await rm(spool, { recursive: true, force: true });
  });

  it('resumes from the offset the server reports and answers exactly one dictation with the declared digest', async () => {
    const audio = wav(40_000);
    const created = await create(provider, audio.length, { sha256: sha256(audio) });
    expect(created.statusCode).toBe(201);
    const url = created.headers['location'] as string;
    expect(url).toMatch(new RegExp(`^${base()}/[0-9a-f-]{36}$`));
    expect(created.headers['access-control-allow-origin']).toBeUndefined();

    expect((await patch(provider, url, 0, audio.subarray(0, 15_000))).headers['upload-offset']).toBe('15000');
    // A client that lost the answer and guesses wrong is told the offset is not where it thinks.
    const wrong = await patch(provider, url, 0, audio.subarray(0, 1000));
    expect(wrong.statusCode).toBe(409);
    const offset = await head(provider, url);
    expect(offset.statusCode).toBe(200);
    expect(offset.headers).toMatchObject({ 'upload-offset': '15000', 'upload-length': String(audio.length) });

    const uploadsBefore = h.ingest.stats.uploads;
    const done = await patch(provider, url, 15_000, audio.subarray(15_000));
    expect(done.statusCode).toBe(200);
    const dictation = done.json<{ dictationId: string; sha256: string; sizeBytes: number }>();
    // `deduplicated` is ingest's answer, passed on (true for a resend: the browser test shows it).
    expect(dictation).toMatchObject({
      sha256: sha256(audio),
      sizeBytes: audio.length,
      kind: 'audio',
      synthetic: false,
      deduplicated: false,
    });

    // The answer was lost: the client asks again (or repeats the last request) and gets the same dictation.
    const status = await h.inject({ method: 'GET', url, headers: tus(provider) });
    expect(status.json()).toEqual({
      uploadId: url.split('/').at(-1),
      offset: audio.length,
      length: audio.length,
      dictationId: dictation.dictationId,
    });
    const again = await patch(provider, url, audio.length, Buffer.alloc(0));
    expect(again.json()).toMatchObject({ dictationId: dictation.dictationId });
    // A repeat is not a resend of the recording, and the gateway does not know what ingest answered first.
    expect(again.json()).not.toHaveProperty('deduplicated');
    expect(h.ingest.stats.uploads).toBe(uploadsBefore + 1);
    // Nothing of the audio stays in the spool once ingest has it: only the record naming the dictation.
    const left = await readdir(join(spool, 'input', TENANT_A.id, 'upload-spool', url.split('/').at(-1)!));
    expect(left).toEqual(['upload.json']);
  });

  it('refuses a completed upload whose bytes differ from the declared sha256: 400, nothing accepted, the upload gone', async () => {
    const audio = wav(4096);
    const url = (await create(provider, audio.length, { sha256: sha256(wav(4097)).slice(0, 64) })).headers['location'] as string;
    const uploadsBefore = h.ingest.stats.uploads;
    const refused = await patch(provider, url, 0, audio);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('sha256') });
    expect(h.ingest.stats.uploads).toBe(uploadsBefore);
    expect((await head(provider, url)).statusCode).toBe(404);
  });

  it("answers 404 for another tenant's upload id and another user's upload (audited as not_owner)", async () => {
    const audio = wav(2048);
    const url = (await create(provider, audio.length, { sha256: sha256(audio) })).headers['location'] as string;
    const uploadId = url.split('/').at(-1)!;
    // The other tenant's provider names the id under its own tenant: no such upload there.
    const foreign = `${base(TENANT_B.id)}/${uploadId}`;
    expect((await head(otherTenant, foreign)).statusCode).toBe(404);
    expect((await patch(otherTenant, foreign, 0, audio)).statusCode).toBe(404);
    expect((await h.inject({ method: 'GET', url: foreign, headers: tus(otherTenant) })).statusCode).toBe(404);
    // Under the owning tenant's path it is refused as another tenant (403), before any lookup.
    expect((await head(otherTenant, url)).statusCode).toBe(403);
    // Another provider of the same tenant: not found, and the attempt is audited.
    expect((await patch(provider2, url, 0, audio)).statusCode).toBe(404);
    const denied = (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'access.denied').at(-1)?.payload;
    expect(denied).toMatchObject({ routeCode: 'dictation_uploads.append', reasonCode: 'not_owner', status: 404 });
    expect((await h.inject({ method: 'GET', url, headers: tus(provider2) })).statusCode).toBe(404);
    // A QA user may not upload at all.
    const qa = await h.login(TENANT_A.id, 'qa');
    expect((await head(qa, url)).statusCode).toBe(403);
    expect((await head(provider, url)).headers['upload-offset']).toBe('0');
  });

  it('needs a session, the CSRF token on changes, the tus version header, and a declared sha256', async () => {
    const audio = wav(2048);
    const url = (await create(provider, audio.length, { sha256: sha256(audio) })).headers['location'] as string;
    expect((await h.inject({ method: 'HEAD', url, headers: { 'tus-resumable': '1.0.0' } })).statusCode).toBe(401);
    const noCsrf = await h.inject({
      method: 'PATCH',
      url,
      headers: {
        cookie: provider.cookie,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      payload: audio,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await h.inject({ method: 'HEAD', url, headers: { cookie: provider.cookie } })).statusCode).toBe(412);
    expect((await create(provider, 10, {})).statusCode).toBe(400);
    expect((await create(provider, 10, { sha256: 'not-a-digest' })).statusCode).toBe(400);
    expect((await head(provider, url)).headers['upload-offset']).toBe('0');
  });

  it('refuses more than the audio size limit at creation (413)', async () => {
    expect((await create(provider, 64 * 1024 + 1, { sha256: sha256(wav(10)) })).statusCode).toBe(413);
  });

  it('takes recordings while PHI mode is disabled only when declared synthetic', async () => {
    h.openGates('disabled');
    try {
      const audio = wav(3000);
      expect((await create(provider, audio.length, { sha256: sha256(audio) })).statusCode).toBe(423);
      const created = await create(provider, audio.length, { sha256: sha256(audio), synthetic: 'true' });
      expect(created.statusCode).toBe(201);
      const done = await patch(provider, created.headers['location'] as string, 0, audio);
      expect(done.json()).toMatchObject({ synthetic: true, sha256: sha256(audio) });
    } finally {
      h.openGates('enabled');
    }
  });

  it('tells the recorder whether it may keep unsent recordings in the browser: only while PHI mode is enabled', async () => {
    const policy = () => h.inject({ method: 'GET', url: `/v1/tenants/${TENANT_A.id}/recording-policy`, headers: tus(provider) });
    expect((await policy()).json()).toEqual({ phiMode: 'enabled', keepUnsentInBrowser: true, pendingMaxAgeHours: 24 });
    h.openGates('disabled');
    try {
      expect((await policy()).json()).toEqual({ phiMode: 'disabled', keepUnsentInBrowser: false, pendingMaxAgeHours: 24 });
    } finally {
      h.openGates('enabled');
    }
  });

  it("answers the tenant owner's maximum age for unsent recordings (a readiness setting)", async () => {
    const policy = () => h.inject({ method: 'GET', url: `/v1/tenants/${TENANT_A.id}/recording-policy`, headers: tus(provider) });
    const owner = await h.login(TENANT_A.id, 'owner');
    const put = (hours: number) =>
      h.inject({
        method: 'PUT',
        url: `/v1/tenants/${TENANT_A.id}/settings`,
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
        payload: { pendingRecordingMaxAgeHours: hours },
      });
    try {
      expect((await put(6)).statusCode).toBe(200);
      expect((await policy()).json()).toMatchObject({ pendingMaxAgeHours: 6 });
    } finally {
      await put(24);
    }
  });

  it('abandons an upload on DELETE (tus termination)', async () => {
    const audio = wav(2048);
    const url = (await create(provider, audio.length, { sha256: sha256(audio) })).headers['location'] as string;
    expect((await h.inject({ method: 'DELETE', url, headers: tus(provider) })).statusCode).toBe(204);
    expect((await head(provider, url)).statusCode).toBe(404);
  });
});

describe('a gateway without the shared, encrypted spool (no S3 storage)', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let spool: string;
  beforeAll(async () => {
    spool = await mkdtemp(join(tmpdir(), 'gateway-local-spool-'));
    h = await startGatewayHarness({ uploads: { spoolDir: spool }, limits: { ratePerMinute: 100_000 } });
    h.openGates('enabled');
  });
  afterAll(async () => {
    await h?.close();
    await rm(spool, { recursive: true, force: true });
  });

  it('takes synthetic recordings only, even in PHI mode: PHI never lands in the local, unencrypted spool', async () => {
    const provider = await h.login(TENANT_A.id, 'provider');
    const audio = wav(3000);
    const create = (declared: Record<string, string>) =>
      h.inject({
        method: 'POST',
        url: `/v1/tenants/${TENANT_A.id}/dictation-uploads`,
        headers: {
          cookie: provider.cookie,
          'x-csrf-token': provider.csrf,
          'tus-resumable': '1.0.0',
          'upload-length': String(audio.length),
          'upload-metadata': meta(declared),
        },
      });
    const refused = await create({ sha256: sha256(audio) });
    expect(refused.statusCode).toBe(423);
    expect(refused.json()).toMatchObject({ error: 'phi_mode_disabled', message: expect.stringContaining('only synthetic') });
    expect(await readdir(spool)).toEqual([]);
    const denied = (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'access.denied').at(-1)?.payload;
    expect(denied).toMatchObject({ routeCode: 'dictation_uploads.create', reasonCode: 'phi_mode_disabled', status: 423 });
    expect((await create({ sha256: sha256(audio), synthetic: 'true' })).statusCode).toBe(201);
  });
});

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForBoundaryLeaks } from '../testing/boundary-scan.js';
import { startGatewayHarness, TENANT_A, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

const BOUNDARY = '----medicdraft-test-boundary';

/** A multipart body with one file part, produced in `chunk`-sized pieces (never one buffer). */
function multipartStream(field: string, size: number, chunk = 64 * 1024): { stream: Readable; sha256: string } {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="d.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent === 0 && head.length > 0) this.push(head);
      if (sent >= size) {
        this.push(tail);
        this.push(null);
        return;
      }
      const n = Math.min(chunk, size - sent);
      const piece = Buffer.alloc(n, (sent / chunk) % 251);
      hash.update(piece);
      sent += n;
      this.push(piece);
    },
  });
  // The digest is complete once the stream has been read; read lazily.
  return {
    stream,
    get sha256() {
      return hash.copy().digest('hex');
    },
  } as { stream: Readable; sha256: string };
}

describe('dictation routes: gates, streaming upload, limits, ownership', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let provider: SignedIn;
  let provider2Cookie: SignedIn;
  let qa: SignedIn;
  const base = `/v1/tenants/${TENANT_A.id}/dictations`;
  const headers = (s: SignedIn, extra: Record<string, string> = {}) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, ...extra });
  const lastDenied = async () => (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'access.denied').at(-1)?.payload;

  beforeAll(async () => {
    h = await startGatewayHarness({ limits: { maxAudioBytes: 1024 * 1024, maxTextBytes: 4096, ratePerMinute: 100_000 } });
    provider = await h.login(TENANT_A.id, 'provider');
    qa = await h.login(TENANT_A.id, 'qa');
    const owner = await h.login(TENANT_A.id, 'owner');
    const made = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${TENANT_A.id}/users`,
      headers: headers(owner),
      payload: { email: 'second.provider@matrix.invalid', role: 'provider' },
    });
    expect(made.statusCode).toBe(201);
    // The second provider enrols through the link mailed to it, which signs it in.
    const login = await h.inject({
      method: 'POST',
      url: '/v1/auth/enrolment/complete',
      payload: { tenant: TENANT_A.id, token: h.mail.at(-1)!.token, password: 'second provider passphrase' },
    });
    expect(login.statusCode).toBe(200);
    provider2Cookie = {
      cookie: `md_session=${login.cookies[0]!.value}`,
      csrf: login.json().csrfToken,
      userId: login.json().user.id,
      role: 'provider',
      tenantId: TENANT_A.id,
    };
  });
  afterAll(async () => h.close());

  it('accepts a synthetic text dictation in sandbox mode (202) and answers its metadata only', async () => {
    const res = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider),
      payload: { text: 'Synthetic CANARY-TEXT-7731 dictation', synthetic: true },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ providerId: provider.userId, kind: 'text', synthetic: true, status: 'received' });
    expect(res.body).not.toContain('CANARY-TEXT-7731');
  });

  it('filters the list by QA review state (handed to ingest) and refuses an unknown state', async () => {
    const res = await h.inject({ method: 'GET', url: `${base}?reviewState=returned`, headers: headers(qa) });
    expect(res.statusCode).toBe(200);
    expect(h.ingest.stats.lastListQuery).toMatchObject({ reviewState: 'returned' });
    expect((await h.inject({ method: 'GET', url: `${base}?reviewState=pending`, headers: headers(qa) })).statusCode).toBe(400);
  });

  it("corrects a dictation's incident number for its provider (trimmed, with the reason); another provider's is 404, audited", async () => {
    const created = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider),
      payload: { text: 'Synthetic: fall.', synthetic: true },
    });
    const id = created.json<{ dictationId: string }>().dictationId;
    const correct = (who: SignedIn, payload: object) =>
      h.inject({ method: 'PUT', url: `${base}/${id}/incident`, headers: headers(who), payload });
    const ok = await correct(provider, { incidentNumber: ' EMS-2026/18 ', reason: ' wrong run number ' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ dictationId: id });
    expect(ok.body).not.toContain('EMS-2026/18');
    expect(h.ingest.stats.lastCorrection).toEqual({
      dictationId: id,
      actorId: provider.userId,
      incidentNumber: 'EMS-2026/18',
      reason: 'wrong run number',
    });
    expect((await correct(provider, { incidentNumber: 'EMS-2026/18' })).statusCode).toBe(400);
    expect((await correct(provider, { incidentNumber: 'a b', reason: 'x' })).statusCode).toBe(400);
    expect((await correct(provider2Cookie, { incidentNumber: 'EMS-2026/19', reason: 'x' })).statusCode).toBe(404);
    expect(await lastDenied()).toMatchObject({ routeCode: 'dictations.incident', reasonCode: 'not_owner', status: 404 });
    expect(h.ingest.stats.lastCorrection?.incidentNumber).toBe('EMS-2026/18');
  });

  it('hands an ePCR incident number to ingest (trimmed) and refuses a malformed one', async () => {
    const text = (incidentNumber: string) =>
      h.inject({
        method: 'POST',
        url: base,
        headers: headers(provider),
        payload: { text: 'Synthetic: fall.', synthetic: true, incidentNumber },
      });
    expect((await text(' EMS-2026/17 ')).statusCode).toBe(202);
    expect(h.ingest.stats.lastIncident).toBe('EMS-2026/17');
    for (const bad of ['a b', 'x'.repeat(41), 'semi;colon']) {
      const res = await text(bad);
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain(bad);
    }
    const res = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'x-incident-number': 'a;b' }),
      payload: multipartStream('audio', 1000).stream,
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses audio while PHI mode is disabled: 423 phi_mode_disabled, audited, nothing stored', async () => {
    const before = h.ingest.stats.uploads;
    const { stream } = multipartStream('audio', 1000);
    const res = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }),
      payload: stream,
    });
    expect(res.statusCode).toBe(423);
    expect(res.json()).toEqual({ error: 'phi_mode_disabled', message: 'PHI mode is disabled for this tenant' });
    expect(await lastDenied()).toMatchObject({ routeCode: 'dictations.create', reasonCode: 'phi_mode_disabled', status: 423 });
    expect(h.ingest.stats.uploads).toBe(before);
  });

  it('streams a multipart upload to ingest in chunks when PHI mode is enabled (202, digest intact)', async () => {
    h.openGates('enabled');
    const size = 900 * 1024;
    const body = multipartStream('audio', size, 16 * 1024);
    const res = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'x-incident-number': 'EMS-9' }),
      payload: body.stream,
    });
    expect(res.statusCode).toBe(202);
    expect(h.ingest.stats.lastIncident).toBe('EMS-9');
    expect(res.json()).toMatchObject({ kind: 'audio', sizeBytes: size, sha256: body.sha256, providerId: provider.userId });
    expect(h.ingest.stats.largestChunk).toBeLessThan(256 * 1024);
  });

  it('refuses audio over the size limit with 413 and never hands a truncated file over as complete', async () => {
    const before = h.ingest.stats.uploads;
    const { stream } = multipartStream('audio', 1024 * 1024 + 4096);
    const res = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }),
      payload: stream,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('payload_too_large');
    expect(h.ingest.stats.uploads).toBe(before);
  });

  it('rejects a multipart body without an "audio" field (400), text/plain (415) and oversized JSON (413)', async () => {
    const wrongField = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }),
      payload: multipartStream('file', 10).stream,
    });
    expect(wrongField.statusCode).toBe(400);
    const plain = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider, { 'content-type': 'text/plain' }),
      payload: 'hello',
    });
    expect(plain.statusCode).toBe(415);
    const huge = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider),
      payload: { text: 'x'.repeat(20_000), synthetic: true },
    });
    expect(huge.statusCode).toBe(413);
    const notSynthetic = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider),
      payload: { text: 'x', synthetic: false },
    });
    expect(notSynthetic.statusCode).toBe(400);
    expect(notSynthetic.json()).toEqual({ error: 'invalid_request', message: 'request does not match the schema' });
  });

  it("lists a provider's own dictations only; QA sees the tenant's; another provider's dictation is 404 and audited", async () => {
    const mine = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider2Cookie),
      payload: { text: 'Synthetic second provider', synthetic: true },
    });
    expect(mine.statusCode).toBe(202);
    const own = (await h.inject({ method: 'GET', url: base, headers: headers(provider) })).json<{ dictations: { providerId: string }[] }>()
      .dictations;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((d) => d.providerId === provider.userId)).toBe(true);
    const all = (await h.inject({ method: 'GET', url: base, headers: headers(qa) })).json<{ dictations: { providerId: string }[] }>()
      .dictations;
    expect(new Set(all.map((d) => d.providerId))).toEqual(new Set([provider.userId, provider2Cookie.userId]));
    const other = await h.inject({ method: 'GET', url: `${base}/${mine.json().dictationId}`, headers: headers(provider) });
    expect(other.statusCode).toBe(404);
    expect(await lastDenied()).toMatchObject({ routeCode: 'dictations.get', reasonCode: 'not_owner', status: 404 });
    const qaRead = await h.inject({ method: 'GET', url: `${base}/${mine.json().dictationId}`, headers: headers(qa) });
    expect(qaRead.statusCode).toBe(200);
    const missing = await h.inject({ method: 'GET', url: `${base}/3f1c2a9e-5b7d-4c21-8a10-00000000dead`, headers: headers(qa) });
    expect(missing.statusCode).toBe(404);
  });

  it("shows each dictation's provider by name, filters by status, and refuses an unknown status (400)", async () => {
    const list = async (query: string) => h.inject({ method: 'GET', url: `${base}?${query}`, headers: headers(qa) });
    const page = (await list('status=received')).json<{ dictations: { providerId: string; providerName?: string; status: string }[] }>();
    expect(page.dictations.length).toBeGreaterThan(0);
    expect(page.dictations.every((d) => d.status === 'received')).toBe(true);
    const second = page.dictations.find((d) => d.providerId === provider2Cookie.userId);
    expect(second?.providerName).toBe('second.provider@matrix.invalid');
    expect(page.dictations.every((d) => typeof d.providerName === 'string' && !d.providerId.startsWith(d.providerName))).toBe(true);
    expect((await list('status=copied')).json()).toEqual({ dictations: [] });
    const bad = await list('status=stored');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'invalid_request', message: 'request does not match the schema' });
  });

  it('gates the narrative of an audio dictation on PHI mode (423) but not a synthetic one', async () => {
    h.openGates('enabled');
    const audio = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }),
      payload: multipartStream('audio', 2048).stream,
    });
    expect(audio.statusCode).toBe(202);
    const text = await h.inject({ method: 'POST', url: base, headers: headers(provider), payload: { text: 'Synthetic', synthetic: true } });
    h.openGates('disabled');
    const audioNarrative = await h.inject({
      method: 'GET',
      url: `${base}/${audio.json().dictationId}/narrative`,
      headers: headers(provider),
    });
    expect(audioNarrative.statusCode).toBe(423);
    const textNarrative = await h.inject({
      method: 'GET',
      url: `${base}/${text.json().dictationId}/narrative`,
      headers: headers(provider),
    });
    expect(textNarrative.json()).toEqual({ error: 'not_available', message: 'narrative review is not available yet' });
  });

  it('answers 503 pipeline_halted when the gate state is stale or halted, for text too', async () => {
    h.advance(2 * 3_600_000);
    const stale = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider),
      payload: { text: 'Synthetic text', synthetic: true },
    });
    expect(stale.statusCode).toBe(401); // the session itself idled out over two hours
    provider = await h.login(TENANT_A.id, 'provider');
    const res = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider),
      payload: { text: 'Synthetic text', synthetic: true },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe('pipeline_halted');
    expect(await lastDenied()).toMatchObject({ reasonCode: 'pipeline_halted', status: 503 });

    h.openGates('enabled');
    h.gates.apply({
      tenantId: '*',
      version: 1,
      issuedAt: new Date(h.now()).toISOString(),
      expiresAt: new Date(h.now() + 60_000).toISOString(),
      halted: true,
      haltReasons: ['audit_heartbeat_stale'],
    });
    const halted = await h.inject({
      method: 'POST',
      url: base,
      headers: headers(provider),
      payload: { text: 'Synthetic text', synthetic: true },
    });
    expect(halted.statusCode).toBe(503);
    expect(halted.json()).toEqual({ error: 'pipeline_halted', message: 'the pipeline is halted' });
  });

  it('leaks no storage identifiers or other tenants ids in any response of this file', () => {
    expect(h.responses.length).toBeGreaterThan(10);
    expect(scanForBoundaryLeaks(h.responses, { tenants: [TENANT_A.id, 'north-valley-ems'] })).toEqual([]);
  });
});

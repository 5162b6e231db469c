import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForBoundaryLeaks } from '../testing/boundary-scan.js';
import { startGatewayHarness, TENANT_A, type GatewayHarness } from '../testing/gateway-harness.js';

describe('gateway API surface: OpenAPI, headers, errors, rate limit, references, users', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({ limits: { ratePerMinute: 40 } });
  });
  afterAll(async () => h.close());

  it('serves an OpenAPI 3 document listing every v1 route with zod-derived schemas', async () => {
    const res = await h.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    for (const route of h.routes) if (route !== 'GET /v1/openapi.json') expect(documented).toContain(route);
    // The tus offset check, registered on purpose (not a GET's HEAD twin), is an operation like any other.
    const offset = doc.paths['/v1/tenants/{t}/dictation-uploads/{uploadId}'].head;
    expect(offset.operationId).toBe('dictationUploadsOffset');
    expect(offset.summary).toMatch(/Upload-Offset/);
    expect(offset.security).toEqual([{ session: [] }]);
    expect(offset.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:t', 'path:uploadId', 'header:tus-resumable']),
    );
    expect(Object.keys(offset.responses['200'].headers).sort()).toEqual(['Tus-Resumable', 'Upload-Length', 'Upload-Offset']);
    expect(Object.keys(offset.responses)).toEqual(expect.arrayContaining(['401', '403', '404', '412']));
    for (const r of Object.values(offset.responses)) expect(r).not.toHaveProperty('content');
    const login = doc.paths['/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['tenant', 'email', 'password']));
    expect(JSON.stringify(doc)).not.toMatch(/arn:aws|AKIA/);
  });

  it('sets helmet security headers on API responses and keeps one error shape for unknown routes', async () => {
    const res = await h.inject({ method: 'GET', url: '/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const missing = await h.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'not_found', message: 'no such route' });
    const badJson = await h.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"tenant":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(Object.keys(badJson.json()).sort()).toEqual(['error', 'message']);
  });

  it('stores versioned references and emits admin.reference.updated with the content digest, not the content', async () => {
    const admin = await h.login(TENANT_A.id, 'admin');
    const h2 = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const url = `/v1/tenants/${TENANT_A.id}/references/template/draatt-default`;
    expect((await h.inject({ method: 'GET', url, headers: h2 })).statusCode).toBe(404);
    const v1 = await h.inject({
      method: 'PUT',
      url,
      headers: h2,
      payload: { content: { sections: ['dispatch', 'response'], note: 'CANARY-REF' } },
    });
    const v2 = await h.inject({ method: 'PUT', url, headers: h2, payload: { content: { sections: ['dispatch'] } } });
    expect([v1.json().version, v2.json().version]).toEqual([1, 2]);
    const latest = await h.inject({ method: 'GET', url, headers: h2 });
    expect(latest.json()).toMatchObject({ kind: 'template', name: 'draatt-default', version: 2, content: { sections: ['dispatch'] } });
    const events = (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'admin.reference.updated');
    expect(events.map((e) => e.payload)).toEqual([
      { kind: 'template', referenceId: 'draatt-default', version: 1, sha256: v1.json().sha256 },
      { kind: 'template', referenceId: 'draatt-default', version: 2, sha256: v2.json().sha256 },
    ]);
    expect(JSON.stringify(events)).not.toContain('CANARY-REF');
  });

  it('creates users under the role ceiling and answers an enrolment link was sent, never a credential', async () => {
    const admin = await h.login(TENANT_A.id, 'admin');
    const owner = await h.login(TENANT_A.id, 'owner');
    const post = (s: typeof admin, body: object) =>
      h.inject({
        method: 'POST',
        url: `/v1/tenants/${TENANT_A.id}/users`,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: body,
      });
    const qa = await post(owner, { email: 'New.QA@Example.invalid', role: 'qa' });
    expect(qa.statusCode).toBe(201);
    expect(qa.json()).toEqual({
      user: expect.objectContaining({ email: 'new.qa@example.invalid', role: 'qa', mfaEnrolled: false, enrolled: false }),
      enrolment: { expiresAt: expect.any(String), delivered: true },
    });
    expect((await post(owner, { email: 'new.qa@example.invalid', role: 'qa' })).statusCode).toBe(409);
    const escalate = await post(admin, { email: 'reader@example.invalid', role: 'qa' });
    expect(escalate.statusCode).toBe(403);
    const denied = (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'access.denied').at(-1)!;
    expect(denied.payload).toMatchObject({ routeCode: 'users.create', reasonCode: 'missing_permission' });
    const peer = await post(admin, { email: 'peer.admin@example.invalid', role: 'admin' });
    expect(peer.statusCode).toBe(201);
    expect(h.mail.map((m) => m.to)).toEqual(['new.qa@example.invalid', 'peer.admin@example.invalid']);
  });

  it('rate-limits per address with 429 rate_limited and records one access.denied per window', async () => {
    const before = (await h.outbox(TENANT_A.id)).filter(
      (e) => e.type === 'access.denied' && (e.payload as { reasonCode: string }).reasonCode === 'rate_limited',
    ).length;
    let limited = 0;
    for (let i = 0; i < 60; i++) {
      const res = await h.inject({ method: 'GET', url: `/v1/tenants/${TENANT_A.id}/readiness`, remoteAddress: '10.9.9.9' });
      if (res.statusCode === 429) {
        limited++;
        expect(res.json().error).toBe('rate_limited');
      }
    }
    expect(limited).toBeGreaterThanOrEqual(20);
    await new Promise((r) => setTimeout(r, 50));
    const after = (await h.outbox(TENANT_A.id)).filter(
      (e) => e.type === 'access.denied' && (e.payload as { reasonCode: string }).reasonCode === 'rate_limited',
    ).length;
    expect(after).toBe(before + 1);
    const event = (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'access.denied').at(-1)!;
    expect(event.payload).toMatchObject({ routeCode: 'readiness.view', reasonCode: 'rate_limited', status: 429 });
    expect(event.actor).toEqual({ type: 'service', id: 'gateway' });
  });

  it('leaks no storage identifiers or other tenants ids in any response of this file', () => {
    expect(scanForBoundaryLeaks(h.responses, { tenants: [TENANT_A.id, 'north-valley-ems'] })).toEqual([]);
  });
});

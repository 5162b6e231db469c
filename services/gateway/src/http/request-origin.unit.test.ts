import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, type GatewayHarness } from '../testing/gateway-harness.js';

// light-my-request's requests carry `Host: localhost:80`, so this server's own origin is http://localhost.
const SAME = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' };

describe('CSRF defence in depth: browser-declared cross-origin unsafe requests are refused', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness();
  });
  afterAll(async () => h.close());

  const lastDenial = async () => (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'access.denied').at(-1);

  it('refuses a cross-site Origin or Sec-Fetch-Site even with a valid token, and audits it', async () => {
    const s = await h.login(TENANT_A.id, 'admin');
    const url = `/v1/tenants/${TENANT_A.id}/references/template/origin-check`;
    const put = (headers: Record<string, string>) =>
      h.inject({
        method: 'PUT',
        url,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
        payload: { content: { sections: ['dispatch'] } },
      });
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:8080' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://localhost', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const res = await put(headers);
      // Same answer as a bad token (403 forbidden); the audit event names the reason.
      expect([JSON.stringify(headers), res.statusCode, res.json().error]).toEqual([JSON.stringify(headers), 403, 'forbidden']);
      expect((await lastDenial())?.payload).toMatchObject({ routeCode: 'references.put', reasonCode: 'csrf_failed', status: 403 });
    }
    expect((await h.inject({ method: 'GET', url, headers: { cookie: s.cookie } })).statusCode).toBe(404);
    for (const headers of [SAME, { 'sec-fetch-site': 'none' }, {}] as Record<string, string>[])
      expect((await put(headers)).statusCode, JSON.stringify(headers)).toBe(200);
  });

  it('refuses a cross-site login (login CSRF) but not a same-origin one', async () => {
    const c = h.credential(TENANT_A.id, 'provider');
    const login = (headers: Record<string, string>) =>
      h.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers,
        payload: { tenant: TENANT_A.id, email: c.email, password: h.password(c) },
      });
    const refused = await login({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect([refused.statusCode, refused.json()]).toEqual([403, { error: 'forbidden', message: 'cross-origin request refused' }]);
    expect(refused.cookies).toEqual([]);
    expect((await login(SAME)).statusCode).toBe(200);
  });

  it('leaves safe methods alone: a cross-site GET is judged by the session only', async () => {
    const s = await h.login(TENANT_A.id, 'owner');
    const res = await h.inject({
      url: '/v1/me',
      headers: { cookie: s.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('CSRF origin check behind TLS (COOKIE_SECURE): the public origin is https', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({
      auth: {
        session: { idleTimeoutMs: 900_000, absoluteTimeoutMs: 28_800_000, cookieSecure: true },
        throttle: { maxPerAccount: 5, maxPerAddress: 20, windowMs: 900_000 },
      },
    });
  });
  afterAll(async () => h.close());

  it('accepts https://host and refuses the http:// origin of the same host', async () => {
    const c = h.credential(TENANT_A.id, 'provider');
    // A TLS terminator forwards the browser's Host (no port for 443).
    const login = (origin: string) =>
      h.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { origin, host: 'localhost' },
        payload: { tenant: TENANT_A.id, email: c.email, password: h.password(c) },
      });
    expect((await login('http://localhost')).statusCode).toBe(403);
    const ok = await login('https://localhost');
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.map((k) => [k.name, k.secure])).toEqual([['__Host-md_session', true]]);
  });
});

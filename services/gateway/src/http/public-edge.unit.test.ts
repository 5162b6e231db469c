import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, type GatewayHarness } from '../testing/gateway-harness.js';

const HELMET = ['x-content-type-options', 'x-frame-options', 'content-security-policy', 'referrer-policy', 'cross-origin-opener-policy'];
const hasHelmetHeaders = (headers: Record<string, unknown>) => HELMET.filter((h) => headers[h] === undefined);

describe('public edge: every response of the public port gets headers and the rate limit', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({ limits: { ratePerMinute: 5 } });
  });
  afterAll(async () => h.close());

  it('answers /readyz and /metrics 404 on the public port; the ops app answers them', async () => {
    for (const url of ['/readyz', '/metrics']) {
      const res = await h.inject({ url, remoteAddress: '10.1.0.1' });
      expect([url, res.statusCode, res.json()]).toEqual([url, 404, { error: 'not_found', message: 'no such route' }]);
      expect(res.body).not.toMatch(/database|coordination|medicdraft_/);
    }
    expect((await h.ops.inject({ url: '/readyz' })).json()).toMatchObject({
      status: 'ready',
      checks: { database: 'ok', coordination: 'ok' },
    });
    expect((await h.ops.inject({ url: '/metrics' })).body).toContain('medicdraft_http_requests_total');
  });

  it('sets the security headers on /healthz, 404s, unknown /v1 paths, errors and the web UI', async () => {
    const cases = [
      { url: '/healthz', status: 200 },
      { url: '/no/such/page', status: 404 },
      { url: '/v1/no-such-endpoint', status: 404 },
      {
        url: '/v1/auth/login',
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        payload: '{"tenant":',
        status: 400,
      },
      { url: '/login', status: 200 },
    ];
    for (const [i, c] of cases.entries()) {
      const res = await h.inject({
        method: c.method ?? 'GET',
        url: c.url,
        ...(c.headers ? { headers: c.headers } : {}),
        ...(c.payload ? { payload: c.payload } : {}),
        remoteAddress: `10.2.0.${i}`,
      });
      expect([c.url, res.statusCode]).toEqual([c.url, c.status]);
      expect(hasHelmetHeaders(res.headers), c.url).toEqual([]);
      expect(res.headers['strict-transport-security'], c.url).toBeUndefined();
      expect(res.headers['x-request-id'], c.url).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers an unknown /v1 path inside the API scope without echoing the URL', async () => {
    const res = await h.inject({ method: 'POST', url: '/v1/tenants/CANARY-PATH/nothing?x=CANARY-QUERY', remoteAddress: '10.3.0.1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'no such route' });
    expect(res.body).not.toContain('CANARY');
    expect(res.headers['x-ratelimit-limit']).toBe('5');
  });

  it('counts 404s and unknown /v1 paths against the per-address limit, each answer with its own correlation id', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) {
      const url = i % 2 === 0 ? `/v1/tenants/${TENANT_A.id}/no-such-thing` : '/nope';
      answers.push(await h.inject({ url, remoteAddress: '10.4.0.1' }));
    }
    expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    expect(answers.at(-1)?.json().error).toBe('rate_limited');
    const ids = answers.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await h.inject({ url: '/healthz', remoteAddress: '10.4.0.1' })).statusCode).toBe(429);
  });
});

describe('public edge behind TLS (COOKIE_SECURE)', { timeout: 60_000 }, () => {
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

  it('sends HSTS on every public response, the web UI and 404s included', async () => {
    for (const url of ['/healthz', '/', '/nope', '/v1/me']) {
      const res = await h.inject({ url });
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
    }
  });
});

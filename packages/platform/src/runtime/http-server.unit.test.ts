import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PhiModeDisabledError, PipelineHaltedError, ValidationError } from '../errors.js';
import { createHttpApp, createOpsApp } from './http-server.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

const CANARY = 'CANARY-PATIENT-Jane-Doe-1970';

function makeApp(checks: { name: string; check: () => Promise<void> }[] = [], accepting = true) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ service: 'test', level: 'debug', destination: sink });
  const app = createHttpApp({ logger, metrics: createMetrics('test'), ops: { checks: () => checks, accepting: () => accepting } });
  app.post('/boom', async () => {
    throw new Error(`db said: ${CANARY} at postgres://user:secret@host`);
  });
  app.post('/invalid', async () => {
    throw new ValidationError('text must not be empty');
  });
  app.post('/locked', async () => {
    throw new PhiModeDisabledError();
  });
  app.post('/halted', async () => {
    throw new PipelineHaltedError();
  });
  app.post('/echo', async (req) => ({ ok: typeof req.body }));
  app.get('/items/:id', async () => ({ ok: true }));
  return { app, lines };
}

describe('http app', () => {
  it('writes one access line per request: method, route pattern, status, duration, request id; no URL, query or body', async () => {
    const { app, lines } = makeApp();
    app.get('/tenants/:tenantId/notes', async (req) => {
      req.log.info('handler line');
      return { ok: true };
    });
    await app.inject({ method: 'GET', url: `/tenants/acme/notes?q=${CANARY}` });
    await app.inject({ method: 'POST', url: '/echo', payload: { text: CANARY } });
    await app.inject({ method: 'GET', url: `/nowhere/${CANARY}` });
    const parsed = lines.flatMap((l) => l.split('\n').filter((x) => x !== '')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const access = parsed.filter((l) => l.msg === 'request completed');
    expect(access.map((l) => [l.method, l.route, l.status])).toEqual([
      ['GET', '/tenants/:tenantId/notes', 200],
      ['POST', '/echo', 200],
      ['GET', 'unmatched', 404],
    ]);
    for (const l of access) {
      expect(l.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof l.durationMs).toBe('number');
      expect(Object.keys(l).sort()).toEqual(['durationMs', 'level', 'method', 'msg', 'requestId', 'route', 'service', 'status', 'time']);
    }
    expect(new Set(access.map((l) => l.requestId)).size).toBe(3);
    const handler = parsed.find((l) => l.msg === 'handler line');
    expect(handler?.requestId).toBe(access[0]?.requestId);
    expect(lines.join('')).not.toContain(CANARY);
    expect(lines.join('')).not.toContain('acme');
  });

  it('answers /healthz and /metrics in Prometheus format', async () => {
    const { app } = makeApp();
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const m = await app.inject({ url: '/metrics' });
    expect(m.statusCode).toBe(200);
    expect(m.headers['content-type']).toContain('text/plain');
    expect(m.body).toContain('medicdraft_http_requests_total');
    expect(m.body).toContain('process_cpu_user_seconds_total');
  });

  it('/readyz is 503 when a dependency fails or intake stopped, without driver messages', async () => {
    const failing = makeApp([
      {
        name: 'postgres',
        check: async () => {
          throw new Error(`password authentication failed ${CANARY}`);
        },
      },
    ]);
    const res = await failing.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', checks: { postgres: 'failed' } });
    expect(res.body).not.toContain(CANARY);
    const ok = makeApp([{ name: 'postgres', check: async () => {} }]);
    expect((await ok.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const draining = makeApp([{ name: 'postgres', check: async () => {} }], false);
    expect((await draining.app.inject({ url: '/readyz' })).statusCode).toBe(503);
  });

  it('keeps /readyz and /metrics off a service port that has an ops listener; the ops app answers all three', async () => {
    const logger = createLogger({ service: 'test', level: 'silent' });
    const metrics = createMetrics('test');
    const probes = { checks: () => [{ name: 'postgres', check: async () => {} }], accepting: () => true };
    const service = createHttpApp({ logger, metrics });
    const ops = createOpsApp({ logger, metrics, ...probes });
    expect((await service.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    for (const url of ['/readyz', '/metrics']) {
      const res = await service.inject({ url });
      expect([url, res.statusCode, res.json()]).toEqual([url, 404, { error: 'not_found', message: 'no such route' }]);
    }
    expect((await ops.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await ops.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', checks: { postgres: 'ok' } });
    const scraped = await ops.inject({ url: '/metrics' });
    // One registry for both listeners: the scrape counts the service port's requests.
    expect(scraped.body).toMatch(/medicdraft_http_requests_total\{[^}]*route="\/healthz"[^}]*\} 2/);
    expect(scraped.body).toMatch(/route="unmatched"[^}]*status="404"/);
  });

  it('maps errors to {error, message} and never returns internals in a 5xx', async () => {
    const { app, lines } = makeApp();
    const boom = await app.inject({ method: 'POST', url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ error: 'internal', message: 'internal error' });
    expect(boom.body).not.toContain(CANARY);
    expect(lines.join('')).toContain('unhandled request error');
    expect(lines.join('')).not.toContain(CANARY);
    expect((await app.inject({ method: 'POST', url: '/invalid' })).json()).toEqual({
      error: 'invalid_request',
      message: 'text must not be empty',
    });
    const locked = await app.inject({ method: 'POST', url: '/locked' });
    expect([locked.statusCode, locked.json().error]).toEqual([423, 'phi_mode_disabled']);
    const halted = await app.inject({ method: 'POST', url: '/halted' });
    expect([halted.statusCode, halted.json().error]).toEqual([503, 'pipeline_halted']);
    const missing = await app.inject({ url: '/nope' });
    expect([missing.statusCode, missing.json().error]).toEqual([404, 'not_found']);
  });

  it('rejects malformed bodies with 4xx and a fixed message', async () => {
    const { app } = makeApp();
    const bad = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: `{"x": "${CANARY}"`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_request');
    expect(bad.body).not.toContain(CANARY);
    const media = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/x-weird' }, payload: 'x' });
    expect([media.statusCode, media.json().error]).toEqual([415, 'unsupported_media_type']);
    const big = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }),
    });
    expect([big.statusCode, big.json().error]).toEqual([413, 'payload_too_large']);
  });

  it('answers errors fastify finds before routing in the one shape, without quoting the URL', async () => {
    const { app } = makeApp();
    for (const url of [`/items/%E0%A4%Z${CANARY}`, `/items/${CANARY}%`, `/items/%zz${CANARY}`]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toEqual({ error: 'invalid_request', message: 'malformed URL' });
    }
    const long = await app.inject({ url: `/items/${'a'.repeat(200)}${CANARY}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ error: 'uri_too_long', message: 'a path parameter is too long' });
  });
});

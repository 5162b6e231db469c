import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeEvent, TOPIC } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import {
  createFsObjectStore,
  createLocalKeyService,
  createLogger,
  createMemoryCoordination,
  createMemoryEventBus,
  createMetrics,
  loadOrCreateLocalMasterKey,
} from '@medicdraft/platform';
import { createHttpApp, createOpsApp, type RunningService } from '@medicdraft/platform/http';
import { createPgliteDatabase, openPglite } from '@medicdraft/platform/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createMaildropEnrolmentDelivery } from '@medicdraft/gateway';
import { duplicateKeys, lineSink } from '@medicdraft/platform/testing';
import { createEmbeddedLogger } from './embedded-logger.js';
import { startEmbeddedServices } from './embedded-services.js';

const logger = createLogger({ service: 'embedded-test', level: 'silent' });
const SERVICES = ['readiness', 'audit', 'narrative', 'scribe', 'ingest', 'gateway'];

/** As `runServiceProcess` hosts it: the public app and, beside it, the ops app. */
async function boot(dataDir: string, opts: { cookieSecure?: boolean } = {}, log: typeof logger = logger) {
  const bus = createMemoryEventBus({ defaultPartitions: 2 });
  const pglite = await openPglite({ dataDir });
  const coordination = createMemoryCoordination();
  const metrics = createMetrics('embedded-test');
  let accepting = true;
  const objects = createFsObjectStore({
    rootDir: join(dataDir, 'objects'),
    keys: createLocalKeyService(await loadOrCreateLocalMasterKey(join(dataDir, 'keys', 'local-master.key'))),
  });
  const services: RunningService = await startEmbeddedServices({
    bus,
    pglite,
    coordination,
    objects,
    logger: log,
    partitions: 2,
    enrolmentDelivery: createMaildropEnrolmentDelivery({ dir: join(dataDir, 'mail'), from: 'test@medicdraft.invalid' }),
    ...opts,
  });
  const app = createHttpApp({ logger: log, metrics });
  const ops = createOpsApp({ logger: log, metrics, checks: () => services.checks, accepting: () => accepting });
  await services.routes?.(app);
  await app.ready();
  return {
    bus,
    pglite,
    app,
    ops,
    stopAccepting: () => void (accepting = false),
    async close() {
      await app.close();
      await ops.close();
      await services.stop();
      await bus.close();
      await pglite.close();
      await coordination.close();
    },
  };
}

describe('embedded mode: six services in one process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it(
    'serves /healthz and the home page publicly, /readyz with every service dependency and /metrics on the ops app only; ' +
      'restarts on the same data',
    { timeout: 60_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'medicdraft-embedded-'));
      dirs.push(dir);
      // The process's own logger, as `npm start` builds it, writing raw JSON lines here.
      const { lines, sink } = lineSink();
      const first = await boot(dir, {}, createEmbeddedLogger({ level: 'info', destination: sink }));

      const health = await first.app.inject('/healthz');
      expect(health.json()).toEqual({ status: 'ok' });
      expect(health.headers['x-content-type-options']).toBe('nosniff');
      expect(health.headers['strict-transport-security']).toBeUndefined();
      for (const url of ['/readyz', '/metrics']) {
        const hidden = await first.app.inject(url);
        expect([url, hidden.statusCode, hidden.json()]).toEqual([url, 404, { error: 'not_found', message: 'no such route' }]);
        expect(hidden.headers['content-security-policy']).toBeDefined();
      }
      const ready = await first.ops.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      const checks = ready.json<{ checks: Record<string, string> }>().checks;
      for (const s of SERVICES) {
        expect(checks[`${s}.bus`]).toBe('ok');
        expect(checks[`${s}.database`]).toBe('ok');
      }
      expect(checks['gateway.coordination']).toBe('ok');
      const home = await first.app.inject('/');
      expect(home.statusCode).toBe(200);
      expect(home.headers['content-type']).toMatch(/text\/html/);
      expect(home.body).toContain('MedicDraft');
      const metrics = await first.ops.inject('/metrics');
      expect(metrics.body).toContain('medicdraft_http_requests_total');
      expect(metrics.body).toMatch(/medicdraft_http_requests_total\{[^}]*route="\/healthz"[^}]*\} 1/);

      // The audit consumer is live in the embedded wiring: an event lands in audit.events.
      const event = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID() };
      await first.bus.publish([{ topic: event.type, key: event.tenantId, value: encodeEvent(event) }]);
      const audit = createPgliteDatabase({ pglite: first.pglite, schema: 'audit', role: 'medicdraft_audit' });
      const count = () =>
        audit.withTenant(
          event.tenantId,
          async (tx) => (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE event_id = $1', [event.id])).rows[0]?.n,
        );
      await expect.poll(count, { timeout: 10_000 }).toBe(1);

      first.stopAccepting();
      expect((await first.ops.inject('/readyz')).statusCode).toBe(503);
      await first.close();

      // Every line is one JSON object without a repeated key, and says which service wrote it.
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.filter((l) => duplicateKeys(l).length > 0)).toEqual([]);
      const services = new Set(lines.map((l) => (JSON.parse(l) as { service?: string }).service));
      expect([...services]).toEqual(expect.arrayContaining(['readiness', 'audit', 'gateway']));

      // Second start on the same directory: migrations are already applied, data is still there.
      const second = await boot(dir);
      expect((await second.ops.inject('/readyz')).statusCode).toBe(200);
      const again = createPgliteDatabase({ pglite: second.pglite, schema: 'audit', role: 'medicdraft_audit' });
      const kept = await again.withTenant(
        event.tenantId,
        async (tx) => (await tx.query('SELECT 1 FROM events WHERE event_id = $1', [event.id])).rowCount,
      );
      expect(kept).toBe(1);
      await second.close();
    },
  );

  it('reports a failed dependency on /readyz as 503 naming the check; COOKIE_SECURE sends HSTS', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'medicdraft-embedded-'));
    dirs.push(dir);
    const node = await boot(dir, { cookieSecure: true });
    for (const url of ['/healthz', '/', '/nope'])
      expect((await node.app.inject(url)).headers['strict-transport-security'], url).toMatch(/max-age=/);
    await node.bus.close();
    const res = await node.ops.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json<{ checks: Record<string, string> }>().checks['audit.bus']).toBe('failed');
    await node.close();
  });
});

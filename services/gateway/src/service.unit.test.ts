import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import { startIngestService } from '@medicdraft/ingest';
import { DEFAULT_TENANT, startReadinessService } from '@medicdraft/readiness';
import {
  createFsObjectStore,
  createGateView,
  createLocalKeyService,
  createLogger,
  createMemoryCoordination,
  createMemoryEventBus,
  createMetrics,
} from '@medicdraft/platform';
import { createHttpApp, type RunningService } from '@medicdraft/platform/http';
import { createPgliteDatabase, openPglite } from '@medicdraft/platform/pglite';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededCredential } from './identity/seed-users.js';
import { totpAt } from './identity/totp.js';
import { startGatewayService } from './service.js';
import { scanForBoundaryLeaks, type RecordedExchange } from './testing/boundary-scan.js';
import { createMemoryEnrolmentDelivery } from './testing/memory-enrolment-delivery.js';

const CANARY = 'CANARY-PHI-Jane-Roe-1961';

/**
 * The embedded wiring: gateway, ingest and readiness started in one process on one PGlite, the
 * gateway's clients the services' API ports (as apps/embedded does).
 */
describe('gateway with in-process ingest and readiness (embedded wiring)', { timeout: 90_000 }, () => {
  const logLines: string[] = [];
  const exchanges: RecordedExchange[] = [];
  const started: [string, RunningService][] = [];
  let app: FastifyInstance;
  let dir: string;
  let close: () => Promise<void>;
  const credentials: SeededCredential[] = [];
  const T = DEFAULT_TENANT.id;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _e, cb) {
        logLines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger({ service: 'embedded-gw-test', level: 'debug', destination: sink });
    const bus = createMemoryEventBus();
    const pglite = await openPglite();
    dir = await mkdtemp(join(tmpdir(), 'medicdraft-gw-embedded-'));
    const gates = createGateView();
    const now = Date.now();
    gates.apply({
      ...sandboxGateStateFixture(T),
      version: 1,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 3_600_000).toISOString(),
    });
    const db = (name: string) => createPgliteDatabase({ pglite, schema: name, role: `medicdraft_${name}` });
    const readiness = await startReadinessService({ bus, db: db('readiness'), logger, partitions: 1 });
    started.push(['readiness', readiness]);
    const ingest = await startIngestService({
      bus,
      db: db('ingest'),
      logger,
      partitions: 1,
      internalApi: false,
      gates,
      limits: { maxAudioBytes: 1024 * 1024, maxTextBytes: 4096, dedupeWindowMs: 0 },
      objects: createFsObjectStore({ rootDir: dir, keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' }) }),
    });
    started.push(['ingest', ingest]);
    const coordination = createMemoryCoordination();
    started.push([
      'gateway',
      await startGatewayService({
        bus,
        db: db('gateway'),
        logger,
        coordination,
        partitions: 1,
        gates,
        clients: { ingest: ingest.api, readiness: readiness.api },
        seedTenants: [DEFAULT_TENANT],
        onSeeded: (c) => credentials.push(...c),
        enrolment: { delivery: createMemoryEnrolmentDelivery() },
      }),
    ]);
    app = createHttpApp({ logger, metrics: createMetrics('embedded-gw-test') });
    for (const [, s] of started) await s.routes?.(app);
    await app.ready();
    close = async () => {
      await app.close();
      for (const [, s] of started.reverse()) await s.stop();
      await bus.close();
      await pglite.close();
      await rm(dir, { recursive: true, force: true });
    };
  });
  afterAll(async () => close?.());

  const inject = async (opts: InjectOptions, callerTenant?: string) => {
    const res = await app.inject(opts);
    exchanges.push({ callerTenant, requestTenant: T, res });
    return res;
  };
  async function login(role: 'provider' | 'owner' | 'admin') {
    const c = credentials.find((x) => x.role === role)!;
    const res = await inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: {
        tenant: T,
        email: c.email,
        password: c.oneTimePassword,
        newPassword: `${c.oneTimePassword}-own`,
        ...(c.totpSecret ? { totp: totpAt(c.totpSecret, Date.now()) } : {}),
      },
    });
    expect(res.statusCode).toBe(200);
    return { cookie: `md_session=${res.cookies[0]!.value}`, 'x-csrf-token': res.json().csrfToken as string };
  }

  it('creates the demo users once and prints each credential once', () => {
    expect(credentials.map((c) => c.role)).toEqual(['provider', 'qa', 'admin', 'owner']);
    const printed = logLines.filter((l) => l.includes('demoCredential'));
    expect(printed).toHaveLength(4);
    for (const c of credentials) expect(printed.filter((l) => l.includes(c.oneTimePassword))).toHaveLength(1);
  });

  it("serves the seed's readiness screen through the real readiness service and relays its refusals", async () => {
    const owner = await login('owner');
    const screen = await inject({ method: 'GET', url: `/v1/tenants/${T}/readiness`, headers: owner }, T);
    expect(screen.statusCode).toBe(200);
    expect(screen.json()).toMatchObject({
      tenant: { id: T, displayName: 'South Metro Fire Rescue' },
      readyCount: 0,
      gateCount: 8,
      phiModeLabel: 'Disabled / synthetic-only',
    });
    const enable = await inject({ method: 'PUT', url: `/v1/tenants/${T}/phi-mode`, headers: owner, payload: { mode: 'enabled' } }, T);
    expect(enable.statusCode).toBe(409);
    expect(enable.json().error).toBe('gates_not_ready');
    const settings = await inject(
      {
        method: 'PUT',
        url: `/v1/tenants/${T}/settings`,
        headers: owner,
        payload: { baaExecuted: true, baaEvidenceRef: 'vault://legal/baa-2026' },
      },
      T,
    );
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toMatchObject({ baaExecuted: true, version: 2 });
    const badPatch = await inject(
      {
        method: 'PUT',
        url: `/v1/tenants/${T}/settings`,
        headers: owner,
        payload: { baaEvidenceRef: 'the whole agreement text with spaces' },
      },
      T,
    );
    expect(badPatch.statusCode).toBe(400);
  });

  it('stores a provider dictation through ingest in process; PHI text stays out of logs and responses', async () => {
    const provider = await login('provider');
    const created = await inject(
      {
        method: 'POST',
        url: `/v1/tenants/${T}/dictations`,
        headers: provider,
        payload: { text: `Synthetic ${CANARY} fall at home`, synthetic: true },
      },
      T,
    );
    expect(created.statusCode).toBe(202);
    const got = await inject({ method: 'GET', url: `/v1/tenants/${T}/dictations/${created.json().dictationId}`, headers: provider }, T);
    // The answer to a new dictation says whether it was a resend; the detail adds who dictated by name (the list does too).
    const { deduplicated, ...view } = created.json<{ deduplicated: boolean }>();
    expect(deduplicated).toBe(false);
    expect(got.json()).toEqual({ ...view, providerName: expect.stringMatching(/^provider@/) });
    const admin = await login('admin');
    expect(
      (await inject({ method: 'GET', url: `/v1/tenants/${T}/dictations/${created.json().dictationId}`, headers: admin }, T)).statusCode,
    ).toBe(403);
    expect(logLines.join('\n')).not.toContain(CANARY);
    expect(exchanges.map((e) => e.res.body).join('\n')).not.toContain(CANARY);
    expect(scanForBoundaryLeaks(exchanges, { tenants: [T, 'north-valley-ems'] })).toEqual([]);
  });
});

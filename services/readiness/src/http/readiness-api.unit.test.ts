import { decodeEvent, readinessApi, TOPIC } from '@medicdraft/contracts';
import { auditHeartbeatFixture } from '@medicdraft/contracts/testing';
import { createHttpApp } from '@medicdraft/platform/http';
import { createLogger, createMemoryEventBus, createMetrics, type EventBus } from '@medicdraft/platform';
import { registerInternalApi } from '@medicdraft/platform/http';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { configuredEnv } from '../gates/sandbox-inputs.js';
import { PROBE_NAMES, PROBE_OK, type ProbeResults } from '../gates/gate-inputs.js';
import { READINESS_ROLE, READINESS_SCHEMA } from '../readiness-migrations.js';
import { startReadinessService, type ReadinessService } from '../service.js';

const logger = createLogger({ service: 'readiness-routes-test', level: 'silent' });
const TENANT = 'lakeside-ems';
const ownerHeaders = {
  'x-actor-id': '7d7f0c1e-2b1a-4c3d-9e8f-00000000000a',
  'x-actor-role': 'owner',
  'x-request-id': '7d7f0c1e-2b1a-4c3d-9e8f-0000000000f1',
};
const ready = {
  baaExecuted: true,
  baaEvidenceRef: 'vault://legal/baa/lakeside',
  phiStorageEnabled: true,
  recordingStorageEnabled: true,
  reportStorageEnabled: true,
  dataUseContractRef: 'contract:lakeside-2026',
  retentionPolicy: { audio_recordings: 30, transcripts: 365, narratives_reports: 2555, reference_material: 3650, ai_artifacts: 365 },
  modelProfileId: 'lakeside-narrative',
  retrievalIndexId: 'lakeside-retrieval',
};

describe('readiness internal API over HTTP (PGlite, memory bus, every probe proven)', { timeout: 30_000 }, () => {
  let bus: EventBus;
  let pglite: PgliteHandle;
  let service: ReadinessService;
  let app: FastifyInstance;
  const put = (path: string, body: unknown, headers: Record<string, string> = ownerHeaders) =>
    app.inject({ method: 'PUT', url: `/internal/readiness/tenants/${TENANT}${path}`, headers, payload: body as object });

  beforeAll(async () => {
    bus = createMemoryEventBus();
    pglite = await openPglite();
    const proven = Object.fromEntries(PROBE_NAMES.map((n) => [n, PROBE_OK])) as unknown as ProbeResults;
    service = await startReadinessService({
      bus,
      db: createPgliteDatabase({ pglite, schema: READINESS_SCHEMA, role: READINESS_ROLE }),
      logger,
      partitions: 1,
      probes: { run: async () => proven },
      env: {
        configured: configuredEnv({
          AWS_REGION: 'r',
          AWS_HEALTHSCRIBE_INPUT_BUCKET: 'i',
          AWS_HEALTHSCRIBE_OUTPUT_BUCKET: 'o',
          AWS_HEALTHSCRIBE_KMS_KEY_ARN: 'k',
          AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: 'a',
          AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: 'g',
        }),
        databaseConfigured: true,
        productionAuthConfigured: true,
        demoStorageOnly: false,
      },
      tenants: [],
      timings: { publishIntervalMs: 60_000, probeIntervalMs: 60_000 },
    });
    app = createHttpApp({ logger, metrics: createMetrics('readiness-routes-test'), ops: { checks: () => [], accepting: () => true } });
    registerInternalApi(app, readinessApi, service.api);
    await app.ready();
    await bus.publish([
      {
        topic: TOPIC.AUDIT_HEARTBEAT,
        key: 'a',
        value: JSON.stringify({ ...auditHeartbeatFixture(), instanceId: 'a', issuedAt: new Date().toISOString(), lagTotal: 0 }),
      },
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await service?.stop();
    await bus?.close();
    await pglite?.close();
  });

  it('registers a tenant (idempotent), records settings and lets the owner switch PHI mode; errors keep their codes', async () => {
    expect((await app.inject({ method: 'GET', url: `/internal/readiness/tenants/${TENANT}` })).json()).toMatchObject({
      error: 'not_found',
    });
    const registered = await put('', { displayName: 'Lakeside EMS' });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ tenant: { id: TENANT, displayName: 'Lakeside EMS' }, phiMode: 'disabled' });
    const again = await put('', { displayName: 'Renamed' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ tenant: { displayName: 'Lakeside EMS' } });

    expect((await put('/phi-mode', { mode: 'enabled' })).json()).toMatchObject({ error: 'gates_not_ready' });
    const settings = await put('/settings', ready);
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toMatchObject({ baaExecuted: true, version: 2 });
    const enabled = await put('/phi-mode', { mode: 'enabled' });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({ phiMode: 'enabled', readyCount: 8 });
    expect((await put('/phi-mode', { mode: 'disabled' })).json()).toMatchObject({ phiMode: 'disabled' });

    expect((await put('/phi-mode', { mode: 'enabled' }, { ...ownerHeaders, 'x-actor-role': 'admin' })).statusCode).toBe(403);
    expect((await put('/settings', { baaExecuted: false }, { ...ownerHeaders, 'x-actor-role': 'provider' })).statusCode).toBe(403);
    const noActor = await put('/phi-mode', { mode: 'enabled' }, {});
    expect(noActor.statusCode).toBe(400);
    expect(noActor.json()).toMatchObject({ error: 'invalid_request' });
    expect((await put('/phi-mode', { mode: 'on' })).statusCode).toBe(400);
    expect((await put('/settings', { baaEvidenceRef: 'The agreement text pasted here' })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'PUT', url: '/internal/readiness/tenants/Not A Tenant', payload: { displayName: 'x' } })).statusCode,
    ).toBe(400);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/internal/readiness/tenants/other-tenant/settings',
          headers: ownerHeaders,
          payload: { baaExecuted: true },
        })
      ).statusCode,
    ).toBe(404);
  });

  it("puts the client's address the gateway names on tenant.settings.updated; refuses one that is not an IP address", async () => {
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'settings-address-test',
      topics: [TOPIC.TENANT_SETTINGS_UPDATED],
      handler: async (r) => (seen.push(r.value), { action: 'done' }),
    });
    const bad = await put(
      '/settings',
      { retentionPolicy: { ...ready.retentionPolicy, transcripts: 400 } },
      {
        ...ownerHeaders,
        'x-client-address': 'gateway.internal',
      },
    );
    expect(bad.statusCode).toBe(400);
    const changed = await put(
      '/settings',
      { retentionPolicy: { ...ready.retentionPolicy, transcripts: 400 } },
      {
        ...ownerHeaders,
        'x-client-address': '2001:db8::5',
      },
    );
    expect(changed.statusCode).toBe(200);
    const version = changed.json<{ version: number }>().version;
    await vi.waitFor(() => {
      const events = seen.map((v) => decodeEvent(v, TOPIC.TENANT_SETTINGS_UPDATED)).flatMap((d) => (d.ok ? [d.value] : []));
      expect(events.find((e) => e.payload.settingsVersion === version)).toMatchObject({ sourceAddress: '2001:db8::5' });
    });
  });
});

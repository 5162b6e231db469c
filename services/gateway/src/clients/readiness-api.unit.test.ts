import { DEFAULT_TENANT, startReadinessService, type ReadinessService } from '@medicdraft/readiness';
import { decodeEvent, readinessApi, ReadinessViewSchema, TOPIC, type ReadinessApi } from '@medicdraft/contracts';
import {
  createGateView,
  createLogger,
  createMemoryEventBus,
  subscribeGateView,
  type EventBus,
  type GateView,
  type Subscription,
} from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveOnLoopback } from '../testing/loopback-api.js';

const logger = createLogger({ service: 'gateway-readiness-client-test', level: 'silent' });
const owner = {
  'x-actor-id': '3f1c2a9e-5b7d-4c21-8a10-0000000000a4',
  'x-actor-role': 'owner' as const,
  'x-request-id': '3f1c2a9e-5b7d-4c21-8a10-0000000000c1',
};
const tenant = (tenantId: string) => ({ params: { tenantId } });
const T = DEFAULT_TENANT.id;

/**
 * The readiness API's contract (contracts' `readinessApi`), run against its HTTP and in-process
 * forms with the real readiness service behind them.
 */
describe('readiness API contract: HTTP and in process against the real readiness service', { timeout: 60_000 }, () => {
  let bus: EventBus;
  let pglite: PgliteHandle;
  let service: ReadinessService;
  let loopback: { close(): Promise<void> } | undefined;
  let inProcess: ReadinessApi;
  let http: ReadinessApi;
  const view: GateView = createGateView();
  const provisioned: string[] = [];
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    bus = createMemoryEventBus();
    subscriptions.push(await subscribeGateView({ bus, view, service: 'test' }));
    subscriptions.push(
      await bus.subscribe({
        groupId: 'test-provisioned',
        topics: [TOPIC.TENANT_PROVISIONED],
        handler: async (r) => {
          const e = decodeEvent(r.value);
          if (e.ok) provisioned.push(e.value.tenantId);
          return { action: 'done' };
        },
      }),
    );
    pglite = await openPglite();
    service = await startReadinessService({
      bus,
      db: createPgliteDatabase({ pglite, schema: 'readiness', role: 'medicdraft_readiness' }),
      logger,
      partitions: 1,
      internalRoutes: true,
    });
    const served = await serveOnLoopback(readinessApi, service, 'readiness');
    loopback = served;
    inProcess = service.api;
    http = served.client;
  });
  afterAll(async () => {
    for (const sub of subscriptions) await sub.close();
    await loopback?.close();
    await service?.stop();
    await bus?.close();
    await pglite?.close();
  });

  it('both adapters answer the same readiness screen; an unknown tenant is 404 not_found', async () => {
    const a = await inProcess.readiness(tenant(T));
    const b = await http.readiness(tenant(T));
    expect(Object.keys(a).sort()).toEqual(Object.keys(ReadinessViewSchema.shape).sort());
    // The engine republishes every second: version and issuedAt may move between the two reads.
    const stable = (v: object) => ({ ...v, version: 0, issuedAt: '' });
    expect(stable(b)).toEqual(stable(a));
    expect(a).toMatchObject({ tenant: { id: T }, readyCount: 0, gateCount: 8 });
    // The reference sections travel with their live state through both forms.
    expect([a.securityControls.items.length, a.dataClasses.items.length, a.resources.items.length, a.boundaries.items.length]).toEqual([
      8, 5, 7, 3,
    ]);
    expect(b.resources.items.find((r) => r.id === 'source_audio_storage')?.checklist[0]).toEqual({
      text: 'Block public access',
      state: 'not_checked',
      stateLabel: 'not checked by the system',
    });
    await expect(inProcess.readiness(tenant('no-such-tenant'))).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(http.readiness(tenant('no-such-tenant'))).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  for (const which of ['in-process', 'http'] as const) {
    it(`${which}: settings and PHI mode keep readiness codes (403 for a non-owner, 409 gates_not_ready)`, async () => {
      const client = which === 'http' ? http : inProcess;
      await expect(
        client.updateSettings({ ...tenant(T), headers: { ...owner, 'x-actor-role': 'admin' }, body: { mfaRequired: true } }),
      ).rejects.toMatchObject({
        code: 'forbidden',
        status: 403,
      });
      await expect(client.setPhiMode({ ...tenant(T), headers: owner, body: { mode: 'enabled' } })).rejects.toMatchObject({
        code: 'gates_not_ready',
        status: 409,
      });
      const before = await client.readiness(tenant(T));
      const after = await client.updateSettings({
        ...tenant(T),
        headers: owner,
        body: { retentionPolicy: { audio_recordings: which === 'http' ? 31 : 30 } },
      });
      expect(after).toMatchObject({ retentionPolicy: { audio_recordings: which === 'http' ? 31 : 30 } });
      expect((await client.readiness(tenant(T))).tenant).toEqual(before.tenant);
    });

    it(`${which}: serves the owner's maximum age for unsent browser recordings; 400 outside 1–168 hours`, async () => {
      const client = which === 'http' ? http : inProcess;
      const hours = which === 'http' ? 48 : 12;
      await expect(
        client.updateSettings({ ...tenant(T), headers: owner, body: { pendingRecordingMaxAgeHours: 169 } }),
      ).rejects.toMatchObject({ code: 'invalid_request', status: 400 });
      await client.updateSettings({ ...tenant(T), headers: owner, body: { pendingRecordingMaxAgeHours: hours } });
      expect(await client.recordingPolicy(tenant(T))).toEqual({ pendingMaxAgeHours: hours });
      await expect(client.recordingPolicy(tenant('no-such-tenant'))).rejects.toMatchObject({ code: 'not_found', status: 404 });
    });
  }

  for (const which of ['in-process', 'http'] as const) {
    it(`${which}: provisions a tenant once through readiness: tenant.provisioned, and the directory lists it`, async () => {
      const client = which === 'http' ? http : inProcess;
      const id = `provisioned-${which}`;
      await expect(client.readiness(tenant(id))).rejects.toMatchObject({ status: 404 });
      const first = await client.provisionTenant({ ...tenant(id), body: { displayName: 'Provisioned EMS' } });
      expect(first).toMatchObject({ status: 201, body: { tenant: { id, displayName: 'Provisioned EMS' } } });
      expect(await client.provisionTenant({ ...tenant(id), body: { displayName: 'Another name' } })).toMatchObject({ status: 200 });
      expect((await client.readiness(tenant(id))).tenant).toEqual({ id, displayName: 'Provisioned EMS' });
      expect((await client.tenants({})).tenants).toContainEqual({ id, displayName: 'Provisioned EMS' });
      await expect.poll(() => provisioned.filter((t) => t === id).length, { timeout: 15_000 }).toBe(1);
      await expect.poll(() => view.tenantStatus(id), { timeout: 15_000 }).toBe('known');
      expect(view.tenantStatus('never-provisioned')).toBe('unknown');
    });
  }
});

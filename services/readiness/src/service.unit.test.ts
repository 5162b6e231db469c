import {
  decodeControlMessage,
  decodeEvent,
  TOPIC,
  type GateState,
  type ReadinessGateChangedEvent,
  type TenantSettingsUpdatedEvent,
} from '@medicdraft/contracts';
import { auditHeartbeatFixture } from '@medicdraft/contracts/testing';
import {
  createGateView,
  createLogger,
  createMemoryEventBus,
  subscribeGateView,
  type EventBus,
  type Subscription,
} from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configuredEnv } from './gates/sandbox-inputs.js';
import { PROBE_OK, probeFailed, type EnvFacts, type ProbeResults } from './gates/gate-inputs.js';
import type { ReadinessProbes } from './probes/readiness-probes.port.js';
import { READINESS_ROLE, READINESS_SCHEMA } from './readiness-migrations.js';
import { startReadinessService, type ReadinessService, type ReadinessServiceDeps } from './service.js';
import { DEFAULT_TENANT, initialTenantSettings } from './settings/tenant-settings.js';

const logger = createLogger({ service: 'readiness-test', level: 'silent' });
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const TENANT = DEFAULT_TENANT.id;
const owner = { userId: '3f1c2a9e-5b7d-4c21-8a10-0000000000a4', role: 'owner' as const, requestId: '3f1c2a9e-5b7d-4c21-8a10-0000000000c1' };
const admin = { ...owner, userId: '3f1c2a9e-5b7d-4c21-8a10-0000000000a3', role: 'admin' as const };
/** A stub of the probe port whose outcomes the test sets (the engine under test is real). */
function settableProbes(): ReadinessProbes & { results: ProbeResults } {
  const results = Object.fromEntries(
    [
      'bucketsExist',
      'bucketsPublicAccessBlocked',
      'bucketsDefaultSseKms',
      'bucketsLifecycleRule',
      'kmsKeyEnabled',
      'kmsKeyRotation',
      'databaseRlsForced',
      'dataAccessRoleTrustsTranscribe',
      'auditLogGroupWithRetention',
      'auditTablesAppendOnly',
      'auditWitnessObjectLock',
      'healthscribeReachable',
      'bedrockModelAccess',
    ].map((k) => [k, PROBE_OK]),
  ) as unknown as ProbeResults;
  return { results, run: async () => ({ ...results }) };
}
const productionEnv: EnvFacts = {
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
};
const readyTenant = {
  id: 'north-valley-ems',
  displayName: 'North Valley EMS',
  settings: initialTenantSettings({
    baaExecuted: true,
    baaEvidenceRef: 'vault://legal/baa/aws-2026',
    phiStorageEnabled: true,
    recordingStorageEnabled: true,
    reportStorageEnabled: true,
    dataUseContractRef: 'docusign:envelope/8841',
    retentionPolicy: { audio_recordings: 30, transcripts: 365, narratives_reports: 2555, reference_material: 3650, ai_artifacts: 365 },
    modelProfileId: 'nvems-narrative',
    retrievalIndexId: 'nvems-retrieval',
  }),
};

describe('readiness service (memory bus, PGlite, injected clock)', { timeout: 30_000 }, () => {
  let now: number;
  let bus: EventBus;
  let pglite: PgliteHandle;
  let service: ReadinessService | undefined;
  const subs: Subscription[] = [];
  const db = () => createPgliteDatabase({ pglite, schema: READINESS_SCHEMA, role: READINESS_ROLE });
  const start = async (over: Partial<ReadinessServiceDeps> = {}) =>
    (service = await startReadinessService({
      bus,
      db: db(),
      logger,
      partitions: 3,
      clock: () => now,
      timings: { publishIntervalMs: 60_000, probeIntervalMs: 60_000, startupGraceMs: 0 },
      ...over,
    }));
  const heartbeat = (lagTotal = 0) =>
    bus.publish([
      {
        topic: TOPIC.AUDIT_HEARTBEAT,
        key: 'audit-a',
        value: JSON.stringify({ ...auditHeartbeatFixture(), instanceId: 'audit-a', issuedAt: new Date(now).toISOString(), lagTotal }),
      },
    ]);

  async function collect<T>(topic: string, decode: (v: string) => T | undefined): Promise<T[]> {
    const seen: T[] = [];
    subs.push(
      await bus.subscribe({
        groupId: `t-${topic}-${subs.length}`,
        topics: [topic],
        handler: async (r) => {
          const v = decode(r.value);
          if (v !== undefined) seen.push(v);
          return { action: 'done' };
        },
      }),
    );
    return seen;
  }
  const states = () =>
    collect(TOPIC.READINESS_GATE_STATE, (v) => {
      const p = decodeControlMessage(TOPIC.READINESS_GATE_STATE, v);
      return p.ok ? p.value : undefined;
    });
  const gateChanges = () =>
    collect(TOPIC.READINESS_GATE_CHANGED, (v) => {
      const p = decodeEvent(v, TOPIC.READINESS_GATE_CHANGED);
      return p.ok ? (p.value as ReadinessGateChangedEvent) : undefined;
    });

  beforeEach(async () => {
    now = T0;
    bus = createMemoryEventBus({ defaultPartitions: 3 });
    pglite = await openPglite();
  });
  afterEach(async () => {
    for (const s of subs.splice(0)) await s.close();
    await service?.stop();
    service = undefined;
    await bus.close();
    await pglite.close();
  });

  it(
    'given the embedded defaults, when started, then the demo tenant is the seed sandbox and the pipeline is halted until ' +
      'audit beats (fail closed)',
    async () => {
      const seen = await states();
      await start();
      const latest = await vi.waitFor(
        async () => {
          const value = await seen.filter((s) => s.tenantId === TENANT);
          expect(value.length).toBeGreaterThan(0);
          return value;
        },
        { timeout: 5_000, interval: 10 },
      );
      const state = latest.at(-1)! as Extract<GateState, { phiMode: unknown }>;
      expect(state).toMatchObject({ phiMode: 'disabled', halted: true, haltReasons: ['audit_heartbeat_stale'] });
      expect(Date.parse(state.expiresAt) - Date.parse(state.issuedAt)).toBe(3_000);
      expect(seen.find((s) => s.tenantId === '*')).toMatchObject({ halted: true, haltReasons: ['audit_heartbeat_stale'] });
      const view = await service!.readiness(TENANT);
      expect(view).toMatchObject({
        readyCount: 0,
        phiModeLabel: 'Disabled / synthetic-only',
        tenant: { displayName: 'South Metro Fire Rescue' },
      });
      expect(view.blockers.filter((b) => b.startsWith('Missing environment'))).toHaveLength(6);
    },
  );

  it(
    'given a fresh heartbeat, when it goes stale or lag passes AUDIT_MAX_LAG, then every consumer view halts, and recovers ' +
      'on the next beat',
    async () => {
      const view = createGateView({ clock: () => now });
      subs.push(await subscribeGateView({ bus, view, service: 'test' }));
      await start({ timings: { auditMaxLag: 100, publishIntervalMs: 60_000, probeIntervalMs: 60_000, startupGraceMs: 0 } });
      await heartbeat(0);
      await vi.waitFor(
        async () => {
          const d = await view.decide(TENANT, { phi: false });
          expect(d.allowed).toBe(true);
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(view.decide(TENANT, { phi: true })).toEqual({ allowed: false, reason: 'phi_mode_disabled' });

      now += 3_001;
      await service!.engine.refresh();
      await vi.waitFor(
        async () => {
          const d = await view.decide(TENANT, { phi: false });
          expect(!d.allowed).toBe(true);
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(view.current(TENANT)).toMatchObject({ halted: true, haltReasons: ['audit_heartbeat_stale'] });

      await heartbeat(101);
      await vi.waitFor(
        async () => {
          const r = await view.current(TENANT)?.haltReasons;
          expect(r?.[0]).toBe('audit_lag');
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(view.decide(TENANT, { phi: false })).toEqual({ allowed: false, reason: 'halted' });
      await heartbeat(5);
      await vi.waitFor(
        async () => {
          const d = await view.decide(TENANT, { phi: false });
          expect(d.allowed).toBe(true);
        },
        { timeout: 5_000, interval: 10 },
      );
    },
  );

  it('given the service runs, when no change happens, then it still republishes the state periodically with a fresh expiry', async () => {
    const seen = await states();
    now = Date.now();
    await start({ clock: () => Date.now(), timings: { publishIntervalMs: 50, probeIntervalMs: 60_000, startupGraceMs: 0 } });
    const tenantStates = await vi.waitFor(
      async () => {
        const value = await seen.filter((s) => s.tenantId === TENANT);
        expect(value.length).toBeGreaterThanOrEqual(4);
        return value;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(tenantStates.length).toBeGreaterThanOrEqual(4);
    expect(new Set(tenantStates.map((s) => s.version)).size).toBe(1);
    expect(new Set(tenantStates.map((s) => s.issuedAt)).size).toBeGreaterThan(1);
  });

  it(
    'given an owner, when settings change, then tenant.settings.updated names the keys (never values); other roles and free ' +
      'text are refused',
    async () => {
      const updates = await collect(TOPIC.TENANT_SETTINGS_UPDATED, (v) => {
        const p = decodeEvent(v, TOPIC.TENANT_SETTINGS_UPDATED);
        return p.ok ? (p.value as TenantSettingsUpdatedEvent) : undefined;
      });
      await start();
      await service!.updateSettings(owner, TENANT, { baaExecuted: true, baaEvidenceRef: 'vault://legal/baa/CANARY-ref-1' });
      const [event] = await vi.waitFor(
        async () => {
          const u = await updates;
          expect(u.length).toBe(1);
          return u;
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(event?.payload).toEqual({ changed: ['baa_executed', 'baa_evidence_ref'], settingsVersion: 2 });
      expect(JSON.stringify(event)).not.toContain('CANARY');
      expect((await service!.readiness(TENANT)).gates.find((g) => g.id === 'baa')?.status).toBe('ready');

      await expect(service!.updateSettings(admin, TENANT, { phiStorageEnabled: true })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(service!.updateSettings(owner, TENANT, { baaEvidenceRef: 'The agreement text pasted here' })).rejects.toMatchObject({
        code: 'invalid_request',
      });
      await expect(service!.updateSettings(owner, TENANT, { unknown: true })).rejects.toMatchObject({ code: 'invalid_request' });
      await service!.updateSettings(owner, TENANT, { baaExecuted: true });
      await new Promise((r) => setTimeout(r, 50));
      expect(updates).toHaveLength(1);
    },
  );

  it(
    'given the sandbox, when an owner tries to enable PHI mode, then it is refused (gates not ready); a non-owner is ' + 'forbidden',
    async () => {
      await start();
      await expect(service!.setPhiMode(owner, TENANT, 'enabled')).rejects.toMatchObject({ code: 'gates_not_ready', status: 409 });
      await expect(service!.setPhiMode(admin, TENANT, 'enabled')).rejects.toMatchObject({ code: 'forbidden' });
      expect((await service!.readiness(TENANT)).phiMode).toBe('disabled');
    },
  );

  it(
    'given the embedded defaults (no probes, no deployment facts), when the owner has recorded every setting and audit is ' +
      'fresh, then PHI mode is still refused: the AWS-backed gates cannot become ready, so the embedded app never handles PHI',
    async () => {
      await start({ tenants: [readyTenant] });
      await heartbeat();
      await expect(service!.setPhiMode(owner, readyTenant.id, 'enabled')).rejects.toMatchObject({ code: 'gates_not_ready', status: 409 });
      const view = await service!.readiness(readyTenant.id);
      expect(view.phiMode).toBe('disabled');
      const statusOf = (id: string) => view.gates.find((g) => g.id === id)?.status ?? 'missing';
      for (const gate of ['s3_storage', 'kms', 'healthscribe'])
        expect([gate, statusOf(gate)]).toEqual([gate, expect.not.stringMatching(/^(ready|missing)$/)]);
    },
  );

  it(
    'given a running service, when the owner switches PHI mode, then the new state is stored in the settings transaction ' +
      '(one tenant transaction, no round) and published with a higher version',
    async () => {
      const base = db();
      let tenantTransactions = 0;
      const counted = {
        ...base,
        withTenant: <T>(tenantId: string, fn: Parameters<typeof base.withTenant<T>>[1]) => {
          tenantTransactions++;
          return base.withTenant(tenantId, fn);
        },
      };
      const view = createGateView({ clock: () => now });
      subs.push(await subscribeGateView({ bus, view, service: 'test' }));
      await start({ db: counted, probes: settableProbes(), env: productionEnv, tenants: [readyTenant] });
      await heartbeat(0);
      await vi.waitFor(() => expect(view.current(readyTenant.id)?.halted).toBe(false), { timeout: 5_000, interval: 10 });
      const before = view.current(readyTenant.id)?.version ?? 0;

      for (const mode of ['enabled', 'disabled', 'enabled'] as const) {
        tenantTransactions = 0;
        expect(await service!.setPhiMode(owner, readyTenant.id, mode)).toMatchObject({ phiMode: mode });
        expect(tenantTransactions).toBe(1);
        await vi.waitFor(() => expect(view.current(readyTenant.id)?.phiMode).toBe(mode), { timeout: 5_000, interval: 10 });
      }
      expect(view.current(readyTenant.id)?.version).toBe(before + 3);
      expect(view.decide(readyTenant.id, { phi: true })).toEqual({ allowed: true });
    },
  );

  it(
    'given every gate proven, when the owner enables PHI mode and a key stops rotating, then PHI mode drops with ' +
      'readiness.gate.changed, and returns once fixed',
    async () => {
      const probes = settableProbes();
      const view = createGateView({ clock: () => now });
      subs.push(await subscribeGateView({ bus, view, service: 'test' }));
      const changes = await gateChanges();
      await start({ probes, env: productionEnv, tenants: [readyTenant] });
      await heartbeat(0);
      await vi.waitFor(
        async () => {
          const h = await view.current(readyTenant.id)?.halted;
          expect(h).toBe(false);
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(view.decide(readyTenant.id, { phi: true })).toEqual({ allowed: false, reason: 'phi_mode_disabled' });

      const enabled = await service!.setPhiMode(owner, readyTenant.id, 'enabled');
      expect(enabled).toMatchObject({ phiMode: 'enabled', readyCount: 8 });
      await vi.waitFor(
        async () => {
          const d = await view.decide(readyTenant.id, { phi: true });
          expect(d.allowed).toBe(true);
        },
        { timeout: 5_000, interval: 10 },
      );
      const toReady = await vi.waitFor(
        async () => {
          const value = await changes.filter((c) => c.payload.gateId === 'phi_mode' && c.payload.to === 'ready');
          expect(value.length).toBe(1);
          return value;
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(toReady[0]?.payload).toMatchObject({ from: 'planned', phiMode: 'enabled' });

      probes.results.kmsKeyRotation = probeFailed('misconfigured');
      await service!.engine.runProbes();
      await vi.waitFor(
        async () => {
          const d = await view.decide(readyTenant.id, { phi: true });
          expect(!d.allowed).toBe(true);
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(view.current(readyTenant.id)?.gates.kms).toMatchObject({ status: 'planned' });
      expect(view.current(readyTenant.id)?.gates.kms.evidence).toContainEqual({
        code: 'kms_key_rotation_enabled',
        ok: false,
        value: false,
      });
      const dropped = await vi.waitFor(
        async () => {
          const value = await changes.filter((c) => c.payload.to !== 'ready' && c.payload.from === 'ready');
          expect(value.length).toBe(3);
          return value;
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(dropped.map((c) => c.payload.gateId).sort()).toEqual(['healthscribe', 'kms', 'phi_mode']);
      expect(dropped.every((c) => c.payload.phiMode === 'disabled')).toBe(true);

      probes.results.kmsKeyRotation = PROBE_OK;
      await service!.engine.runProbes();
      await vi.waitFor(
        async () => {
          const d = await view.decide(readyTenant.id, { phi: true });
          expect(d.allowed).toBe(true);
        },
        { timeout: 5_000, interval: 10 },
      );
    },
  );

  it(
    'given an owner, when they set how long unsent recordings may wait in a browser, then it is bounded (1–168 hours), ' +
      'named in tenant.settings.updated, and served as the recording policy; older rows without it read as 24',
    async () => {
      const updates = await collect(TOPIC.TENANT_SETTINGS_UPDATED, (v) => {
        const p = decodeEvent(v, TOPIC.TENANT_SETTINGS_UPDATED);
        return p.ok ? (p.value as TenantSettingsUpdatedEvent) : undefined;
      });
      await start();
      expect(await service!.api.recordingPolicy({ params: { tenantId: TENANT } })).toEqual({ pendingMaxAgeHours: 24 });
      for (const bad of [0, 169, 1.5, '12'])
        await expect(service!.updateSettings(owner, TENANT, { pendingRecordingMaxAgeHours: bad })).rejects.toMatchObject({
          code: 'invalid_request',
        });
      await expect(service!.updateSettings(admin, TENANT, { pendingRecordingMaxAgeHours: 6 })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await service!.updateSettings(owner, TENANT, { pendingRecordingMaxAgeHours: 6 });
      expect(await service!.api.recordingPolicy({ params: { tenantId: TENANT } })).toEqual({ pendingMaxAgeHours: 6 });
      const [event] = await vi.waitFor(
        async () => {
          const u = await updates;
          expect(u.length).toBe(1);
          return u;
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(event).toMatchObject({ actor: { id: owner.userId }, payload: { changed: ['pending_recording_max_age'], settingsVersion: 2 } });

      await db().withTenant(TENANT, (tx) => tx.query("UPDATE tenant_settings SET settings = settings - 'pendingRecordingMaxAgeHours'"));
      expect(await service!.api.recordingPolicy({ params: { tenantId: TENANT } })).toEqual({ pendingMaxAgeHours: 24 });
      await expect(service!.api.recordingPolicy({ params: { tenantId: 'no-such-tenant' } })).rejects.toMatchObject({ code: 'not_found' });
    },
  );

  it(
    'given a restart on the same database, when it publishes again, then versions continue upwards (consumers never ignore ' +
      'the new state)',
    async () => {
      const seen = await states();
      await start();
      await service!.updateSettings(owner, TENANT, { baaExecuted: true, baaEvidenceRef: 'vault://baa' });
      const before = (await service!.readiness(TENANT)).version;
      await service!.stop();
      service = undefined;
      await start();
      const after = (await service!.readiness(TENANT)).version;
      expect(after).toBeGreaterThanOrEqual(before);
      const versions = seen.filter((s) => s.tenantId === TENANT).map((s) => s.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    },
  );
});

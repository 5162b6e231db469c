import { decodeControlMessage, TOPIC, type GateState } from '@medicdraft/contracts';
import { auditHeartbeatFixture } from '@medicdraft/contracts/testing';
import { createLogger, createMemoryEventBus, randomId, type AdminDatabase, type OutgoingRecord } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBE_NAMES, PROBE_OK, type ProbeResults } from '../gates/gate-inputs.js';
import { configuredEnv } from '../gates/sandbox-inputs.js';
import { READINESS_ROLE, READINESS_SCHEMA } from '../readiness-migrations.js';
import { startReadinessService } from '../service.js';
import { initialTenantSettings } from '../settings/tenant-settings.js';
import { ensureTenant } from '../settings/tenant-settings.store.js';
import { createAuditHealth } from './audit-health.js';
import { createGateEngine, type GateEngine } from './gate-engine.js';

const logger = createLogger({ service: 'gate-engine-test', level: 'silent' });
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const proven = Object.fromEntries(PROBE_NAMES.map((n) => [n, PROBE_OK])) as unknown as ProbeResults;
const env = {
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
/** A tenant whose owner has enabled PHI mode and recorded everything (as before a restart). */
const phiTenant = {
  id: 'harbor-ems',
  displayName: 'Harbor EMS',
  settings: initialTenantSettings({
    baaExecuted: true,
    baaEvidenceRef: 'vault://legal/baa/harbor',
    phiStorageEnabled: true,
    recordingStorageEnabled: true,
    reportStorageEnabled: true,
    dataUseContractRef: 'contract:harbor',
    retentionPolicy: { audio_recordings: 30, transcripts: 30, narratives_reports: 30, reference_material: 30, ai_artifacts: 30 },
    modelProfileId: 'harbor-model',
    retrievalIndexId: 'harbor-index',
    phiModeRequested: 'enabled',
  }),
};
const heartbeat = () => ({ ...auditHeartbeatFixture(), instanceId: 'audit-a', issuedAt: new Date(T0).toISOString(), lagTotal: 0 });

describe('gate engine start-up (a restart must not broadcast what it has not yet observed)', () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  let engine: GateEngine | undefined;
  const published: GateState[] = [];
  let releaseProbes: () => void;

  beforeAll(async () => {
    pglite = await openPglite();
    db = createPgliteDatabase({ pglite, schema: READINESS_SCHEMA, role: READINESS_ROLE });
    // The service once, for its schema and the tenant (as the previous instance left them).
    const bus = createMemoryEventBus();
    const previous = await startReadinessService({
      bus,
      db,
      logger,
      partitions: 1,
      tenants: [phiTenant],
      clock: () => T0,
      timings: { startupGraceMs: 0 },
    });
    await previous.stop();
    await bus.close();
  });
  afterAll(async () => pglite?.close());
  beforeEach(() => {
    published.length = 0;
  });
  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
  });

  function newEngine(startupGraceMs: number, directoryIntervalMs?: number): GateEngine {
    const probeRound = new Promise<ProbeResults>((resolve) => (releaseProbes = () => resolve(proven)));
    engine = createGateEngine({
      db,
      publisher: {
        publish: async (records: readonly OutgoingRecord[]) => {
          for (const r of records) {
            const parsed = decodeControlMessage(TOPIC.READINESS_GATE_STATE, r.value);
            if (parsed.ok) published.push(parsed.value);
          }
        },
      },
      probes: { run: () => probeRound },
      env,
      auditHealth: createAuditHealth({ maxAgeMs: 3_000, maxLag: 100, clock: () => T0 }),
      clock: () => T0,
      newId: randomId,
      logger,
      ttlMs: 3_000,
      publishIntervalMs: 60_000,
      probeIntervalMs: 60_000,
      startupGraceMs,
      ...(directoryIntervalMs === undefined ? {} : { directoryIntervalMs }),
    });
    return engine;
  }
  const tenantStates = () => published.filter((s) => s.tenantId === phiTenant.id) as Extract<GateState, { phiMode: unknown }>[];
  const settle = () => new Promise((r) => setTimeout(r, 50));

  it(
    'given a heartbeat during the first probe round, when the round finishes, then the first state is built on the probes: ' +
      'PHI mode stays enabled',
    async () => {
      const e = newEngine(5_000);
      const starting = e.start();
      e.observeHeartbeat(heartbeat());
      await settle();
      expect(published).toEqual([]);
      releaseProbes();
      await starting;
      await settle();
      expect(tenantStates().map((s) => [s.phiMode, s.halted])).toEqual([['enabled', false]]);
      // The global record carries the tenant directory: every provisioned tenant.
      expect(published.find((s) => s.tenantId === '*')).toMatchObject({ halted: false, tenants: tenantStates().map((s) => s.tenantId) });
    },
  );

  it(
    'given no heartbeat yet, when started, then nothing is published until the first heartbeat, which publishes the healthy ' + 'state',
    async () => {
      const e = newEngine(5_000);
      releaseProbes();
      await e.start();
      await settle();
      expect(published).toEqual([]);
      e.observeHeartbeat(heartbeat());
      await settle();
      expect(tenantStates().map((s) => [s.phiMode, s.halted])).toEqual([['enabled', false]]);
    },
  );

  it(
    'given the grace, when a caller asks for a refresh (settings, the screen), then it waits for the heartbeat rather than ' +
      'publish a halt',
    async () => {
      const e = newEngine(5_000);
      releaseProbes();
      await e.start();
      let refreshed = false;
      const refreshing = e.refresh().then(() => (refreshed = true));
      await settle();
      expect([refreshed, published]).toEqual([false, []]);
      e.observeHeartbeat(heartbeat());
      await refreshing;
      expect(tenantStates().map((s) => [s.phiMode, s.halted])).toEqual([['enabled', false]]);
      expect(e.latest(phiTenant.id)?.state.phiMode).toBe('enabled');
    },
  );

  it('given rounds a minute apart, when a tenant is provisioned, then the next directory tick lists it without a round', async () => {
    const e = newEngine(0, 20);
    e.observeHeartbeat(heartbeat());
    releaseProbes();
    await e.start();
    const directories = () => published.filter((s) => s.tenantId === '*') as Extract<GateState, { tenants?: unknown }>[];
    const newcomer = `tick-${randomId().slice(0, 8)}`;
    await ensureTenant(
      db,
      { clock: () => T0, newId: randomId },
      { id: newcomer, displayName: 'Newcomer', settings: initialTenantSettings() },
    );
    await expect.poll(() => directories().some((d) => d.tenants?.includes(newcomer)), { timeout: 5_000 }).toBe(true);
    // Ticks carry the round's halt version and no tenant state of their own.
    expect(new Set(directories().map((d) => d.version)).size).toBe(1);
    expect(tenantStates()).toHaveLength(1);
  });

  it('given no heartbeat at all, when the grace passes, then it publishes the halt (fail closed)', async () => {
    const e = newEngine(150);
    releaseProbes();
    await e.start();
    await settle();
    expect(published).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(tenantStates().map((s) => [s.phiMode, s.halted, s.haltReasons])).toEqual([['disabled', true, ['audit_heartbeat_stale']]]);
  });
});

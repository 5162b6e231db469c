import { decodeControlMessage, TOPIC, type GateState } from '@medicdraft/contracts';
import { auditHeartbeatFixture } from '@medicdraft/contracts/testing';
import { createLogger, createMemoryEventBus, randomId, type AdminDatabase, type EventBus } from '@medicdraft/platform';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROBE_NAMES, PROBE_OK, type ProbeResults } from '../gates/gate-inputs.js';
import { configuredEnv } from '../gates/sandbox-inputs.js';
import { READINESS_ROLE, READINESS_SCHEMA } from '../readiness-migrations.js';
import { startReadinessService, type ReadinessService } from '../service.js';
import { initialTenantSettings } from '../settings/tenant-settings.js';
import { writeSettings } from '../settings/tenant-settings.store.js';

const logger = createLogger({ service: 'gate-switch-race', level: 'silent' });
const proven = Object.fromEntries(PROBE_NAMES.map((n) => [n, PROBE_OK])) as unknown as ProbeResults;
const owner = { userId: '3f1c2a9e-5b7d-4c21-8a10-0000000000a4', role: 'owner' as const, requestId: '3f1c2a9e-5b7d-4c21-8a10-0000000000c1' };
const tenant = {
  id: 'race-ems',
  displayName: 'Race EMS',
  settings: initialTenantSettings({
    baaExecuted: true,
    baaEvidenceRef: 'vault://legal/baa/race',
    phiStorageEnabled: true,
    recordingStorageEnabled: true,
    reportStorageEnabled: true,
    dataUseContractRef: 'contract:race',
    retentionPolicy: { audio_recordings: 30, transcripts: 30, narratives_reports: 30, reference_material: 30, ai_artifacts: 30 },
    modelProfileId: 'race-model',
    retrievalIndexId: 'race-index',
  }),
};

describe('a round running across a staged PHI-mode switch (Postgres: two transactions at once)', { timeout: 60_000 }, () => {
  let testDb: PgTestDatabase;
  let db: AdminDatabase;
  let bus: EventBus;
  let service: ReadinessService;
  const published: GateState[] = [];

  beforeAll(async () => {
    testDb = await createPgTestDatabase(stackConfig.postgres.url);
    db = createPgDatabase({ url: testDb.url, schema: READINESS_SCHEMA, role: READINESS_ROLE, poolSize: 4 });
    bus = createMemoryEventBus();
    await bus.subscribe({
      groupId: 'race-states',
      topics: [TOPIC.READINESS_GATE_STATE],
      handler: async (r) => {
        const parsed = decodeControlMessage(TOPIC.READINESS_GATE_STATE, r.value);
        if (parsed.ok) published.push(parsed.value);
        return { action: 'done' };
      },
    });
    service = await startReadinessService({
      bus,
      db,
      logger,
      partitions: 1,
      tenants: [tenant],
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
      timings: { publishIntervalMs: 60_000, probeIntervalMs: 60_000, startupGraceMs: 0 },
    });
    await bus.publish([
      {
        topic: TOPIC.AUDIT_HEARTBEAT,
        key: 'audit-a',
        value: JSON.stringify({ ...auditHeartbeatFixture(), instanceId: 'audit-a', issuedAt: new Date().toISOString(), lagTotal: 0 }),
      },
    ]);
    await vi.waitFor(() => expect(service.engine.latest(tenant.id)?.state.halted).toBe(false), { timeout: 10_000, interval: 20 });
  });
  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    await db?.close();
    await testDb?.drop();
  });

  it('never publishes the old mode under a version above the switch, and ends on the switched mode', async () => {
    const engine = service.engine;
    const waitingOnLock = async () =>
      Number(
        (
          await db.admin((tx) =>
            tx.query<{ n: string }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            ),
          )
        ).rows[0]?.n,
      );
    let publish: (() => Promise<void>) | undefined;
    let round: Promise<void> | undefined;
    let stagedVersion = 0;
    await writeSettings(
      db,
      { clock: Date.now, newId: randomId },
      owner,
      tenant.id,
      () => ({ phiModeRequested: 'enabled' }),
      undefined,
      async (tx, next) => {
        publish = await engine.stageTenant(tx, tenant.id, next);
        stagedVersion = Number((await tx.query<{ version: string }>('SELECT version FROM gate_states')).rows[0]?.version ?? Number.NaN);
        // A round starts while the switch is still uncommitted, and must wait for it.
        round = engine.refresh();
        await expect.poll(waitingOnLock, { timeout: 10_000 }).toBeGreaterThan(0);
      },
    );
    expect(publish).toBeDefined();
    await publish?.();
    await round;
    await expect.poll(() => published.some((s) => s.tenantId === tenant.id && s.version === stagedVersion)).toBe(true);
    const tenantStates = published.filter((s): s is Extract<GateState, { phiMode: unknown }> => s.tenantId === tenant.id);
    expect(tenantStates.filter((s) => s.version >= stagedVersion).map((s) => s.phiMode)).not.toContain('disabled');
    expect(engine.latest(tenant.id)?.state).toMatchObject({ version: stagedVersion, phiMode: 'enabled' });
  });
});

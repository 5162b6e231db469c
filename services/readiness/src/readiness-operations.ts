import { PhiModeSchema, type PhiMode } from '@medicdraft/contracts';
import { AppError, NotFoundError, ValidationError, type Clock, type Database, type IdGenerator } from '@medicdraft/platform';
import type { GateEngine } from './broadcast/gate-engine.js';
import { buildReadinessView, type ReadinessView } from './gates/readiness-view.js';
import {
  assertPermission,
  ensureTenant,
  listTenants,
  loadSettings,
  parseSettingsPatch,
  writeSettings,
  type SettingsActor,
} from './settings/tenant-settings.store.js';
import { initialTenantSettings, type TenantSettings } from './settings/tenant-settings.js';

/** Enabling PHI mode was refused: some other gate or tenant control is not ready. */
export class GatesNotReadyError extends AppError {
  constructor() {
    super('gates_not_ready', 'PHI mode can be enabled only while every other gate and tenant control is ready', { status: 409 });
  }
}

/**
 * What the gateway calls (in-process in the embedded mode; through its own routes later):
 * the readiness screen, owner settings and the PHI mode switch. Permissions are checked here
 * too — `tenant:manage` for settings, `security:manage_phi_gates` for PHI mode (both owner-only
 * in seed 000) — because these are the inputs of every PHI gate.
 */
export interface ReadinessOperations {
  readiness(tenantId: string): Promise<ReadinessView>;
  updateSettings(actor: SettingsActor, tenantId: string, patch: unknown): Promise<TenantSettings>;
  /** Records the owner's request; enabling requires every other gate and control to be ready now. */
  setPhiMode(actor: SettingsActor, tenantId: string, mode: PhiMode): Promise<ReadinessView>;
  /** The owner's limit for unsent recordings kept in browsers (the recorder asks through the gateway). */
  recordingPolicy(tenantId: string): Promise<{ pendingMaxAgeHours: number }>;
  /** The one provisioning path (internal API, `medicdraft-tenants` CLI): true when it was new. */
  registerTenant(tenant: { id: string; displayName: string }): Promise<boolean>;
  /** The tenant directory, in id order. */
  tenants(): Promise<{ id: string; displayName: string }[]>;
}

export function createReadinessOperations(deps: {
  db: Database;
  engine: GateEngine;
  clock: Clock;
  newId: IdGenerator;
}): ReadinessOperations {
  const { db, engine } = deps;
  const ids = { clock: deps.clock, newId: deps.newId };

  async function readiness(tenantId: string): Promise<ReadinessView> {
    if (engine.latest(tenantId) === undefined) await engine.refresh();
    const latest = engine.latest(tenantId);
    if (latest === undefined) throw new NotFoundError('unknown tenant');
    return buildReadinessView(latest.state, latest.displayName);
  }

  return {
    readiness,
    async updateSettings(actor, tenantId, patch) {
      assertPermission(actor, 'tenant:manage');
      const parsed = parseSettingsPatch(patch);
      let publish: (() => Promise<void>) | undefined;
      const settings = await writeSettings(
        db,
        ids,
        actor,
        tenantId,
        () => parsed,
        undefined,
        async (tx, next) => {
          publish = await engine.stageTenant(tx, tenantId, next);
        },
      );
      await (publish ?? engine.refresh)();
      return settings;
    },
    async setPhiMode(actor, tenantId, mode) {
      assertPermission(actor, 'security:manage_phi_gates');
      if (!PhiModeSchema.safeParse(mode).success) throw new ValidationError('mode must be enabled or disabled');
      let publish: (() => Promise<void>) | undefined;
      await writeSettings(
        db,
        ids,
        actor,
        tenantId,
        () => ({ phiModeRequested: mode }),
        async (_tx, next) => {
          if (mode === 'enabled' && engine.evaluate(next).gates.phi_mode.status !== 'ready') throw new GatesNotReadyError();
        },
        // The new state is stored in the settings transaction and published right after it.
        async (tx, next) => {
          publish = await engine.stageTenant(tx, tenantId, next);
        },
      );
      await (publish ?? engine.refresh)();
      return readiness(tenantId);
    },
    async registerTenant(tenant) {
      const created = await ensureTenant(db, ids, { ...tenant, settings: initialTenantSettings() });
      await engine.refresh();
      return created;
    },
    tenants: () => listTenants(db),
    recordingPolicy: async (tenantId) => ({
      pendingMaxAgeHours: (await db.withTenant(tenantId, (tx) => loadSettings(tx))).pendingRecordingMaxAgeHours,
    }),
  };
}

import {
  hasPermission,
  PENDING_RECORDING_MAX_AGE_HOURS,
  PendingRecordingMaxAgeHoursSchema,
  type Permission,
  type Role,
  type TenantSettingKey,
  toRecord,
} from '@medicdraft/contracts';
import {
  appendToOutbox,
  AppError,
  buildEvent,
  type Clock,
  type Database,
  ForbiddenError,
  type IdGenerator,
  NotFoundError,
  type Queryable,
  ValidationError,
} from '@medicdraft/platform';
import { z } from 'zod';
import { SETTING_KEYS, TenantSettingsPatchSchema, type TenantSettings, type TenantSettingsPatch } from './tenant-settings.js';

/** Who asks for a settings change: the gateway passes the verified session's user and role. */
export interface SettingsActor {
  userId: string;
  role: Role;
  /** The request id (uuid), used as the events' correlation id. */
  requestId: string;
  /** The client's address as the gateway saw it: the settings event carries it. */
  sourceAddress?: string;
}

// Rows written before the recording age became a setting lack it: they read as the default.
const StoredSettingsSchema = TenantSettingsPatchSchema.required().extend({
  phiModeRequested: z.enum(['disabled', 'enabled']),
  pendingRecordingMaxAgeHours: PendingRecordingMaxAgeHoursSchema.default(PENDING_RECORDING_MAX_AGE_HOURS.default),
});

export function assertPermission(actor: SettingsActor, permission: Permission): void {
  // Checked again here although the gateway checks first: the settings are the PHI gates' inputs.
  if (!hasPermission(actor.role, permission)) throw new ForbiddenError(`${permission} required`);
}

/**
 * Provisions a tenant with its initial settings; a no-op for a tenant that exists. The settings
 * row and `tenant.provisioned` commit together, so the event is recorded exactly once per tenant
 * even if a first attempt died between the directory row and the settings. Returns whether this
 * call provisioned it.
 */
export async function ensureTenant(
  db: Database,
  ids: { clock: Clock; newId: IdGenerator },
  tenant: { id: string; displayName: string; settings: TenantSettings },
  correlationId: string = ids.newId(),
): Promise<boolean> {
  await db.withSystem((tx) =>
    tx.query('INSERT INTO tenants (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [tenant.id, tenant.displayName]),
  );
  const { version, ...settings } = tenant.settings;
  return db.withTenant(tenant.id, async (tx) => {
    const inserted = await tx.query(
      'INSERT INTO tenant_settings (tenant_id, version, settings) VALUES ($1, $2, $3::jsonb) ' +
        'ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id',
      [tenant.id, version, JSON.stringify(settings)],
    );
    if (inserted.rowCount === 0) return false;
    const event = buildEvent(
      'tenant.provisioned',
      { tenantId: tenant.id, actor: { type: 'service', id: 'readiness' }, correlationId, payload: {} },
      ids,
    );
    await appendToOutbox(tx, [toRecord(event)]);
    return true;
  });
}

export async function listTenants(db: Database): Promise<{ id: string; displayName: string }[]> {
  return db.withSystem(async (tx) =>
    (await tx.query<{ id: string; display_name: string }>('SELECT id, display_name FROM tenants ORDER BY id')).rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
    })),
  );
}

/** The tenant's settings inside the caller's `withTenant` transaction; `forUpdate` locks the row. */
export async function loadSettings(tx: Queryable, opts: { forUpdate?: boolean } = {}): Promise<TenantSettings> {
  const { rows } = await tx.query<{ version: number; settings: unknown }>(
    `SELECT version, settings FROM tenant_settings${opts.forUpdate ? ' FOR UPDATE' : ''}`,
  );
  const row = rows[0];
  if (row === undefined) throw new NotFoundError('unknown tenant');
  const parsed = StoredSettingsSchema.safeParse(row.settings);
  // A stored row that no longer parses is a deployment fault, not input: refuse to guess.
  if (!parsed.success) throw new AppError('settings_corrupt', 'stored tenant settings are invalid');
  return { version: row.version, ...parsed.data } as TenantSettings;
}

/**
 * Applies `change` to the tenant's settings in one transaction: lock, compare, write version+1
 * and append `tenant.settings.updated` (changed keys only, never values) to the outbox. No event
 * and no new version when nothing changed. Returns the settings after the change.
 */
export async function writeSettings(
  db: Database,
  deps: { clock: Clock; newId: IdGenerator },
  actor: SettingsActor,
  tenantId: string,
  change: (current: TenantSettings) => Partial<TenantSettings>,
  check?: (tx: Queryable, next: TenantSettings) => Promise<void>,
  /** Runs in the same transaction after a change is written (not when nothing changed). */
  written?: (tx: Queryable, next: TenantSettings) => Promise<void>,
): Promise<TenantSettings> {
  return db.withTenant(tenantId, async (tx) => {
    const current = await loadSettings(tx, { forUpdate: true });
    const next: TenantSettings = { ...current, ...change(current) };
    const changed = (Object.keys(SETTING_KEYS) as (keyof typeof SETTING_KEYS)[]).filter(
      (k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]),
    );
    if (changed.length === 0) return current;
    await check?.(tx, next);
    next.version = current.version + 1;
    const { version, ...stored } = next;
    await tx.query('UPDATE tenant_settings SET version = $1, settings = $2::jsonb, updated_at = now(), updated_by = $3', [
      version,
      JSON.stringify(stored),
      actor.userId,
    ]);
    const event = buildEvent(
      'tenant.settings.updated',
      {
        tenantId,
        actor: { type: 'user', id: actor.userId, role: actor.role },
        correlationId: actor.requestId,
        ...(actor.sourceAddress === undefined ? {} : { sourceAddress: actor.sourceAddress }),
        payload: { changed: changed.map((k) => SETTING_KEYS[k]) as [TenantSettingKey, ...TenantSettingKey[]], settingsVersion: version },
      },
      { clock: deps.clock, newId: deps.newId },
    );
    await appendToOutbox(tx, [toRecord(event)]);
    await written?.(tx, next);
    return next;
  });
}

/** Validates an owner's patch (strict: unknown fields and free text are rejected). */
export function parseSettingsPatch(input: unknown): TenantSettingsPatch {
  const parsed = TenantSettingsPatchSchema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(`invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join(', ')}`);
  return parsed.data;
}

import { randomUUID } from 'node:crypto';
import { readinessApi, type PhiMode, type ReadinessView, type Role } from '@medicdraft/contracts';
import { createHttpClient } from '@medicdraft/platform';
import type { TenantSettingsPatch } from '../settings/tenant-settings.js';

/** What a drill does with a readiness process through its internal API. */
export interface InternalReadinessClient {
  registerTenant(tenantId: string, displayName: string): Promise<ReadinessView>;
  /** As an owner; a refusal throws the service's AppError (`code`, `status`). */
  updateSettings(tenantId: string, patch: TenantSettingsPatch): Promise<unknown>;
  setPhiMode(tenantId: string, mode: PhiMode): Promise<ReadinessView>;
  readiness(tenantId: string): Promise<ReadinessView>;
}

/**
 * TEST HELPER (e2e drills, benchmarks): calls a readiness stack process as the gateway would
 * (the generic client of contracts' `readinessApi`), acting as a fixed owner. Errors are the
 * service's AppErrors (`code`, `status`). Never imported by runtime code.
 */
export function internalReadinessClient(
  baseUrl: string,
  owner: { userId: string; role: Role } = { userId: randomUUID(), role: 'owner' },
): InternalReadinessClient {
  const api = createHttpClient(readinessApi, { baseUrl, service: 'readiness' });
  const target = (tenantId: string) => ({
    params: { tenantId },
    headers: { 'x-actor-id': owner.userId, 'x-actor-role': owner.role, 'x-request-id': randomUUID() },
  });
  return {
    registerTenant: async (tenantId, displayName) => (await api.provisionTenant({ params: { tenantId }, body: { displayName } })).body,
    updateSettings: (tenantId, patch) => api.updateSettings({ ...target(tenantId), body: patch }),
    setPhiMode: (tenantId, mode) => api.setPhiMode({ ...target(tenantId), body: { mode } }),
    readiness: (tenantId) => api.readiness({ params: { tenantId } }),
  };
}

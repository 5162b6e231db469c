import { hasPermission, type Permission } from '@medicdraft/contracts';
import { ForbiddenError, NotFoundError } from '@medicdraft/platform';
import type { ReadinessActor, ReadinessClient, ReadinessScreen } from '../clients/readiness-client.port.js';

/** In-memory ReadinessClient for the gateway's tests: a sandbox screen per known tenant, owner-only writes. */
export function createMemoryReadinessClient(initial: readonly { id: string; displayName: string }[]): ReadinessClient {
  const tenants = [...initial];
  const settings = new Map<string, Record<string, unknown>>(tenants.map((t) => [t.id, { version: 1 }]));
  const screen = (tenantId: string): ReadinessScreen => {
    const t = tenants.find((x) => x.id === tenantId);
    if (t === undefined) throw new NotFoundError('unknown tenant');
    return {
      tenant: { id: t.id, displayName: t.displayName },
      phiMode: 'disabled',
      phiModeLabel: 'Disabled / synthetic-only',
      readyCount: 0,
      gateCount: 8,
    };
  };
  const check = (a: ReadinessActor, p: Permission) => {
    if (!hasPermission(a.role, p)) throw new ForbiddenError(`${p} required`);
  };
  return {
    readiness: async (t) => screen(t),
    async updateSettings(a, t, patch) {
      check(a, 'tenant:manage');
      const next = { ...settings.get(t), ...(patch as object), version: Number(settings.get(t)?.['version'] ?? 0) + 1 };
      settings.set(t, next);
      return next;
    },
    async setPhiMode(a, t) {
      check(a, 'security:manage_phi_gates');
      return screen(t);
    },
    async provisionTenant(tenant) {
      if (!tenants.some((t) => t.id === tenant.id)) tenants.push({ ...tenant });
      settings.set(tenant.id, settings.get(tenant.id) ?? { version: 1 });
    },
  };
}

import type { PhiMode } from '@medicdraft/contracts';
import { errorFromResponse, internalFetch } from './internal-http.js';
import type { ReadinessActor, ReadinessClient, ReadinessScreen } from './readiness-client.port.js';

/** The part of readiness's `ReadinessOperations` the gateway calls (structural: no package dependency). */
export interface InProcessReadiness {
  readiness(tenantId: string): Promise<object>;
  updateSettings(actor: ReadinessActor, tenantId: string, patch: unknown): Promise<object>;
  setPhiMode(actor: ReadinessActor, tenantId: string, mode: PhiMode): Promise<object>;
  registerTenant(tenant: { id: string; displayName: string }): Promise<boolean>;
}

/** Embedded mode: the readiness service's operations in the same process. */
export function createInProcessReadinessClient(ops: InProcessReadiness): ReadinessClient {
  return {
    readiness: async (t) => (await ops.readiness(t)) as ReadinessScreen,
    updateSettings: async (a, t, patch) => (await ops.updateSettings(a, t, patch)) as Record<string, unknown>,
    setPhiMode: async (a, t, mode) => (await ops.setPhiMode(a, t, mode)) as ReadinessScreen,
    provisionTenant: async (tenant) => void (await ops.registerTenant(tenant)),
  };
}

/** Stack mode: readiness's internal HTTP routes (see the port's contract). */
export function createHttpReadinessClient(opts: { baseUrl: string }): ReadinessClient {
  const path = (t: string, rest = '') => `/internal/readiness/tenants/${encodeURIComponent(t)}${rest}`;
  const headers = (a: ReadinessActor) => ({
    'x-actor-id': a.userId,
    'x-actor-role': a.role,
    'x-request-id': a.requestId,
    'content-type': 'application/json',
  });
  async function json<T>(res: Response, what: string): Promise<T> {
    if (res.status !== 200) throw await errorFromResponse(res, 'readiness', what);
    return (await res.json()) as T;
  }
  return {
    readiness: async (t) => json(await internalFetch(opts.baseUrl, path(t), { method: 'GET' }, 'readiness'), 'the readiness screen'),
    updateSettings: async (a, t, patch) =>
      json(
        await internalFetch(
          opts.baseUrl,
          path(t, '/settings'),
          { method: 'PUT', headers: headers(a), body: JSON.stringify(patch) },
          'readiness',
        ),
        'updating tenant settings',
      ),
    setPhiMode: async (a, t, mode) =>
      json(
        await internalFetch(
          opts.baseUrl,
          path(t, '/phi-mode'),
          { method: 'PUT', headers: headers(a), body: JSON.stringify({ mode }) },
          'readiness',
        ),
        'switching PHI mode',
      ),
    async provisionTenant(tenant) {
      const res = await internalFetch(
        opts.baseUrl,
        path(tenant.id),
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ displayName: tenant.displayName }) },
        'readiness',
      );
      if (res.status !== 200 && res.status !== 201) throw await errorFromResponse(res, 'readiness', 'provisioning a tenant');
      await res.body?.cancel();
    },
  };
}

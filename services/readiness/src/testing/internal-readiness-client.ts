import { randomUUID } from 'node:crypto';
import type { PhiMode } from '@medicdraft/contracts';
import type { ReadinessView } from '../gates/readiness-view.js';
import type { TenantSettingsPatch } from '../settings/tenant-settings.js';

/** What a drill does with a readiness process: the internal routes of http/readiness-routes.ts. */
export interface InternalReadinessClient {
  registerTenant(tenantId: string, displayName: string): Promise<ReadinessView>;
  /** As an owner; throws with the answer's code on anything but 200. */
  updateSettings(tenantId: string, patch: TenantSettingsPatch): Promise<unknown>;
  setPhiMode(tenantId: string, mode: PhiMode): Promise<ReadinessView>;
  readiness(tenantId: string): Promise<ReadinessView>;
}

/**
 * TEST HELPER (e2e drills, benchmarks): calls a readiness stack process as the gateway would,
 * acting as a fixed owner. Never imported by runtime code.
 */
export function internalReadinessClient(baseUrl: string, owner = { userId: randomUUID(), role: 'owner' }): InternalReadinessClient {
  const url = (tenantId: string, rest = '') => new URL(`/internal/readiness/tenants/${encodeURIComponent(tenantId)}${rest}`, baseUrl);
  const headers = () => ({
    'content-type': 'application/json',
    'x-actor-id': owner.userId,
    'x-actor-role': owner.role,
    'x-request-id': randomUUID(),
  });
  async function call<T>(method: 'GET' | 'PUT', target: URL, body?: unknown): Promise<T> {
    const res = await fetch(target, { method, headers: headers(), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok)
      throw Object.assign(new Error(`readiness ${method} ${target.pathname}: ${res.status} ${json.error ?? ''}`), {
        status: res.status,
        code: json.error,
      });
    return json;
  }
  return {
    registerTenant: (t, displayName) => call('PUT', url(t), { displayName }),
    updateSettings: (t, patch) => call('PUT', url(t, '/settings'), patch),
    setPhiMode: (t, mode) => call('PUT', url(t, '/phi-mode'), { mode }),
    readiness: (t) => call('GET', url(t)),
  };
}

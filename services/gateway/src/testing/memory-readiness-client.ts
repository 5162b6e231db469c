import {
  hasPermission,
  PENDING_RECORDING_MAX_AGE_HOURS,
  type Permission,
  type ReadinessActorInput,
  type ReadinessApi,
} from '@medicdraft/contracts';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import { ForbiddenError, NotFoundError } from '@medicdraft/platform';
import { buildReadinessView } from '@medicdraft/readiness';

/** In-memory readiness API for the gateway's tests: a sandbox screen per known tenant, owner-only writes. */
export function createMemoryReadinessClient(initial: readonly { id: string; displayName: string }[]): ReadinessApi {
  const tenants = [...initial];
  const settings = new Map<string, { version: number; [key: string]: unknown }>(tenants.map((t) => [t.id, { version: 1 }]));
  const screen = (tenantId: string) => {
    const t = tenants.find((x) => x.id === tenantId);
    if (t === undefined) throw new NotFoundError('unknown tenant');
    return buildReadinessView(sandboxGateStateFixture(t.id), t.displayName);
  };
  const check = ({ headers }: ReadinessActorInput, p: Permission) => {
    if (!hasPermission(headers['x-actor-role'], p)) throw new ForbiddenError(`${p} required`);
  };
  return {
    readiness: async ({ params }) => screen(params.tenantId),
    tenants: async () => ({ tenants: [...tenants] }),
    async updateSettings(input) {
      check(input, 'tenant:manage');
      const t = input.params.tenantId;
      const next = { ...settings.get(t), ...input.body, version: (settings.get(t)?.version ?? 0) + 1 };
      settings.set(t, next);
      return next;
    },
    async recordingPolicy({ params }) {
      screen(params.tenantId);
      const hours = settings.get(params.tenantId)?.['pendingRecordingMaxAgeHours'];
      return { pendingMaxAgeHours: typeof hours === 'number' ? hours : PENDING_RECORDING_MAX_AGE_HOURS.default };
    },
    async setPhiMode(input) {
      check(input, 'security:manage_phi_gates');
      return screen(input.params.tenantId);
    },
    async provisionTenant({ params, body }) {
      const created = !tenants.some((t) => t.id === params.tenantId);
      if (created) tenants.push({ id: params.tenantId, displayName: body.displayName });
      settings.set(params.tenantId, settings.get(params.tenantId) ?? { version: 1 });
      return { status: created ? 201 : 200, body: screen(params.tenantId) };
    },
  };
}

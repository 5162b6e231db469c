import type { ReadinessActorInput, ReadinessApi } from '@medicdraft/contracts';
import type { ReadinessOperations } from '../readiness-operations.js';
import type { SettingsActor } from '../settings/tenant-settings.store.js';

const actorOf = ({ headers }: ReadinessActorInput): SettingsActor => ({
  userId: headers['x-actor-id'],
  role: headers['x-actor-role'],
  requestId: headers['x-request-id'],
  ...(headers['x-client-address'] === undefined ? {} : { sourceAddress: headers['x-client-address'] }),
});

/**
 * The readiness operations as the readiness API's port (contracts' `readinessApi`): served over
 * HTTP on the stack process only (its port is for operators and the gateway, never public), called
 * in process by the embedded gateway. Bodies carry statuses and coded evidence only.
 */
export function createReadinessApi(ops: ReadinessOperations): ReadinessApi {
  return {
    readiness: ({ params }) => ops.readiness(params.tenantId),
    tenants: async () => ({ tenants: await ops.tenants() }),
    async provisionTenant({ params, body }) {
      const created = await ops.registerTenant({ id: params.tenantId, displayName: body.displayName });
      return { status: created ? 201 : 200, body: await ops.readiness(params.tenantId) };
    },
    updateSettings: async (input) => ({ ...(await ops.updateSettings(actorOf(input), input.params.tenantId, input.body)) }),
    recordingPolicy: ({ params }) => ops.recordingPolicy(params.tenantId),
    setPhiMode: (input) => ops.setPhiMode(actorOf(input), input.params.tenantId, input.body.mode),
  };
}

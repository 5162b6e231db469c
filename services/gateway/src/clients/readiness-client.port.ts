import type { PhiMode, Role } from '@medicdraft/contracts';

/** The verified session's user, passed to readiness, which re-checks the permission itself. */
export interface ReadinessActor {
  userId: string;
  role: Role;
  /** The request id (uuid): the correlation id of the events readiness emits. */
  requestId: string;
}

/** The readiness screen JSON (services/readiness `ReadinessView`): statuses and coded evidence only. */
export type ReadinessScreen = {
  tenant: { id: string; displayName: string };
  phiMode: string;
  readyCount: number;
  gateCount: number;
} & Record<string, unknown>;

/**
 * The gateway's view of the readiness service. Implementers: in-process (embedded: the service's
 * `ReadinessOperations`) and HTTP (stack: readiness's internal routes under
 * `/internal/readiness/tenants/:tenantId` — `GET` (exists), `PUT …/settings` with the patch as the
 * JSON body and `PUT …/phi-mode` with `{mode}`, both with headers `x-actor-id`, `x-actor-role`,
 * `x-request-id`; a route readiness does not offer yet answers 503 not_available).
 * Contract: errors keep readiness's codes (403 forbidden, 409 gates_not_ready, 400, 404).
 */
export interface ReadinessClient {
  readiness(tenantId: string): Promise<ReadinessScreen>;
  updateSettings(actor: ReadinessActor, tenantId: string, patch: unknown): Promise<Record<string, unknown>>;
  setPhiMode(actor: ReadinessActor, tenantId: string, mode: PhiMode): Promise<ReadinessScreen>;
  /** Provisions a tenant through readiness, the one provisioning path (`PUT …/tenants/:id`); idempotent. */
  provisionTenant(tenant: { id: string; displayName: string }): Promise<void>;
}

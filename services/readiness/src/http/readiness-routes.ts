import { TenantIdSchema } from '@medicdraft/contracts';
import { ValidationError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import type { ReadinessOperations } from '../readiness-operations.js';

/** Prefix of the readiness service's own routes: internal network only, no authentication. */
export const INTERNAL_PREFIX = '/internal/readiness';

/**
 * INTERNAL ONLY. `GET /internal/readiness/tenants/:tenantId` → the tenant's readiness screen as
 * JSON. There is no authentication here: the route is registered only on the stack process (its
 * HTTP port is for operators and the gateway, never exposed publicly), not on the embedded app,
 * whose port is public. Users reach readiness through the gateway's authenticated
 * `GET /v1/tenants/:t/readiness`. The body carries statuses and coded evidence only, never
 * bucket names, key ids or role ARNs.
 */
export function registerReadinessRoutes(app: FastifyInstance, ops: ReadinessOperations): void {
  app.get<{ Params: { tenantId: string } }>(`${INTERNAL_PREFIX}/tenants/:tenantId`, async (req) => {
    const tenantId = TenantIdSchema.safeParse(req.params.tenantId);
    if (!tenantId.success) throw new ValidationError('invalid tenant id');
    return ops.readiness(tenantId.data);
  });
}

import { PhiModeSchema, RoleSchema, TenantIdSchema } from '@medicdraft/contracts';
import { ValidationError } from '@medicdraft/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ReadinessOperations } from '../readiness-operations.js';
import type { SettingsActor } from '../settings/tenant-settings.store.js';

/** Prefix of the readiness service's own routes: internal network only, no authentication. */
export const INTERNAL_PREFIX = '/internal/readiness';

const TenantParams = z.object({ tenantId: TenantIdSchema });
const ActorHeaders = z.object({ 'x-actor-id': z.uuid(), 'x-actor-role': RoleSchema, 'x-request-id': z.uuid() });
const PhiModeBody = z.strictObject({ mode: PhiModeSchema });
const TenantBody = z.strictObject({ displayName: z.string().trim().min(1).max(200) });

// Fixed messages: zod's would echo the input.
function parse<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(message);
  return result.data;
}
const tenantOf = (req: FastifyRequest) => parse(TenantParams, req.params, 'invalid tenant id').tenantId;
function actorOf(req: FastifyRequest): SettingsActor {
  const h = parse(ActorHeaders, req.headers, 'x-actor-id (uuid), x-actor-role and x-request-id (uuid) are required');
  return { userId: h['x-actor-id'], role: h['x-actor-role'], requestId: h['x-request-id'] };
}

/**
 * INTERNAL ONLY: registered on the stack process alone (its HTTP port is for operators and the
 * gateway, never exposed publicly), not on the embedded app, whose port is public. No
 * authentication here: the gateway authenticates the session and passes the verified user in
 * `x-actor-id` / `x-actor-role` / `x-request-id`; readiness re-checks the permission
 * (`tenant:manage`, `security:manage_phi_gates`). Bodies carry statuses and coded evidence only,
 * never bucket names, key ids or role ARNs. Errors: `{ error, message }`.
 *
 * GET /internal/readiness/tenants/:tenantId            → 200 readiness screen | 404
 * GET /internal/readiness/tenants                       → 200 `{tenants: [{id, displayName}]}` (the directory)
 * PUT /internal/readiness/tenants/:tenantId             `{displayName}` → 201 screen (provisioned) | 200 (existed). Registers the
 *     tenant (operator provisioning; idempotent, an existing tenant keeps its name and settings).
 * PUT /internal/readiness/tenants/:tenantId/settings    settings patch, actor headers → 200 settings
 *     | 400 | 403 forbidden | 404
 * PUT /internal/readiness/tenants/:tenantId/phi-mode    `{mode}`, actor headers → 200 screen
 *     | 400 | 403 | 404 | 409 gates_not_ready
 */
export function registerReadinessRoutes(app: FastifyInstance, ops: ReadinessOperations): void {
  const tenantPath = `${INTERNAL_PREFIX}/tenants/:tenantId`;
  app.get(tenantPath, async (req) => ops.readiness(tenantOf(req)));

  app.put(tenantPath, async (req, reply) => {
    const tenantId = tenantOf(req);
    const { displayName } = parse(TenantBody, req.body, 'expected {"displayName": string}');
    const created = await ops.registerTenant({ id: tenantId, displayName });
    return reply.code(created ? 201 : 200).send(await ops.readiness(tenantId));
  });

  app.get(`${INTERNAL_PREFIX}/tenants`, async () => ({ tenants: await ops.tenants() }));

  app.put(`${tenantPath}/settings`, async (req) => ops.updateSettings(actorOf(req), tenantOf(req), req.body));

  app.put(`${tenantPath}/phi-mode`, async (req) => {
    const actor = actorOf(req);
    const { mode } = parse(PhiModeBody, req.body, 'expected {"mode": "enabled" | "disabled"}');
    return ops.setPhiMode(actor, tenantOf(req), mode);
  });
}

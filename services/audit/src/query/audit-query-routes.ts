import { DOMAIN_TOPICS, StorableDateTimeSchema, TenantIdSchema } from '@medicdraft/contracts';
import { ValidationError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditQuery } from './audit-query.js';

/**
 * INTERNAL API of the audit service — called by the gateway only (which checks the session, the
 * `audit:view` permission and that the path's tenant is the session's); never mounted on the
 * public (embedded) port. Read-only: no route writes, and none can delete (the role has no
 * UPDATE/DELETE grant and triggers refuse them). Errors: `{ error, message }`.
 *
 * GET /internal/v1/tenants/{tenantId}/audit/events?after=seq&limit=1..500&type=a,b&from=iso&to=iso
 *   200 { records: AuditRecordView[], nextAfter?: number } in chain order; `type` is a
 *   comma-separated list of domain event types; from ≤ occurredAt < to. 400 on a bad query.
 * GET /internal/v1/tenants/{tenantId}/audit/checkpoints/latest
 *   200 CheckpointView (signed tree head + the public key it verifies under) | 404 none yet
 * GET /internal/v1/tenants/{tenantId}/audit/proof/{eventId}
 *   200 InclusionProofView (against the smallest signed checkpoint holding the event) | 404 not
 *   found (absent, another tenant's, or not yet covered by a checkpoint)
 * A store whose signature or proof fails verification answers 500 audit_integrity.
 */
export const INTERNAL_AUDIT_PATH = '/internal/v1/tenants/:tenantId/audit';

const TenantParams = z.object({ tenantId: TenantIdSchema });
const ProofParams = z.object({ tenantId: TenantIdSchema, eventId: z.uuid() });
const TypeList = z
  .string()
  .max(2_000)
  .transform((s) => s.split(',').filter((t) => t !== ''))
  .pipe(z.array(z.enum(DOMAIN_TOPICS)).max(DOMAIN_TOPICS.length));
const ListQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  type: TypeList.optional(),
  from: StorableDateTimeSchema.optional(),
  to: StorableDateTimeSchema.optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(message);
  return result.data;
}

export function registerAuditQueryRoutes(app: FastifyInstance, query: AuditQuery): void {
  app.get(`${INTERNAL_AUDIT_PATH}/events`, async (req) => {
    const { tenantId } = parse(TenantParams, req.params, 'invalid tenant id');
    const q = parse(
      ListQuery,
      req.query,
      'query: after (seq), limit (1-500), type (event types, comma-separated), from/to (ISO 8601) are the only parameters',
    );
    return query.list(tenantId, {
      after: q.after,
      limit: q.limit,
      types: q.type,
      from: q.from === undefined ? undefined : new Date(q.from),
      to: q.to === undefined ? undefined : new Date(q.to),
    });
  });

  app.get(`${INTERNAL_AUDIT_PATH}/checkpoints/latest`, async (req) => {
    const { tenantId } = parse(TenantParams, req.params, 'invalid tenant id');
    return query.latestCheckpoint(tenantId);
  });

  app.get(`${INTERNAL_AUDIT_PATH}/proof/:eventId`, async (req) => {
    const { tenantId, eventId } = parse(ProofParams, req.params, 'invalid tenant or event id');
    return query.proof(tenantId, eventId);
  });
}

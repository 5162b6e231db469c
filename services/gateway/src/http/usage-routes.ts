import { UsageReportSchema } from '@medicdraft/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GUARDED_ERRORS, TenantParams } from './api-schemas.js';
import type { RouteContext } from './route-context.js';

const UsageQuery = z.strictObject({ months: z.coerce.number().int().min(1).max(24).default(12) });
const UsagePublicSchema = UsageReportSchema.meta({ id: 'UsageReport' });

/**
 * The tenant's usage per month for the owner (`tenant:manage`, the owner's alone): what the
 * agency is billed for by AWS, counted by the audit service from the audited events. Counts and
 * bytes only; no user, dictation or text, so it needs no audited view.
 */
export function registerUsageRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/tenants/:t/usage',
    {
      ...ctx.guard('usage.view', ['tenant:manage']),
      schema: {
        tags: ['tenant'],
        summary:
          'Usage per calendar month (UTC): dictations, HealthScribe jobs and audio seconds, re-processing, ' +
          'bytes stored per data class, model drafts',
        params: TenantParams,
        querystring: UsageQuery,
        response: { 200: UsagePublicSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => ctx.clients.audit.usage({ params: { tenantId: req.principal!.session.tenantId }, query: { months: req.query.months } }),
  );
}

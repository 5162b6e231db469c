import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EditDistanceQuery, EditDistanceReportPublicSchema, GUARDED_ERRORS, TenantParams } from './api-schemas.js';
import type { RouteContext } from './route-context.js';
import { clientAddressHeader } from './client-address.js';

/**
 * How much providers edit drafts before copying them, for QA and owners (`qa:review_submitted`):
 * the narrative service's distribution of first-draft-to-copy edit distances, with each
 * provider's e-mail next to their id so a reviewer can tell who is who. Numbers and staff
 * identities only: no narrative text, so no audited view is needed.
 */
export function registerNarrativeMetricsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/tenants/:t/narrative-metrics/edit-distance',
    {
      ...ctx.guard('narrative.edit_distance.view', ['qa:review_submitted']),
      schema: {
        tags: ['narrative'],
        summary: 'Distribution of the edit distance between first draft and copied narrative (count, mean, p50, p90, histogram)',
        params: TenantParams,
        querystring: EditDistanceQuery,
        response: { 200: EditDistanceReportPublicSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const { session } = req.principal!;
      const [report, users] = await Promise.all([
        ctx.clients.narrative.editDistances({
          params: { tenantId: session.tenantId },
          headers: {
            'x-user-id': session.userId,
            'x-actor-role': session.role,
            'x-request-id': req.correlationId,
            ...clientAddressHeader(req),
          },
          query: { sinceDays: req.query.sinceDays },
        }),
        ctx.users.list(session.tenantId),
      ]);
      const emailOf = new Map(users.map((u) => [u.id, u.email]));
      return { ...report, byProvider: report.byProvider.map((g) => ({ ...g, providerEmail: emailOf.get(g.providerId) ?? null })) };
    },
  );
}

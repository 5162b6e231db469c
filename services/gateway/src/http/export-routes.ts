import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportBody } from '../clients/audited-narrative-client.js';
import { ErrorSchema, GUARDED_ERRORS, TenantParams } from './api-schemas.js';
import { assertGate } from './gate-check.js';
import { clientAddressHeader } from './client-address.js';
import type { RouteContext } from './route-context.js';

const ExportQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).optional() });

/**
 * Analytics exports for owners. The de-identified export is a download: the narratives with the
 * HIPAA Safe Harbor identifiers removed and no id that points back to a record. Reading them to
 * produce it is PHI work, so the tenant's gate must allow it; `narratives.exported` (counts and
 * the sha256 of exactly the bytes sent) is durable before the download starts.
 */
export function registerExportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/tenants/:t/exports/deidentified-narratives',
    {
      ...ctx.guard('narratives.export', ['tenant:manage']),
      schema: {
        tags: ['export'],
        summary: 'Download the latest narratives de-identified by HIPAA Safe Harbor (JSON; audited export)',
        params: TenantParams,
        querystring: ExportQuery,
        response: { 200: z.string(), 423: ErrorSchema, ...GUARDED_ERRORS },
      },
    },
    async (req, reply) => {
      const { session } = req.principal!;
      // Any export needs an unhalted tenant; the narrative service also requires PHI mode when the
      // export includes a HealthScribe (PHI) narrative, which only it can tell.
      await assertGate(ctx.gates, ctx.events, req, req.params.t, false);
      const result = await ctx.clients.narrative.exportDeidentified({
        params: { tenantId: req.params.t },
        headers: {
          'x-user-id': session.userId,
          'x-actor-role': session.role,
          'x-request-id': req.correlationId,
          ...clientAddressHeader(req),
        },
        query: { limit: req.query.limit },
      });
      const day = new Date(ctx.clock()).toISOString().slice(0, 10);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="deidentified-narratives-${day}.json"`)
        .send(exportBody(result));
    },
  );
}

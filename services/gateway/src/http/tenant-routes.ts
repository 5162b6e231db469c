import { auditApi } from '@medicdraft/contracts';
import { ValidationError } from '@medicdraft/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AuditPageQuery,
  ErrorSchema,
  GUARDED_ERRORS,
  LooseObject,
  PhiModeBody,
  ProofParams,
  ReadinessSchema,
  SettingsBody,
  TenantParams,
} from './api-schemas.js';
import type { RouteContext } from './route-context.js';
import { clientAddressHeader } from './client-address.js';

/**
 * Readiness (screen, owner settings, PHI mode) and the audit log (read-only: no route changes or
 * deletes audit data, and the audit service offers none). None of these is gated: they
 * are how a blocked or halted tenant is inspected and repaired. Readiness re-checks the owner's
 * permissions itself, because its settings are the inputs of every PHI gate.
 */
export function registerTenantRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const t = '/v1/tenants/:t';
  /** The verified user, passed to readiness, which re-checks the permission itself. */
  const asUser = (req: FastifyRequest, tenantId: string) => ({
    params: { tenantId },
    headers: {
      'x-actor-id': req.principal!.session.userId,
      'x-actor-role': req.principal!.session.role,
      'x-request-id': req.correlationId,
      ...clientAddressHeader(req),
    },
  });

  r.get(
    `${t}/readiness`,
    {
      ...ctx.guard('readiness.view', ['security:view_readiness']),
      schema: {
        tags: ['readiness'],
        summary: 'The readiness screen of seed 000 (gates, evidence, controls)',
        params: TenantParams,
        response: { 200: ReadinessSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => ctx.clients.readiness.readiness({ params: { tenantId: req.params.t } }),
  );

  r.put(
    `${t}/settings`,
    {
      ...ctx.guard('tenant.settings.update', ['tenant:manage']),
      schema: {
        tags: ['readiness'],
        summary: 'Owner settings (readiness inputs); partial update',
        params: TenantParams,
        body: SettingsBody,
        response: { 200: LooseObject, 409: ErrorSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => ctx.clients.readiness.updateSettings({ ...asUser(req, req.params.t), body: req.body }),
  );

  r.put(
    `${t}/phi-mode`,
    {
      ...ctx.guard('tenant.phi_mode.update', ['security:manage_phi_gates']),
      schema: {
        tags: ['readiness'],
        summary: 'Enable or disable PHI mode (only while every other gate is ready)',
        params: TenantParams,
        body: PhiModeBody,
        response: { 200: ReadinessSchema, 409: ErrorSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => ctx.clients.readiness.setPhiMode({ ...asUser(req, req.params.t), body: { mode: req.body.mode } }),
  );

  r.get(
    `${t}/audit`,
    {
      ...ctx.guard('audit.list', ['audit:view']),
      schema: {
        tags: ['audit'],
        summary: "A page of the tenant's audit records",
        params: TenantParams,
        querystring: AuditPageQuery,
        response: { 200: LooseObject, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      // The public query names types loosely; the audit API takes domain event types only.
      const type = req.query.type === undefined ? undefined : auditApi.list.query.shape.type.safeParse(req.query.type);
      if (type?.success === false) throw new ValidationError('type: domain event types, comma-separated');
      const { after, limit, from, to } = req.query;
      return ctx.clients.audit.list({ params: { tenantId: req.params.t }, query: { after, limit, type: type?.data, from, to } });
    },
  );

  r.get(
    `${t}/audit/checkpoints/latest`,
    {
      ...ctx.guard('audit.checkpoint', ['audit:view']),
      schema: {
        tags: ['audit'],
        summary: 'The latest signed checkpoint (Merkle tree head)',
        params: TenantParams,
        response: { 200: LooseObject, ...GUARDED_ERRORS },
      },
    },
    async (req) => ctx.clients.audit.latestCheckpoint({ params: { tenantId: req.params.t } }),
  );

  r.get(
    `${t}/audit/proof/:eventId`,
    {
      ...ctx.guard('audit.proof', ['audit:view']),
      schema: {
        tags: ['audit'],
        summary: 'Inclusion proof of one audit event',
        params: ProofParams,
        response: { 200: LooseObject, ...GUARDED_ERRORS },
      },
    },
    async (req) => ctx.clients.audit.proof({ params: { tenantId: req.params.t, eventId: req.params.eventId } }),
  );
}

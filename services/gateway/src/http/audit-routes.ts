import {
  auditApi,
  AuditFhirBundleSchema,
  AuditRecordViewSchema,
  PeriodReportSchema,
  RoleSchema,
  VerifyStatusSchema,
  type AuditRecordView,
  type DomainTopic,
} from '@medicdraft/contracts';
import { PayloadTooLargeError, ValidationError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema, GUARDED_ERRORS, IncidentNumberSchema, TenantParams } from './api-schemas.js';
import { DISCLOSURE_BASIS, disclosureOf } from './disclosures.js';
import type { RouteContext } from './route-context.js';

/** Most records one export or report reads (500 per page): past it, narrow the period. */
export const MAX_EXPORT_RECORDS = 50_000;
const PAGE = 500;

/** Access records: sign-ins, refusals and every way narrative content reached a person or left the system. */
export const ACCESS_TYPES = ['auth.login', 'access.denied', 'narrative.viewed', 'narrative.copied', 'narratives.exported'] as const;
const DISCLOSURE_TYPES = Object.keys(DISCLOSURE_BASIS) as DomainTopic[];

const Iso = z.iso.datetime({ offset: true });
/** What reports filter on beyond the public filters: the keyed incident hash, computed here and never taken from a caller. */
type ReportFilters = z.infer<typeof Filters> & { incidentKey?: string | undefined };
const Filters = z.object({
  dictationId: z.uuid().optional(),
  /** A user id, or a service name for what a service did on its own. */
  actorId: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
  /** Event types, comma-separated (e.g. `narrative.viewed,narrative.copied`). */
  type: z
    .string()
    .regex(/^[a-z]+(\.[a-z]+)+(,[a-z]+(\.[a-z]+)+)*$/)
    .max(1_000)
    .optional(),
  from: Iso.optional(),
  to: Iso.optional(),
});
const SearchQuery = Filters.extend({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE).default(100),
});
const ExportQuery = Filters.extend({ format: z.enum(['jsonl', 'fhir']).default('jsonl') });
const PeriodQuery = z.object({ from: Iso, to: Iso });

/** A record as the audit screen shows it: the record plus the actor's display name (resolved now, never stored in the log). */
const AuditEntrySchema = AuditRecordViewSchema.extend({ actorName: z.string().nullable() });
const AuditSearchSchema = z.object({ records: z.array(AuditEntrySchema), nextAfter: z.int().optional() });
/** The people an auditor may pick as an actor or a report's user: the names the records already show. */
const AuditActorsSchema = z
  .object({ actors: z.array(z.object({ id: z.uuid(), name: z.string(), role: RoleSchema })) })
  .meta({ id: 'AuditActors' });
const AccessReportSchema = z.object({
  subject: z.object({ userId: z.string().optional(), dictationId: z.string().optional(), incident: z.string().optional() }),
  generatedAt: z.string(),
  records: z.array(AuditEntrySchema),
});
const DisclosureSchema = z.object({
  occurredAt: z.string(),
  eventId: z.string(),
  seq: z.int(),
  type: z.string(),
  actorId: z.string(),
  actorName: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  dictationId: z.string().nullable(),
  recipient: z.string(),
  basis: z.string(),
  /** Whether §164.528 requires this entry in an accounting (false for TPO uses and de-identified data). */
  accountable: z.boolean(),
});
const DisclosureReportSchema = z.object({
  generatedAt: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  accountable: z.int(),
  entries: z.array(DisclosureSchema),
  note: z.string(),
});

/**
 * The audit screen's API for roles with `audit:view` (QA, admin, owner; roles.ts): search, verify
 * now, exports (JSONL, FHIR R4 Bundle) and reports for an outside auditor (access per user or
 * dictation, §164.528 accounting candidates, signed period PDF). Every read goes through the audit
 * service's API under the session's tenant; display names are resolved here from the tenant's
 * users, because the log holds ids only.
 */
export function registerAuditRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const t = '/v1/tenants/:t/audit';
  const guard = (code: string) => ctx.guard(code, ['audit:view']);

  const types = (list: string | undefined) => {
    if (list === undefined) return undefined;
    // The public query names types loosely; the audit API takes domain event types only.
    const parsed = auditApi.list.query.shape.type.safeParse(list);
    if (!parsed.success) throw new ValidationError('type: domain event types, comma-separated');
    return parsed.data;
  };
  const query = (q: ReportFilters & { after?: number | undefined; limit?: number | undefined }) => ({
    ...(q.after === undefined ? {} : { after: q.after }),
    ...(q.limit === undefined ? {} : { limit: q.limit }),
    ...(q.type === undefined ? {} : { type: types(q.type) }),
    ...(q.from === undefined ? {} : { from: q.from }),
    ...(q.to === undefined ? {} : { to: q.to }),
    ...(q.dictationId === undefined ? {} : { dictationId: q.dictationId }),
    ...(q.incidentKey === undefined ? {} : { incidentKey: q.incidentKey }),
    ...(q.actorId === undefined ? {} : { actorId: q.actorId }),
  });

  async function named(tenantId: string, records: AuditRecordView[]) {
    const names = await ctx.users.namesOf(
      tenantId,
      records.filter((x) => x.actor.type === 'user').map((x) => x.actor.id),
    );
    return records.map((x) => ({ ...x, actorName: names.get(x.actor.id) ?? null }));
  }

  /** Every record matching the filters, page by page, up to MAX_EXPORT_RECORDS. */
  async function all(tenantId: string, filters: ReportFilters, onlyTypes?: readonly string[]) {
    const out: AuditRecordView[] = [];
    let after = 0;
    for (;;) {
      const q = query({ ...filters, after, limit: PAGE, ...(onlyTypes ? { type: onlyTypes.join(',') } : {}) });
      const page = await ctx.clients.audit.list({ params: { tenantId }, query: q });
      out.push(...page.records);
      if (out.length > MAX_EXPORT_RECORDS) throw new PayloadTooLargeError(`more than ${MAX_EXPORT_RECORDS} records: narrow the period`);
      if (page.nextAfter === undefined) return out;
      after = page.nextAfter;
    }
  }

  r.get(
    `${t}/search`,
    {
      ...guard('audit.search'),
      schema: {
        tags: ['audit'],
        summary: 'Search audit records by dictation, actor, action (event type) and time, with display names',
        params: TenantParams,
        querystring: SearchQuery,
        response: { 200: AuditSearchSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const page = await ctx.clients.audit.list({ params: { tenantId: req.params.t }, query: query(req.query) });
      const records = await named(req.params.t, page.records);
      return page.nextAfter === undefined ? { records } : { records, nextAfter: page.nextAfter };
    },
  );

  r.get(
    `${t}/actors`,
    {
      ...guard('audit.actors'),
      schema: {
        tags: ['audit'],
        summary: "The tenant's users by name and role, to pick as the actor of a search or the user of an access report",
        params: TenantParams,
        response: { 200: AuditActorsSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const users = await ctx.users.list(req.params.t);
      const actors = users.map((u) => ({ id: u.id, name: u.displayName ?? u.email, role: u.role }));
      return { actors: actors.sort((a, b) => a.name.localeCompare(b.name)) };
    },
  );

  r.get(
    `${t}/verify`,
    {
      ...guard('audit.verify'),
      schema: {
        tags: ['audit'],
        summary: "Verify the tenant's hash chain, signed checkpoints and witness now",
        params: TenantParams,
        response: { 200: VerifyStatusSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => ctx.clients.audit.verify({ params: { tenantId: req.params.t } }),
  );

  r.get(
    `${t}/export`,
    {
      ...guard('audit.export'),
      schema: {
        tags: ['audit'],
        summary: 'Download the matching records: JSONL (one record per line) or a FHIR R4 Bundle of AuditEvents',
        params: TenantParams,
        querystring: ExportQuery,
        response: { 200: z.string(), 413: ErrorSchema, ...GUARDED_ERRORS },
      },
    },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      const day = new Date(ctx.clock()).toISOString().slice(0, 10);
      const disposition = (ext: string) => `attachment; filename="audit-${req.params.t}-${day}.${ext}"`;
      if (format === 'jsonl') {
        const records = await all(req.params.t, filters);
        return reply
          .type('application/x-ndjson; charset=utf-8')
          .header('content-disposition', disposition('jsonl'))
          .send(records.map((x) => `${JSON.stringify(x)}\n`).join(''));
      }
      // The audit service maps records to FHIR; pages are joined into one collection Bundle.
      const entries: NonNullable<z.infer<typeof AuditFhirBundleSchema>['entry']> = [];
      let after = 0;
      let timestamp = new Date(ctx.clock()).toISOString();
      for (;;) {
        const page = await ctx.clients.audit.fhir({ params: { tenantId: req.params.t }, query: query({ ...filters, after, limit: PAGE }) });
        timestamp = page.timestamp;
        const got = page.entry ?? [];
        entries.push(...got);
        if (entries.length > MAX_EXPORT_RECORDS)
          throw new PayloadTooLargeError(`more than ${MAX_EXPORT_RECORDS} records: narrow the period`);
        const last = got.at(-1)?.resource.extension.find((e) => e.url.endsWith('audit-seq'))?.valueInteger;
        if (got.length < PAGE || last === undefined) break;
        after = last;
      }
      const bundle = { resourceType: 'Bundle', type: 'collection', timestamp, ...(entries.length > 0 ? { entry: entries } : {}) };
      return reply
        .type('application/fhir+json; charset=utf-8')
        .header('content-disposition', disposition('fhir.json'))
        .send(JSON.stringify(bundle));
    },
  );

  r.get(
    `${t}/reports/access`,
    {
      ...guard('audit.report.access'),
      schema: {
        tags: ['audit'],
        summary:
          'Access report: every sign-in, refusal, view, copy and export of one user, of one dictation, ' +
          'or of the dictations of one ePCR incident (by its number); a dictation or incident report also lists ' +
          'corrections of the incident number (an incident corrected away shows the correction only)',
        params: TenantParams,
        querystring: z.object({
          userId: z.uuid().optional(),
          dictationId: z.uuid().optional(),
          incident: IncidentNumberSchema.optional(),
          from: Iso.optional(),
          to: Iso.optional(),
        }),
        response: { 200: AccessReportSchema, 413: ErrorSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const { userId, dictationId, incident, from, to } = req.query;
      if ([userId, dictationId, incident].filter((v) => v !== undefined).length !== 1)
        throw new ValidationError('give exactly one of userId, dictationId, incident');
      // The audit log knows incidents only by their keyed hash; the number itself goes no further than here.
      let subject: Record<string, string>;
      let filter: ReportFilters;
      if (incident !== undefined) {
        if (ctx.incidentKey === undefined) throw new ValidationError('incident numbers are not enabled on this deployment');
        subject = { incident };
        filter = { incidentKey: ctx.incidentKey(req.params.t, incident) };
      } else if (userId !== undefined) {
        subject = { userId };
        filter = { actorId: userId };
      } else {
        subject = { dictationId: dictationId! };
        filter = { dictationId };
      }
      // A dictation's and an incident's report also show when the dictation's incident number was corrected.
      const types = userId === undefined ? [...ACCESS_TYPES, 'dictation.incident.corrected'] : ACCESS_TYPES;
      const records = await all(req.params.t, { ...filter, from, to }, types);
      return {
        subject,
        generatedAt: new Date(ctx.clock()).toISOString(),
        records: await named(req.params.t, records),
      };
    },
  );

  r.get(
    `${t}/reports/disclosures`,
    {
      ...guard('audit.report.disclosures'),
      schema: {
        tags: ['audit'],
        summary: 'Accounting of disclosures (HIPAA §164.528): every time narrative content left the system, with its basis',
        params: TenantParams,
        querystring: z.object({ dictationId: z.uuid().optional(), from: Iso.optional(), to: Iso.optional() }),
        response: { 200: DisclosureReportSchema, 413: ErrorSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const { dictationId, from, to } = req.query;
      const records = await named(req.params.t, await all(req.params.t, { dictationId, from, to }, DISCLOSURE_TYPES));
      const entries = records.map(disclosureOf);
      return {
        generatedAt: new Date(ctx.clock()).toISOString(),
        from: from ?? null,
        to: to ?? null,
        accountable: entries.filter((e) => e.accountable).length,
        entries,
        note:
          'Lists every copy and export of narrative content recorded by MedicDraft. Copies into the agency record are ' +
          'treatment/operations uses and de-identified exports are not PHI, so neither is accountable under §164.528; ' +
          'disclosures made outside MedicDraft (e.g. from the ePCR) are not recorded here.',
      };
    },
  );

  r.get(
    `${t}/reports/period`,
    {
      ...guard('audit.report.period'),
      schema: {
        tags: ['audit'],
        summary: 'Signed PDF period report (verify verdicts, checkpoint roots, activity) with its detached Ed25519 signature',
        params: TenantParams,
        querystring: PeriodQuery,
        response: { 200: PeriodReportSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      if (Date.parse(req.query.from) >= Date.parse(req.query.to)) throw new ValidationError('from must be before to');
      const tenantId = req.params.t;
      // The PDF names users as the screen does: every user of the tenant, resolved now (the log keeps ids only).
      const ids = (await ctx.users.list(tenantId)).map((u) => u.id);
      const names = [...(await ctx.users.namesOf(tenantId, ids))].map(([userId, name]) => ({ userId, name }));
      return ctx.clients.audit.periodReport({ params: { tenantId }, body: { from: req.query.from, to: req.query.to, names } });
    },
  );
}

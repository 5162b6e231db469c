import { hasPermission, NarrativeChangeSchema, type DictationView, type IntakeActorInput } from '@medicdraft/contracts';
import { NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '@medicdraft/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deny, type Principal } from './access-guard.js';
import {
  CopyBody,
  CopySchema,
  DictationListQuery,
  DictationPageSchema,
  DictationParams,
  CreatedDictationSchema,
  DictationSchema,
  GUARDED_ERRORS,
  IncidentCorrectionBody,
  IncidentNumberSchema,
  ReprocessSchema,
  NarrativePatchBody,
  NarrativeSchema,
  TenantParams,
  TextDictationBody,
  ErrorSchema,
} from './api-schemas.js';
import { assertGate } from './gate-check.js';
import { inNormalScope } from './dictation-scope.js';
import { limitStream } from './limit-stream.js';
import { clientAddressHeader, sourceOf } from './client-address.js';
import type { RouteContext } from './route-context.js';

const READ = ['dictation:review_own', 'qa:review_submitted'] as const;
const NarrativeQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/**
 * Dictations and their narratives. Providers act on their own dictations only; a role with
 * `qa:review_submitted` (QA, owner) reads every dictation of the tenant but edits, copies and
 * reprocesses only its own; admins read no dictation or narrative. Someone else's dictation
 * answers 404 (its existence is not disclosed) and is audited as `not_owner`, unless the reader
 * holds an open break-glass grant on it (`break-glass-routes.ts`): then reads are served and
 * recorded; writes never are.
 */
export function registerDictationRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/v1/tenants/:t/dictations';
  const errors = { ...GUARDED_ERRORS, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema, 423: ErrorSchema };

  /** The ingest service's actor: the session's tenant and user (ingest re-checks the gate). */
  const actor = (req: FastifyRequest): Omit<IntakeActorInput, 'params'> & { params: { tenantId: string } } => {
    const { session } = req.principal!;
    return {
      params: { tenantId: session.tenantId },
      headers: { 'x-provider-id': session.userId, 'x-actor-role': session.role, ...clientAddressHeader(req) },
    };
  };
  const onDictation = (req: FastifyRequest, dictationId: string) => {
    const who = actor(req);
    return { ...who, params: { ...who.params, dictationId } };
  };
  /** The narrative service's target: the dictation and the verified user (the service re-checks the gate). */
  const narrativeTarget = (req: FastifyRequest, dictationId: string) => {
    const { session } = req.principal!;
    return {
      params: { tenantId: session.tenantId, dictationId },
      headers: {
        'x-user-id': session.userId,
        'x-actor-role': session.role,
        'x-request-id': req.correlationId,
        ...clientAddressHeader(req),
      },
    };
  };

  /** Lists show who dictated by name (see `DictationSchema`), never by a fragment of an id. */
  async function withProviderNames(tenantId: string, dictations: DictationView[]) {
    const names = await ctx.users.namesOf(
      tenantId,
      dictations.map((d) => d.providerId),
    );
    return dictations.map((d) => {
      const providerName = names.get(d.providerId);
      return providerName === undefined ? d : { ...d, providerName };
    });
  }

  /**
   * The dictation if the principal may see it (`write`: only its own); else 404, audited when it
   * exists. A read outside the normal scope is served under the principal's open break-glass grant
   * on this dictation, recorded (`breakglass.accessed`) before anything is read.
   */
  async function visibleDictation(req: FastifyRequest, p: Principal, id: string, write: boolean): Promise<DictationView> {
    const d = await ctx.clients.ingest.get({ params: { tenantId: p.session.tenantId, dictationId: id } });
    if (inNormalScope(p.session, d, write)) return d;
    const { session } = p;
    const actor = {
      tenantId: session.tenantId,
      userId: session.userId,
      role: session.role,
      correlationId: req.correlationId,
      ...sourceOf(req),
    };
    if (!write && (await ctx.breakGlass.useGrant(actor, d.dictationId, req.routeCode)) !== undefined) return d;
    throw await deny(ctx.events, req, 'not_owner', new NotFoundError('dictation not found'));
  }

  r.post(
    base,
    {
      ...ctx.guard('dictations.create', ['dictation:create']),
      bodyLimit: 2 * ctx.settings.maxTextBytes + 1024,
      schema: {
        tags: ['dictations'],
        summary:
          'New dictation: multipart `audio` (PHI mode only) or JSON {text, synthetic: true, incidentNumber?}; ' +
          'an audio upload names its ePCR incident number in the X-Incident-Number header',
        params: TenantParams,
        headers: z.object({ 'x-incident-number': IncidentNumberSchema.optional() }),
        body: TextDictationBody.nullish(),
        response: { 202: CreatedDictationSchema, ...errors },
      },
    },
    async (req, reply) => {
      const who = actor(req);
      if (req.isMultipart()) {
        await assertGate(ctx.gates, ctx.events, req, who.params.tenantId, true);
        const file = await req.file({ limits: { fileSize: ctx.settings.maxAudioBytes + 1, files: 1, fields: 0, parts: 1 } });
        if (file === undefined || file.fieldname !== 'audio') throw new ValidationError('expected one multipart file field named "audio"');
        const body = limitStream(file.file, ctx.settings.maxAudioBytes, () => new PayloadTooLargeError('audio exceeds the size limit'));
        const incident = req.headers['x-incident-number'];
        return reply.code(202).send(
          await ctx.clients.ingest.uploadAudio({
            ...who,
            headers: { ...who.headers, ...(incident === undefined ? {} : { 'x-incident-number': incident }) },
            body,
          }),
        );
      }
      if (req.body === undefined || req.body === null)
        throw new UnsupportedMediaTypeError('send multipart/form-data with "audio", or application/json');
      await assertGate(ctx.gates, ctx.events, req, who.params.tenantId, false);
      const { text, incidentNumber } = req.body;
      return reply.code(202).send(
        await ctx.clients.ingest.submitText({
          ...who,
          body: { text, synthetic: true, ...(incidentNumber === undefined ? {} : { incidentNumber }) },
        }),
      );
    },
  );

  r.get(
    base,
    {
      ...ctx.guard('dictations.list', READ),
      schema: {
        tags: ['dictations'],
        summary: "A page of the tenant's dictations, newest first (providers: their own), optionally of one status and/or QA review state",
        params: TenantParams,
        querystring: DictationListQuery,
        response: { 200: DictationPageSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const { session } = req.principal!;
      const all = hasPermission(session.role, 'qa:review_submitted');
      const page = await ctx.clients.ingest.list({
        params: { tenantId: session.tenantId },
        query: {
          limit: req.query.limit,
          cursor: req.query.cursor,
          ...(req.query.status === undefined ? {} : { status: req.query.status }),
          ...(req.query.reviewState === undefined ? {} : { reviewState: req.query.reviewState }),
          ...(all ? {} : { providerId: session.userId }),
        },
      });
      return { ...page, dictations: await withProviderNames(session.tenantId, page.dictations) };
    },
  );

  r.get(
    `${base}/:id`,
    {
      ...ctx.guard('dictations.get', READ),
      schema: {
        tags: ['dictations'],
        summary: 'A dictation (metadata, status)',
        params: DictationParams,
        response: { 200: DictationSchema, ...GUARDED_ERRORS },
      },
    },
    async (req) => {
      const [named] = await withProviderNames(req.principal!.session.tenantId, [
        await visibleDictation(req, req.principal!, req.params.id, false),
      ]);
      return named;
    },
  );

  r.get(
    `${base}/:id/narrative`,
    {
      ...ctx.guard('narrative.view', READ),
      schema: {
        tags: ['narrative'],
        summary: 'The current (or `?version=`) narrative version with evidence (audited view)',
        params: DictationParams,
        querystring: NarrativeQuery,
        response: { 200: NarrativeSchema, ...errors },
      },
    },
    async (req) => {
      const d = await visibleDictation(req, req.principal!, req.params.id, false);
      await assertGate(ctx.gates, ctx.events, req, req.params.t, !d.synthetic);
      return ctx.clients.narrative.view({ ...narrativeTarget(req, d.dictationId), query: { version: req.query.version } });
    },
  );

  r.patch(
    `${base}/:id/narrative`,
    {
      ...ctx.guard('narrative.edit', ['dictation:review_own']),
      schema: {
        tags: ['narrative'],
        summary: 'Resolve missing elements or edit (optimistic baseVersion)',
        params: DictationParams,
        body: NarrativePatchBody,
        response: { 200: NarrativeSchema, ...errors },
      },
    },
    async (req) => {
      const d = await visibleDictation(req, req.principal!, req.params.id, true);
      await assertGate(ctx.gates, ctx.events, req, req.params.t, !d.synthetic);
      // The public body names elements loosely; the narrative API takes its element codes only.
      const change = NarrativeChangeSchema.safeParse(req.body);
      if (!change.success) throw new ValidationError('resolutions must name narrative elements');
      return ctx.clients.narrative.edit({ ...narrativeTarget(req, d.dictationId), body: change.data });
    },
  );

  r.post(
    `${base}/:id/narrative/copy`,
    {
      ...ctx.guard('narrative.copy', ['dictation:copy_narrative']),
      schema: {
        tags: ['narrative'],
        summary: 'Audited copy: ESO-ready plain text (default), NEMSIS v3.5.1 eNarrative.01 XML, or the MIST hand-off (`format`)',
        params: DictationParams,
        body: CopyBody.nullish(),
        response: { 200: CopySchema, ...errors },
      },
    },
    async (req) => {
      const d = await visibleDictation(req, req.principal!, req.params.id, true);
      await assertGate(ctx.gates, ctx.events, req, req.params.t, !d.synthetic);
      const body = { version: req.body?.version ?? undefined, format: req.body?.format ?? undefined };
      return ctx.clients.narrative.copy({ ...narrativeTarget(req, d.dictationId), body });
    },
  );

  r.post(
    `${base}/:id/reprocess`,
    {
      ...ctx.guard('dictations.reprocess', ['dictation:create']),
      schema: {
        tags: ['dictations'],
        summary: 'Run transcription and drafting again (a new narrative version follows; at most 5 attempts in all)',
        params: DictationParams,
        response: { 202: ReprocessSchema, ...errors },
      },
    },
    async (req, reply) => {
      const d = await visibleDictation(req, req.principal!, req.params.id, true);
      await assertGate(ctx.gates, ctx.events, req, req.params.t, !d.synthetic);
      // Ingest answers the dictation as the new attempt leaves it (received again).
      const { attempt, ...dictation } = await ctx.clients.ingest.reprocess(onDictation(req, d.dictationId));
      return reply.code(202).send({ dictation, attempt });
    },
  );

  // Its provider corrects the incident number of a dictation, or an owner does (any dictation of the tenant).
  r.put(
    `${base}/:id/incident`,
    {
      ...ctx.guard('dictations.incident', ['dictation:create', 'tenant:manage']),
      schema: {
        tags: ['dictations'],
        summary:
          "Set or correct the dictation's ePCR incident number, with a reason (its provider, or an owner); " +
          'per-incident access reports follow the new number, and the old number’s report shows the correction',
        params: DictationParams,
        body: IncidentCorrectionBody,
        response: { 200: DictationSchema, ...errors },
      },
    },
    async (req) => {
      const { session } = req.principal!;
      const d =
        session.role === 'owner'
          ? await ctx.clients.ingest.get({ params: { tenantId: session.tenantId, dictationId: req.params.id } })
          : await visibleDictation(req, req.principal!, req.params.id, true);
      const { incidentNumber, reason } = req.body;
      return ctx.clients.ingest.correctIncident({ ...onDictation(req, d.dictationId), body: { incidentNumber, reason } });
    },
  );

  // Deleting PHI is a tenant decision (retention or a tenant request): `tenant:manage`, owners.
  r.delete(
    `${base}/:id`,
    {
      ...ctx.guard('dictations.delete', ['tenant:manage']),
      schema: {
        tags: ['dictations'],
        summary: 'Delete a dictation and its objects (owner)',
        params: DictationParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const d = await ctx.clients.ingest.get({ params: { tenantId: req.params.t, dictationId: req.params.id } });
      await assertGate(ctx.gates, ctx.events, req, req.params.t, !d.synthetic);
      await ctx.clients.ingest.remove(onDictation(req, d.dictationId));
      return reply.code(204).send(null);
    },
  );
}

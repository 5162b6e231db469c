import { hasPermission, type DictationView, type NarrativeTarget, type QaReviewThread } from '@medicdraft/contracts';
import { NotFoundError } from '@medicdraft/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { runProtocolChecks, summariseChecks, type QaCheckResult } from '../qa/protocol-checks.js';
import { DEFAULT_QA_PROTOCOL, DEFAULT_QA_PROTOCOL_NAME, QaProtocolContentSchema } from '../qa/qa-protocol.js';
import { QaCommentPublicBody, QaProtocolDefaultsSchema, QaReviewPublicSchema, QaStepBody } from '../qa/qa-schemas.js';
import { latestReferencesOfKind } from '../references/reference.repository.js';
import { deny } from './access-guard.js';
import { DictationParams, ErrorSchema, GUARDED_ERRORS, TenantParams } from './api-schemas.js';
import { assertGate } from './gate-check.js';
import type { RouteContext } from './route-context.js';
import { clientAddressHeader } from './client-address.js';

const READ = ['dictation:review_own', 'qa:review_submitted'] as const;
const QA = ['qa:review_submitted'] as const;

/**
 * The QA review loop (docs/architecture.md, "QA review loop"). QA (and owners) read any
 * dictation's review, comment, return it to the provider and approve; the dictation's provider
 * reads its review and resubmits; admins see none of it (PHI). The thread is only ever answered
 * together with the tenant's protocol checks over the latest version, which needs that version:
 * its `narrative.viewed` is durable before anything is shown. Return and approve record the
 * check outcomes QA saw in their `qa.review.*` event (counts and rule ids only).
 */
export function registerQaReviewRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/v1/tenants/:t/dictations/:id/review';
  const errors = { ...GUARDED_ERRORS, 409: ErrorSchema, 423: ErrorSchema };

  /** The dictation if the caller may act on its review (`own`: only its provider); else 404, audited. */
  async function dictationFor(req: FastifyRequest & { params: { id: string } }, own: boolean): Promise<DictationView> {
    const { session } = req.principal!;
    const d = await ctx.clients.ingest.get({ params: { tenantId: session.tenantId, dictationId: req.params.id } });
    const readsAll = !own && hasPermission(session.role, 'qa:review_submitted');
    if (d.providerId !== session.userId && !readsAll)
      throw await deny(ctx.events, req, 'not_owner', new NotFoundError('dictation not found'));
    await assertGate(ctx.gates, ctx.events, req, session.tenantId, !d.synthetic);
    return d;
  }
  const target = (req: FastifyRequest, dictationId: string): NarrativeTarget => {
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

  /** The tenant's QA protocols run over the latest version (an audited view of it). */
  async function checksFor(req: FastifyRequest, dictationId: string): Promise<QaCheckResult[]> {
    const tenantId = req.principal!.session.tenantId;
    const [view, references] = await Promise.all([
      ctx.clients.narrative.view({ ...target(req, dictationId), query: {} }),
      ctx.db.withTenant(tenantId, (tx) => latestReferencesOfKind(tx, 'protocol')),
    ]);
    const protocols = references.flatMap((ref) => {
      const content = QaProtocolContentSchema.safeParse(ref.content);
      return content.success ? [{ name: ref.name, version: ref.version, content: content.data }] : [];
    });
    return runProtocolChecks(view, protocols);
  }
  const withChecks = (thread: QaReviewThread, checks: QaCheckResult[]) => ({ ...thread, checks });

  r.get(
    base,
    {
      ...ctx.guard('qa.review.view', READ),
      schema: {
        tags: ['qa'],
        summary: "The narrative's QA review: state, inline comments, history, and the tenant's protocol checks with evidence",
        params: DictationParams,
        response: { 200: QaReviewPublicSchema, ...errors },
      },
    },
    async (req) => {
      const d = await dictationFor(req, false);
      const checks = await checksFor(req, d.dictationId);
      return withChecks(await ctx.clients.narrative.reviewView(target(req, d.dictationId)), checks);
    },
  );

  r.post(
    `${base}/comments`,
    {
      ...ctx.guard('qa.review.comment', QA),
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['qa'],
        summary: 'QA comments on a section or a sentence (`<sectionKey>.<index>`) of the latest version, with a severity',
        params: DictationParams,
        body: QaCommentPublicBody,
        response: { 201: QaReviewPublicSchema, ...errors },
      },
    },
    async (req, reply) => {
      const d = await dictationFor(req, false);
      const thread = await ctx.clients.narrative.reviewComment({ ...target(req, d.dictationId), body: req.body });
      return reply.code(201).send(withChecks(thread, await checksFor(req, d.dictationId)));
    },
  );

  for (const [step, code, summary] of [
    ['return', 'qa.review.return', 'QA returns the narrative to its provider for changes (needs a comment on the latest version)'],
    ['approve', 'qa.review.approve', 'QA approves the latest version (refused while a major or critical comment stands on it)'],
  ] as const) {
    r.post(
      `${base}/${step}`,
      {
        ...ctx.guard(code, QA),
        schema: { tags: ['qa'], summary, params: DictationParams, body: QaStepBody, response: { 200: QaReviewPublicSchema, ...errors } },
      },
      async (req) => {
        const d = await dictationFor(req, false);
        const checks = await checksFor(req, d.dictationId);
        const input = { ...target(req, d.dictationId), body: { version: req.body.version, checks: summariseChecks(checks) } };
        const thread =
          step === 'return' ? await ctx.clients.narrative.reviewReturn(input) : await ctx.clients.narrative.reviewApprove(input);
        return withChecks(thread, checks);
      },
    );
  }

  r.post(
    `${base}/resubmit`,
    {
      ...ctx.guard('qa.review.resubmit', ['dictation:review_own']),
      schema: {
        tags: ['qa'],
        summary: 'The provider sends the edited narrative back to QA (refused while a blocking comment stands on the latest version)',
        params: DictationParams,
        body: QaStepBody,
        response: { 200: QaReviewPublicSchema, ...errors },
      },
    },
    async (req) => {
      const d = await dictationFor(req, true);
      const thread = await ctx.clients.narrative.reviewResubmit({ ...target(req, d.dictationId), body: req.body });
      return withChecks(thread, await checksFor(req, d.dictationId));
    },
  );

  r.get(
    '/v1/tenants/:t/qa/protocol-defaults',
    {
      ...ctx.guard('qa.protocol_defaults.view', ['admin:manage_protocols']),
      schema: {
        tags: ['qa'],
        summary: `The QA checks MedicDraft ships; adopt them by storing them as the protocol reference "${DEFAULT_QA_PROTOCOL_NAME}"`,
        params: TenantParams,
        response: { 200: QaProtocolDefaultsSchema, ...GUARDED_ERRORS },
      },
    },
    async () => ({ name: DEFAULT_QA_PROTOCOL_NAME, content: DEFAULT_QA_PROTOCOL }),
  );
}

import { z } from 'zod';
import { SourceAddressSchema, TenantIdSchema } from '../envelope.js';
import { ScribeEngineSchema } from '../events/healthscribe.events.js';
import { CopyFormatSchema, EXPORT_METHODS, RedactionCountsSchema } from '../events/narrative.events.js';
import { NarrativeDrafterSchema, NarrativeElementCodeSchema, NarrativeTemplateSchema } from '../events/narrative-vocabulary.js';
import { QaAnchorSchema, QaCheckSummarySchema, QaReviewStateSchema, QaSeveritySchema } from '../events/qa-review.events.js';
import { RoleSchema } from '../roles.js';
import { defineApi, errorResponses, intString, type ApiPort, type OperationInput } from './api-spec.js';

const Params = z.object({ tenantId: TenantIdSchema, dictationId: z.uuid() });
/** The verified user (the gateway authenticated the session and checked role, tenant and ownership). */
const ActorHeaders = z.object({
  'x-user-id': z.uuid(),
  'x-actor-role': RoleSchema,
  'x-request-id': z.uuid().optional(),
  /**
   * The client's address as the gateway saw it (an IP literal): the gateway's access records (view,
   * copy) and the events the request causes in the narrative service (edits, review steps) carry it.
   */
  'x-client-address': SourceAddressSchema.optional(),
});
const Evidence = z.array(z.string());
const HandoffLines = z.array(z.object({ text: z.string(), evidence: Evidence }));

/**
 * One narrative version for review (PHI: returned to the authorised caller only, never logged):
 * sections of sentences with the transcript segment ids they rest on, open missing-element
 * prompts (copy is refused while any is open), resolved prompts, the cited transcript segments,
 * review notes (what the provider should check, never values), the MIST hand-off with its
 * evidence, the text. No bucket or object key.
 */
export const NarrativeViewSchema = z.object({
  dictationId: z.uuid(),
  narrativeId: z.uuid(),
  version: z.int().min(1),
  latestVersion: z.int().min(1),
  template: NarrativeTemplateSchema,
  templateVersion: z.int().min(1),
  engine: ScribeEngineSchema,
  engineVersion: z.string(),
  createdAt: z.string(),
  sha256: z.string(),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      sentences: z.array(
        z.object({
          text: z.string(),
          evidence: Evidence,
          source: z.enum(['dictation', 'provider']),
          element: NarrativeElementCodeSchema.optional(),
        }),
      ),
    }),
  ),
  missing: z.array(z.object({ element: NarrativeElementCodeSchema, prompt: z.string(), evidence: Evidence })),
  resolved: z.array(z.object({ element: NarrativeElementCodeSchema, prompt: z.string(), text: z.string() })),
  segments: z.array(z.object({ id: z.string(), text: z.string() })),
  reviewNotes: z.array(z.object({ kind: z.enum(['correction', 'possible-correction']), note: z.string(), evidence: Evidence })),
  /** The MIST hand-off read from the dictation's facts (null on versions drafted before hand-offs existed). */
  handoff: z.object({ mechanism: HandoffLines, injuries: HandoffLines, signs: HandoffLines, treatment: HandoffLines }).nullable(),
  text: z.string(),
  copyable: z.boolean(),
  /**
   * The ESO-ready text's length against the ePCR narrative field's limit (the narrative service's
   * NARRATIVE_COPY_MAX_CHARS): a copy longer than `maxChars` is refused, never truncated. Optional:
   * absent from services that predate it.
   */
  copyLimit: z.object({ chars: z.int().min(0), maxChars: z.int().min(1) }).optional(),
});
export type NarrativeView = z.infer<typeof NarrativeViewSchema>;

/**
 * A copy in one of the copy formats: exactly the text the user receives, its length and digest.
 * `eso_plain_text` (the default) is the ESO-ready text; `nemsis_enarrative_xml` is that same text
 * as the NEMSIS v3.5.1 `eNarrative.01` element; `mist_handoff_text` is the MIST hand-off
 * composed from the same facts (`M:`/`I:`/`S:`/`T:` lines).
 */
export const NarrativeCopySchema = z.object({
  dictationId: z.uuid(),
  narrativeId: z.uuid(),
  version: z.int().min(1),
  format: CopyFormatSchema,
  text: z.string(),
  length: z.int().min(0),
  sha256: z.string(),
});
export type NarrativeCopy = z.infer<typeof NarrativeCopySchema>;

/**
 * One narrative as an analytics export carries it: the latest version's section texts with the
 * Safe Harbor identifiers removed, and metadata with nothing that points back to a person or a
 * record — the year only, no dictation, narrative, tenant or user id. `n` numbers the records of
 * one export (not stable across exports, so it cannot link them).
 */
export const DeidentifiedNarrativeSchema = z.object({
  n: z.int().min(1),
  year: z.int(),
  template: NarrativeTemplateSchema,
  templateVersion: z.int().min(1),
  engine: ScribeEngineSchema,
  engineVersion: z.string(),
  versions: z.int().min(1),
  missingElements: z.array(NarrativeElementCodeSchema),
  sections: z.array(z.object({ key: z.string(), title: z.string(), text: z.string() })),
});
export type DeidentifiedNarrative = z.infer<typeof DeidentifiedNarrativeSchema>;

/** A de-identified export: the records and how many identifiers of each class were removed. */
export const DeidentifiedExportSchema = z.object({
  method: z.enum(EXPORT_METHODS),
  narratives: z.array(DeidentifiedNarrativeSchema),
  redactions: RedactionCountsSchema,
});
export type DeidentifiedExport = z.infer<typeof DeidentifiedExportSchema>;
/** Histogram buckets of the normalised edit distance: [0, 0] (copied as drafted), then (0, 0.1], …, (0.9, 1]. */
export const EDIT_DISTANCE_BUCKETS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;

/** The distribution of one group's distances (`mean`/`p50`/`p90` null when `count` is 0). */
export const EditDistanceStatsSchema = z.object({
  count: z.int().min(0),
  mean: z.number().min(0).max(1).nullable(),
  p50: z.number().min(0).max(1).nullable(),
  p90: z.number().min(0).max(1).nullable(),
  /** One entry per `EDIT_DISTANCE_BUCKETS` upper bound `le` (distance ≤ le and above the previous bound). */
  histogram: z.array(z.object({ le: z.number(), count: z.int().min(0) })),
});
export type EditDistanceStats = z.infer<typeof EditDistanceStatsSchema>;

/**
 * How much providers changed the first draft before copying it (a number per copied narrative,
 * no text), over the copies since `since`: overall, per template and template version, per
 * scribe engine + composer version + drafter (and prompt version when a model drafted), and per
 * provider (user id). One value per narrative: the last copied version of it.
 */
export const EditDistanceReportSchema = z.object({
  since: z.string(),
  overall: EditDistanceStatsSchema,
  byTemplate: z.array(EditDistanceStatsSchema.extend({ template: NarrativeTemplateSchema, templateVersion: z.int().min(1) })),
  byDrafter: z.array(
    EditDistanceStatsSchema.extend({
      engine: ScribeEngineSchema,
      engineVersion: z.string(),
      drafter: z.union([NarrativeDrafterSchema, z.literal('unknown')]),
      promptVersion: z.string().nullable(),
    }),
  ),
  byProvider: z.array(EditDistanceStatsSchema.extend({ providerId: z.uuid() })),
});
export type EditDistanceReport = z.infer<typeof EditDistanceReportSchema>;

/** A new version from the latest one: a rewritten text and/or statements for open elements. */
export const NarrativeChangeSchema = z.strictObject({
  baseVersion: z.int().min(1),
  text: z.string().min(1).max(20_000).optional(),
  resolutions: z.partialRecord(NarrativeElementCodeSchema, z.string().min(1).max(2_000)).optional(),
});

/** One QA comment (PHI: `text` is what QA wrote; shown to the provider and reviewers only, never logged or in events). */
export const QaCommentSchema = z.object({
  commentId: z.uuid(),
  version: z.int().min(1),
  anchor: QaAnchorSchema,
  severity: QaSeveritySchema,
  text: z.string(),
  authorId: z.uuid(),
  authorRole: RoleSchema,
  createdAt: z.string(),
  /** A `major`/`critical` comment made on the latest version: the provider has not edited since. */
  blocking: z.boolean(),
});
export type QaComment = z.infer<typeof QaCommentSchema>;

export const QA_REVIEW_ACTIONS = ['commented', 'returned', 'resubmitted', 'approved'] as const;

/** The review thread of a dictation's narrative: its state, every comment, and every step in order. */
export const QaReviewThreadSchema = z.object({
  dictationId: z.uuid(),
  narrativeId: z.uuid(),
  state: QaReviewStateSchema,
  latestVersion: z.int().min(1),
  comments: z.array(QaCommentSchema),
  blockingComments: z.int().min(0),
  history: z.array(
    z.object({ action: z.enum(QA_REVIEW_ACTIONS), version: z.int().min(1), actorId: z.uuid(), actorRole: RoleSchema, at: z.string() }),
  ),
});
export type QaReviewThread = z.infer<typeof QaReviewThreadSchema>;

/** A comment: on the version QA read (must be the latest), anchored to a section or a sentence of it. */
export const QaCommentBodySchema = z.strictObject({
  version: z.int().min(1),
  anchor: QaAnchorSchema,
  severity: QaSeveritySchema,
  text: z.string().trim().min(1).max(4_000),
});
/** A decision (return, approve) on the version QA read, with the outcome of the protocol checks QA saw. */
export const QaDecisionBodySchema = z.strictObject({ version: z.int().min(1), checks: QaCheckSummarySchema });

/**
 * The narrative service's review API (the gateway is its only caller). The service re-checks
 * the gate and keeps its codes (423 `phi_mode_disabled`, 503 `pipeline_halted`); a dictation
 * without a narrative, an unknown version or another tenant's is 404; an edit or copy of a
 * version that is not the latest is 409 `version_conflict`, a resolution of an element that is
 * not open 409 `element_not_open`, a copy while elements are open 409 `unresolved_elements`.
 */
export const narrativeApi = defineApi({
  view: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/narrative',
    summary: 'A version of the narrative for review (the latest without `version`)',
    params: Params,
    headers: ActorHeaders,
    query: z.strictObject({ version: intString(1, 1_000_000).optional() }),
    responses: { 200: NarrativeViewSchema, ...errorResponses(400, 404, 423, 503) },
    invalid: 'invalid tenant or dictation id, actor headers (x-user-id, x-actor-role) or version',
  },
  edit: {
    method: 'PATCH',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/narrative',
    summary: 'Resolve open elements and/or rewrite the text: the new version',
    params: Params,
    headers: ActorHeaders,
    body: NarrativeChangeSchema,
    responses: { 200: NarrativeViewSchema, ...errorResponses(400, 404, 409, 423, 503) },
    invalid: 'expected {baseVersion, text?, resolutions?: {elementCode: statement}} and actor headers',
  },
  copy: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/narrative/copy',
    summary: 'A copy of a version (the latest without `version`) in `format` (ESO plain text without it)',
    params: Params,
    headers: ActorHeaders,
    body: z.strictObject({ version: z.int().min(1).optional(), format: CopyFormatSchema.optional() }).nullish(),
    responses: { 200: NarrativeCopySchema, ...errorResponses(400, 404, 409, 423, 503) },
    invalid: 'expected {version?, format?} and actor headers',
  },
  editDistances: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/narrative-metrics/edit-distance',
    summary: 'The distribution of first-draft-to-copy edit distances of the tenant (numbers only)',
    params: z.object({ tenantId: TenantIdSchema }),
    headers: ActorHeaders,
    query: z.strictObject({ sinceDays: intString(1, 3_650).optional() }),
    responses: { 200: EditDistanceReportSchema, ...errorResponses(400) },
    invalid: 'invalid tenant id, actor headers or sinceDays (1-3650)',
  },
  reviewView: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/review',
    summary: "The QA review thread of the dictation's narrative (state not_started before QA's first step)",
    params: Params,
    headers: ActorHeaders,
    responses: { 200: QaReviewThreadSchema, ...errorResponses(400, 404, 423, 503) },
    invalid: 'invalid tenant or dictation id or actor headers (x-user-id, x-actor-role)',
  },
  reviewComment: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/review/comments',
    summary: 'QA comments on a section or sentence of the latest version (opens the review)',
    params: Params,
    headers: ActorHeaders,
    body: QaCommentBodySchema,
    responses: { 200: QaReviewThreadSchema, ...errorResponses(400, 403, 404, 409, 423, 503) },
    invalid: 'expected {version, anchor: {kind, sectionKey, sentence?}, severity, text} and actor headers',
  },
  reviewReturn: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/review/return',
    summary: 'QA returns the narrative to its provider for changes',
    params: Params,
    headers: ActorHeaders,
    body: QaDecisionBodySchema,
    responses: { 200: QaReviewThreadSchema, ...errorResponses(400, 403, 404, 409, 423, 503) },
    invalid: 'expected {version, checks: {pass, fail, notApplicable, failedRules}} and actor headers',
  },
  reviewResubmit: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/review/resubmit',
    summary: 'The provider sends the edited narrative back to QA',
    params: Params,
    headers: ActorHeaders,
    body: z.strictObject({ version: z.int().min(1) }),
    responses: { 200: QaReviewThreadSchema, ...errorResponses(400, 403, 404, 409, 423, 503) },
    invalid: 'expected {version} and actor headers',
  },
  reviewApprove: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/review/approve',
    summary: 'QA approves the latest version',
    params: Params,
    headers: ActorHeaders,
    body: QaDecisionBodySchema,
    responses: { 200: QaReviewThreadSchema, ...errorResponses(400, 403, 404, 409, 423, 503) },
    invalid: 'expected {version, checks: {pass, fail, notApplicable, failedRules}} and actor headers',
  },
  exportDeidentified: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/exports/deidentified-narratives',
    summary: "The tenant's latest narratives (newest first, up to `limit`), de-identified by HIPAA Safe Harbor",
    params: z.object({ tenantId: TenantIdSchema }),
    headers: ActorHeaders,
    query: z.strictObject({ limit: intString(1, 1_000).optional() }),
    responses: { 200: DeidentifiedExportSchema, ...errorResponses(400, 403, 423, 503) },
    invalid: 'invalid tenant id, actor headers (x-user-id, x-actor-role) or limit (1-1000)',
  },
});

export type NarrativeApi = ApiPort<typeof narrativeApi>;
/** Who reviews and what: the input every narrative operation on one dictation shares. */
export type NarrativeTarget = OperationInput<(typeof narrativeApi)['view']>;
export type EditDistanceQuery = OperationInput<(typeof narrativeApi)['editDistances']>;

import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { CountSchema, DictationIdSchema, NarrativeIdSchema, UuidSchema, VersionNumberSchema } from '../fields.js';
import { TOPIC } from '../topics.js';
import { ReferenceIdSchema } from './admin.events.js';

/**
 * The QA review of a dictation's narrative (docs/architecture.md, "QA review loop"):
 * `not_started` until QA's first step, `in_review` while QA reads and comments, `returned` to the
 * provider for changes, `resubmitted` by the provider after editing, `approved` (final).
 */
export const QA_REVIEW_STATES = ['not_started', 'in_review', 'returned', 'resubmitted', 'approved'] as const;
export const QaReviewStateSchema = z.enum(QA_REVIEW_STATES);
export type QaReviewState = z.infer<typeof QaReviewStateSchema>;

export type QaReviewAction = 'commented' | 'returned' | 'resubmitted' | 'approved';

/**
 * Where each review step leads from the states it is allowed in (anything else is refused by the
 * narrative service). Shared so that whoever follows the `qa.review.*` events (ingest's list filter)
 * arrives at the state the narrative service holds.
 */
export const QA_REVIEW_TRANSITIONS: Readonly<Record<QaReviewAction, Partial<Record<QaReviewState, QaReviewState>>>> = {
  commented: { not_started: 'in_review', in_review: 'in_review', resubmitted: 'resubmitted' },
  returned: { in_review: 'returned', resubmitted: 'returned' },
  resubmitted: { returned: 'resubmitted' },
  approved: { not_started: 'approved', in_review: 'approved', resubmitted: 'approved' },
};

/**
 * How much a comment matters. `info` and `minor` never hold the narrative back; `major` and
 * `critical` are blocking: while one was made on the latest narrative version (the provider has
 * not edited since), the provider cannot resubmit and QA cannot approve. `critical` marks a
 * clinical or legal problem (a protocol deviation left undocumented), `major` a required change.
 */
export const QA_SEVERITIES = ['info', 'minor', 'major', 'critical'] as const;
export const QaSeveritySchema = z.enum(QA_SEVERITIES);
export type QaSeverity = z.infer<typeof QaSeveritySchema>;
export const BLOCKING_SEVERITIES: ReadonlySet<QaSeverity> = new Set(['major', 'critical']);

/** A template section key (`dispatch`, `assessment`, …): what a comment or check points at. */
export const SectionKeySchema = z.string().regex(/^[a-z][a-z_]{0,31}$/);

/**
 * Where a comment points: a whole section, or one sentence of it by position in that version
 * (`sentence` is 0-based; the sentence id shown to users is `<sectionKey>.<sentence>`).
 */
export const QaAnchorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('section'), sectionKey: SectionKeySchema }),
  z.strictObject({ kind: z.literal('sentence'), sectionKey: SectionKeySchema, sentence: z.int().min(0).max(999) }),
]);
export type QaAnchor = z.infer<typeof QaAnchorSchema>;

/** Outcome counts of the tenant's protocol checks when QA decided, and the rule ids that failed. */
export const QaCheckSummarySchema = z.strictObject({
  pass: CountSchema,
  fail: CountSchema,
  notApplicable: CountSchema,
  failedRules: z.array(ReferenceIdSchema).max(100),
});
export type QaCheckSummary = z.infer<typeof QaCheckSummarySchema>;

const ReviewStep = {
  dictationId: DictationIdSchema,
  narrativeId: NarrativeIdSchema,
  /** The narrative version the step was taken on. */
  version: VersionNumberSchema,
};

/** `qa.review.commented` v1: QA commented on a section or sentence (the comment's text stays encrypted in the narrative store). */
export const QaReviewCommentedPayloadSchema = z.strictObject({
  ...ReviewStep,
  commentId: UuidSchema,
  severity: QaSeveritySchema,
  anchor: QaAnchorSchema,
});
export const QaReviewCommentedEventSchema = defineEvent(TOPIC.QA_REVIEW_COMMENTED, 1, QaReviewCommentedPayloadSchema);
export type QaReviewCommentedEvent = z.infer<typeof QaReviewCommentedEventSchema>;

/** `qa.review.returned` v1: QA returned the narrative to its provider; comment counts and the checks QA saw. */
export const QaReviewReturnedPayloadSchema = z.strictObject({
  ...ReviewStep,
  commentCount: CountSchema,
  blockingCount: CountSchema,
  checks: QaCheckSummarySchema,
});
export const QaReviewReturnedEventSchema = defineEvent(TOPIC.QA_REVIEW_RETURNED, 1, QaReviewReturnedPayloadSchema);
export type QaReviewReturnedEvent = z.infer<typeof QaReviewReturnedEventSchema>;

/** `qa.review.resubmitted` v1: the provider sent the (edited) narrative back to QA at `version`. */
export const QaReviewResubmittedPayloadSchema = z.strictObject({ ...ReviewStep });
export const QaReviewResubmittedEventSchema = defineEvent(TOPIC.QA_REVIEW_RESUBMITTED, 1, QaReviewResubmittedPayloadSchema);
export type QaReviewResubmittedEvent = z.infer<typeof QaReviewResubmittedEventSchema>;

/** `qa.review.approved` v1: QA approved `version`; the checks QA saw when approving. */
export const QaReviewApprovedPayloadSchema = z.strictObject({ ...ReviewStep, checks: QaCheckSummarySchema });
export const QaReviewApprovedEventSchema = defineEvent(TOPIC.QA_REVIEW_APPROVED, 1, QaReviewApprovedPayloadSchema);
export type QaReviewApprovedEvent = z.infer<typeof QaReviewApprovedEventSchema>;

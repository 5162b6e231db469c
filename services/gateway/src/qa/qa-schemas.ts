import { QaAnchorSchema, QaReviewThreadSchema, QaSeveritySchema, storableText } from '@medicdraft/contracts';
import { z } from 'zod';
import { QaProtocolContentSchema } from './qa-protocol.js';

/** One protocol check as QA sees it: outcome, why, and the sentence ids (`<sectionKey>.<index>`) and segment ids it rests on. */
export const QaCheckResultSchema = z
  .object({
    protocol: z.object({ name: z.string(), version: z.int() }),
    ruleId: z.string(),
    title: z.string(),
    severity: z.enum(['minor', 'major', 'critical']),
    outcome: z.enum(['pass', 'fail', 'not_applicable']),
    detail: z.string(),
    evidence: z.object({ sentenceIds: z.array(z.string()), segmentIds: z.array(z.string()) }),
  })
  .meta({ id: 'QaCheckResult' });

/** The review thread of a narrative with the tenant's protocol checks run over its latest version. */
export const QaReviewPublicSchema = QaReviewThreadSchema.extend({ checks: z.array(QaCheckResultSchema) }).meta({ id: 'QaReview' });

export const QaCommentPublicBody = z.strictObject({
  version: z.int().min(1),
  anchor: QaAnchorSchema,
  severity: QaSeveritySchema,
  text: storableText().regex(/\S/).max(4_000),
});
/** Return, resubmit, approve: the version the caller read (it must still be the latest). */
export const QaStepBody = z.strictObject({ version: z.int().min(1) });

export const QaProtocolDefaultsSchema = z.object({ name: z.string(), content: QaProtocolContentSchema }).meta({ id: 'QaProtocolDefaults' });

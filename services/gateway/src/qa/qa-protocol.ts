import { REFERENCE_ID_PATTERN } from '@medicdraft/contracts';
import { z } from 'zod';

/** The `format` of a protocol reference that holds QA checks; other protocol references are not checks. */
export const QA_CHECKS_FORMAT = 'medicdraft.qa-checks.v1';

/**
 * A term a sentence must contain, case-insensitive, on word boundaries, with punctuation read as
 * a space (`12-lead` matches "12 lead"); a trailing `*` matches any word ending (`contraindicat*`).
 */
const Terms = z
  .array(
    z
      .string()
      .trim()
      .min(2)
      .max(60)
      .regex(/^[A-Za-z0-9 .'/-]+\*?$/),
  )
  .min(1)
  .max(50);

/** Some sentence mentions one of the terms, not negated ("no", "not", "denies", … within three words before it). */
const Mentions = z.strictObject({ mentions: Terms });
/** A clock time (1411, 14:11) in a sentence mentioning `to` is at most `minutes` after one in a sentence mentioning `from`. */
const Within = z.strictObject({
  within: z.strictObject({ from: Terms, to: Terms, minutes: z.int().min(1).max(240) }),
});
const Leaf = z.union([Mentions, Within]);
export const QaConditionSchema = z.union([
  Leaf,
  z.strictObject({ anyOf: z.array(Leaf).min(1).max(10) }),
  z.strictObject({ allOf: z.array(Leaf).min(1).max(10) }),
]);
export type QaCondition = z.infer<typeof QaConditionSchema>;
export type QaLeafCondition = z.infer<typeof Leaf>;

/**
 * One deterministic check: when the narrative affirms any `when` term, `require` must hold.
 * `severity` is how much a failure matters (the same scale as QA comments).
 */
export const QaRuleSchema = z.strictObject({
  id: z.string().regex(REFERENCE_ID_PATTERN),
  title: z.string().trim().min(3).max(160),
  severity: z.enum(['minor', 'major', 'critical']),
  when: Mentions,
  require: QaConditionSchema,
});
export type QaRule = z.infer<typeof QaRuleSchema>;

/** The content of a protocol reference holding QA checks (`PUT …/references/protocol/:name`). */
export const QaProtocolContentSchema = z.strictObject({
  format: z.literal(QA_CHECKS_FORMAT),
  rules: z.array(QaRuleSchema).min(1).max(50),
});
export type QaProtocolContent = z.infer<typeof QaProtocolContentSchema>;

/** The name the defaults are offered under (a tenant adopts them by storing this protocol reference). */
export const DEFAULT_QA_PROTOCOL_NAME = 'qa-checks';

const CHEST_PAIN = ['chest pain', 'chest pressure', 'chest tightness', 'substernal', 'angina*', 'stemi'];

/** The checks MedicDraft ships; a tenant adopts, edits or replaces them as its own protocol reference. */
export const DEFAULT_QA_PROTOCOL: QaProtocolContent = {
  format: QA_CHECKS_FORMAT,
  rules: [
    {
      id: 'chest-pain-aspirin',
      title: 'Chest pain: aspirin given or a contraindication documented',
      severity: 'critical',
      when: { mentions: CHEST_PAIN },
      require: {
        anyOf: [
          { mentions: ['aspirin', 'asa', 'acetylsalicylic acid'] },
          {
            mentions: [
              'aspirin allergy',
              'allergic to aspirin',
              'allergy to aspirin',
              'contraindicat*',
              'gi bleed',
              'active bleeding',
              'took aspirin',
              'taken aspirin',
              'refused aspirin',
              'declined aspirin',
            ],
          },
        ],
      },
    },
    {
      id: 'stemi-12-lead-10-minutes',
      title: 'Chest pain: 12-lead ECG within 10 minutes of patient contact',
      severity: 'major',
      when: { mentions: CHEST_PAIN },
      require: {
        within: {
          from: ['patient contact', 'arrived on scene', 'arrived at scene', 'on scene', 'at patient side', 'arrived'],
          to: ['12 lead', 'twelve lead', '12 lead ecg', '12 lead ekg'],
          minutes: 10,
        },
      },
    },
    {
      id: 'stroke-lkw-glucose',
      title: 'Stroke: last known well and blood glucose documented',
      severity: 'critical',
      when: { mentions: ['stroke', 'cva', 'facial droop', 'slurred speech', 'hemiparesis', 'one sided weakness', 'cincinnati', 'be fast'] },
      require: {
        allOf: [
          { mentions: ['last known well', 'lkw', 'last seen normal', 'last known normal'] },
          { mentions: ['glucose', 'blood sugar', 'bgl', 'cbg', 'glucometer', 'd stick', 'dextrose stick'] },
        ],
      },
    },
  ],
};

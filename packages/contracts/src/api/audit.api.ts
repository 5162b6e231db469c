import { z } from 'zod';
import { AuditCheckpointSchema } from '../control/audit-checkpoint.js';
import { TenantIdSchema } from '../envelope.js';
import type { DataClass } from '../events/retention.events.js';
import { IncidentKeySchema } from '../fields.js';
import { StorableDateTimeSchema } from '../storable-values.js';
import { DOMAIN_TOPICS } from '../topics.js';
import { defineApi, errorResponses, intString, type ApiPort } from './api-spec.js';

const TenantParams = z.object({ tenantId: TenantIdSchema });

/** One audit record as the query shows it: who/what/when/where/outcome and its chain link; no PHI, no object keys. */
export const AuditRecordViewSchema = z.object({
  seq: z.int().min(1),
  eventId: z.uuid(),
  type: z.string(),
  version: z.int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: z.object({ type: z.string(), id: z.string(), role: z.string().nullable() }),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  /** Identifier fields only; object references are left out (object keys never leave the services). */
  resourceIds: z.record(z.string(), z.string()),
  service: z.string(),
  /** The client's address as the gateway saw it, on records of requests through the gateway; else null. */
  sourceAddress: z.string().nullable(),
  outcome: z.string(),
  outcomeDetail: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecordView = z.infer<typeof AuditRecordViewSchema>;

export const AuditPageSchema = z.object({ records: z.array(AuditRecordViewSchema), nextAfter: z.int().min(0).optional() });
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** A signed tree head with the public key it verifies under (keys are public; checkpoints store only ids). */
export const CheckpointViewSchema = AuditCheckpointSchema.extend({ publicKeyPem: z.string() });
export type CheckpointView = z.infer<typeof CheckpointViewSchema>;

export const InclusionProofViewSchema = z.object({
  eventId: z.uuid(),
  leafIndex: z.int().min(0),
  chainHash: z.string(),
  checkpoint: CheckpointViewSchema,
  /** RFC 9162 audit path, hex, leaf to root. */
  inclusionPath: z.array(z.string()),
});
export type InclusionProofView = z.infer<typeof InclusionProofViewSchema>;

/** A verify verdict as the query shows it (kinds as `medicdraft-audit verify` reports them). */
export const VerifyVerdictViewSchema = z.object({
  kind: z.string(),
  seq: z.int().optional(),
  eventId: z.string().optional(),
  treeSize: z.int().optional(),
  keyId: z.string().optional(),
  detail: z.string(),
});

/** The tenant's chain verified now: the verdicts (none when intact) and what was covered. */
export const VerifyStatusSchema = z.object({
  ok: z.boolean(),
  verifiedAt: z.string(),
  records: z.int().min(0),
  lastSeq: z.int().min(0),
  checkpoints: z.int().min(0),
  /** Records covered by a valid (and, with a witness, witnessed) checkpoint; the rest are `unanchored`. */
  anchored: z.int().min(0),
  unanchored: z.int().min(0),
  witness: z.string().nullable(),
  verdicts: z.array(VerifyVerdictViewSchema),
});
export type VerifyStatus = z.infer<typeof VerifyStatusSchema>;

/** A FHIR R4 extension with a string or integer value (only the two the bundle uses). */
const FhirExtensionSchema = z.object({ url: z.string(), valueString: z.string().optional(), valueInteger: z.int().optional() });

/**
 * A FHIR R4 `Bundle` (type `collection`) of AuditEvents, one per record in chain order; each keeps
 * its chain position and link as extensions (`…/audit-seq`, `…/audit-hash`, `…/audit-prev-hash`).
 */
export const AuditFhirBundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('collection'),
  timestamp: z.string(),
  total: z.int().min(0).optional(),
  entry: z
    .array(
      z.object({
        fullUrl: z.string(),
        resource: z.looseObject({ resourceType: z.literal('AuditEvent'), id: z.string(), extension: z.array(FhirExtensionSchema) }),
      }),
    )
    .optional(),
  link: z.array(z.object({ relation: z.string(), url: z.string() })).optional(),
});
export type AuditFhirBundle = z.infer<typeof AuditFhirBundleSchema>;

/** A period report: the PDF and its detached Ed25519 signature by the audit checkpoint signing key. */
/**
 * The display names a period report shows next to user ids, as the gateway resolves them from the
 * tenant's users when the report is made (the audit log keeps ids only). Bounded: a tenant's users.
 */
export const PeriodReportNamesSchema = z.array(z.object({ userId: z.uuid(), name: z.string().min(1).max(320) })).max(10_000);

export const PeriodReportSchema = z.object({
  fileName: z.string(),
  pdfBase64: z.string(),
  sha256: z.string(),
  signatureBase64: z.string(),
  keyId: z.string(),
  publicKeyPem: z.string(),
});
export type PeriodReport = z.infer<typeof PeriodReportSchema>;
const CountSchema = z.int().min(0);

/**
 * One calendar month (UTC) of a tenant's usage, counted from its audited domain events: what an
 * agency needs to reconcile the AWS bill, and nothing about any patient, provider or text.
 * - `dictations`: `dictation.audio.created` / `dictation.text.created` (a resend that intake
 *   answered with the stored dictation creates no event and is not counted);
 * - `healthscribe`: `healthscribe.job.started` with engine `healthscribe` (every attempt), the
 *   audio seconds sent (the dictation's `durationMs`), and how many of those jobs had no known
 *   duration (a container intake cannot time without decoding); `syntheticJobs`: the sandbox engine;
 * - `reprocessing`: `dictation.reprocess.requested` (re-transcriptions) and `narrative.generated`
 *   with version > 1 (re-drafts);
 * - `storage`: per data class that is stored as objects and announced with its size (audio and
 *   text at intake, the HealthScribe transcript and clinical document at output, narrative
 *   versions), the bytes `written` that month, the bytes `deleted` that month (a
 *   `retention.object.deleted` counts the bytes its object's write announced), and the bytes
 *   `stored` at the month's end (everything written minus everything deleted up to then, all
 *   months before included). Objects announced without a size count 0 both ways;
 * - `llmDrafts`: `narrative.generated` whose drafting asked the model (`requested`, billed) and
 *   whose sentences came from it (`used`).
 */
/** Bytes of one data class in one month (plaintext, as the events announce them). */
export const UsageStorageSchema = z.object({ written: CountSchema, deleted: CountSchema, stored: CountSchema });
/** The data classes whose objects' sizes the events announce (`DATA_CLASSES`: references live in a database row). */
export const USAGE_DATA_CLASSES = [
  'audio_recording',
  'dictation_text',
  'transcript',
  'clinical_document',
  'narrative',
] as const satisfies readonly DataClass[];
export type UsageDataClass = (typeof USAGE_DATA_CLASSES)[number];

export const UsageMonthSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  dictations: z.object({ total: CountSchema, audio: CountSchema, text: CountSchema }),
  healthscribe: z.object({ jobs: CountSchema, audioSeconds: z.number().min(0), jobsWithoutDuration: CountSchema }),
  syntheticJobs: CountSchema,
  reprocessing: z.object({ retranscriptions: CountSchema, redrafts: CountSchema }),
  storage: z.object({
    audio_recording: UsageStorageSchema,
    dictation_text: UsageStorageSchema,
    transcript: UsageStorageSchema,
    clinical_document: UsageStorageSchema,
    narrative: UsageStorageSchema,
  }),
  llmDrafts: z.object({ requested: CountSchema, used: CountSchema }),
});
export type UsageMonth = z.infer<typeof UsageMonthSchema>;
/** The last `months` calendar months, oldest first, the current (partial) month last. */
export const UsageReportSchema = z.object({ months: z.array(UsageMonthSchema) });
export type UsageReport = z.infer<typeof UsageReportSchema>;

/** Domain event types as a comma-separated list on the wire. */
const TypeListSchema = z.codec(z.string().max(2_000), z.array(z.enum(DOMAIN_TOPICS)).max(DOMAIN_TOPICS.length), {
  decode: (s) => s.split(',').filter((t) => t !== '') as never,
  encode: (types) => types.join(','),
});

/**
 * A page's filters: chain position, types, time, and who/what — `dictationId` (records naming the
 * dictation), `incidentKey` (records naming any dictation whose `dictation.*.created` event carried
 * that keyed incident hash), `actorId` (user id or service name).
 */
const ListQuery = z.strictObject({
  after: intString(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: intString(1, 500).optional(),
  type: TypeListSchema.optional(),
  from: StorableDateTimeSchema.optional(),
  to: StorableDateTimeSchema.optional(),
  dictationId: z.uuid().optional(),
  incidentKey: IncidentKeySchema.optional(),
  actorId: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
});
const LIST_INVALID =
  'query: after (seq), limit (1-500), type (event types, comma-separated), from/to (ISO 8601), ' +
  'dictationId, incidentKey, actorId are the only parameters';

/**
 * The audit service's query API (the gateway, which checks `audit:view` and the tenant, is its
 * only caller). Read-only: nothing here writes, and the service's role cannot. Every call runs
 * under the tenant's row-level security, so another tenant's event is 404 like an absent one; a
 * checkpoint or proof is answered only after its signature (and the proof) verified, else 500
 * `audit_integrity`.
 */
export const auditApi = defineApi({
  list: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/audit/events',
    summary: "A page of the tenant's audit records in chain order (from ≤ occurredAt < to)",
    params: TenantParams,
    query: ListQuery,
    responses: { 200: AuditPageSchema, ...errorResponses(400, 500) },
    invalid: LIST_INVALID,
  },
  fhir: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/audit/fhir',
    summary: 'The same page as `list`, as a FHIR R4 Bundle of AuditEvents (seq and hash kept as extensions)',
    params: TenantParams,
    query: ListQuery,
    responses: { 200: AuditFhirBundleSchema, ...errorResponses(400, 500) },
    invalid: LIST_INVALID,
  },
  verify: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/audit/verify',
    summary: "Verify the tenant's chain, checkpoints, signatures and witness now",
    params: TenantParams,
    responses: { 200: VerifyStatusSchema, ...errorResponses(400, 500) },
    invalid: 'invalid tenant id',
  },
  periodReport: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/audit/reports/period',
    summary:
      'A signed PDF report of one period (from ≤ occurredAt < to): verify verdicts, checkpoint roots, activity; ' +
      'users are named by the display names the caller gives (the log holds ids only)',
    params: TenantParams,
    body: z.strictObject({ from: StorableDateTimeSchema, to: StorableDateTimeSchema, names: PeriodReportNamesSchema.optional() }),
    responses: { 200: PeriodReportSchema, ...errorResponses(400, 500) },
    invalid: 'body: from and to (ISO 8601) are required; names is a list of {userId, name}',
  },
  latestCheckpoint: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/audit/checkpoints/latest',
    summary: "The tenant's latest signed checkpoint (404 before the first)",
    params: TenantParams,
    responses: { 200: CheckpointViewSchema, ...errorResponses(400, 404, 500) },
    invalid: 'invalid tenant id',
  },
  proof: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/audit/proof/:eventId',
    summary: 'An inclusion proof of one event against the smallest signed checkpoint holding it',
    params: z.object({ tenantId: TenantIdSchema, eventId: z.uuid() }),
    responses: { 200: InclusionProofViewSchema, ...errorResponses(400, 404, 500) },
    invalid: 'invalid tenant or event id',
  },
  usage: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/usage',
    summary: "The tenant's usage per calendar month (UTC), counted from its audited events",
    params: TenantParams,
    query: z.strictObject({ months: intString(1, 24).optional() }),
    responses: { 200: UsageReportSchema, ...errorResponses(400, 500) },
    invalid: 'query: months (1-24) is the only parameter',
  },
});

export type AuditApi = ApiPort<typeof auditApi>;

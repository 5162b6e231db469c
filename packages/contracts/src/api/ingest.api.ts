import { z } from 'zod';
import { DictationCursorSchema } from '../dictation-cursor.js';
import { DictationStatusReasonSchema, DictationStatusSchema } from '../dictation-status.js';
import { SourceAddressSchema, TenantIdSchema, TraceparentSchema } from '../envelope.js';
import { Sha256HexSchema } from '../fields.js';
import { MEDIA_FORMATS } from '../events/dictation.events.js';
import { QaReviewStateSchema } from '../events/qa-review.events.js';
import { RoleSchema } from '../roles.js';
import { storableText } from '../storable-values.js';
import { defineApi, errorResponses, intString, StreamBodySchema, type ApiPort, type OperationInput } from './api-spec.js';

const TenantParams = z.object({ tenantId: TenantIdSchema });
const DictationParams = z.object({ tenantId: TenantIdSchema, dictationId: z.uuid() });
/** The acting user (the gateway authenticated the session and checked the role and that the path's tenant is the session's). */
const ActorHeaders = z.object({
  'x-provider-id': z.uuid(),
  'x-actor-role': RoleSchema.optional(),
  traceparent: TraceparentSchema.optional(),
  /**
   * The client's address as the gateway saw it (an IP literal; the patterns admit no more than an
   * address's length): the events the request causes carry it as `sourceAddress`.
   */
  'x-client-address': SourceAddressSchema.optional(),
});
const ACTOR_INVALID =
  'x-provider-id (uuid) is required; x-actor-role, traceparent and x-client-address (an IP address) must be valid when present';

/**
 * A dictation's metadata as the browser may see it: no content, no bucket, no object key. `status`
 * is its lifecycle (`dictation-status.ts`); `statusReason` and `statusMessage` (a fixed sentence
 * chosen by the code, never engine text) say why a dictation `failed` or is `halted`.
 */
export const DictationViewSchema = z.object({
  dictationId: z.uuid(),
  providerId: z.uuid(),
  kind: z.enum(['audio', 'text']),
  format: z.enum([...MEDIA_FORMATS, 'text']),
  synthetic: z.boolean(),
  status: DictationStatusSchema,
  statusReason: DictationStatusReasonSchema.optional(),
  statusMessage: z.string().optional(),
  sizeBytes: z.int().min(0),
  sha256: z.string(),
  createdAt: z.string(),
});
export type DictationView = z.infer<typeof DictationViewSchema>;

/**
 * The answer to an upload: the dictation, and `deduplicated: true` when the same provider had sent
 * the same content (same sha256) within the intake's window, so this is the stored dictation
 * (its id, status and creation time) and no new one and no second transcription job exists.
 */
export const IntakeViewSchema = DictationViewSchema.extend({ deduplicated: z.boolean() });
export type IntakeView = z.infer<typeof IntakeViewSchema>;

/**
 * The ingest service's intake API (the gateway is its only caller; never mounted on a public
 * port). Audio streams through as the request body (never buffered) and is refused while PHI
 * mode is off (423) or the pipeline halted (503); text is synthetic only. `get` and `list` are
 * metadata only and not gated; another tenant's dictation is 404. An upload that declares its
 * digest (`x-content-sha256`) is refused (400, nothing kept) when the stored bytes differ; one
 * declared synthetic (`x-synthetic: true`, a practice recording) is sandbox work: accepted while
 * PHI mode is off, like synthetic text. A deletion takes effect only
 * once its `retention.object.deleted` events are durable (503 `dependency_unavailable`
 * otherwise). Reprocessing is the actor's own dictation only (404 otherwise), 409 once deleted or
 * at the attempt limit, gated as intake.
 */
/** An ePCR incident number as accepted at intake: 1–40 of letters, digits, `-`, `_`, `/`. */
export const INCIDENT_NUMBER_PATTERN = /^[A-Za-z0-9_/-]{1,40}$/;
const IncidentNumberSchema = z.string().regex(INCIDENT_NUMBER_PATTERN);
/**
 * A correction of a dictation's incident number: the number (as at intake) and why it changes. The
 * reason is kept by ingest for the record (it may name a person: it never leaves in an event or a log).
 */
export const IncidentCorrectionSchema = z.strictObject({
  incidentNumber: IncidentNumberSchema,
  reason: z.string().trim().min(1).max(500),
});

export const ingestApi = defineApi({
  uploadAudio: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/dictations/audio',
    summary: 'Store an audio dictation streamed as the body (any content type: the format is read from the bytes)',
    params: TenantParams,
    headers: ActorHeaders.extend({
      'content-length': intString(0, Number.MAX_SAFE_INTEGER).optional(),
      'x-content-sha256': Sha256HexSchema.optional(),
      'x-synthetic': z.literal('true').optional(),
      'x-incident-number': IncidentNumberSchema.optional(),
    }),
    body: StreamBodySchema,
    stream: true,
    responses: { 201: IntakeViewSchema, ...errorResponses(400, 413, 415, 423, 503) },
    invalid:
      `${ACTOR_INVALID}; x-content-sha256 is a lower-case hex sha256; x-synthetic is "true" when present; ` +
      'x-incident-number is 1-40 letters, digits, "-", "_", "/"',
  },
  submitText: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/dictations/text',
    summary: 'Store a synthetic text dictation',
    params: TenantParams,
    headers: ActorHeaders,
    body: z.strictObject({ text: storableText(), synthetic: z.literal(true), incidentNumber: IncidentNumberSchema.optional() }),
    responses: { 201: IntakeViewSchema, ...errorResponses(400, 413, 415, 503) },
    invalid:
      'expected {"text": string, "synthetic": true, "incidentNumber"?: 1-40 letters, digits, "-", "_", "/"} ' +
      '(only synthetic text dictations are accepted) and the actor headers',
  },
  get: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId',
    summary: 'A dictation (metadata)',
    params: DictationParams,
    responses: { 200: DictationViewSchema, ...errorResponses(400, 404) },
    invalid: 'invalid tenant or dictation id',
  },
  list: {
    method: 'GET',
    path: '/internal/v1/tenants/:tenantId/dictations',
    summary:
      "A page of the tenant's dictations, newest first (deleted ones too), optionally of one `status` and/or QA `reviewState`; " +
      "`cursor` is the previous page's `nextCursor`",
    params: TenantParams,
    query: z.strictObject({
      providerId: z.uuid().optional(),
      limit: intString(1, 200).optional(),
      cursor: DictationCursorSchema.optional(),
      status: DictationStatusSchema.optional(),
      reviewState: QaReviewStateSchema.optional(),
    }),
    responses: {
      200: z.object({ dictations: z.array(DictationViewSchema), nextCursor: z.string().optional() }),
      ...errorResponses(400),
    },
    invalid:
      'query: providerId (uuid), limit (1-200), cursor, status (a dictation status) and reviewState (a QA review state) ' +
      'are the only parameters',
  },
  reprocess: {
    method: 'POST',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/reprocess',
    summary: "Another transcription attempt of the actor's own dictation: its number (2, 3, …)",
    params: DictationParams,
    headers: ActorHeaders,
    responses: { 202: DictationViewSchema.extend({ attempt: z.int().min(2) }), ...errorResponses(400, 404, 409, 423, 503) },
    invalid: `invalid tenant or dictation id; ${ACTOR_INVALID}`,
  },
  correctIncident: {
    method: 'PUT',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId/incident',
    summary:
      "Set or correct the dictation's ePCR incident number (its provider, or an owner), with the reason: only keyed hashes leave, " +
      'in dictation.incident.corrected',
    params: DictationParams,
    headers: ActorHeaders,
    body: IncidentCorrectionSchema,
    responses: { 200: DictationViewSchema, ...errorResponses(400, 404, 409) },
    invalid: `expected {"incidentNumber": 1-40 letters, digits, "-", "_", "/", "reason": 1-500 characters}; ${ACTOR_INVALID}`,
  },
  remove: {
    method: 'DELETE',
    path: '/internal/v1/tenants/:tenantId/dictations/:dictationId',
    summary: 'Delete a dictation and its objects (idempotent: a deleted one answers 204 again)',
    params: DictationParams,
    headers: ActorHeaders,
    responses: { 204: z.void(), ...errorResponses(400, 404, 423, 503) },
    invalid: `invalid tenant or dictation id; ${ACTOR_INVALID}`,
  },
});

export type IngestApi = ApiPort<typeof ingestApi>;
/** The acting user's part of an intake call. */
export type IntakeActorInput = OperationInput<(typeof ingestApi)['reprocess']>;

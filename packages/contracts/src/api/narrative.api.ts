import { z } from 'zod';
import { TenantIdSchema } from '../envelope.js';
import { ScribeEngineSchema } from '../events/healthscribe.events.js';
import { EXPORT_METHODS, RedactionCountsSchema } from '../events/narrative.events.js';
import { NarrativeElementCodeSchema, NarrativeTemplateSchema } from '../events/narrative-vocabulary.js';
import { RoleSchema } from '../roles.js';
import { defineApi, errorResponses, intString, type ApiPort, type OperationInput } from './api-spec.js';

const Params = z.object({ tenantId: TenantIdSchema, dictationId: z.uuid() });
/** The verified user (the gateway authenticated the session and checked role, tenant and ownership). */
const ActorHeaders = z.object({ 'x-user-id': z.uuid(), 'x-actor-role': RoleSchema, 'x-request-id': z.uuid().optional() });
const Evidence = z.array(z.string());

/**
 * One narrative version for review (PHI: returned to the authorised caller only, never logged):
 * sections of sentences with the transcript segment ids they rest on, open missing-element
 * prompts (copy is refused while any is open), resolved prompts, the cited transcript segments,
 * review notes (what the provider should check, never values), the text. No bucket or object key.
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
  reviewNotes: z.array(z.object({ kind: z.enum(['correction']), note: z.string(), evidence: Evidence })),
  text: z.string(),
  copyable: z.boolean(),
});
export type NarrativeView = z.infer<typeof NarrativeViewSchema>;

/** An ESO-ready copy: exactly the text the user receives, its length and digest. */
export const NarrativeCopySchema = z.object({
  dictationId: z.uuid(),
  narrativeId: z.uuid(),
  version: z.int().min(1),
  format: z.literal('eso_plain_text'),
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

/** A new version from the latest one: a rewritten text and/or statements for open elements. */
export const NarrativeChangeSchema = z.strictObject({
  baseVersion: z.int().min(1),
  text: z.string().min(1).max(20_000).optional(),
  resolutions: z.partialRecord(NarrativeElementCodeSchema, z.string().min(1).max(2_000)).optional(),
});

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
    summary: 'The ESO plain text of a version (the latest without `version`)',
    params: Params,
    headers: ActorHeaders,
    body: z.strictObject({ version: z.int().min(1).optional() }).nullish(),
    responses: { 200: NarrativeCopySchema, ...errorResponses(400, 404, 409, 423, 503) },
    invalid: 'expected {version?} and actor headers',
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
/** Who reviews and what: the input every narrative operation shares. */
export type NarrativeTarget = OperationInput<(typeof narrativeApi)['view']>;

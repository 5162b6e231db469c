import { NarrativeElementCodeSchema, RoleSchema, TenantIdSchema } from '@medicdraft/contracts';
import { ValidationError } from '@medicdraft/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { NarrativeReview, ReviewActor } from './narrative-review.js';

/**
 * INTERNAL API of the narrative service — called by the gateway only, never by browsers. It
 * trusts the caller for identity (the gateway authenticates the session, checks role, tenant and
 * ownership), so it is only reachable on the service network and never mounted in embedded mode
 * (there the gateway calls the review in process). Errors: `{ error, message }`.
 *
 * headers (all): x-user-id: uuid, x-actor-role: provider|qa|admin|owner
 * GET   /internal/v1/tenants/{t}/dictations/{id}/narrative[?version=n]
 *   200 Narrative | 400 | 404 not_found | 423 phi_mode_disabled | 503 pipeline_halted
 * PATCH /internal/v1/tenants/{t}/dictations/{id}/narrative   {baseVersion, text?, resolutions?}
 *   200 Narrative (the new version) | 400 | 404 | 409 version_conflict | 409 element_not_open | 423 | 503
 * POST  /internal/v1/tenants/{t}/dictations/{id}/narrative/copy   {version?}
 *   200 {dictationId, narrativeId, version, format, text, length, sha256}
 *   | 409 unresolved_elements | 409 narrative_too_long | 409 version_conflict | 404 | 423 | 503
 * Narrative = narrative-review.ts `NarrativeView`: sections, sentences with evidence segment
 * ids, open prompts, resolved prompts, transcript segments, review notes (what the provider should
 * check, e.g. a spoken correction was applied: no values), text; no bucket or object key.
 */
export const INTERNAL_NARRATIVE_PATH = '/internal/v1/tenants/:tenantId/dictations/:dictationId/narrative';

const Params = z.object({ tenantId: TenantIdSchema, dictationId: z.uuid() });
const Headers = z.object({ 'x-user-id': z.uuid(), 'x-actor-role': RoleSchema });
const ViewQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
const PatchBody = z.strictObject({
  baseVersion: z.int().min(1),
  text: z.string().min(1).max(20_000).optional(),
  resolutions: z.partialRecord(NarrativeElementCodeSchema, z.string().min(1).max(2_000)).optional(),
});
const CopyBody = z.strictObject({ version: z.int().min(1).optional() }).nullish();

// Messages are fixed strings: zod's would echo input, and input can be narrative text.
function parse<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(message);
  return result.data;
}

function who(req: FastifyRequest): { actor: ReviewActor; dictationId: string } {
  const { tenantId, dictationId } = parse(Params, req.params, 'invalid tenant or dictation id');
  const h = parse(Headers, req.headers, 'x-user-id (uuid) and x-actor-role are required');
  return { actor: { tenantId, userId: h['x-user-id'], role: h['x-actor-role'] }, dictationId };
}

export function registerReviewRoutes(app: FastifyInstance, review: NarrativeReview): void {
  app.get(INTERNAL_NARRATIVE_PATH, async (req) => {
    const { actor, dictationId } = who(req);
    const { version } = parse(ViewQuery, req.query, 'version must be a positive integer');
    return review.view(actor, dictationId, version);
  });
  app.patch(INTERNAL_NARRATIVE_PATH, async (req) => {
    const { actor, dictationId } = who(req);
    const body = parse(PatchBody, req.body, 'expected {baseVersion, text?, resolutions?: {elementCode: statement}}');
    return review.edit(actor, dictationId, body);
  });
  app.post(`${INTERNAL_NARRATIVE_PATH}/copy`, async (req) => {
    const { actor, dictationId } = who(req);
    const body = parse(CopyBody, req.body, 'expected {version?}');
    return review.copy(actor, dictationId, body?.version ?? undefined);
  });
}

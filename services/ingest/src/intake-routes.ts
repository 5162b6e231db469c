import { Readable } from 'node:stream';
import {
  decodeDictationCursor,
  DictationCursorSchema,
  encodeDictationCursor,
  RoleSchema,
  storableText,
  TenantIdSchema,
  TRACEPARENT_PATTERN,
} from '@medicdraft/contracts';
import { NotFoundError, ValidationError } from '@medicdraft/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DictationIntake, IntakeLimits, IntakeRequest } from './dictation-intake.js';
import type { DictationCursor, DictationRecord } from './dictation.repository.js';

/**
 * INTERNAL API of the ingest service — called by the gateway only, never by browsers. It trusts
 * the caller for identity (the gateway authenticates the session, checks the role and that the
 * path's tenant is the session's), so it must only be reachable on the service network; it is
 * never mounted on the public (embedded) port. Errors: `{ error, message }`.
 *
 * POST /internal/v1/tenants/{tenantId}/dictations/audio
 *   headers: x-provider-id: uuid (required), x-actor-role: provider|qa|admin|owner, traceparent
 *   body:    the raw audio bytes, any Content-Type (the format is read from the bytes), streamed
 *   201 Dictation | 400 invalid_request (empty body, bad header) | 413 payload_too_large
 *   | 415 unsupported_media_type | 423 phi_mode_disabled | 503 pipeline_halted | 503 dependency_unavailable
 * POST /internal/v1/tenants/{tenantId}/dictations/text
 *   headers: as above; body: application/json `{ "text": string, "synthetic": true }`
 *   201 Dictation | 400 | 413 | 415 (not JSON) | 503 pipeline_halted (halted or no gate state)
 * GET  /internal/v1/tenants/{tenantId}/dictations/{dictationId}
 *   200 Dictation | 400 | 404 not_found (absent, or another tenant's). Not gated: metadata only.
 * GET  /internal/v1/tenants/{tenantId}/dictations?providerId=uuid&limit=1..200&cursor=…
 *   200 { dictations: Dictation[], nextCursor?: string } newest first; `providerId` narrows to one
 *   provider's (the gateway passes it for providers); `cursor` is the previous page's nextCursor
 *   (opaque). 400 on a bad query. Not gated: metadata only; deleted dictations are listed too.
 * DELETE /internal/v1/tenants/{tenantId}/dictations/{dictationId}
 *   headers: x-provider-id = the acting user (uuid), x-actor-role, traceparent
 *   204 (also when already deleted) | 404 | 423/503 gate | 503 dependency_unavailable when the
 *   `retention.object.deleted` events cannot be made durable (nothing is deleted then).
 * Reprocessing is not offered (no route): the gateway answers it 503 not_available.
 *
 * Dictation = { dictationId, providerId, kind: audio|text, format: wav|flac|mp3|mp4|ogg|webm|text,
 *   synthetic, status: stored|deleted, sizeBytes, sha256, createdAt } — metadata only: no content,
 *   and no bucket or object key (internal identifiers stay inside the service).
 */
export const INTERNAL_DICTATIONS_PATH = '/internal/v1/tenants/:tenantId/dictations';

const TenantParams = z.object({ tenantId: TenantIdSchema });
const DictationParams = z.object({ tenantId: TenantIdSchema, dictationId: z.uuid() });
const ActorHeaders = z.object({
  'x-provider-id': z.uuid(),
  'x-actor-role': RoleSchema.optional(),
  traceparent: z.string().regex(TRACEPARENT_PATTERN).optional(),
});
const TextBody = z.strictObject({ text: storableText(), synthetic: z.literal(true) });
const ListQuery = z.strictObject({
  providerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: DictationCursorSchema.optional(),
});
function decodeCursor(cursor: string): DictationCursor {
  const decoded = decodeDictationCursor(cursor);
  if (decoded === undefined) throw new ValidationError('invalid cursor');
  return decoded;
}

// Messages are fixed strings: zod's would echo input, and input can be dictation text.
function parse<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(message);
  return result.data;
}

function intakeRequest(req: FastifyRequest): IntakeRequest {
  const { tenantId } = parse(TenantParams, req.params, 'invalid tenant id');
  return actorRequest(req, tenantId);
}

function actorRequest(req: FastifyRequest, tenantId: string): IntakeRequest {
  const headers = parse(
    ActorHeaders,
    req.headers,
    'x-provider-id (uuid) is required; x-actor-role and traceparent must be valid when present',
  );
  return {
    tenantId,
    providerId: headers['x-provider-id'],
    ...(headers['x-actor-role'] === undefined ? {} : { role: headers['x-actor-role'] }),
    ...(headers.traceparent === undefined ? {} : { traceparent: headers.traceparent }),
  };
}

function view(d: DictationRecord) {
  return {
    dictationId: d.id,
    providerId: d.providerId,
    kind: d.kind,
    format: d.format,
    synthetic: d.synthetic,
    status: d.status,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    createdAt: d.createdAt.toISOString(),
  };
}

export function registerIntakeRoutes(app: FastifyInstance, intake: DictationIntake, limits: IntakeLimits): void {
  // The audio route has its own scope: a pass-through parser for every content type, so the body
  // reaches the handler as the unread request stream (never buffered by fastify).
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    // A refused upload is not read to its end; closing the connection stops the client sending it.
    scope.addHook('onSend', async (_req, reply) => {
      if (reply.statusCode >= 400) void reply.header('connection', 'close');
    });
    scope.post(`${INTERNAL_DICTATIONS_PATH}/audio`, async (req, reply) => {
      const who = intakeRequest(req);
      const body = req.body instanceof Readable ? req.body : undefined;
      if (body === undefined) throw new ValidationError('audio body is empty');
      const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
      const stored = await intake.acceptAudio(who, body, Number.isFinite(length) ? length : undefined);
      return reply.code(201).send(view(stored));
    });
  });

  // JSON only: without fastify's text/plain parser any other type is a 415.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('text/plain');
    // JSON escapes can double the text's size; the text itself is held to maxTextBytes afterwards.
    scope.post(`${INTERNAL_DICTATIONS_PATH}/text`, { bodyLimit: 2 * limits.maxTextBytes + 1024 }, async (req, reply) => {
      const who = intakeRequest(req);
      const body = parse(TextBody, req.body, 'expected {"text": string, "synthetic": true}: only synthetic text dictations are accepted');
      const stored = await intake.acceptText(who, body.text);
      return reply.code(201).send(view(stored));
    });
  });

  app.get(`${INTERNAL_DICTATIONS_PATH}/:dictationId`, async (req) => {
    const { tenantId, dictationId } = parse(DictationParams, req.params, 'invalid tenant or dictation id');
    const found = await intake.get(tenantId, dictationId);
    if (found === undefined) throw new NotFoundError('dictation not found');
    return view(found);
  });

  app.get(INTERNAL_DICTATIONS_PATH, async (req) => {
    const { tenantId } = parse(TenantParams, req.params, 'invalid tenant id');
    const query = parse(ListQuery, req.query, 'query: providerId (uuid), limit (1-200), cursor are the only parameters');
    const page = await intake.list(tenantId, {
      providerId: query.providerId,
      limit: query.limit,
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    });
    return { dictations: page.items.map(view), ...(page.next === undefined ? {} : { nextCursor: encodeDictationCursor(page.next) }) };
  });

  app.post(`${INTERNAL_DICTATIONS_PATH}/:dictationId/reprocess`, async (req, reply) => {
    const { tenantId, dictationId } = parse(DictationParams, req.params, 'invalid tenant or dictation id');
    const { dictation, attempt } = await intake.reprocess(actorRequest(req, tenantId), dictationId);
    return reply.code(202).send({ ...view(dictation), attempt });
  });

  app.delete(`${INTERNAL_DICTATIONS_PATH}/:dictationId`, async (req, reply) => {
    const { tenantId, dictationId } = parse(DictationParams, req.params, 'invalid tenant or dictation id');
    await intake.remove(actorRequest(req, tenantId), dictationId);
    return reply.code(204).send();
  });
}

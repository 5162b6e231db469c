import { Readable } from 'node:stream';
import { PendingRecordingMaxAgeHoursSchema, Sha256HexSchema } from '@medicdraft/contracts';
import { AppError, NotFoundError, PhiModeDisabledError, ValidationError } from '@medicdraft/platform';
import { Metadata, Server, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TusSpoolDataStore } from '../uploads/tus-spool-data-store.js';
import { uploadIdOf, type UploadSpool } from '../uploads/upload-spool.port.js';
import { deny } from './access-guard.js';
import { DictationSchema, ErrorSchema, GUARDED_ERRORS, IncidentNumberSchema, TenantParams } from './api-schemas.js';
import { assertGate } from './gate-check.js';
import type { RouteContext } from './route-context.js';
import { clientAddressHeader } from './client-address.js';

/** Where incomplete uploads wait, and how long (`spool.expiryMs`). */
export interface UploadSettings {
  spool: UploadSpool;
  /**
   * The spool is shared by every instance and encrypted at rest (object storage). Without it the
   * gateway takes synthetic practice recordings only: a non-synthetic upload is refused with 423,
   * so PHI never lands in a local, unencrypted spool.
   */
  spoolHoldsPhi: boolean;
}

const TUS_REQUEST_HEADERS = ['tus-resumable', 'upload-length', 'upload-offset', 'upload-metadata', 'content-type', 'content-length'];
const SKIPPED_RESPONSE_HEADERS = new Set(['content-length', 'content-type', 'connection']);
const TUS_STATUS_CODES: Record<number, string> = {
  404: 'not_found',
  409: 'conflict',
  410: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};
const UploadParams = TenantParams.extend({ uploadId: z.uuid() });
const UploadStatusSchema = z
  .object({
    uploadId: z.uuid(),
    offset: z.int().min(0),
    length: z.int().min(0),
    dictationId: z.uuid().optional(),
  })
  .meta({ id: 'DictationUploadStatus' });
/**
 * The final PATCH's answer. `deduplicated` as for a new dictation (`CreatedDictation`): true when
 * the same provider had sent the same recording within the intake's window, so this is that
 * dictation. Absent when the upload had been accepted before (a repeated final request): the
 * gateway keeps only which dictation an upload became.
 */
const FinishedUploadSchema = DictationSchema.extend({ deduplicated: z.boolean().optional() }).meta({ id: 'FinishedDictationUpload' });
const RecordingPolicySchema = z
  .object({
    phiMode: z.enum(['enabled', 'disabled']),
    keepUnsentInBrowser: z.boolean(),
    /** The tenant owner's setting (readiness), 1–168. */
    pendingMaxAgeHours: PendingRecordingMaxAgeHoursSchema,
  })
  .meta({ id: 'RecordingPolicy' });
const LOCAL_SPOOL_REFUSAL = 'this gateway spools uploads locally (no S3 storage configured): only synthetic recordings are accepted';
/** An OpenAPI response header; tus answers in headers, and every answer names the protocol version. */
const header = (type: 'string' | 'integer', description: string) => ({ type, description });
const TUS_RESUMABLE = { 'Tus-Resumable': header('string', 'The tus protocol version the server speaks: 1.0.0') };
/** An empty answer whose tus headers carry the result. */
const tusAnswer = (description: string, headers: Record<string, ReturnType<typeof header>> = {}) =>
  z.null().meta({ description, headers: { ...TUS_RESUMABLE, ...headers } });
const UPLOAD_OFFSET = { 'Upload-Offset': header('integer', 'Bytes of the upload the server has') };
/**
 * The request headers tus reads. tus checks them itself (412 without a protocol version it speaks,
 * 409 on a wrong offset), so the document lists them and fastify does not validate them first.
 */
const TusResumable = z.literal('1.0.0').describe('The tus protocol version');
const TusHeaders = z.object({ 'tus-resumable': TusResumable });
const TusCreateHeaders = TusHeaders.extend({
  'upload-length': z.string().regex(/^\d+$/).describe('The recording size in bytes'),
  'upload-metadata': z.string().describe('Comma-separated `key base64(value)`: `sha256` (required), `synthetic`, `incident`'),
});
const TusAppendHeaders = TusHeaders.extend({
  'upload-offset': z.string().regex(/^\d+$/).describe('Where these bytes start: the offset the server reported'),
  'content-type': z.literal('application/offset+octet-stream'),
});
/** The metadata a client may declare (tus `Upload-Metadata`); a file name is never taken. */
const DeclaredMetadata = z.strictObject({
  sha256: Sha256HexSchema,
  synthetic: z.literal('true').optional(),
  incident: IncidentNumberSchema.optional(),
});

/**
 * Resumable dictation uploads over the tus 1.0 protocol (creation, termination, expiration) with
 * `@tus/server`, for recordings made where the connection drops (store-and-forward). Every request
 * passes the same guard as the other dictation routes (session, CSRF token, tenant, permission);
 * an upload is its creator's only (another user's or tenant's id is 404, audited). The client
 * declares the recording's sha256 at creation; the completed upload goes through ingest's audio
 * acceptance like a multipart upload, which refuses it (400, the spool removed) unless the bytes
 * match. The final PATCH answers 200 with the dictation; repeating it (or `GET` the upload) names
 * the same dictation, never a second one.
 */
export function registerDictationUploadRoutes(app: FastifyInstance, ctx: RouteContext, settings: UploadSettings): void {
  const base = '/v1/tenants/:t/dictation-uploads';
  const store = settings.spool;
  /** The gateway request behind each request handed to tus (its principal). */
  const origin = new WeakMap<Request, FastifyRequest>();
  const finishing = new Map<string, Promise<z.infer<typeof FinishedUploadSchema>>>();
  const principalOf = (req: Request) => {
    const found = origin.get(req)?.principal;
    if (found === undefined) throw new Error('a tus request without a gateway principal');
    return found.session;
  };
  const tenantOfUrl = (url: string) => /^\/v1\/tenants\/([^/]+)\//.exec(new URL(url).pathname)?.[1] ?? '';

  async function accept(req: Request, upload: Upload) {
    const accepted = await store.dictationOf(upload.id);
    const session = principalOf(req);
    const from = origin.get(req);
    if (accepted !== undefined) return ctx.clients.ingest.get({ params: { tenantId: session.tenantId, dictationId: accepted } });
    const meta = upload.metadata ?? {};
    try {
      const view = await ctx.clients.ingest.uploadAudio({
        params: { tenantId: session.tenantId },
        headers: {
          'x-provider-id': session.userId,
          'x-actor-role': session.role,
          'content-length': upload.size,
          'x-content-sha256': String(meta['sha256']),
          ...(meta['synthetic'] === 'true' ? { 'x-synthetic': 'true' as const } : {}),
          ...(typeof meta['incident'] === 'string' ? { 'x-incident-number': meta['incident'].trim() } : {}),
          // The request that completes the upload is the one that causes the dictation.
          ...(from === undefined ? {} : clientAddressHeader(from)),
        },
        body: await store.content(upload.id),
      });
      await store.markAccepted(upload.id, view.dictationId);
      return view;
    } catch (err) {
      // Refused for what the bytes are (digest, format, size): they can never be accepted, so they go now.
      if (err instanceof AppError && err.status < 500 && err.status !== 423) await store.remove(upload.id);
      throw err;
    }
  }

  const tus = new Server({
    path: '/v1/tenants/dictation-uploads',
    datastore: new TusSpoolDataStore(store),
    maxSize: ctx.settings.maxAudioBytes,
    allowedOrigins: () => false,
    namingFunction: (req) => uploadIdOf(tenantOfUrl(req.url), ctx.newId()) ?? '',
    generateUrl: (_req, { id }) => `/v1/tenants/${id.replace('/', '/dictation-uploads/')}`,
    getFileIdFromRequest: (req, lastPath) => (lastPath === undefined ? undefined : uploadIdOf(tenantOfUrl(req.url), lastPath)),
    onUploadCreate: async (req, upload) => ({ metadata: { ...upload.metadata, userId: principalOf(req).userId } }),
    async onUploadFinish(req, upload) {
      // One acceptance per upload at a time: a repeated final request waits and answers the same dictation.
      const running = finishing.get(upload.id) ?? accept(req, upload).finally(() => finishing.delete(upload.id));
      finishing.set(upload.id, running);
      const view = await running;
      return { status_code: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(view) };
    },
    onResponseError(_req, err) {
      if (err instanceof AppError) return { status_code: err.status, body: JSON.stringify(errorBody(err.status, err.code, err.message)) };
      const status = 'status_code' in err ? err.status_code : 500;
      const message = 'body' in err && status < 500 ? err.body.trim() : 'the upload could not be stored';
      return { status_code: status, body: JSON.stringify(errorBody(status, TUS_STATUS_CODES[status] ?? 'invalid_request', message)) };
    },
  });

  const sweep = setInterval(() => void tus.cleanUpExpiredUploads().catch(() => undefined), Math.min(store.expiryMs, 3_600_000));
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  /** The upload if it is the caller's own (else 404, audited when it exists). */
  async function ownUpload(req: FastifyRequest, uploadId: string): Promise<Upload> {
    const { session } = req.principal!;
    const id = uploadIdOf(session.tenantId, uploadId);
    const upload = id === undefined ? undefined : await store.getUpload(id).catch(() => undefined);
    if (upload === undefined) throw new NotFoundError('upload not found');
    if (upload.metadata?.['userId'] !== session.userId)
      throw await deny(ctx.events, req, 'not_owner', new NotFoundError('upload not found'));
    return upload;
  }

  /** Hands the request to tus and answers what it answers (a JSON body for the final PATCH and errors). */
  async function delegate(req: FastifyRequest, reply: FastifyReply) {
    const headers = new Headers();
    for (const name of TUS_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    const hasBody = req.method === 'PATCH';
    const web = new Request(new URL(req.url, 'http://gateway.invalid'), {
      method: req.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(req.raw) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
    origin.set(web, req);
    const res = await tus.handleWeb(web);
    // Same-origin only (no CORS headers); bodies are JSON (errors, the dictation) and fastify frames them.
    for (const [name, value] of res.headers) {
      if (!name.startsWith('access-control-') && !SKIPPED_RESPONSE_HEADERS.has(name)) void reply.header(name, value);
    }
    reply.code(res.status);
    const text = await res.text();
    return text === '' || req.method === 'HEAD' ? reply.send() : reply.send(JSON.parse(text));
  }

  const tusErrors = { ...GUARDED_ERRORS, 409: ErrorSchema, 410: ErrorSchema, 412: ErrorSchema, 413: ErrorSchema, 423: ErrorSchema };

  app.register(async (scope) => {
    // The body of a PATCH is the upload's bytes, streamed to the spool by tus: fastify must not read it.
    scope.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    const guard = ctx.guard('dictation_uploads.create', ['dictation:create']);
    r.post(
      base,
      {
        ...guard,
        config: { ...guard.config, documentedHeaders: TusCreateHeaders },
        schema: {
          tags: ['dictations'],
          summary:
            'Start a resumable upload (tus creation): `Upload-Length`, `Upload-Metadata` with `sha256` (hex, required) ' +
            'and `synthetic` ("true": a practice recording, accepted while PHI mode is off); `Location` names the upload',
          params: TenantParams,
          response: { 201: tusAnswer('Created', { Location: header('string', 'The upload, for the requests below') }), ...tusErrors },
        },
      },
      async (req, reply) => {
        const raw = req.headers['upload-metadata'];
        const declared = DeclaredMetadata.safeParse(parseMetadata(raw));
        if (!declared.success) throw new ValidationError('Upload-Metadata: sha256 (lower-case hex) is required; synthetic may be "true"');
        await assertGate(ctx.gates, ctx.events, req, req.params.t, declared.data.synthetic !== 'true');
        if (declared.data.synthetic !== 'true' && !settings.spoolHoldsPhi)
          throw await deny(ctx.events, req, 'phi_mode_disabled', new PhiModeDisabledError(LOCAL_SPOOL_REFUSAL));
        return delegate(req, reply);
      },
    );

    const uploadRoute = (method: 'HEAD' | 'PATCH' | 'DELETE', code: string, summary: string, ok: Record<number, z.ZodType>) => {
      const guard = ctx.guard(code, ['dictation:create']);
      return r.route({
        method,
        url: `${base}/:uploadId`,
        ...guard,
        config: {
          ...guard.config,
          documentedHeaders: method === 'PATCH' ? TusAppendHeaders : TusHeaders,
          // @fastify/swagger leaves HEAD routes out, taking them for fastify's twins of GET routes;
          // this one is the tus offset check a resumed upload starts with.
          ...(method === 'HEAD' ? { swagger: { exposeHeadRoute: true } } : {}),
        },
        schema: { tags: ['dictations'], summary, params: UploadParams, response: { ...ok, ...tusErrors } },
        handler: async (req, reply) => {
          const upload = await ownUpload(req, req.params.uploadId);
          if (method === 'PATCH') await assertGate(ctx.gates, ctx.events, req, req.params.t, upload.metadata?.['synthetic'] !== 'true');
          return delegate(req, reply);
        },
      });
    };
    // Before the GET below: fastify would otherwise derive a HEAD route from it.
    uploadRoute('HEAD', 'dictation_uploads.offset', 'How much of the upload the server has (tus `Upload-Offset`), to resume it there', {
      200: tusAnswer('The upload', { ...UPLOAD_OFFSET, 'Upload-Length': header('integer', 'The recording size declared at creation') }),
    });
    uploadRoute(
      'PATCH',
      'dictation_uploads.append',
      'Append bytes at `Upload-Offset` (application/offset+octet-stream); the last one answers 200 with the dictation ' +
        '(`deduplicated: true`: the same recording sent again, answered with the dictation it already is)',
      { 204: tusAnswer('Appended', UPLOAD_OFFSET), 200: FinishedUploadSchema },
    );
    uploadRoute('DELETE', 'dictation_uploads.delete', 'Abandon an upload (tus termination)', { 204: tusAnswer('Abandoned') });

    r.get(
      '/v1/tenants/:t/recording-policy',
      {
        ...ctx.guard('recording_policy.get', ['dictation:create']),
        schema: {
          tags: ['dictations'],
          summary:
            'What the recorder may do: keep unsent recordings in the browser (encrypted) only while PHI mode is enabled, ' +
            'for at most `pendingMaxAgeHours`; otherwise recordings are synthetic practice, held in memory only',
          params: TenantParams,
          response: { 200: RecordingPolicySchema, ...GUARDED_ERRORS },
        },
      },
      async (req) => {
        const phi = ctx.gates.decide(req.params.t, { phi: true }).allowed;
        return {
          phiMode: phi ? ('enabled' as const) : ('disabled' as const),
          keepUnsentInBrowser: phi,
          pendingMaxAgeHours: (await ctx.clients.readiness.recordingPolicy({ params: { tenantId: req.params.t } })).pendingMaxAgeHours,
        };
      },
    );

    r.get(
      `${base}/:uploadId`,
      {
        ...ctx.guard('dictation_uploads.get', ['dictation:create']),
        schema: {
          tags: ['dictations'],
          summary: 'An upload: bytes received, length, and the dictation once ingest accepted it',
          params: UploadParams,
          response: { 200: UploadStatusSchema, ...GUARDED_ERRORS },
        },
      },
      async (req) => {
        const upload = await ownUpload(req, req.params.uploadId);
        const dictationId = await store.dictationOf(upload.id);
        return {
          uploadId: req.params.uploadId,
          offset: upload.offset,
          length: upload.size ?? 0,
          ...(dictationId === undefined ? {} : { dictationId }),
        };
      },
    );
  });
}

/** tus `Upload-Metadata` (comma-separated `key base64value`); malformed or absent is an empty object, refused by the schema. */
function parseMetadata(raw: string | string[] | undefined): Record<string, string | null> {
  try {
    return typeof raw === 'string' ? Metadata.parse(raw) : {};
  } catch {
    return {};
  }
}

function errorBody(status: number, code: string, message: string) {
  return { error: code, message: status >= 500 ? 'the upload could not be stored' : message };
}

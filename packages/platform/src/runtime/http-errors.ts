import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type ErrorCode } from '../errors.js';

/** The one body of every failure. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
}

/** Fastify's own error codes mapped to our public error codes (no internals in bodies). */
const FASTIFY_CODES: Record<string, { status: number; error: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: 'unsupported_media_type', message: 'unsupported content type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'payload_too_large', message: 'request body too large' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'invalid_request', message: 'body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'invalid_request', message: 'body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'invalid_request', message: 'invalid content length' },
  FST_ERR_BAD_URL: { status: 400, error: 'invalid_request', message: 'malformed URL' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, error: 'uri_too_long', message: 'a path parameter is too long' },
};

/** Other 4xx (fastify, plugins): our code by status, a fixed message (theirs can quote input). */
const CLIENT_ERRORS: Record<number, ErrorBody> = {
  413: { error: 'payload_too_large', message: 'request too large' },
  414: { error: 'uri_too_long', message: 'request URL too long' },
  415: { error: 'unsupported_media_type', message: 'unsupported content type' },
};

/**
 * Maps any thrown value to a status and body. AppErrors keep their code and (PHI-free) message;
 * fastify's and plugins' 4xx get a fixed message; anything else is a 500 with a generic body.
 * `unexpected` tells the caller to log the error: only then is it a fault of ours.
 */
export function toErrorReply(err: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (isAppError(err)) {
    const hidden = err.status >= 500 && err.status !== 503;
    return { status: err.status, body: { error: err.code, message: hidden ? 'internal error' : err.message }, unexpected: false };
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as Partial<FastifyError>;
  const known = typeof e.code === 'string' ? FASTIFY_CODES[e.code] : undefined;
  if (known) return { status: known.status, body: { error: known.error, message: known.message }, unexpected: false };
  if (e.validation)
    return { status: 400, body: { error: 'invalid_request', message: 'request does not match the schema' }, unexpected: false };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: e.statusCode,
      body: CLIENT_ERRORS[e.statusCode] ?? { error: 'invalid_request', message: 'request rejected' },
      unexpected: false,
    };
  }
  return { status: 500, body: { error: 'internal', message: 'internal error' }, unexpected: true };
}

/** Sends the mapped failure; 5xx AppErrors are logged by code, unexpected errors whole (see the logger's serializer). */
export function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const mapped = toErrorReply(err);
  if (mapped.unexpected) req.log.error({ err }, 'unhandled request error');
  else if (isAppError(err) && err.status >= 500) req.log.warn({ err: { code: err.code } }, 'request failed');
  return reply.code(mapped.status).send(mapped.body);
}

/**
 * The one mapping from errors to HTTP: `{ error: code, message }` for every failure, including
 * the ones fastify reports before routing (see `frameworkErrors` in createHttpApp).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not_found', message: 'no such route' }));
}

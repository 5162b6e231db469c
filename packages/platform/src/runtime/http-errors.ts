import type { FastifyError, FastifyInstance } from 'fastify';
import { isAppError } from '../errors.js';

/** Fastify's own error codes mapped to our public error codes (no internals in bodies). */
const FASTIFY_CODES: Record<string, { status: number; error: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: 'unsupported_media_type', message: 'unsupported content type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'payload_too_large', message: 'request body too large' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'invalid_request', message: 'body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'invalid_request', message: 'body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'invalid_request', message: 'invalid content length' },
};

/**
 * The one mapping from errors to HTTP: `{ error: code, message }` for every failure. AppErrors keep
 * their code and (PHI-free) message; 4xx from fastify get a fixed message; anything else is a 500
 * with a generic body while the real error goes to the log.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isAppError(err)) {
      if (err.status >= 500) req.log.warn({ err: { code: err.code } }, 'request failed');
      return reply.code(err.status).send({ error: err.code, message: err.status >= 500 && err.status !== 503 ? 'internal error' : err.message });
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return reply.code(known.status).send({ error: known.error, message: known.message });
    if (err.validation) return reply.code(400).send({ error: 'invalid_request', message: 'request does not match the schema' });
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: 'invalid_request', message: 'request rejected' });
    }
    req.log.error({ err }, 'unhandled request error');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not_found', message: 'no such route' }));
}

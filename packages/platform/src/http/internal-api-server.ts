import { Readable } from 'node:stream';
import { successStatuses, type ApiOperation, type ApiPort, type ApiSpec, type SuccessStatus } from '@medicdraft/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ValidationError } from '../errors.js';

export interface InternalApiOptions<S extends ApiSpec> {
  /** Per operation, a body limit other than the app's. */
  bodyLimit?: { [K in keyof S]?: number };
}

type Handler = (input: Record<string, unknown>) => Promise<unknown>;

function inputOf(op: ApiOperation, req: FastifyRequest): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (op.params) input['params'] = req.params;
  if (op.query) input['query'] = req.query;
  if (op.headers) input['headers'] = req.headers;
  if (op.body) input['body'] = req.body;
  return input;
}

/**
 * Serves an internal API table on `app`: the zod type provider decodes params, query, headers
 * and body (a mismatch is a 400 `invalid_request` with the operation's fixed message, never
 * zod's, which would quote the input) and encodes the answer with the success schema, so a field
 * the table does not name never leaves the service. Errors go through the app's one mapping
 * (`{error, message}`). JSON bodies only (text/plain is a 415), except a `stream` operation, whose
 * body reaches `impl` as the unread request stream; a refused upload closes the connection so
 * the caller stops sending it.
 */
export function registerInternalApi<S extends ApiSpec>(
  app: FastifyInstance,
  spec: S,
  impl: ApiPort<S>,
  options: InternalApiOptions<S> = {},
): void {
  void app.register(async (scope) => {
    scope.setValidatorCompiler(validatorCompiler);
    scope.setSerializerCompiler(serializerCompiler);
    scope.removeContentTypeParser('text/plain');
    for (const [name, op] of Object.entries(spec)) {
      const handler = (impl as unknown as Record<string, Handler>)[name]!;
      const [status, ...more] = successStatuses(op);
      const bodyLimit = options.bodyLimit?.[name];
      const route = (target: FastifyInstance, body: ApiOperation['body']) =>
        target.route({
          method: op.method,
          url: op.path,
          ...(bodyLimit === undefined ? {} : { bodyLimit }),
          schema: {
            ...(op.params ? { params: op.params } : {}),
            ...(op.query ? { querystring: op.query } : {}),
            ...(op.headers ? { headers: op.headers } : {}),
            ...(body ? { body } : {}),
            response: op.responses,
          },
          schemaErrorFormatter: () => new ValidationError(op.invalid),
          handler: async (req, reply) => {
            if (op.stream && !(req.body instanceof Readable)) throw new ValidationError('the body is empty');
            const output = await handler(inputOf(op, req));
            if (more.length === 0) return reply.code(status!).send(output);
            const answer = output as { status: SuccessStatus; body: unknown };
            return reply.code(answer.status).send(answer.body);
          },
        });
      if (!op.stream) {
        route(scope, op.body);
        continue;
      }
      await scope.register(async (streaming) => {
        streaming.removeAllContentTypeParsers();
        streaming.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
        streaming.addHook('onSend', async (_req, reply) => {
          if (reply.statusCode >= 400) void reply.header('connection', 'close');
        });
        route(streaming, undefined);
      });
    }
  });
}

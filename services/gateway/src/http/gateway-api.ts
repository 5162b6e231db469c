import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { AppError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { deny } from './access-guard.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerDictationRoutes } from './dictation-routes.js';
import { registerEnrolmentRoutes } from './enrolment-routes.js';
import { rateLimitKey } from './rate-limit-key.js';
import { createSessionStarter } from './session-starter.js';
import type { RouteContext } from './route-context.js';
import { registerTenantRoutes } from './tenant-routes.js';
import { registerUserRoutes } from './user-routes.js';

export const OPENAPI_PATH = '/v1/openapi.json';

/**
 * The public v1 API as one encapsulated fastify plugin (its hooks, parsers and compilers do not
 * leak into the ops routes or, embedded, into other services' routes): zod type provider,
 * helmet headers, cookies, a per-address rate limit, multipart (streamed, never buffered), the
 * OpenAPI document, then the route modules. Errors use the platform's one mapping.
 */
export async function registerGatewayApi(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  await app.register(async (scope) => {
    scope.setValidatorCompiler(validatorCompiler);
    scope.setSerializerCompiler(serializerCompiler);
    // Only JSON and multipart bodies: anything else is 415, not a string to validate.
    scope.removeContentTypeParser('text/plain');
    scope.decorateRequest('correlationId', '');
    scope.decorateRequest('routeCode', 'unrouted');
    scope.addHook('onRequest', async (req) => {
      req.correlationId = randomUUID();
      req.routeCode = req.routeOptions.config.routeCode ?? 'unrouted';
    });
    await scope.register(cookie);
    await scope.register(helmet, {
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"] } },
      strictTransportSecurity: ctx.settings.cookieSecure,
    });
    // Not `global`: that would append the limiter after each route's own onRequest guard, so
    // anonymous floods would be refused (401) without ever being counted. A scope hook runs first.
    await scope.register(rateLimit, {
      global: false,
      max: ctx.settings.ratePerMinute,
      timeWindow: 60_000,
      keyGenerator: rateLimitKey,
      errorResponseBuilder: (_req, context) => new AppError('rate_limited', `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`, { status: 429 }),
      // One access.denied per address and window, not one per refused request (no audit flood).
      onExceeded: (req, key) => {
        void ctx.idempotency.claim(`ratelimit:${key}:${Math.floor(ctx.clock() / 60_000)}`, 120_000).then((first) => {
          if (first) return deny(ctx.events, req, 'rate_limited', new AppError('rate_limited', 'too many requests', { status: 429 }));
          return undefined;
        }).catch(() => undefined);
      },
    });
    scope.addHook('onRequest', scope.rateLimit());
    await scope.register(multipart, { limits: { fileSize: ctx.settings.maxAudioBytes + 1, files: 1, fields: 0, parts: 1 } });
    await scope.register(swagger, {
      openapi: {
        info: { title: 'MedicDraft gateway API', version: '1.0.0', description: 'Tenant id in the path must equal the session tenant. Errors: {error, message}.' },
        components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: ctx.cookieName }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
        security: [{ session: [], csrf: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    const startSession = createSessionStarter(ctx);
    registerAuthRoutes(scope, ctx, startSession);
    registerEnrolmentRoutes(scope, ctx, startSession);
    registerTenantRoutes(scope, ctx);
    registerDictationRoutes(scope, ctx);
    registerAdminRoutes(scope, ctx);
    registerUserRoutes(scope, ctx);
    scope.get(OPENAPI_PATH, { schema: { hide: true }, config: { routeCode: 'openapi' } }, async () => scope.swagger());
  });
}

import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import { NotFoundError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerBreakGlassRoutes } from './break-glass-routes.js';
import { registerDictationRoutes } from './dictation-routes.js';
import { registerDictationUploadRoutes } from './dictation-upload-routes.js';
import { registerNarrativeMetricsRoutes } from './narrative-metrics-routes.js';
import { registerEnrolmentRoutes } from './enrolment-routes.js';
import { registerExportRoutes } from './export-routes.js';
import { registerQaReviewRoutes } from './qa-review-routes.js';
import { openApiDocumentTransform, openApiRouteTransform } from './openapi-document.js';
import { createSessionStarter } from './session-starter.js';
import type { RouteContext } from './route-context.js';
import { registerTenantRoutes } from './tenant-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerUsageRoutes } from './usage-routes.js';

export const OPENAPI_PATH = '/v1/openapi.json';

/**
 * The public v1 API as one encapsulated fastify plugin (its parsers and compilers do not leak
 * into the rest of the app): zod type provider, cookies, multipart (streamed, never buffered), the
 * OpenAPI document, the route modules and a 404 for unknown `/v1/*` paths inside this scope.
 * Headers, correlation id and rate limit come from the public edge (`registerPublicEdge`),
 * registered on the root before this. Errors use the platform's one mapping.
 */
export async function registerGatewayApi(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  await app.register(async (scope) => {
    scope.setValidatorCompiler(validatorCompiler);
    scope.setSerializerCompiler(serializerCompiler);
    // Only JSON and multipart bodies: anything else is 415, not a string to validate.
    scope.removeContentTypeParser('text/plain');
    await scope.register(cookie);
    await scope.register(multipart, { limits: { fileSize: ctx.settings.maxAudioBytes + 1, files: 1, fields: 0, parts: 1 } });
    await scope.register(swagger, {
      openapi: {
        info: {
          title: 'MedicDraft gateway API',
          version: '1.0.0',
          description:
            'Tenant id in the path must equal the session tenant. Errors: {error, message}. ' +
            'Each operation lists the credentials it needs: none to sign in or enrol, the session cookie to read, ' +
            'the session cookie and its CSRF token (x-csrf-token) to change anything.',
          // The project is not published under an open licence.
          license: { name: 'Proprietary' },
        },
        // Relative: the API is served by the gateway that serves this document, wherever it is deployed.
        servers: [{ url: '/', description: 'The gateway serving this document' }],
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: ctx.cookieName },
            csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          },
        },
      },
      transform: openApiRouteTransform,
      transformObject: openApiDocumentTransform,
    });
    const startSession = createSessionStarter(ctx);
    registerAuthRoutes(scope, ctx, startSession);
    registerEnrolmentRoutes(scope, ctx, startSession);
    registerTenantRoutes(scope, ctx);
    registerDictationRoutes(scope, ctx);
    registerDictationUploadRoutes(scope, ctx, ctx.uploads);
    registerNarrativeMetricsRoutes(scope, ctx);
    registerAdminRoutes(scope, ctx);
    registerUserRoutes(scope, ctx);
    registerUsageRoutes(scope, ctx);
    registerExportRoutes(scope, ctx);
    registerBreakGlassRoutes(scope, ctx);
    registerQaReviewRoutes(scope, ctx);
    registerAuditRoutes(scope, ctx);
    scope.get(OPENAPI_PATH, { schema: { hide: true }, config: { routeCode: 'openapi' } }, async () => scope.swagger());
    // Unknown API paths answer inside the API scope (cookie parser, API error shape), never echoing the URL.
    await scope.register(
      async (v1) => {
        v1.setNotFoundHandler(async () => {
          throw new NotFoundError('no such route');
        });
      },
      { prefix: '/v1' },
    );
  });
}

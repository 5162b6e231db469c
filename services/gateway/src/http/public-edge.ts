import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '@medicdraft/platform';
import type { FastifyInstance } from 'fastify';
import { deny } from './access-guard.js';
import type { RouteContext } from './route-context.js';
import { rateLimitKey } from './rate-limit-key.js';

/**
 * What every response of the public port gets, on the root of the app (not an encapsulated
 * scope), so `/healthz`, 404s, errors, the web UI and the API are all covered: a correlation id
 * (also sent as `x-request-id`),
 * helmet's headers (the API's CSP; the web UI narrows it in its own scope; HSTS when the cookie is
 * Secure, i.e. behind TLS) and the per-address rate limit. Registered before any route module.
 */
export async function registerPublicEdge(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  app.decorateRequest('correlationId', '');
  app.decorateRequest('routeCode', 'unrouted');
  app.addHook('onRequest', async (req, reply) => {
    req.correlationId = randomUUID();
    req.routeCode = req.routeOptions.config.routeCode ?? 'unrouted';
    // The same id as in the audit events and logs, so a support request can name the exchange.
    void reply.header('x-request-id', req.correlationId);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: ctx.settings.cookieSecure,
  });
  // Not `global`: that would append the limiter after each route's own onRequest guard, so
  // anonymous floods would be refused (401) without ever being counted. A root hook runs first,
  // for matched routes and 404s alike.
  await app.register(rateLimit, {
    global: false,
    max: ctx.settings.ratePerMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_req, context) =>
      new AppError('rate_limited', `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`, { status: 429 }),
    // One access.denied per address and window, not one per refused request (no audit flood).
    onExceeded: (req, key) => {
      void ctx.idempotency
        .claim(`ratelimit:${key}:${Math.floor(ctx.clock() / 60_000)}`, 120_000)
        .then((first) => {
          if (first) return deny(ctx.events, req, 'rate_limited', new AppError('rate_limited', 'too many requests', { status: 429 }));
          return undefined;
        })
        .catch(() => undefined);
    },
  });
  app.addHook('onRequest', app.rateLimit());
}

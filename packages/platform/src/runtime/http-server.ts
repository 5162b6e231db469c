import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerErrorHandling, sendError } from './http-errors.js';
import type { ServiceMetrics } from './metrics.js';
import { registerAccessLog, registerHealthRoute, registerOpsRoutes, registerRequestMetrics, type OpsRoutesOptions } from './ops-routes.js';

export interface HttpServerOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  bodyLimitBytes?: number;
  /**
   * Fastify `trustProxy` (true, or the load balancers' addresses/CIDRs): only then are
   * `X-Forwarded-For`/`-Proto`/`-Host` believed, so `req.ip` is the client's (per-address limits). Default off.
   */
  trustProxy?: boolean | string;
  /**
   * Only for a process without an ops listener (tests, tools): `/readyz` and `/metrics` on this
   * app too. A process with an ops listener leaves it out, so its service port answers them 404.
   */
  ops?: OpsRoutesOptions;
}

function newApp(logger: Logger, extra: { bodyLimit: number; trustProxy: boolean | string }): FastifyInstance {
  return Fastify({
    // pino's Logger and fastify's base logger type differ only in generics; the instance is the same.
    loggerInstance: logger as unknown as FastifyBaseLogger,
    // fastify's own request lines would log the raw URL; registerAccessLog writes one line per
    // request with the route pattern instead.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    // A fresh id per request, never the caller's header: a client-chosen id could forge lines.
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // Errors found before routing (malformed URL, over-long parameter, async constraint) would
    // otherwise be answered by fastify itself, in its shape and quoting the URL.
    frameworkErrors: (err, req, reply) => sendError(err, req, reply),
    ...extra,
  });
}

/**
 * The service app: error mapping, `/healthz` for load balancers, request metrics; not listening
 * (tests use `inject`). URLs are logged by route template only, because a path can carry ids that
 * belong to a tenant.
 */
export function createHttpApp(opts: HttpServerOptions): FastifyInstance {
  const app = newApp(opts.logger, { bodyLimit: opts.bodyLimitBytes ?? 1024 * 1024, trustProxy: opts.trustProxy ?? false });
  registerErrorHandling(app);
  registerAccessLog(app);
  registerRequestMetrics(app, opts.metrics);
  registerHealthRoute(app);
  if (opts.ops !== undefined) registerOpsRoutes(app, { ...opts.ops, metrics: opts.metrics });
  return app;
}

/**
 * The ops app (`OPS_HOST`:`OPS_PORT`, loopback by default): `/healthz`, `/readyz` naming every
 * dependency, `/metrics`. Separate from the service port so neither the public nor the service
 * network can read the deployment's insides; it takes no bodies.
 */
export function createOpsApp(opts: OpsRoutesOptions & { logger: Logger; metrics: ServiceMetrics }): FastifyInstance {
  const app = newApp(opts.logger, { bodyLimit: 1024, trustProxy: false });
  registerErrorHandling(app);
  registerAccessLog(app);
  registerRequestMetrics(app, opts.metrics);
  registerHealthRoute(app);
  registerOpsRoutes(app, opts);
  return app;
}

export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  return app.listen({ host, port });
}

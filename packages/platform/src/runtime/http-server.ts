import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerErrorHandling, sendError } from './http-errors.js';
import { registerOpsRoutes, type OpsRoutesOptions } from './ops-routes.js';

export interface HttpServerOptions extends OpsRoutesOptions {
  logger: Logger;
  bodyLimitBytes?: number;
  /**
   * Fastify `trustProxy` (true, or the load balancers' addresses/CIDRs): only then are
   * `X-Forwarded-For`/`-Proto` believed, so `req.ip` is the client's (per-address limits). Default off.
   */
  trustProxy?: boolean | string;
}

/**
 * A fastify app with the ops routes and the error mapping, not listening (tests use `inject`).
 * URLs are logged by route template only, because a path can carry ids that belong to a tenant.
 */
export function createHttpApp(opts: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    // pino's Logger and fastify's base logger type differ only in generics; the instance is the same.
    loggerInstance: opts.logger as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimitBytes ?? 1024 * 1024,
    return503OnClosing: true,
    trustProxy: opts.trustProxy ?? false,
    // Errors found before routing (malformed URL, over-long parameter, async constraint) would
    // otherwise be answered by fastify itself, in its shape and quoting the URL.
    frameworkErrors: (err, req, reply) => sendError(err, req, reply),
  });
  registerErrorHandling(app);
  registerOpsRoutes(app, opts);
  return app;
}

export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  return app.listen({ host, port });
}

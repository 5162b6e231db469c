import type { FastifyInstance } from 'fastify';
import { runWithLogContext } from './log-context.js';
import type { ServiceMetrics } from './metrics.js';
import { runDependencyChecks, type DependencyCheck } from './dependency-checks.js';

export interface OpsRoutesOptions {
  /** Real dependencies probed by /readyz. */
  checks: () => readonly DependencyCheck[];
  /** False once shutdown began: /readyz answers 503 so load balancers stop sending work. */
  accepting: () => boolean;
}

/** `/healthz` (process alive): the only probe a public listener answers, so it reveals nothing. */
export function registerHealthRoute(app: FastifyInstance): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
}

/**
 * `/readyz` (dependencies answer, by name) and `/metrics` (Prometheus text). Both describe the
 * inside of the deployment, so they belong on the ops listener, never on a public port.
 */
export function registerOpsRoutes(app: FastifyInstance, opts: OpsRoutesOptions & { metrics: ServiceMetrics }): void {
  app.get('/readyz', async (_req, reply) => {
    const report = await runDependencyChecks(opts.checks());
    const ready = report.ready && opts.accepting();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: report.checks });
  });
  app.get('/metrics', async (_req, reply) => {
    return reply.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });
}

/** Counts every answered request by route template (never the raw URL, which can hold tenant ids). */
export function registerRequestMetrics(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpRequests.inc({ route: req.routeOptions.url ?? 'unmatched', method: req.method, status: String(reply.statusCode) });
  });
}

/**
 * One `request completed` line per answered request: method, route pattern (never the raw URL,
 * whose path and query can hold tenant ids or search words), status, duration and the request
 * id; no headers, query or body. The request runs inside a log context holding its id, so lines
 * the handlers write through any logger carry `requestId` too.
 */
export function registerAccessLog(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    runWithLogContext({ requestId: req.id }, done);
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
}

import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from './metrics.js';
import { runDependencyChecks, type DependencyCheck } from './dependency-checks.js';

export interface OpsRoutesOptions {
  metrics: ServiceMetrics;
  /** Real dependencies probed by /readyz. */
  checks: () => readonly DependencyCheck[];
  /** False once shutdown began: /readyz answers 503 so load balancers stop sending work. */
  accepting: () => boolean;
}

/** `/healthz` (process alive), `/readyz` (dependencies answer), `/metrics` (Prometheus text). */
export function registerOpsRoutes(app: FastifyInstance, opts: OpsRoutesOptions): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const report = await runDependencyChecks(opts.checks());
    const ready = report.ready && opts.accepting();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: report.checks });
  });
  app.get('/metrics', async (_req, reply) => {
    return reply.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });
  app.addHook('onResponse', async (req, reply) => {
    opts.metrics.httpRequests.inc({ route: req.routeOptions.url ?? 'unmatched', method: req.method, status: String(reply.statusCode) });
  });
}

import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DependencyCheck } from './dependency-checks.js';
import { createHttpApp, createOpsApp, listen } from './http-server.js';
import type { ServiceMetrics } from './metrics.js';
import { createResourceScope, type Use } from './resource-scope.js';
import { createShutdown } from './shutdown.js';

/** What a started service hands back to its host (a stack process or the embedded process). */
export interface RunningService {
  /** Real dependencies of this service, probed by /readyz. */
  checks: readonly DependencyCheck[];
  /** Optional HTTP routes beyond the ops routes (the gateway's API). */
  routes?: (app: FastifyInstance) => void | Promise<void>;
  /** Stop intake (consumers, relays), finish in-flight work, commit. Clients are closed by the host. */
  stop(): Promise<void>;
}

export interface ServiceProcessOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  http: { host: string; port: number; trustProxy?: boolean | string };
  /**
   * The ops listener (`/healthz`, `/readyz`, `/metrics`). When given, the service port answers
   * only `/healthz` of the three; without it (tools, tests) all three stay on the service port.
   */
  ops?: { host: string; port: number };
  shutdownTimeoutMs: number;
  /**
   * Opens the service's clients through `use` (each closed after the service stopped, in reverse
   * order of opening, also when start-up fails half way) and starts the service on them.
   */
  start: (use: Use) => Promise<RunningService>;
}

/**
 * Hosts one service as its own process: service and ops HTTP servers, signal handling and the
 * ordered shutdown (nothing in flight is lost or half-applied) — stop HTTP intake → stop the
 * service (drain, commit) → close the ops listener → close clients (last opened first) → exit. The ops listener stays
 * up while the service drains, so /readyz keeps answering 503 until the end.
 */
export async function runServiceProcess(opts: ServiceProcessOptions): Promise<void> {
  const { logger } = opts;
  const shutdown = createShutdown(logger, { timeoutMs: opts.shutdownTimeoutMs });
  shutdown.installSignalHandlers();
  let accepting = false;
  let service: RunningService | undefined;
  const probes = { checks: () => service?.checks ?? [], accepting: () => accepting && service !== undefined };
  const app = createHttpApp({
    logger,
    metrics: opts.metrics,
    ...(opts.ops === undefined ? { ops: probes } : {}),
    ...(opts.http.trustProxy === undefined ? {} : { trustProxy: opts.http.trustProxy }),
  });
  const opsApp = opts.ops === undefined ? undefined : createOpsApp({ logger, metrics: opts.metrics, ...probes });
  shutdown.add('stop accepting', () => void (accepting = false));
  shutdown.add('http', () => app.close());
  shutdown.add('service', () => service?.stop());
  shutdown.add('ops http', () => opsApp?.close());
  const resources = createResourceScope();
  shutdown.add('clients', () => resources.close((name, err) => logger.error({ err, client: name }, 'closing a client failed')));

  try {
    service = await opts.start(resources.use);
    await service.routes?.(app);
    // Ops first: an orchestrator may probe /readyz as soon as the service port answers.
    const opsAddress = opsApp === undefined || opts.ops === undefined ? undefined : await listen(opsApp, opts.ops.host, opts.ops.port);
    const address = await listen(app, opts.http.host, opts.http.port);
    accepting = true;
    logger.info({ address, ...(opsAddress === undefined ? {} : { opsAddress }) }, 'service started');
  } catch (err) {
    logger.fatal({ err }, 'service failed to start');
    await shutdown.run('start failed');
    process.exit(1);
  }
}

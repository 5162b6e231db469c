import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DependencyCheck } from './dependency-checks.js';
import { createHttpApp, listen } from './http-server.js';
import type { ServiceMetrics } from './metrics.js';
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
  shutdownTimeoutMs: number;
  /** Clients to close after the service stopped, in order (bus before database, say). */
  closers: readonly { name: string; close: () => Promise<void> }[];
  start: () => Promise<RunningService>;
}

/**
 * Hosts one service as its own process: ops HTTP server, signal handling and the ordered shutdown
 * of STYLE.md — stop HTTP intake → stop the service (drain, commit) → close clients → exit.
 */
export async function runServiceProcess(opts: ServiceProcessOptions): Promise<void> {
  const { logger } = opts;
  const shutdown = createShutdown(logger, { timeoutMs: opts.shutdownTimeoutMs });
  shutdown.installSignalHandlers();
  let accepting = false;
  let service: RunningService | undefined;
  const app = createHttpApp({
    logger,
    metrics: opts.metrics,
    checks: () => service?.checks ?? [],
    accepting: () => accepting && service !== undefined,
    ...(opts.http.trustProxy === undefined ? {} : { trustProxy: opts.http.trustProxy }),
  });
  shutdown.add('stop accepting', () => void (accepting = false));
  shutdown.add('http', () => app.close());
  shutdown.add('service', () => service?.stop());
  for (const c of opts.closers) shutdown.add(c.name, c.close);

  try {
    service = await opts.start();
    await service.routes?.(app);
    const address = await listen(app, opts.http.host, opts.http.port);
    accepting = true;
    logger.info({ address }, 'service started');
  } catch (err) {
    logger.fatal({ err }, 'service failed to start');
    await shutdown.run('start failed');
    process.exit(1);
  }
}

import type { ApiPort, ApiSpec } from '@medicdraft/contracts';
import { createHttpApp, type RunningService } from '@medicdraft/platform/http';
import { createHttpClient, createLogger, createMetrics } from '@medicdraft/platform';

/**
 * A started service's internal routes served on a loopback port, and the generic HTTP client of
 * its table pointed at them: the HTTP form of an API for its contract suite.
 */
export async function serveOnLoopback<S extends ApiSpec>(
  spec: S,
  service: RunningService,
  name: string,
): Promise<{ client: ApiPort<S>; close(): Promise<void> }> {
  const app = createHttpApp({
    logger: createLogger({ service: `${name}-internal-test`, level: 'silent' }),
    metrics: createMetrics(`${name}-internal`),
    ops: { checks: () => service.checks, accepting: () => true },
  });
  await service.routes?.(app);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return { client: createHttpClient(spec, { baseUrl, service: name }), close: () => app.close() };
}

/**
 * The server side of the gateway benchmark, run as its own process by gateway-bench.ts: the
 * embedded composition (all six services, as `npm start` runs them, with the gateway's rate
 * limit raised so the load is not answered 429) and, in the same process, a bare fastify app
 * with one static JSON route: the ceiling the gateway's per-request work is compared against.
 * Prints `BENCH_READY {"gatewayUrl","bareUrl"}` once both listen; the demo sign-ins are in the log.
 */
import { join } from 'node:path';
import { createMaildropEnrolmentDelivery, startEmbeddedServices } from '@medicdraft/embedded';
import { createHttpApp, listen } from '@medicdraft/platform/http';
import {
  createLogger,
  createMemoryCoordination,
  createMemoryEventBus,
  createMetrics,
  localObjectPaths,
  openObjectStore,
} from '@medicdraft/platform';
import { openPglite } from '@medicdraft/platform/pglite';
import Fastify from 'fastify';

const dataDir = process.env['DATA_DIR'];
if (dataDir === undefined) throw new Error('DATA_DIR is required');
const logger = createLogger({ service: 'bench-gateway', level: (process.env['LOG_LEVEL'] ?? 'warn') as 'warn' });
const bus = createMemoryEventBus({ defaultPartitions: 6, logger });
const pglite = await openPglite({ dataDir: join(dataDir, 'pglite') });
const coordination = createMemoryCoordination();
const { resource: objects } = await openObjectStore({ kind: 'filesystem', ...localObjectPaths(dataDir) });
const services = await startEmbeddedServices({
  bus,
  pglite,
  coordination,
  objects,
  logger,
  partitions: 6,
  auditKeyDir: join(dataDir, 'audit-keys'),
  enrolmentDelivery: createMaildropEnrolmentDelivery({ dir: join(dataDir, 'mail'), from: 'bench@medicdraft.invalid' }),
  gatewayLimits: { ratePerMinute: 1_000_000 },
});
// The public app as `npm start` serves it (no ops routes: nothing here probes /readyz).
const app = createHttpApp({ logger, metrics: createMetrics('bench-gateway') });
await services.routes?.(app);
const gatewayUrl = await listen(app, '127.0.0.1', 0);

const bare = Fastify({ logger: false });
const BARE_BODY = { dictationId: '00000000-0000-4000-8000-000000000000', status: 'stored', ok: true };
bare.get('/bare', async () => BARE_BODY);
const bareUrl = await listen(bare, '127.0.0.1', 0);

process.stdout.write(`BENCH_READY ${JSON.stringify({ gatewayUrl, bareUrl })}\n`);
const stop = async () => {
  await bare.close();
  await app.close();
  await services.stop();
  await bus.close();
  await pglite.close();
  await coordination.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

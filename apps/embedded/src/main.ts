import { join } from 'node:path';
import { createMaildropEnrolmentDelivery } from '@medicdraft/gateway';
import {
  busMetrics,
  consumerLagMetrics,
  createMemoryCoordination,
  createMemoryEventBus,
  createIncidentKeyer,
  createMetrics,
  loadOrCreateLocalMasterKey,
  localObjectPaths,
  openObjectStore,
  owned,
  secret,
} from '@medicdraft/platform';
import { openPglite } from '@medicdraft/platform/pglite';
import { runServiceProcess } from '@medicdraft/platform/http';
import { loadEmbeddedConfig } from './config.js';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';
import { startEmbeddedServices } from './embedded-services.js';
import { createEmbeddedLogger, hostLogger } from './embedded-logger.js';
import { createLogOutput } from './log-output.js';

// Composition root of the embedded mode (`npm start`): all six services in one process on the
// in-memory bus, PGlite persisted under DATA_DIR and in-memory coordination.
const config = loadEmbeddedConfig();
const output = createLogOutput({ format: config.logFormat, isTty: process.stdout.isTTY === true });
const rootLogger = createEmbeddedLogger({ level: config.logLevel, destination: output.destination });
const logger = hostLogger(rootLogger);
// One process per DATA_DIR: two would write the same PGlite files.
const dataDirLock = await lockDataDir(config.dataDir, {
  onWaitForExitedHolder: (pid) => logger.warn({ pid }, 'the last process on DATA_DIR exited without releasing it; taking over in ≤ 10 s'),
  onCompromised: () => {
    logger.fatal({ dataDir: config.dataDir }, 'another process took over DATA_DIR; stopping at once');
    process.exit(1);
  },
}).catch((err: unknown) => {
  if (!(err instanceof DataDirLockedError)) throw err;
  logger.fatal(err.message);
  process.exit(1);
});
const metrics = createMetrics('embedded');

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  start: async (use) => {
    // Taken before the services start; released last, after every client closed.
    use('DATA_DIR lock', { resource: dataDirLock, close: () => dataDirLock.release() });
    const bus = use('bus', owned(createMemoryEventBus({ defaultPartitions: config.partitions, logger, metrics: busMetrics(metrics) })));
    consumerLagMetrics(metrics, bus);
    const pglite = use('pglite', owned(await openPglite({ dataDir: join(config.dataDir, 'pglite') })));
    const coordination = use('coordination', owned(createMemoryCoordination()));
    // Sandbox object storage: same key layout as S3, AES-256-GCM envelopes under a local master key.
    const objects = use('objects', await openObjectStore({ kind: 'filesystem', ...localObjectPaths(config.dataDir) }));
    // Enrolment links for users an owner creates: .eml files under DATA_DIR/mail (this demo's inbox).
    const enrolmentDelivery = use(
      'enrolment delivery',
      owned(createMaildropEnrolmentDelivery({ dir: join(config.dataDir, 'mail'), from: 'MedicDraft <no-reply@medicdraft.invalid>' })),
    );
    // 32 random bytes kept in DATA_DIR (like the master key): per-incident reports keep working across restarts.
    const incidentSecret = await loadOrCreateLocalMasterKey(join(config.dataDir, 'keys', 'incident.key'));
    return startEmbeddedServices({
      bus,
      pglite,
      coordination,
      objects,
      logger: rootLogger,
      partitions: config.partitions,
      auditKeyDir: join(config.dataDir, 'audit-keys'),
      enrolmentDelivery,
      uploadSpoolDir: join(config.dataDir, 'upload-spool'),
      publicUrl: `http://localhost:${config.http.port}`,
      cookieSecure: config.cookieSecure,
      incidentKey: createIncidentKeyer(secret(incidentSecret.masterKey.toString('hex'))),
      metrics,
    });
  },
});
output.printSignIns();

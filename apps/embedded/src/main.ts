import { join } from 'node:path';
import { createMaildropEnrolmentDelivery } from '@medicdraft/gateway';
import {
  busMetricsHook,
  createLogger,
  createMemoryCoordination,
  createMemoryEventBus,
  createMetrics,
  localObjectPaths,
  openObjectStore,
  openPglite,
  owned,
  runServiceProcess,
} from '@medicdraft/platform';
import { loadEmbeddedConfig } from './config.js';
import { startEmbeddedServices } from './embedded-services.js';

// Composition root of the embedded mode (`npm start`): all six services in one process on the
// in-memory bus, PGlite persisted under DATA_DIR and in-memory coordination.
const config = loadEmbeddedConfig();
const logger = createLogger({ service: 'embedded', level: config.logLevel });
const metrics = createMetrics('embedded');

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  start: async (use) => {
    const bus = use(
      'bus',
      owned(createMemoryEventBus({ defaultPartitions: config.partitions, logger, metrics: { onRecord: busMetricsHook(metrics) } })),
    );
    const pglite = use('pglite', owned(await openPglite({ dataDir: join(config.dataDir, 'pglite') })));
    const coordination = use('coordination', owned(createMemoryCoordination()));
    // Sandbox object storage: same key layout as S3, AES-256-GCM envelopes under a local master key.
    const objects = use('objects', await openObjectStore({ kind: 'filesystem', ...localObjectPaths(config.dataDir) }));
    // Enrolment links for users an owner creates: .eml files under DATA_DIR/mail (this demo's inbox).
    const enrolmentDelivery = use(
      'enrolment delivery',
      owned(createMaildropEnrolmentDelivery({ dir: join(config.dataDir, 'mail'), from: 'MedicDraft <no-reply@medicdraft.invalid>' })),
    );
    return startEmbeddedServices({
      bus,
      pglite,
      coordination,
      objects,
      logger,
      partitions: config.partitions,
      auditKeyDir: join(config.dataDir, 'audit-keys'),
      enrolmentDelivery,
      publicUrl: `http://localhost:${config.http.port}`,
      cookieSecure: config.cookieSecure,
      metrics,
    });
  },
});

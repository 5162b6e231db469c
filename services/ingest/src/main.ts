import {
  busMetricsHook,
  createKafkaEventBus,
  createLogger,
  createMetrics,
  createPgDatabase,
  openObjectStore,
  runServiceProcess,
} from '@medicdraft/platform';
import { loadIngestConfig } from './config.js';
import { INGEST_ROLE, INGEST_SCHEMA, startIngestService } from './service.js';

// Composition root of the ingest service as its own process (the stack mode).
const config = loadIngestConfig();
const logger = createLogger({ service: 'ingest', level: config.logLevel });
const metrics = createMetrics('ingest');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({
  url: config.database.url,
  poolSize: config.database.poolSize,
  schema: INGEST_SCHEMA,
  role: INGEST_ROLE,
  logger,
});
// S3 + SSE-KMS (context {tenantId}) when configured; otherwise the sandbox filesystem store under
// DATA_DIR, envelope-encrypted under the local master key, which keeps tenants in demo storage.
const store = await openObjectStore(config.objects);

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'postgres', close: () => db.close() },
    { name: 'objects', close: () => store.close() },
  ],
  start: () =>
    startIngestService({
      bus,
      db,
      logger,
      partitions: config.kafka.partitions,
      kafkaInstanceId: config.kafka.instanceId,
      objects: store.objects,
      limits: config.limits,
    }),
});

import { busMetricsHook, createKafkaEventBus, createLogger, createMetrics, createPgDatabase, runServiceProcess } from '@medicdraft/platform';
import { loadIngestConfig } from './config.js';
import { INGEST_ROLE, INGEST_SCHEMA, startIngestService } from './service.js';

// Composition root of the ingest service as its own process (the stack mode).
const config = loadIngestConfig();
const logger = createLogger({ service: 'ingest', level: config.logLevel });
const metrics = createMetrics('ingest');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({ url: config.database.url, poolSize: config.database.poolSize, schema: INGEST_SCHEMA, role: INGEST_ROLE, logger });

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'postgres', close: () => db.close() },
  ],
  start: () => startIngestService({ bus, db, logger, partitions: config.kafka.partitions }),
});

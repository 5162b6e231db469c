import { busMetricsHook, createKafkaEventBus, createLogger, createMetrics, createPgDatabase, runServiceProcess } from '@medicdraft/platform';
import { loadReadinessConfig } from './config.js';
import { READINESS_ROLE, READINESS_SCHEMA, startReadinessService } from './service.js';

// Composition root of the readiness service as its own process (the stack mode).
const config = loadReadinessConfig();
const logger = createLogger({ service: 'readiness', level: config.logLevel });
const metrics = createMetrics('readiness');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({ url: config.database.url, poolSize: config.database.poolSize, schema: READINESS_SCHEMA, role: READINESS_ROLE, logger });

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'postgres', close: () => db.close() },
  ],
  start: () => startReadinessService({ bus, db, logger, partitions: config.kafka.partitions }),
});

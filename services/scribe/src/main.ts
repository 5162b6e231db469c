import { busMetricsHook, createKafkaEventBus, createLogger, createMetrics, createPgDatabase, createRedisCoordination, runServiceProcess } from '@medicdraft/platform';
import { loadScribeConfig } from './config.js';
import { SCRIBE_ROLE, SCRIBE_SCHEMA, startScribeService } from './service.js';

// Composition root of the scribe service as its own process (the stack mode).
const config = loadScribeConfig();
const logger = createLogger({ service: 'scribe', level: config.logLevel });
const metrics = createMetrics('scribe');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({ url: config.database.url, poolSize: config.database.poolSize, schema: SCRIBE_SCHEMA, role: SCRIBE_ROLE, logger });
const coordination = createRedisCoordination({ url: config.redis.url });

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'postgres', close: () => db.close() },
    { name: 'redis', close: () => coordination.close() },
  ],
  start: () => startScribeService({ bus, db, logger, coordination, partitions: config.kafka.partitions }),
});

import { busMetricsHook, createKafkaEventBus, createLogger, createMetrics, createPgDatabase, runServiceProcess } from '@medicdraft/platform';
import { loadNarrativeConfig } from './config.js';
import { NARRATIVE_ROLE, NARRATIVE_SCHEMA, startNarrativeService } from './service.js';

// Composition root of the narrative service as its own process (the stack mode).
const config = loadNarrativeConfig();
const logger = createLogger({ service: 'narrative', level: config.logLevel });
const metrics = createMetrics('narrative');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({ url: config.database.url, poolSize: config.database.poolSize, schema: NARRATIVE_SCHEMA, role: NARRATIVE_ROLE, logger });

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'postgres', close: () => db.close() },
  ],
  start: () => startNarrativeService({ bus, db, logger, partitions: config.kafka.partitions }),
});

import { busMetricsHook, createKafkaEventBus, createLogger, createMetrics, createPgDatabase, runServiceProcess } from '@medicdraft/platform';
import { loadAuditConfig } from './config.js';
import { AUDIT_ROLE, AUDIT_SCHEMA } from './audit-migrations.js';
import { startAuditService } from './service.js';

// Composition root of the audit service as its own process (the stack mode).
const config = loadAuditConfig();
const logger = createLogger({ service: 'audit', level: config.logLevel });
const metrics = createMetrics('audit');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({ url: config.database.url, poolSize: config.database.poolSize, schema: AUDIT_SCHEMA, role: AUDIT_ROLE, logger });

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'postgres', close: () => db.close() },
  ],
  start: () => startAuditService({ bus, db, logger, partitions: config.kafka.partitions, groupSuffix: config.kafka.groupSuffix }),
});

import { busMetrics, consumerLagMetrics, createLogger, createMetrics, openObjectStore, owned } from '@medicdraft/platform';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { runServiceProcess } from '@medicdraft/platform/http';
import { loadIngestConfig } from './config.js';
import { INGEST_ROLE, INGEST_SCHEMA, startIngestService } from './service.js';

// Composition root of the ingest service as its own process (the stack mode).
const config = loadIngestConfig();
const logger = createLogger({ service: 'ingest', level: config.logLevel });
const metrics = createMetrics('ingest');

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  start: async (use) => {
    const bus = use('kafka', owned(createKafkaEventBus({ ...config.kafka, logger, metrics: busMetrics(metrics) })));
    consumerLagMetrics(metrics, bus);
    const db = use(
      'postgres',
      owned(
        createPgDatabase({
          url: config.database.url,
          listenUrl: config.database.listenUrl,
          poolSize: config.database.poolSize,
          schema: INGEST_SCHEMA,
          role: INGEST_ROLE,
          logger,
        }),
      ),
    );
    // S3 + SSE-KMS (context {tenantId}) when configured; otherwise the sandbox filesystem store under
    // DATA_DIR, envelope-encrypted under the local master key, which keeps tenants in demo storage.
    const objects = use('objects', await openObjectStore(config.objects));
    return startIngestService({
      bus,
      metrics,
      db,
      logger,
      partitions: config.kafka.partitions,
      kafkaInstanceId: config.kafka.instanceId,
      groupSuffix: config.kafka.groupSuffix,
      objects,
      limits: config.limits,
      incidentKey: config.incidentKey,
    });
  },
});

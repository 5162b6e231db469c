import {
  busMetricsHook,
  createKafkaEventBus,
  createLogger,
  createMetrics,
  createPgDatabase,
  openObjectStore,
  owned,
  runServiceProcess,
} from '@medicdraft/platform';
import { loadNarrativeConfig } from './config.js';
import { NARRATIVE_ROLE, NARRATIVE_SCHEMA, startNarrativeService } from './service.js';

// Composition root of the narrative service as its own process (the stack mode).
const config = loadNarrativeConfig();
const logger = createLogger({ service: 'narrative', level: config.logLevel });
const metrics = createMetrics('narrative');

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  start: async (use) => {
    const bus = use('kafka', owned(createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } })));
    const db = use(
      'postgres',
      owned(
        createPgDatabase({
          url: config.database.url,
          poolSize: config.database.poolSize,
          schema: NARRATIVE_SCHEMA,
          role: NARRATIVE_ROLE,
          logger,
        }),
      ),
    );
    const objects = use('objects', await openObjectStore(config.objects));
    return startNarrativeService({
      bus,
      db,
      logger,
      kafkaInstanceId: config.kafka.instanceId,
      objects,
      partitions: config.kafka.partitions,
      groupSuffix: config.kafka.groupSuffix,
      defaultTemplate: config.narrative.defaultTemplate,
      maxDocumentBytes: config.narrative.maxDocumentBytes,
      copyMaxChars: config.narrative.copyMaxChars,
      internalApi: true,
      metrics,
    });
  },
});

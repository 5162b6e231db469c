import {
  busMetricsHook,
  createKafkaEventBus,
  createLogger,
  createMetrics,
  createPgDatabase,
  runServiceProcess,
} from '@medicdraft/platform';
import { loadReadinessConfig } from './config.js';
import { configuredEnv } from './gates/sandbox-inputs.js';
import { createLiveProbes } from './probes/live-probes.js';
import { READINESS_ROLE, READINESS_SCHEMA, startReadinessService } from './service.js';

// Composition root of the readiness service as its own process (the stack mode).
const config = loadReadinessConfig();
const logger = createLogger({ service: 'readiness', level: config.logLevel });
const metrics = createMetrics('readiness');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({
  url: config.database.url,
  poolSize: config.database.poolSize,
  schema: READINESS_SCHEMA,
  role: READINESS_ROLE,
  logger,
});
const { aws, gates } = config;
const probes = createLiveProbes(db, { ...aws, timeoutMs: gates.probeTimeoutMs });

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'aws probes', close: async () => probes.close() },
    { name: 'postgres', close: () => db.close() },
  ],
  start: () =>
    startReadinessService({
      bus,
      db,
      logger,
      kafkaInstanceId: config.kafka.instanceId,
      partitions: config.kafka.partitions,
      groupSuffix: config.kafka.groupSuffix,
      probes,
      env: {
        configured: configuredEnv({
          AWS_REGION: aws.region,
          AWS_HEALTHSCRIBE_INPUT_BUCKET: aws.inputBucket,
          AWS_HEALTHSCRIBE_OUTPUT_BUCKET: aws.outputBucket,
          AWS_HEALTHSCRIBE_KMS_KEY_ARN: aws.kmsKeyArn,
          AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: aws.dataAccessRoleArn,
          AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: aws.auditLogGroup,
        }),
        databaseConfigured: true,
        productionAuthConfigured: gates.productionAuthConfigured,
        demoStorageOnly: aws.inputBucket === undefined || aws.outputBucket === undefined,
      },
      timings: gates,
      internalRoutes: true,
    }),
});

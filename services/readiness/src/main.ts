import { busMetrics, consumerLagMetrics, createLogger, createMetrics, owned } from '@medicdraft/platform';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { runServiceProcess } from '@medicdraft/platform/http';
import { loadReadinessConfig } from './config.js';
import { configuredEnv } from './gates/sandbox-inputs.js';
import { createLiveProbes } from './probes/live-probes.js';
import { READINESS_ROLE, READINESS_SCHEMA, startReadinessService } from './service.js';

// Composition root of the readiness service as its own process (the stack mode).
const config = loadReadinessConfig();
const logger = createLogger({ service: 'readiness', level: config.logLevel });
const metrics = createMetrics('readiness');
const { aws, gates } = config;

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
          schema: READINESS_SCHEMA,
          role: READINESS_ROLE,
          logger,
        }),
      ),
    );
    const probes = createLiveProbes(db, { ...aws, timeoutMs: gates.probeTimeoutMs });
    use('aws probes', { resource: probes, close: async () => probes.close() });
    return startReadinessService({
      bus,
      metrics,
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
    });
  },
});

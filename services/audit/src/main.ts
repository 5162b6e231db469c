import { busMetrics, consumerLagMetrics, createLogger, createMetrics, owned } from '@medicdraft/platform';
import { createKafkaClient, createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { runServiceProcess } from '@medicdraft/platform/http';
import { loadAuditConfig } from './config.js';
import { AUDIT_ROLE, AUDIT_SCHEMA } from './audit-migrations.js';
import { keyRingFromConfig } from './checkpoint/key-ring-from-config.js';
import { createKafkaLagProbe } from './heartbeat/kafka-lag-probe.js';
import { createCloudWatchMirror } from './mirror/cloudwatch-mirror.js';
import { createS3ObjectLockWitness } from './witness/s3-object-lock-witness.js';
import { AUDIT_GROUP, startAuditService } from './service.js';

// Composition root of the audit service as its own process (the stack mode).
const config = loadAuditConfig();
const logger = createLogger({ service: 'audit', level: config.logLevel });
const metrics = createMetrics('audit');

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  start: async (use) => {
    const bus = use(
      'kafka',
      owned(
        createKafkaEventBus({
          ...config.kafka,
          partitionsConsumedConcurrently: config.kafka.consumerConcurrency,
          logger,
          metrics: busMetrics(metrics),
        }),
      ),
    );
    consumerLagMetrics(metrics, bus);
    const db = use(
      'postgres',
      owned(
        createPgDatabase({
          url: config.database.url,
          listenUrl: config.database.listenUrl,
          poolSize: config.database.poolSize,
          schema: AUDIT_SCHEMA,
          role: AUDIT_ROLE,
          logger,
        }),
      ),
    );
    const lag = use(
      'kafka-lag',
      owned(
        createKafkaLagProbe(
          createKafkaClient({ ...config.kafka, clientId: `${config.kafka.clientId}-lag` }),
          `${AUDIT_GROUP}${config.kafka.groupSuffix}`,
          config.kafka.topicPrefix,
        ),
      ),
    );
    const keys = await keyRingFromConfig(config.signing, logger);
    const witness =
      config.witness.bucket === undefined
        ? undefined
        : createS3ObjectLockWitness({ bucket: config.witness.bucket, retentionDays: config.witness.retentionDays, aws: config.aws });
    const mirror =
      config.aws.auditLogGroup === undefined
        ? undefined
        : createCloudWatchMirror({
            db,
            logger,
            logGroup: config.aws.auditLogGroup,
            retentionDays: config.settings.retentionDays,
            aws: config.aws,
          });
    return startAuditService({
      bus,
      metrics,
      db,
      logger,
      keys,
      lag,
      mirror,
      witness,
      // Only a development key (no AUDIT_SIGNING_KEY_PEM/DIR) registers itself; real keys are
      // provisioned with `medicdraft-audit keys add` under the key-admin role.
      provisionKeys: config.signing.pem === undefined && config.signing.dir === undefined,
      partitions: config.kafka.partitions,
      groupSuffix: config.kafka.groupSuffix,
      kafkaInstanceId: config.kafka.instanceId,
      settings: config.settings,
      ...(config.instanceId === undefined ? {} : { instanceId: config.instanceId }),
    });
  },
});

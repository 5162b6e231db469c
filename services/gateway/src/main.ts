import {
  busMetricsHook,
  createKafkaEventBus,
  createLogger,
  createMetrics,
  createPgDatabase,
  createRedisCoordination,
  owned,
  runServiceProcess,
} from '@medicdraft/platform';
import { createHttpAuditClient } from './clients/audit-clients.js';
import { createHttpIngestClient } from './clients/ingest-http-client.js';
import { createHttpNarrativeClient } from './clients/narrative-http-client.js';
import { createHttpReadinessClient } from './clients/readiness-clients.js';
import { loadGatewayConfig } from './config.js';
import { createMaildropEnrolmentDelivery } from './enrolment/maildrop-enrolment-delivery.js';
import { createSmtpEnrolmentDelivery } from './enrolment/smtp-enrolment-delivery.js';
import { GATEWAY_ROLE, GATEWAY_SCHEMA, startGatewayService } from './service.js';

// Composition root of the gateway service as its own process (the stack mode).
const config = loadGatewayConfig();
const logger = createLogger({ service: 'gateway', level: config.logLevel });
const metrics = createMetrics('gateway');

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
          schema: GATEWAY_SCHEMA,
          role: GATEWAY_ROLE,
          logger,
        }),
      ),
    );
    const coordination = use('redis', owned(createRedisCoordination(config.redis)));
    const mail = config.enrolment.delivery;
    const delivery = use(
      'enrolment delivery',
      owned(mail.kind === 'smtp' ? createSmtpEnrolmentDelivery(mail) : createMaildropEnrolmentDelivery(mail)),
    );
    return startGatewayService({
      bus,
      db,
      logger,
      kafkaInstanceId: config.kafka.instanceId,
      coordination,
      partitions: config.kafka.partitions,
      clients: {
        ingest: createHttpIngestClient({ baseUrl: config.internal.ingestUrl }),
        readiness: createHttpReadinessClient({ baseUrl: config.internal.readinessUrl }),
        audit: createHttpAuditClient({ baseUrl: config.internal.auditUrl }),
        narrative: createHttpNarrativeClient({ baseUrl: config.internal.narrativeUrl }),
      },
      auth: config.auth,
      enrolment: { delivery, publicUrl: config.enrolment.publicUrl, ttlMs: config.enrolment.ttlMs },
      limits: config.limits,
      ...(config.demoTenant === undefined ? {} : { seedTenants: [config.demoTenant] }),
    });
  },
});

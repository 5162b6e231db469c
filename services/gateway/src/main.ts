import { auditApi, ingestApi, narrativeApi, readinessApi } from '@medicdraft/contracts';
import {
  busMetrics,
  consumerLagMetrics,
  createHttpClient,
  createLogger,
  createMetrics,
  openObjectStore,
  owned,
} from '@medicdraft/platform';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createRedisCoordination } from '@medicdraft/platform/redis';
import { runServiceProcess } from '@medicdraft/platform/http';
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
    const bus = use('kafka', owned(createKafkaEventBus({ ...config.kafka, logger, metrics: busMetrics(metrics) })));
    consumerLagMetrics(metrics, bus);
    const db = use(
      'postgres',
      owned(
        createPgDatabase({
          url: config.database.url,
          listenUrl: config.database.listenUrl,
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
    const { objects: s3, ...spool } = config.uploads;
    const objects = s3 === undefined ? undefined : use('s3', await openObjectStore(s3));
    return startGatewayService({
      bus,
      metrics,
      db,
      logger,
      kafkaInstanceId: config.kafka.instanceId,
      coordination,
      partitions: config.kafka.partitions,
      clients: {
        ingest: createHttpClient(ingestApi, { baseUrl: config.internal.ingestUrl, service: 'ingest' }),
        readiness: createHttpClient(readinessApi, { baseUrl: config.internal.readinessUrl, service: 'readiness' }),
        audit: createHttpClient(auditApi, { baseUrl: config.internal.auditUrl, service: 'audit' }),
        narrative: createHttpClient(narrativeApi, { baseUrl: config.internal.narrativeUrl, service: 'narrative' }),
      },
      auth: config.auth,
      enrolment: { delivery, publicUrl: config.enrolment.publicUrl, ttlMs: config.enrolment.ttlMs },
      limits: config.limits,
      uploads: { ...spool, ...(objects === undefined ? {} : { objects }) },
      incidentKey: config.incidentKey,
      ...(config.demoTenant === undefined ? {} : { seedTenants: [config.demoTenant] }),
    });
  },
});

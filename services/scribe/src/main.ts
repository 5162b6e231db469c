import { S3Client } from '@aws-sdk/client-s3';
import { busMetrics, consumerLagMetrics, createLogger, createMetrics, openObjectStore, owned, type Use } from '@medicdraft/platform';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createRedisCoordination } from '@medicdraft/platform/redis';
import { runServiceProcess } from '@medicdraft/platform/http';
import { loadScribeConfig } from './config.js';
import { scribeDocuments } from './engine/scribe-documents.js';
import { createHealthscribeClient, createTranscribeClient } from './healthscribe/healthscribe-client.js';
import { createHealthscribeEngine } from './healthscribe/healthscribe-engine.js';
import { healthscribeJobName } from './healthscribe/healthscribe-job-name.js';
import { SCRIBE_ROLE, SCRIBE_SCHEMA, startScribeService } from './service.js';

// Composition root of a scribe worker process (the stack mode). Run as many as needed.
const config = loadScribeConfig();
const logger = createLogger({ service: 'scribe', level: config.logLevel });
const metrics = createMetrics('scribe');

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
          schema: SCRIBE_SCHEMA,
          role: SCRIBE_ROLE,
          logger,
        }),
      ),
    );
    const coordination = use('redis', owned(createRedisCoordination(config.redis)));
    const objects = use('objects', await openObjectStore(config.objects));
    const healthscribe = openHealthscribe(use);
    return startScribeService({
      bus,
      db,
      logger,
      kafkaInstanceId: config.kafka.instanceId,
      coordination,
      objects,
      documents: scribeDocuments,
      ...(healthscribe === undefined ? {} : { healthscribe }),
      jobName: healthscribeJobName,
      partitions: config.kafka.partitions,
      groupSuffix: config.kafka.groupSuffix,
      worker: config.worker,
      metrics,
    });
  },
});

/** The HealthScribe engine when HealthScribe and S3 storage are both configured (its outputs are read from S3). */
function openHealthscribe(use: Use) {
  const hs = config.healthscribe;
  if (hs === undefined || config.objects.kind !== 's3') return undefined;
  const { region, endpoint } = config.objects;
  const transcribe = createTranscribeClient({ region: hs.region, ...(hs.endpoint === undefined ? {} : { endpoint: hs.endpoint }) });
  use('healthscribe', { resource: transcribe, close: async () => transcribe.destroy() });
  const outputsS3 = new S3Client({
    ...(region === undefined ? {} : { region }),
    ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
  });
  use('healthscribe outputs', { resource: outputsS3, close: async () => outputsS3.destroy() });
  return createHealthscribeEngine({ client: createHealthscribeClient(transcribe), s3: outputsS3, target: hs.target, quota: hs.quota });
}

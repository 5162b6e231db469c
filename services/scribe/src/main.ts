import { S3Client } from '@aws-sdk/client-s3';
import {
  busMetricsHook,
  createKafkaEventBus,
  createLogger,
  createMetrics,
  createPgDatabase,
  createRedisCoordination,
  openObjectStore,
  runServiceProcess,
} from '@medicdraft/platform';
import { loadScribeConfig } from './config.js';
import { scribeDocuments } from './engine/scribe-documents.js';
import { createHealthscribeClient, createTranscribeClient } from './healthscribe/healthscribe-client.js';
import { createHealthscribeEngine } from './healthscribe/healthscribe-engine.js';
import { healthscribeJobName } from './healthscribe/healthscribe-job-name.js';
import { createScribeMetrics } from './scribe-metrics.js';
import { SCRIBE_ROLE, SCRIBE_SCHEMA, startScribeService } from './service.js';

// Composition root of a scribe worker process (the stack mode). Run as many as needed.
const config = loadScribeConfig();
const logger = createLogger({ service: 'scribe', level: config.logLevel });
const metrics = createMetrics('scribe');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({
  url: config.database.url,
  poolSize: config.database.poolSize,
  schema: SCRIBE_SCHEMA,
  role: SCRIBE_ROLE,
  logger,
});
const coordination = createRedisCoordination(config.redis);
const store = await openObjectStore(config.objects);
const hs = config.healthscribe;
const transcribe =
  hs === undefined
    ? undefined
    : createTranscribeClient({ region: hs.region, ...(hs.endpoint === undefined ? {} : { endpoint: hs.endpoint }) });
const outputsS3 =
  config.objects.kind === 's3'
    ? new S3Client({
        ...(config.objects.region === undefined ? {} : { region: config.objects.region }),
        ...(config.objects.endpoint === undefined ? {} : { endpoint: config.objects.endpoint, forcePathStyle: true }),
      })
    : undefined;
const healthscribe =
  hs !== undefined && transcribe !== undefined && outputsS3 !== undefined
    ? createHealthscribeEngine({ client: createHealthscribeClient(transcribe), s3: outputsS3, target: hs.target, quota: hs.quota })
    : undefined;

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'postgres', close: () => db.close() },
    { name: 'redis', close: () => coordination.close() },
    { name: 'objects', close: () => store.close() },
    { name: 'healthscribe', close: async () => (transcribe?.destroy(), outputsS3?.destroy()) },
  ],
  start: () =>
    startScribeService({
      bus,
      db,
      logger,
      kafkaInstanceId: config.kafka.instanceId,
      coordination,
      objects: store.objects,
      documents: scribeDocuments,
      ...(healthscribe === undefined ? {} : { healthscribe }),
      jobName: healthscribeJobName,
      partitions: config.kafka.partitions,
      groupSuffix: config.kafka.groupSuffix,
      worker: config.worker,
      metrics,
      onStep: createScribeMetrics(metrics, coordination.semaphore).onStep,
    }),
});

import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import {
  busMetricsHook,
  createFsObjectStore,
  createKafkaEventBus,
  createLocalKeyService,
  createLogger,
  createMetrics,
  createPgDatabase,
  createS3ObjectStore,
  loadOrCreateLocalMasterKey,
  runServiceProcess,
  type ObjectStore,
} from '@medicdraft/platform';
import { loadNarrativeConfig } from './config.js';
import { createBedrockClient } from './drafting/bedrock-client.js';
import { createBedrockDrafter } from './drafting/bedrock-drafter.js';
import type { NarrativeDrafter } from './drafting/narrative-drafter.port.js';
import { NARRATIVE_ROLE, NARRATIVE_SCHEMA, startNarrativeService } from './service.js';

// Composition root of the narrative service as its own process (the stack mode).
const config = loadNarrativeConfig();
const logger = createLogger({ service: 'narrative', level: config.logLevel });
const metrics = createMetrics('narrative');
const bus = createKafkaEventBus({ ...config.kafka, logger, metrics: { onRecord: busMetricsHook(metrics) } });
const db = createPgDatabase({
  url: config.database.url,
  poolSize: config.database.poolSize,
  schema: NARRATIVE_SCHEMA,
  role: NARRATIVE_ROLE,
  logger,
});

let s3: S3Client | undefined;
let objects: ObjectStore;
if (config.objects.kind === 's3') {
  const { region, endpoint, buckets, kmsKeyArn } = config.objects;
  s3 = new S3Client({ ...(region === undefined ? {} : { region }), ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }) });
  objects = createS3ObjectStore({ client: s3, buckets, kmsKeyId: kmsKeyArn });
} else {
  const key = await loadOrCreateLocalMasterKey(config.objects.masterKeyPath);
  objects = createFsObjectStore({ rootDir: config.objects.rootDir, keys: createLocalKeyService(key) });
}

let bedrock: BedrockRuntimeClient | undefined;
let drafter: NarrativeDrafter | undefined;
if (config.drafting.drafter === 'bedrock') {
  const { region, endpoint, modelId, timeoutMs, maxAttempts, maxRejectionRate } = config.drafting;
  bedrock = createBedrockClient({ region, endpoint, maxAttempts });
  drafter = createBedrockDrafter({ client: bedrock, modelId, timeoutMs, maxRejectionRate, logger });
}

await runServiceProcess({
  logger,
  metrics,
  http: config.http,
  ops: config.ops,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  closers: [
    { name: 'kafka', close: () => bus.close() },
    { name: 'postgres', close: () => db.close() },
    { name: 's3', close: async () => s3?.destroy() },
    { name: 'bedrock', close: async () => bedrock?.destroy() },
  ],
  start: () =>
    startNarrativeService({
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
      ...(drafter === undefined ? {} : { drafter }),
    }),
});

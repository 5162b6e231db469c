import { busMetrics, consumerLagMetrics, createLogger, createMetrics, openObjectStore, owned, type Use } from '@medicdraft/platform';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { runServiceProcess } from '@medicdraft/platform/http';
import { loadNarrativeConfig } from './config.js';
import { createBedrockClient } from './drafting/bedrock-client.js';
import { createBedrockDrafter } from './drafting/bedrock-drafter.js';
import type { NarrativeDrafter } from './drafting/narrative-drafter.port.js';
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
    const bus = use('kafka', owned(createKafkaEventBus({ ...config.kafka, logger, metrics: busMetrics(metrics) })));
    consumerLagMetrics(metrics, bus);
    const db = use(
      'postgres',
      owned(
        createPgDatabase({
          url: config.database.url,
          listenUrl: config.database.listenUrl,
          poolSize: config.database.poolSize,
          schema: NARRATIVE_SCHEMA,
          role: NARRATIVE_ROLE,
          logger,
        }),
      ),
    );
    const objects = use('objects', await openObjectStore(config.objects));
    const drafter = openDrafter(use);
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
      ...(drafter === undefined ? {} : { drafter }),
    });
  },
});

/** The Bedrock drafter when NARRATIVE_DRAFTER=bedrock; otherwise the service drafts with the rules. */
function openDrafter(use: Use): NarrativeDrafter | undefined {
  if (config.drafting.drafter !== 'bedrock') return undefined;
  const { region, endpoint, modelId, timeoutMs, maxAttempts, maxRejectionRate } = config.drafting;
  const bedrock = createBedrockClient({ region, endpoint, maxAttempts });
  const client = use('bedrock', { resource: bedrock, close: async () => bedrock.destroy() });
  return createBedrockDrafter({ client, modelId, timeoutMs, maxRejectionRate, logger });
}

import { z } from 'zod';
import { INSTANCE_ID_PATTERN } from './control/audit-heartbeat.js';
import { REFERENCE_ID_PATTERN } from './events/admin.events.js';
import { TenantIdSchema } from './envelope.js';
import { DictationIdSchema } from './fields.js';
import { allJsonSchemas, keyJsonSchema, type JsonSchema } from './json-schema.js';
import { SERVICE_NAMES, type ServiceName } from './services.js';
import { DLQ_HEADERS, GLOBAL_HALT_KEY, TOPICS, type TopicKeySource, type TopicSpec } from './topics.js';

/** Where the local stack's Kafka listens (scripts/stack). */
export const LOCAL_KAFKA_HOST = '127.0.0.1:29092';
export const KAFKA_BINDING_VERSION = '0.5.0';
/**
 * Payloads are AsyncAPI Multi Format Schema Objects holding the generated draft 2020-12 schema
 * verbatim (the same JSON as `schemas/<topic>.schema.json`), rather than AsyncAPI's default
 * draft-07 dialect, so there is exactly one schema per message.
 */
export const PAYLOAD_SCHEMA_FORMAT = 'application/schema+json;version=draft-2020-12';

/** `auth.login` → `authLogin`: AsyncAPI ids without dots. */
export function channelId(topic: string): string {
  return topic.replace(/[._-]([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const KEY_SCHEMAS: Record<TopicKeySource, () => JsonSchema> = {
  tenantId: () => keyJsonSchema(TenantIdSchema),
  'payload.dictationId': () => keyJsonSchema(DictationIdSchema),
  'payload.referenceId': () => keyJsonSchema(z.string().regex(REFERENCE_ID_PATTERN)),
  instanceId: () => keyJsonSchema(z.string().regex(INSTANCE_ID_PATTERN)),
};

function keySchema(spec: TopicSpec): JsonSchema {
  const base =
    spec.name === 'readiness.gate.state'
      ? { anyOf: [KEY_SCHEMAS.tenantId(), { type: 'string', const: GLOBAL_HALT_KEY }] }
      : KEY_SCHEMAS[spec.key.source]();
  return { ...base, description: spec.key.description };
}

function channel(spec: TopicSpec, payload: JsonSchema) {
  const id = channelId(spec.name);
  return {
    address: spec.name,
    title: spec.name,
    summary: spec.summary,
    messages: {
      [id]: {
        name: spec.name,
        title: spec.name,
        summary: spec.summary,
        contentType: 'application/json',
        payload: { schemaFormat: PAYLOAD_SCHEMA_FORMAT, schema: payload },
        bindings: { kafka: { key: keySchema(spec), bindingVersion: KAFKA_BINDING_VERSION } },
      },
    },
    bindings: {
      kafka: {
        topic: spec.name,
        partitions: spec.partitions,
        topicConfiguration: { 'cleanup.policy': [spec.compacted ? 'compact' : 'delete'] },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    tags: [{ name: spec.kind }],
  };
}

const DLQ_CHANNEL_ID = 'deadLetter';

function deadLetterChannel() {
  const header = (description: string) => ({ type: 'string', description });
  return {
    address: 'dlq.{group}',
    title: 'dlq.<consumer-group>',
    summary: 'Dead letters of one consumer group: the original record value unchanged, with error headers.',
    parameters: { group: { description: 'Consumer group id that rejected the record' } },
    messages: {
      [DLQ_CHANNEL_ID]: {
        name: 'dead-letter',
        title: 'Dead-lettered record',
        summary: 'A malformed or schema-invalid record; error headers never echo record content.',
        headers: {
          type: 'object',
          properties: {
            [DLQ_HEADERS.errorCode]: header('Error code, e.g. malformed_event'),
            [DLQ_HEADERS.errorMessage]: header('PHI-safe message: field paths and issue codes only'),
            [DLQ_HEADERS.originalTopic]: header('Topic the record was consumed from'),
            [DLQ_HEADERS.originalPartition]: header('Partition (decimal)'),
            [DLQ_HEADERS.originalOffset]: header('Offset (decimal)'),
          },
          required: Object.values(DLQ_HEADERS),
        },
        payload: { description: 'The original record value, byte for byte' },
      },
    },
    tags: [{ name: 'control' }],
  };
}

function operation(service: ServiceName, action: 'send' | 'receive', spec: TopicSpec) {
  const id = channelId(spec.name);
  return {
    action,
    channel: { $ref: `#/channels/${id}` },
    messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    summary: `${service} ${action === 'send' ? 'publishes to' : 'consumes'} ${spec.name}`,
    'x-service': service,
  };
}

/**
 * The AsyncAPI 3.1.0 document for integrators: one channel per topic (payload = the generated
 * JSON Schema, inlined; Kafka key and topic bindings), the `dlq.{group}` channel, and one
 * operation per (service, topic) pair: `<service>Send<Channel>` / `<service>Receive<Channel>`.
 */
export function createAsyncApiDocument(options: { version: string }) {
  const schemas = allJsonSchemas();
  const specs = Object.values(TOPICS);
  const channels: Record<string, unknown> = {};
  for (const spec of specs) channels[channelId(spec.name)] = channel(spec, schemas[spec.name]);
  channels[DLQ_CHANNEL_ID] = deadLetterChannel();

  const operations: Record<string, unknown> = {};
  for (const service of SERVICE_NAMES) {
    for (const spec of specs) {
      if (spec.producer === service) operations[`${service}Send${capitalize(channelId(spec.name))}`] = operation(service, 'send', spec);
    }
    for (const spec of specs) {
      if (spec.consumers.includes(service))
        operations[`${service}Receive${capitalize(channelId(spec.name))}`] = operation(service, 'receive', spec);
    }
    if (specs.some((s) => s.consumers.includes(service))) {
      operations[`${service}SendDeadLetter`] = {
        action: 'send',
        channel: { $ref: `#/channels/${DLQ_CHANNEL_ID}` },
        messages: [{ $ref: `#/channels/${DLQ_CHANNEL_ID}/messages/${DLQ_CHANNEL_ID}` }],
        summary: `${service} dead-letters records it cannot parse to dlq.<its group>`,
        'x-service': service,
      };
    }
  }

  return {
    asyncapi: '3.1.0',
    info: {
      title: 'MedicDraft events',
      version: options.version,
      description:
        'Kafka topics of the MedicDraft pipeline. Domain topic name = event type; every event has the same envelope ' +
        '(id, type, version, tenantId, occurredAt, actor, correlationId, causationId?, traceparent?, payload). ' +
        'Events carry ids, object references, digests, counts, codes and outcomes only: never PHI.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: LOCAL_KAFKA_HOST, protocol: 'kafka', description: 'Local stack broker (scripts/stack/stack.sh up)' },
    },
    channels,
    operations,
  };
}

export type AsyncApiDocument = ReturnType<typeof createAsyncApiDocument>;

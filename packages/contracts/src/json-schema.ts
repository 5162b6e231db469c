import { z } from 'zod';
import { ControlSchemas } from './control/control-registry.js';
import { EventSchemas, EVENT_VERSIONS, type EventType } from './event-registry.js';
import { CONTROL_TOPICS, DOMAIN_TOPICS, type ControlTopic, type TopicName } from './topics.js';

/** A JSON Schema document (draft 2020-12) as a plain JSON object. */
export type JsonSchema = { [key: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Stable `$id` of a message schema: `urn:medicdraft:schema:<topic>[:v<version>]`. */
export function schemaId(name: TopicName): string {
  const version = (EVENT_VERSIONS as Partial<Record<string, number>>)[name];
  return version === undefined ? `urn:medicdraft:schema:${name}` : `urn:medicdraft:schema:${name}:v${version}`;
}

/** File name of a message schema under `packages/contracts/schemas/`. */
export function schemaFileName(name: TopicName): string {
  return `${name}.schema.json`;
}

/**
 * `io: 'input'` describes what a validator accepts on the wire: strict objects become
 * `additionalProperties: false`, while a non-strict object would stay open (output mode would
 * hide that difference, and the free-text test relies on seeing it).
 */
const GENERATE = { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' } as const;

function isJsonObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * zod writes a record keyed by an enum (every key required) as `propertyNames` + `required` +
 * `additionalProperties`. That is valid, but `required` names properties the schema never
 * defines, which ajv's strict mode rejects (`strictRequired`) and code generators read as an open
 * map. The same constraint as a closed object: each key a property with the value schema.
 */
function closeExhaustiveRecords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeExhaustiveRecords);
  if (!isJsonObject(node)) return node;
  const walked = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closeExhaustiveRecords(v)]));
  const { propertyNames, additionalProperties, required, ...rest } = walked;
  const keys = isJsonObject(propertyNames) ? propertyNames['enum'] : undefined;
  const exhaustive =
    walked['properties'] === undefined &&
    Array.isArray(keys) &&
    Array.isArray(required) &&
    isJsonObject(additionalProperties) &&
    keys.length === required.length &&
    keys.every((k) => required.includes(k));
  if (!exhaustive) return walked;
  const properties = Object.fromEntries((keys as string[]).map((k) => [k, structuredClone(additionalProperties)]));
  return { ...rest, properties, required, additionalProperties: false };
}

function toJsonSchema(name: TopicName, schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...body } = closeExhaustiveRecords(z.toJSONSchema(schema, GENERATE)) as JsonSchema;
  // $schema/$id first so the generated files read well and diff stably.
  return { $schema: JSON_SCHEMA_DIALECT, $id: schemaId(name), ...body };
}

/** JSON Schema of one event type (the full envelope with its payload), generated from zod. */
export function eventJsonSchema(type: EventType): JsonSchema {
  return toJsonSchema(type, EventSchemas[type]);
}

/** JSON Schema of one control message. */
export function controlJsonSchema(topic: ControlTopic): JsonSchema {
  return toJsonSchema(topic, ControlSchemas[topic]);
}

/**
 * JSON Schema of every message, keyed by topic name (domain topics first, in `DOMAIN_TOPICS`
 * order).
 */
export function allJsonSchemas(): Record<TopicName, JsonSchema> {
  const entries: [TopicName, JsonSchema][] = [
    ...DOMAIN_TOPICS.map((t): [TopicName, JsonSchema] => [t, eventJsonSchema(t)]),
    ...CONTROL_TOPICS.map((t): [TopicName, JsonSchema] => [t, controlJsonSchema(t)]),
  ];
  return Object.fromEntries(entries) as Record<TopicName, JsonSchema>;
}

/** JSON Schema of a message key, from the field schema the key is read from. */
export function keyJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...body } = z.toJSONSchema(schema, GENERATE) as JsonSchema;
  return body;
}

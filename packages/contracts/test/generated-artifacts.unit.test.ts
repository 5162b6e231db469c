import { readdirSync, readFileSync } from 'node:fs';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import specs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT, renderArtifacts } from '../scripts/render-artifacts.js';
import { allJsonSchemas, channelId, LOCAL_KAFKA_HOST, PAYLOAD_SCHEMA_FORMAT, TOPICS, type TopicName } from '../src/index.js';

// ajv-formats is CommonJS: under NodeNext its plugin is the `default` property of the module.
const addFormats = ajvFormats.default;

const FIX = 'run `npm run schemas -w @medicdraft/contracts` and commit the result';

interface Doc {
  asyncapi: string;
  defaultContentType: string;
  servers: Record<string, { host: string; protocol: string }>;
  channels: Record<
    string,
    {
      address: string;
      messages: Record<string, { payload: { schemaFormat?: string; schema?: unknown }; bindings?: { kafka?: { key?: unknown } } }>;
      bindings?: { kafka?: { partitions?: number; topicConfiguration?: Record<string, string[]> } };
    }
  >;
  operations: Record<string, { action: 'send' | 'receive'; channel: { $ref: string }; messages: { $ref: string }[]; 'x-service': string }>;
}

const files = renderArtifacts();
const committedYaml = readFileSync(new URL('asyncapi.yaml', PACKAGE_ROOT), 'utf8');
const doc = parse(committedYaml) as Doc;

describe('generated artifacts', () => {
  it.each([...files.keys()].map((p) => [p] as const))('%s is up to date', (path) => {
    const committed = readFileSync(new URL(path, PACKAGE_ROOT), 'utf8');
    expect(committed, `${path} is stale: ${FIX}`).toBe(files.get(path));
  });

  it('schemas/ holds no stale schema files', () => {
    const onDisk = readdirSync(new URL('schemas/', PACKAGE_ROOT))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `schemas/${f}`);
    expect(onDisk.sort(), FIX).toEqual([...files.keys()].filter((p) => p.startsWith('schemas/')).sort());
  });
});

/** Every JSON Schema the AsyncAPI document carries: payloads, Kafka keys and headers, by JSON path. */
function embeddedSchemas(): [string, object][] {
  const out: [string, object][] = [];
  for (const [channelKey, channel] of Object.entries(doc.channels)) {
    for (const [messageKey, message] of Object.entries(channel.messages)) {
      const at = `channels.${channelKey}.messages.${messageKey}`;
      const { payload, bindings, headers } = message as typeof message & { headers?: object };
      out.push([`${at}.payload`, payload.schemaFormat === undefined ? payload : (payload.schema as object)]);
      if (bindings?.kafka?.key !== undefined) out.push([`${at}.bindings.kafka.key`, bindings.kafka.key as object]);
      if (headers !== undefined) out.push([`${at}.headers`, headers]);
    }
  }
  return out;
}

describe('JSON Schemas under ajv strict mode', () => {
  // Strict mode in full (strictRequired, strictTypes, strictTuples) with format validation, as a
  // consumer using a standard validator runs it: a schema it rejects is unusable to that consumer.
  const strict = () => addFormats(new Ajv2020({ strict: true, allErrors: true }));

  it.each(readdirSync(new URL('schemas/', PACKAGE_ROOT)).map((f) => [f] as const))('schemas/%s compiles', (file) => {
    const schema = JSON.parse(readFileSync(new URL(`schemas/${file}`, PACKAGE_ROOT), 'utf8')) as object;
    expect(() => strict().compile(schema)).not.toThrow();
  });

  it('every schema inside asyncapi.yaml compiles', () => {
    const schemas = embeddedSchemas();
    expect(schemas.length).toBeGreaterThan(Object.keys(TOPICS).length * 2);
    for (const [path, schema] of schemas) expect(() => strict().compile(schema), path).not.toThrow();
  });

  it('strict mode rejects what zod would emit for an exhaustive record (so the checks can fail)', () => {
    const record = { type: 'object', propertyNames: { enum: ['a'] }, required: ['a'], additionalProperties: { type: 'string' } };
    expect(() => strict().compile(record)).toThrow(/strictRequired|required property "a" is not defined/);
  });
});

describe('asyncapi.yaml', () => {
  it('parses with @asyncapi/parser without errors, warnings or hints', async () => {
    const { document, diagnostics } = await new Parser().parse(committedYaml);
    expect(document).toBeDefined();
    expect(diagnostics.map((d) => `${DiagnosticSeverity[d.severity]} ${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
  });

  it('is a valid AsyncAPI 3.1.0 document (official JSON Schema)', () => {
    expect(doc.asyncapi).toBe('3.1.0');
    // The spec bundle carries its own draft-07 meta-schema, so ajv's built-in copy is left out.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, meta: false, validateSchema: false });
    const validate = ajv.compile(specs.schemas['3.1.0'] as object);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    // The validator is real: broken documents fail.
    const { info: _info, ...noInfo } = doc as Doc & { info: unknown };
    expect(validate(noInfo)).toBe(false);
    const badOperation = structuredClone(doc);
    Object.values(badOperation.operations)[0]!.action = 'publish' as 'send';
    expect(validate(badOperation)).toBe(false);
  });

  it('uses JSON and the local Kafka broker', () => {
    expect(doc.defaultContentType).toBe('application/json');
    expect(Object.values(doc.servers)).toEqual([expect.objectContaining({ host: LOCAL_KAFKA_HOST, protocol: 'kafka' })]);
  });

  it('has a channel per topic whose payload is exactly the generated schema', () => {
    const schemas = allJsonSchemas();
    for (const name of Object.keys(TOPICS) as TopicName[]) {
      const spec = TOPICS[name];
      const channel = doc.channels[channelId(name)];
      expect(channel?.address, name).toBe(name);
      const message = channel?.messages[channelId(name)];
      expect(message?.payload.schemaFormat).toBe(PAYLOAD_SCHEMA_FORMAT);
      expect(message?.payload.schema, name).toEqual(schemas[name]);
      expect(message?.bindings?.kafka?.key, name).toBeDefined();
      expect(channel?.bindings?.kafka?.partitions).toBe(spec.partitions);
      expect(channel?.bindings?.kafka?.topicConfiguration?.['cleanup.policy']).toEqual([spec.compacted ? 'compact' : 'delete']);
    }
    expect(doc.channels['deadLetter']?.address).toBe('dlq.{group}');
  });

  it('has a send operation per producer and a receive operation per consumer, all resolving', () => {
    const ops = Object.values(doc.operations);
    for (const spec of Object.values(TOPICS)) {
      const ref = `#/channels/${channelId(spec.name)}`;
      const senders = ops.filter((o) => o.action === 'send' && o.channel.$ref === ref).map((o) => o['x-service']);
      const receivers = ops.filter((o) => o.action === 'receive' && o.channel.$ref === ref).map((o) => o['x-service']);
      expect(senders, spec.name).toEqual([spec.producer]);
      expect(receivers.sort(), spec.name).toEqual([...spec.consumers].sort());
    }
    for (const op of ops) {
      const channelKey = op.channel.$ref.replace('#/channels/', '');
      expect(doc.channels[channelKey], op.channel.$ref).toBeDefined();
      for (const m of op.messages) {
        const [, , ch, , msg] = m.$ref.split('/');
        expect(ch).toBe(channelKey);
        expect(doc.channels[channelKey]?.messages[msg ?? ''], m.$ref).toBeDefined();
      }
    }
  });
});

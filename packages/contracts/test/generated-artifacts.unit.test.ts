import { readdirSync, readFileSync } from 'node:fs';
import specs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT, renderArtifacts } from '../scripts/render-artifacts.js';
import { allJsonSchemas, channelId, LOCAL_KAFKA_HOST, PAYLOAD_SCHEMA_FORMAT, TOPICS, type TopicName } from '../src/index.js';

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

describe('asyncapi.yaml', () => {
  it('is a valid AsyncAPI 3.0.0 document (official JSON Schema)', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    // The spec bundle carries its own draft-07 meta-schema, so ajv's built-in copy is left out.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, meta: false, validateSchema: false });
    const validate = ajv.compile(specs.schemas['3.0.0'] as object);
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

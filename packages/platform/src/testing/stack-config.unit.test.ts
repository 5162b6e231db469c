import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsCredentials, loadStackConfig, viaPooler } from './stack-config.js';

describe('loadStackConfig', () => {
  it('defaults to the ports of scripts/stack/stack.sh', () => {
    const config = loadStackConfig({}, null);
    expect(config.kafka.sasl.password.reveal()).toBe('admin-stack-secret');
    expect({ ...config, kafka: { ...config.kafka, sasl: { ...config.kafka.sasl, password: undefined } } }).toEqual({
      kafka: { brokers: ['127.0.0.1:29092'], sasl: { mechanism: 'scram-sha-256', username: 'medicdraft-admin', password: undefined } },
      postgres: {
        url: 'postgres://medicdraft_admin:medicdraft@127.0.0.1:25432/medicdraft',
        poolerUrl: 'postgres://medicdraft_admin:medicdraft@127.0.0.1:26432/medicdraft',
      },
      redis: { url: 'redis://127.0.0.1:26379' },
      aws: { endpoint: 'http://127.0.0.1:25000', region: 'us-east-1', credentials: awsCredentials },
    });
  });

  // A listener cannot bind a port that an outgoing connection already holds as its local port, and
  // the kernel hands out local ports from its ephemeral range: a stack port inside that range fails
  // to start now and then (moto once found 55000 taken by a Kafka broker's client connection).
  it('keeps every stack port below the ephemeral range, where no outgoing connection can hold it', () => {
    const script = readFileSync(new URL('../../../../scripts/stack/stack.sh', import.meta.url), 'utf8');
    const line = script.split('\n').find((l) => l.startsWith('readonly KAFKA_PORT='));
    const ports = [...(line ?? '').matchAll(/_PORT=(\d+)/g)].map((m) => Number(m[1]));
    const kafkaNodes = [0, 1, 2].flatMap((i) => [ports[0]! + 2 * i, ports[1]! + 2 * i]);
    expect(ports).toHaveLength(6);
    for (const port of [...ports, ...kafkaNodes]) expect(port).toBeLessThan(32768);
    const urls = loadStackConfig({ STACK_KAFKA_BROKERS: '3' }, null);
    const configured = [
      ...urls.kafka.brokers.map((b) => Number(b.split(':')[1])),
      ...[urls.postgres.url, urls.postgres.poolerUrl, urls.redis.url, urls.aws.endpoint].map((u) => Number(new URL(u).port)),
    ];
    expect(configured.every((port) => ports.includes(port) || kafkaNodes.includes(port))).toBe(true);
  });

  it('lets each endpoint be overridden, treating empty variables as unset', () => {
    const config = loadStackConfig({
      KAFKA_BROKERS: 'kafka:9092, kafka2:9092,',
      DATABASE_URL: 'postgres://u:p@db:5432/x',
      REDIS_URL: 'redis://cache:6379',
      AWS_ENDPOINT_URL: '',
      AWS_REGION: 'eu-west-1',
    });
    expect(config.kafka.brokers).toEqual(['kafka:9092', 'kafka2:9092']);
    expect(config.postgres.url).toBe('postgres://u:p@db:5432/x');
    expect(config.redis.url).toBe('redis://cache:6379');
    expect(config.aws.endpoint).toBe('http://127.0.0.1:25000');
    expect(config.aws.region).toBe('eu-west-1');
  });

  it('names the three Kafka nodes of STACK_KAFKA_BROKERS=3, unless KAFKA_BROKERS says otherwise', () => {
    expect(loadStackConfig({ STACK_KAFKA_BROKERS: '3' }).kafka.brokers).toEqual(['127.0.0.1:29092', '127.0.0.1:29094', '127.0.0.1:29096']);
    expect(loadStackConfig({ STACK_KAFKA_BROKERS: '3', KAFKA_BROKERS: 'k:1' }).kafka.brokers).toEqual(['k:1']);
  });

  it('reaches a test database through the pooler under the same name and login', () => {
    expect(viaPooler('postgres://u:p@127.0.0.1:25432/md_test_1', 'postgres://u:p@127.0.0.1:26432/medicdraft')).toBe(
      'postgres://u:p@127.0.0.1:26432/md_test_1',
    );
  });

  it('never takes credentials from the environment', () => {
    const config = loadStackConfig({ AWS_ACCESS_KEY_ID: 'AKIAREALKEY', AWS_SECRET_ACCESS_KEY: 'real' });
    expect(config.aws.credentials).toEqual({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test' });
  });

  it("gives service processes the stack's generated INCIDENT_KEY_SECRET, or the one the environment names", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stack-config-'));
    const file = join(dir, 'incident-key.secret');
    expect(loadStackConfig({}, file).incidentKeySecret).toBeUndefined();
    await writeFile(file, `${'ab'.repeat(32)}\n`);
    expect(loadStackConfig({}, file).incidentKeySecret?.reveal()).toBe('ab'.repeat(32));
    expect(loadStackConfig({ INCIDENT_KEY_SECRET: 'c'.repeat(40) }, file).incidentKeySecret?.reveal()).toBe('c'.repeat(40));
    await rm(dir, { recursive: true, force: true });
  });
});

import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import pino from 'pino';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { instanceIdFromHost, kafkaConfigFrom, kafkaEnv } from './env-shapes.js';
import { ConfigError, loadConfig } from './load-config.js';

const schema = z.object(kafkaEnv);
const PASSWORD = 'sup3r-s3cret-kafka-password';
const load = (env: Record<string, string>) => kafkaConfigFrom(loadConfig(schema, env), 'scribe');

describe('Kafka SASL configuration', () => {
  it('is off when no SASL variable is set', () => {
    const c = load({});
    expect(c).not.toHaveProperty('sasl');
    expect(c.ssl).toBe(false);
  });

  it('parses mechanism, user and password, and TLS', () => {
    const c = load({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'medicdraft-scribe',
      KAFKA_SASL_PASSWORD: PASSWORD,
      KAFKA_SSL: 'true',
    });
    expect(c.sasl?.mechanism).toBe('scram-sha-512');
    expect(c.sasl?.username).toBe('medicdraft-scribe');
    expect(c.sasl?.password.reveal()).toBe(PASSWORD);
    expect(c.ssl).toBe(true);
  });

  it('refuses a half-configured principal, naming the missing variables', () => {
    expect(() => load({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u' })).toThrow(ConfigError);
    try {
      load({ KAFKA_SASL_MECHANISM: 'scram-sha-256' });
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']);
    }
    expect(() => load({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: PASSWORD })).toThrow(/KAFKA_SASL_MECHANISM/);
    expect(() => load({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: PASSWORD })).toThrow(ConfigError);
  });

  it('never serialises, prints or logs the password', () => {
    const c = load({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'medicdraft-scribe', KAFKA_SASL_PASSWORD: PASSWORD });
    expect(JSON.stringify(c)).not.toContain(PASSWORD);
    expect(JSON.stringify(c)).toContain('[redacted]');
    expect(inspect(c, { depth: 10, showHidden: true })).not.toContain(PASSWORD);
    expect(String(c.sasl?.password)).toBe('[redacted]');
    expect(`${c.sasl?.password}`).not.toContain(PASSWORD);
    let logged = '';
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        logged += chunk.toString();
        done();
      },
    });
    pino(sink).info({ config: c, kafka: c, sasl: c.sasl }, 'config');
    expect(logged).toContain('medicdraft-scribe');
    expect(logged).not.toContain(PASSWORD);
  });

  it('never echoes a bad password value in the configuration error', () => {
    const err = (() => {
      try {
        loadConfig(schema, { KAFKA_SASL_PASSWORD: '', KAFKA_SASL_MECHANISM: PASSWORD });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).not.toContain(PASSWORD);
  });

  it('names the instance after KAFKA_INSTANCE_ID, else after the host', () => {
    expect(load({ KAFKA_INSTANCE_ID: 'scribe-2' }).instanceId).toBe('scribe-2');
    expect(load({}).instanceId).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
    expect(instanceIdFromHost('Ip-10-0-1-7.EC2.internal')).toBe('ip-10-0-1-7-ec2-internal');
    expect(instanceIdFromHost('...')).toBe('instance');
    expect(() => load({ KAFKA_INSTANCE_ID: 'Bad Id' })).toThrow(ConfigError);
  });

  it('accepts only group suffixes that start with a dot (they stay under the service prefix ACL)', () => {
    expect(load({ KAFKA_GROUP_SUFFIX: '.e2e-1' }).groupSuffix).toBe('.e2e-1');
    expect(() => load({ KAFKA_GROUP_SUFFIX: '-e2e' })).toThrow(ConfigError);
  });
});

describe('Kafka topic replication', () => {
  it('is automatic unless KAFKA_REPLICATION_FACTOR is set', () => {
    expect(load({}).topicReplication).toBe('auto');
  });

  it('takes an explicit factor, with min.insync.replicas one less unless given', () => {
    expect(load({ KAFKA_REPLICATION_FACTOR: '3' }).topicReplication).toEqual({ factor: 3, minInsyncReplicas: 2 });
    expect(load({ KAFKA_REPLICATION_FACTOR: '1' }).topicReplication).toEqual({ factor: 1, minInsyncReplicas: 1 });
    expect(load({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '3' }).topicReplication).toEqual({
      factor: 3,
      minInsyncReplicas: 3,
    });
  });

  it('refuses a minimum above the factor, or a minimum alone', () => {
    expect(() => load({ KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' })).toThrow(/KAFKA_MIN_INSYNC_REPLICAS/);
    expect(() => load({ KAFKA_MIN_INSYNC_REPLICAS: '2' })).toThrow(/KAFKA_MIN_INSYNC_REPLICAS/);
  });
});

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { awsEnv, databaseEnv, httpEnv, kafkaEnv } from './env-shapes.js';
import { ConfigError, loadConfig } from './load-config.js';

const schema = z.object({ ...httpEnv(3000), ...kafkaEnv, ...databaseEnv, ...awsEnv });

describe('loadConfig', () => {
  it('parses a valid environment with defaults', () => {
    const c = loadConfig(schema, { DATABASE_URL: 'postgres://u:p@h/db', KAFKA_BROKERS: 'a:1, b:2' });
    expect(c.HTTP_PORT).toBe(3000);
    expect(c.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(c.AWS_REGION).toBeUndefined();
  });

  it('lists every bad variable at once and never echoes values', () => {
    const secret = 'sup3r-s3cret-value';
    let caught: unknown;
    try {
      loadConfig(schema, { HTTP_PORT: 'eighty', KAFKA_BROKERS: secret, AWS_REGION: 'mars', AWS_HEALTHSCRIBE_KMS_KEY_ARN: secret });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(['AWS_HEALTHSCRIBE_KMS_KEY_ARN', 'AWS_REGION', 'DATABASE_URL', 'HTTP_PORT', 'KAFKA_BROKERS.0']);
    expect((caught as Error).message).not.toContain(secret);
  });
});

import { ConfigError } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_LIMITS, loadIngestConfig } from './config.js';

const BASE = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/medicdraft' };
const S3 = {
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:25000',
  AWS_HEALTHSCRIBE_INPUT_BUCKET: 'md-input',
  AWS_HEALTHSCRIBE_OUTPUT_BUCKET: 'md-output',
  AWS_HEALTHSCRIBE_KMS_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/abcd-1234',
};

describe('loadIngestConfig', () => {
  it('defaults to the sandbox filesystem store under DATA_DIR and the default limits', () => {
    const config = loadIngestConfig({ ...BASE, DATA_DIR: '/var/lib/md' });
    expect(config.objects).toEqual({
      kind: 'filesystem',
      rootDir: '/var/lib/md/objects',
      masterKeyPath: '/var/lib/md/keys/local-master.key',
    });
    expect(config.limits).toEqual(DEFAULT_INTAKE_LIMITS);
  });

  it('selects S3 with SSE-KMS when the buckets and the key are configured', () => {
    const config = loadIngestConfig({
      ...BASE,
      ...S3,
      INGEST_MAX_AUDIO_BYTES: '1048576',
      INGEST_MAX_TEXT_BYTES: '2048',
      INGEST_DEDUPE_WINDOW_MS: '0',
    });
    expect(config.objects).toEqual({
      kind: 's3',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:25000',
      buckets: { input: 'md-input', output: 'md-output' },
      kmsKeyArn: S3.AWS_HEALTHSCRIBE_KMS_KEY_ARN,
    });
    expect(config.limits).toEqual({ maxAudioBytes: 1048576, maxTextBytes: 2048, dedupeWindowMs: 0 });
  });

  it('lists every bad variable at once, including a half-configured S3', () => {
    const env = {
      INGEST_MAX_AUDIO_BYTES: '0',
      INGEST_MAX_TEXT_BYTES: 'lots',
      INGEST_DEDUPE_WINDOW_MS: '-1',
      AWS_HEALTHSCRIBE_INPUT_BUCKET: 'md-input',
    };
    expect(() => loadIngestConfig(env)).toThrow(ConfigError);
    try {
      loadIngestConfig(env);
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of [
        'DATABASE_URL',
        'INGEST_MAX_AUDIO_BYTES',
        'INGEST_MAX_TEXT_BYTES',
        'INGEST_DEDUPE_WINDOW_MS',
        'AWS_HEALTHSCRIBE_OUTPUT_BUCKET',
        'AWS_HEALTHSCRIBE_KMS_KEY_ARN',
      ]) {
        expect(problems).toContain(name);
      }
    }
  });
});

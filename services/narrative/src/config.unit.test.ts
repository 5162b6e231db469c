import { ConfigError } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { loadNarrativeConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1:25432/db' };

describe('loadNarrativeConfig', () => {
  it('defaults to DRAATT, 32 MiB documents, 10,000-character copies and the sandbox filesystem store', () => {
    const c = loadNarrativeConfig({ ...base, DATA_DIR: '/tmp/md' });
    expect(c.narrative).toEqual({ defaultTemplate: 'DRAATT', maxDocumentBytes: 32 * 1024 * 1024, copyMaxChars: 10_000 });
    expect(c.objects).toEqual({ kind: 'filesystem', rootDir: '/tmp/md/objects', masterKeyPath: '/tmp/md/keys/local-master.key' });
  });

  it('uses S3 when the buckets and key are all set', () => {
    const c = loadNarrativeConfig({
      ...base,
      AWS_HEALTHSCRIBE_INPUT_BUCKET: 'md-input',
      AWS_HEALTHSCRIBE_OUTPUT_BUCKET: 'md-output',
      AWS_HEALTHSCRIBE_KMS_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/k',
      NARRATIVE_DEFAULT_TEMPLATE: 'SOAP',
    });
    expect(c.objects).toMatchObject({ kind: 's3', buckets: { input: 'md-input', output: 'md-output' } });
    expect(c.narrative.defaultTemplate).toBe('SOAP');
  });

  it('lists every bad variable at once, including a half-configured S3', () => {
    let error: unknown;
    try {
      loadNarrativeConfig({
        ...base,
        NARRATIVE_DEFAULT_TEMPLATE: 'PROSE',
        NARRATIVE_MAX_DOCUMENT_BYTES: '5',
        NARRATIVE_COPY_MAX_CHARS: '10',
        AWS_HEALTHSCRIBE_INPUT_BUCKET: 'md-input',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'NARRATIVE_DEFAULT_TEMPLATE',
      'NARRATIVE_MAX_DOCUMENT_BYTES',
      'NARRATIVE_COPY_MAX_CHARS',
      'AWS_HEALTHSCRIBE_OUTPUT_BUCKET',
      'AWS_HEALTHSCRIBE_KMS_KEY_ARN',
    ])
      expect(problems).toContain(name);
  });

  it('drafts with the rule engine unless NARRATIVE_DRAFTER=bedrock, which needs a model id and a region', () => {
    expect(loadNarrativeConfig(base).drafting).toEqual({ drafter: 'deterministic' });
    expect(
      loadNarrativeConfig({
        ...base,
        NARRATIVE_DRAFTER: 'bedrock',
        BEDROCK_MODEL_ID: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        AWS_REGION: 'us-east-1',
        BEDROCK_ENDPOINT_URL: 'http://127.0.0.1:25200',
      }).drafting,
    ).toEqual({
      drafter: 'bedrock',
      modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:25200',
      timeoutMs: 20_000,
      maxAttempts: 2,
      maxRejectionRate: 0.2,
    });
    expect(() => loadNarrativeConfig({ ...base, NARRATIVE_DRAFTER: 'bedrock' })).toThrow(/BEDROCK_MODEL_ID/);
    expect(() => loadNarrativeConfig({ ...base, NARRATIVE_DRAFTER: 'bedrock', BEDROCK_MODEL_ID: 'm' })).toThrow(/BEDROCK_REGION/);
    expect(() => loadNarrativeConfig({ ...base, NARRATIVE_DRAFTER: 'llm' })).toThrow(/NARRATIVE_DRAFTER/);
  });
});

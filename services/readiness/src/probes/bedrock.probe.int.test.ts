import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { startBedrockEmulator, type BedrockEmulator } from '@medicdraft/bedrock-emulator';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_CONFIGURED, PROBE_OK } from '../gates/gate-inputs.js';
import { probeBedrockModel } from './bedrock.probe.js';

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

/** The model-access probe through the real SDK against the Bedrock emulator (access per model id). */
describe('probeBedrockModel', () => {
  let emulator: BedrockEmulator;
  let client: BedrockRuntimeClient;
  beforeAll(async () => {
    emulator = await startBedrockEmulator({ models: [MODEL] });
    client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      maxAttempts: 1,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: new NodeHttpHandler(),
    });
  });
  afterAll(async () => {
    client?.destroy();
    await emulator?.close();
  });

  it('is ok for a model the account may use, access_denied for another, not_configured without a model', async () => {
    expect(await probeBedrockModel(client, { modelId: MODEL, timeoutMs: 2_000 })).toEqual(PROBE_OK);
    expect(await probeBedrockModel(client, { modelId: 'meta.llama3-70b-instruct-v1:0', timeoutMs: 2_000 })).toEqual({
      ok: false,
      reason: 'access_denied',
    });
    expect(await probeBedrockModel(undefined, { modelId: MODEL, timeoutMs: 2_000 })).toEqual(NOT_CONFIGURED);
    expect(emulator.calls().map((c) => c.operation)).toEqual(['CountTokens', 'CountTokens']);
  });

  it('is unreachable when nothing answers', async () => {
    const closed = await startBedrockEmulator();
    const url = closed.url;
    await closed.close();
    const dead = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: url,
      maxAttempts: 1,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: new NodeHttpHandler(),
    });
    expect(await probeBedrockModel(dead, { modelId: MODEL, timeoutMs: 2_000 })).toEqual({ ok: false, reason: 'unreachable' });
    dead.destroy();
  });
});

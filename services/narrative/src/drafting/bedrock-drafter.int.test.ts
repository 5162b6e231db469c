import { ConverseCommand, CountTokensCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { MUTATIONS, startBedrockEmulator, type BedrockEmulator } from '@medicdraft/bedrock-emulator';
import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { createLogger } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNarrative } from '../compose/compose-narrative.js';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { createBedrockClient } from './bedrock-client.js';
import { createBedrockDrafter } from './bedrock-drafter.js';
import { DRAFT_PROMPT_VERSION } from './draft-prompt.js';

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const template = { version: 1, definition: BUILTIN_TEMPLATES.DRAATT };
const CANARY = 'CANARY-BEDROCK-4471';
const STEMI = [
  `Medic 12 was dispatched at 1402 for a 67-year-old male with chest pain, patient ${CANARY}.`,
  'We responded emergent with lights and sirens.',
  'Arrived on scene at 1411 and found the patient sitting in a recliner.',
  'Patient complains of crushing substernal chest pain radiating to the left arm.',
  'He denies shortness of breath and nausea.',
  'Vitals: blood pressure 158/92, heart rate 96, respirations 20, SpO2 94% on room air.',
  'We administered 324 mg aspirin PO at 1415 and 0.4 mg nitroglycerin SL at 1418.',
  "We transported emergent to St. Mary's Medical Center with a STEMI alert called ahead.",
  'Care was transferred to the cath lab team at 1440 with the patient in stable condition.',
].join(' ');
const OTHER = 'Dispatched at 0810 for a fall. 82 year old female with right hip pain. BP 138/84, HR 92. Fentanyl 50 mcg IN at 0830.';

const documentsOf = (text: string) => {
  const raw = createSyntheticDocuments(text);
  return { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
};

/**
 * The Bedrock drafter through the real AWS SDK (SigV4, restJson1, its error deserialisers and
 * retry) against the project's Bedrock emulator: faithful drafts are used, each adversarial
 * draft's injected sentence is refused and replaced, and every failure mode falls back to the
 * rule draft with the reason in the lineage.
 */
describe('Bedrock drafter against the emulator (real SDK)', () => {
  let emulator: BedrockEmulator;
  let client: BedrockRuntimeClient;
  const logs: string[] = [];
  const logger = createLogger({ service: 'test', level: 'info', destination: { write: (s: string) => void logs.push(s) } as never });
  const drafterWith = (timeoutMs = 5_000) => createBedrockDrafter({ client, modelId: MODEL, timeoutMs, maxRejectionRate: 0.5, logger });
  const ctx = { tenantId: 't1', dictationId: '00000000-0000-4000-8000-000000000001' };
  const documents = documentsOf(STEMI);
  const rules = composeNarrative(documents, template);

  beforeAll(async () => {
    emulator = await startBedrockEmulator({ models: [MODEL] });
    process.env['AWS_ACCESS_KEY_ID'] ??= 'test';
    process.env['AWS_SECRET_ACCESS_KEY'] ??= 'test';
    client = createBedrockClient({ region: 'us-east-1', endpoint: emulator.url, maxAttempts: 1 });
  });
  afterAll(async () => {
    client?.destroy();
    await emulator?.close();
  });

  it('speaks Converse and CountTokens as the SDK expects (tool use, usage, errors by type)', async () => {
    emulator.reset();
    const out = await client
      .send(
        new ConverseCommand({
          modelId: MODEL,
          messages: [{ role: 'user', content: [{ text: 'no dictation here' }] }],
        }),
      )
      .catch((e: unknown) => e);
    expect((out as Error).name).toBe('ValidationException');
    const counted = await client.send(
      new CountTokensCommand({ modelId: MODEL, input: { converse: { messages: [{ role: 'user', content: [{ text: 'x' }] }] } } }),
    );
    expect(counted.inputTokens).toBeGreaterThan(0);
    const denied = await client
      .send(
        new CountTokensCommand({
          modelId: 'other.model-v1',
          input: { converse: { messages: [{ role: 'user', content: [{ text: 'x' }] }] } },
        }),
      )
      .catch((e: unknown) => e);
    expect((denied as Error).name).toBe('AccessDeniedException');
    emulator.script({ kind: 'error', errorType: 'ThrottlingException' });
    const throttled = await client
      .send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'x' }] }] }))
      .catch((e: unknown) => e);
    expect(throttled).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
  });

  it('uses a faithful model draft as drafted, with its lineage', async () => {
    emulator.reset();
    emulator.script({ kind: 'faithful', seed: 3 });
    const drafted = await drafterWith().draft(documents, template, ctx);
    expect(drafted.lineage).toMatchObject({
      requested: 'bedrock',
      drafter: 'bedrock',
      modelId: MODEL,
      promptVersion: DRAFT_PROMPT_VERSION,
    });
    expect(drafted.lineage.verdicts).toMatchObject({ rejected: 0, replaced: 0 });
    expect(drafted.narrative.text).not.toBe(rules.text);
    expect(drafted.narrative.missing).toEqual(rules.missing);
    expect(emulator.calls()).toMatchObject([{ operation: 'Converse', modelId: MODEL, behaviour: 'faithful' }]);
  });

  it.each(MUTATIONS)('refuses the injected sentence of a %s draft and puts the rule sentence in its place', async (mutation) => {
    emulator.reset();
    // The emulator draws foreign sentences from dictations it has seen before.
    emulator.script({ kind: 'faithful', seed: 1 }, { kind: 'mutated', mutation, seed: 11 });
    await drafterWith().draft(documentsOf(OTHER), template, ctx);
    const drafted = await drafterWith().draft(documents, template, ctx);
    expect(drafted.lineage.drafter).toBe('bedrock');
    expect(drafted.lineage.verdicts?.rejected).toBeGreaterThanOrEqual(1);
    const dictated = new Set(documents.transcript.segments.flatMap((s) => s.content.match(/\d+(?:\.\d+)?/g) ?? []));
    for (const n of drafted.narrative.text.match(/\d+(?:\.\d+)?/g) ?? []) expect(dictated.has(n), `${mutation}: ${n}`).toBe(true);
    for (const s of drafted.narrative.sections)
      for (const x of s.sentences)
        for (const id of x.evidence) expect(documents.transcript.segments.some((seg) => seg.id === id)).toBe(true);
  });

  it.each([
    [{ kind: 'error', errorType: 'ThrottlingException' }, 'throttled'],
    [{ kind: 'error', errorType: 'ServiceUnavailableException' }, 'model_error'],
    [{ kind: 'error', errorType: 'AccessDeniedException' }, 'model_error'],
    [{ kind: 'error', errorType: 'ModelTimeoutException' }, 'timeout'],
    [{ kind: 'malformed', variant: 'text_only' }, 'malformed_output'],
    [{ kind: 'malformed', variant: 'wrong_shape' }, 'malformed_output'],
    [{ kind: 'malformed', variant: 'cut_off_body' }, 'model_error'],
    [{ kind: 'delay', ms: 2_000, then: { kind: 'faithful', seed: 1 } }, 'timeout'],
  ] as const)('falls back to the rule draft on %o (%s)', async (behaviour, reason) => {
    emulator.reset();
    emulator.script(behaviour);
    const drafted = await drafterWith(300).draft(documents, template, ctx);
    expect(drafted.lineage).toMatchObject({ requested: 'bedrock', drafter: 'deterministic', fallbackReason: reason, modelId: MODEL });
    expect(drafted.narrative).toEqual(rules);
  });

  it('falls back when the verifier refuses more than the threshold', async () => {
    emulator.reset();
    emulator.script({ kind: 'mutated', mutation: 'nonexistent_segment', seed: 2 });
    const strict = createBedrockDrafter({ client, modelId: MODEL, timeoutMs: 5_000, maxRejectionRate: 0, logger });
    const drafted = await strict.draft(documents, template, ctx);
    expect(drafted.lineage).toMatchObject({ drafter: 'deterministic', fallbackReason: 'rejection_rate', verdicts: { rejected: 1 } });
  });

  it('never logs dictation content', () => {
    expect(logs.join('\n')).not.toContain(CANARY);
    expect(logs.join('\n')).not.toMatch(/aspirin|158\/92/);
  });
});

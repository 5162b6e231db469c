import { CountTokensCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NOT_CONFIGURED, PROBE_OK, probeFailed, type ProbeOutcome } from '../gates/gate-inputs.js';
import { classifyAwsError, probeTimeout } from './aws-error.js';

/** Answers that prove the model is there for this account, though busy: access is what is probed. */
const ANSWERED = new Set(['ThrottlingException', 'ServiceQuotaExceededException', 'ModelNotReadyException']);

/**
 * Bedrock model access: one `CountTokens` for the configured model in the configured region
 * (read-only and not billed as inference; it fails like Converse when the account has no access to
 * the model there). Throttling counts as an answer; `AccessDeniedException` is `access_denied`, an
 * unknown model `not_found` or `error`, transport failures `unreachable`.
 */
export async function probeBedrockModel(
  bedrock: BedrockRuntimeClient | undefined,
  opts: { modelId: string | undefined; timeoutMs: number },
): Promise<ProbeOutcome> {
  if (bedrock === undefined || opts.modelId === undefined) return NOT_CONFIGURED;
  try {
    await bedrock.send(
      new CountTokensCommand({
        modelId: opts.modelId,
        input: { converse: { messages: [{ role: 'user', content: [{ text: 'readiness probe' }] }] } },
      }),
      probeTimeout(opts.timeoutMs),
    );
    return PROBE_OK;
  } catch (err) {
    if (ANSWERED.has((err as { name?: string }).name ?? '')) return PROBE_OK;
    return probeFailed(classifyAwsError(err));
  }
}

import { ConverseCommand, type BedrockRuntimeClient, type ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { DraftFallbackReason, NarrativeDrafting } from '@medicdraft/contracts';
import type { Logger } from '@medicdraft/platform';
import { composeNarrative } from '../compose/compose-narrative.js';
import { correctedSegments } from './corrected-segments.js';
import { DRAFT_PROMPT_VERSION, DRAFT_SYSTEM_PROMPT, draftRequestBody, draftUserPrompt } from './draft-prompt.js';
import { groundDraft } from './grounded-draft.js';
import { DRAFT_TOOL_INPUT_SCHEMA, DRAFT_TOOL_NAME, ModelDraftSchema, type ModelDraft } from './model-draft.schema.js';
import type { NarrativeDrafter } from './narrative-drafter.port.js';

export interface BedrockDrafterOptions {
  /** The Bedrock Runtime client (region, endpoint and retry attempts set by the composition root). */
  client: BedrockRuntimeClient;
  modelId: string;
  /** Bound of one Converse call including the SDK's retries; past it the rule draft is used. */
  timeoutMs: number;
  /** Share of refused sentences above which the whole model draft is discarded (0–1). */
  maxRejectionRate: number;
  logger: Logger;
  /** Longest answer the model may write (tokens). */
  maxTokens?: number;
}

/** Errors that mean "too many requests now", by the SDK's error name. */
const THROTTLED = new Set(['ThrottlingException', 'ServiceQuotaExceededException', 'ModelNotReadyException', 'TooManyRequestsException']);
const TIMED_OUT = new Set(['AbortError', 'TimeoutError', 'ModelTimeoutException', 'RequestTimeout', 'RequestTimeoutException']);

function fallbackReasonOf(err: unknown): DraftFallbackReason {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (THROTTLED.has(name)) return 'throttled';
  if (TIMED_OUT.has(name)) return 'timeout';
  return 'model_error';
}

function toolInputOf(out: ConverseCommandOutput): ModelDraft | undefined {
  const use = out.output?.message?.content?.find((c) => c.toolUse?.name === DRAFT_TOOL_NAME)?.toolUse;
  const parsed = ModelDraftSchema.safeParse(use?.input);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Anthropic Claude (or any Converse model) on Amazon Bedrock as a drafter, behind the grounding
 * verifier. The model is made to call one tool whose input is sections → sentences → cited
 * segment ids; every sentence is verified against the cited segments and refused ones are
 * replaced by the rule engine's sentence (grounded-draft.ts). Timeouts, throttling, any model or
 * transport error, malformed output and a rejection rate above the threshold all give the rule
 * engine's draft, with the reason in the lineage. Logs carry ids, names and counts only.
 */
export function createBedrockDrafter(opts: BedrockDrafterOptions): NarrativeDrafter {
  const base = { requested: 'bedrock', modelId: opts.modelId, promptVersion: DRAFT_PROMPT_VERSION } as const;
  return {
    kind: 'bedrock',
    async draft(documents, template, context) {
      const rules = composeNarrative(documents, template);
      const fallback = (fallbackReason: DraftFallbackReason, verdicts?: NarrativeDrafting['verdicts']) => ({
        narrative: rules,
        lineage: { ...base, drafter: 'deterministic' as const, fallbackReason, ...(verdicts ? { verdicts } : {}) },
      });
      const segments = correctedSegments(documents);
      const body = draftRequestBody(segments, template, rules);
      let out: ConverseCommandOutput;
      try {
        out = await opts.client.send(
          new ConverseCommand({
            modelId: opts.modelId,
            system: [{ text: DRAFT_SYSTEM_PROMPT }],
            messages: [{ role: 'user', content: [{ text: draftUserPrompt(body) }] }],
            inferenceConfig: { maxTokens: opts.maxTokens ?? 4096, temperature: 0 },
            toolConfig: {
              tools: [
                {
                  toolSpec: {
                    name: DRAFT_TOOL_NAME,
                    description: 'Submit the narrative draft: sections, each with sentences citing dictation segment ids.',
                    // A JSON Schema object is a document value; the SDK's recursive DocumentType cannot be inferred from zod's type.
                    inputSchema: { json: DRAFT_TOOL_INPUT_SCHEMA as never },
                  },
                },
              ],
              toolChoice: { tool: { name: DRAFT_TOOL_NAME } },
            },
          }),
          { abortSignal: AbortSignal.timeout(opts.timeoutMs) },
        );
      } catch (err) {
        const reason = fallbackReasonOf(err);
        opts.logger.warn({ ...context, reason, errorName: (err as { name?: string } | null)?.name }, 'model draft failed; rule draft used');
        return fallback(reason);
      }
      const draft = toolInputOf(out);
      if (draft === undefined) {
        opts.logger.warn({ ...context, reason: 'malformed_output', stopReason: out.stopReason }, 'model draft failed; rule draft used');
        return fallback('malformed_output');
      }
      const grounded = groundDraft(rules, draft, segments, opts.maxRejectionRate);
      if (!grounded.ok) {
        opts.logger.warn({ ...context, reason: grounded.reason, verdicts: grounded.verdicts }, 'model draft refused; rule draft used');
        return fallback(grounded.reason, grounded.verdicts);
      }
      return { narrative: grounded.narrative, lineage: { ...base, drafter: 'bedrock', verdicts: grounded.verdicts } };
    },
  };
}

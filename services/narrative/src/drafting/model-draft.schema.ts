import { z } from 'zod';

/**
 * The tool input the drafting model must return: sections → sentences → cited segment ids.
 * Anything else (text instead of the tool call, a missing field, a wrong type) is malformed
 * output and the whole draft falls back to the deterministic one.
 */
export const ModelDraftSchema = z.object({
  sections: z
    .array(
      z.object({
        key: z.string().min(1).max(64),
        sentences: z.array(z.object({ text: z.string().max(2000), segmentIds: z.array(z.string().min(1).max(128)).max(50) })).max(200),
      }),
    )
    .max(24),
});
export type ModelDraft = z.infer<typeof ModelDraftSchema>;

/** Name of the one tool the model is made to call. */
export const DRAFT_TOOL_NAME = 'submit_narrative_draft';

/** The same shape as a JSON Schema for the Converse tool specification. */
export const DRAFT_TOOL_INPUT_SCHEMA = z.toJSONSchema(ModelDraftSchema);

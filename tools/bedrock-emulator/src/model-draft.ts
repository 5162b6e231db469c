/**
 * What the drafting model is asked to return (the tool input of the Converse call): sections →
 * sentences → cited segment ids. The narrative service defines the same shape with zod and sends
 * it as the tool's JSON schema; the emulator only produces it.
 */
export interface ModelDraft {
  sections: Array<{ key: string; sentences: Array<{ text: string; segmentIds: string[] }> }>;
}

/** What the model is shown of one dictation (the `<dictation>` block of the user message). */
export interface DraftRequest {
  segments: Array<{ id: string; text: string }>;
  sections: Array<{ key: string; title: string }>;
  /** The rule engine's section for each placed segment: a hint the model may follow. */
  placement: Record<string, string>;
}

/** Reads the `<dictation>` JSON block from a prompt text; undefined when there is none. */
export function readDraftRequest(prompt: string): DraftRequest | undefined {
  const m = /<dictation>\n([\s\S]*?)\n<\/dictation>/.exec(prompt);
  if (!m?.[1]) return undefined;
  try {
    const v = JSON.parse(m[1]) as Partial<DraftRequest>;
    if (!Array.isArray(v.segments) || !Array.isArray(v.sections) || typeof v.placement !== 'object' || v.placement === null)
      return undefined;
    return v as DraftRequest;
  } catch {
    return undefined;
  }
}

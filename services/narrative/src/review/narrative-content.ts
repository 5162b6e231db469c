import { NarrativeElementCodeSchema, NarrativeTemplateSchema } from '@medicdraft/contracts';
import { AppError, type ObjectRef, type ObjectStore } from '@medicdraft/platform';
import { z } from 'zod';

/**
 * The stored content of one narrative version (PHI: lives only in the encrypted object store).
 * Sentences come from the dictation (`evidence` = the transcript segment ids it is based on) or
 * from the provider (`source: 'provider'`: an edit or a resolved prompt, no transcript evidence).
 * `segments` are the transcript segments any sentence or prompt cites, so a reviewer sees the
 * evidence without a second read. Versions written before segments/resolved/source/reviewNotes existed
 * parse with the defaults (tolerant reader, additive evolution).
 */
export const ContentSentenceSchema = z.object({
  text: z.string(),
  evidence: z.array(z.string()),
  source: z.enum(['dictation', 'provider']).default('dictation'),
  element: NarrativeElementCodeSchema.optional(),
});
const HandoffLines = z.array(z.object({ text: z.string(), evidence: z.array(z.string()) }));
export const NarrativeContentSchema = z.object({
  narrativeId: z.uuid(),
  dictationId: z.uuid(),
  template: NarrativeTemplateSchema,
  templateVersion: z.int().min(1),
  engineVersion: z.string(),
  sections: z.array(z.object({ key: z.string(), title: z.string(), sentences: z.array(ContentSentenceSchema) })),
  missing: z.array(z.object({ element: NarrativeElementCodeSchema, prompt: z.string(), evidence: z.array(z.string()) })),
  resolved: z.array(z.object({ element: NarrativeElementCodeSchema, prompt: z.string(), text: z.string() })).default([]),
  segments: z.array(z.object({ id: z.string(), text: z.string() })).default([]),
  /**
   * What the provider should check about how the draft was made (e.g. a spoken correction was
   * applied). The note says what happened, never the values; it is kept on every later version.
   */
  reviewNotes: z
    .array(z.object({ kind: z.enum(['correction', 'possible-correction']), note: z.string(), evidence: z.array(z.string()) }))
    .default([]),
  /**
   * The MIST hand-off composed with the first draft from the dictation's facts, each line with the
   * segment ids it is read from. Edits keep it as it is: it reports the dictation, not the
   * narrative's wording. Absent on versions stored before it existed (a MIST copy of those is 409).
   */
  handoff: z.object({ mechanism: HandoffLines, injuries: HandoffLines, signs: HandoffLines, treatment: HandoffLines }).optional(),
  text: z.string(),
});
export type NarrativeContent = z.infer<typeof NarrativeContentSchema>;
export type ContentSentence = z.infer<typeof ContentSentenceSchema>;

/** Plain text of a version: one paragraph per non-empty section, `TITLE: sentences`. */
export function renderText(sections: NarrativeContent['sections']): string {
  return sections
    .filter((s) => s.sentences.length > 0)
    .map((s) => `${s.title.toUpperCase()}: ${s.sentences.map((x) => x.text).join(' ')}`)
    .join('\n');
}

/** Reads a version's content; a missing or unreadable object is a server fault (never echoed). */
export async function readContent(objects: ObjectStore, ref: ObjectRef): Promise<NarrativeContent> {
  const stream = await objects.get(ref);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
  const parsed = NarrativeContentSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  if (!parsed.success) throw new AppError('narrative_content_invalid', 'stored narrative content does not match its schema');
  return parsed.data;
}

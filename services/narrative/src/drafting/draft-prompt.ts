import type { ComposedNarrative } from '../compose/compose-narrative.js';
import type { VersionedTemplate } from '../templates/template-definition.js';

/**
 * Version of the instructions and request layout sent to the model; recorded on every narrative a
 * model drafted, so a change of wording is visible in the lineage (bump on any change below).
 */
export const DRAFT_PROMPT_VERSION = 'narrative-draft/1';

export const DRAFT_SYSTEM_PROMPT = [
  'You turn an EMS provider dictation into the sections of a patient care report narrative.',
  'Write in EMS charting style, third person, concise. Use only what the dictation says:',
  'never add a value, time, drug, dose, route, procedure, place or name, and never change a negation.',
  'Every sentence cites the ids of the dictation segments it is based on. Use only the given section keys.',
  'Answer only by calling the submit_narrative_draft tool.',
].join(' ');

/** What the model sees of one dictation: its segments, the template's sections, the rule engine's placement hint. */
export interface DraftRequestBody {
  segments: Array<{ id: string; text: string }>;
  sections: Array<{ key: string; title: string }>;
  placement: Record<string, string>;
}

/** `segments` are the corrected segments (corrected-segments.ts); emptied ones are left out. */
export function draftRequestBody(
  segments: ReadonlyArray<{ id: string; content: string }>,
  template: VersionedTemplate,
  rules: ComposedNarrative,
): DraftRequestBody {
  const placement: Record<string, string> = {};
  for (const s of rules.sections) for (const x of s.sentences) for (const id of x.evidence) placement[id] ??= s.key;
  return {
    segments: segments.filter((s) => s.content.trim() !== '').map((s) => ({ id: s.id, text: s.content })),
    sections: template.definition.sections.map((s) => ({ key: s.key, title: s.title })),
    placement,
  };
}

/** The user message: the instructions' reminder, then the dictation as one `<dictation>` JSON block. */
export function draftUserPrompt(body: DraftRequestBody): string {
  return `Draft the narrative for this dictation.\n<dictation>\n${JSON.stringify(body)}\n</dictation>`;
}

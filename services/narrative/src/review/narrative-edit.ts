import { AppError, ValidationError } from '@medicdraft/platform';
import { NARRATIVE_ELEMENT_CODES, type NarrativeElementCode } from '@medicdraft/contracts';
import { PHASE_OF_ELEMENT } from '../compose/element-phases.js';
import { styleSentence } from '../compose/sentence-style.js';
import type { TemplateDefinition } from '../templates/template-definition.js';
import { renderText, type ContentSentence, type NarrativeContent } from './narrative-content.js';

/** What a provider changes in one edit: the whole text, and/or statements resolving open prompts. */
export interface NarrativeChange {
  text?: string | undefined;
  resolutions?: Partial<Record<NarrativeElementCode, string>> | undefined;
}

const SENTENCE_END = /(?<=[.!?]["')]?)\s+(?=["'(]?[A-Z0-9])/;

/**
 * The edited text as sections: a line starting with a section title and a colon (`TREATMENT:`,
 * any case) opens that section; other lines continue the current one (the first section before
 * any title). A sentence identical to one of the base version keeps its evidence; any other
 * sentence is the provider's own, with no transcript evidence — nothing is attributed to the
 * dictation that the dictation did not say.
 */
export function sectionsFromText(text: string, base: NarrativeContent): NarrativeContent['sections'] {
  const sections = base.sections.map((s) => ({ key: s.key, title: s.title, sentences: [] as ContentSentence[] }));
  const known = new Map<string, ContentSentence>();
  for (const s of base.sections) for (const x of s.sentences) if (!known.has(x.text)) known.set(x.text, x);
  let current = sections[0];
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = rawLine.trim();
    const heading = /^([A-Za-z][A-Za-z /&-]{0,39}):\s*/.exec(line);
    const titled = heading ? sections.find((s) => s.title.toLowerCase() === heading[1]!.trim().toLowerCase()) : undefined;
    if (titled && heading) {
      current = titled;
      line = line.slice(heading[0].length);
    }
    if (current === undefined) break;
    for (const piece of line.split(SENTENCE_END)) {
      const styled = styleSentence(piece);
      if (styled === '') continue;
      const same = known.get(styled);
      current.sentences.push(same ?? { text: styled, evidence: [], source: 'provider' });
    }
  }
  return sections;
}

/**
 * Applies one change to a version's content and returns the next version's content (pure).
 * Resolutions must name prompts open in the base version (409 `element_not_open` otherwise);
 * each becomes a provider sentence in the section gathering the element's phase and closes the
 * prompt. A text edit never closes a prompt by itself: resolving is an explicit statement.
 */
export function applyChange(
  base: NarrativeContent,
  template: TemplateDefinition,
  change: NarrativeChange,
): { content: NarrativeContent; resolved: NarrativeElementCode[] } {
  const resolutions = Object.entries(change.resolutions ?? {}) as [NarrativeElementCode, string][];
  if (change.text === undefined && resolutions.length === 0) throw new ValidationError('nothing to change: send text and/or resolutions');
  const sections =
    change.text === undefined ? base.sections.map((s) => ({ ...s, sentences: [...s.sentences] })) : sectionsFromText(change.text, base);
  const resolved: NarrativeContent['resolved'] = [...base.resolved];
  const open = new Map(base.missing.map((m) => [m.element, m]));
  for (const [element, statement] of resolutions) {
    if (!(NARRATIVE_ELEMENT_CODES as readonly string[]).includes(element))
      throw new ValidationError('resolutions must be keyed by element codes');
    const prompt = open.get(element);
    if (prompt === undefined) throw new AppError('element_not_open', `element ${element} is not open in the base version`, { status: 409 });
    const text = styleSentence(statement);
    if (text === '') throw new ValidationError(`the resolution of ${element} is empty`);
    const phase = PHASE_OF_ELEMENT[element];
    const index = template.sections.findIndex((s) => s.phases.includes(phase));
    const target = sections.find((s) => s.key === template.sections[index]?.key) ?? sections[sections.length - 1];
    target?.sentences.push({ text, evidence: [], source: 'provider', element });
    resolved.push({ element, prompt: prompt.prompt, text });
    open.delete(element);
  }
  const missing = base.missing.filter((m) => open.has(m.element));
  return {
    content: { ...base, sections, missing, resolved, text: renderText(sections) },
    resolved: resolutions.map(([e]) => e),
  };
}

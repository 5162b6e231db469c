import type { NarrativeDrafting, NarrativeDrafter as DrafterKind } from '@medicdraft/contracts';
import type { ComposedNarrative, NarrativeDocuments } from '../compose/compose-narrative.js';
import type { VersionedTemplate } from '../templates/template-definition.js';

/** A drafted narrative and how it was made (lineage: ids, versions and counts, never text). */
export interface DraftedNarrative {
  narrative: ComposedNarrative;
  lineage: NarrativeDrafting;
}

/** Ids a drafter may log or label with (never content). */
export interface DraftContext {
  tenantId: string;
  dictationId: string;
}

/**
 * Drafts one dictation's narrative with one template. Implementers own how the sentences are
 * worded; the rule engine's missing-element prompts, review notes and facts are always those of
 * `composeNarrative`, so every drafter prompts for the same things. A drafter must always return a
 * narrative whose every sentence is grounded in the dictation's segments: an adapter that asks a
 * model falls back to the rule engine's draft instead of throwing when the model fails, and says
 * so in the lineage. It must not log or return anything of the dictation outside the narrative.
 */
export interface NarrativeDrafter {
  readonly kind: DrafterKind;
  draft(documents: NarrativeDocuments, template: VersionedTemplate, context: DraftContext): Promise<DraftedNarrative>;
}

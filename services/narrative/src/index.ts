export { loadNarrativeConfig, type NarrativeConfig } from './config.js';
export {
  startNarrativeService,
  DEFAULT_COPY_MAX_CHARS,
  NARRATIVE_ROLE,
  NARRATIVE_SCHEMA,
  type NarrativeService,
  type NarrativeServiceDeps,
} from './service.js';
export {
  createNarrativeReview,
  type NarrativeCopy,
  type NarrativeReview,
  type NarrativeView,
  type ReviewActor,
} from './review/narrative-review.js';
export { createNarrativeApi } from './review/narrative-api.js';
export { createQaReview, type QaReview } from './qa/qa-review.js';
export { esoText } from './review/eso-text.js';
export { applyChange, type NarrativeChange } from './review/narrative-edit.js';
export {
  composeNarrative,
  phasesOf,
  NARRATIVE_ENGINE_VERSION,
  type ComposedNarrative,
  type NarrativeDocuments,
  type NarrativeSection,
  type NarrativeSentence,
} from './compose/compose-narrative.js';
export { type MissingElement } from './compose/element-checks.js';
export { toAscii, styleSentence } from './compose/sentence-style.js';
export { toChartingStyle } from './compose/charting-style.js';
export {
  CALL_STAGES,
  type CallStage,
  SECTION_SEQUENCE_MODEL,
  type SectionSequenceModel,
  trainSectionSequenceModel,
} from './compose/section-sequence.js';
export { BUILTIN_TEMPLATES } from './templates/builtin-templates.js';
export { TemplateDefinitionSchema, type TemplateDefinition, type VersionedTemplate } from './templates/template-definition.js';
export { currentTemplate, saveTemplateVersion, seedBuiltinTemplates } from './templates/template.repository.js';
export { listVersions, narrativeIdFor, type NarrativeVersionRow } from './narrative.repository.js';
export { NARRATIVE_GROUP, contentRefFor } from './consumer/output-consumer.js';
export { type NarrativeDrafter, type DraftedNarrative, type DraftContext } from './drafting/narrative-drafter.port.js';
export { createDeterministicDrafter } from './drafting/deterministic-drafter.js';
export { createBedrockDrafter, type BedrockDrafterOptions } from './drafting/bedrock-drafter.js';
export {
  createGroundingVerifier,
  type GroundingVerifier,
  type DraftedSentence,
  type SentenceVerdict,
} from './drafting/grounding-verifier.js';
export { groundDraft, type GroundedDraft, type VerdictCounts } from './drafting/grounded-draft.js';
export { DRAFT_PROMPT_VERSION } from './drafting/draft-prompt.js';
export { DRAFT_TOOL_NAME, ModelDraftSchema, type ModelDraft } from './drafting/model-draft.schema.js';

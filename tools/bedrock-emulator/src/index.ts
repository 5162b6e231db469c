export { readDraftRequest, type DraftRequest, type ModelDraft } from './model-draft.js';
export { faithfulDraft } from './faithful-draft.js';
export { mutateDraft, MUTATIONS, type Mutation, type MutatedDraft } from './adversarial-draft.js';
export { seededRandom } from './seeded-random.js';
export { startBedrockEmulator, type BedrockEmulator, type BedrockEmulatorOptions, type CallLogEntry } from './emulator-server.js';
export { BehaviourSchema, type Behaviour } from './behaviours.js';
export { ERROR_TYPES, type ErrorType } from './rest-json-errors.js';

export { readDraftRequest, type DraftRequest, type ModelDraft } from './model-draft.js';
export { faithfulDraft } from './faithful-draft.js';
export { mutateDraft, MUTATIONS, type Mutation, type MutatedDraft } from './adversarial-draft.js';
export { seededRandom } from './seeded-random.js';

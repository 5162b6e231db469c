import { describe, expect, it } from 'vitest';
import { mutateDraft, MUTATIONS } from './adversarial-draft.js';
import type { DraftRequest, ModelDraft } from './model-draft.js';

const request: DraftRequest = {
  segments: [
    { id: 'seg-1', text: 'Four baby aspirin chewed at 1:35.' },
    { id: 'seg-2', text: 'Patient denies chest pain, BP 142 over 86, pulse 88.' },
  ],
  sections: [
    { key: 'assessment', title: 'Assessment' },
    { key: 'treatment', title: 'Treatment' },
  ],
  placement: { 'seg-1': 'treatment', 'seg-2': 'assessment' },
};
const faithful: ModelDraft = {
  sections: [
    { key: 'assessment', sentences: [{ text: 'Pt denies CP, BP 142/86, HR 88.', segmentIds: ['seg-2'] }] },
    { key: 'treatment', sentences: [{ text: 'Four baby aspirin chewed at 1:35.', segmentIds: ['seg-1'] }] },
  ],
};

describe('adversarial drafts', () => {
  // A "mutation" that writes the sentence back unchanged injects nothing, and a verifier test counting it as
  // missed would fail for the generator's fault: "1" of "1:35" replaced by a number "near 2" could be "1" again.
  it('changes the draft whenever it reports a mutation', () => {
    for (const mutation of MUTATIONS)
      for (let seed = 0; seed < 400; seed++) {
        const mutated = mutateDraft(faithful, request, mutation, seed);
        if (mutated) expect(mutated.draft, `${mutation} #${seed}`).not.toEqual(faithful);
      }
  });
});

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

describe('flipped negations', () => {
  // "No" inside "Noël" is not a negation: JavaScript's \b counts ë as a word boundary, and a "flipped negation" that
  // deleted it would hand the verifier a mangled name ("Brasserie ël") while reporting a negation it never flipped.
  it('removes only whole words, never letters of a word with non-ASCII letters', () => {
    const named: ModelDraft = {
      sections: [{ key: 'assessment', sentences: [{ text: 'Dispatched to Brasserie Noël for a fall.', segmentIds: ['seg-1'] }] }],
    };
    const ask: DraftRequest = { ...request, segments: [{ id: 'seg-1', text: 'Dispatched to Brasserie Noël for a fall.' }] };
    for (let seed = 0; seed < 200; seed++) {
      const mutated = mutateDraft(named, ask, 'flipped_negation', seed);
      if (mutated) expect(mutated.draft.sections[0]?.sentences[0]?.text, `#${seed}`).toContain('Noël');
    }
  });
});

import { composeNarrative } from '../compose/compose-narrative.js';
import type { NarrativeDrafter } from './narrative-drafter.port.js';

/** The rule engine as a drafter: extractive, the same documents give the same narrative. */
export function createDeterministicDrafter(): NarrativeDrafter {
  return {
    kind: 'deterministic',
    draft: async (documents, template) => ({
      narrative: composeNarrative(documents, template),
      lineage: { requested: 'deterministic', drafter: 'deterministic' },
    }),
  };
}

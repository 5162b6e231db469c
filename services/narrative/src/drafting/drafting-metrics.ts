import type { NarrativeDrafting } from '@medicdraft/contracts';
import type { ServiceMetrics } from '@medicdraft/platform';
import { Counter } from 'prom-client';

/**
 * What an SRE watches of the drafter: narratives by requested and actual drafter and fallback
 * reason (a rising `throttled` or `rejection_rate` means the model, not the service, needs
 * attention), and drafted sentences by the verifier's verdict. Labels are enums, never content.
 */
export function createDraftingMetrics(metrics: ServiceMetrics): { onDrafted(lineage: NarrativeDrafting): void } {
  const drafts = new Counter({
    name: 'medicdraft_narrative_drafts_total',
    help: 'Narrative versions generated, by requested drafter, actual drafter and fallback reason (none when used as requested).',
    labelNames: ['requested', 'drafter', 'fallback_reason'],
    registers: [metrics.registry],
  });
  const sentences = new Counter({
    name: 'medicdraft_narrative_draft_sentences_total',
    help: 'Model-drafted sentences by grounding verdict (accepted, rejected) and rule sentences put in their place (replaced).',
    labelNames: ['verdict'],
    registers: [metrics.registry],
  });
  return {
    onDrafted(lineage) {
      drafts.inc({ requested: lineage.requested, drafter: lineage.drafter, fallback_reason: lineage.fallbackReason ?? 'none' });
      const v = lineage.verdicts;
      if (v === undefined) return;
      sentences.inc({ verdict: 'accepted' }, v.accepted);
      sentences.inc({ verdict: 'rejected' }, v.rejected);
      sentences.inc({ verdict: 'replaced' }, v.replaced);
    },
  };
}

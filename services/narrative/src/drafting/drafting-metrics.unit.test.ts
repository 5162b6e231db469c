import { createMetrics } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { createDraftingMetrics } from './drafting-metrics.js';

describe('drafting metrics', () => {
  it('counts versions by drafter and fallback reason, and drafted sentences by verdict', async () => {
    const metrics = createMetrics('narrative');
    const { onDrafted } = createDraftingMetrics(metrics);
    onDrafted({ requested: 'deterministic', drafter: 'deterministic' });
    onDrafted({
      requested: 'bedrock',
      drafter: 'bedrock',
      modelId: 'm',
      promptVersion: 'p',
      verdicts: { drafted: 10, accepted: 9, rejected: 1, replaced: 1, byReason: { unsupported_dose: 1 } },
    });
    onDrafted({ requested: 'bedrock', drafter: 'deterministic', fallbackReason: 'throttled' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('medicdraft_narrative_drafts_total{requested="deterministic",drafter="deterministic",fallback_reason="none"');
    expect(text).toContain('medicdraft_narrative_drafts_total{requested="bedrock",drafter="bedrock",fallback_reason="none"');
    expect(text).toContain('medicdraft_narrative_drafts_total{requested="bedrock",drafter="deterministic",fallback_reason="throttled"');
    expect(text).toMatch(/medicdraft_narrative_draft_sentences_total\{verdict="accepted",service="narrative"\} 9/);
    expect(text).toMatch(/medicdraft_narrative_draft_sentences_total\{verdict="rejected",service="narrative"\} 1/);
  });
});

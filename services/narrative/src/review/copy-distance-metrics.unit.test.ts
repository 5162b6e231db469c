import { randomUUID } from 'node:crypto';
import { createMetrics } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { createCopyDistanceMetrics } from './copy-distance-metrics.js';

describe('copy edit distance metric', () => {
  it('observes each distance by template and drafter, with no user id among the labels', async () => {
    const metrics = createMetrics('narrative');
    const providerId = randomUUID();
    const { onCopyDistance } = createCopyDistanceMetrics(metrics);
    const row = {
      tenantId: 't-1',
      narrativeId: randomUUID(),
      version: 1,
      dictationId: randomUUID(),
      firstVersion: 1,
      template: 'DRAATT',
      templateVersion: 1,
      engine: 'synthetic',
      engineVersion: '1.4.1',
      drafter: 'deterministic',
      promptVersion: null,
      providerId,
      distance: 0,
      copiedAt: new Date(0).toISOString(),
    } as const;
    onCopyDistance(row);
    onCopyDistance({ ...row, distance: 0.25 });
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'medicdraft_narrative_copy_edit_distance_bucket{le="0",service="narrative",template="DRAATT",drafter="deterministic"} 1',
    );
    expect(text).toContain(
      'medicdraft_narrative_copy_edit_distance_bucket{le="0.3",service="narrative",template="DRAATT",drafter="deterministic"} 2',
    );
    expect(text).toContain(
      'medicdraft_narrative_copy_edit_distance_count{service="narrative",template="DRAATT",drafter="deterministic"} 2',
    );
    expect(text).not.toContain(providerId);
    expect(text).not.toContain('t-1');
  });
});

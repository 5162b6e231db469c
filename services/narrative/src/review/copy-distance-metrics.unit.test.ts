import { randomUUID } from 'node:crypto';
import { createMetrics } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { copyDistanceRow } from '../testing/copy-distance-fixture.js';
import { createCopyDistanceMetrics } from './copy-distance-metrics.js';

describe('copy edit distance metric', () => {
  it('observes each distance by template and drafter, with no user id among the labels', async () => {
    const metrics = createMetrics('narrative');
    const providerId = randomUUID();
    const { onCopyDistance } = createCopyDistanceMetrics(metrics);
    const row = copyDistanceRow(0, { version: 1, providerId, copiedAt: new Date(0).toISOString() });
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

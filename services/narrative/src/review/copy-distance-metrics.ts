import { EDIT_DISTANCE_BUCKETS } from '@medicdraft/contracts';
import type { ServiceMetrics } from '@medicdraft/platform';
import { Histogram } from 'prom-client';
import type { CopyDistanceRow } from './copy-distance.repository.js';

/**
 * The edit distance of every copied version as a Prometheus histogram, by template and drafter
 * (enums). Who copied is in the report API only: a user id is no metric label.
 */
export function createCopyDistanceMetrics(metrics: ServiceMetrics): { onCopyDistance(row: CopyDistanceRow): void } {
  const histogram = new Histogram({
    name: 'medicdraft_narrative_copy_edit_distance',
    help: 'Normalised edit distance between the first draft and the copied narrative (0 = copied as drafted), by template and drafter.',
    labelNames: ['template', 'drafter'],
    buckets: [...EDIT_DISTANCE_BUCKETS],
    registers: [metrics.registry],
  });
  return {
    onCopyDistance(row) {
      histogram.observe({ template: row.template, drafter: row.drafter }, row.distance);
    },
  };
}

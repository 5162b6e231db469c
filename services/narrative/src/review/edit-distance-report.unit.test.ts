import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { copyDistanceRow } from '../testing/copy-distance-fixture.js';
import type { CopyDistanceRow } from './copy-distance.repository.js';
import { distanceStats, editDistanceReport } from './edit-distance-report.js';

const providerA = randomUUID();
const providerB = randomUUID();
const row = (distance: number, over: Partial<CopyDistanceRow> = {}): CopyDistanceRow =>
  copyDistanceRow(distance, { providerId: providerA, ...over });

describe('edit distance distribution', () => {
  it('gives count, mean, nearest-rank p50/p90 and one histogram bucket per tenth, 0 on its own', () => {
    const stats = distanceStats([0, 0, 0.05, 0.1, 0.15, 0.3, 0.3, 0.55, 0.9, 1]);
    expect(stats).toMatchObject({ count: 10, mean: 0.335, p50: 0.15, p90: 0.9 });
    expect(stats.histogram.map((b) => [b.le, b.count])).toEqual([
      [0, 2],
      [0.1, 2],
      [0.2, 1],
      [0.3, 2],
      [0.4, 0],
      [0.5, 0],
      [0.6, 1],
      [0.7, 0],
      [0.8, 0],
      [0.9, 1],
      [1, 1],
    ]);
  });

  it('says nothing (null) of an empty group rather than 0', () => {
    expect(distanceStats([])).toMatchObject({ count: 0, mean: null, p50: null, p90: null });
  });

  it('groups by template + version, by engine + composer + drafter + prompt, and by provider', () => {
    const report = editDistanceReport(
      [
        row(0),
        row(0.2, { providerId: providerB }),
        row(0.4, { templateVersion: 2, drafter: 'bedrock', promptVersion: 'draft-v3' }),
        row(0.6, { engineVersion: '1.5.0', providerId: providerB }),
      ],
      '2026-09-01T00:00:00.000Z',
    );
    expect(report.overall).toMatchObject({ count: 4, mean: 0.3 });
    expect(report.byTemplate.map((g) => [g.template, g.templateVersion, g.count])).toEqual([
      ['DRAATT', 1, 3],
      ['DRAATT', 2, 1],
    ]);
    expect(report.byDrafter.map((g) => [g.engineVersion, g.drafter, g.promptVersion, g.count, g.mean])).toEqual(
      expect.arrayContaining([
        ['1.4.1', 'deterministic', null, 2, 0.1],
        ['1.4.1', 'bedrock', 'draft-v3', 1, 0.4],
        ['1.5.0', 'deterministic', null, 1, 0.6],
      ]),
    );
    expect(report.byDrafter).toHaveLength(3);
    const byProvider = new Map(report.byProvider.map((g) => [g.providerId, g]));
    expect(byProvider.get(providerA)).toMatchObject({ count: 2, mean: 0.2 });
    expect(byProvider.get(providerB)).toMatchObject({ count: 2, mean: 0.4 });
  });
});

import { describe, expect, it } from 'vitest';
import { markdownRows, overheadFloor, percentiles, scalingSummary, slotGaps } from '../report.js';

describe('pipeline bench report', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(samples)).toMatchObject({ n: 100, p50: 50, p99: 99, max: 100, mean: 50.5 });
    expect(percentiles([7])).toMatchObject({ p50: 7, p99: 7 });
    expect(Number.isNaN(percentiles([]).p99)).toBe(true);
  });

  it('adds up the unavoidable hops of one dictation: the job, two PUTs, two GETs, three Kafka hops', () => {
    const p = (p50: number, p99: number) => ({ ...percentiles([p50]), p50, p99 });
    const floor = overheadFloor({ jobMs: p(30, 60), putMs: p(10, 20), getMs: p(8, 15), kafkaHopMs: p(2, 9) });
    expect(floor).toEqual({ p50: 30 + 2 * 10 + 2 * 8 + 3 * 2, p99: 60 + 2 * 20 + 2 * 15 + 3 * 9 });
    expect(Number.isNaN(overheadFloor({ jobMs: percentiles([]), putMs: p(1, 1), getMs: p(1, 1), kafkaHopMs: p(1, 1) }).p50)).toBe(true);
  });

  it('compares scaling throughput with quota / job time', () => {
    const s = scalingSummary({ workers: 2, jobs: 40, quota: 4, jobMs: 1000, elapsedMs: 11_000, maxActive: 4, busyMs: 41_800 });
    expect(s.ceiling).toBe(4);
    expect(s.perSecond).toBeCloseTo(3.636, 3);
    expect(s.ratio).toBeCloseTo(0.909, 3);
    expect(s.utilisation).toBeCloseTo(0.95, 3);
  });

  it('splits the idle slot-time into lead-in, hand-offs and tail', () => {
    // Quota 2: jobs 0 and 1 start first; job 2 takes the slot of the first completion (1000 → 1040),
    // job 3 that of the second (1100 → 1160).
    const jobs = [
      { createdAt: 30, completedAt: 1_000 },
      { createdAt: 50, completedAt: 1_100 },
      { createdAt: 1_040, completedAt: 2_050 },
      { createdAt: 1_160, completedAt: 2_200 },
    ];
    const gaps = slotGaps(0, jobs, 2, 2_290);
    expect(gaps.leadInMs).toBe(30);
    expect(gaps.handoffMs).toMatchObject({ n: 2, p50: 40, max: 60 });
    expect(gaps.tailMs).toBe(90);
  });

  it('renders markdown rows with two decimals for fractions', () => {
    expect(
      markdownRows(
        ['a', 'b'],
        [
          [1, 0.5],
          ['x', 2],
        ],
      ),
    ).toBe('| a | b |\n|---|---|\n| 1 | 0.50 |\n| x | 2 |');
  });
});

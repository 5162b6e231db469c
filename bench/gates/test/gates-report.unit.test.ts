import { describe, expect, it } from 'vitest';
import { buildReport, honouredBy, markdownReport, summarize, type DecisionLine, type FlipResult } from '../report.js';

const decision = (consumer: number, at: number, allowed: boolean, issuedAt: number | null = at - 5): DecisionLine => ({
  type: 'decision',
  consumer,
  at,
  allowed,
  reason: allowed ? null : 'phi_mode_disabled',
  version: 1,
  issuedAt,
});

describe('gates bench report', () => {
  it('uses nearest-rank percentiles', () => {
    const s = summarize(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(s).toMatchObject({ samples: 200, p50Ms: 100, p90Ms: 180, p99Ms: 198, maxMs: 200, avgMs: 100.5 });
    expect(summarize([7])).toMatchObject({ p50Ms: 7, p99Ms: 7, maxMs: 7 });
    expect(Number.isNaN(summarize([]).p99Ms)).toBe(true);
  });

  it(
    'given decisions of earlier switches, when matching a switch, then each consumer gets its first matching decision after ' +
      'the request',
    () => {
      const lines = [
        decision(0, 90, true),
        decision(0, 120, false),
        decision(1, 130, false),
        decision(0, 140, true),
        decision(1, 150, true),
      ];
      expect(honouredBy(lines, 3, 100, false)).toEqual([lines[1], lines[2], null]);
      expect(honouredBy(lines, 2, 100, true)).toEqual([lines[3], lines[4]]);
    },
  );

  it('measures a switch by its slowest consumer and fails the target when any switch was missed', () => {
    const flip = (n: number, requestedAt: number, ats: (number | null)[]): FlipResult => ({
      flip: n,
      target: n % 2 === 1,
      requestedAt,
      answeredAt: requestedAt + 10,
      honoured: ats.map((at, c) => (at === null ? null : decision(c, at, n % 2 === 1))),
    });
    const ok = buildReport([flip(1, 1_000, [1_020, 1_050]), flip(2, 2_000, [2_030, 2_010])], 2, 0, 500);
    expect(ok.allConsumers).toMatchObject({ samples: 2, p50Ms: 30, maxMs: 50 });
    expect(ok.perConsumer).toMatchObject({ samples: 4, maxMs: 50 });
    expect(ok.request.p50Ms).toBe(10);
    expect(ok.broadcast.p50Ms).toBe(5);
    expect(ok).toMatchObject({ missed: 0, meetsTarget: true });
    expect(markdownReport(ok)).toContain('target p99 ≤ 500 ms (every consumer): met');

    const withFloor = buildReport([flip(1, 1_000, [1_020, 1_050]), flip(2, 2_000, [2_030, 2_010])], 2, 0, 50, [10, 25], 15);
    expect(withFloor.floor).toMatchObject({ samples: 2, p50Ms: 10, p99Ms: 25 });
    expect(withFloor.ratioToFloor).toEqual({ p50: 3, p99: 2 });
    expect(withFloor.meetsTarget).toBe(false); // p50 30 ms > 15 ms although p99 50 ms ≤ 50 ms
    expect(markdownReport(withFloor)).toContain('| Ratio every consumer ÷ floor | | 3.00 | | 2.00 | | |');
    const slow = buildReport([flip(1, 1_000, [1_020, 1_600])], 2, 0, 500);
    expect(slow.meetsTarget).toBe(false);
    const missed = buildReport([flip(1, 1_000, [1_020, 1_030]), flip(2, 2_000, [2_010, null])], 2, 1, 500);
    expect(missed).toMatchObject({ missed: 1, unexpected: 1, meetsTarget: false });
    expect(missed.allConsumers.samples).toBe(1);
    expect(markdownReport(missed)).toContain('NOT met');
  });
});

import { describe, expect, it } from 'vitest';
import { markdownTable, median, summarize, type LoadResult, type RoundResult } from '../report.js';

const load = (rps: number, p50: number, p99: number, over: Partial<LoadResult> = {}): LoadResult => ({
  requestsPerSec: rps,
  p50Ms: p50,
  p99Ms: p99,
  requests: rps * 10,
  non2xx: 0,
  errors: 0,
  ...over,
});

describe('gateway bench report', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('reports medians per side and the median of per-round ratios', () => {
    const rounds: RoundResult[] = [
      { round: 1, order: 'gateway-first', gateway: load(1000, 5, 20), bare: load(10_000, 1, 4) },
      { round: 2, order: 'bare-first', gateway: load(1200, 4, 16), bare: load(8_000, 1, 2) },
      { round: 3, order: 'gateway-first', gateway: load(900, 6, 30), bare: load(9_000, 1, 3) },
    ];
    const [tput, p50, p99] = summarize(rounds);
    expect(tput).toEqual({ measure: 'Throughput', unit: 'req/s', gateway: 1000, bare: 9000, ratio: 0.1 });
    expect(p50!.ratio).toBe(5);
    expect(p99).toMatchObject({ gateway: 20, bare: 3, ratio: 8 });
    const md = markdownTable([tput!, p99!], 'GET narrative');
    expect(md).toContain('| Throughput | req/s | 1,000 | 9,000 | 0.10 |');
    expect(md).toContain('| Latency p99 | ms | 20.00 | 3.00 | 8.00 |');
  });

  it('refuses rounds that were answered with errors instead of reporting them as fast', () => {
    const bad: RoundResult[] = [
      { round: 1, order: 'gateway-first', gateway: load(50_000, 1, 2, { non2xx: 12 }), bare: load(10_000, 1, 2) },
    ];
    expect(() => summarize(bad)).toThrow(/non-2xx/);
  });
});

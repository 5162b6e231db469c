import { describe, expect, it } from 'vitest';
import { markdownTable, median, summarizeLatency, summaryRows, throughput, type AuditBenchResult } from '../report.js';

const round = (n: number, append: number, copy: number) => ({
  round: n,
  append: throughput(append, 1_000),
  copy: throughput(copy, 1_000),
  hashOnly: throughput(100_000, 1_000),
});

/** verify against a 500k/s ceiling, replay against 200k/s, rows as stored at 1M/s. */
const cliRound = (n: number, verify: number, replay: number) => ({
  round: n,
  verify: throughput(verify, 1_000),
  replay: throughput(replay, 1_000),
  verifyCeiling: throughput(500_000, 1_000),
  replayCeiling: throughput(200_000, 1_000),
  storedCeiling: throughput(1_000_000, 1_000),
});

/** 5,000/s against a direct append of the same events at 8,000/s before and 12,000/s after. */
const ingest = {
  ...throughput(5_000, 1_000),
  consumerConcurrency: 16,
  partitions: 6,
  appendCeiling: [throughput(8_000, 1_000), throughput(12_000, 1_000)],
};

const result = (p99: number): AuditBenchResult => ({
  rounds: [round(1, 10_000, 100_000), round(2, 30_000, 100_000), round(3, 20_000, 50_000)],
  cli: [cliRound(1, 300_000, 100_000), cliRound(2, 200_000, 50_000), cliRound(3, 400_000, 200_000)],
  ingest,
  latency: summarizeLatency([100, 200, p99]),
});

describe('bench:audit report', () => {
  it('computes rates, medians and rank-rule percentiles', () => {
    expect(throughput(50_000, 2_500)).toEqual({ events: 50_000, seconds: 2.5, perSec: 20_000 });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatency(samples)).toMatchObject({ samples: 100, p50Ms: 51, p99Ms: 100, maxMs: 100, avgMs: 50.5 });
  });

  it('takes the median of per-round ratios and checks each target', () => {
    const rows = summaryRows(result(1_500));
    const by = (prefix: string) => rows.find((r) => r.measure.startsWith(prefix));
    expect(by('Append')).toMatchObject({ value: 20_000, target: { met: true } });
    expect(by('Ratio append / COPY')).toMatchObject({ value: expect.closeTo(0.3, 5), target: { met: false } }); // 0.1, 0.3, 0.4
    expect(by('Service ingest')).toMatchObject({ value: 5_000, target: { met: false } });
    // 5,000 over the mean of 8,000 and 12,000
    expect(by('Ratio service ingest')).toMatchObject({ value: 0.5, target: { text: '≥ 0.8', met: false } });
    expect(
      summaryRows({ ...result(1_500), ingest: { ...ingest, appendCeiling: undefined } }).some((x) => x.measure.startsWith('Ratio service')),
    ).toBe(false);
    expect(by('`verify`')).toMatchObject({ value: 300_000, target: { met: true } });
    expect(by('`replay')).toMatchObject({ value: 100_000, target: { met: false } });
    expect(by('Action → signed checkpoint on `audit.checkpoint`, p99')).toMatchObject({ value: 1_500, target: { met: true } });
    expect(summaryRows(result(2_001)).at(-1)?.target?.met).toBe(false);
  });

  it('reports verify and replay as median per-round ratios to the COPY of their own statement, with targets 0.5 and 0.8', () => {
    const rows = summaryRows(result(1_500));
    const by = (prefix: string) => rows.find((r) => r.measure.startsWith(prefix));
    expect(by('Ratio verify / its COPY ceiling')).toMatchObject({ value: 0.6, target: { text: '≥ 0.5', met: true } }); // 0.6, 0.4, 0.8
    expect(by('Ratio replay / its COPY ceiling')).toMatchObject({ value: 0.5, target: { text: '≥ 0.8', met: false } }); // 0.5, 0.25, 1
    expect(by('Ratio verify / rows as stored')?.value).toBeCloseTo(0.3, 5);
    expect(by('Ceiling: COPY of verify')?.value).toBe(500_000);
  });

  it('leaves out ingest and checkpoint latency when they were skipped', () => {
    const { ingest: _i, latency: _l, ...rest } = result(1_500);
    const measures = summaryRows(rest).map((r) => r.measure);
    expect(measures.some((m) => m.startsWith('Service ingest') || m.startsWith('Action →'))).toBe(false);
    expect(measures.some((m) => m.startsWith('`verify`'))).toBe(true);
  });

  it('reports CPU per event (process + Postgres) and the CPU ratio; unmeasured CPU shows as a dash', () => {
    expect(throughput(1_000, 500, { nodeMs: 20, pgMs: 30 }).cpu).toEqual({ nodeUs: 20, pgUs: 30 });
    const measured = (events: number, nodeMs: number, pgMs: number) => throughput(events, 1_000, { nodeMs, pgMs });
    const r = {
      ...result(1_500),
      rounds: [{ round: 1, append: measured(1_000, 60, 90), copy: measured(1_000, 0, 50), hashOnly: throughput(1, 1) }],
    };
    const rows = summaryRows(r);
    expect(rows.find((x) => x.measure.startsWith('CPU per event, append'))?.value).toBe(150);
    expect(rows.find((x) => x.measure.startsWith('Ratio append / COPY by CPU'))?.value).toBeCloseTo(1 / 3, 5);
    expect(markdownTable(summaryRows(result(1_500)))).toContain(
      '| CPU per event, `verify` (bench process + Postgres backends) | µs/event | — |  |  |',
    );
  });

  it('renders a markdown table that marks missed targets', () => {
    const md = markdownTable(summaryRows(result(2_500)));
    expect(md.split('\n')[0]).toBe('| Measure | Unit | Value | Target | Met |');
    expect(md).toContain('| ms | 2,500 | ≤ 2,000 | **no** |');
    expect(md).toContain('| Ratio append / COPY | ratio | 0.30 | ≥ 0.7 | **no** |');
  });
});

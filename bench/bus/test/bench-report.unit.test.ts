import { describe, expect, it } from 'vitest';
import { eventValue } from '../adapter-runs.js';
import { parseConsumerPerformance, parseEndToEndLatency, parseProducerPerformance } from '../kafka-tools.js';
import { summarizeLatency } from '../report.js';

// Output lines as printed by the Kafka 3.9.2 tools on the local stack.
describe('Kafka tool output parsers', () => {
  it('takes the final ProducerPerformance line, not a progress line', () => {
    const lines = [
      '20500 records sent, 4100.0 records/sec (2.35 MB/sec), 900.1 ms avg latency, 1200.0 ms max latency.',
      '50000 records sent, 17850.767583 records/sec (10.21 MB/sec), 570.18 ms avg latency, 776.00 ms max latency, 560 ms ' +
        '50th, 726 ms 95th, 754 ms 99th, 767 ms 99.9th.',
    ];
    expect(parseProducerPerformance(lines)).toEqual({
      records: 50000,
      recordsPerSec: 17850.767583,
      mbPerSec: 10.21,
      avgLatencyMs: 570.18,
      p50LatencyMs: 560,
      p99LatencyMs: 754,
    });
  });

  it('reads ConsumerPerformance columns by header name', () => {
    const lines = [
      'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, ' +
        'fetch.MB.sec, fetch.nMsg.sec',
      '2026-11-23 09:31:24:900, 2026-11-23 09:31:26:735, 28.6102, 15.5914, 50000, 27247.9564, 904, 931, 30.7306, 53705.6928',
    ];
    expect(parseConsumerPerformance(lines)).toEqual({
      records: 50000,
      recordsPerSec: 27247.9564,
      fetchRecordsPerSec: 53705.6928,
      fetchMbPerSec: 30.7306,
      rebalanceMs: 904,
    });
  });

  it('reads EndToEndLatency avg and whole-ms percentiles', () => {
    const lines = ['0\t220.111859', '1000\t2.174007', 'Avg latency: 3.2920 ms', 'Percentiles: 50th = 1, 99th = 19, 99.9th = 63'];
    expect(parseEndToEndLatency(lines)).toEqual({ avgMs: 3.292, p50Ms: 1, p99Ms: 19, p999Ms: 63 });
  });

  it('fails loudly when a tool printed no summary', () => {
    expect(() => parseProducerPerformance(['Exception in thread "main"'])).toThrow(/no summary/);
    expect(() => parseEndToEndLatency([])).toThrow(/no summary/);
  });
});

describe('adapter side helpers', () => {
  it('pads event values to the exact record size', () => {
    for (const size of [200, 600, 1000]) expect(Buffer.byteLength(eventValue('run', 42, size))).toBe(size);
  });

  it('ranks percentiles like EndToEndLatency (sorted[floor(n·p)])', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatency(samples)).toMatchObject({ samples: 100, p50Ms: 51, p99Ms: 100, maxMs: 100, avgMs: 50.5 });
  });
});

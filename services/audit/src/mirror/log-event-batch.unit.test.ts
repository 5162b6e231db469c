import { describe, expect, it } from 'vitest';
import { PUT_LOG_EVENTS_LIMITS, toLogEventBatch } from './log-event-batch.js';

const now = Date.UTC(2031, 5, 1);
const HOUR = 3_600_000;
const rows = (times: number[], message = 'm') => times.map((recordedAt) => ({ recordedAt, message }));

describe('toLogEventBatch', () => {
  it('keeps timestamps non-decreasing from the previous batch, in row order', () => {
    const batch = toLogEventBatch(rows([now - 7_000, now - 5_000, now - 9_000, now - 1_000]), now - 6_000, now, 2192);
    expect(batch.logEvents.map((e) => e.timestamp)).toEqual([now - 6_000, now - 5_000, now - 5_000, now - 1_000]);
    expect(batch.lastTimestamp).toBe(now - 1_000);
  });

  it('raises a backlog older than CloudWatch accepts (14 days, or the retention) to the oldest accepted age', () => {
    const old = now - 30 * 24 * HOUR;
    expect(toLogEventBatch(rows([old]), 0, now, 2192).logEvents[0]?.timestamp).toBe(now - 14 * 24 * HOUR + HOUR);
    expect(toLogEventBatch(rows([old]), 0, now, 3).logEvents[0]?.timestamp).toBe(now - 3 * 24 * HOUR + HOUR);
  });

  it('stops before a batch would span 24 hours', () => {
    const start = now - 12 * 24 * HOUR;
    const batch = toLogEventBatch(rows([start, start + 23 * HOUR, start + 24 * HOUR, start + 25 * HOUR]), 0, now, 2192);
    expect(batch.logEvents).toHaveLength(2);
    expect(batch.lastTimestamp).toBe(start + 23 * HOUR);
  });

  it('stops at the byte limit (message bytes + 26 per event) but always ships one row', () => {
    const big = 'x'.repeat(400_000);
    expect(toLogEventBatch(rows([now, now, now, now], big), 0, now, 2192).logEvents).toHaveLength(2);
    expect(toLogEventBatch(rows([now], 'y'.repeat(PUT_LOG_EVENTS_LIMITS.maxBytes)), 0, now, 2192).logEvents).toHaveLength(1);
  });

  it('stops at 10,000 events', () => {
    expect(toLogEventBatch(rows(Array.from({ length: 10_001 }, () => now)), 0, now, 2192).logEvents).toHaveLength(10_000);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_POLICY, pollDelayMs } from './job-policy.js';

describe('pollDelayMs', () => {
  const policy = { ...DEFAULT_JOB_POLICY, firstPollMs: 100, pollIntervalMs: 1_000 };

  it('doubles from the first poll up to the interval', () => {
    expect([0, 1, 2, 3, 4, 9].map((polls) => pollDelayMs(policy, polls, () => 1))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters each delay between half and all of it, so polls of like jobs do not stay in step', () => {
    expect(pollDelayMs(policy, 9, () => 0)).toBe(500);
    expect(pollDelayMs(policy, 9, () => 0.5)).toBe(750);
    expect(pollDelayMs(policy, 1, () => 0)).toBe(100);
  });

  it('gives the full interval, jittered, for a retry after a failed read', () => {
    expect(pollDelayMs(policy, Infinity, () => 1)).toBe(1_000);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_POLICY, pollDelayMs } from './job-policy.js';

describe('pollDelayMs', () => {
  const policy = { ...DEFAULT_JOB_POLICY, firstPollMs: 100, pollGrowth: 2, pollIntervalMs: 1_000 };

  it("grows by the policy's factor from the first poll up to the interval", () => {
    expect([0, 1, 2, 3, 4, 9].map((polls) => pollDelayMs(policy, polls, () => 1))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    const gentle = { ...policy, pollGrowth: 1.5 };
    expect([0, 1, 2, 3, 4, 5, 9].map((polls) => pollDelayMs(gentle, polls, () => 1))).toEqual([100, 150, 225, 338, 506, 759, 1_000]);
  });

  // A poll then lands up to half a job's length after it ends, not up to a whole one as when doubling.
  it('by default polls a job 10 ms after its start, then at waits growing by half', () => {
    const delays = [0, 1, 2, 3, 4].map((polls) => pollDelayMs(DEFAULT_JOB_POLICY, polls, () => 1));
    expect(delays).toEqual([10, 15, 23, 34, 51]);
    // Capped at the interval after about fourteen polls (~6 s into a job), as many as a doubling ramp from 25 ms needs plus seven.
    const ramp = Array.from({ length: 20 }, (_, polls) => pollDelayMs(DEFAULT_JOB_POLICY, polls, () => 1));
    expect(ramp.findIndex((d) => d === DEFAULT_JOB_POLICY.pollIntervalMs)).toBe(14);
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

import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_POLICY, pollDelayMs } from './job-policy.js';

/** When each status poll of a job started at 0 happens, over `horizonMs`. */
function pollTimes(horizonMs: number, policy = DEFAULT_JOB_POLICY): number[] {
  const times: number[] = [];
  for (let at = pollDelayMs(policy, 0); at <= horizonMs; at += pollDelayMs(policy, times.length)) times.push(at);
  return times;
}

describe('pollDelayMs', () => {
  it('polls a just-started job every firstPollMs for its first polls, so a job done in 40 ms is seen by 50 ms', () => {
    expect(pollTimes(110)).toEqual([25, 50, 75, 100]);
    expect(pollTimes(110).find((t) => t >= 40)).toBe(50);
  });

  it('then doubles the wait up to pollIntervalMs', () => {
    expect(pollTimes(1_700)).toEqual([25, 50, 75, 100, 150, 250, 450, 850, 1_650]);
    expect(pollDelayMs(DEFAULT_JOB_POLICY, 20)).toBe(DEFAULT_JOB_POLICY.pollIntervalMs);
  });

  it('costs a long job at most three status calls more than doubling from the first poll would', () => {
    const doubling = { ...DEFAULT_JOB_POLICY, evenPolls: 1 };
    expect(pollTimes(1_700, doubling)).toEqual([25, 75, 175, 375, 775, 1_575]);
    const minute = 60_000;
    expect(pollTimes(minute).length - pollTimes(minute, doubling).length).toBeLessThanOrEqual(3);
  });
});

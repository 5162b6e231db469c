import { describe, expect, it } from 'vitest';
import { initialLifecycle, nextLifecycle, type LifecycleEvent, type LifecycleState } from './dictation-lifecycle.js';

const started = (attempt = 1): LifecycleEvent => ({ kind: 'job_started', attempt });
const output = (attempt = 1): LifecycleEvent => ({ kind: 'output_received', attempt });
/** Output events recorded before they carried their attempt. */
const outputOfNoAttempt: LifecycleEvent = { kind: 'output_received', attempt: undefined };
const version = (v: number, openPrompts: number): LifecycleEvent => ({ kind: 'narrative_version', version: v, openPrompts });
const copied = (v: number): LifecycleEvent => ({ kind: 'narrative_copied', version: v });
const failed = (retryable = false, attempt = 1): LifecycleEvent => ({ kind: 'job_failed', attempt, reason: 'media_unreadable', retryable });
const reprocess = (attempt: number): LifecycleEvent => ({ kind: 'reprocess_requested', attempt });

/** Given these events (in this order), then the state. */
const given = (...events: LifecycleEvent[]): LifecycleState => events.reduce(nextLifecycle, initialLifecycle());

describe('dictation lifecycle: every transition', () => {
  it('starts received at attempt 1', () => {
    expect(initialLifecycle()).toEqual({ status: 'received', attempt: 1, reason: null, narrativeVersion: 0, copiedVersion: 0 });
  });

  it.each([
    ['received → transcribing (job started)', [started()], 'transcribing'],
    ['transcribing → drafted (output received)', [started(), output()], 'drafted'],
    ['drafted → needs information (a version with open prompts)', [started(), output(), version(1, 2)], 'needs_information'],
    ['drafted → ready to copy (a version without prompts)', [started(), output(), version(1, 0)], 'ready_to_copy'],
    [
      'needs information → ready to copy (an edit resolved the prompts)',
      [started(), output(), version(1, 2), version(2, 0)],
      'ready_to_copy',
    ],
    [
      'ready to copy → needs information (an edit with open prompts)',
      [started(), output(), version(1, 0), version(2, 1)],
      'needs_information',
    ],
    ['ready to copy → copied', [started(), output(), version(1, 0), copied(1)], 'copied'],
    [
      'copied → ready to copy (a later edit is what the provider has now)',
      [started(), output(), version(1, 0), copied(1), version(2, 0)],
      'ready_to_copy',
    ],
    ['received → failed (final failure)', [failed()], 'failed'],
    ['transcribing → failed (final failure)', [started(), failed()], 'failed'],
    ['transcribing stays transcribing on a retryable failure', [started(), failed(true)], 'transcribing'],
    ['received → transcribing on a retryable failure (the job exists and will retry)', [failed(true)], 'transcribing'],
    ['failed → received (reprocess), then on through the new attempt', [failed(), reprocess(2), started(2), output(2)], 'drafted'],
    ['copied → received (reprocess)', [started(), output(), version(1, 0), copied(1), reprocess(2)], 'received'],
  ] as const)('%s', (_name, events, status) => {
    expect(given(...events).status).toBe(status);
  });

  it('failed keeps the reason code; leaving failed clears it', () => {
    expect(given(started(), failed())).toMatchObject({ status: 'failed', reason: 'media_unreadable' });
    expect(given(failed(), reprocess(2))).toMatchObject({ status: 'received', reason: null, attempt: 2 });
  });
});

describe('dictation lifecycle: out of order, the status never moves backwards', () => {
  it.each([
    ['job started after drafted', [output(), started()], 'drafted'],
    ['output received after the narrative', [version(1, 1), output(), started()], 'needs_information'],
    ['the generated version after a later edit', [started(), output(), version(2, 0), version(1, 3)], 'ready_to_copy'],
    ['the version that was copied, after the copy', [started(), output(), copied(1), version(1, 2)], 'copied'],
    ['a retryable failure after drafted', [output(), failed(true)], 'drafted'],
    ['job started after a final failure', [failed(), started()], 'failed'],
    ['a narrative version after a final failure', [failed(), version(1, 0)], 'failed'],
    ['an older copy after a newer version', [started(), output(), version(1, 0), version(2, 0), copied(1)], 'ready_to_copy'],
  ] as const)('%s', (_name, events, status) => {
    expect(given(...events).status).toBe(status);
  });

  it('events of an earlier attempt change nothing once a reprocess started a new one', () => {
    const s = given(started(), failed(), reprocess(2));
    for (const e of [started(1), failed(false, 1), output(1), reprocess(1), reprocess(2)]) expect(nextLifecycle(s, e)).toBe(s);
    expect(nextLifecycle(s, outputOfNoAttempt).status).toBe('drafted');
  });
});

describe('dictation lifecycle: redelivery', () => {
  const events: LifecycleEvent[] = [started(), output(), version(1, 2), version(2, 0), copied(2), failed(), reprocess(2)];

  it('applying any event a second time returns the same state object (nothing to write)', () => {
    let s = initialLifecycle();
    for (const e of events) {
      s = nextLifecycle(s, e);
      expect(nextLifecycle(s, e)).toBe(s);
    }
  });

  it('a whole stream delivered twice ends where it ended once', () => {
    expect(given(...events, ...events)).toEqual(given(...events));
    expect(given(started(), output(), version(1, 0), copied(1), started(), output(), version(1, 0), copied(1))).toMatchObject({
      status: 'copied',
      copiedVersion: 1,
    });
  });
});

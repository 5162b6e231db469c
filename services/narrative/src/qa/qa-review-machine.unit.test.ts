import { describe, expect, it } from 'vitest';
import { blockingComments, decide, stateOf, type QaReviewAction, type QaReviewStep } from './qa-review-machine.js';

const QA = '00000000-0000-4000-8000-00000000000a';
let seq = 0;
const step = (action: QaReviewAction, version: number, severity?: 'info' | 'minor' | 'major' | 'critical'): QaReviewStep => ({
  seq: ++seq,
  action,
  version,
  actorId: QA,
  actorRole: action === 'resubmitted' ? 'provider' : 'qa',
  at: new Date(0).toISOString(),
  ...(severity === undefined
    ? {}
    : {
        comment: {
          commentId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
          severity,
          anchor: { kind: 'section', sectionKey: 'treatment' },
        },
      }),
});

describe('QA review state machine', () => {
  it('given no steps, the review has not started; a comment opens it, a return hands it to the provider', () => {
    expect(stateOf([])).toBe('not_started');
    const commented = [step('commented', 1, 'major')];
    expect(decide([], 'commented', 1)).toBe('in_review');
    expect(stateOf(commented)).toBe('in_review');
    expect(decide(commented, 'returned', 1)).toBe('returned');
  });

  it('walks the whole loop: comment, return, edit, resubmit, approve', () => {
    const steps: QaReviewStep[] = [step('commented', 1, 'critical'), step('returned', 1)];
    expect(stateOf(steps)).toBe('returned');
    // The provider edited: version 2 exists, so the critical comment on version 1 no longer blocks.
    expect(blockingComments(steps, 2)).toEqual([]);
    expect(decide(steps, 'resubmitted', 2)).toBe('resubmitted');
    steps.push(step('resubmitted', 2));
    expect(decide(steps, 'approved', 2)).toBe('approved');
    steps.push(step('approved', 2));
    expect(stateOf(steps)).toBe('approved');
  });

  it.each([
    [
      'approve a returned review',
      [step('commented', 1, 'info'), step('returned', 1)],
      'approved' as const,
      'cannot approve a review that is returned',
    ],
    ['approve twice', [step('approved', 1)], 'approved' as const, 'cannot approve a review that is approved'],
    ['comment after approval', [step('approved', 1)], 'commented' as const, 'cannot comment on a review that is approved'],
    [
      'comment while returned',
      [step('commented', 1, 'minor'), step('returned', 1)],
      'commented' as const,
      'cannot comment on a review that is returned',
    ],
    [
      'resubmit what was never returned',
      [step('commented', 1, 'minor')],
      'resubmitted' as const,
      'cannot resubmit a review that is in review',
    ],
    ['return before any step', [], 'returned' as const, 'cannot return a review that is not started'],
  ])('refuses to %s (409 review_transition_refused)', (_name, steps, action, message) => {
    expect(() => decide(steps, action, 1)).toThrow(expect.objectContaining({ code: 'review_transition_refused', status: 409, message }));
  });

  it('refuses to return a version nobody commented on (the comments were on an older version)', () => {
    const steps = [step('commented', 1, 'major'), step('returned', 1), step('resubmitted', 2)];
    expect(() => decide(steps, 'returned', 2)).toThrow(expect.objectContaining({ code: 'review_transition_refused', status: 409 }));
    expect(decide([...steps, step('commented', 2, 'minor')], 'returned', 2)).toBe('returned');
  });

  it('holds a blocking comment against resubmit and approve until the provider edits; info and minor never block', () => {
    const major = [step('commented', 1, 'major'), step('returned', 1)];
    expect(() => decide(major, 'resubmitted', 1)).toThrow(expect.objectContaining({ code: 'review_changes_required', status: 409 }));
    expect(() => decide([step('commented', 1, 'critical')], 'approved', 1)).toThrow(
      expect.objectContaining({ code: 'review_changes_required', status: 409 }),
    );
    expect(decide([step('commented', 1, 'info'), step('commented', 1, 'minor')], 'approved', 1)).toBe('approved');
    expect(decide([step('commented', 1, 'minor'), step('returned', 1)], 'resubmitted', 1)).toBe('resubmitted');
  });
});

import {
  BLOCKING_SEVERITIES,
  QA_REVIEW_TRANSITIONS as TRANSITIONS,
  type QaAnchor,
  type QaReviewAction,
  type QaReviewState,
  type QaSeverity,
  type Role,
} from '@medicdraft/contracts';
import { AppError } from '@medicdraft/platform';

export type { QaReviewAction };

/** One stored step of a review (ids, codes and a reference to the comment's encrypted text). */
export interface QaReviewStep {
  seq: number;
  action: QaReviewAction;
  version: number;
  actorId: string;
  actorRole: Role;
  at: string;
  comment?: { commentId: string; severity: QaSeverity; anchor: QaAnchor };
}

const VERB: Record<QaReviewAction, string> = {
  commented: 'comment on',
  returned: 'return',
  resubmitted: 'resubmit',
  approved: 'approve',
};

/** The state the steps lead to (steps were each checked by `decide` when they were taken). */
export function stateOf(steps: readonly QaReviewStep[]): QaReviewState {
  return steps.reduce<QaReviewState>((state, step) => TRANSITIONS[step.action][state] ?? state, 'not_started');
}

/** Blocking comments: `major`/`critical`, made on the latest version (the provider has not edited since). */
export function blockingComments(steps: readonly QaReviewStep[], latestVersion: number): QaReviewStep[] {
  return steps.filter((s) => s.comment !== undefined && BLOCKING_SEVERITIES.has(s.comment.severity) && s.version === latestVersion);
}

/**
 * Decides whether `action` may follow `steps` on a narrative whose latest version is
 * `latestVersion`, and returns the next state. Refusals are 409 with fixed messages:
 * `review_transition_refused` for a step the state does not allow (returning without a comment
 * on the version is one), `review_changes_required` while a blocking comment stands.
 */
export function decide(steps: readonly QaReviewStep[], action: QaReviewAction, latestVersion: number): QaReviewState {
  const state = stateOf(steps);
  const next = TRANSITIONS[action][state];
  if (next === undefined)
    throw new AppError('review_transition_refused', `cannot ${VERB[action]} a review that is ${state.replace('_', ' ')}`, { status: 409 });
  if (action === 'returned' && !steps.some((s) => s.action === 'commented' && s.version === latestVersion))
    throw new AppError('review_transition_refused', 'comment on the latest version before returning it', { status: 409 });
  if ((action === 'resubmitted' || action === 'approved') && blockingComments(steps, latestVersion).length > 0)
    throw new AppError(
      'review_changes_required',
      action === 'approved'
        ? 'a major or critical comment stands on the latest version: return it for changes'
        : 'a major or critical comment stands on this version: edit the narrative before resubmitting',
      { status: 409 },
    );
  return next;
}

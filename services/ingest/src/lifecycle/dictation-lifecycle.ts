import type { ScribeFailureReason, StoredDictationStatus } from '@medicdraft/contracts';

/** What ingest stores of a dictation's lifecycle (`ingest.dictations`, migration 0004). */
export interface LifecycleState {
  status: StoredDictationStatus;
  /** The attempt the status is about: 1 from intake, N after the N-th reprocess request. */
  attempt: number;
  /** Set only while `failed`. */
  reason: ScribeFailureReason | null;
  /** The newest narrative version seen (0: none yet). */
  narrativeVersion: number;
  /** The newest narrative version copied to ESO (0: none yet). */
  copiedVersion: number;
}

/** The pipeline's facts about a dictation, from its events. */
export type LifecycleEvent =
  | { kind: 'reprocess_requested'; attempt: number }
  | { kind: 'job_started'; attempt: number }
  | { kind: 'job_failed'; attempt: number; reason: ScribeFailureReason; retryable: boolean }
  | { kind: 'output_received'; attempt: number | undefined }
  | { kind: 'narrative_version'; version: number; openPrompts: number }
  | { kind: 'narrative_copied'; version: number };

/**
 * Progress within one attempt. Events of different topics reach ingest in any order, so a status
 * only ever moves to a higher rank: a late `job_started` cannot undo `drafted`. The two narrative
 * outcomes share a rank because a newer version may move either way.
 */
const RANK: Readonly<Record<StoredDictationStatus, number>> = {
  received: 0,
  transcribing: 1,
  drafted: 2,
  needs_information: 3,
  ready_to_copy: 3,
  copied: 4,
  failed: 5,
};

export function initialLifecycle(): LifecycleState {
  return { status: 'received', attempt: 1, reason: null, narrativeVersion: 0, copiedVersion: 0 };
}

const forward = (s: LifecycleState, status: StoredDictationStatus): LifecycleState =>
  RANK[status] > RANK[s.status] ? { ...s, status, reason: null } : s;

/**
 * The lifecycle after one event. Pure and idempotent: applying an event again returns the same
 * state, and an event that would move the status backwards (late, or of an earlier attempt)
 * returns the state unchanged (the same object, so callers can skip the write).
 *
 * Attempts: a reprocess request starts attempt N at `received`; job events carry their attempt and
 * count only for the current one. Narrative events carry no attempt but a version that grows over
 * the dictation's life: a version no newer than one seen changes nothing, and one no newer than
 * the copied version leaves `copied` alone (the copy was of it or of a later one).
 */
export function nextLifecycle(s: LifecycleState, e: LifecycleEvent): LifecycleState {
  switch (e.kind) {
    case 'reprocess_requested':
      return e.attempt > s.attempt ? { ...s, status: 'received', attempt: e.attempt, reason: null } : s;
    case 'job_started':
      return e.attempt === s.attempt ? forward(s, 'transcribing') : s;
    case 'job_failed':
      if (e.attempt !== s.attempt) return s;
      if (e.retryable) return forward(s, 'transcribing');
      return s.status === 'failed' ? s : { ...s, status: 'failed', reason: e.reason };
    case 'output_received':
      return e.attempt === undefined || e.attempt === s.attempt ? forward(s, 'drafted') : s;
    case 'narrative_version': {
      if (e.version <= s.narrativeVersion) return s;
      const seen = { ...s, narrativeVersion: e.version };
      if (s.status === 'failed' || e.version <= s.copiedVersion) return seen;
      const status = e.openPrompts > 0 ? 'needs_information' : 'ready_to_copy';
      // A version newer than the copied one is a later edit: it is what the provider has now.
      return s.status === 'copied' || RANK[status] >= RANK[s.status] ? { ...seen, status, reason: null } : seen;
    }
    case 'narrative_copied': {
      if (e.version <= s.copiedVersion || s.status === 'failed') return s;
      const copied = { ...s, copiedVersion: e.version, narrativeVersion: Math.max(s.narrativeVersion, e.version) };
      return e.version >= s.narrativeVersion ? { ...copied, status: 'copied', reason: null } : copied;
    }
  }
}

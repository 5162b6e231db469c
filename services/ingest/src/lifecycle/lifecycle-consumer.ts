import { decodeEvent, QA_REVIEW_TRANSITIONS, TOPIC, type DomainEvent, type QaReviewAction } from '@medicdraft/contracts';
import {
  type BatchHandler,
  type BatchRecordResult,
  type Clock,
  type Database,
  type Logger,
  MalformedEventError,
  type Queryable,
} from '@medicdraft/platform';
import { lockLifecycle, lockReviewState, storeLifecycle, storeReviewState } from '../dictation.repository.js';
import { nextLifecycle, type LifecycleEvent } from './dictation-lifecycle.js';

/** Consumer group of ingest's lifecycle tracking (a group of its own, so it reads every event). */
export const LIFECYCLE_GROUP = 'ingest.lifecycle';

/** The pipeline events that move a dictation through its lifecycle (ingest consumes them additively). */
export const LIFECYCLE_TOPICS = [
  TOPIC.HEALTHSCRIBE_JOB_STARTED,
  TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
  TOPIC.HEALTHSCRIBE_JOB_FAILED,
  TOPIC.NARRATIVE_GENERATED,
  TOPIC.NARRATIVE_EDITED,
  TOPIC.NARRATIVE_COPIED,
  // The QA review steps: the dictation list filters by the review state they lead to.
  TOPIC.QA_REVIEW_COMMENTED,
  TOPIC.QA_REVIEW_RETURNED,
  TOPIC.QA_REVIEW_RESUBMITTED,
  TOPIC.QA_REVIEW_APPROVED,
] as const;

const REVIEW_ACTIONS: Readonly<Record<string, QaReviewAction>> = {
  [TOPIC.QA_REVIEW_COMMENTED]: 'commented',
  [TOPIC.QA_REVIEW_RETURNED]: 'returned',
  [TOPIC.QA_REVIEW_RESUBMITTED]: 'resubmitted',
  [TOPIC.QA_REVIEW_APPROVED]: 'approved',
};

/** What an event says about its dictation's lifecycle; undefined for an event that says nothing. */
export function lifecycleEventOf(e: DomainEvent): { dictationId: string; event: LifecycleEvent } | undefined {
  switch (e.type) {
    case 'healthscribe.job.started':
      return { dictationId: e.payload.dictationId, event: { kind: 'job_started', attempt: e.payload.attempt } };
    case 'healthscribe.job.failed': {
      const { dictationId, attempt, reasonCode, retryable } = e.payload;
      return { dictationId, event: { kind: 'job_failed', attempt, reason: reasonCode, retryable } };
    }
    case 'healthscribe.output.received':
      return { dictationId: e.payload.dictationId, event: { kind: 'output_received', attempt: e.payload.attempt } };
    case 'narrative.generated':
    case 'narrative.edited': {
      const { dictationId, version, missingElements } = e.payload;
      return { dictationId, event: { kind: 'narrative_version', version, openPrompts: missingElements.length } };
    }
    case 'narrative.copied':
      // A MIST hand-off goes to the receiving hospital, not into the ePCR: the narrative is not copied yet.
      if (e.payload.format === 'mist_handoff_text') return undefined;
      return { dictationId: e.payload.dictationId, event: { kind: 'narrative_copied', version: e.payload.version } };
    default:
      return undefined;
  }
}

/**
 * Applies one pipeline event to its dictation's stored lifecycle in the tenant's transaction `tx`:
 * the dedupe mark (taken with the row lock, one statement) makes a redelivery a no-op, the row lock
 * orders concurrent events of one dictation, and `nextLifecycle` ignores an event that would move
 * the status backwards. A dictation this service does not hold (another deployment's, or deleted)
 * is skipped. Returns the new status when it moved.
 */
async function applyEvent(tx: Queryable, e: DomainEvent, clock: Clock): Promise<string | undefined> {
  const once = { consumer: LIFECYCLE_GROUP, eventId: e.id, tenantId: e.tenantId };
  const action = REVIEW_ACTIONS[e.type];
  if (action !== undefined) {
    // The narrative service took the step only where its state allowed it; in the dictation's order, it leads here too.
    const dictationId = (e.payload as { dictationId: string }).dictationId;
    const current = await lockReviewState(tx, dictationId, once);
    const next = current === undefined ? undefined : QA_REVIEW_TRANSITIONS[action][current];
    if (next !== undefined && next !== current) await storeReviewState(tx, dictationId, next);
    return undefined;
  }
  const fact = lifecycleEventOf(e);
  if (fact === undefined) return undefined;
  const current = await lockLifecycle(tx, fact.dictationId, once);
  if (current === undefined) return undefined;
  const next = nextLifecycle(current, fact.event);
  if (next === current) return undefined;
  await storeLifecycle(tx, fact.dictationId, next, new Date(clock()));
  return next.status;
}

/**
 * Applies a partition's fetched pipeline events together: one transaction per tenant of the batch
 * (its events in offset order), then one commit of the batch's offsets — instead of a transaction
 * per event, which made the lifecycle ingest's largest share of round trips per dictation. A
 * malformed record is dead-lettered alone. A failed tenant transaction fails the batch, which is
 * delivered again; the tenants already applied skip it through their dedupe marks. Only metadata
 * changes here, so the gate is not consulted: the status of a blocked tenant's dictations stays truthful.
 */
export function createLifecycleBatchHandler(deps: { db: Database; logger: Logger; clock: Clock }): BatchHandler {
  return async (records) => {
    const results: BatchRecordResult[] = records.map(() => ({ action: 'done' }));
    const byTenant = new Map<string, DomainEvent[]>();
    records.forEach((record, i) => {
      const parsed = decodeEvent(record.value);
      if (!parsed.ok) {
        results[i] = { action: 'fail', error: new MalformedEventError(`invalid ${record.topic} record`) };
        return;
      }
      const e = parsed.value;
      if (REVIEW_ACTIONS[e.type] === undefined && lifecycleEventOf(e) === undefined) return;
      byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
    });
    for (const [tenantId, events] of byTenant) {
      const moved = await deps.db.withTenant(tenantId, async (tx) => {
        const out: { dictationId: string; status: string }[] = [];
        for (const e of events) {
          const status = await applyEvent(tx, e, deps.clock);
          if (status !== undefined) out.push({ dictationId: (e.payload as { dictationId: string }).dictationId, status });
        }
        return out;
      });
      for (const m of moved) deps.logger.debug({ tenantId, ...m }, 'dictation lifecycle');
    }
    return results;
  };
}

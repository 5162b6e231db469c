import { posix } from 'node:path';
import type { QaCheckSummary, QaComment, QaReviewThread } from '@medicdraft/contracts';
import { TOPIC, toRecord } from '@medicdraft/contracts';
import {
  appendToOutbox,
  buildEvent,
  type Clock,
  type Database,
  type GateView,
  type IdGenerator,
  type Logger,
  NotFoundError,
  type ObjectRef,
  type ObjectStore,
  PhiModeDisabledError,
  PipelineHaltedError,
  ValidationError,
} from '@medicdraft/platform';
import { listVersions, staleVersion, type NarrativeVersionRow } from '../narrative.repository.js';
import { readContent } from '../review/narrative-content.js';
import { sourceOfActor, type ReviewActor } from '../review/narrative-review.js';
import { blockingComments, decide, stateOf, type QaReviewAction } from './qa-review-machine.js';
import { appendReviewStep, reviewSteps, type StoredQaStep } from './qa-review.repository.js';

export interface QaReviewDeps {
  db: Database;
  objects: ObjectStore;
  gates: GateView;
  logger: Logger;
  clock: Clock;
  newId: IdGenerator;
}

export type QaCommentInput = Pick<QaComment, 'version' | 'anchor' | 'severity' | 'text'>;
export type QaReview = ReturnType<typeof createQaReview>;

async function readText(objects: ObjectStore, ref: ObjectRef): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await objects.get(ref)) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
  return (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string }).text;
}

/**
 * The QA review loop of a dictation's narrative: QA comments (anchored to a section or a
 * sentence of the latest version, with a severity), returns it to the provider, the provider
 * edits and resubmits, QA approves. Each step is decided by the pure state machine
 * (`qa-review-machine.ts`) on the steps read under a per-review lock, appended, and recorded as
 * a `qa.review.*` event in the same transaction (outbox). Who may take which step (QA vs the
 * dictation's provider) is the gateway's check; this re-checks the gate like every narrative read.
 */
export function createQaReview(deps: QaReviewDeps) {
  async function latestOf(tenantId: string, dictationId: string): Promise<NarrativeVersionRow> {
    const versions = await deps.db.withTenant(tenantId, (tx) => listVersions(tx, dictationId));
    const latest = versions[0];
    if (latest === undefined) throw new NotFoundError('narrative not found');
    const gate = deps.gates.decide(tenantId, { phi: latest.engine === 'healthscribe' });
    if (!gate.allowed) throw gate.reason === 'phi_mode_disabled' ? new PhiModeDisabledError() : new PipelineHaltedError();
    return latest;
  }

  async function threadOf(latest: NarrativeVersionRow, steps: StoredQaStep[]): Promise<QaReviewThread> {
    const blocking = new Set(blockingComments(steps, latest.version).map((s) => s.seq));
    const comments: QaComment[] = [];
    for (const s of steps) {
      if (s.comment === undefined || s.textRef === undefined) continue;
      comments.push({
        ...s.comment,
        version: s.version,
        text: await readText(deps.objects, s.textRef),
        authorId: s.actorId,
        authorRole: s.actorRole,
        createdAt: s.at,
        blocking: blocking.has(s.seq),
      });
    }
    return {
      dictationId: latest.dictationId,
      narrativeId: latest.narrativeId,
      state: stateOf(steps),
      latestVersion: latest.version,
      comments,
      blockingComments: blocking.size,
      history: steps.map((s) => ({ action: s.action, version: s.version, actorId: s.actorId, actorRole: s.actorRole, at: s.at })),
    };
  }

  /** Appends one step after `decide` allowed it, with its event; `textRef` was written before (and is removed on failure). */
  async function take(
    actor: ReviewActor,
    dictationId: string,
    action: QaReviewAction,
    version: number,
    extra: { comment?: StoredQaStep['comment']; textRef?: ObjectRef; checks?: QaCheckSummary } = {},
  ): Promise<QaReviewThread> {
    const latest = await latestOf(actor.tenantId, dictationId);
    if (version !== latest.version) throw staleVersion(latest.version);
    const eventId = deps.newId();
    const at = new Date(deps.clock()).toISOString();
    const steps = await deps.db.withTenant(actor.tenantId, async (tx) => {
      const before = await reviewSteps(tx, actor.tenantId, dictationId, true);
      decide(before, action, latest.version);
      const step: StoredQaStep = {
        seq: before.length + 1,
        action,
        version,
        actorId: actor.userId,
        actorRole: actor.role,
        at,
        ...(extra.comment === undefined ? {} : { comment: extra.comment }),
        ...(extra.textRef === undefined ? {} : { textRef: extra.textRef }),
      };
      await appendReviewStep(tx, { ...step, tenantId: actor.tenantId, dictationId, narrativeId: latest.narrativeId });
      const all = [...before, step];
      const base = { dictationId, narrativeId: latest.narrativeId, version };
      const envelope = {
        tenantId: actor.tenantId,
        actor: { type: 'user' as const, id: actor.userId, role: actor.role },
        correlationId: dictationId,
        ...sourceOfActor(actor),
      };
      const ids = { clock: deps.clock, newId: () => eventId };
      const checks = extra.checks ?? { pass: 0, fail: 0, notApplicable: 0, failedRules: [] };
      const event =
        action === 'commented'
          ? buildEvent(TOPIC.QA_REVIEW_COMMENTED, { ...envelope, payload: { ...base, ...extra.comment! } }, ids)
          : action === 'returned'
            ? buildEvent(
                TOPIC.QA_REVIEW_RETURNED,
                {
                  ...envelope,
                  payload: {
                    ...base,
                    commentCount: all.filter((s) => s.comment !== undefined).length,
                    blockingCount: blockingComments(all, latest.version).length,
                    checks,
                  },
                },
                ids,
              )
            : action === 'resubmitted'
              ? buildEvent(TOPIC.QA_REVIEW_RESUBMITTED, { ...envelope, payload: base }, ids)
              : buildEvent(TOPIC.QA_REVIEW_APPROVED, { ...envelope, payload: { ...base, checks } }, ids);
      await appendToOutbox(tx, [toRecord(event)]);
      return all;
    });
    deps.logger.info({ dictationId, narrativeId: latest.narrativeId, version, action, state: stateOf(steps) }, 'qa review step');
    return threadOf(latest, steps);
  }

  return {
    /** The thread of the latest narrative (`not_started` with no steps); 404 without a narrative. */
    async thread(actor: ReviewActor, dictationId: string): Promise<QaReviewThread> {
      const latest = await latestOf(actor.tenantId, dictationId);
      const steps = await deps.db.withTenant(actor.tenantId, (tx) => reviewSteps(tx, actor.tenantId, dictationId));
      return threadOf(latest, steps);
    },

    /** A comment on the latest version; its anchor must name a section (and sentence) of that version. */
    async comment(actor: ReviewActor, dictationId: string, input: QaCommentInput): Promise<QaReviewThread> {
      const latest = await latestOf(actor.tenantId, dictationId);
      if (input.version !== latest.version) throw staleVersion(latest.version);
      const content = await readContent(deps.objects, latest.contentRef);
      const section = content.sections.find((s) => s.key === input.anchor.sectionKey);
      if (section === undefined || (input.anchor.kind === 'sentence' && section.sentences[input.anchor.sentence] === undefined))
        throw new ValidationError('the anchor names no section or sentence of this version');
      const commentId = deps.newId();
      const textRef = { ...latest.contentRef, key: `${posix.dirname(latest.contentRef.key)}/review-${commentId}.json` };
      await deps.objects.put(textRef, Buffer.from(JSON.stringify({ text: input.text }), 'utf8'), { contentType: 'application/json' });
      try {
        return await take(actor, dictationId, 'commented', input.version, {
          comment: { commentId, severity: input.severity, anchor: input.anchor },
          textRef,
        });
      } catch (err) {
        await deps.objects.delete(textRef).catch(() => undefined);
        throw err;
      }
    },

    returnToProvider: (actor: ReviewActor, dictationId: string, version: number, checks: QaCheckSummary) =>
      take(actor, dictationId, 'returned', version, { checks }),
    resubmit: (actor: ReviewActor, dictationId: string, version: number) => take(actor, dictationId, 'resubmitted', version),
    approve: (actor: ReviewActor, dictationId: string, version: number, checks: QaCheckSummary) =>
      take(actor, dictationId, 'approved', version, { checks }),
  };
}

import { createHash } from 'node:crypto';
import {
  TOPIC,
  toRecord,
  type DeidentifiedExport,
  type EventInit,
  type NarrativeApi,
  type NarrativeCopiedEvent,
  type NarrativeTarget,
  type NarrativeView,
  type NarrativeViewedEvent,
} from '@medicdraft/contracts';
import { AppError, buildEvent, type Clock, type EventPublisher, type IdGenerator, type Logger } from '@medicdraft/platform';

/** 503 when the audit record of a view or copy cannot be made durable: nothing is shown. */
export class AuditUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super('audit_unavailable', 'the action could not be recorded in the audit trail, so it was not performed', {
      status: 503,
      retryable: true,
      cause,
    });
  }
}

/** The client's address (when the route passed it) for the access record. */
const addressOf = (headers: { 'x-client-address'?: string | undefined }) =>
  headers['x-client-address'] === undefined ? {} : { sourceAddress: headers['x-client-address'] };

export interface AuditedNarrativeDeps {
  /** The gateway's bus, used directly (not the outbox): `publish` resolves only once acks=all. */
  publisher: EventPublisher;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
}

/**
 * Audit before action (docs/architecture.md, "Audit before action") for narrative content: a view
 * (including the version an edit returns) and a copy take effect — the content reaches the user —
 * only after `narrative.viewed` / `narrative.copied` is durably in Kafka. The event is published
 * directly, not through the outbox (an outbox row would commit before the broker has it); if the
 * publish fails the call fails closed with 503 `audit_unavailable` and returns no content. Events
 * carry ids, the version, the copy's format, length and sha256 only; the log line names ids, never text.
 */
export function createAuditedNarrativeClient(inner: NarrativeApi, deps: AuditedNarrativeDeps): NarrativeApi {
  async function record(
    { params: { tenantId, dictationId }, headers }: NarrativeTarget,
    init:
      | { type: typeof TOPIC.NARRATIVE_VIEWED; payload: NarrativeViewedEvent['payload'] }
      | { type: typeof TOPIC.NARRATIVE_COPIED; payload: NarrativeCopiedEvent['payload'] },
  ): Promise<void> {
    const base = {
      tenantId,
      actor: { type: 'user' as const, id: headers['x-user-id'], role: headers['x-actor-role'] },
      correlationId: dictationId,
      ...addressOf(headers),
    };
    const event =
      init.type === TOPIC.NARRATIVE_VIEWED
        ? buildEvent(TOPIC.NARRATIVE_VIEWED, { ...base, payload: init.payload } satisfies EventInit<typeof TOPIC.NARRATIVE_VIEWED>, deps)
        : buildEvent(TOPIC.NARRATIVE_COPIED, { ...base, payload: init.payload } satisfies EventInit<typeof TOPIC.NARRATIVE_COPIED>, deps);
    try {
      await deps.publisher.publish([toRecord(event)]);
    } catch (err) {
      deps.logger.error(
        { dictationId, eventType: init.type, requestId: headers['x-request-id'], err },
        'audit record not durable; content withheld',
      );
      throw new AuditUnavailableError(err);
    }
  }

  /** The version reaches the user only once its `narrative.viewed` is durable. */
  async function shown(input: NarrativeTarget, doc: NarrativeView): Promise<NarrativeView> {
    await record(input, {
      type: TOPIC.NARRATIVE_VIEWED,
      payload: { dictationId: doc.dictationId, narrativeId: doc.narrativeId, version: doc.version },
    });
    return doc;
  }

  return {
    view: async (input) => shown(input, await inner.view(input)),
    // The edit itself is the narrative service's (narrative.edited, outbox); what it returns is a view.
    edit: async (input) => shown(input, await inner.edit(input)),
    /**
     * The export reaches the owner only once `narratives.exported` (counts and the sha256 of
     * `exportBody(result)`, exactly the bytes the route sends) is durable.
     */
    async exportDeidentified(input) {
      const result = await inner.exportDeidentified(input);
      const event = buildEvent(
        TOPIC.NARRATIVES_EXPORTED,
        {
          tenantId: input.params.tenantId,
          actor: { type: 'user', id: input.headers['x-user-id'], role: input.headers['x-actor-role'] },
          // An export concerns no one dictation: it is correlated with the request that made it.
          correlationId: input.headers['x-request-id'] ?? deps.newId(),
          ...addressOf(input.headers),
          payload: {
            method: result.method,
            narratives: result.narratives.length,
            redactions: result.redactions,
            sha256: createHash('sha256').update(exportBody(result), 'utf8').digest('hex'),
          },
        },
        deps,
      );
      try {
        await deps.publisher.publish([toRecord(event)]);
      } catch (err) {
        deps.logger.error(
          { eventType: event.type, requestId: input.headers['x-request-id'], err },
          'audit record not durable; export withheld',
        );
        throw new AuditUnavailableError(err);
      }
      return result;
    },

    async copy(input) {
      const copy = await inner.copy(input);
      await record(input, {
        type: TOPIC.NARRATIVE_COPIED,
        payload: {
          dictationId: copy.dictationId,
          narrativeId: copy.narrativeId,
          version: copy.version,
          format: copy.format,
          length: copy.length,
          sha256: copy.sha256,
        },
      });
      return copy;
    },
    // Numbers and ids, no narrative content: nothing to audit before it is shown.
    editDistances: (input) => inner.editDistances(input),
    // The review routes show a thread only next to an audited view of the narrative it is about.
    reviewView: (input) => inner.reviewView(input),
    reviewComment: (input) => inner.reviewComment(input),
    reviewReturn: (input) => inner.reviewReturn(input),
    reviewResubmit: (input) => inner.reviewResubmit(input),
    reviewApprove: (input) => inner.reviewApprove(input),
  };
}

/** The exact body an export download carries (and whose sha256 `narratives.exported` records). */
export const exportBody = (result: DeidentifiedExport): string => `${JSON.stringify(result, null, 2)}\n`;

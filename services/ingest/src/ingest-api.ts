import {
  decodeDictationCursor,
  DictationStatusSchema,
  encodeDictationCursor,
  type DictationView,
  type IntakeView,
  type IngestApi,
  type IntakeActorInput,
} from '@medicdraft/contracts';
import { NotFoundError, ValidationError } from '@medicdraft/platform';
import type { AcceptedDictation, DictationIntake, IntakeRequest } from './dictation-intake.js';
import type { DictationRecord } from './dictation.repository.js';
import { displayedStatus, rowFilterFor, type GateHolds } from './lifecycle/dictation-status-view.js';

function requestOf({ params, headers }: { params: { tenantId: string }; headers: IntakeActorInput['headers'] }): IntakeRequest {
  return {
    tenantId: params.tenantId,
    providerId: headers['x-provider-id'],
    ...(headers['x-actor-role'] === undefined ? {} : { role: headers['x-actor-role'] }),
    ...(headers.traceparent === undefined ? {} : { traceparent: headers.traceparent }),
    ...(headers['x-client-address'] === undefined ? {} : { sourceAddress: headers['x-client-address'] }),
  };
}

/** The metadata a caller may see: the object reference (bucket, key) stays inside the service. */
function viewOf(d: DictationRecord, holds: GateHolds): DictationView {
  return {
    dictationId: d.id,
    providerId: d.providerId,
    kind: d.kind,
    format: d.format,
    synthetic: d.synthetic,
    ...displayedStatus(d, holds),
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * The intake as the ingest API's port (contracts' `ingestApi`): served over HTTP on the service
 * network, called in process by the embedded gateway. It trusts its caller for identity.
 */
export function createIngestApi(intake: DictationIntake, holdsFor: (tenantId: string) => GateHolds): IngestApi {
  const view = (d: DictationRecord) => viewOf(d, holdsFor(d.tenantId));
  const accepted = (d: AcceptedDictation): IntakeView => ({ ...view(d), deduplicated: d.deduplicated });
  return {
    uploadAudio: async (input) =>
      accepted(
        await intake.acceptAudio(requestOf(input), input.body, {
          length: input.headers['content-length'],
          sha256: input.headers['x-content-sha256'],
          synthetic: input.headers['x-synthetic'] === 'true',
          incidentNumber: input.headers['x-incident-number'],
        }),
      ),
    submitText: async (input) =>
      accepted(await intake.acceptText(requestOf(input), input.body.text, { incidentNumber: input.body.incidentNumber })),
    async get({ params }) {
      const found = await intake.get(params.tenantId, params.dictationId);
      if (found === undefined) throw new NotFoundError('dictation not found');
      return view(found);
    },
    async list({ params, query }) {
      const after = query?.cursor === undefined ? undefined : decodeDictationCursor(query.cursor);
      if (query?.cursor !== undefined && after === undefined) throw new ValidationError('invalid cursor');
      // One reading of the gate for the filter and the page, so a row never shows another status than it was chosen for.
      if (query?.status !== undefined && !DictationStatusSchema.safeParse(query.status).success)
        throw new ValidationError('invalid status');
      const holds = holdsFor(params.tenantId);
      const page = await intake.list(params.tenantId, {
        providerId: query?.providerId,
        limit: query?.limit ?? 50,
        after,
        ...(query?.status === undefined ? {} : { status: rowFilterFor(query.status, holds) }),
        ...(query?.reviewState === undefined ? {} : { reviewState: query.reviewState }),
      });
      return {
        dictations: page.items.map((d) => viewOf(d, holds)),
        ...(page.next === undefined ? {} : { nextCursor: encodeDictationCursor(page.next) }),
      };
    },
    async reprocess(input) {
      const { dictation, attempt } = await intake.reprocess(requestOf(input), input.params.dictationId);
      return { ...view(dictation), attempt };
    },
    async correctIncident(input) {
      return view(await intake.correctIncident(requestOf(input), input.params.dictationId, input.body));
    },
    async remove(input) {
      await intake.remove(requestOf(input), input.params.dictationId);
    },
  };
}

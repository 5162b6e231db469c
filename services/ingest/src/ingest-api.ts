import {
  decodeDictationCursor,
  encodeDictationCursor,
  type DictationView,
  type IngestApi,
  type IntakeActorInput,
} from '@medicdraft/contracts';
import { NotFoundError, ValidationError } from '@medicdraft/platform';
import type { DictationIntake, IntakeRequest } from './dictation-intake.js';
import type { DictationRecord } from './dictation.repository.js';

function requestOf({ params, headers }: { params: { tenantId: string }; headers: IntakeActorInput['headers'] }): IntakeRequest {
  return {
    tenantId: params.tenantId,
    providerId: headers['x-provider-id'],
    ...(headers['x-actor-role'] === undefined ? {} : { role: headers['x-actor-role'] }),
    ...(headers.traceparent === undefined ? {} : { traceparent: headers.traceparent }),
  };
}

/** The metadata a caller may see: the object reference (bucket, key) stays inside the service. */
function viewOf(d: DictationRecord): DictationView {
  return {
    dictationId: d.id,
    providerId: d.providerId,
    kind: d.kind,
    format: d.format,
    synthetic: d.synthetic,
    status: d.status,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * The intake as the ingest API's port (contracts' `ingestApi`): served over HTTP on the service
 * network, called in process by the embedded gateway. It trusts its caller for identity.
 */
export function createIngestApi(intake: DictationIntake): IngestApi {
  return {
    uploadAudio: async (input) => viewOf(await intake.acceptAudio(requestOf(input), input.body, input.headers['content-length'])),
    submitText: async (input) => viewOf(await intake.acceptText(requestOf(input), input.body.text)),
    async get({ params }) {
      const found = await intake.get(params.tenantId, params.dictationId);
      if (found === undefined) throw new NotFoundError('dictation not found');
      return viewOf(found);
    },
    async list({ params, query }) {
      const after = query?.cursor === undefined ? undefined : decodeDictationCursor(query.cursor);
      if (query?.cursor !== undefined && after === undefined) throw new ValidationError('invalid cursor');
      const page = await intake.list(params.tenantId, { providerId: query?.providerId, limit: query?.limit ?? 50, after });
      return { dictations: page.items.map(viewOf), ...(page.next === undefined ? {} : { nextCursor: encodeDictationCursor(page.next) }) };
    },
    async reprocess(input) {
      const { dictation, attempt } = await intake.reprocess(requestOf(input), input.params.dictationId);
      return { ...viewOf(dictation), attempt };
    },
    async remove(input) {
      await intake.remove(requestOf(input), input.params.dictationId);
    },
  };
}

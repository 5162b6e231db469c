import type {
  NarrativeActor,
  NarrativeChangeRequest,
  NarrativeClient,
  NarrativeCopyResult,
  NarrativeDocument,
} from './narrative-client.port.js';

type VersionView = Pick<NarrativeDocument, 'dictationId' | 'narrativeId' | 'version'>;

/** The part of the narrative service's `NarrativeReview` the gateway uses (structural: no package dependency). */
export interface InProcessNarrativeReview {
  view(actor: NarrativeActor, dictationId: string, version?: number): Promise<VersionView>;
  edit(actor: NarrativeActor, dictationId: string, change: NarrativeChangeRequest): Promise<VersionView>;
  copy(actor: NarrativeActor, dictationId: string, version?: number): Promise<NarrativeCopyResult>;
}

/**
 * Embedded mode: calls the narrative service's review in the same process. The result is
 * re-shaped through JSON so the in-process answer is exactly what the HTTP adapter would give
 * (no shared references into the service's objects, no non-JSON values).
 */
export function createInProcessNarrativeClient(review: InProcessNarrativeReview): NarrativeClient {
  const plain = <T>(v: unknown): T => JSON.parse(JSON.stringify(v)) as T;
  return {
    view: async (actor, dictationId, version) => plain<NarrativeDocument>(await review.view(actor, dictationId, version)),
    edit: async (actor, dictationId, change) => plain<NarrativeDocument>(await review.edit(actor, dictationId, change)),
    copy: async (actor, dictationId, version) => plain<NarrativeCopyResult>(await review.copy(actor, dictationId, version)),
  };
}

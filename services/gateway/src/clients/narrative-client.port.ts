import { NotAvailableError } from './not-available-error.js';

/** The verified actor of a narrative operation. */
export interface NarrativeActor {
  tenantId: string;
  userId: string;
  role: string;
  requestId: string;
}

/** A narrative version for review: text, sentences with evidence, open missing elements. */
export type NarrativeDocument = { dictationId: string; narrativeId: string; version: number } & Record<string, unknown>;

/**
 * The gateway's view of the narrative service (view, resolve/edit with an optimistic version,
 * ESO copy). Contract: the gateway has already checked role, tenant and ownership; the
 * implementation refuses a copy while required elements are unresolved (409) and an edit whose
 * `baseVersion` is not the current one (409). `narrative.viewed` / `narrative.copied` are the
 * gateway's events (contracts' producer): once this port answers, the route must make them
 * durable before it returns the content (audit before action, DESIGN §6).
 * The narrative service exposes no such operations yet: `unavailableNarrativeClient` answers
 * 503 not_available for each until it does.
 */
export interface NarrativeClient {
  view(actor: NarrativeActor, dictationId: string): Promise<NarrativeDocument>;
  edit(actor: NarrativeActor, dictationId: string, change: { baseVersion: number; text?: string | undefined; resolutions?: Record<string, string> | undefined }): Promise<NarrativeDocument>;
  copy(actor: NarrativeActor, dictationId: string, version?: number): Promise<{ text: string; version: number; sha256: string }>;
}

export const unavailableNarrativeClient: NarrativeClient = {
  view: async () => { throw new NotAvailableError('narrative review'); },
  edit: async () => { throw new NotAvailableError('narrative editing'); },
  copy: async () => { throw new NotAvailableError('narrative copy'); },
};

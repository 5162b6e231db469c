import type { Role } from '@medicdraft/contracts';
import { NotAvailableError } from './not-available-error.js';

/** The verified actor of a narrative operation. */
export interface NarrativeActor {
  tenantId: string;
  userId: string;
  role: Role;
  requestId: string;
}

/**
 * A narrative version for review (the narrative service's `NarrativeView`): sections of
 * sentences with evidence segment ids, the transcript segments they cite, open missing-element
 * prompts, resolved prompts, review notes (no values), text, `latestVersion`, `copyable`. Loose
 * here: the gateway passes it on.
 */
export type NarrativeDocument = { dictationId: string; narrativeId: string; version: number } & Record<string, unknown>;

/** An ESO-ready copy: exactly the text the user receives, and its length and digest. */
export interface NarrativeCopyResult {
  dictationId: string;
  narrativeId: string;
  version: number;
  format: 'eso_plain_text';
  text: string;
  length: number;
  sha256: string;
}

export interface NarrativeChangeRequest {
  baseVersion: number;
  text?: string | undefined;
  resolutions?: Record<string, string> | undefined;
}

/**
 * The gateway's view of the narrative service (view, resolve/edit with an optimistic version,
 * ESO copy). Implementers: an HTTP adapter (stack: the narrative internal API), an in-process
 * adapter (embedded), and the audited decorator every route goes through. Contract:
 * - the gateway has already checked role, tenant and ownership; the service re-checks the gate
 *   and keeps its codes (423 `phi_mode_disabled`, 503 `pipeline_halted`);
 * - a dictation without a narrative, an unknown version or another tenant's is 404 `not_found`;
 * - an edit whose `baseVersion` (or a copy whose `version`) is not the latest is 409
 *   `version_conflict`; a resolution of an element that is not open is 409 `element_not_open`;
 *   a copy while required elements are unresolved is 409 `unresolved_elements`;
 * - nothing returned carries bucket names or object keys.
 * `narrative.viewed` / `narrative.copied` are the gateway's events (contracts' producer):
 * `createAuditedNarrativeClient` makes them durable in Kafka before the content is returned (audit
 * before action, docs/architecture.md "Audit before action"); the plain adapters publish nothing.
 */
export interface NarrativeClient {
  view(actor: NarrativeActor, dictationId: string, version?: number): Promise<NarrativeDocument>;
  edit(actor: NarrativeActor, dictationId: string, change: NarrativeChangeRequest): Promise<NarrativeDocument>;
  copy(actor: NarrativeActor, dictationId: string, version?: number): Promise<NarrativeCopyResult>;
}

/** Until a narrative client is wired (tests of other routes): 503 not_available for each operation. */
export const unavailableNarrativeClient: NarrativeClient = {
  view: async () => {
    throw new NotAvailableError('narrative review');
  },
  edit: async () => {
    throw new NotAvailableError('narrative editing');
  },
  copy: async () => {
    throw new NotAvailableError('narrative copy');
  },
};

import type { Readable } from 'node:stream';
import type { MediaFormat, Role } from '@medicdraft/contracts';

/** Who is dictating, as established by the gateway's session (ids only). */
export interface IntakeActor {
  tenantId: string;
  providerId: string;
  role: Role;
  traceparent?: string;
}

/** A dictation's metadata as the browser may see it: no content, no bucket, no object key. */
export interface DictationView {
  dictationId: string;
  providerId: string;
  kind: 'audio' | 'text';
  format: MediaFormat | 'text';
  synthetic: boolean;
  status: 'stored' | 'deleted';
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

/**
 * The gateway's view of the ingest service. Implementers: an HTTP adapter (stack: ingest's
 * internal API) and an in-process adapter (embedded). Contract:
 * - `uploadAudio` consumes `body` as a stream and never buffers it whole; the caller has already
 *   authenticated the actor and checked the tenant; ingest re-checks the gate and refuses with
 *   PhiModeDisabledError / PipelineHaltedError, a size or format error with 413 / 415;
 * - `get` answers undefined for an absent dictation or another tenant's (never an error);
 * - operations the ingest service does not offer yet throw NotAvailableError (503 not_available);
 * - nothing returned carries content, bucket names or object keys.
 */
export interface IngestClient {
  uploadAudio(who: IntakeActor, body: Readable): Promise<DictationView>;
  submitText(who: IntakeActor, text: string): Promise<DictationView>;
  get(tenantId: string, dictationId: string): Promise<DictationView | undefined>;
  /** The tenant's dictations, newest first; only `providerId`'s when given. */
  list(tenantId: string, filter: { providerId?: string }): Promise<DictationView[]>;
  reprocess(who: IntakeActor, dictationId: string): Promise<void>;
  remove(who: IntakeActor, dictationId: string): Promise<void>;
}

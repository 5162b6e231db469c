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

/** A page of dictations, newest first; `nextCursor` (opaque) continues it. */
export interface DictationPage {
  dictations: DictationView[];
  nextCursor?: string;
}

export interface DictationListRequest {
  /** Only this provider's dictations (the gateway passes the session's user for providers). */
  providerId?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * The gateway's view of the ingest service. Implementers: an HTTP adapter (stack: ingest's
 * internal API) and an in-process adapter (embedded). Contract:
 * - `uploadAudio` consumes `body` as a stream and never buffers it whole; the caller has already
 *   authenticated the actor and checked the tenant; ingest re-checks the gate and refuses with
 *   PhiModeDisabledError / PipelineHaltedError, a size or format error with 413 / 415;
 * - `get` answers undefined for an absent dictation or another tenant's (never an error);
 * - `remove` takes effect only after its `retention.object.deleted` events are durable in Kafka
 *   and fails closed (503 dependency_unavailable) otherwise; an absent dictation is NotFoundError;
 * - `reprocess` asks for another transcription attempt of the actor's own dictation and answers
 *   its number (2, 3, …); someone else's dictation is NotFoundError, a deleted one or one at the
 *   attempt limit ConflictError, and the gate is enforced as for intake;
 * - nothing returned carries content, bucket names or object keys.
 */
export interface IngestClient {
  uploadAudio(who: IntakeActor, body: Readable): Promise<DictationView>;
  submitText(who: IntakeActor, text: string): Promise<DictationView>;
  get(tenantId: string, dictationId: string): Promise<DictationView | undefined>;
  /** A page of the tenant's dictations, newest first; only `providerId`'s when given. */
  list(tenantId: string, request: DictationListRequest): Promise<DictationPage>;
  reprocess(who: IntakeActor, dictationId: string): Promise<number>;
  remove(who: IntakeActor, dictationId: string): Promise<void>;
}

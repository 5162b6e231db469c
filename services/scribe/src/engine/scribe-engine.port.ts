import type { MediaFormat, ScribeEngine as ScribeEngineName, ScribeFailureReason } from '@medicdraft/contracts';
import type { ObjectRef } from '@medicdraft/platform';

/** What a job is asked to transcribe and draft. */
export interface ScribeJobSpec {
  tenantId: string;
  dictationId: string;
  /** Deterministic per dictation and attempt; the engine's idempotency key. */
  jobName: string;
  input: ObjectRef;
  inputSha256: string;
  /** Set for audio dictations; synthetic text has none. */
  mediaFormat?: MediaFormat;
}

/** The two HealthScribe-shaped output files, as JSON values not yet validated. */
export interface RawScribeDocuments {
  transcript: unknown;
  clinicalDocument: unknown;
}

export type ScribeJobStatus =
  | { state: 'queued' | 'in_progress' }
  | { state: 'completed'; documents(): Promise<RawScribeDocuments> }
  | { state: 'failed'; reason: ScribeFailureReason };

/**
 * A transcription + drafting engine (AWS HealthScribe, or the synthetic engine in the sandbox).
 * Contract:
 * - `start` is idempotent on `spec.jobName`: a job that already exists under that name is adopted
 *   (resolves), never started twice. It rejects with ScribeEngineError carrying a failure reason
 *   and whether a later retry may succeed (throttling, internal failure) or not.
 * - `status` reports the job's state. `completed` means the engine job is over, so its quota slot is
 *   free: the orchestrator gives the slot back before it calls `documents()`, which reads both output
 *   documents from where the engine put them (a network read for HealthScribe) and rejects like
 *   `status`. A transport failure rejects with a retryable ScribeEngineError.
 * - `quota` is the number of concurrent jobs the engine allows across every worker (the account
 *   quota), or null when unlimited; the orchestrator enforces it with a distributed semaphore.
 * Implementers never log or return document content outside `documents`.
 */
export interface ScribeEngine {
  readonly name: ScribeEngineName;
  readonly quota: number | null;
  start(spec: ScribeJobSpec): Promise<void>;
  status(spec: ScribeJobSpec): Promise<ScribeJobStatus>;
}

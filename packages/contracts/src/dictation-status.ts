import { z } from 'zod';
import { SCRIBE_FAILURE_REASONS, type ScribeFailureReason } from './events/healthscribe.events.js';

/**
 * A dictation's place in its lifecycle, as the dictation list shows and filters it. Ingest owns it
 * (docs/architecture.md, "Dictation lifecycle"): `received` at intake and on a reprocess request,
 * then from the pipeline's events — `transcribing` (job started), `drafted` (transcript and clinical
 * note received), `needs_information` / `ready_to_copy` (the latest narrative version has open
 * prompts or none), `copied` (the provider copied it to ESO), `failed` (the job failed for good).
 * `halted` is never stored: a dictation still in the pipeline reads as halted while the tenant's
 * gate keeps its next step from running. `deleted` is the retention state.
 */
export const DICTATION_STATUSES = [
  'received',
  'transcribing',
  'drafted',
  'needs_information',
  'ready_to_copy',
  'copied',
  'failed',
  'halted',
  'deleted',
] as const;
export const DictationStatusSchema = z.enum(DICTATION_STATUSES);
export type DictationStatus = z.infer<typeof DictationStatusSchema>;

/** The statuses the pipeline stores (`halted` and `deleted` come from the gate and the retention state). */
export const STORED_DICTATION_STATUSES = [
  'received',
  'transcribing',
  'drafted',
  'needs_information',
  'ready_to_copy',
  'copied',
  'failed',
] as const satisfies readonly DictationStatus[];
export type StoredDictationStatus = (typeof STORED_DICTATION_STATUSES)[number];

/** Statuses whose next step is pipeline work that a closed gate holds back. */
export const IN_PIPELINE_STATUSES = ['received', 'transcribing', 'drafted'] as const satisfies readonly StoredDictationStatus[];

export const DICTATION_STATUS_LABELS: Readonly<Record<DictationStatus, string>> = Object.freeze({
  received: 'received',
  transcribing: 'transcribing',
  drafted: 'drafted',
  needs_information: 'needs information',
  ready_to_copy: 'ready to copy',
  copied: 'copied',
  failed: 'failed',
  halted: 'halted',
  deleted: 'deleted',
});

/** Why the pipeline holds a dictation back (the gate view's block reasons). */
export const DICTATION_HALT_REASONS = ['no_state', 'expired', 'halted', 'phi_mode_disabled'] as const;
export type DictationHaltReason = (typeof DICTATION_HALT_REASONS)[number];

/** The reason code of a `failed` or `halted` dictation. */
export const DictationStatusReasonSchema = z.enum([...SCRIBE_FAILURE_REASONS, ...DICTATION_HALT_REASONS]);
export type DictationStatusReason = z.infer<typeof DictationStatusReasonSchema>;

/**
 * What the provider reads for each reason: fixed sentences chosen by code, so no engine message,
 * file name or dictated word can reach the screen through a failure.
 */
export const DICTATION_REASON_MESSAGES: Readonly<Record<DictationStatusReason, string>> = Object.freeze({
  limit_exceeded: 'Transcription is over its usage limit. Try again later or ask an admin.',
  internal_failure: 'The transcription service had an internal failure. Reprocess the dictation to try again.',
  job_failed: 'The transcription job failed. Reprocess the dictation to try again.',
  bad_request: 'The transcription request was refused. Ask an admin to check the HealthScribe settings.',
  access_denied: 'MedicDraft was denied access to the transcription service or its storage. Ask an admin.',
  media_unsupported: 'The audio format is not supported. Record again as WAV, FLAC, MP3, MP4/M4A, OGG or WebM.',
  media_unreadable: 'The dictation could not be read. Dictate or upload it again.',
  output_missing: 'The transcription finished without its output. Reprocess the dictation to try again.',
  output_invalid: 'The transcription output could not be read. Reprocess the dictation to try again.',
  timeout: 'The transcription took too long and was stopped. Reprocess the dictation to try again.',
  engine_unavailable: 'The transcription service is unavailable. Reprocess the dictation later.',
  no_state: 'Paused: the readiness service has not confirmed this tenant yet.',
  expired: 'Paused: the readiness service has not confirmed this tenant recently.',
  halted: 'Paused: the pipeline is halted until audit logging recovers.',
  phi_mode_disabled: 'Parked: PHI mode is disabled for this tenant, so audio waits until an owner enables it.',
} satisfies Record<ScribeFailureReason | DictationHaltReason, string>);

/**
 * Every code an AppError may carry, across all services: a stable, PHI-free identifier that HTTP
 * answers (`{ error: code }`), dead letters and logs carry. A new error adds its code here, so a
 * typo is a type error rather than a code no caller recognises.
 */
export const ERROR_CODES = [
  'audit_integrity',
  'audit_unavailable',
  'bus_authentication_failed',
  'bus_authorization_failed',
  'conflict',
  'database_closed',
  'dependency_unavailable',
  'element_not_open',
  'event_invalid',
  'forbidden',
  'gates_not_ready',
  'handoff_unavailable',
  'internal',
  'internal_contract',
  'invalid_config',
  'invalid_enrolment',
  'invalid_request',
  'malformed_event',
  'mfa_required',
  'narrative_content_invalid',
  'narrative_empty',
  'narrative_not_xml',
  'narrative_too_long',
  'not_available',
  'not_found',
  'object_integrity',
  'output_digest_mismatch',
  'output_invalid',
  'output_missing',
  'output_too_large',
  'password_change_required',
  'payload_too_large',
  'phi_mode_disabled',
  'pipeline_halted',
  'rate_limited',
  'review_changes_required',
  'review_transition_refused',
  'scribe_access_denied',
  'scribe_bad_request',
  'scribe_engine_unavailable',
  'scribe_engine_unconfigured',
  'scribe_internal_failure',
  'scribe_job_failed',
  'scribe_limit_exceeded',
  'scribe_media_unreadable',
  'scribe_media_unsupported',
  'scribe_output_invalid',
  'scribe_output_missing',
  'scribe_timeout',
  'settings_corrupt',
  'template_invalid',
  'template_missing',
  'tenant_boundary',
  'too_many_attempts',
  'totp_reused',
  'transaction_aborted',
  'transaction_closed',
  'unauthorized',
  'unknown_tenant',
  'unresolved_elements',
  'unsupported_media_type',
  'uri_too_long',
  'version_conflict',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether a string (e.g. a code another service sent over HTTP) is one of ours. */
export function isErrorCode(value: string): value is ErrorCode {
  return KNOWN_CODES.has(value);
}

/**
 * The one error hierarchy of MedicDraft. Every error carries a stable `code`, the HTTP status a
 * gateway maps it to, and how a consumer treats it: `retryable` errors hold the partition and retry
 * with backoff; `deadLetter` errors send the record to `dlq.<group>` with the code and message.
 * Messages are written for operators and must never contain PHI (no transcript text, names, audio).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly deadLetter: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { status?: number; retryable?: boolean; deadLetter?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = opts.status ?? 500;
    this.retryable = opts.retryable ?? false;
    this.deadLetter = opts.deadLetter ?? false;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('invalid_request', message, { status: 400, deadLetter: true, cause });
  }
}
export class MalformedEventError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('malformed_event', message, { status: 400, deadLetter: true, cause });
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'authentication required') {
    super('unauthorized', message, { status: 401 });
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'permission denied') {
    super('forbidden', message, { status: 403 });
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'not found') {
    super('not_found', message, { status: 404 });
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message, { status: 409 });
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('payload_too_large', message, { status: 413 });
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super('unsupported_media_type', message, { status: 415 });
  }
}
/** PHI handling is closed for the tenant (PHI mode disabled or a gate not ready). */
export class PhiModeDisabledError extends AppError {
  constructor(message = 'PHI mode is disabled for this tenant') {
    super('phi_mode_disabled', message, { status: 423, retryable: true });
  }
}
/** The pipeline is halted (audit unavailable, or no fresh gate state). */
export class PipelineHaltedError extends AppError {
  constructor(message = 'the pipeline is halted') {
    super('pipeline_halted', message, { status: 503, retryable: true });
  }
}
/** A dependency (Kafka, Postgres, Redis, S3, KMS) is unavailable; safe to retry later. */
export class DependencyUnavailableError extends AppError {
  constructor(dependency: string, cause?: unknown) {
    super('dependency_unavailable', `${dependency} is unavailable`, { status: 503, retryable: true, cause });
  }
}
/**
 * The broker refused this client: its credentials were rejected, or its principal has no ACL for
 * the operation (e.g. producing to a topic another service owns). Retryable, so a consumer holds
 * its record instead of dropping it while an operator fixes the credentials or the ACLs.
 */
export class BusAccessDeniedError extends AppError {
  readonly reason: 'authentication' | 'authorization';
  constructor(reason: 'authentication' | 'authorization', cause?: unknown) {
    super(`bus_${reason}_failed`, `kafka refused the client (${reason})`, { status: 503, retryable: true, cause });
    this.reason = reason;
  }
}
/**
 * A record names a tenant that was never provisioned (readiness' directory does not list it). It
 * is dead-lettered at once instead of being held: holding it would stall every other tenant on
 * its partition, and no gate will ever open for it.
 */
export class UnknownTenantError extends AppError {
  constructor() {
    super('unknown_tenant', 'the record names a tenant that is not provisioned', { status: 404, deadLetter: true });
  }
}
/** Tenant boundary violated: an object, row or key used under another tenant's id. */
export class TenantBoundaryError extends AppError {
  constructor(message = 'resource belongs to another tenant') {
    super('tenant_boundary', message, { status: 403 });
  }
}

/**
 * An event this service built failed its own schema: a bug in the service, not bad input. An HTTP
 * request gets a 500 (and the error is logged); a consumer neither retries forever on a hot loop
 * nor dead-letters the record it was handling (the record is fine; the code is not): the record
 * is held and retried with backoff, so it is processed once the fix is deployed.
 */
export class EventSchemaBugError extends AppError {
  constructor(type: string, message: string) {
    super('event_invalid', `${type} built by this service failed its own schema: ${message}`, { status: 500 });
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

import type { ProbeFailure } from '../gates/gate-inputs.js';

/** The shape of AWS SDK v3 service and transport errors that the classification reads. */
interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
}

const NOT_FOUND = new Set([
  'NotFound',
  'NoSuchBucket',
  'NotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'ResourceNotFoundException',
]);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'Forbidden',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const TIMEOUT = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'TimeoutException']);

/**
 * Maps an error thrown by an AWS SDK call to a probe failure. Errors without an HTTP status are
 * transport failures (refused, DNS, reset, aborted by our timeout) → `unreachable`; 403 and the
 * credential errors → `access_denied`; 404 and the services' not-found names → `not_found`;
 * anything else the service answered → `error`.
 */
export function classifyAwsError(err: unknown): Exclude<ProbeFailure, 'not_configured' | 'misconfigured'> {
  const e = (typeof err === 'object' && err !== null ? err : {}) as AwsLikeError;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (TIMEOUT.has(name) || (e.code !== undefined && NETWORK.has(e.code)) || NETWORK.has(name)) return 'unreachable';
  if (DENIED.has(name) || status === 403) return 'access_denied';
  if (NOT_FOUND.has(name) || status === 404) return 'not_found';
  if (status === undefined) return 'unreachable';
  return 'error';
}

/** An abort signal for one probe call. */
export function probeTimeout(ms: number): { abortSignal: AbortSignal } {
  return { abortSignal: AbortSignal.timeout(ms) };
}

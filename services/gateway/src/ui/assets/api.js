// @ts-check
/**
 * The browser's only way to the server: same-origin fetch of the v1 JSON API with the session
 * cookie (httpOnly, never visible here) and the CSRF token from sign-in or `/v1/me` on every
 * unsafe method. Failures become ApiError carrying the API's `{error, message}`.
 */

export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let csrfToken = '';

/** @param {string} token */
export function setCsrfToken(token) {
  csrfToken = token;
}

/** The CSRF header for requests made outside `api` (the resumable upload). @returns {Record<string, string>} */
export function csrfHeader() {
  return csrfToken === '' ? {} : { 'x-csrf-token': csrfToken };
}

/**
 * @param {'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body] a plain value (sent as JSON) or FormData (multipart)
 * @param {Record<string, string>} [extraHeaders] request headers beyond the usual ones (e.g. X-Incident-Number)
 * @param {AbortSignal} [signal] abandons the request (a screen that asked again); it then rejects with code `aborted`
 * @returns {Promise<any>}
 */
export async function api(method, path, body, extraHeaders = {}, signal = undefined) {
  /** @type {Record<string, string>} */
  const headers = { ...extraHeaders, accept: 'application/json' };
  /** @type {BodyInit | undefined} */
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken !== '') headers['x-csrf-token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store', signal });
  } catch {
    if (signal?.aborted) throw new ApiError(0, 'aborted', 'the request was abandoned');
    throw new ApiError(0, 'network_error', 'the server cannot be reached');
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.error ?? `http_${res.status}`, data?.message ?? res.statusText);
  return data;
}

/** The tenant-scoped API path of the signed-in user. @param {{user: {tenantId: string}}} me @param {string} rest */
export function tenantPath(me, rest) {
  return `/v1/tenants/${encodeURIComponent(me.user.tenantId)}${rest}`;
}

/** Human wording for the codes a screen shows in place of its content. @param {ApiError} err @param {string} what */
export function describeError(err, what) {
  switch (err.code) {
    case 'not_available':
      return `${what} is not available on this server yet (not_available). The rest of the app keeps working.`;
    case 'forbidden':
      return `Access denied: your role may not open ${what} (forbidden).`;
    case 'not_found':
      return `${what}: not found.`;
    case 'phi_mode_disabled':
      return 'PHI mode is disabled for this tenant: only synthetic text dictations are accepted (phi_mode_disabled).';
    case 'pipeline_halted':
      return 'The pipeline is halted until audit logging recovers; try again shortly (pipeline_halted).';
    case 'rate_limited':
      return 'Too many requests; wait a minute and retry (rate_limited).';
    default:
      return `${what}: ${err.message} (${err.code}).`;
  }
}

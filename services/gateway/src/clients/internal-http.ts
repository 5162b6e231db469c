import { AppError, DependencyUnavailableError } from '@medicdraft/platform';
import { NotAvailableError } from './not-available-error.js';

const CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Turns an internal service's error answer (`{error, message}`) into an AppError the gateway's
 * one error mapping understands. 4xx codes and messages pass through (internal services write
 * fixed, PHI-free messages); a 404 for the route itself means the operation is not offered yet;
 * any 5xx other than the gate's 503s becomes `dependency_unavailable` (no internals).
 */
export async function errorFromResponse(res: Response, service: string, what: string): Promise<AppError> {
  let body: { error?: unknown; message?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: treated as no code below
  }
  const code = typeof body.error === 'string' && CODE.test(body.error) ? body.error : undefined;
  const message = typeof body.message === 'string' && body.message.length <= 300 ? body.message : 'request rejected';
  if (res.status === 404 && (code === undefined || code === 'not_found') && body.message === 'no such route')
    return new NotAvailableError(what);
  if (res.status === 503 && (code === 'pipeline_halted' || code === 'phi_mode_disabled'))
    return new AppError(code, message, { status: 503 });
  if (res.status >= 500) return new DependencyUnavailableError(service);
  return new AppError(code ?? 'invalid_request', message, { status: res.status });
}

/** fetch to an internal base URL; a network failure is `dependency_unavailable`. */
export async function internalFetch(
  base: string,
  path: string,
  init: RequestInit & { duplex?: 'half' },
  service: string,
): Promise<Response> {
  try {
    return await fetch(new URL(path, base), init);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof AppError) throw cause;
    throw new DependencyUnavailableError(service, err);
  }
}

import { Readable } from 'node:stream';
import { portOf, successStatuses, type ApiOperation, type ApiPort, type ApiSpec } from '@medicdraft/contracts';
import { z } from 'zod';
import { AppError, DependencyUnavailableError, isErrorCode, ValidationError, type ErrorCode } from '../errors.js';
import { NotAvailableError } from './not-available-error.js';

export interface HttpClientOptions {
  /** The service's internal base URL. */
  baseUrl: string;
  /** Its name in `dependency_unavailable` and `not_available` errors. */
  service: string;
}

/** The service answered outside its table: a fault of ours (a version skew or a bug), never shown. */
export class InternalApiContractError extends AppError {
  constructor(service: string, cause?: unknown) {
    super('internal_contract', `${service} answered outside its API contract`, { status: 502, cause });
  }
}

const CODE = /^[a-z][a-z0-9_]{0,63}$/;
const ErrorBody = z.object({ error: z.string().regex(CODE).optional(), message: z.string().max(300).optional() });

/** The code a failure answer carries, when absent or not one of ours (a version skew): the generic refusal. */
export const FALLBACK_ERROR_CODE: ErrorCode = 'invalid_request';

/**
 * A failure answer as an AppError the caller's one error mapping understands. 4xx codes and
 * messages pass through (internal services write fixed, PHI-free messages), a code that is not
 * an `ErrorCode` as `FALLBACK_ERROR_CODE`; a 404 for the route itself means the operation is not
 * offered; any 5xx other than the gate's 503s becomes `dependency_unavailable` (no internals).
 */
async function errorFromResponse(res: Response, service: string, what: string): Promise<AppError> {
  const parsed = ErrorBody.safeParse(await res.json().catch(() => undefined));
  const body = parsed.success ? parsed.data : {};
  if (res.status === 404 && (body.error ?? 'not_found') === 'not_found' && body.message === 'no such route')
    return new NotAvailableError(what);
  const code = body.error !== undefined && isErrorCode(body.error) ? body.error : FALLBACK_ERROR_CODE;
  if (res.status === 503 && (code === 'pipeline_halted' || code === 'phi_mode_disabled'))
    return new AppError(code, body.message ?? 'request rejected', { status: 503 });
  if (res.status >= 500) return new DependencyUnavailableError(service);
  return new AppError(code, body.message ?? 'request rejected', { status: res.status });
}

/** Encodes a request part; input its schema refuses is the caller's 400, as the service would answer it. */
function encode(op: ApiOperation, schema: z.ZodType, value: unknown): unknown {
  const encoded = schema.safeEncode(value as never);
  if (!encoded.success) throw new ValidationError(op.invalid, encoded.error);
  return encoded.data;
}

function pathOf(op: ApiOperation, params: Record<string, unknown> | undefined): string {
  const encoded = op.params && params ? (encode(op, op.params, params) as Record<string, unknown>) : {};
  return op.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(String(encoded[name])));
}

function stringEntries(op: ApiOperation, schema: z.ZodObject | undefined, value: unknown): [string, string][] {
  if (schema === undefined || value === undefined) return [];
  return Object.entries(encode(op, schema, value) as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, String(v)]);
}

function requestOf(op: ApiOperation, input: Record<string, unknown>): RequestInit & { duplex?: 'half' } {
  const headers = new Headers(stringEntries(op, op.headers, input['headers']));
  const body = input['body'];
  if (op.stream) {
    headers.set('content-type', 'application/octet-stream');
    return { method: op.method, headers, body: Readable.toWeb(body as Readable) as ReadableStream<Uint8Array>, duplex: 'half' };
  }
  if (op.body === undefined) return { method: op.method, headers };
  headers.set('content-type', 'application/json');
  return { method: op.method, headers, body: JSON.stringify(body === undefined ? {} : encode(op, op.body, body)) };
}

/**
 * The HTTP form of an API's port: requests are encoded with the table's schemas, a success
 * answer is decoded with its schema (a mismatch is `InternalApiContractError`, never a cast), a
 * failure becomes the service's AppError, and a network failure `dependency_unavailable`.
 */
export function createHttpClient<S extends ApiSpec>(spec: S, opts: HttpClientOptions): ApiPort<S> {
  const call = async (name: string, op: ApiOperation, input: Record<string, unknown>): Promise<unknown> => {
    const query = new URLSearchParams(stringEntries(op, op.query, input['query'])).toString();
    const url = new URL(`${pathOf(op, input['params'] as Record<string, unknown>)}${query === '' ? '' : `?${query}`}`, opts.baseUrl);
    const request = requestOf(op, input);
    let res: Response;
    try {
      res = await fetch(url, request);
    } catch (err) {
      // A streamed body that failed with our own error (e.g. over the size limit) surfaces as fetch's cause.
      const cause = (err as { cause?: unknown }).cause;
      if (cause instanceof AppError) throw cause;
      throw new DependencyUnavailableError(opts.service, err);
    }
    const statuses = successStatuses(op);
    const status = statuses.find((s) => s === res.status);
    if (status === undefined) throw await errorFromResponse(res, opts.service, `${opts.service} ${name}`);
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch (err) {
      throw new InternalApiContractError(opts.service, err);
    }
    const decoded = op.responses[status]!.safeParse(json);
    if (!decoded.success) throw new InternalApiContractError(opts.service, decoded.error);
    return statuses.length === 1 ? decoded.data : { status, body: decoded.data };
  };
  return portOf(spec, (name, op) => (input) => call(name, op, (input ?? {}) as Record<string, unknown>));
}

/** A port whose every operation is 503 `not_available` (a gateway started without that service). */
export function unavailableApi<S extends ApiSpec>(spec: S, what: string): ApiPort<S> {
  return portOf(spec, () => async () => {
    throw new NotAvailableError(what);
  });
}

import type { Readable } from 'node:stream';
import { z } from 'zod';

/**
 * An internal HTTP API as data: one table of operations, each with its method, path, zod schemas
 * for the request parts and every response. The service registers the table
 * (`registerInternalApi`), the gateway calls it through the generic client (`createHttpClient`)
 * or, in embedded mode, through the service's port object itself — all three typed by `ApiPort`.
 *
 * Schemas are written so they can be decoded (server, client answer) and encoded (client
 * request, server answer): plain types or `z.codec`, never one-way transforms, coercions or
 * defaults. A port receives and returns the decoded (output) types.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The one failure body of every internal API (platform's error mapping writes it). */
export const ApiErrorSchema = z.object({ error: z.string(), message: z.string() });
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

export const SUCCESS_STATUSES = [200, 201, 202, 204] as const;
export type SuccessStatus = (typeof SUCCESS_STATUSES)[number];
export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 415 | 423 | 500 | 503;

export interface ApiOperation {
  method: HttpMethod;
  /** fastify syntax: `/internal/v1/tenants/:tenantId/...`. */
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** The body is the raw request stream (any content type), never buffered; `body` is then `StreamBodySchema`. */
  stream?: true;
  /**
   * The success statuses (usually one) with their schemas, and the error statuses the operation
   * answers with `ApiErrorSchema`. With more than one success status the port answers `{status, body}`.
   */
  responses: Partial<Record<SuccessStatus, z.ZodType>> & Partial<Record<ErrorStatus, typeof ApiErrorSchema>>;
  /** The fixed 400 message for a request that does not match (zod's would quote the input, which can be PHI). */
  invalid: string;
}

export type ApiSpec = Record<string, ApiOperation>;

/** Keeps the literal types of a table (for `ApiPort`) while checking it is one. */
export function defineApi<const S extends ApiSpec>(spec: S): S {
  return spec;
}

const isReadable = (v: unknown): v is Readable => typeof (v as Readable | undefined)?.pipe === 'function';
/** A streamed request body: the bytes as they arrive. */
export const StreamBodySchema = z.custom<Readable>(isReadable, 'expected a stream');

/** The errors of an operation, for its `responses`. */
export function errorResponses<const C extends readonly ErrorStatus[]>(...codes: C): { [K in C[number]]: typeof ApiErrorSchema } {
  return Object.fromEntries(codes.map((c) => [c, ApiErrorSchema])) as { [K in C[number]]: typeof ApiErrorSchema };
}

/** A non-negative integer carried as a decimal string (query strings, headers). */
export function intString(min: number, max: number) {
  return z.codec(z.string().regex(/^\d{1,15}$/), z.int().min(min).max(max), {
    decode: (s) => Number(s),
    encode: (n) => String(n),
  });
}

type Part<O, K extends 'params' | 'query' | 'headers' | 'body'> = O extends { [P in K]: infer S extends z.ZodType }
  ? object extends z.output<S>
    ? { [P in K]?: z.output<S> }
    : { [P in K]: z.output<S> }
  : unknown;

/** What a call of the operation takes: its decoded params, query, headers and body. */
export type OperationInput<O extends ApiOperation> = Part<O, 'params'> & Part<O, 'query'> & Part<O, 'headers'> & Part<O, 'body'>;

type Successes<O extends ApiOperation> = keyof O['responses'] & SuccessStatus;
type Body<O extends ApiOperation, S extends SuccessStatus> = O['responses'][S] extends z.ZodType ? z.output<O['responses'][S]> : never;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/** What a call answers: the decoded body of its success response, or `{status, body}` where it has several. */
export type OperationOutput<O extends ApiOperation> =
  true extends IsUnion<Successes<O>> ? { [S in Successes<O>]: { status: S; body: Body<O, S> } }[Successes<O>] : Body<O, Successes<O>>;

/**
 * The port of an API: one async function per operation. Implemented by the service (its
 * in-process form), by `createHttpClient`, and by decorators over either. Failures are
 * AppErrors whose code and status are the ones the table lists.
 */
export type ApiPort<S extends ApiSpec> = {
  [K in keyof S]: (input: OperationInput<S[K]>) => Promise<OperationOutput<S[K]>>;
};

/** The success statuses of an operation; with more than one, its port answers `{status, body}`. */
export function successStatuses(op: ApiOperation): SuccessStatus[] {
  const found = SUCCESS_STATUSES.filter((s) => op.responses[s] !== undefined);
  if (found.length === 0) throw new Error(`${op.method} ${op.path}: no success response`);
  return found;
}

/**
 * A port built operation by operation (the HTTP client, an unavailable stand-in). The one place
 * the generic form meets the derived type: `call` must answer what the operation's success schema decodes to.
 */
export function portOf<S extends ApiSpec>(
  spec: S,
  call: (name: string, op: ApiOperation) => (input: unknown) => Promise<unknown>,
): ApiPort<S> {
  return Object.fromEntries(Object.entries(spec).map(([name, op]) => [name, call(name, op)])) as unknown as ApiPort<S>;
}

import { isAppError } from '../errors.js';

/**
 * The one way an error reaches a log line (pino's `err` serializer, so also fastify's request
 * logs). Error messages and driver fields quote input — a failing row, a bound parameter, the
 * text of a query — and input can be PHI. So a line keeps what classifies the error and drops
 * what carries values:
 * - AppErrors: class, code, status and message (PHI-free by contract), stack frames;
 * - database errors (node-postgres and PGlite): class, SQLSTATE code, severity, constraint,
 *   schema/table/column/type names; never query text, parameters, detail, hint, where, position;
 * - anything else: class, `code` when it is a short identifier, stack frames without the message.
 * A `cause` (and an AggregateError's `errors`) is serialised by the same rule, a few levels deep.
 */
export interface SerializedError {
  type: string;
  code?: string;
  status?: number;
  message?: string;
  severity?: string;
  constraint?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  stack?: string;
  cause?: SerializedError | string;
  errors?: (SerializedError | string)[];
}

const MAX_DEPTH = 4;
const DB_NAME_FIELDS = ['severity', 'constraint', 'schema', 'table', 'column', 'dataType'] as const;
// Codes are identifiers (SQLSTATE, FST_ERR_*, ECONNREFUSED, our snake_case codes), never sentences.
const CODE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A Postgres error as node-postgres and PGlite raise it: SQLSTATE code plus server-side fields. */
function isDatabaseError(err: object): boolean {
  const e = err as Record<string, unknown>;
  return typeof e['code'] === 'string' && /^[0-9A-Z]{5}$/.test(e['code']) && typeof e['severity'] === 'string';
}

/** Stack frames only: the first line of `stack` repeats the message. */
function frames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const lines = stack.split('\n').filter((l) => /^\s+at /.test(l));
  return lines.length === 0 ? undefined : lines.join('\n');
}

function className(err: object, database: boolean): string {
  if (database) return 'DatabaseError';
  const name = (err as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? name : 'Error';
}

/** Call sites that log only a code (`err: 'ETIMEDOUT'`) keep it; any other primitive is dropped. */
export function serializeError(err: unknown, depth = 0): SerializedError | string {
  if (typeof err === 'string' && CODE_PATTERN.test(err)) return err;
  if (typeof err !== 'object' || err === null) return { type: typeof err };
  const e = err as Record<string, unknown>;
  const database = isDatabaseError(err);
  const out: SerializedError = { type: className(err, database) };
  const code = e['code'];
  if (typeof code === 'string' && CODE_PATTERN.test(code)) out.code = code;
  if (isAppError(err)) {
    out.status = err.status;
    out.message = err.message;
  }
  if (database) {
    for (const field of DB_NAME_FIELDS) {
      const value = e[field];
      if (typeof value === 'string' && CODE_PATTERN.test(value)) out[field] = value;
    }
  } else {
    const stack = frames(e['stack']);
    if (stack !== undefined) out.stack = stack;
  }
  if (depth < MAX_DEPTH) {
    if (e['cause'] !== undefined) out.cause = serializeError(e['cause'], depth + 1);
    if (Array.isArray(e['errors'])) out.errors = e['errors'].slice(0, 5).map((x) => serializeError(x, depth + 1));
  }
  return out;
}

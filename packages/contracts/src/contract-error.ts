import type { z } from 'zod';

/**
 * PHI-safe validation results.
 *
 * Contract: nothing here echoes input values. zod's own messages can quote input (unrecognized
 * key names, received values) and JSON.parse errors quote source text, so neither is passed on.
 * An issue is only a path of schema-defined field names / array indices plus zod's issue code.
 */
export interface SafeIssue {
  /** Dotted path, e.g. `payload.objectRef.key` or `gates.kms.evidence.0.code`; `''` is the root. */
  readonly path: string;
  /** zod issue code, e.g. `invalid_type`, `invalid_format`, `unrecognized_keys`, `invalid_value`. */
  readonly code: string;
}

export type ContractErrorCode = 'invalid_json' | 'not_an_object' | 'unknown_type' | 'type_mismatch' | 'invalid_message';

/** Why a message was rejected; `message` is safe to log and to put in a DLQ header. */
export interface ContractError {
  readonly code: ContractErrorCode;
  /** The event type or control topic the message was checked against, when known. */
  readonly type?: string;
  readonly issues: readonly SafeIssue[];
  readonly message: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

const SAFE_SEGMENT = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_ISSUES = 20;

/** Path segments come from the schema; anything unexpected is masked rather than echoed. */
function safePath(path: readonly PropertyKey[]): string {
  return path.map((s) => (typeof s === 'number' ? String(s) : typeof s === 'string' && SAFE_SEGMENT.test(s) ? s : '?')).join('.');
}

/** Flattens zod issues; for a failed union, keeps the branch that came closest to matching. */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], out: SafeIssue[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
      if (closest.length > 0) {
        flatten(closest, path, out);
        continue;
      }
    }
    out.push({ path: safePath(path), code: issue.code });
  }
}

/** Builds a ContractError from a zod error without copying any input value. */
export function contractErrorFromZod(type: string, error: z.ZodError): ContractError {
  const issues: SafeIssue[] = [];
  flatten(error.issues, [], issues);
  const shown = issues.slice(0, MAX_ISSUES);
  const detail = shown.map((i) => `${i.path === '' ? '(root)' : i.path} ${i.code}`).join('; ');
  const more = issues.length > shown.length ? `; +${issues.length - shown.length} more` : '';
  return { code: 'invalid_message', type, issues: shown, message: `invalid ${type}: ${detail}${more}` };
}

/** A ContractError that is not about fields (bad JSON, wrong shape, unknown type). */
export function contractError(code: Exclude<ContractErrorCode, 'invalid_message'>, message: string, type?: string): ContractError {
  return type === undefined ? { code, issues: [], message } : { code, type, issues: [], message };
}

/** JSON.parse without leaking the parser's message (it quotes the input). */
export function parseJsonSafely(json: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, error: contractError('invalid_json', 'message is not valid JSON') };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { z } from 'zod';

/**
 * What Postgres can store, checked at the edge so a value it would refuse (text/jsonb with NUL
 * or an unpaired UTF-16 surrogate: 22P05/22021; a timestamp outside its range: 22008) is a 400
 * for the client instead of a failing statement. The timestamp range is narrower than Postgres'
 * own on purpose: nothing in MedicDraft happened before 1970, and 4-digit years serialise alike
 * in ISO 8601, JavaScript and SQL.
 */
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE_TEXT.test(value);
}

/** A string Postgres can store; chain `.min()`/`.max()` as usual. Messages never quote the value. */
export function storableText() {
  return z.string().refine(isStorableText, { message: 'text holds a NUL character or an unpaired surrogate' });
}

export const MIN_STORABLE_INSTANT = Date.parse('1970-01-01T00:00:00.000Z');
export const MAX_STORABLE_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

export function isStorableInstant(value: Date | string): boolean {
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(t) && t >= MIN_STORABLE_INSTANT && t <= MAX_STORABLE_INSTANT;
}

/** An ISO 8601 date-time with offset whose instant lies in 1970..9999 (UTC). */
export const StorableDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine(isStorableInstant, { message: 'date-time outside 1970..9999' });

/** Bounds of client-supplied JSON documents (references, settings). */
export interface JsonLimits {
  /** Nesting of arrays and objects; the top-level value is depth 1. */
  maxDepth: number;
  /** Values of every kind, keys not counted. */
  maxNodes: number;
}
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 32, maxNodes: 20_000 };

export type JsonProblem = 'too_deep' | 'too_many_values' | 'unstorable_text' | 'not_json';

/**
 * Why a parsed JSON value cannot be stored, or undefined. Iterative, so a document nested
 * thousands of levels deep is refused without using the call stack that code walking it
 * recursively (canonical JSON, digests) would overflow.
 */
export function jsonProblem(value: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonProblem | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let nodes = 0;
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (++nodes > limits.maxNodes) return 'too_many_values';
    const v = next.value;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return 'unstorable_text';
      continue;
    }
    if (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) continue;
    if (typeof v !== 'object') return 'not_json';
    if (next.depth > limits.maxDepth) return 'too_deep';
    const children = Array.isArray(v)
      ? v
      : Object.entries(v as Record<string, unknown>).map(([k, child]) => (isStorableText(k) ? child : '\u0000'));
    for (const child of children) pending.push({ value: child, depth: next.depth + 1 });
  }
  return undefined;
}

const JSON_MESSAGES: Record<JsonProblem, string> = {
  too_deep: 'document nested too deeply',
  too_many_values: 'document holds too many values',
  unstorable_text: 'document holds a NUL character or an unpaired surrogate',
  not_json: 'document is not JSON',
};

/** A JSON object (string keys) within `limits`, every key and string storable. */
export function storableJsonObject(limits: JsonLimits = DEFAULT_JSON_LIMITS) {
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = jsonProblem(value, limits);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: JSON_MESSAGES[problem] });
  });
}

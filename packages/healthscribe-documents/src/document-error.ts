import type { z } from 'zod';

/**
 * PHI-safe parse failures. HealthScribe files are full of PHI, and zod / JSON.parse messages can
 * quote input, so an issue is only a path of schema field names / indices plus zod's issue code.
 */
export interface DocumentIssue {
  path: string;
  code: string;
}

export type DocumentKind = 'transcript' | 'clinical_document';

export class DocumentFormatError extends Error {
  readonly code = 'output_invalid';
  constructor(
    readonly document: DocumentKind,
    readonly issues: readonly DocumentIssue[],
  ) {
    super(`${document} is not a valid HealthScribe document (${issues.map((i) => `${i.path || '<root>'}: ${i.code}`).join('; ')})`);
    this.name = 'DocumentFormatError';
  }
}

export type DocumentParseResult<T> = { ok: true; value: T } | { ok: false; error: DocumentFormatError };

const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function toIssues(error: z.ZodError): DocumentIssue[] {
  return error.issues.slice(0, 20).map((i) => ({
    path: i.path.map((p) => (typeof p === 'number' ? String(p) : typeof p === 'string' && SAFE_KEY.test(p) ? p : '?')).join('.'),
    code: i.code,
  }));
}

/** Accepts the parsed object or the file's text; a JSON syntax error never echoes the text. */
export function asJsonValue(input: unknown, document: DocumentKind): DocumentParseResult<unknown> {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return { ok: true, value: input };
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: new DocumentFormatError(document, [{ path: '', code: 'invalid_json' }]) };
  }
}

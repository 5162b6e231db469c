import { z } from 'zod';
import { StorableDateTimeSchema } from './storable-values.js';

/**
 * The opaque page position of a dictation list: base64url of `[createdAt, id]` of a page's last
 * row. Ingest mints it; the gateway passes it through but checks it first, so a forged cursor
 * (an id that is no uuid, an instant Postgres cannot hold) is the client's 400, not a failing query.
 */
export interface DictationCursor {
  createdAt: Date;
  id: string;
}

const CursorTuple = z.tuple([StorableDateTimeSchema, z.uuid()]);
export const MAX_DICTATION_CURSOR_LENGTH = 200;

export function encodeDictationCursor(c: DictationCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString('base64url');
}

/** The position, or undefined for anything `encodeDictationCursor` could not have made. */
export function decodeDictationCursor(cursor: string): DictationCursor | undefined {
  if (cursor.length > MAX_DICTATION_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(cursor)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = CursorTuple.safeParse(raw);
  return parsed.success ? { createdAt: new Date(parsed.data[0]), id: parsed.data[1] } : undefined;
}

export const DictationCursorSchema = z
  .string()
  .max(MAX_DICTATION_CURSOR_LENGTH)
  .refine((c) => decodeDictationCursor(c) !== undefined, { message: 'invalid cursor' });

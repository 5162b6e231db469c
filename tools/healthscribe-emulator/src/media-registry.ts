import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What a test says a given audio contains, keyed by the sha256 of the media bytes: synthetic text
 * (turned into both output documents), the two documents verbatim (any JSON value, or a string
 * written as-is, so malformed outputs can be tested), or a FailureReason the job ends with.
 */
const TextScript = z.strictObject({ text: z.string().min(1) });
const present = z.unknown().refine((v) => v !== undefined, 'required');
const DocumentsScript = z.strictObject({ transcript: present, clinicalDocument: present });
const FailureScript = z.strictObject({ failureReason: z.string().min(1) });
export const MediaScriptSchema = z.union([TextScript, DocumentsScript, FailureScript]);
export type MediaScript = z.infer<typeof MediaScriptSchema>;

const sha256 = { sha256: z.string().regex(/^[a-f0-9]{64}$/) };
/** Body of `POST /_emulator/media`: a script plus the digest it is registered under. */
export const RegistrationSchema = z.union([TextScript.extend(sha256), DocumentsScript.extend(sha256), FailureScript.extend(sha256)]);

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class MediaRegistry {
  private readonly scripts = new Map<string, MediaScript>();

  register(sha256: string, script: MediaScript): void {
    this.scripts.set(sha256.toLowerCase(), MediaScriptSchema.parse(script));
  }

  lookup(sha256: string): MediaScript | undefined {
    return this.scripts.get(sha256);
  }

  clear(): void {
    this.scripts.clear();
  }
}

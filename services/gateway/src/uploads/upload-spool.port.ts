import type { Readable } from 'node:stream';
import { TENANT_ID_PATTERN } from '@medicdraft/contracts';
import type { Upload } from '@tus/utils';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `tenantId/uploadId`: the tenant is part of every id, so an id never resolves under another tenant. */
export function uploadIdOf(tenantId: string, uploadId: string): string | undefined {
  return TENANT_ID_PATTERN.test(tenantId) && UUID.test(uploadId) ? `${tenantId}/${uploadId}` : undefined;
}

/** The tenant and uuid of an id made by `uploadIdOf`; anything else is undefined (never a path). */
export function splitUploadId(id: string): { tenantId: string; uploadId: string } | undefined {
  const [tenantId, uploadId, ...rest] = id.split('/');
  if (tenantId === undefined || uploadId === undefined || rest.length > 0 || uploadIdOf(tenantId, uploadId) !== id) return undefined;
  return { tenantId, uploadId };
}

/**
 * Where resumable (tus) dictation uploads wait until they are complete and ingest accepted them.
 * Implementers own:
 * - ids `tenantId/uuid` (`uploadIdOf`); any other id rejects with tus's FILE_NOT_FOUND, never a path;
 * - the offset (`getUpload`) is every byte kept so far: bytes that arrived before a dropped
 *   connection count (`write` keeps what it read even when the stream errors, then rethrows), so the
 *   client resumes after them; a write from an offset already covered keeps the same bytes again
 *   and must not corrupt the upload (a client retrying through another instance while the first
 *   request is still draining);
 * - `content` streams the upload's bytes in order, once complete;
 * - `markAccepted` removes the bytes and keeps a small record naming the dictation, so a repeated
 *   final request answers the same dictation instead of making a second one; `write` after that
 *   discards its input and reports the offset unchanged;
 * - `deleteExpired` removes every upload (finished or not) created more than `expiryMs` ago and
 *   answers how many; the creation date comes from the injected clock;
 * - at rest: an adapter that may hold PHI (PHI mode) encrypts it and is shared by every gateway
 *   instance; a local, unencrypted adapter is only for a process that cannot enable PHI mode.
 * Implementers must not log or put in errors the bytes, the metadata or the object keys.
 */
export interface UploadSpool {
  readonly expiryMs: number;
  create(upload: Upload): Promise<Upload>;
  write(stream: Readable, id: string, offset: number): Promise<number>;
  getUpload(id: string): Promise<Upload>;
  remove(id: string): Promise<void>;
  deleteExpired(): Promise<number>;
  content(id: string): Promise<Readable>;
  dictationOf(id: string): Promise<string | undefined>;
  markAccepted(id: string, dictationId: string): Promise<void>;
}

/** What an adapter keeps about an upload besides its bytes. */
export interface SpoolRecord {
  id: string;
  size: number;
  metadata: Record<string, string | null>;
  creation_date: string;
  /** Set once ingest accepted the completed upload; the bytes are gone from the spool by then. */
  dictationId?: string;
}

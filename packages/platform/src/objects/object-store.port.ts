import type { Readable } from 'node:stream';

/** Which bucket an object belongs to (HealthScribe reads from an input bucket and writes to an output bucket). */
export type BucketRole = 'input' | 'output';

/** A tenant-bound object reference. `key` must start with `${tenantId}/`. */
export interface ObjectRef {
  tenantId: string;
  bucket: BucketRole;
  key: string;
}

export interface StoredObject {
  size: number;
  sha256: string;
}

/**
 * Tenant-isolated, encrypted object storage (S3 with SSE-KMS, or filesystem with envelope encryption).
 * Contract:
 * - every object is encrypted at rest under the configured key with encryption context
 *   `{ tenantId }`; a ref whose key is not under `${tenantId}/` rejects with TenantBoundaryError;
 * - `put` streams: it never buffers the whole body; it returns size and sha256 of the plaintext;
 *   `maxBytes` aborts with PayloadTooLargeError and leaves no object behind;
 * - `get` returns the plaintext stream, NotFoundError when absent;
 * - `delete` is idempotent; `list` returns full keys (sorted) under `${tenantId}/${prefix ?? ''}`:
 *   `prefix` is relative to the tenant root, e.g. `list(t, 'input', '2024/05/')`.
 * Object keys and bucket names are internal identifiers: never put them in HTTP responses.
 */
export interface ObjectStore {
  put(ref: ObjectRef, body: Readable | Buffer, opts?: { contentType?: string; maxBytes?: number }): Promise<StoredObject>;
  get(ref: ObjectRef): Promise<Readable>;
  exists(ref: ObjectRef): Promise<boolean>;
  delete(ref: ObjectRef): Promise<void>;
  list(tenantId: string, bucket: BucketRole, prefix?: string): Promise<string[]>;
}

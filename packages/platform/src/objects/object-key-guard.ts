import type { BucketRole, ObjectRef } from './object-store.port.js';
import { TenantBoundaryError, ValidationError } from '../errors.js';

const BUCKET_ROLES: readonly BucketRole[] = ['input', 'output'];
// S3's own key limit; the filesystem adapter inherits it so both accept the same keys.
const MAX_KEY_BYTES = 1024;

function hasUnsafeSegment(path: string, allowTrailingSlash: boolean): boolean {
  if (path.includes('\\') || path.includes('\0')) return true;
  const segments = path.split('/');
  return segments.some((s, i) => {
    if (s === '.' || s === '..') return true;
    return s === '' && !(allowTrailingSlash && i === segments.length - 1);
  });
}

export function assertBucketRole(bucket: BucketRole): void {
  if (!BUCKET_ROLES.includes(bucket)) throw new ValidationError('unknown bucket role');
}

function assertTenantId(tenantId: string): void {
  if (typeof tenantId !== 'string' || tenantId.length === 0 || hasUnsafeSegment(tenantId, false) || tenantId.includes('/')) {
    throw new TenantBoundaryError('invalid tenant id for object storage');
  }
}

/**
 * Both adapters refuse, before any I/O, a key outside `${tenantId}/` or one that could resolve
 * elsewhere on a filesystem (`..`, `.`, empty segments, backslashes, absolute paths): a key that
 * names a tenant's folder must mean exactly that folder on every backend.
 */
export function assertTenantObjectRef(ref: ObjectRef): void {
  assertBucketRole(ref.bucket);
  assertTenantId(ref.tenantId);
  const root = `${ref.tenantId}/`;
  if (typeof ref.key !== 'string' || !ref.key.startsWith(root) || ref.key.length === root.length) {
    throw new TenantBoundaryError('object key is outside the tenant prefix');
  }
  if (hasUnsafeSegment(ref.key, false) || Buffer.byteLength(ref.key) > MAX_KEY_BYTES) {
    throw new TenantBoundaryError('object key is not a plain tenant path');
  }
}

/** Full key prefix for `list`: the optional prefix is relative to the tenant's root. */
export function tenantListPrefix(tenantId: string, prefix = ''): string {
  assertTenantId(tenantId);
  if (prefix.startsWith('/') || (prefix !== '' && hasUnsafeSegment(prefix, true))) {
    throw new TenantBoundaryError('list prefix is not a plain tenant path');
  }
  return `${tenantId}/${prefix}`;
}

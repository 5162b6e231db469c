import type { EncryptionContext } from './key-service.port.js';
import { ValidationError } from '../errors.js';

/**
 * The port requires every context to name its tenant; a context without one would bind a data key
 * to nothing, so both adapters refuse it before touching key material.
 */
export function assertTenantContext(context: EncryptionContext): void {
  const tenantId = context['tenantId'];
  if (typeof tenantId !== 'string' || tenantId.length === 0) {
    throw new ValidationError('encryption context must include a non-empty tenantId');
  }
}

/**
 * Canonical bytes of a context (keys sorted by code point), used as AES-GCM additional data: the
 * same pairs in any insertion order must authenticate, any other pairs must not.
 */
export function canonicalContext(context: EncryptionContext): Buffer {
  const sorted = Object.keys(context)
    .sort()
    .map((k) => [k, context[k]]);
  return Buffer.from(JSON.stringify(sorted), 'utf8');
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey, EncryptionContext, KeyService } from './key-service.port.js';
import { assertTenantContext, canonicalContext } from './encryption-context.js';
import { TenantBoundaryError, ValidationError } from '../errors.js';

export interface LocalKeyServiceOptions {
  /** 32-byte AES-256 master key (see loadOrCreateLocalMasterKey). */
  masterKey: Buffer;
  keyId: string;
}

// Wrapped data key layout: version(1) | nonce(12) | tag(16) | encrypted key(32).
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const WRAPPED_BYTES = 1 + NONCE_BYTES + TAG_BYTES + KEY_BYTES;

/**
 * Sandbox key service for the embedded mode: data keys are wrapped with AES-256-GCM under a local
 * master key, the canonical encryption context as additional data, so a key unwrapped under another
 * tenant's context fails authentication. It is not a managed KMS key (no rotation, no customer
 * control), which `describe` reports so readiness keeps PHI mode closed.
 */
export function createLocalKeyService(opts: LocalKeyServiceOptions): KeyService {
  if (opts.masterKey.length !== KEY_BYTES) throw new ValidationError('local master key must be 32 bytes');
  const masterKey = Buffer.from(opts.masterKey);
  const { keyId } = opts;

  return {
    async generateDataKey(context: EncryptionContext): Promise<DataKey> {
      assertTenantContext(context);
      const plaintext = randomBytes(KEY_BYTES);
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, nonce);
      cipher.setAAD(canonicalContext(context));
      const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const wrapped = Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), encrypted]);
      return { plaintext, wrapped, keyId };
    },

    async decrypt(wrapped: Buffer, context: EncryptionContext): Promise<Buffer> {
      assertTenantContext(context);
      if (wrapped.length !== WRAPPED_BYTES || wrapped[0] !== VERSION) {
        throw new ValidationError('wrapped data key is malformed');
      }
      const nonce = wrapped.subarray(1, 1 + NONCE_BYTES);
      const tag = wrapped.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
      const encrypted = wrapped.subarray(1 + NONCE_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', masterKey, nonce);
      decipher.setAAD(canonicalContext(context));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(encrypted), decipher.final()]);
      } catch {
        // GCM cannot tell a foreign context from a tampered blob; both mean "not yours".
        throw new TenantBoundaryError('data key does not match the encryption context');
      }
    },
  };
}

import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { DataKey, EncryptionContext, KeyService } from './key-service.port.js';
import { assertTenantContext } from './encryption-context.js';
import { AppError, DependencyUnavailableError, TenantBoundaryError } from '../errors.js';

export interface KmsKeyServiceOptions {
  client: KMSClient;
  /** Key id, ARN or alias of the customer-managed KMS key. */
  keyId: string;
}

// KMS answers a foreign encryption context (or a blob of another key) with these; both mean the
// wrapped key does not belong to the caller's tenant.
const BOUNDARY_ERRORS = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);

/**
 * Every other failure (network, throttling, disabled key, missing permission) leaves the key service
 * unusable: it is reported as DependencyUnavailableError so consumers hold and retry instead of
 * dead-lettering PHI they could not encrypt. The AWS error stays attached as `cause` for operators.
 */
function mapKmsError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = (err as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && BOUNDARY_ERRORS.has(name)) {
    return new TenantBoundaryError('data key does not match the encryption context');
  }
  return new DependencyUnavailableError('kms', err);
}

function toBuffer(bytes: Uint8Array | undefined, what: string): Buffer {
  if (!bytes) throw new DependencyUnavailableError('kms', new Error(`KMS response lacks ${what}`));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Envelope keys from AWS KMS: the encryption context is enforced by KMS itself on Decrypt. */
export function createKmsKeyService(opts: KmsKeyServiceOptions): KeyService {
  const { client, keyId } = opts;

  return {
    async generateDataKey(context: EncryptionContext): Promise<DataKey> {
      assertTenantContext(context);
      try {
        const out = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { ...context } }));
        return {
          plaintext: toBuffer(out.Plaintext, 'Plaintext'),
          wrapped: toBuffer(out.CiphertextBlob, 'CiphertextBlob'),
          keyId: out.KeyId ?? keyId,
        };
      } catch (err) {
        throw mapKmsError(err);
      }
    },

    async decrypt(wrapped: Buffer, context: EncryptionContext): Promise<Buffer> {
      assertTenantContext(context);
      try {
        // KeyId pins the expected key: a blob wrapped by any other key is rejected, not decrypted.
        const out = await client.send(new DecryptCommand({ CiphertextBlob: wrapped, EncryptionContext: { ...context }, KeyId: keyId }));
        return toBuffer(out.Plaintext, 'Plaintext');
      } catch (err) {
        throw mapKmsError(err);
      }
    },
  };
}

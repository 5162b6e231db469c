/** Encryption context: non-secret key/value pairs bound into the ciphertext (always includes tenantId). */
export type EncryptionContext = Readonly<Record<string, string>>;

export interface DataKey {
  /** 32-byte AES key; callers zero it after use. */
  plaintext: Buffer;
  /** The data key wrapped by the master key; safe to store beside the ciphertext. */
  wrapped: Buffer;
  /** Identifier of the wrapping master key (KMS key ARN or local key id). */
  keyId: string;
}

/**
 * Envelope-encryption key service (AWS KMS or a local master key).
 * Contract: `decrypt` succeeds only with the exact context given to `generateDataKey`; any other
 * context (e.g. another tenant's id) rejects with TenantBoundaryError. Implementers never log or return plaintext keys anywhere else.
 */
export interface KeyService {
  generateDataKey(context: EncryptionContext): Promise<DataKey>;
  decrypt(wrapped: Buffer, context: EncryptionContext): Promise<Buffer>;
}

import { sign, verify, type KeyObject } from 'node:crypto';

/**
 * A report's detached signature: Ed25519 over exactly the report's bytes, by the audit service's
 * active checkpoint signing key. Whoever holds the file, the signature and the public key (the same
 * key that signs checkpoints, registered in `audit.signing_keys`) can check that the file is the
 * one the service produced: one changed byte fails.
 */
export function signReport(bytes: Uint8Array, privateKey: KeyObject): Buffer {
  return sign(null, bytes, privateKey);
}

export function reportSignatureValid(bytes: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  try {
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}

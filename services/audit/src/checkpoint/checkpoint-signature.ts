import { sign, verify, type KeyObject } from 'node:crypto';
import { checkpointSigningInput, type AuditCheckpoint } from '@medicdraft/contracts';
import type { SigningKey } from './signing-keys.js';

/**
 * Signs a tree head with Ed25519 over the contract's `checkpointSigningInput` (versioned,
 * newline-separated: like a C2SP signed-note body, it names the log (tenant), size, root, and
 * additionally the key id and time, so a signature cannot be replayed under another key id).
 */
export function signCheckpoint(
  key: SigningKey,
  head: { tenantId: string; treeSize: number; rootHash: string; issuedAt: string },
): AuditCheckpoint {
  const unsigned = { ...head, keyId: key.keyId, algorithm: 'ed25519' as const };
  const signature = sign(null, Buffer.from(checkpointSigningInput(unsigned), 'utf8'), key.privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** True when `checkpoint.signature` is a valid Ed25519 signature of its signing input by `publicKey`. */
export function checkpointSignatureValid(checkpoint: AuditCheckpoint, publicKey: KeyObject): boolean {
  const { signature, ...unsigned } = checkpoint;
  try {
    return verify(null, Buffer.from(checkpointSigningInput(unsigned), 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

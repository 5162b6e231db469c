import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyIdOf } from '../checkpoint/signing-keys.js';

/**
 * Splits the keys registered in `audit.signing_keys` into those whose id is derived from their
 * public key (trusted when no key directory is pinned) and those whose id is not. A key id is
 * `ed25519-` + the first 16 hex digits of SHA-256 over the SPKI DER (keyIdOf), so an id can never
 * be re-pointed at another key or chosen by whoever registers one.
 */
export function trustedKeysFromRegistry(registered: ReadonlyMap<string, string>): {
  trusted: Map<string, KeyObject>;
  mismatched: Set<string>;
} {
  const trusted = new Map<string, KeyObject>();
  const mismatched = new Set<string>();
  for (const [id, pem] of registered) {
    let key: KeyObject | undefined;
    try {
      key = createPublicKey(pem);
    } catch {
      key = undefined;
    }
    if (key?.asymmetricKeyType === 'ed25519' && keyIdOf(key) === id) trusted.set(id, key);
    else mismatched.add(id);
  }
  return { trusted, mismatched };
}

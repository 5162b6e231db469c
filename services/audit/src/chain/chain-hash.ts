import { createHash } from 'node:crypto';

/** prev_hash of a tenant's first record: 32 zero bytes (hex). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One link of a tenant's hash chain: `hash = SHA-256(prev_hash ‖ canonical event)`, where
 * `prev_hash` is the 32 raw bytes of the previous record's hash (GENESIS_HASH for the first) and
 * the event is its canonical JSON (canonical-json.ts) as UTF-8. Hashes are lower-case hex.
 */
export function chainHash(prevHashHex: string, canonicalEvent: string): string {
  return createHash('sha256').update(Buffer.from(prevHashHex, 'hex')).update(canonicalEvent, 'utf8').digest('hex');
}

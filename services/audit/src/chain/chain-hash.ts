import { createHash, hash } from 'node:crypto';

/** prev_hash of a tenant's first record: 32 zero bytes (hex). */
export const GENESIS_HASH = '0'.repeat(64);

/** Reused input buffer: `prev ‖ event` is assembled here so a link costs one one-shot hash and no allocation. */
let scratch = Buffer.allocUnsafe(16 * 1024);

/**
 * One link of a tenant's hash chain: `hash = SHA-256(prev_hash ‖ canonical event)`, where
 * `prev_hash` is the 32 raw bytes of the previous record's hash (GENESIS_HASH for the first) and
 * the event is its canonical JSON (RFC 8785, `canonicalJson` of @medicdraft/platform) as UTF-8. Hashes are lower-case hex.
 */
export function chainHash(prevHashHex: string, canonicalEvent: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const bound = 32 + canonicalEvent.length * 3;
  if (bound > scratch.length) scratch = Buffer.allocUnsafe(Math.max(bound, scratch.length * 2));
  // A malformed prev hash (only a tampered copy can hold one) takes the reference path, which
  // hashes whatever bytes Buffer.from decodes, so the verdict does not depend on the fast path.
  if (prevHashHex.length !== 64 || scratch.write(prevHashHex, 0, 32, 'hex') !== 32) {
    return createHash('sha256').update(Buffer.from(prevHashHex, 'hex')).update(canonicalEvent, 'utf8').digest('hex');
  }
  const n = scratch.write(canonicalEvent, 32, 'utf8');
  return hash('sha256', scratch.subarray(0, 32 + n), 'hex');
}

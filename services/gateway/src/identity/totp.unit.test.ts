import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totpAt, verifyTotp } from './totp.js';

// RFC 6238 appendix B (SHA-1 rows, secret "12345678901234567890"), truncated to 6 digits:
// the 8-digit values' last 6 digits are the 6-digit codes.
const SECRET = base32Encode(Buffer.from('12345678901234567890'));
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    for (const [seconds, code] of VECTORS) {
      expect(hotp(base32Decode(SECRET), Math.floor(seconds / 30), 8)).toBe(code);
      expect(totpAt(SECRET, seconds * 1000)).toBe(code.slice(2));
    }
  });

  it('matches RFC 4226 HOTP vectors', () => {
    const secret = Buffer.from('12345678901234567890');
    expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('accepts one step of drift either way and rejects others', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(SECRET, totpAt(SECRET, now), now)).toBe(step);
    expect(verifyTotp(SECRET, totpAt(SECRET, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(SECRET, totpAt(SECRET, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(SECRET, totpAt(SECRET, now - 90_000), now)).toBeUndefined();
    expect(verifyTotp(SECRET, '12345', now)).toBeUndefined();
    expect(verifyTotp(SECRET, 'abcdef', now)).toBeUndefined();
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });
});

import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

describe('clientAddress (the address on access records)', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:DB8::5', '2001:db8::5'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::1', '::1'],
  ])('%s is recorded as %s', (ip, recorded) => {
    expect(clientAddress({ ip })).toBe(recorded);
  });

  it.each([[''], ['999.1.1.1'], ['not-an-address'], [undefined as unknown as string]])(
    '%s is not recorded (never a made-up or schema-breaking value)',
    (ip) => {
      expect(clientAddress({ ip })).toBeUndefined();
    },
  );
});

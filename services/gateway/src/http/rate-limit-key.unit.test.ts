import { describe, expect, it } from 'vitest';
import { NO_ADDRESS_KEY, rateLimitKey } from './rate-limit-key.js';

describe('rate-limit key', () => {
  it('is the address, an IPv6 client by its /64, and one shared bucket when the socket has no address', () => {
    expect(rateLimitKey({ ip: '10.9.9.9' })).toBe('10.9.9.9');
    expect(rateLimitKey({ ip: '::ffff:10.1.2.3' })).toBe('10.1.2.3');
    expect(rateLimitKey({ ip: '2001:db8:0:1:aaaa::1' })).toBe('2001:db8:0:1::/64');
    expect(rateLimitKey({ ip: '2001:DB8:0:1:ffff:ffff:ffff:ffff' })).toBe('2001:db8:0:1::/64');
    expect(rateLimitKey({ ip: '::1' })).toBe('0:0:0:0::/64');
    expect(rateLimitKey({ ip: 'fe80::1%eth0' })).toBe('fe80:0:0:0::/64');
    expect(rateLimitKey({ ip: '64:ff9b::10.0.0.1' })).toBe('64:ff9b:0:0::/64');
    expect(rateLimitKey({ ip: undefined as unknown as string })).toBe(NO_ADDRESS_KEY);
  });
});

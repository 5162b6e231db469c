import { isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** The bucket of requests whose socket has no address left (the client closed it already). */
export const NO_ADDRESS_KEY = 'no-address';

/**
 * The rate-limit bucket of a request: its address (`req.ip`, proxy-aware when trustProxy is
 * set), an IPv6 client by its /64 (one host usually owns a whole /64, so counting single
 * addresses would let it rotate past the limit), an IPv4-mapped IPv6 address as IPv4. A client
 * that closed its socket right after sending leaves no address: that is an aborted request, not
 * an error, and shares one bucket.
 */
export function rateLimitKey(req: Pick<FastifyRequest, 'ip'>): string {
  const ip = typeof req.ip === 'string' ? req.ip : '';
  if (ip === '') return NO_ADDRESS_KEY;
  if (!isIPv6(ip)) return ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  return `${ipv6Groups(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (zone and embedded IPv4 tail handled). */
function ipv6Groups(ip: string): string[] {
  let text = ip.split('%')[0]!.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

import { SourceAddressSchema } from '@medicdraft/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * The client's address for access records: `req.ip`, which follows `X-Forwarded-For` only as far
 * as TRUST_PROXY trusts the hops, so it is the address the gateway's own edge vouches for. An
 * IPv4-mapped IPv6 address is written as IPv4 and a zone suffix is dropped (both name the same
 * host); no address (the client closed its socket), or one the envelope's schema does not take
 * (the envelope is the judge), is `undefined`: a request is never refused, nor an
 * event made invalid, for how its address is written.
 */
export function clientAddress(req: Pick<FastifyRequest, 'ip'>): string | undefined {
  const raw = typeof req.ip === 'string' ? req.ip.split('%')[0]! : '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  const ip = mapped ? mapped[1]! : raw.toLowerCase();
  return SourceAddressSchema.safeParse(ip).success ? ip : undefined;
}

/** `{ sourceAddress }` for an event's init when the request has an address. */
export function sourceOf(req: Pick<FastifyRequest, 'ip'>): { sourceAddress?: string } {
  const address = clientAddress(req);
  return address === undefined ? {} : { sourceAddress: address };
}

/** The narrative API's header naming the client's address (its view/copy/export records carry it). */
export function clientAddressHeader(req: Pick<FastifyRequest, 'ip'>): { 'x-client-address'?: string } {
  const address = clientAddress(req);
  return address === undefined ? {} : { 'x-client-address': address };
}

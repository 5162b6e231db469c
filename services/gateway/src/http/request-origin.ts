import type { FastifyRequest } from 'fastify';

/**
 * `Sec-Fetch-Site` values that mean another site or a sibling subdomain started the request.
 * `same-site` is refused too: a session cookie is bound to this origin (`__Host-`), and a sibling
 * subdomain is exactly where a takeover or user content would attack from.
 */
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site']);

/** This request's own origin: `https` when cookies are Secure (TLS ends at a proxy), else the transport's. */
function ownOrigin(req: FastifyRequest, secure: boolean): string | undefined {
  try {
    // `req.host` and `req.protocol` follow X-Forwarded-Host/-Proto only under TRUST_PROXY.
    return new URL(`${secure ? 'https' : req.protocol}://${req.host}`).origin;
  } catch {
    return undefined;
  }
}

/**
 * True when the browser tells us another origin made this request: `Sec-Fetch-Site` is
 * cross-site or same-site, or an `Origin` header is present (including `null`) and differs from the
 * request's own origin. Requests without either header (non-browser clients) are not judged here;
 * the synchronizer token still applies to them. Defence in depth beside the token and SameSite.
 */
export function isCrossOrigin(req: FastifyRequest, opts: { secure: boolean }): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && FOREIGN_FETCH_SITES.has(site.toLowerCase())) return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  let claimed: string;
  try {
    claimed = new URL(origin).origin;
  } catch {
    return true;
  }
  // `null` (sandboxed frames, some redirects) parses to the opaque origin "null": never ours.
  return claimed === 'null' || claimed !== ownOrigin(req, opts.secure);
}

import { createHash } from 'node:crypto';
import { ROLES, UuidSchema, type Role } from '@medicdraft/contracts';
import { UnauthorizedError } from '@medicdraft/platform';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export interface OidcSettings {
  issuer: string;
  audience?: string;
  /** Claim holding the user's groups (Cognito: `cognito:groups`). */
  groupsClaim: string;
  /** Claim naming the user's tenant (Cognito custom attribute, e.g. `custom:tenant_id`). */
  tenantClaim: string;
  /** Groups `<prefix><role>` map to roles. */
  groupPrefix: string;
}

export interface OidcIdentity {
  userId: string;
  tenantId: string;
  role: Role;
  /** The token says a second factor was used (`amr` contains `mfa`, `otp` or `hwk`). */
  mfa: boolean;
}

// Decision: a user in several role groups gets the most privileged one, in this order; owners
// and admins are expected to be in exactly one group, and the MFA rule applies to the result.
const PRECEDENCE: readonly Role[] = ['owner', 'admin', 'qa', 'provider'];
const MFA_AMR = new Set(['mfa', 'otp', 'hwk', 'swk']);

/** The `sub` as a uuid when it is one (Cognito), else a stable uuid-shaped digest of issuer + sub. */
export function userIdFromSubject(issuer: string, sub: string): string {
  if (UuidSchema.safeParse(sub).success) return sub.toLowerCase();
  const h = createHash('sha256').update(`${issuer}\n${sub}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function roleFromGroups(groups: unknown, prefix: string): Role | undefined {
  if (!Array.isArray(groups)) return undefined;
  const names = new Set(groups.filter((g): g is string => typeof g === 'string'));
  return PRECEDENCE.find((role) => names.has(`${prefix}${role}`) && (ROLES as readonly string[]).includes(role));
}

/**
 * Verifies an OIDC ID token (signature against the issuer's JWKS, `iss`, `aud`, `exp`/`nbf`)
 * and maps it to a tenant identity. `keys` is the JWKS resolver: the remote set of the issuer in
 * production, a local set in tests. Any failure is one 401 (the reason is not disclosed).
 */
export function createOidcVerifier(settings: OidcSettings, keys: JWTVerifyGetKey, clock: () => number) {
  return async function verify(idToken: string): Promise<OidcIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, keys, {
        issuer: settings.issuer,
        ...(settings.audience === undefined ? {} : { audience: settings.audience }),
        currentDate: new Date(clock()),
        algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
      }));
    } catch {
      throw new UnauthorizedError('invalid identity token');
    }
    const tenantId = payload[settings.tenantClaim];
    const role = roleFromGroups(payload[settings.groupsClaim], settings.groupPrefix);
    if (typeof payload.sub !== 'string' || typeof tenantId !== 'string' || role === undefined)
      throw new UnauthorizedError('identity token lacks tenant or role');
    const amr = Array.isArray(payload['amr']) ? payload['amr'] : [];
    return {
      userId: userIdFromSubject(settings.issuer, payload.sub),
      tenantId,
      role,
      mfa: amr.some((m) => typeof m === 'string' && MFA_AMR.has(m)),
    };
  };
}
export type OidcVerifier = ReturnType<typeof createOidcVerifier>;

export function remoteJwks(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl));
}

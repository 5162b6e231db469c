import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness } from '../testing/gateway-harness.js';
import { roleFromGroups, userIdFromSubject } from './oidc-verifier.js';

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool';
const AUDIENCE = 'medicdraft-web';
const SUB = '6b1f0c2e-4d5a-4e3b-9c8d-7a6b5c4d3e2f';

describe('OIDC/Cognito sign-in against a local JWKS', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let key: CryptoKey;
  let rogue: CryptoKey;

  const token = (
    claims: Record<string, unknown>,
    opts: { signer?: CryptoKey; issuer?: string; audience?: string; expiresIn?: number } = {},
  ) =>
    new SignJWT({ 'custom:tenant_id': TENANT_A.id, 'cognito:groups': ['medicdraft-provider'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(opts.issuer ?? ISSUER)
      .setAudience(opts.audience ?? AUDIENCE)
      .setSubject(SUB)
      .setIssuedAt(Math.floor(h.now() / 1000))
      .setExpirationTime(Math.floor(h.now() / 1000) + (opts.expiresIn ?? 300))
      .sign(opts.signer ?? key);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    rogue = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    h = await startGatewayHarness({
      auth: {
        oidc: {
          issuer: ISSUER,
          audience: AUDIENCE,
          groupsClaim: 'cognito:groups',
          tenantClaim: 'custom:tenant_id',
          groupPrefix: 'medicdraft-',
        },
      },
      oidcKeys: createLocalJWKSet({ keys: [jwk] }),
    });
  });
  afterAll(async () => h.close());

  const signIn = (idToken: string, tenant: string = TENANT_A.id) =>
    h.inject({ method: 'POST', url: '/v1/auth/oidc', payload: { tenant, idToken } });
  const lastLogin = async (tenant: string = TENANT_A.id) => (await h.outbox(tenant)).filter((e) => e.type === 'auth.login').at(-1)!;

  it('maps Cognito groups to a role and starts a session', async () => {
    const res = await signIn(await token({}));
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({ id: SUB, tenantId: TENANT_A.id, role: 'provider', method: 'oidc', mfa: false });
    const cookie = `md_session=${res.cookies[0]!.value}`;
    const me = await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie } });
    expect(me.json().permissions).toEqual(['dictation:create', 'dictation:review_own', 'dictation:copy_narrative']);
    expect((await lastLogin()).payload).toEqual({ userId: SUB, role: 'provider', method: 'oidc', mfa: false, outcome: 'success' });
  });

  it('requires an MFA amr for admin and owner', async () => {
    const noMfa = await signIn(await token({ 'cognito:groups': ['medicdraft-admin'] }));
    expect(noMfa.statusCode).toBe(401);
    expect(noMfa.json().error).toBe('mfa_required');
    expect((await lastLogin()).payload).toMatchObject({ outcome: 'mfa_required', role: 'admin' });
    const mfa = await signIn(await token({ 'cognito:groups': ['medicdraft-admin'], amr: ['pwd', 'mfa'] }));
    expect(mfa.statusCode).toBe(200);
    expect(mfa.json().user).toMatchObject({ role: 'admin', mfa: true });
  });

  it('rejects a foreign signature, wrong issuer or audience, an expired token, another tenant, no role group', async () => {
    const bad = [
      await token({}, { signer: rogue }),
      await token({}, { issuer: 'https://evil.example' }),
      await token({}, { audience: 'other-app' }),
      await token({}, { expiresIn: -10 }),
      await token({ 'cognito:groups': ['someone-else'] }),
      'not.a.valid.jwt-token',
    ];
    for (const t of bad) {
      const res = await signIn(t);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('unauthorized');
    }
    const otherTenant = await signIn(await token({}), TENANT_B.id);
    expect(otherTenant.statusCode).toBe(401);
    expect((await lastLogin(TENANT_B.id)).payload).toEqual({ method: 'oidc', mfa: false, outcome: 'invalid_credentials' });
  });

  it('picks the most privileged role group and derives a stable uuid for a non-uuid subject', () => {
    expect(roleFromGroups(['p-qa', 'p-owner', 'p-provider'], 'p-')).toBe('owner');
    expect(roleFromGroups(['qa'], 'p-')).toBeUndefined();
    expect(roleFromGroups('owner', '')).toBeUndefined();
    const id = userIdFromSubject(ISSUER, 'auth0|12345');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(userIdFromSubject(ISSUER, 'auth0|12345')).toBe(id);
    expect(userIdFromSubject('https://other', 'auth0|12345')).not.toBe(id);
  });
});

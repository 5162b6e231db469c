import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../identity/totp.js';
import { scanForBoundaryLeaks } from '../testing/boundary-scan.js';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness } from '../testing/gateway-harness.js';

describe('gateway identity: password + TOTP, sessions, CSRF, throttling', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({ auth: { throttle: { maxPerAccount: 3, maxPerAddress: 50, windowMs: 60_000 } } });
  });
  afterAll(async () => h.close());

  const loginBody = (tenant: string, role: 'provider' | 'qa' | 'admin' | 'owner', over: Record<string, unknown> = {}) => {
    const c = h.credential(tenant, role);
    return { tenant, email: c.email, password: h.password(c), ...over };
  };

  it('seeds one user per role per demo tenant with distinct random passwords and TOTP for admin/owner only', () => {
    expect(h.credentials).toHaveLength(8);
    expect(new Set(h.credentials.map((c) => c.oneTimePassword)).size).toBe(8);
    for (const c of h.credentials) expect(Boolean(c.totpSecret)).toBe(c.role === 'admin' || c.role === 'owner');
  });

  it('signs a provider in with an httpOnly SameSite=Strict cookie and emits auth.login success', async () => {
    const res = await h.inject({ method: 'POST', url: '/v1/auth/login', payload: loginBody(TENANT_A.id, 'provider') });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^md_session=[\w-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');
    const body = res.json();
    expect(body.user).toMatchObject({ tenantId: TENANT_A.id, role: 'provider', method: 'password', mfa: false });
    expect(body.permissions).toEqual(['dictation:create', 'dictation:review_own', 'dictation:copy_narrative']);
    const last = (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'auth.login').at(-1)!;
    expect(last.payload).toEqual({ userId: body.user.id, role: 'provider', method: 'password', mfa: false, outcome: 'success' });
    expect(JSON.stringify(last)).not.toContain('@');
  });

  it('requires TOTP for admin and owner, refuses a wrong or replayed code', async () => {
    const c = h.credential(TENANT_A.id, 'owner');
    const noCode = await h.inject({ method: 'POST', url: '/v1/auth/login', payload: loginBody(TENANT_A.id, 'owner') });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toEqual({ error: 'mfa_required', message: 'a TOTP code is required for this account' });
    h.advance(30_000);
    const bad = await h.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: loginBody(TENANT_A.id, 'owner', { totp: totpAt(c.totpSecret!, h.now() - 120_000) }),
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toBe('unauthorized');
    const code = totpAt(c.totpSecret!, h.now());
    const ok = await h.inject({ method: 'POST', url: '/v1/auth/login', payload: loginBody(TENANT_A.id, 'owner', { totp: code }) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mfa).toBe(true);
    const replay = await h.inject({ method: 'POST', url: '/v1/auth/login', payload: loginBody(TENANT_A.id, 'owner', { totp: code }) });
    expect(replay.statusCode).toBe(401);
    const outcomes = (await h.outbox(TENANT_A.id))
      .filter((e) => e.type === 'auth.login')
      .slice(-4)
      .map((e) => (e.payload as { outcome: string }).outcome);
    expect(outcomes).toEqual(['mfa_required', 'mfa_invalid', 'success', 'mfa_invalid']);
  });

  it('gives one answer for a wrong password, an unknown e-mail and an unknown tenant, and records each', async () => {
    const wrong = await h.inject({ method: 'POST', url: '/v1/auth/login', payload: loginBody(TENANT_B.id, 'qa', { password: 'nope' }) });
    const unknown = await h.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { tenant: TENANT_B.id, email: 'nobody@x.invalid', password: 'x' },
    });
    const noTenant = await h.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { tenant: 'no-such-tenant', email: 'a@b.invalid', password: 'x' },
    });
    for (const r of [wrong, unknown, noTenant]) expect(r.json()).toEqual({ error: 'unauthorized', message: 'invalid credentials' });
    const b = (await h.outbox(TENANT_B.id)).filter((e) => e.type === 'auth.login').slice(-2);
    expect(b.map((e) => (e.payload as { outcome: string }).outcome)).toEqual(['invalid_credentials', 'invalid_credentials']);
    expect(b[0]!.payload).toHaveProperty('userId');
    expect(b[1]!.payload).not.toHaveProperty('userId');
    const unknownTenant = await h.outbox('no-such-tenant');
    expect(unknownTenant.map((e) => (e.payload as { outcome: string }).outcome)).toEqual(['unknown_tenant']);
  });

  it('locks an account after repeated failures (429, locked), even for the right password, until the window passes', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await h.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: loginBody(TENANT_B.id, 'provider', { password: `wrong-${i}` }),
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await h.inject({ method: 'POST', url: '/v1/auth/login', payload: loginBody(TENANT_B.id, 'provider') });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('too_many_attempts');
    const last = (await h.outbox(TENANT_B.id)).filter((e) => e.type === 'auth.login').at(-1)!;
    expect((last.payload as { outcome: string }).outcome).toBe('locked');
    h.advance(61_000);
    h.openGates();
    const again = await h.inject({ method: 'POST', url: '/v1/auth/login', payload: loginBody(TENANT_B.id, 'provider') });
    expect(again.statusCode).toBe(200);
  });

  it('locks an address after too many failures across accounts', async () => {
    const small = await startGatewayHarness({ auth: { throttle: { maxPerAccount: 100, maxPerAddress: 2, windowMs: 60_000 } } });
    try {
      for (const email of ['a@x.invalid', 'b@x.invalid']) {
        expect(
          (await small.inject({ method: 'POST', url: '/v1/auth/login', payload: { tenant: TENANT_A.id, email, password: 'x' } }))
            .statusCode,
        ).toBe(401);
      }
      const c = small.credential(TENANT_A.id, 'provider');
      const r = await small.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { tenant: TENANT_A.id, email: c.email, password: small.password(c) },
      });
      expect(r.statusCode).toBe(429);
      const other = await small.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: '10.0.0.9',
        payload: { tenant: TENANT_A.id, email: c.email, password: small.password(c) },
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('rotates the session id at login and revokes the previous one', async () => {
    const first = await h.login(TENANT_A.id, 'qa');
    const c = h.credential(TENANT_A.id, 'qa');
    const res = await h.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { cookie: first.cookie },
      payload: { tenant: TENANT_A.id, email: c.email, password: h.password(c) },
    });
    expect(res.statusCode).toBe(200);
    const second = `md_session=${res.cookies.find((k) => k.name === 'md_session')!.value}`;
    expect(second).not.toBe(first.cookie);
    expect((await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    expect((await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: second } })).statusCode).toBe(200);
  });

  it('expires a session after the idle timeout and after the absolute timeout despite activity', async () => {
    const s = await h.login(TENANT_A.id, 'provider');
    h.advance(15 * 60_000);
    const idle = await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: s.cookie } });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().message).toBe('session expired');

    const busy = await h.login(TENANT_A.id, 'provider');
    for (let elapsed = 0; elapsed < 8 * 3_600_000 - 10 * 60_000; elapsed += 10 * 60_000) {
      h.advance(10 * 60_000);
      expect((await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: busy.cookie } })).statusCode).toBe(200);
    }
    h.advance(10 * 60_000);
    expect((await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: busy.cookie } })).statusCode).toBe(401);
    h.openGates();
  });

  it('requires the CSRF token on unsafe methods, and logout revokes the session server-side', async () => {
    const s = await h.login(TENANT_A.id, 'provider');
    const noToken = await h.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie: s.cookie } });
    expect(noToken.statusCode).toBe(403);
    const denied = (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'access.denied').at(-1)!;
    expect(denied.payload).toMatchObject({ routeCode: 'auth.logout', reasonCode: 'csrf_failed', status: 403 });
    const wrong = await h.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    const out = await h.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/md_session=;/);
    expect((await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('keeps secrets out of /v1/me and user listings', async () => {
    const owner = await h.login(TENANT_A.id, 'owner');
    const me = await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: owner.cookie } });
    expect(me.json().user.email).toBe(h.credential(TENANT_A.id, 'owner').email);
    const users = await h.inject({ method: 'GET', url: `/v1/tenants/${TENANT_A.id}/users`, headers: { cookie: owner.cookie } });
    expect(users.statusCode).toBe(200);
    const text = users.body;
    expect(text).not.toMatch(/argon2|password_hash|totp_secret/);
    for (const c of h.credentials) {
      expect(text).not.toContain(c.oneTimePassword);
      expect(text).not.toContain(h.password(c));
      if (c.totpSecret) expect(text).not.toContain(c.totpSecret);
    }
  });

  it('leaks no storage identifiers or other tenants ids in any response of this file', () => {
    expect(h.responses.length).toBeGreaterThan(10);
    const found = scanForBoundaryLeaks(h.responses, { tenants: [TENANT_A.id, TENANT_B.id, 'no-such-tenant'] });
    expect(found).toEqual([]);
  });
});

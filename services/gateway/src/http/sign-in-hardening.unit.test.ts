import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTP_STEP_MS, totpAt } from '../identity/totp.js';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness } from '../testing/gateway-harness.js';

const login = (h: GatewayHarness, payload: Record<string, unknown>) => h.inject({ method: 'POST', url: '/v1/auth/login', payload });

describe('sign-in hardening: one-time demo passwords, canonical e-mails, reused TOTP codes', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    // The demo users exactly as a first start leaves them: nobody has signed in yet.
    h = await startGatewayHarness({
      completeFirstSignIn: false,
      auth: { throttle: { maxPerAccount: 3, maxPerAddress: 100, windowMs: 60_000 } },
    });
  });
  afterAll(async () => h.close());

  it('the printed demo password works once: the first sign-in must set a new password', async () => {
    const c = h.credential(TENANT_A.id, 'provider');
    const first = await login(h, { tenant: TENANT_A.id, email: c.email, password: c.oneTimePassword });
    expect(first.statusCode).toBe(403);
    expect(first.json()).toEqual({ error: 'password_change_required', message: expect.stringMatching(/new password/) });
    expect(first.cookies.find((k) => k.name === 'md_session')).toBeUndefined();
    const same = await login(h, { tenant: TENANT_A.id, email: c.email, password: c.oneTimePassword, newPassword: c.oneTimePassword });
    expect(same.statusCode).toBe(400);
    const changed = await login(h, {
      tenant: TENANT_A.id,
      email: c.email,
      password: c.oneTimePassword,
      newPassword: 'my own passphrase 1',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await login(h, { tenant: TENANT_A.id, email: c.email, password: c.oneTimePassword })).statusCode).toBe(401);
    expect((await login(h, { tenant: TENANT_A.id, email: c.email, password: 'my own passphrase 1' })).statusCode).toBe(200);
    const outcomes = (await h.outbox(TENANT_A.id))
      .filter((e) => e.type === 'auth.login')
      .slice(0, 4)
      .map((e) => (e.payload as { outcome: string }).outcome);
    expect(outcomes).toEqual(['password_change_required', 'success', 'invalid_credentials', 'success']);
  });

  it('a forced change keeps the TOTP code unused until the new password is given (admin, owner)', async () => {
    const c = h.credential(TENANT_A.id, 'owner');
    h.advance(TOTP_STEP_MS);
    const code = totpAt(c.totpSecret!, h.now());
    const first = await login(h, { tenant: TENANT_A.id, email: c.email, password: c.oneTimePassword, totp: code });
    expect(first.json().error).toBe('password_change_required');
    const changed = await login(h, {
      tenant: TENANT_A.id,
      email: c.email,
      password: c.oneTimePassword,
      totp: code,
      newPassword: 'owner passphrase 42',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.mfa).toBe(true);
  });

  it('tells the user to wait for the next code when a TOTP code was already used', async () => {
    const c = h.credential(TENANT_A.id, 'owner');
    h.advance(TOTP_STEP_MS);
    const code = totpAt(c.totpSecret!, h.now());
    const ok = await login(h, { tenant: TENANT_A.id, email: c.email, password: 'owner passphrase 42', totp: code });
    expect(ok.statusCode).toBe(200);
    const cookie = `md_session=${ok.cookies.find((k) => k.name === 'md_session')!.value}`;
    expect(
      (await h.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie, 'x-csrf-token': ok.json().csrfToken } })).statusCode,
    ).toBe(204);
    const reused = await login(h, { tenant: TENANT_A.id, email: c.email, password: 'owner passphrase 42', totp: code });
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toEqual({ error: 'totp_reused', message: expect.stringMatching(/already used.*next code/) });
    h.advance(TOTP_STEP_MS);
    expect(
      (await login(h, { tenant: TENANT_A.id, email: c.email, password: 'owner passphrase 42', totp: totpAt(c.totpSecret!, h.now()) }))
        .statusCode,
    ).toBe(200);
  });

  it('counts failures under the canonical e-mail: case, spaces and compatibility forms lock the same account', async () => {
    const c = h.credential(TENANT_B.id, 'qa');
    const [local, domain] = c.email.split('@') as [string, string];
    const fullwidth = [...local].map((ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).join('');
    const variants = [`  ${c.email.toUpperCase()}  `, `${local.toUpperCase()}@${domain}\t`, `${fullwidth}@${domain}`];
    for (const email of variants) expect((await login(h, { tenant: TENANT_B.id, email, password: 'wrong password' })).statusCode).toBe(401);
    const locked = await login(h, { tenant: TENANT_B.id, email: c.email, password: c.oneTimePassword });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('too_many_attempts');
  });
});

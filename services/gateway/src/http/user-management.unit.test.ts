import { hasPermission, ROLE_PERMISSIONS, ROLES, type Role } from '@medicdraft/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../identity/totp.js';
import { createUserRepository } from '../identity/user.repository.js';
import { startGatewayHarness, TENANT_A, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

/** Seed 000's table decides: a role may be managed only by a role holding every one of its permissions. */
const manageable = (actor: Role, target: Role) =>
  hasPermission(actor, 'admin:manage_users') && ROLE_PERMISSIONS[target].every((p) => hasPermission(actor, p));
const ACTIONS = ['create', 'change_role', 'reset', 'deactivate', 'reactivate'] as const;

describe('user management: least privilege, enrolment instead of shared credentials', { timeout: 120_000 }, () => {
  let h: GatewayHarness;
  const signedIn = new Map<Role, SignedIn>();
  let seq = 0;
  const t = TENANT_A.id;
  const as = (s: SignedIn) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

  beforeAll(async () => {
    h = await startGatewayHarness();
    for (const role of ROLES) signedIn.set(role, await h.login(t, role));
  });
  afterAll(async () => h.close());

  /** A user of `role` made by the owner (not enrolled), for an action to act on. */
  async function ownerMakes(role: Role): Promise<string> {
    const res = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${t}/users`,
      headers: as(signedIn.get('owner')!),
      payload: { email: `target-${++seq}@matrix.invalid`, role },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ user: { id: string } }>().user.id;
  }

  async function act(actor: Role, action: (typeof ACTIONS)[number], target: Role, from: Role = target) {
    const headers = as(signedIn.get(actor)!);
    switch (action) {
      case 'create':
        return h.inject({
          method: 'POST',
          url: `/v1/tenants/${t}/users`,
          headers,
          payload: { email: `new-${++seq}@matrix.invalid`, role: target },
        });
      case 'change_role':
        return h.inject({ method: 'PATCH', url: `/v1/tenants/${t}/users/${await ownerMakes(from)}`, headers, payload: { role: target } });
      case 'reset':
        return h.inject({ method: 'POST', url: `/v1/tenants/${t}/users/${await ownerMakes(target)}/reset`, headers });
      case 'deactivate':
        return h.inject({ method: 'POST', url: `/v1/tenants/${t}/users/${await ownerMakes(target)}/deactivate`, headers });
      case 'reactivate': {
        const id = await ownerMakes(target);
        expect(
          (await h.inject({ method: 'POST', url: `/v1/tenants/${t}/users/${id}/deactivate`, headers: as(signedIn.get('owner')!) }))
            .statusCode,
        ).toBe(200);
        return h.inject({ method: 'POST', url: `/v1/tenants/${t}/users/${id}/reactivate`, headers });
      }
    }
  }

  // Generated: every acting role × target role × action (role changes: every from × to pair).
  interface Case {
    actor: Role;
    action: (typeof ACTIONS)[number];
    target: Role;
    from: Role;
  }
  const cases: Case[] = ROLES.flatMap((actor) =>
    ACTIONS.flatMap((action) =>
      action === 'change_role'
        ? ROLES.flatMap((from) => ROLES.filter((to) => to !== from).map((to): Case => ({ actor, action, target: to, from })))
        : ROLES.map((target): Case => ({ actor, action, target, from: target })),
    ),
  );

  it.each(cases)('$actor $action $from → $target', async ({ actor, action, target, from }) => {
    const res = await act(actor, action, target, from);
    const allowed = manageable(actor, target) && manageable(actor, from);
    if (allowed) {
      expect(res.statusCode, res.body).toBe(action === 'create' ? 201 : action === 'reset' ? 202 : 200);
    } else {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toEqual({ error: 'forbidden', message: expect.any(String) });
    }
    // Nothing a creator receives is a credential of the other user.
    expect(res.body).not.toMatch(/password|totpSecret|token/i);
    for (const m of h.mail) expect(res.body).not.toContain(m.token);
  });

  it('an admin can no longer mint a QA user to read narratives (the reported escalation)', async () => {
    const res = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${t}/users`,
      headers: as(signedIn.get('admin')!),
      payload: { email: 'escalate@x.invalid', role: 'qa' },
    });
    expect(res.statusCode).toBe(403);
    const denied = (await h.outbox(t)).filter((e) => e.type === 'access.denied').at(-1)!;
    expect(denied.payload).toMatchObject({ routeCode: 'users.create', reasonCode: 'missing_permission', status: 403 });
  });

  it('a user invited with a display name is shown by that name (the user list, every name lookup); without one, by e-mail', async () => {
    const created = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${t}/users`,
      headers: as(signedIn.get('owner')!),
      payload: { email: 'dana.whitfield@example.invalid', role: 'provider', displayName: '  Dana Whitfield, EMT-P ' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ user: { id: string; displayName: string | null } }>().user.id;
    expect(created.json<{ user: { displayName: string | null } }>().user.displayName).toBe('Dana Whitfield, EMT-P');
    const list = await h.inject({ method: 'GET', url: `/v1/tenants/${t}/users`, headers: as(signedIn.get('owner')!) });
    expect(list.json<{ id: string; displayName: string | null }[]>().find((u) => u.id === id)?.displayName).toBe('Dana Whitfield, EMT-P');
    const plain = await ownerMakes('provider');
    const names = await createUserRepository(h.db).namesOf(t, [id, plain]);
    expect(names.get(id)).toBe('Dana Whitfield, EMT-P');
    expect(names.get(plain)).toMatch(/^target-\d+@matrix\.invalid$/);
    // A name is text a person reads: control characters and an empty name are refused with a 400.
    for (const displayName of ['', 'Dana\u0000W', 'x'.repeat(121)]) {
      const bad = await h.inject({
        method: 'POST',
        url: `/v1/tenants/${t}/users`,
        headers: as(signedIn.get('owner')!),
        payload: { email: `bad-${++seq}@matrix.invalid`, role: 'provider', displayName },
      });
      expect(bad.statusCode, displayName).toBe(400);
    }
  });

  it('mails a single-use, expiring enrolment link; the new user sets the password and signs in', async () => {
    const email = 'Medic.One@Example.Invalid ';
    const created = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${t}/users`,
      headers: as(signedIn.get('owner')!),
      payload: { email, role: 'provider' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({
      email: 'medic.one@example.invalid',
      role: 'provider',
      enrolled: false,
      lastSignInAt: null,
    });
    const mail = h.mail.at(-1)!;
    expect(mail.to).toBe('medic.one@example.invalid');
    expect(mail.link).toContain(`#tenant=${t}&token=${mail.token}`);
    // Stored hashed: the token itself is nowhere in the database.
    const { rows } = await h.db.withTenant(t, (tx) => tx.query<{ token_sha256: string }>('SELECT token_sha256 FROM enrolments'));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(mail.token);

    const before = await h.inject({ method: 'POST', url: '/v1/auth/login', payload: { tenant: t, email, password: 'anything-at-all' } });
    expect(before.statusCode).toBe(401);
    const info = await h.inject({ method: 'POST', url: '/v1/auth/enrolment', payload: { tenant: t, token: mail.token } });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ email: 'medic.one@example.invalid', role: 'provider', totpRequired: false });
    const weak = await h.inject({
      method: 'POST',
      url: '/v1/auth/enrolment/complete',
      payload: { tenant: t, token: mail.token, password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const done = await h.inject({
      method: 'POST',
      url: '/v1/auth/enrolment/complete',
      payload: { tenant: t, token: mail.token, password: 'a long passphrase 1' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.role).toBe('provider');
    const again = await h.inject({
      method: 'POST',
      url: '/v1/auth/enrolment/complete',
      payload: { tenant: t, token: mail.token, password: 'another passphrase 2' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe('invalid_enrolment');
    const login = await h.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { tenant: t, email: 'MEDIC.ONE@example.invalid', password: 'a long passphrase 1' },
    });
    expect(login.statusCode).toBe(200);
    // The user screen shows when each user last signed in (the enrolment's sign-in, then this one).
    const listed = await h.inject({ method: 'GET', url: `/v1/tenants/${t}/users`, headers: as(signedIn.get('owner')!) });
    const medic = listed.json<{ email: string; lastSignInAt: string | null }[]>().find((u) => u.email === 'medic.one@example.invalid')!;
    expect(medic.lastSignInAt).not.toBeNull();
    expect(Number.isNaN(Date.parse(medic.lastSignInAt!))).toBe(false);
  });

  it('enrols TOTP for roles that need it, and refuses an expired link', async () => {
    const created = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${t}/users`,
      headers: as(signedIn.get('owner')!),
      payload: { email: 'second.admin@x.invalid', role: 'admin' },
    });
    expect(created.statusCode).toBe(201);
    const { token } = h.mail.at(-1)!;
    const info = (await h.inject({ method: 'POST', url: '/v1/auth/enrolment', payload: { tenant: t, token } })).json();
    expect(info.totpRequired).toBe(true);
    expect(info.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    const noCode = await h.inject({
      method: 'POST',
      url: '/v1/auth/enrolment/complete',
      payload: { tenant: t, token, password: 'a long passphrase 3' },
    });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error).toBe('mfa_required');
    const ok = await h.inject({
      method: 'POST',
      url: '/v1/auth/enrolment/complete',
      payload: { tenant: t, token, password: 'a long passphrase 3', totp: totpAt(info.totpSecret, h.now()) },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user).toMatchObject({ role: 'admin', mfa: true });

    await h.inject({
      method: 'POST',
      url: `/v1/tenants/${t}/users`,
      headers: as(signedIn.get('owner')!),
      payload: { email: 'late@x.invalid', role: 'provider' },
    });
    const late = h.mail.at(-1)!;
    h.advance(73 * 3_600_000);
    h.openGates();
    const expired = await h.inject({ method: 'POST', url: '/v1/auth/enrolment', payload: { tenant: t, token: late.token } });
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toEqual({ error: 'invalid_enrolment', message: expect.stringMatching(/invalid, used or expired/) });
    for (const role of ROLES) signedIn.set(role, await h.login(t, role));
  });

  it('reset, role change and deactivation end the user’s sessions; a reset voids the old password', async () => {
    const owner = signedIn.get('owner')!;
    const created = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${t}/users`,
      headers: as(owner),
      payload: { email: 'reset.me@x.invalid', role: 'provider' },
    });
    const id = created.json().user.id as string;
    const first = h.mail.at(-1)!;
    expect(
      (
        await h.inject({
          method: 'POST',
          url: '/v1/auth/enrolment/complete',
          payload: { tenant: t, token: first.token, password: 'first passphrase 11' },
        })
      ).statusCode,
    ).toBe(200);
    const signIn = async (password: string) =>
      h.inject({ method: 'POST', url: '/v1/auth/login', payload: { tenant: t, email: 'reset.me@x.invalid', password } });
    const session = `md_session=${(await signIn('first passphrase 11')).cookies.find((c) => c.name === 'md_session')!.value}`;
    const me = () => h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: session } });
    expect((await me()).statusCode).toBe(200);

    const reset = await h.inject({ method: 'POST', url: `/v1/tenants/${t}/users/${id}/reset`, headers: as(owner) });
    expect(reset.statusCode).toBe(202);
    expect((await me()).statusCode).toBe(401);
    expect((await signIn('first passphrase 11')).statusCode).toBe(401);
    const second = h.mail.at(-1)!;
    expect(second.token).not.toBe(first.token);
    expect(
      (
        await h.inject({
          method: 'POST',
          url: '/v1/auth/enrolment/complete',
          payload: { tenant: t, token: second.token, password: 'second passphrase 22' },
        })
      ).statusCode,
    ).toBe(200);

    const s2 = `md_session=${(await signIn('second passphrase 22')).cookies.find((c) => c.name === 'md_session')!.value}`;
    expect(
      (await h.inject({ method: 'PATCH', url: `/v1/tenants/${t}/users/${id}`, headers: as(owner), payload: { role: 'qa' } })).statusCode,
    ).toBe(200);
    expect((await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: s2 } })).statusCode).toBe(401);
    const s3 = await signIn('second passphrase 22');
    expect(s3.json().user.role).toBe('qa');
    const cookie3 = `md_session=${s3.cookies.find((c) => c.name === 'md_session')!.value}`;
    expect((await h.inject({ method: 'POST', url: `/v1/tenants/${t}/users/${id}/deactivate`, headers: as(owner) })).statusCode).toBe(200);
    expect((await h.inject({ method: 'GET', url: '/v1/me', headers: { cookie: cookie3 } })).statusCode).toBe(401);
    expect((await signIn('second passphrase 22')).statusCode).toBe(401);
  });

  it('refuses to change one’s own role or deactivate oneself', async () => {
    const owner = signedIn.get('owner')!;
    const self = await h.inject({
      method: 'PATCH',
      url: `/v1/tenants/${t}/users/${owner.userId}`,
      headers: as(owner),
      payload: { role: 'provider' },
    });
    expect(self.statusCode).toBe(409);
    const off = await h.inject({ method: 'POST', url: `/v1/tenants/${t}/users/${owner.userId}/deactivate`, headers: as(owner) });
    expect(off.statusCode).toBe(409);
  });

  it('records every user change as admin.user.updated without the e-mail', async () => {
    const events = (await h.outbox(t)).filter((e) => e.type === 'admin.user.updated');
    const actions = new Set(events.map((e) => (e.payload as { action: string }).action));
    expect([...actions].sort()).toEqual(['created', 'deactivated', 'enrolled', 'reactivated', 'reset', 'role_changed']);
    expect(JSON.stringify(events)).not.toContain('@');
    // Every change names the client's address (the harness injects from 127.0.0.1), the user's own enrolment too.
    expect(events.map((e) => e.sourceAddress)).toEqual(events.map(() => '127.0.0.1'));
  });
});

import type { EventOf, EventType } from '@medicdraft/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

const CANARY = 'CANARY-BREAKGLASS-REASON-4417';
const REASON = `Patient ${CANARY} arrived at my unit unresponsive; I need the earlier call's history now.`;
const DICTATION =
  'Dispatched at 1005 for a fall. Responded non emergent. Arrived on scene at 1020. 82 year old female complains of right hip pain. ' +
  'Vitals: BP 138/84, heart rate 92, respirations 16, SpO2 97%. No treatment was indicated. We transported non emergent. ' +
  'Care transferred to the ED RN, patient stable.';

/**
 * Break-glass through the gateway: a second provider of the tenant opens the first provider's
 * dictation in an emergency. Without a grant the normal answers stand; with one, reads of that
 * dictation only are served and each is recorded with its grant; grants expire and owners revoke.
 */
describe('break-glass: emergency access to a dictation outside the normal scope', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let provider: SignedIn;
  let other: SignedIn;
  let owner: SignedIn;
  let dictationId = '';
  let secondId = '';
  const tenantPath = (rest: string, t: string = TENANT_A.id) => `/v1/tenants/${t}${rest}`;
  const headers = (s: SignedIn) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  // Each request may come from its own client address: the grant's events must carry that one.
  const get = (s: SignedIn, url: string, remoteAddress?: string) =>
    h.inject({ method: 'GET', url, headers: headers(s), ...(remoteAddress === undefined ? {} : { remoteAddress }) });
  const post = (s: SignedIn, url: string, payload?: Record<string, unknown>, remoteAddress?: string) =>
    h.inject({
      method: 'POST',
      url,
      headers: headers(s),
      ...(payload === undefined ? {} : { payload }),
      ...(remoteAddress === undefined ? {} : { remoteAddress }),
    });
  const open = (s: SignedIn, id: string, payload: Record<string, unknown>, remoteAddress?: string) =>
    post(s, tenantPath(`/dictations/${id}/break-glass`), payload, remoteAddress);
  const eventsOf = async <T extends EventType>(type: T, t: string = TENANT_A.id) =>
    (await h.outbox(t)).filter((e): e is EventOf<T> => e.type === type);

  beforeAll(async () => {
    h = await startGatewayHarness({ withNarrative: true });
    provider = await h.login(TENANT_A.id, 'provider');
    owner = await h.login(TENANT_A.id, 'owner');
    const made = await post(owner, tenantPath('/users'), { email: 'second.provider@breakglass.invalid', role: 'provider' });
    expect(made.statusCode).toBe(201);
    const login = await h.inject({
      method: 'POST',
      url: '/v1/auth/enrolment/complete',
      payload: { tenant: TENANT_A.id, token: h.mail.at(-1)!.token, password: 'second provider passphrase' },
    });
    expect(login.statusCode).toBe(200);
    other = {
      cookie: `md_session=${login.cookies[0]!.value}`,
      csrf: login.json().csrfToken,
      userId: login.json().user.id,
      role: 'provider',
      tenantId: TENANT_A.id,
    };
    for (const slot of ['first', 'second'] as const) {
      const created = await post(provider, tenantPath('/dictations'), { text: 'Synthetic: a fall, 82 year old female.', synthetic: true });
      expect(created.statusCode).toBe(202);
      if (slot === 'first') dictationId = created.json().dictationId;
      else secondId = created.json().dictationId;
    }
    await h.narrate(dictationId, DICTATION);
  });
  afterAll(async () => h?.close());

  it('without a grant the normal answer stands: 404 not_owner, audited', async () => {
    const res = await get(other, tenantPath(`/dictations/${dictationId}`));
    expect(res.statusCode).toBe(404);
    expect((await eventsOf('access.denied')).at(-1)?.payload).toMatchObject({ routeCode: 'dictations.get', reasonCode: 'not_owner' });
    expect((await get(other, tenantPath(`/dictations/${dictationId}/narrative`))).statusCode).toBe(404);
  });

  it('refuses a grant without a reason, with a too-short reason, or outside 1..240 minutes', async () => {
    for (const body of [
      {},
      { reason: '   short   ' },
      { reason: REASON, minutes: 0 },
      { reason: REASON, minutes: 241 },
      { reason: 'x'.repeat(501) },
    ])
      expect({ body, status: (await open(other, dictationId, body)).statusCode }).toEqual({ body, status: 400 });
    expect(await eventsOf('breakglass.granted')).toEqual([]);
  });

  it('refuses a grant where the normal rules already allow reading (409) and to roles that read no dictation (403)', async () => {
    expect((await open(provider, dictationId, { reason: REASON })).statusCode).toBe(409);
    expect((await open(await h.login(TENANT_A.id, 'qa'), dictationId, { reason: REASON })).statusCode).toBe(409);
    expect((await open(owner, dictationId, { reason: REASON })).statusCode).toBe(409);
    expect((await open(await h.login(TENANT_A.id, 'admin'), dictationId, { reason: REASON })).statusCode).toBe(403);
  });

  it('opens a 60-minute grant by default and notifies owners with ids only (the reason never leaves the gateway database)', async () => {
    // An IPv4-mapped address is recorded as the IPv4 address it names (clientAddress).
    const res = await open(other, dictationId, { reason: REASON }, '::ffff:198.51.100.21');
    expect(res.statusCode).toBe(201);
    const grant = res.json();
    expect(grant).toMatchObject({ dictationId, minutes: 60, expiresAt: new Date(h.now() + 60 * 60_000).toISOString() });
    expect(res.body).not.toContain(CANARY);
    const [granted] = await eventsOf('breakglass.granted');
    expect(granted).toMatchObject({
      actor: { type: 'user', id: other.userId, role: 'provider' },
      payload: { grantId: grant.grantId, dictationId, userId: other.userId, minutes: 60 },
      sourceAddress: '198.51.100.21',
    });
    expect(JSON.stringify(await h.outbox(TENANT_A.id))).not.toContain(CANARY);
    const mine = await get(other, tenantPath('/break-glass/mine'));
    expect(mine.json().grants).toEqual([grant]);
    expect(mine.body).not.toContain(CANARY);
  });

  it('serves reads of that dictation under the grant, each recorded before the data with its grant', async () => {
    const before = (await eventsOf('breakglass.accessed')).length;
    expect((await get(other, tenantPath(`/dictations/${dictationId}`), '203.0.113.21')).statusCode).toBe(200);
    const narrative = await get(other, tenantPath(`/dictations/${dictationId}/narrative`), '2001:db8::21');
    expect(narrative.statusCode).toBe(200);
    expect(narrative.json()).toMatchObject({ dictationId, version: 1 });
    const accessed = (await eventsOf('breakglass.accessed')).slice(before);
    expect(accessed.map((e) => e.payload)).toEqual([
      { grantId: expect.any(String), dictationId, routeCode: 'dictations.get' },
      { grantId: expect.any(String), dictationId, routeCode: 'narrative.view' },
    ]);
    expect(accessed.map((e) => e.sourceAddress)).toEqual(['203.0.113.21', '2001:db8::21']);
    // The owners' report lists every access beside the reason.
    const report = (await get(owner, tenantPath('/break-glass'))).json();
    expect(report.grants[0]).toMatchObject({
      userId: other.userId,
      userName: 'second.provider@breakglass.invalid',
      dictationId,
      reason: REASON,
      state: 'active',
      accesses: [{ routeCode: 'dictations.get' }, { routeCode: 'narrative.view' }],
    });
  });

  it('never widens writes, nor reads of any other dictation', async () => {
    const narrative = tenantPath(`/dictations/${dictationId}/narrative`);
    const patch = await h.inject({ method: 'PATCH', url: narrative, headers: headers(other), payload: { baseVersion: 1, text: 'x y z' } });
    expect(patch.statusCode).toBe(404);
    expect((await post(other, `${narrative}/copy`, {})).statusCode).toBe(404);
    expect((await post(other, tenantPath(`/dictations/${dictationId}/reprocess`))).statusCode).toBe(404);
    expect((await get(other, tenantPath(`/dictations/${secondId}`))).statusCode).toBe(404);
    expect((await eventsOf('access.denied')).at(-1)?.payload).toMatchObject({ routeCode: 'dictations.get', reasonCode: 'not_owner' });
    // The dictation list stays the provider's own.
    const list = (await get(other, tenantPath('/dictations'))).json();
    expect(list.dictations).toEqual([]);
  });

  it('keeps tenants apart: another tenant cannot open, read under, or report a grant of this one', async () => {
    const foreign = await h.login(TENANT_B.id, 'provider');
    expect((await open(foreign, dictationId, { reason: REASON })).statusCode).toBe(403);
    // In its own tenant the dictation does not exist.
    expect((await post(foreign, tenantPath(`/dictations/${dictationId}/break-glass`, TENANT_B.id), { reason: REASON })).statusCode).toBe(
      404,
    );
    const foreignOwner = await h.login(TENANT_B.id, 'owner');
    expect((await get(foreignOwner, tenantPath('/break-glass', TENANT_B.id))).json().grants).toEqual([]);
    const [granted] = await eventsOf('breakglass.granted');
    const revoke = await post(foreignOwner, tenantPath(`/break-glass/${granted!.payload.grantId}/revoke`, TENANT_B.id));
    expect(revoke.statusCode).toBe(404);
    expect(await eventsOf('breakglass.granted', TENANT_B.id)).toEqual([]);
  });

  it('expires: after its minutes the grant no longer opens the dictation', async () => {
    const res = await open(other, secondId, { reason: REASON, minutes: 10 });
    expect(res.json()).toMatchObject({ minutes: 10, expiresAt: new Date(h.now() + 10 * 60_000).toISOString() });
    expect((await get(other, tenantPath(`/dictations/${secondId}`))).statusCode).toBe(200);
    h.advance(10 * 60_000 - 1);
    expect((await get(other, tenantPath(`/dictations/${secondId}`))).statusCode).toBe(200);
    h.advance(1);
    expect((await get(other, tenantPath(`/dictations/${secondId}`))).statusCode).toBe(404);
    const entry = (await get(owner, tenantPath('/break-glass')))
      .json()
      .grants.find((g: { dictationId: string }) => g.dictationId === secondId);
    expect(entry).toMatchObject({ state: 'expired', minutes: 10 });
    expect((await get(other, tenantPath('/break-glass/mine'))).json().grants.map((g: { dictationId: string }) => g.dictationId)).toEqual([
      dictationId,
    ]);
  });

  it('an owner revokes an open grant: reads stop at once, `breakglass.revoked` records who', async () => {
    const [granted] = await eventsOf('breakglass.granted');
    const grantId = granted!.payload.grantId;
    expect((await post(other, tenantPath(`/break-glass/${grantId}/revoke`))).statusCode).toBe(403);
    const res = await post(owner, tenantPath(`/break-glass/${grantId}/revoke`), undefined, '198.51.100.22');
    expect(res.statusCode).toBe(200);
    expect(
      (await eventsOf('breakglass.revoked')).map((e) => ({ actor: e.actor, payload: e.payload, sourceAddress: e.sourceAddress })),
    ).toEqual([
      {
        actor: { type: 'user', id: owner.userId, role: 'owner' },
        payload: { grantId, dictationId, userId: other.userId },
        sourceAddress: '198.51.100.22',
      },
    ]);
    expect((await get(other, tenantPath(`/dictations/${dictationId}`))).statusCode).toBe(404);
    expect((await post(owner, tenantPath(`/break-glass/${grantId}/revoke`))).statusCode).toBe(404);
    const entry = (await get(owner, tenantPath('/break-glass'))).json().grants.find((g: { grantId: string }) => g.grantId === grantId);
    expect(entry).toMatchObject({ state: 'revoked', revokedBy: owner.userId });
  });
});

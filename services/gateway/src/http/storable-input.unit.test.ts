import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** `{"content": {"a": {"a": … "x"}}}` with `depth` objects under content, as JSON text (too deep to stringify). */
const deepContent = (depth: number) => `{"content":${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}}`;
const json = { 'content-type': 'application/json' };

/** Client input Postgres cannot hold, or code cannot walk, is the client's 400 at validation. */
describe('input the database cannot store is refused at the edge', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let qa: SignedIn;
  let admin: SignedIn;
  let provider: SignedIn;
  const auth = (s: SignedIn) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  const expect400 = (res: { statusCode: number; json(): unknown }, what: string) => {
    expect(res.statusCode, what).toBe(400);
    expect(res.json(), what).toEqual({ error: 'invalid_request', message: expect.any(String) });
  };
  beforeAll(async () => {
    h = await startGatewayHarness();
    [qa, admin, provider] = [await h.login(TENANT_A.id, 'qa'), await h.login(TENANT_A.id, 'admin'), await h.login(TENANT_A.id, 'provider')];
  });
  afterAll(async () => h?.close());

  it('refuses a forged dictation list cursor (no uuid, an instant out of range, not base64 JSON)', async () => {
    const forged = [
      b64(['2025-01-01T00:00:00.000Z', '------------------------------------']),
      b64(['0000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
      b64(['+275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
      b64(['1969-12-31T23:59:59.000Z', '00000000-0000-4000-8000-000000000000']),
      'forged',
    ];
    for (const cursor of forged)
      expect400(
        await h.inject({ method: 'GET', url: `/v1/tenants/${TENANT_A.id}/dictations?cursor=${cursor}`, headers: auth(qa) }),
        cursor,
      );
    const fine = b64(['2025-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']);
    expect(
      (await h.inject({ method: 'GET', url: `/v1/tenants/${TENANT_A.id}/dictations?cursor=${fine}`, headers: auth(qa) })).statusCode,
    ).toBe(200);
  });

  it('refuses audit from/to outside 1970..9999', async () => {
    const owner = await h.login(TENANT_A.id, 'owner');
    for (const at of [
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00+14:00',
      '1969-12-31T23:59:59Z',
      '+300000-01-01T00:00:00Z',
      '-004713-01-01T00:00:00Z',
    ]) {
      for (const key of ['from', 'to'])
        expect400(
          await h.inject({ method: 'GET', url: `/v1/tenants/${TENANT_A.id}/audit?${key}=${encodeURIComponent(at)}`, headers: auth(owner) }),
          `${key}=${at}`,
        );
    }
    expect(
      (
        await h.inject({
          method: 'GET',
          url: `/v1/tenants/${TENANT_A.id}/audit?from=1970-01-01T00:00:00Z&to=9999-12-31T00:00:00Z`,
          headers: auth(owner),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses reference content nested past 32 levels or with too many values, before anything walks it', async () => {
    const url = `/v1/tenants/${TENANT_A.id}/references/template/deep`;
    for (const depth of [33, 5_000])
      expect400(
        await h.inject({ method: 'PUT', url, headers: { ...auth(admin), ...json }, payload: deepContent(depth) }),
        `depth ${depth}`,
      );
    expect400(
      await h.inject({ method: 'PUT', url, headers: auth(admin), payload: { content: { a: Array.from({ length: 25_000 }, () => 0) } } }),
      'many values',
    );
    const big = await h.inject({ method: 'PUT', url, headers: auth(admin), payload: { content: { a: 'x'.repeat(300 * 1024) } } });
    expect([big.statusCode, big.json()]).toEqual([413, { error: 'payload_too_large', message: expect.any(String) }]);
    expect((await h.inject({ method: 'PUT', url, headers: { ...auth(admin), ...json }, payload: deepContent(31) })).statusCode).toBe(200);
  });

  it('refuses NUL and lone surrogates in keys and strings at any depth, in every free-text field', async () => {
    const url = `/v1/tenants/${TENANT_A.id}/references/template/text`;
    for (const bad of ['a\u0000b', 'a\uD800', '\uDC00b']) {
      for (const content of [{ note: bad }, { [bad]: 1 }, { a: [{ b: { c: [bad] } }] }, { a: { [bad]: 'x' } }]) {
        expect400(await h.inject({ method: 'PUT', url, headers: auth(admin), payload: { content } }), JSON.stringify(content));
      }
      expect400(
        await h.inject({
          method: 'PUT',
          url: `/v1/tenants/${TENANT_A.id}/settings`,
          headers: auth(await h.login(TENANT_A.id, 'owner')),
          payload: { x: bad },
        }),
        'settings',
      );
      expect400(
        await h.inject({
          method: 'POST',
          url: `/v1/tenants/${TENANT_A.id}/dictations`,
          headers: auth(provider),
          payload: { text: bad, synthetic: true },
        }),
        'text dictation',
      );
      const id = '00000000-0000-4000-8000-000000000000';
      expect400(
        await h.inject({
          method: 'PATCH',
          url: `/v1/tenants/${TENANT_A.id}/dictations/${id}/narrative`,
          headers: auth(provider),
          payload: { baseVersion: 1, text: bad },
        }),
        'narrative text',
      );
      expect400(
        await h.inject({
          method: 'PATCH',
          url: `/v1/tenants/${TENANT_A.id}/dictations/${id}/narrative`,
          headers: auth(provider),
          payload: { baseVersion: 1, resolutions: { dispatch: bad } },
        }),
        'resolution',
      );
      expect400(
        await h.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { tenant: TENANT_A.id, email: `x${bad}@example.invalid`, password: 'p' },
        }),
        'login e-mail',
      );
    }
    const payload = { content: { note: 'emoji 🚑 and ǅ are fine' } };
    expect((await h.inject({ method: 'PUT', url, headers: auth(admin), payload })).statusCode).toBe(200);
  });
});

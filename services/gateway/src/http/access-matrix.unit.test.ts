import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@medicdraft/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';
import { scanForBoundaryLeaks } from '../testing/boundary-scan.js';

/**
 * The generated access matrix: every v1 route × each role × {own tenant, other tenant,
 * unauthenticated}, asserting the exact status and that every refusal is recorded as
 * `access.denied`. Expectations are written here from seed 000's permissions and
 * docs/architecture.md "Identity and access", independently of the gateway's route table; a route
 * the gateway registers but this table lacks fails the coverage check.
 */
type Ctx = { dictationId: string; providerId: string; userId: string; seq: number };
interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify's route path, used for the coverage check. */
  path: string;
  url: (t: string, c: Ctx) => string;
  payload?: (c: Ctx) => unknown;
  /** Tenant routes: any of these permissions lets the role past RBAC; undefined = any signed-in user. */
  anyOf?: readonly Permission[];
  /** Status for a role that passed RBAC in its own tenant. */
  allowed: (role: Role) => number;
}

const D = '/v1/tenants/:t/dictations';
/** The one audit event the matrix's audit store holds for tenant A (seeded in beforeAll). */
const AUDITED_EVENT = '3f1c2a9e-5b7d-4c21-8a10-0000000000f1';
// The matrix dictation has a narrative with one open prompt (destination). The provider's PATCH
// resolves it (version 2), so the provider's copy, declared after it, is allowed (200).
const MATRIX_DICTATION =
  'Dispatched at 1005 for a fall. Responded non emergent. Arrived on scene at 1020. 82 year old female complains of right hip pain. ' +
  'Vitals: BP 138/84, heart rate 92, respirations 16, SpO2 97%. No treatment was indicated. We transported non emergent. ' +
  'Care transferred to the ED RN, patient stable.';
// The provider owns the matrix dictation; QA and owner read every dictation; writes need ownership.
const readDictation = (ok: number) => (role: Role) => (role === 'admin' ? 403 : ok);
const ownOnly = (ok: number) => (role: Role) => (role === 'provider' ? ok : 404);

const ROUTES: RouteSpec[] = [
  { method: 'GET', path: '/v1/me', url: () => '/v1/me', allowed: () => 200 },
  { method: 'POST', path: '/v1/auth/logout', url: () => '/v1/auth/logout', allowed: () => 204 },
  {
    method: 'GET',
    path: '/v1/tenants/:t/readiness',
    url: (t) => `/v1/tenants/${t}/readiness`,
    anyOf: ['security:view_readiness'],
    allowed: () => 200,
  },
  {
    method: 'PUT',
    path: '/v1/tenants/:t/settings',
    url: (t) => `/v1/tenants/${t}/settings`,
    payload: () => ({ mfaRequired: true }),
    anyOf: ['tenant:manage'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/exports/deidentified-narratives',
    url: (t) => `/v1/tenants/${t}/exports/deidentified-narratives`,
    anyOf: ['tenant:manage'],
    allowed: () => 200,
  },
  {
    method: 'PUT',
    path: '/v1/tenants/:t/phi-mode',
    url: (t) => `/v1/tenants/${t}/phi-mode`,
    payload: () => ({ mode: 'disabled' }),
    anyOf: ['security:manage_phi_gates'],
    allowed: () => 200,
  },
  {
    method: 'POST',
    path: D,
    url: (t) => `/v1/tenants/${t}/dictations`,
    payload: () => ({ text: 'Synthetic: medic 12 responded to a fall.', synthetic: true }),
    anyOf: ['dictation:create'],
    allowed: () => 202,
  },
  {
    method: 'GET',
    path: D,
    url: (t) => `/v1/tenants/${t}/dictations`,
    anyOf: ['dictation:review_own', 'qa:review_submitted'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: `${D}/:id`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}`,
    anyOf: ['dictation:review_own', 'qa:review_submitted'],
    allowed: readDictation(200),
  },
  {
    method: 'GET',
    path: `${D}/:id/narrative`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/narrative`,
    anyOf: ['dictation:review_own', 'qa:review_submitted'],
    allowed: readDictation(200),
  },
  {
    method: 'PATCH',
    path: `${D}/:id/narrative`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/narrative`,
    payload: () => ({ baseVersion: 1, resolutions: { destination: 'Regional Medical Center' } }),
    anyOf: ['dictation:review_own'],
    allowed: ownOnly(200),
  },
  {
    method: 'POST',
    path: `${D}/:id/narrative/copy`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/narrative/copy`,
    payload: () => ({}),
    anyOf: ['dictation:copy_narrative'],
    allowed: ownOnly(200),
  },
  // Break-glass is for dictations the normal rules refuse: every reader of the matrix dictation may
  // already read it (409); the grant itself is covered by break-glass-routes.unit.test.ts.
  {
    method: 'POST',
    path: `${D}/:id/break-glass`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/break-glass`,
    payload: () => ({ reason: 'Matrix: emergency access to the matrix dictation.' }),
    anyOf: ['dictation:review_own', 'qa:review_submitted'],
    allowed: () => 409,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/break-glass/mine',
    url: (t) => `/v1/tenants/${t}/break-glass/mine`,
    anyOf: ['dictation:review_own', 'qa:review_submitted'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/break-glass',
    url: (t) => `/v1/tenants/${t}/break-glass?sinceDays=7`,
    anyOf: ['tenant:manage'],
    allowed: () => 200,
  },
  // No open grant has this id: 404 for the owner (not an access denial).
  {
    method: 'POST',
    path: '/v1/tenants/:t/break-glass/:grantId/revoke',
    url: (t) => `/v1/tenants/${t}/break-glass/${AUDITED_EVENT}/revoke`,
    anyOf: ['tenant:manage'],
    allowed: () => 404,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/narrative-metrics/edit-distance',
    url: (t) => `/v1/tenants/${t}/narrative-metrics/edit-distance?sinceDays=30`,
    anyOf: ['qa:review_submitted'],
    allowed: () => 200,
  },
  // Reprocessing is not offered by ingest (a second scribe attempt has no contract yet): 503 not_available.
  {
    method: 'POST',
    path: `${D}/:id/reprocess`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/reprocess`,
    anyOf: ['dictation:create'],
    allowed: ownOnly(202),
  },
  {
    method: 'DELETE',
    path: `${D}/:id`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}`,
    anyOf: ['tenant:manage'],
    allowed: () => 204,
  },
  ...(['template', 'protocol', 'rule'] as const).flatMap((kind): RouteSpec[] => {
    const perm: Permission = kind === 'protocol' ? 'admin:manage_protocols' : 'admin:manage_templates';
    return [
      {
        method: 'GET',
        path: '/v1/tenants/:t/references/:kind/:name',
        url: (t) => `/v1/tenants/${t}/references/${kind}/matrix-${kind}`,
        anyOf: [perm],
        allowed: () => 200,
      },
      {
        method: 'PUT',
        path: '/v1/tenants/:t/references/:kind/:name',
        url: (t) => `/v1/tenants/${t}/references/${kind}/matrix-${kind}`,
        payload: () => ({ content: { elements: ['dispatch', 'destination'] } }),
        anyOf: [perm],
        allowed: () => 200,
      },
    ];
  }),
  { method: 'GET', path: '/v1/tenants/:t/users', url: (t) => `/v1/tenants/${t}/users`, anyOf: ['admin:manage_users'], allowed: () => 200 },
  // Under the role ceiling an admin manages admins only (user-management.unit.test.ts covers every role pair).
  {
    method: 'POST',
    path: '/v1/tenants/:t/users',
    url: (t) => `/v1/tenants/${t}/users`,
    payload: (c) => ({ email: `new-${c.seq}@matrix.invalid`, role: 'admin' }),
    anyOf: ['admin:manage_users'],
    allowed: () => 201,
  },
  {
    method: 'PATCH',
    path: '/v1/tenants/:t/users/:id',
    url: (t, c) => `/v1/tenants/${t}/users/${c.userId}`,
    payload: () => ({ role: 'admin' }),
    anyOf: ['admin:manage_users'],
    allowed: () => 200,
  },
  {
    method: 'POST',
    path: '/v1/tenants/:t/users/:id/reset',
    url: (t, c) => `/v1/tenants/${t}/users/${c.userId}/reset`,
    anyOf: ['admin:manage_users'],
    allowed: () => 202,
  },
  {
    method: 'POST',
    path: '/v1/tenants/:t/users/:id/deactivate',
    url: (t, c) => `/v1/tenants/${t}/users/${c.userId}/deactivate`,
    anyOf: ['admin:manage_users'],
    allowed: () => 200,
  },
  {
    method: 'POST',
    path: '/v1/tenants/:t/users/:id/reactivate',
    url: (t, c) => `/v1/tenants/${t}/users/${c.userId}/reactivate`,
    anyOf: ['admin:manage_users'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit',
    url: (t) => `/v1/tenants/${t}/audit?type=auth.login&limit=10`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/checkpoints/latest',
    url: (t) => `/v1/tenants/${t}/audit/checkpoints/latest`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/proof/:eventId',
    url: (t) => `/v1/tenants/${t}/audit/proof/${AUDITED_EVENT}`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
];
/** Public routes, outside the matrix (covered by their own tests). */
const PUBLIC = new Set([
  'POST /v1/auth/login',
  'POST /v1/auth/oidc',
  'POST /v1/auth/enrolment',
  'POST /v1/auth/enrolment/complete',
  'GET /v1/openapi.json',
]);

const grants = (role: Role, anyOf: readonly Permission[]) =>
  anyOf.some((p) => (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(p));

describe('access matrix: every route × role × tenant', { timeout: 120_000 }, () => {
  let h: GatewayHarness;
  const registered = new Set<string>();
  const ctx: Ctx = { dictationId: '', providerId: '', userId: '', seq: 0 };
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    h = await startGatewayHarness({ withNarrative: true });
    h.audit.seed(TENANT_A.id, {
      record: {
        seq: 1,
        eventId: AUDITED_EVENT,
        type: 'auth.login',
        version: 1,
        occurredAt: new Date(0).toISOString(),
        recordedAt: new Date(0).toISOString(),
        actor: { type: 'user', id: AUDITED_EVENT, role: 'provider' },
        correlationId: AUDITED_EVENT,
        causationId: null,
        resourceIds: {},
        service: 'gateway',
        outcome: 'success',
        outcomeDetail: null,
        prevHash: '0'.repeat(64),
        hash: 'b'.repeat(64),
      },
      proof: {
        eventId: AUDITED_EVENT,
        leafIndex: 0,
        chainHash: 'b'.repeat(64),
        inclusionPath: [],
        checkpoint: {
          tenantId: TENANT_A.id,
          treeSize: 1,
          rootHash: 'a'.repeat(64),
          keyId: 'ed25519:matrix',
          algorithm: 'ed25519',
          signature: 'c2ln',
          issuedAt: new Date(0).toISOString(),
          publicKeyPem: '-----BEGIN PUBLIC KEY-----',
        },
      },
    });
    for (const t of [TENANT_A, TENANT_B]) for (const role of ROLES) sessions.set(`${t.id}/${role}`, await h.login(t.id, role));
    const provider = sessions.get(`${TENANT_A.id}/provider`)!;
    const created = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${TENANT_A.id}/dictations`,
      headers: { cookie: provider.cookie, 'x-csrf-token': provider.csrf },
      payload: { text: 'Synthetic: chest pain, 62 year old male.', synthetic: true },
    });
    expect(created.statusCode).toBe(202);
    ctx.dictationId = created.json().dictationId;
    ctx.providerId = provider.userId;
    await h.narrate(ctx.dictationId, MATRIX_DICTATION);
    const owner = sessions.get(`${TENANT_A.id}/owner`)!;
    const user = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${TENANT_A.id}/users`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      payload: { email: 'matrix-target@matrix.invalid', role: 'admin' },
    });
    expect(user.statusCode).toBe(201);
    ctx.userId = user.json().user.id;
    for (const kind of ['template', 'protocol', 'rule']) {
      const put = await h.inject({
        method: 'PUT',
        url: `/v1/tenants/${TENANT_A.id}/references/${kind}/matrix-${kind}`,
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
        payload: { content: { seeded: true } },
      });
      expect(put.statusCode).toBe(200);
    }
  });
  afterAll(async () => h?.close());

  it('covers every registered v1 route', () => {
    for (const route of h.routes) registered.add(route);
    const inTable = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    expect([...registered].filter((r) => !inTable.has(r) && !PUBLIC.has(r)).sort()).toEqual([]);
    expect([...inTable].filter((r) => !registered.has(r)).sort()).toEqual([]);
  });

  const deniedCount = async (tenantId: string) => (await h.outbox(tenantId)).filter((e) => e.type === 'access.denied').length;

  async function call(spec: RouteSpec, pathTenant: string, who: SignedIn | undefined) {
    ctx.seq++;
    const unsafe = spec.method !== 'GET';
    const payload = spec.payload?.(ctx);
    return h.inject({
      method: spec.method,
      url: spec.url(pathTenant, ctx),
      headers: { ...(who ? { cookie: who.cookie } : {}), ...(who && unsafe ? { 'x-csrf-token': who.csrf } : {}) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  }

  for (const spec of ROUTES) {
    const label = `${spec.method} ${spec.url(':t', { dictationId: ':id', providerId: '', userId: ':id', seq: 0 })}`;

    it(`${label}: unauthenticated → 401, audited under the path tenant`, async () => {
      const before = await deniedCount(TENANT_A.id);
      const res = await call(spec, TENANT_A.id, undefined);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: 'unauthorized', message: 'authentication required' });
      // Routes without a tenant cannot attribute an anonymous denial (the event needs a tenant).
      expect(await deniedCount(TENANT_A.id)).toBe(before + (spec.anyOf ? 1 : 0));
    });

    for (const role of ROLES) {
      it(`${label} as ${role}: own tenant → exact status; other tenant → 403`, async () => {
        const own = spec.path === '/v1/auth/logout' ? await h.login(TENANT_A.id, role) : sessions.get(`${TENANT_A.id}/${role}`)!;
        const expected = spec.anyOf === undefined || grants(role, spec.anyOf) ? spec.allowed(role) : 403;
        const before = await deniedCount(TENANT_A.id);
        const res = await call(spec, TENANT_A.id, own);
        expect({ role, status: res.statusCode }).toEqual({ role, status: expected });
        if (expected >= 400) expect(Object.keys(res.json()).sort()).toEqual(['error', 'message']);
        const denied = expected === 403 || (expected === 404 && spec.path.includes(':id'));
        const after = (await h.outbox(TENANT_A.id)).filter((e) => e.type === 'access.denied');
        expect(after.length).toBe(before + (denied ? 1 : 0));
        if (denied) {
          expect(after.at(-1)!.actor).toEqual({ type: 'user', id: own.userId, role });
          expect((after.at(-1)!.payload as { reasonCode: string }).reasonCode).toBe(expected === 403 ? 'missing_permission' : 'not_owner');
        }

        if (spec.anyOf === undefined) return;
        const foreign = sessions.get(`${TENANT_B.id}/${role}`)!;
        const beforeB = await deniedCount(TENANT_B.id);
        const cross = await call(spec, TENANT_A.id, foreign);
        expect({ role, cross: cross.statusCode }).toEqual({ role, cross: 403 });
        const events = (await h.outbox(TENANT_B.id)).filter((e) => e.type === 'access.denied');
        expect(events.length).toBe(beforeB + 1);
        expect(events.at(-1)!.payload).toMatchObject({ reasonCode: 'tenant_mismatch', requestedTenantId: TENANT_A.id, status: 403 });
      });
    }
  }

  it('offers no way to change or delete audit data: every write method on an audit path is "no such route"', async () => {
    const owner = sessions.get(`${TENANT_A.id}/owner`)!;
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
      for (const path of ['audit', `audit/${AUDITED_EVENT}`, 'audit/checkpoints/latest', `audit/proof/${AUDITED_EVENT}`]) {
        const res = await h.inject({
          method,
          url: `/v1/tenants/${TENANT_A.id}/${path}`,
          headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
          payload: {},
        });
        expect({ method, path, status: res.statusCode, body: res.json() }).toEqual({
          method,
          path,
          status: 404,
          body: { error: 'not_found', message: 'no such route' },
        });
      }
    }
  });

  it('records an anonymous denial only under a tenant that exists', async () => {
    const res = await h.inject({ method: 'GET', url: '/v1/tenants/made-up-tenant/readiness' });
    expect(res.statusCode).toBe(401);
    expect(await h.outbox('made-up-tenant')).toEqual([]);
  });

  it('leaks no storage identifiers or other tenants ids in any response of the matrix', () => {
    expect(h.responses.length).toBeGreaterThan(ROUTES.length * 9);
    expect(scanForBoundaryLeaks(h.responses, { tenants: [TENANT_A.id, TENANT_B.id] })).toEqual([]);
  });
});

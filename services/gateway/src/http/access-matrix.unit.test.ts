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
type Ctx = { dictationId: string; providerId: string; userId: string; uploadIds?: string[]; seq: number };
interface RouteSpec {
  /** HEAD answers carry no body: only their status is checked. */
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify's route path, used for the coverage check. */
  path: string;
  url: (t: string, c: Ctx) => string;
  payload?: (c: Ctx) => unknown;
  /** Request headers beyond the session's (the tus protocol's). */
  headers?: Record<string, string>;
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

const U = '/v1/tenants/:t/dictation-uploads';
const TUS = { 'tus-resumable': '1.0.0' };
/**
 * One of the provider's own resumable uploads of 4 bytes (created in beforeAll), a different one per
 * call: the DELETE row removes one, and the next role must still find one to be refused.
 */
const UPLOADS = 16;
const upload = (t: string, c: Ctx) => `/v1/tenants/${t}/dictation-uploads/${c.uploadIds?.[c.seq % UPLOADS] ?? ':uploadId'}`;
const declared = (sha256: string) => `sha256 ${Buffer.from(sha256).toString('base64')},synthetic ${Buffer.from('true').toString('base64')}`;

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
  // The QA review loop, in the order the matrix runs it (roles: provider, qa, admin, owner). QA
  // comments (and the owner), QA returns (the owner's second return is an illegal transition, 409),
  // the provider resubmits (the narrative's blocking comment is minor, so no edit is needed), QA
  // approves (the owner's second approval is 409). The provider can never approve; admins see none of it.
  {
    method: 'GET',
    path: `${D}/:id/review`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/review`,
    anyOf: ['dictation:review_own', 'qa:review_submitted'],
    allowed: readDictation(200),
  },
  {
    method: 'POST',
    path: `${D}/:id/review/comments`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/review/comments`,
    payload: () => ({ version: 2, anchor: { kind: 'section', sectionKey: 'assessment' }, severity: 'minor', text: 'Add the pain scale.' }),
    anyOf: ['qa:review_submitted'],
    allowed: () => 201,
  },
  {
    method: 'POST',
    path: `${D}/:id/review/return`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/review/return`,
    payload: () => ({ version: 2 }),
    anyOf: ['qa:review_submitted'],
    allowed: (role) => (role === 'qa' ? 200 : 409),
  },
  {
    method: 'POST',
    path: `${D}/:id/review/resubmit`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/review/resubmit`,
    payload: () => ({ version: 2 }),
    anyOf: ['dictation:review_own'],
    allowed: ownOnly(200),
  },
  {
    method: 'POST',
    path: `${D}/:id/review/approve`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/review/approve`,
    payload: () => ({ version: 2 }),
    anyOf: ['qa:review_submitted'],
    allowed: (role) => (role === 'qa' ? 200 : 409),
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/qa/protocol-defaults',
    url: (t) => `/v1/tenants/${t}/qa/protocol-defaults`,
    anyOf: ['admin:manage_protocols'],
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
    method: 'PUT',
    path: `${D}/:id/incident`,
    url: (t, c) => `/v1/tenants/${t}/dictations/${c.dictationId}/incident`,
    payload: () => ({ incidentNumber: 'EMS-2026-0042', reason: 'matrix correction' }),
    anyOf: ['dictation:create', 'tenant:manage'],
    // Its provider, or an owner (any dictation of the tenant).
    allowed: (role) => (role === 'provider' || role === 'owner' ? 200 : 404),
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
  // Usage for the AWS bill is the owner's (tenant:manage): an admin or QA gets 403.
  {
    method: 'GET',
    path: '/v1/tenants/:t/usage',
    url: (t) => `/v1/tenants/${t}/usage?months=3`,
    anyOf: ['tenant:manage'],
    allowed: () => 200,
  },
  {
    method: 'POST',
    path: U,
    url: (t) => `/v1/tenants/${t}/dictation-uploads`,
    headers: { ...TUS, 'upload-length': '4', 'upload-metadata': declared('a'.repeat(64)) },
    anyOf: ['dictation:create'],
    allowed: () => 201,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/recording-policy',
    url: (t) => `/v1/tenants/${t}/recording-policy`,
    anyOf: ['dictation:create'],
    allowed: () => 200,
  },
  { method: 'HEAD', path: `${U}/:uploadId`, url: upload, headers: TUS, anyOf: ['dictation:create'], allowed: ownOnly(200) },
  { method: 'GET', path: `${U}/:uploadId`, url: upload, anyOf: ['dictation:create'], allowed: ownOnly(200) },
  {
    method: 'PATCH',
    path: `${U}/:uploadId`,
    url: upload,
    // Not where the upload is (0): the offset check answers 409 after every access check passed.
    headers: { ...TUS, 'upload-offset': '3', 'content-type': 'application/offset+octet-stream' },
    anyOf: ['dictation:create'],
    allowed: ownOnly(409),
  },
  { method: 'DELETE', path: `${U}/:uploadId`, url: upload, headers: TUS, anyOf: ['dictation:create'], allowed: ownOnly(204) },
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
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/search',
    url: (t) => `/v1/tenants/${t}/audit/search?type=auth.login&limit=10`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/actors',
    url: (t) => `/v1/tenants/${t}/audit/actors`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/verify',
    url: (t) => `/v1/tenants/${t}/audit/verify`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/export',
    url: (t) => `/v1/tenants/${t}/audit/export?format=fhir`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/reports/access',
    url: (t, c) => `/v1/tenants/${t}/audit/reports/access?dictationId=${c.dictationId}`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/reports/disclosures',
    url: (t) => `/v1/tenants/${t}/audit/reports/disclosures`,
    anyOf: ['audit:view'],
    allowed: () => 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/:t/audit/reports/period',
    url: (t) => `/v1/tenants/${t}/audit/reports/period?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
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
        sourceAddress: '203.0.113.9',
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
    ctx.uploadIds = [];
    for (let i = 0; i < UPLOADS; i++) {
      const started = await h.inject({
        method: 'POST',
        url: `/v1/tenants/${TENANT_A.id}/dictation-uploads`,
        headers: {
          cookie: provider.cookie,
          'x-csrf-token': provider.csrf,
          ...TUS,
          'upload-length': '4',
          'upload-metadata': declared('b'.repeat(64)),
        },
      });
      expect(started.statusCode).toBe(201);
      ctx.uploadIds.push(String(started.headers['location']).split('/').at(-1)!);
    }
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
    // The tus offset check is a route of its own (resumable uploads depend on it), not a twin of a GET.
    expect(registered).toContain('HEAD /v1/tenants/:t/dictation-uploads/:uploadId');
  });

  const deniedCount = async (tenantId: string) => (await h.outbox(tenantId)).filter((e) => e.type === 'access.denied').length;

  async function call(spec: RouteSpec, pathTenant: string, who: SignedIn | undefined) {
    ctx.seq++;
    const unsafe = spec.method !== 'GET';
    const payload = spec.payload?.(ctx);
    return h.inject({
      method: spec.method,
      url: spec.url(pathTenant, ctx),
      headers: { ...spec.headers, ...(who ? { cookie: who.cookie } : {}), ...(who && unsafe ? { 'x-csrf-token': who.csrf } : {}) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  }

  for (const spec of ROUTES) {
    const label = `${spec.method} ${spec.url(':t', { dictationId: ':id', providerId: '', userId: ':id', seq: 0 })}`;

    it(`${label}: unauthenticated → 401, audited under the path tenant`, async () => {
      const before = await deniedCount(TENANT_A.id);
      const res = await call(spec, TENANT_A.id, undefined);
      expect(res.statusCode).toBe(401);
      if (spec.method !== 'HEAD') expect(res.json()).toEqual({ error: 'unauthorized', message: 'authentication required' });
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
        if (expected >= 400 && spec.method !== 'HEAD') expect(Object.keys(res.json()).sort()).toEqual(['error', 'message']);
        const denied = expected === 403 || (expected === 404 && (spec.path.includes(':id') || spec.path.includes(':uploadId')));
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
      for (const path of [
        'audit',
        `audit/${AUDITED_EVENT}`,
        'audit/checkpoints/latest',
        `audit/proof/${AUDITED_EVENT}`,
        'audit/search',
        'audit/actors',
        'audit/verify',
        'audit/export',
        'audit/reports/period',
      ]) {
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

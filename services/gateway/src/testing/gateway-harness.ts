import { randomUUID } from 'node:crypto';
import { decodeEvent, type DomainEvent, type Role } from '@medicdraft/contracts';
import { FIXTURE_IDS, sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import {
  createGateView,
  createLogger,
  createMemoryCoordination,
  createMemoryEventBus,
  createMetrics,
  type AdminDatabase,
  type Coordination,
  type GateView,
  type Logger,
} from '@medicdraft/platform';
import { createHttpApp, createOpsApp, type RunningService } from '@medicdraft/platform/http';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { GATEWAY_ROLE, GATEWAY_SCHEMA } from '../gateway-migrations.js';
import type { SeededCredential } from '../identity/seed-users.js';
import { TOTP_STEP_MS, totpAt } from '../identity/totp.js';
import { startGatewayService, type GatewayServiceDeps } from '../service.js';
import type { RecordedExchange } from './boundary-scan.js';
import type { EnrolmentMessage } from '../enrolment/enrolment-delivery.port.js';
import { createMemoryAuditClient } from './memory-audit-client.js';
import { createMemoryEnrolmentDelivery } from './memory-enrolment-delivery.js';
import { createMemoryIngestClient } from './memory-ingest-client.js';
import { startNarrativeFixture, type NarrativeFixture } from '@medicdraft/narrative/testing';
import { createMemoryReadinessClient } from './memory-readiness-client.js';

export const TENANT_A = { id: FIXTURE_IDS.tenantId, displayName: 'South Metro Fire Rescue' };
export const TENANT_B = { id: FIXTURE_IDS.otherTenantId, displayName: 'North Valley EMS' };
/** The fixtures' gate states expire 3 s after this instant. */
export const T0 = Date.parse('2025-03-01T12:00:00.000Z');

export interface SignedIn {
  cookie: string;
  csrf: string;
  userId: string;
  role: Role;
  tenantId: string;
}

export interface GatewayHarness {
  /** The public port, as `runServiceProcess` builds it with an ops listener (no /readyz, /metrics). */
  app: FastifyInstance;
  /** The ops listener's app (/healthz, /readyz, /metrics). */
  ops: FastifyInstance;
  db: AdminDatabase;
  gates: GateView;
  coordination: Coordination;
  ingest: ReturnType<typeof createMemoryIngestClient>;
  audit: ReturnType<typeof createMemoryAuditClient>;
  credentials: SeededCredential[];
  /** Enrolment links sent, oldest first (every user's inbox). */
  mail: EnrolmentMessage[];
  /** The password a seeded user signs in with now (its own after the first sign-in). */
  password(c: SeededCredential): string;
  now(): number;
  advance(ms: number): void;
  /** Every exchange made through `inject` (the browser-boundary scan reads them). */
  responses: RecordedExchange[];
  /** `METHOD /path` of every v1 route the gateway registered, explicit HEAD routes included (not fastify's HEAD twin of each GET). */
  routes: string[];
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  credential(tenantId: string, role: Role): SeededCredential;
  login(tenantId: string, role: Role): Promise<SignedIn>;
  /** Events in the gateway outbox of `tenantId`, in order. */
  outbox(tenantId: string): Promise<DomainEvent[]>;
  /** Gate states that stay fresh while the test runs (re-applied with a later expiry). */
  openGates(phiMode?: 'enabled' | 'disabled'): void;
  /** With `withNarrative`: the real narrative service composes a narrative of `text` for the dictation. */
  narrate(dictationId: string, text: string, tenantId?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The gateway on PGlite, the memory bus and memory coordination, with in-memory ingest and
 * readiness adapters and a gate view the test controls; time is frozen and advanced by the test.
 */
export async function startGatewayHarness(
  options: Partial<GatewayServiceDeps> & { logger?: Logger; withNarrative?: boolean; completeFirstSignIn?: boolean } = {},
): Promise<GatewayHarness> {
  const { withNarrative = false, completeFirstSignIn = true, ...over } = options;
  let now = T0;
  const clock = () => now;
  const pglite: PgliteHandle = await openPglite();
  const bus = createMemoryEventBus({ clock });
  const coordination = createMemoryCoordination({ clock });
  const gates = createGateView({ clock });
  let version = 100;
  const openGates = (phiMode: 'enabled' | 'disabled' = 'disabled') => {
    for (const t of [TENANT_A, TENANT_B]) {
      const state = sandboxGateStateFixture(t.id);
      gates.apply({
        ...state,
        version: ++version,
        phiMode,
        issuedAt: new Date(now).toISOString(),
        expiresAt: new Date(now + 3_600_000).toISOString(),
      });
    }
  };
  openGates();
  const logger = over.logger ?? createLogger({ service: 'gateway-test', level: 'silent' });
  const db = createPgliteDatabase({ pglite, schema: GATEWAY_SCHEMA, role: GATEWAY_ROLE });
  const ingest = createMemoryIngestClient({ clock, newId: randomUUID, maxTextBytes: 256 * 1024 });
  const audit = createMemoryAuditClient();
  const credentials: SeededCredential[] = [];
  const delivery = createMemoryEnrolmentDelivery();
  // Seeded one-time passwords are replaced at the first sign-in; tests sign in with these.
  const passwords = new Map<string, string>();
  const password = (c: SeededCredential) => passwords.get(`${c.tenantId}/${c.email}`) ?? c.oneTimePassword;
  // Opt-in: the real narrative service in process (its own PGlite), on the same bus and gate view.
  const narrative: NarrativeFixture | undefined = withNarrative ? await startNarrativeFixture({ bus, gates }) : undefined;
  const service: RunningService = await startGatewayService({
    bus,
    db,
    logger,
    coordination,
    partitions: 1,
    clients: {
      ingest: ingest.client,
      readiness: createMemoryReadinessClient([TENANT_A, TENANT_B]),
      audit: audit.client,
      ...(narrative ? { narrative: narrative.service.api } : {}),
    },
    seedTenants: [TENANT_A, TENANT_B],
    onSeeded: (c) => credentials.push(...c),
    gates,
    clock,
    limits: { ratePerMinute: 100_000 },
    enrolment: { delivery },
    ...over,
  });
  const metrics = createMetrics('gateway-test');
  const app = createHttpApp({ logger, metrics });
  const ops = createOpsApp({ logger, metrics, checks: () => service.checks, accepting: () => true });
  const routes: string[] = [];
  const getHandlers = new Map<string, unknown>();
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/v1/')) return;
    for (const m of [r.method].flat()) {
      if (m === 'GET') getHandlers.set(r.url, r.handler);
      // Fastify answers HEAD for every GET with a twin route (the GET's options and handler, no body):
      // that is HTTP's HEAD, not an operation of its own. A HEAD registered on purpose (tus) is one.
      else if (m === 'HEAD' && getHandlers.get(r.url) === r.handler) continue;
      routes.push(`${m} ${r.url}`);
    }
  });
  await service.routes?.(app);
  await app.ready();

  const responses: RecordedExchange[] = [];
  const tenantOfCookie = new Map<string, string>();
  const inject = async (opts: InjectOptions) => {
    const res = await app.inject(opts);
    const issued = res.cookies.find((k) => k.name === 'md_session' && k.value !== '');
    if (issued !== undefined && res.statusCode === 200)
      tenantOfCookie.set(`md_session=${issued.value}`, res.json<{ user: { tenantId: string } }>().user.tenantId);
    const cookie = opts.headers?.['cookie'];
    const payloadTenant = (opts.payload as { tenant?: unknown } | undefined)?.tenant;
    responses.push({
      callerTenant: typeof cookie === 'string' ? tenantOfCookie.get(cookie) : undefined,
      requestTenant:
        /^\/v1\/tenants\/([^/]+)/.exec(typeof opts.url === 'string' ? opts.url : '')?.[1] ??
        (typeof payloadTenant === 'string' ? payloadTenant : undefined),
      res,
    });
    return res;
  };
  const credential = (tenantId: string, role: Role) => {
    const c = credentials.find((x) => x.tenantId === tenantId && x.role === role);
    if (c === undefined) throw new Error(`no seeded ${role} in ${tenantId}`);
    return c;
  };

  const signIn = async (tenantId: string, role: Role, remoteAddress?: string) => {
    const c = credential(tenantId, role);
    // A TOTP step is single-use per user: move to a fresh step for every MFA sign-in.
    if (c.totpSecret) now += TOTP_STEP_MS;
    const first = !passwords.has(`${c.tenantId}/${c.email}`);
    const res = await inject({
      method: 'POST',
      url: '/v1/auth/login',
      ...(remoteAddress === undefined ? {} : { remoteAddress }),
      payload: {
        tenant: tenantId,
        email: c.email,
        password: password(c),
        ...(first ? { newPassword: `${c.oneTimePassword}-own` } : {}),
        ...(c.totpSecret ? { totp: totpAt(c.totpSecret, now) } : {}),
      },
    });
    if (res.statusCode !== 200) throw new Error(`login of ${role}@${tenantId} failed: ${res.statusCode} ${res.body}`);
    if (first) passwords.set(`${c.tenantId}/${c.email}`, `${c.oneTimePassword}-own`);
    return res;
  };
  // Each from its own documentation address (RFC 5737), so they spend none of a test's rate limit.
  if (completeFirstSignIn) for (const [i, c] of credentials.entries()) await signIn(c.tenantId, c.role, `192.0.2.${i + 1}`);

  return {
    app,
    ops,
    db,
    gates,
    coordination,
    ingest,
    audit,
    credentials,
    mail: delivery.sent,
    password,
    now: () => now,
    advance: (ms) => void (now += ms),
    responses,
    routes,
    inject,
    credential,
    async login(tenantId, role) {
      const res = await signIn(tenantId, role);
      const cookie = res.cookies.find((k) => k.name === 'md_session');
      const body = res.json<{ csrfToken: string; user: { id: string } }>();
      return { cookie: `md_session=${cookie!.value}`, csrf: body.csrfToken, userId: body.user.id, role, tenantId };
    },
    async outbox(tenantId) {
      const { rows } = await db.withTenant(tenantId, (tx) => tx.query<{ value: string }>('SELECT value FROM outbox ORDER BY seq'));
      return rows.map((r) => {
        const parsed = decodeEvent(r.value);
        if (!parsed.ok) throw new Error(`outbox holds an invalid event: ${parsed.error.message}`);
        return parsed.value;
      });
    },
    openGates,
    async narrate(dictationId, text, tenantId = TENANT_A.id) {
      if (narrative === undefined) throw new Error('start the harness with withNarrative: true');
      await narrative.narrate(tenantId, dictationId, text);
    },
    async close() {
      await app.close();
      await ops.close();
      await service.stop();
      await narrative?.close();
      await bus.close();
      await pglite.close();
    },
  };
}

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditApi, narrativeApi, topicLayoutFor } from '@medicdraft/contracts';
import {
  randomId,
  startGatedServiceCore,
  systemClock,
  type Clock,
  type Coordination,
  type AdminDatabase,
  type EventBus,
  type GateView,
  type IdGenerator,
  type IncidentKeyer,
  type Logger,
  type ObjectStore,
  unavailableApi,
  serviceLogger,
  type ServiceMetrics,
} from '@medicdraft/platform';
import { type RunningService } from '@medicdraft/platform/http';
import type { JWTVerifyGetKey } from 'jose';
import { createBreakGlass } from './break-glass/break-glass.js';
import { createAuditedNarrativeClient } from './clients/audited-narrative-client.js';
import type { EnrolmentDelivery } from './enrolment/enrolment-delivery.port.js';
import { createEnrolments, type EnrolmentSettings } from './enrolment/enrolments.js';
import { createGatewayEvents } from './events/gateway-events.js';
import { GATEWAY_ROLE, GATEWAY_SCHEMA, gatewayMigrations } from './gateway-migrations.js';
import { createAccessGuard } from './http/access-guard.js';
import { registerGatewayApi } from './http/gateway-api.js';
import { registerPublicEdge } from './http/public-edge.js';
import type { GatewayClients, GatewayHttpSettings } from './http/route-context.js';
import { createLoginThrottle, type ThrottleLimits } from './identity/login-throttle.js';
import { createOidcVerifier, remoteJwks, type OidcSettings } from './identity/oidc-verifier.js';
import { createPasswordLogin } from './identity/password-login.js';
import { provisionSeedTenants } from './identity/provision-seed-tenants.js';
import { seedDemoUsers, type SeededCredential, type SeedTenant } from './identity/seed-users.js';
import { createSessionManager, type SessionTimeouts } from './identity/session-manager.js';
import { createUserAdmin } from './identity/user-admin.js';
import { createUserRepository } from './identity/user.repository.js';
import { registerWebUi } from './ui/web-ui.js';
import { FileUploadSpool } from './uploads/file-upload-spool.js';
import { createObjectUploadSpool } from './uploads/object-upload-spool.js';

export { GATEWAY_ROLE, GATEWAY_SCHEMA };

export interface GatewayAuthSettings {
  session: SessionTimeouts & { cookieSecure: boolean };
  throttle: ThrottleLimits;
  oidc?: OidcSettings & { jwksUrl?: string };
}

export interface GatewayServiceDeps {
  /** The process's metrics (the outbox backlog gauges go here). */
  metrics?: ServiceMetrics;
  bus: EventBus;
  db: AdminDatabase;
  logger: Logger;
  /** Session store, login throttle counters, idempotency keys (Redis on the stack, memory embedded). */
  coordination: Coordination;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
  /**
   * This instance's stable name (KAFKA_INSTANCE_ID): names the consumer group it needs for itself
   * (the gate view), so a restart rejoins that group. Absent (tests, one-process apps on the
   * memory bus): a random one.
   */
  kafkaInstanceId?: string;
  /** Ingest, readiness and narrative (HTTP on the stack, in process embedded); narrative and audit default to "not available". */
  clients: Pick<GatewayClients, 'ingest' | 'readiness'> & Partial<GatewayClients>;
  auth?: Partial<GatewayAuthSettings>;
  /** How enrolment links reach new and reset users (SMTP on the stack, a maildrop folder embedded); the host closes it. */
  enrolment: { delivery: EnrolmentDelivery } & Partial<EnrolmentSettings>;
  limits?: Partial<Omit<GatewayHttpSettings, 'cookieSecure'>>;
  /** Keys ePCR incident numbers like ingest (platform `createIncidentKeyer`, same secret); absent, per-incident reports are refused. */
  incidentKey?: IncidentKeyer | undefined;
  /**
   * Resumable uploads: with `objects` (the tenants' S3 store, SSE-KMS) the spool is shared by every
   * instance, encrypted, and may hold PHI; without, a local folder (`spoolDir`, a per-process
   * temporary folder by default) for synthetic recordings only. Incomplete uploads expire after `expiryMs`.
   */
  uploads?: { objects?: ObjectStore; spoolDir?: string; expiryMs?: number };
  /** Tenants whose demo users are created at first start (embedded), credentials logged once. */
  seedTenants?: readonly SeedTenant[];
  /** Tests: observe the credentials created for the seed tenants. */
  onSeeded?: (credentials: SeededCredential[]) => void;
  /** Tests: a local JWKS instead of the issuer's. */
  oidcKeys?: JWTVerifyGetKey;
  /** A gate view fed elsewhere (tests); by default the service subscribes its own. */
  gates?: GateView;
  clock?: Clock;
  newId?: IdGenerator;
}

/** The spool's creation dates come from the system clock: tus judges expiry by it, not by an injected one. */
function uploadSettings(deps: GatewayServiceDeps) {
  const expiryMs = deps.uploads?.expiryMs ?? 24 * 3_600_000;
  const objects = deps.uploads?.objects;
  if (objects === undefined) {
    const directory = deps.uploads?.spoolDir ?? join(tmpdir(), `medicdraft-upload-spool-${process.pid}`);
    return { spool: new FileUploadSpool({ directory, expiryMs }), spoolHoldsPhi: false };
  }
  // The expiry sweep visits every tenant this gateway knows (the object store cannot list across tenants).
  const tenants = () =>
    deps.db.withSystem(async (tx) => (await tx.query<{ id: string }>('SELECT id FROM tenants ORDER BY id')).rows.map((r) => r.id));
  return { spool: createObjectUploadSpool({ objects, expiryMs, tenants }), spoolHoldsPhi: true };
}

export const DEFAULT_AUTH: GatewayAuthSettings = {
  session: { idleTimeoutMs: 15 * 60_000, absoluteTimeoutMs: 8 * 3_600_000, cookieSecure: false },
  throttle: { maxPerAccount: 5, maxPerAddress: 20, windowMs: 15 * 60_000 },
};
export const DEFAULT_ENROLMENT: EnrolmentSettings = { ttlMs: 72 * 3_600_000, publicUrl: 'http://localhost:3000' };
export const DEFAULT_LIMITS: Omit<GatewayHttpSettings, 'cookieSecure'> = {
  ratePerMinute: 600,
  maxAudioBytes: 200 * 1024 * 1024,
  maxTextBytes: 256 * 1024,
};

/**
 * The HTTP edge: schema (users, references) and outbox relay, the gate view, demo users, then
 * the v1 API (auth, sessions, RBAC, tenant checks) and the web UI on the host's app.
 */
export async function startGatewayService(deps: GatewayServiceDeps): Promise<RunningService> {
  const logger = serviceLogger(deps.logger, 'gateway');
  const clock = deps.clock ?? systemClock;
  const newId = deps.newId ?? randomId;
  const auth = { ...DEFAULT_AUTH, ...deps.auth };
  const core = await startGatedServiceCore({
    metrics: deps.metrics,
    bus: deps.bus,
    db: deps.db,
    logger,
    schema: GATEWAY_SCHEMA,
    role: GATEWAY_ROLE,
    migrations: gatewayMigrations(),
    topics: topicLayoutFor('gateway', deps.partitions),
    service: 'gateway',
    gates: deps.gates,
    clock,
    instanceId: deps.kafkaInstanceId,
  });
  const gates = core.gates;

  const users = createUserRepository(deps.db);
  const provisioning = provisionSeedTenants({ readiness: deps.clients.readiness, logger }, deps.seedTenants ?? []);
  for (const tenant of deps.seedTenants ?? []) {
    const created = await seedDemoUsers({ users, newId, logger }, tenant);
    if (created.length > 0) deps.onSeeded?.(created);
  }
  const events = createGatewayEvents({ db: deps.db, clock, newId, logger });
  const sessions = createSessionManager({ store: deps.coordination.sessions, clock, timeouts: auth.session });
  const cookieName = auth.session.cookieSecure ? '__Host-md_session' : 'md_session';
  const oidcSettings = auth.oidc;
  const oidcKeys = deps.oidcKeys ?? (oidcSettings?.jwksUrl === undefined ? undefined : remoteJwks(oidcSettings.jwksUrl));
  const enrolments = createEnrolments({
    db: deps.db,
    delivery: deps.enrolment.delivery,
    events,
    clock,
    settings: {
      ttlMs: deps.enrolment.ttlMs ?? DEFAULT_ENROLMENT.ttlMs,
      publicUrl: deps.enrolment.publicUrl ?? DEFAULT_ENROLMENT.publicUrl,
    },
    logger,
  });
  const ctx = {
    db: deps.db,
    guard: createAccessGuard({ sessions, events, cookieName, cookieSecure: auth.session.cookieSecure }),
    events,
    sessions,
    users,
    enrolments,
    breakGlass: createBreakGlass({ db: deps.db, events, clock, newId }),
    userAdmin: createUserAdmin({ db: deps.db, events, enrolments, sessions, clock, newId }),
    passwordLogin: createPasswordLogin({
      users,
      throttle: createLoginThrottle({ semaphore: deps.coordination.semaphore, limits: auth.throttle }),
      events,
      clock,
    }),
    oidc: oidcSettings !== undefined && oidcKeys !== undefined ? createOidcVerifier(oidcSettings, oidcKeys, clock) : undefined,
    clients: {
      audit: unavailableApi(auditApi, 'the audit log'),
      ...deps.clients,
      // Every narrative route goes through the audited client: view/copy only after their event is durable.
      narrative: createAuditedNarrativeClient(deps.clients.narrative ?? unavailableApi(narrativeApi, 'narrative review'), {
        publisher: deps.bus,
        clock,
        newId,
        logger,
      }),
    },
    gates,
    idempotency: deps.coordination.idempotency,
    cookieName,
    settings: { ...DEFAULT_LIMITS, ...deps.limits, cookieSecure: auth.session.cookieSecure },
    uploads: uploadSettings(deps),
    absoluteTimeoutMs: auth.session.absoluteTimeoutMs,
    clock,
    newId,
    logger,
    incidentKey: deps.incidentKey,
  };
  return {
    checks: [...core.checks, { name: 'coordination', check: () => deps.coordination.ping() }],
    routes: async (app) => {
      // First: its root hooks must cover every public response (UI, API, /healthz, 404s).
      await registerPublicEdge(app, ctx);
      // The demo's single seeded tenant pre-fills the sign-in form; a real deployment names none.
      await registerWebUi(app, { defaultTenant: deps.seedTenants?.length === 1 ? deps.seedTenants[0]?.id : undefined });
      await registerGatewayApi(app, ctx);
    },
    async stop() {
      await provisioning.stop();
      await core.stop();
    },
  };
}

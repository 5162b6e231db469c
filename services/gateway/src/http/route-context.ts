import type { AuditApi, IngestApi, NarrativeApi, ReadinessApi } from '@medicdraft/contracts';
import type { Clock, Database, GateView, IdempotencyStore, IdGenerator, IncidentKeyer, Logger } from '@medicdraft/platform';
import type { BreakGlass } from '../break-glass/break-glass.js';
import type { Enrolments } from '../enrolment/enrolments.js';
import type { GatewayEvents } from '../events/gateway-events.js';
import type { OidcVerifier } from '../identity/oidc-verifier.js';
import type { PasswordLogin } from '../identity/password-login.js';
import type { SessionManager } from '../identity/session-manager.js';
import type { UserAdmin } from '../identity/user-admin.js';
import type { UserRepository } from '../identity/user.repository.js';
import type { AccessGuard } from './access-guard.js';
import type { UploadSettings } from './dictation-upload-routes.js';

export interface GatewayClients {
  ingest: IngestApi;
  readiness: ReadinessApi;
  narrative: NarrativeApi;
  audit: AuditApi;
}

export interface GatewayHttpSettings {
  cookieSecure: boolean;
  ratePerMinute: number;
  maxAudioBytes: number;
  maxTextBytes: number;
}

/** Everything the route modules use, built once by the gateway plugin. */
export interface RouteContext {
  db: Database;
  guard: AccessGuard;
  events: GatewayEvents;
  sessions: SessionManager;
  users: UserRepository;
  userAdmin: UserAdmin;
  enrolments: Enrolments;
  breakGlass: BreakGlass;
  passwordLogin: PasswordLogin;
  oidc: OidcVerifier | undefined;
  clients: GatewayClients;
  gates: GateView;
  idempotency: IdempotencyStore;
  cookieName: string;
  settings: GatewayHttpSettings;
  uploads: UploadSettings;
  absoluteTimeoutMs: number;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  /** Keys an ePCR incident number the way ingest does (INCIDENT_KEY_SECRET); absent, per-incident reports are refused. */
  incidentKey: IncidentKeyer | undefined;
}

import { z } from 'zod';
import {
  awsConfigFrom,
  awsEnv,
  createIncidentKeyer,
  objectStoreConfigFrom,
  s3StorageProblems,
  edgeEnv,
  incidentKeyEnv,
  trustProxyFrom,
  loadConfig,
  redisEnv,
  serviceProcessConfigFrom,
  serviceProcessEnv,
} from '@medicdraft/platform';

const ms = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);
const count = (def: number) => z.coerce.number().int().min(1).max(1_000_000).default(def);

/** Every variable the gateway service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({
  ...serviceProcessEnv(3000, 9464),
  ...redisEnv,
  /** Base URLs of the internal APIs the gateway calls on the stack (service network only). */
  INGEST_INTERNAL_URL: z.url().default('http://127.0.0.1:3011'),
  READINESS_INTERNAL_URL: z.url().default('http://127.0.0.1:3015'),
  AUDIT_INTERNAL_URL: z.url().default('http://127.0.0.1:3014'),
  NARRATIVE_INTERNAL_URL: z.url().default('http://127.0.0.1:3013'),
  SESSION_IDLE_TIMEOUT_MS: ms(60_000, 86_400_000, 15 * 60_000),
  SESSION_ABSOLUTE_TIMEOUT_MS: ms(60_000, 7 * 86_400_000, 8 * 3_600_000),
  ...edgeEnv,
  ...incidentKeyEnv,
  LOGIN_MAX_FAILURES_PER_ACCOUNT: count(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: count(20),
  LOGIN_THROTTLE_WINDOW_MS: ms(1_000, 86_400_000, 15 * 60_000),
  RATE_LIMIT_PER_MINUTE: count(600),
  MAX_AUDIO_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 * 1024 ** 3)
    .default(200 * 1024 * 1024),
  MAX_TEXT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 ** 2)
    .default(256 * 1024),
  /**
   * The tenants' S3 storage (input bucket, SSE-KMS key): set, resumable uploads are spooled there,
   * shared by every gateway instance and encrypted; unset, in UPLOAD_SPOOL_DIR (synthetic only).
   */
  ...awsEnv,
  /** Where resumable dictation uploads are spooled without S3 storage (one folder per tenant). */
  UPLOAD_SPOOL_DIR: z.string().min(1).default('./data/upload-spool'),
  /** An incomplete resumable upload is removed this long after it started. */
  UPLOAD_EXPIRY_MS: ms(60_000, 7 * 86_400_000, 24 * 3_600_000),
  /** The longest a recording waits (encrypted) in a browser for its upload before it is deleted unsent. */
  /** Stack only: create one user per role for this tenant at first start, printing each sign-in once. */
  DEMO_TENANT_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .optional(),
  DEMO_TENANT_NAME: z.string().min(1).max(200).default('Demo tenant'),
  /** The gateway's public base URL: enrolment links point to `<PUBLIC_URL>/enrol`. */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** How long an enrolment link works. */
  ENROLMENT_TTL_MS: ms(15 * 60_000, 30 * 86_400_000, 72 * 3_600_000),
  /** How enrolment links reach users: `smtp` (SMTP_URL) or `maildrop` (one .eml file per link in MAILDROP_DIR). */
  ENROLMENT_DELIVERY: z.enum(['smtp', 'maildrop']).default('maildrop'),
  /** smtp:// or smtps:// URL of the mail relay (credentials in the URL are never logged). */
  SMTP_URL: z.url().optional(),
  MAILDROP_DIR: z.string().min(1).default('./data/mail'),
  MAIL_FROM: z.string().min(3).max(320).default('MedicDraft <no-reply@medicdraft.invalid>'),
  /** OIDC/Cognito login: issuer and JWKS URL; both or neither. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_JWKS_URL: z.url().optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_GROUPS_CLAIM: z.string().min(1).default('cognito:groups'),
  OIDC_TENANT_CLAIM: z.string().min(1).default('custom:tenant_id'),
  /** Groups named `<prefix><role>` map to roles (e.g. `medicdraft-owner`). */
  OIDC_GROUP_PREFIX: z.string().default(''),
});

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** The only reader of `process.env` in the gateway service. Throws ConfigError listing every bad variable. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(
    schema.refine((v) => v.ENROLMENT_DELIVERY !== 'smtp' || v.SMTP_URL !== undefined, {
      message: 'ENROLMENT_DELIVERY=smtp needs SMTP_URL',
      path: ['SMTP_URL'],
    }),
    env,
    s3StorageProblems,
  );
  const objects = objectStoreConfigFrom(awsConfigFrom(e), '.');
  const oidc =
    e.OIDC_ISSUER !== undefined && e.OIDC_JWKS_URL !== undefined
      ? {
          issuer: e.OIDC_ISSUER,
          jwksUrl: e.OIDC_JWKS_URL,
          ...(e.OIDC_AUDIENCE === undefined ? {} : { audience: e.OIDC_AUDIENCE }),
          groupsClaim: e.OIDC_GROUPS_CLAIM,
          tenantClaim: e.OIDC_TENANT_CLAIM,
          groupPrefix: e.OIDC_GROUP_PREFIX,
        }
      : undefined;
  return {
    ...serviceProcessConfigFrom(e, 'gateway'),
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT, trustProxy: trustProxyFrom(e.TRUST_PROXY) },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_KEY_PREFIX },
    internal: {
      ingestUrl: e.INGEST_INTERNAL_URL,
      readinessUrl: e.READINESS_INTERNAL_URL,
      auditUrl: e.AUDIT_INTERNAL_URL,
      narrativeUrl: e.NARRATIVE_INTERNAL_URL,
    },
    auth: {
      session: {
        idleTimeoutMs: e.SESSION_IDLE_TIMEOUT_MS,
        absoluteTimeoutMs: e.SESSION_ABSOLUTE_TIMEOUT_MS,
        cookieSecure: e.COOKIE_SECURE,
      },
      throttle: {
        maxPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        maxPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
        windowMs: e.LOGIN_THROTTLE_WINDOW_MS,
      },
      ...(oidc === undefined ? {} : { oidc }),
    },
    enrolment: {
      publicUrl: e.PUBLIC_URL,
      ttlMs: e.ENROLMENT_TTL_MS,
      delivery:
        e.ENROLMENT_DELIVERY === 'smtp'
          ? { kind: 'smtp' as const, url: e.SMTP_URL!, from: e.MAIL_FROM }
          : { kind: 'maildrop' as const, dir: e.MAILDROP_DIR, from: e.MAIL_FROM },
    },
    demoTenant: e.DEMO_TENANT_ID === undefined ? undefined : { id: e.DEMO_TENANT_ID, displayName: e.DEMO_TENANT_NAME },
    limits: { ratePerMinute: e.RATE_LIMIT_PER_MINUTE, maxAudioBytes: e.MAX_AUDIO_BYTES, maxTextBytes: e.MAX_TEXT_BYTES },
    /** Keys ePCR incident numbers for per-incident reports; absent when INCIDENT_KEY_SECRET is unset. */
    incidentKey: e.INCIDENT_KEY_SECRET === undefined ? undefined : createIncidentKeyer(e.INCIDENT_KEY_SECRET),
    uploads: { spoolDir: e.UPLOAD_SPOOL_DIR, expiryMs: e.UPLOAD_EXPIRY_MS, objects: objects.kind === 's3' ? objects : undefined },
  };
}

import type { RequiredEnvVarName } from '@medicdraft/contracts';

/**
 * Why a live probe did not prove its check. `not_configured`: the probe had nothing to check (its
 * variable is unset), so the readiness screen shows no line for it. The others are shown as a
 * failed line and logged with this reason: `not_found` (resource absent), `misconfigured` (present
 * but the property is wrong, e.g. public access not blocked), `access_denied`, `unreachable`
 * (network, DNS, timeout), `error` (the service answered with a failure).
 */
export const PROBE_FAILURES = ['not_configured', 'not_found', 'misconfigured', 'access_denied', 'unreachable', 'error'] as const;
export type ProbeFailure = (typeof PROBE_FAILURES)[number];
export type ProbeOutcome = { ok: true } | { ok: false; reason: ProbeFailure };

export const PROBE_OK: ProbeOutcome = Object.freeze({ ok: true });
export const NOT_CONFIGURED: ProbeOutcome = Object.freeze({ ok: false, reason: 'not_configured' });
export function probeFailed(reason: Exclude<ProbeFailure, 'not_configured'>): ProbeOutcome {
  return { ok: false, reason };
}

/** Results of the live probes (one round); each is global, i.e. the same for every tenant. */
export interface ProbeResults {
  bucketsExist: ProbeOutcome;
  bucketsPublicAccessBlocked: ProbeOutcome;
  bucketsDefaultSseKms: ProbeOutcome;
  bucketsLifecycleRule: ProbeOutcome;
  kmsKeyEnabled: ProbeOutcome;
  kmsKeyRotation: ProbeOutcome;
  databaseRlsForced: ProbeOutcome;
  dataAccessRoleTrustsTranscribe: ProbeOutcome;
  auditLogGroupWithRetention: ProbeOutcome;
  /** Append-only triggers present and enabled, the audit role without UPDATE/DELETE/TRUNCATE or key INSERT. */
  auditTablesAppendOnly: ProbeOutcome;
  /** The checkpoint witness bucket: Object Lock, COMPLIANCE mode, at least the minimum retention. */
  auditWitnessObjectLock: ProbeOutcome;
  healthscribeReachable: ProbeOutcome;
  /** The narrative drafting model on Amazon Bedrock answers for this account in its region (not_configured without BEDROCK_MODEL_ID). */
  bedrockModelAccess: ProbeOutcome;
}
export type ProbeName = keyof ProbeResults;
export const PROBE_NAMES: readonly ProbeName[] = [
  'bucketsExist',
  'bucketsPublicAccessBlocked',
  'bucketsDefaultSseKms',
  'bucketsLifecycleRule',
  'kmsKeyEnabled',
  'kmsKeyRotation',
  'databaseRlsForced',
  'dataAccessRoleTrustsTranscribe',
  'auditLogGroupWithRetention',
  'auditTablesAppendOnly',
  'auditWitnessObjectLock',
  'healthscribeReachable',
  'bedrockModelAccess',
];

/** Before the first probe round: nothing is proven. */
export function unprobed(): ProbeResults {
  return Object.fromEntries(PROBE_NAMES.map((n) => [n, NOT_CONFIGURED])) as unknown as ProbeResults;
}

/** Deployment facts from configuration (the same for every tenant). */
export interface EnvFacts {
  /** Which of the six required variables are set. */
  configured: Readonly<Record<RequiredEnvVarName, boolean>>;
  /** A database is configured (DATABASE_URL on the stack, PGlite in the embedded mode). */
  databaseConfigured: boolean;
  /** A production identity provider is configured (AUTH_OIDC_ISSUER). */
  productionAuthConfigured: boolean;
  /** Objects go to the sandbox filesystem store, not to the S3 buckets. */
  demoStorageOnly: boolean;
}

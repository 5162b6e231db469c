import { AUDIT_EVENT_TYPES_SEED, GATES, TENANT_CONTROLS } from '@medicdraft/contracts';

/**
 * Regulatory controls docs/compliance.md must map, each to at least one test: HIPAA Security Rule
 * standards and NIST SP 800-53 controls the system claims to implement.
 */
export const REQUIRED_CONTROL_IDS: readonly string[] = [
  '§164.312(a)(1)',
  '§164.312(b)',
  '§164.312(c)(1)',
  '§164.312(d)',
  '§164.312(e)(1)',
  '§164.308(a)(1)(ii)(D)',
  '§164.316(b)(2)',
  'AU-2',
  'AU-3',
  'AU-5',
  'AU-6',
  'AU-9',
  'AU-10',
  'AU-11',
  'AU-12',
  'AC-3',
  'AC-6',
  'IA-2(1)',
  'SC-8',
  'SC-28',
];

/**
 * The readiness screen's "Security Controls", in its own words. The gates and tenant controls are
 * taken from the contracts, which carry the same screen verbatim, so a renamed gate fails here too.
 */
const SECURITY_CONTROLS = [
  'BAA gate before PHI',
  'Tenant ID on every PHI object',
  'Organization-aware authentication and RBAC',
  'Customer-managed KMS encryption',
  'Immutable PHI audit events',
  'Tenant retention and deletion policy',
  'No cross-tenant training',
  'HealthScribe service boundary',
];

export const REQUIRED_CONTROL_TITLES: readonly string[] = [
  ...Object.values(GATES).map((g) => g.title),
  ...Object.values(TENANT_CONTROLS).map((c) => c.title),
  ...SECURITY_CONTROLS,
];

/** The readiness screen's protected data classes and audit event types must each be named. */
export const REQUIRED_TERMS: readonly string[] = [
  'Audio recordings',
  'Transcripts',
  'Generated narratives and reports',
  'Department reference material',
  'Tenant AI artifacts',
  ...AUDIT_EVENT_TYPES_SEED.map((e) => e.type),
];

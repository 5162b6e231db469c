import type { LightMyRequestResponse } from 'fastify';

/** One request/response pair as the browser would see it, with whose session made it. */
export interface RecordedExchange {
  /** Tenant of the session cookie sent, if any. */
  callerTenant?: string | undefined;
  /** Tenant named by the request itself (path or login body), for anonymous callers. */
  requestTenant?: string | undefined;
  res: LightMyRequestResponse;
}

export interface BoundaryFinding {
  index: number;
  kind: string;
  sample: string;
}

/**
 * What must never reach a browser (docs/architecture.md "Data layout and keys", seed 000
 * "Server-Side Boundaries"): AWS access key ids, ARNs (KMS keys, roles, log groups), S3 URIs and
 * bucket names, object keys in the `{tenantId}/{yyyy}/{mm}/{dd}/{id}` layout, and another tenant's
 * id.
 */
const PATTERNS: [string, RegExp][] = [
  ['aws_access_key_id', /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/],
  ['arn', /\barn:aws[\w-]*:[a-z0-9-]+:/],
  ['kms_alias', /\balias\/[\w/-]+/],
  ['s3_uri', /\bs3:\/\/|\.s3[.-][\w.-]*amazonaws\.com/],
  ['object_key', /\b[a-z0-9][a-z0-9-]{1,62}\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f-]{36}\//],
  ['secret_access_key_field', /secretAccessKey|aws_secret_access_key|x-amz-/i],
];

/**
 * Scans every body and header of `exchanges`. `tenants` lists every tenant id the test used;
 * each response may name only its caller's tenant (or, anonymous, the one it asked about).
 * `buckets` are the physical bucket names of the deployment under test.
 */
export function scanForBoundaryLeaks(
  exchanges: readonly RecordedExchange[],
  opts: { tenants: readonly string[]; buckets?: readonly string[] },
): BoundaryFinding[] {
  const findings: BoundaryFinding[] = [];
  exchanges.forEach((ex, index) => {
    const text = `${JSON.stringify(ex.res.headers)}\n${ex.res.body}`;
    for (const [kind, re] of PATTERNS) {
      const m = re.exec(text);
      if (m) findings.push({ index, kind, sample: m[0] });
    }
    for (const bucket of opts.buckets ?? []) if (text.includes(bucket)) findings.push({ index, kind: 'bucket_name', sample: bucket });
    const allowed = ex.callerTenant ?? ex.requestTenant;
    for (const tenant of opts.tenants) {
      if (tenant !== allowed && new RegExp(`(?<![a-z0-9-])${tenant}(?![a-z0-9-])`).test(text))
        findings.push({ index, kind: 'foreign_tenant_id', sample: tenant });
    }
  });
  return findings;
}

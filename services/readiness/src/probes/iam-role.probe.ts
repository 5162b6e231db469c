import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { NOT_CONFIGURED, PROBE_OK, probeFailed, type ProbeOutcome } from '../gates/gate-inputs.js';
import { classifyAwsError, probeTimeout } from './aws-error.js';

export const TRANSCRIBE_PRINCIPAL = 'transcribe.amazonaws.com';

interface TrustStatement {
  Effect?: string;
  Action?: string | string[];
  Principal?: { Service?: string | string[] } | string;
}

/** True when a trust policy lets the transcribe service principal assume the role. */
export function trustsTranscribe(policyDocument: string): boolean {
  let doc: { Statement?: TrustStatement | TrustStatement[] };
  try {
    // IAM returns the document URL-encoded (RFC 3986); moto and some SDK paths return it plain.
    doc = JSON.parse(policyDocument.trimStart().startsWith('{') ? policyDocument : decodeURIComponent(policyDocument)) as typeof doc;
  } catch {
    return false;
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return statements.some((s) => {
    if (s.Effect !== 'Allow' || typeof s.Principal !== 'object') return false;
    const actions = list(s.Action);
    return list(s.Principal.Service).includes(TRANSCRIBE_PRINCIPAL) && (actions.includes('sts:AssumeRole') || actions.includes('sts:*'));
  });
}

/** The data-access role exists and its trust policy admits transcribe (HealthScribe assumes it). */
export async function probeDataAccessRole(
  iam: IAMClient | undefined,
  opts: { roleArn: string | undefined; timeoutMs: number },
): Promise<ProbeOutcome> {
  if (opts.roleArn === undefined || iam === undefined) return NOT_CONFIGURED;
  const roleName = opts.roleArn.split('/').at(-1) ?? '';
  try {
    const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }), probeTimeout(opts.timeoutMs))).Role;
    if (role === undefined) return probeFailed('not_found');
    if (role.Arn !== opts.roleArn) return probeFailed('misconfigured');
    return role.AssumeRolePolicyDocument !== undefined && trustsTranscribe(role.AssumeRolePolicyDocument)
      ? PROBE_OK
      : probeFailed('misconfigured');
  } catch (err) {
    return probeFailed(classifyAwsError(err));
  }
}

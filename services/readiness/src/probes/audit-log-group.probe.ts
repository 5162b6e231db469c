import { DescribeLogGroupsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { NOT_CONFIGURED, PROBE_OK, probeFailed, type ProbeOutcome } from '../gates/gate-inputs.js';
import { classifyAwsError, probeTimeout } from './aws-error.js';

/** The audit log group exists (exact name) and has a retention policy (logs do not live forever by accident). */
export async function probeAuditLogGroup(
  logs: CloudWatchLogsClient | undefined,
  opts: { logGroup: string | undefined; timeoutMs: number },
): Promise<ProbeOutcome> {
  if (opts.logGroup === undefined || logs === undefined) return NOT_CONFIGURED;
  try {
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: opts.logGroup, nextToken }),
        probeTimeout(opts.timeoutMs),
      );
      const group = page.logGroups?.find((g) => g.logGroupName === opts.logGroup);
      if (group !== undefined)
        return group.retentionInDays !== undefined && group.retentionInDays > 0 ? PROBE_OK : probeFailed('misconfigured');
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return probeFailed('not_found');
  } catch (err) {
    return probeFailed(classifyAwsError(err));
  }
}

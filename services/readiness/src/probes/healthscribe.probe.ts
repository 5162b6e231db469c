import { ListMedicalScribeJobsCommand, type TranscribeClient } from '@aws-sdk/client-transcribe';
import { NOT_CONFIGURED, PROBE_OK, probeFailed, type ProbeOutcome } from '../gates/gate-inputs.js';
import { classifyAwsError, probeTimeout } from './aws-error.js';

/** Answers that prove the service is there and serving this account, though not this request. */
const ANSWERED = new Set(['LimitExceededException', 'ThrottlingException']);

/**
 * HealthScribe answers: one `ListMedicalScribeJobs` (MaxResults 1, read-only). Throttling counts
 * as an answer (the service is up; the scribe service handles quota); transport failures are
 * `unreachable`, credential and permission errors `access_denied`, other service errors `error`.
 */
export async function probeHealthScribe(transcribe: TranscribeClient | undefined, opts: { timeoutMs: number }): Promise<ProbeOutcome> {
  if (transcribe === undefined) return NOT_CONFIGURED;
  try {
    await transcribe.send(new ListMedicalScribeJobsCommand({ MaxResults: 1 }), probeTimeout(opts.timeoutMs));
    return PROBE_OK;
  } catch (err) {
    if (ANSWERED.has((err as { name?: string }).name ?? '')) return PROBE_OK;
    return probeFailed(classifyAwsError(err));
  }
}

import type { S3Client } from '@aws-sdk/client-s3';
import type { ScribeEngine, ScribeJobSpec, ScribeJobStatus } from '../engine/scribe-engine.port.js';
import { failureReasonOfJob, type HealthscribeClient } from './healthscribe-client.js';
import { fetchHealthscribeOutputs } from './healthscribe-outputs.js';
import { buildStartJobRequest, type HealthscribeTarget } from './start-job-request.js';

export interface HealthscribeEngineDeps {
  client: HealthscribeClient;
  /** Reads the outputs; must be allowed to decrypt with the target's KMS key. */
  s3: S3Client;
  target: HealthscribeTarget;
  /** Concurrent jobs the account allows (Service Quotas), or null when unlimited. */
  quota: number | null;
  maxOutputBytes?: number;
}

/**
 * The ScribeEngine port on AWS HealthScribe. `start` sends StartMedicalScribeJob under the
 * spec's deterministic job name and adopts an existing job (ConflictException); `status` polls
 * GetMedicalScribeJob and, once COMPLETED, hands back a reader of both outputs at the URIs it returned.
 * A job Get cannot find was deleted behind our back: reported as failed, not retried forever.
 */
export function createHealthscribeEngine(deps: HealthscribeEngineDeps): ScribeEngine {
  return {
    name: 'healthscribe',
    quota: deps.quota,
    async start(spec: ScribeJobSpec): Promise<void> {
      await deps.client.startJob(buildStartJobRequest(deps.target, spec));
    },
    async status(spec: ScribeJobSpec): Promise<ScribeJobStatus> {
      const job = await deps.client.getJob(spec.jobName);
      if (!job) return { state: 'failed', reason: 'job_failed' };
      switch (job.status) {
        case 'QUEUED':
          return { state: 'queued' };
        case 'IN_PROGRESS':
          return { state: 'in_progress' };
        case 'FAILED':
          return { state: 'failed', reason: failureReasonOfJob(job.failureReason) };
        case 'COMPLETED':
          return {
            state: 'completed',
            async documents() {
              const outputs = await fetchHealthscribeOutputs(
                { s3: deps.s3, outputBucket: deps.target.outputBucket, ...(deps.maxOutputBytes ? { maxBytes: deps.maxOutputBytes } : {}) },
                job,
              );
              return { transcript: outputs.transcript, clinicalDocument: outputs.clinicalDocument };
            },
          };
        default:
          return { state: 'in_progress' };
      }
    },
  };
}

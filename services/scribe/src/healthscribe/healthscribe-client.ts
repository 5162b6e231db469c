import {
  DeleteMedicalScribeJobCommand,
  GetMedicalScribeJobCommand,
  StartMedicalScribeJobCommand,
  TranscribeClient,
  paginateListMedicalScribeJobs,
  type MedicalScribeJob,
  type MedicalScribeJobStatus,
  type MedicalScribeJobSummary,
  type StartMedicalScribeJobCommandInput,
} from '@aws-sdk/client-transcribe';
import type { ScribeFailureReason } from '@medicdraft/contracts';
import { ScribeEngineError } from '../engine/scribe-engine-error.js';

/** A job as Get reports it, reduced to what scribe uses. FailureReason is free text: never put it in events. */
export interface HealthscribeJob {
  name: string;
  status: MedicalScribeJobStatus;
  failureReason?: string;
  transcriptUri?: string;
  clinicalDocumentUri?: string;
  mediaUri?: string;
  createdAt?: Date;
  startedAt?: Date;
  completedAt?: Date;
  tags: Record<string, string>;
}

export type HealthscribeJobSummary = Pick<HealthscribeJob, 'name' | 'status' | 'failureReason' | 'createdAt' | 'startedAt' | 'completedAt'>;

/**
 * Thin wrapper over the four MedicalScribe operations. Every rejection is a ScribeEngineError
 * with a contracts failure reason and whether retrying may help (see classifyHealthscribeError).
 * - `startJob` is idempotent on the job name: ConflictException adopts the existing job after
 *   checking it reads the same media (a different media URI under our name is a collision).
 * - `getJob` resolves undefined for NotFoundException (never started, or deleted).
 * - `listJobs` pages through every match (the API's default page is only 5).
 * - `deleteJob` removes the job record only, not its S3 outputs.
 */
export interface HealthscribeClient {
  startJob(input: StartMedicalScribeJobCommandInput): Promise<{ adopted: boolean; job: HealthscribeJob }>;
  getJob(name: string): Promise<HealthscribeJob | undefined>;
  listJobs(filter?: { status?: MedicalScribeJobStatus; nameContains?: string }): AsyncIterable<HealthscribeJobSummary>;
  deleteJob(name: string): Promise<void>;
}

/**
 * The Transcribe client for HealthScribe. `maxAttempts` defaults to 1: scribe retries
 * LimitExceeded/InternalFailure itself with jittered backoff and a quota slot released in between,
 * which the SDK's in-call retries would bypass.
 */
export function createTranscribeClient(opts: {
  region: string;
  endpoint?: string;
  maxAttempts?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}): TranscribeClient {
  return new TranscribeClient({
    region: opts.region,
    maxAttempts: opts.maxAttempts ?? 1,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
}

const RETRYABLE: Record<string, ScribeFailureReason> = {
  LimitExceededException: 'limit_exceeded',
  ThrottlingException: 'limit_exceeded',
  TooManyRequestsException: 'limit_exceeded',
  InternalFailureException: 'internal_failure',
  ServiceUnavailable: 'internal_failure',
  ServiceUnavailableException: 'internal_failure',
};
const ACCESS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
]);

/**
 * Maps anything the SDK threw to a failure reason: throttling and server faults are retryable;
 * validation (BadRequest, or a malformed call) and authorisation problems are not, since the same
 * request would fail again until an operator fixes configuration. Errors without an HTTP response
 * (connection refused, timeouts) mean the service is unreachable: retryable `engine_unavailable`.
 * Messages name the error type only: service messages may quote request values.
 */
export function classifyHealthscribeError(err: unknown): ScribeEngineError {
  if (err instanceof ScribeEngineError) return err;
  const e = (err ?? {}) as { name?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = `HealthScribe call failed: ${name}`;
  const retryableReason = RETRYABLE[name];
  if (retryableReason) return new ScribeEngineError(retryableReason, message, { retryable: true, cause: err });
  if (ACCESS.has(name)) return new ScribeEngineError('access_denied', message, { retryable: false, cause: err });
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return new ScribeEngineError('engine_unavailable', message, { retryable: true, cause: err });
  if (e.$fault === 'server' || status >= 500) return new ScribeEngineError('internal_failure', message, { retryable: true, cause: err });
  if (status === 403) return new ScribeEngineError('access_denied', message, { retryable: false, cause: err });
  return new ScribeEngineError('bad_request', message, { retryable: false, cause: err });
}

function toJob(job: MedicalScribeJob | undefined, fallbackName: string): HealthscribeJob {
  return {
    name: job?.MedicalScribeJobName ?? fallbackName,
    status: job?.MedicalScribeJobStatus ?? 'QUEUED',
    ...(job?.FailureReason !== undefined ? { failureReason: job.FailureReason } : {}),
    ...(job?.MedicalScribeOutput?.TranscriptFileUri ? { transcriptUri: job.MedicalScribeOutput.TranscriptFileUri } : {}),
    ...(job?.MedicalScribeOutput?.ClinicalDocumentUri ? { clinicalDocumentUri: job.MedicalScribeOutput.ClinicalDocumentUri } : {}),
    ...(job?.Media?.MediaFileUri ? { mediaUri: job.Media.MediaFileUri } : {}),
    ...(job?.CreationTime ? { createdAt: job.CreationTime } : {}),
    ...(job?.StartTime ? { startedAt: job.StartTime } : {}),
    ...(job?.CompletionTime ? { completedAt: job.CompletionTime } : {}),
    tags: Object.fromEntries((job?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
}

function toSummary(s: MedicalScribeJobSummary): HealthscribeJobSummary {
  const { name, status, failureReason, createdAt, startedAt, completedAt } = toJob(s, '');
  return {
    name,
    status,
    ...(failureReason !== undefined ? { failureReason } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(completedAt ? { completedAt } : {}),
  };
}

export function createHealthscribeClient(transcribe: TranscribeClient): HealthscribeClient {
  async function getJob(name: string): Promise<HealthscribeJob | undefined> {
    try {
      const out = await transcribe.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: name }));
      return toJob(out.MedicalScribeJob, name);
    } catch (err) {
      if ((err as { name?: string } | null)?.name === 'NotFoundException') return undefined;
      throw classifyHealthscribeError(err);
    }
  }

  return {
    getJob,
    async startJob(input) {
      const name = input.MedicalScribeJobName ?? '';
      try {
        const out = await transcribe.send(new StartMedicalScribeJobCommand(input));
        return { adopted: false, job: toJob(out.MedicalScribeJob, name) };
      } catch (err) {
        if ((err as { name?: string } | null)?.name !== 'ConflictException') throw classifyHealthscribeError(err);
      }
      const existing = await getJob(name);
      // Deleted between our Start and Get: the name is free again, but a retry decides, not us.
      if (!existing)
        throw new ScribeEngineError('internal_failure', 'HealthScribe job vanished after ConflictException', { retryable: true });
      if (existing.mediaUri !== undefined && existing.mediaUri !== input.Media?.MediaFileUri) {
        throw new ScribeEngineError('bad_request', 'HealthScribe job name is taken by a job for other media', { retryable: false });
      }
      return { adopted: true, job: existing };
    },
    async *listJobs(filter = {}) {
      const pages = paginateListMedicalScribeJobs(
        { client: transcribe, pageSize: 100 },
        { ...(filter.status ? { Status: filter.status } : {}), ...(filter.nameContains ? { JobNameContains: filter.nameContains } : {}) },
      );
      try {
        for await (const page of pages) for (const s of page.MedicalScribeJobSummaries ?? []) yield toSummary(s);
      } catch (err) {
        throw classifyHealthscribeError(err);
      }
    },
    async deleteJob(name) {
      try {
        await transcribe.send(new DeleteMedicalScribeJobCommand({ MedicalScribeJobName: name }));
      } catch (err) {
        throw classifyHealthscribeError(err);
      }
    },
  };
}

/**
 * The failure reason shown for a FAILED job. HealthScribe's FailureReason is free text, so only
 * coarse, stable cues are used; anything else is the generic `job_failed`.
 */
export function failureReasonOfJob(failureReason: string | undefined): ScribeFailureReason {
  const text = (failureReason ?? '').toLowerCase();
  const denied = /can't be accessed|cannot be accessed|permission|access denied|not authorized|not enabled/.test(text);
  if (denied && /\b(media|input|audio)\b/.test(text)) return 'media_unreadable';
  if (denied || /\bkms\b/.test(text)) return 'access_denied';
  if (/\b(media|format|sample rate|codec|channels?|audio|duration|too long|too short|unsupported)\b/.test(text)) return 'media_unsupported';
  return 'job_failed';
}

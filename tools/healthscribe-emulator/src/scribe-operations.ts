import { ServiceError } from './aws-json-errors.js';
import type { FaultPlan } from './fault-plan.js';
import type { JobBook } from './job-book.js';
import { checkStartResources, runJob, type JobOutcome, type ProcessorDeps } from './job-processor.js';
import { RequestChecks } from './request-checks.js';
import { checkJobName, JOB_NAME, validateStartRequest } from './start-request-validator.js';
import { JOB_STATUSES, type JobStatus, type StartMedicalScribeJobWire } from './wire-types.js';

/** How long a job stays in each state; read when the job enters that state, so changes apply to running jobs. */
export interface JobTiming {
  queuedMs: number;
  inProgressMs: number;
}

export interface OperationContext {
  book: JobBook;
  faults: FaultPlan;
  deps: ProcessorDeps;
  timing: JobTiming;
  /** Account quota of concurrent jobs (QUEUED + IN_PROGRESS); beyond it Start is LimitExceeded. */
  maxActiveJobs: number | undefined;
  /** Schedules `fn` after `ms` unless the emulator closes first. */
  later(ms: number, fn: () => void): void;
}

const deepCopy = <T>(value: T): T => structuredClone(value);

function runLifecycle(
  ctx: OperationContext,
  request: StartMedicalScribeJobWire,
  media: Parameters<typeof runJob>[2],
  forcedFailure: string | undefined,
): void {
  const name = request.MedicalScribeJobName;
  ctx.later(ctx.timing.queuedMs, () => {
    ctx.book.markInProgress(name);
    const minimumEnd = Date.now() + ctx.timing.inProgressMs;
    const work: Promise<JobOutcome> = forcedFailure
      ? Promise.resolve({ failureReason: forcedFailure })
      : runJob(ctx.deps, request, media, (sha) => ctx.book.noteMedia(name, sha)).catch(() => ({
          failureReason: 'Internal failure while processing the job.',
        }));
    void work.then((outcome) => ctx.later(Math.max(0, minimumEnd - Date.now()), () => ctx.book.finish(name, outcome)));
  });
}

async function startJob(ctx: OperationContext, body: unknown) {
  const request = validateStartRequest(body);
  ctx.book.assertNameFree(request.MedicalScribeJobName);
  const media = await checkStartResources(ctx.deps, request);
  // Checked after the await, synchronously with create, so concurrent Starts cannot overshoot.
  if (ctx.maxActiveJobs !== undefined && ctx.book.stats.active >= ctx.maxActiveJobs) {
    throw new ServiceError(
      'LimitExceededException',
      'You have reached the maximum number of concurrent Medical Scribe jobs for your account.',
    );
  }
  const wire = ctx.book.create(request);
  runLifecycle(ctx, request, media, ctx.faults.takeJobFailure());
  return { MedicalScribeJob: deepCopy(wire) };
}

function jobNameOf(body: unknown): string {
  const c = new RequestChecks();
  const root = c.object(body, 'request', true) ?? {};
  const name = checkJobName(c, root['MedicalScribeJobName']);
  c.done();
  return name as string;
}

function getJob(ctx: OperationContext, body: unknown) {
  const job = ctx.book.get(jobNameOf(body));
  if (!job)
    throw new ServiceError('NotFoundException', "The requested job couldn't be found. Check the job name and try your request again.");
  return { MedicalScribeJob: deepCopy(job) };
}

function listJobs(ctx: OperationContext, body: unknown) {
  const c = new RequestChecks();
  const root = c.object(body, 'request', true) ?? {};
  const status = c.string(root['Status'], 'status', { oneOf: JOB_STATUSES }) as JobStatus | undefined;
  const nameContains = c.string(root['JobNameContains'], 'jobNameContains', {
    min: 1,
    max: 200,
    pattern: JOB_NAME,
    patternText: '^[0-9a-zA-Z._-]+',
  });
  const nextToken = c.string(root['NextToken'], 'nextToken', { max: 8192, pattern: /^[\s\S]+$/, patternText: '.+' });
  const maxResults = c.integer(root['MaxResults'], 'maxResults', 1, 100);
  c.done();
  const page = ctx.book.list({ status, nameContains, nextToken, maxResults });
  return {
    ...(status ? { Status: status } : {}),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    MedicalScribeJobSummaries: page.summaries,
  };
}

function deleteJob(ctx: OperationContext, body: unknown) {
  ctx.book.delete(jobNameOf(body));
  return {};
}

/** The four MedicalScribe operations by X-Amz-Target operation name. */
export const SCRIBE_OPERATIONS = {
  StartMedicalScribeJob: startJob,
  GetMedicalScribeJob: getJob,
  ListMedicalScribeJobs: listJobs,
  DeleteMedicalScribeJob: deleteJob,
} as const satisfies Record<string, (ctx: OperationContext, body: unknown) => unknown>;

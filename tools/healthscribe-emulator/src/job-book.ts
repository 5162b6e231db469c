import { ServiceError } from './aws-json-errors.js';
import type { JobStatus, MedicalScribeJobSummaryWire, MedicalScribeJobWire, StartMedicalScribeJobWire } from './wire-types.js';

/** One accepted job, as the tests read it from the job log (kept after DeleteMedicalScribeJob). */
export interface JobLogEntry {
  jobName: string;
  status: JobStatus;
  /** When Start accepted the job (ISO). */
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  failureReason?: string;
  mediaSha256?: string;
  tags: Record<string, string>;
  deleted: boolean;
}

export interface JobStats {
  startRequests: number;
  startsAccepted: number;
  startsRejected: number;
  /** Jobs QUEUED or IN_PROGRESS now, and the most there ever were at once. */
  active: number;
  maxActive: number;
  inProgress: number;
  maxInProgress: number;
}

const toEpochSeconds = (ms: number) => ms / 1000;

/**
 * The emulator's job table: the account-wide unique names (ConflictException), status
 * transitions, ListMedicalScribeJobs paging (newest first, default page 5), Delete rules (only
 * terminal jobs; a missing one is a BadRequestException) and the job log with concurrency marks.
 */
export class JobBook {
  private readonly jobs = new Map<string, { wire: MedicalScribeJobWire; seq: number }>();
  private readonly log: JobLogEntry[] = [];
  /** Log entry of the live job under each name (a name is reusable after Delete). */
  private readonly current = new Map<string, JobLogEntry>();
  private seq = 0;
  readonly stats: JobStats = {
    startRequests: 0,
    startsAccepted: 0,
    startsRejected: 0,
    active: 0,
    maxActive: 0,
    inProgress: 0,
    maxInProgress: 0,
  };

  constructor(private readonly now: () => number = Date.now) {}

  /** Job names are unique per account while the job exists (a deleted name can be reused). */
  assertNameFree(name: string): void {
    if (this.jobs.has(name)) {
      throw new ServiceError('ConflictException', 'The requested job name already exists. Use a different job name.');
    }
  }

  create(request: StartMedicalScribeJobWire): MedicalScribeJobWire {
    const name = request.MedicalScribeJobName;
    this.assertNameFree(name);
    const created = this.now();
    const wire: MedicalScribeJobWire = {
      MedicalScribeJobName: name,
      MedicalScribeJobStatus: 'QUEUED',
      LanguageCode: 'en-US',
      Media: { MediaFileUri: request.Media.MediaFileUri },
      CreationTime: toEpochSeconds(created),
      Settings: request.Settings,
      DataAccessRoleArn: request.DataAccessRoleArn,
      ...(request.ChannelDefinitions ? { ChannelDefinitions: request.ChannelDefinitions } : {}),
      ...(request.Tags ? { Tags: request.Tags } : {}),
      MedicalScribeContextProvided: request.MedicalScribeContext !== undefined,
    };
    this.jobs.set(name, { wire, seq: ++this.seq });
    const entry: JobLogEntry = {
      jobName: name,
      status: 'QUEUED',
      createdAt: new Date(created).toISOString(),
      tags: Object.fromEntries((request.Tags ?? []).map((t) => [t.Key, t.Value])),
      deleted: false,
    };
    this.log.push(entry);
    this.current.set(name, entry);
    this.stats.startsAccepted += 1;
    this.stats.active += 1;
    this.stats.maxActive = Math.max(this.stats.maxActive, this.stats.active);
    return wire;
  }

  get(name: string): MedicalScribeJobWire | undefined {
    return this.jobs.get(name)?.wire;
  }

  markInProgress(name: string): void {
    const job = this.jobs.get(name)?.wire;
    const entry = this.current.get(name);
    if (!job || !entry || job.MedicalScribeJobStatus !== 'QUEUED') return;
    const at = this.now();
    job.MedicalScribeJobStatus = 'IN_PROGRESS';
    job.StartTime = toEpochSeconds(at);
    Object.assign(entry, { status: 'IN_PROGRESS', startedAt: new Date(at).toISOString() });
    this.stats.inProgress += 1;
    this.stats.maxInProgress = Math.max(this.stats.maxInProgress, this.stats.inProgress);
  }

  noteMedia(name: string, sha256: string): void {
    const entry = this.current.get(name);
    if (entry) entry.mediaSha256 = sha256;
  }

  finish(name: string, outcome: { output: { TranscriptFileUri: string; ClinicalDocumentUri: string } } | { failureReason: string }): void {
    const job = this.jobs.get(name)?.wire;
    const entry = this.current.get(name);
    if (!job || !entry || (job.MedicalScribeJobStatus !== 'IN_PROGRESS' && job.MedicalScribeJobStatus !== 'QUEUED')) return;
    if (job.MedicalScribeJobStatus === 'IN_PROGRESS') this.stats.inProgress -= 1;
    this.stats.active -= 1;
    const at = this.now();
    job.CompletionTime = toEpochSeconds(at);
    entry.completedAt = new Date(at).toISOString();
    if ('output' in outcome) {
      job.MedicalScribeJobStatus = entry.status = 'COMPLETED';
      job.MedicalScribeOutput = outcome.output;
    } else {
      job.MedicalScribeJobStatus = entry.status = 'FAILED';
      job.FailureReason = entry.failureReason = outcome.failureReason;
    }
  }

  delete(name: string): void {
    const job = this.jobs.get(name)?.wire;
    if (!job)
      throw new ServiceError('BadRequestException', "The requested job couldn't be found. Check the job name and try your request again.");
    if (job.MedicalScribeJobStatus !== 'COMPLETED' && job.MedicalScribeJobStatus !== 'FAILED') {
      throw new ServiceError(
        'BadRequestException',
        `The job ${name} is in a non-terminal state (${job.MedicalScribeJobStatus}) and can't be deleted.`,
      );
    }
    this.jobs.delete(name);
    const entry = this.current.get(name);
    if (entry) entry.deleted = true;
    this.current.delete(name);
  }

  list(opts: { status?: JobStatus; nameContains?: string; nextToken?: string; maxResults?: number }): {
    summaries: MedicalScribeJobSummaryWire[];
    nextToken?: string;
  } {
    let after = Number.POSITIVE_INFINITY;
    if (opts.nextToken !== undefined) {
      const match = /^seq:(\d+)$/.exec(Buffer.from(opts.nextToken, 'base64url').toString('utf8'));
      if (!match?.[1]) throw new ServiceError('BadRequestException', 'The NextToken you provided is invalid.');
      after = Number(match[1]);
    }
    const needle = opts.nameContains?.toLowerCase();
    const matching = [...this.jobs.values()]
      .filter(
        ({ wire, seq }) =>
          seq < after &&
          (!opts.status || wire.MedicalScribeJobStatus === opts.status) &&
          (!needle || wire.MedicalScribeJobName.toLowerCase().includes(needle)),
      )
      .sort((a, b) => b.seq - a.seq);
    const page = matching.slice(0, opts.maxResults ?? 5);
    const last = page.at(-1);
    const summaries = page.map(({ wire }) => ({
      MedicalScribeJobName: wire.MedicalScribeJobName,
      CreationTime: wire.CreationTime,
      ...(wire.StartTime !== undefined ? { StartTime: wire.StartTime } : {}),
      ...(wire.CompletionTime !== undefined ? { CompletionTime: wire.CompletionTime } : {}),
      LanguageCode: wire.LanguageCode,
      MedicalScribeJobStatus: wire.MedicalScribeJobStatus,
      ...(wire.FailureReason !== undefined ? { FailureReason: wire.FailureReason } : {}),
    }));
    return matching.length > page.length && last
      ? { summaries, nextToken: Buffer.from(`seq:${last.seq}`).toString('base64url') }
      : { summaries };
  }

  entries(): JobLogEntry[] {
    return this.log.map((e) => ({ ...e, tags: { ...e.tags } }));
  }

  clear(): void {
    this.jobs.clear();
    this.log.length = 0;
    this.current.clear();
    Object.assign(this.stats, {
      startRequests: 0,
      startsAccepted: 0,
      startsRejected: 0,
      active: 0,
      maxActive: 0,
      inProgress: 0,
      maxInProgress: 0,
    });
  }
}

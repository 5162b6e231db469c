import { Counter, Gauge, Histogram } from 'prom-client';
import { withTimeout, type Semaphore, type ServiceMetrics } from '@medicdraft/platform';
import type { JobRunnerDeps, JobStepOutcome } from './jobs/job-runner.js';
import { JOB_SLOT_SEMAPHORE } from './jobs/job-runner.js';

export interface ScribeMetricsSources {
  semaphore: Semaphore;
  /** The job queue across all workers (one query of `scribe.jobs`), asked at scrape time. */
  queue: () => Promise<{ due: number; running: number }>;
  /** Bound of each scrape-time read. Default 2000 ms. */
  timeoutMs?: number;
}

/**
 * What an SRE scaling scribe workers watches: step outcomes per worker (`waiting` growing means
 * the quota, not the workers, is the limit), the quota slots in use across all workers, the queue
 * (due steps nobody has picked up, engine jobs running) and how long jobs take to finish.
 */
export function createScribeMetrics(
  metrics: ServiceMetrics,
  sources: ScribeMetricsSources,
): { onStep(outcome: JobStepOutcome): void; onFinished: NonNullable<JobRunnerDeps['onFinished']> } {
  const timeoutMs = sources.timeoutMs ?? 2_000;
  const steps = new Counter({
    name: 'medicdraft_scribe_job_steps_total',
    help: 'Job steps advanced by this worker, by outcome (started, polled, completed, failed, retrying, waiting, lost_lease).',
    labelNames: ['outcome'],
    registers: [metrics.registry],
  });
  new Gauge({
    name: 'medicdraft_scribe_quota_slots_in_use',
    help: 'HealthScribe quota slots held across all workers (the shared semaphore), read at scrape time.',
    registers: [metrics.registry],
    async collect() {
      this.set(await withTimeout(sources.semaphore.count(JOB_SLOT_SEMAPHORE), timeoutMs).catch(() => Number.NaN));
    },
  });
  new Gauge({
    name: 'medicdraft_scribe_jobs_due',
    help: 'Jobs whose next step is due and that no worker holds (all workers; read at scrape time, NaN when unreadable).',
    registers: [metrics.registry],
    async collect() {
      this.set((await withTimeout(sources.queue(), timeoutMs).catch(() => undefined))?.due ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'medicdraft_scribe_jobs_running',
    help: 'Jobs the engine is running (state running; all workers; read at scrape time, NaN when unreadable).',
    registers: [metrics.registry],
    async collect() {
      this.set((await withTimeout(sources.queue(), timeoutMs).catch(() => undefined))?.running ?? Number.NaN);
    },
  });
  const duration = new Histogram({
    name: 'medicdraft_scribe_job_duration_seconds',
    help: 'Time from a job attempt being recorded to completed or failed (gate and quota waits included), by engine and outcome.',
    labelNames: ['engine', 'outcome'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600],
    registers: [metrics.registry],
  });
  return {
    onStep: (outcome) => steps.inc({ outcome }),
    onFinished: (f) => duration.observe({ engine: f.engine, outcome: f.outcome }, f.seconds),
  };
}

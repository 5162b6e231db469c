import { Counter, Gauge } from 'prom-client';
import type { Semaphore, ServiceMetrics } from '@medicdraft/platform';
import type { JobStepOutcome } from './jobs/job-runner.js';
import { JOB_SLOT_SEMAPHORE } from './jobs/job-runner.js';

/**
 * What an SRE scaling scribe workers watches: step outcomes per worker (`waiting` growing means
 * the quota, not the workers, is the limit) and the quota slots in use across all workers.
 */
export function createScribeMetrics(metrics: ServiceMetrics, semaphore: Semaphore): { onStep(outcome: JobStepOutcome): void } {
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
      this.set(await semaphore.count(JOB_SLOT_SEMAPHORE).catch(() => Number.NaN));
    },
  });
  return { onStep: (outcome) => steps.inc({ outcome }) };
}

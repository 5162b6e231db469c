import { ScribeEngineError } from '../engine/scribe-engine-error.js';
import type { ScribeEngine, ScribeJobSpec, ScribeJobStatus } from '../engine/scribe-engine.port.js';
import { testDocuments } from './scribe-harness.js';

/**
 * A unit-tier stand-in for the remote engine (the orchestrator is what is under test; the real
 * HealthScribe adapter is tested against the emulator). It behaves like HealthScribe where the
 * orchestrator depends on it: a name can be started once (a second start is adopted), a started
 * job runs for `pollsToComplete` status reads, and it records what a quota must bound. `onOutputsRead` runs
 * when a completed job's outputs are read.
 */
export function createScriptedEngine(opts: { quota: number; pollsToComplete?: number; onOutputsRead?: () => Promise<void> }) {
  const jobs = new Map<string, { polls: number; done: boolean }>();
  const startFailures: ScribeEngineError[] = [];
  const failing = new Set<string>();
  let hangNextStart = false;
  let running = 0;
  const stats = { startCalls: 0, created: 0, maxConcurrent: 0 };

  const engine: ScribeEngine = {
    name: 'healthscribe',
    quota: opts.quota,
    async start(spec: ScribeJobSpec) {
      stats.startCalls += 1;
      const failure = startFailures.shift();
      if (failure) throw failure;
      if (hangNextStart) {
        hangNextStart = false;
        // The job is created remotely, then the worker "dies" before hearing back.
        create(spec.jobName);
        return new Promise<void>(() => undefined);
      }
      if (!jobs.has(spec.jobName)) create(spec.jobName); // ConflictException → adopt
    },
    async status(spec: ScribeJobSpec): Promise<ScribeJobStatus> {
      const job = jobs.get(spec.jobName);
      if (!job) throw new ScribeEngineError('bad_request', 'no such job', { retryable: false });
      if (job.done) return completed();
      job.polls += 1;
      if (job.polls < (opts.pollsToComplete ?? 1)) return { state: 'in_progress' };
      job.done = true;
      running -= 1;
      if (failing.delete(spec.dictationId)) return { state: 'failed', reason: 'job_failed' };
      return completed();
    },
  };

  function completed(): ScribeJobStatus {
    return {
      state: 'completed',
      async documents() {
        await opts.onOutputsRead?.();
        return testDocuments.draft('Synthetic audio.');
      },
    };
  }

  function create(name: string) {
    jobs.set(name, { polls: 0, done: false });
    stats.created += 1;
    running += 1;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, running);
  }

  return {
    engine,
    stats,
    failStartWith(...errors: ScribeEngineError[]) {
      startFailures.push(...errors);
    },
    /** The dictation's next job to finish ends FAILED (later attempts run normally). */
    failJob(dictationId: string) {
      failing.add(dictationId);
    },
    hangNextStart() {
      hangNextStart = true;
    },
  };
}

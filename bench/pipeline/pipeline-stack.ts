import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPIC, type ServiceName } from '@medicdraft/contracts';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { type EventBus, type Subscription } from '@medicdraft/platform';
import { createAwsDrill, type AwsDrill } from '../../e2e/src/aws-fixtures.js';
import { startGatePublisher } from '../../e2e/src/gate-publisher.js';
import { startServiceProcess, type ServiceProcess } from '../../e2e/src/service-process.js';
import { createDrillEnv, stack, type DrillEnv } from '../../e2e/src/stack-env.js';

/**
 * One isolated pipeline on the local stack for a bench scenario: a fresh database, topic and
 * Redis namespace (the e2e drill helpers), moto buckets + KMS key, the HealthScribe emulator in
 * this process, and the services as separate processes (their built dist). Readiness is stood in
 * for by a gate publisher (PHI mode enabled): gates are benchmarked on their own in bench/gates.
 */
export interface PipelineStack {
  drill: DrillEnv;
  aws: AwsDrill;
  bus: EventBus;
  processes: ServiceProcess[];
  /** Arrival time (ms since epoch) per dictation id, per watched topic. */
  arrivals: Map<string, Map<string, number>>;
  start(name: ServiceName, extraEnv?: Record<string, string>): Promise<ServiceProcess>;
  close(): Promise<void>;
}

/**
 * `storage: 'fs'` runs the services on the encrypted filesystem store (one shared DATA_DIR)
 * instead of moto S3/KMS, to separate the pipeline's own cost from moto's.
 */
export async function createPipelineStack(
  label: string,
  opts: { jobMs: number; watch: readonly string[]; storage?: 's3' | 'fs' },
): Promise<PipelineStack> {
  const dataDir = await mkdtemp(join(tmpdir(), `bench-${label}-`));
  const drill = await createDrillEnv(label);
  const aws = await createAwsDrill(label, randomUUID().slice(0, 8), { inProgressMs: opts.jobMs, queuedMs: 0 });
  const bus = createKafkaEventBus({ ...stack.kafka, clientId: `bench-${label}`, topicPrefix: drill.topicPrefix });
  await bus.ensureTopics(
    [...new Set([TOPIC.READINESS_GATE_STATE, TOPIC.DICTATION_AUDIO_CREATED, ...opts.watch])].map((name) => ({ name, partitions: 6 })),
  );
  const gate = startGatePublisher(bus, drill.tenantId, 'enabled');
  const arrivals = new Map<string, Map<string, number>>(opts.watch.map((t) => [t, new Map()]));
  const collector: Subscription = await bus.subscribe({
    groupId: `bench-${label}-collector`,
    topics: opts.watch,
    handler: async (r) => {
      const dictationId = (JSON.parse(r.value) as { correlationId: string }).correlationId;
      arrivals.get(r.topic)?.set(dictationId, Date.now());
      return { action: 'done' };
    },
  });
  const processes: ServiceProcess[] = [];
  return {
    drill,
    aws,
    bus,
    processes,
    arrivals,
    async start(name, extraEnv = {}) {
      const storageEnv = opts.storage === 'fs' ? { DATA_DIR: dataDir } : aws.env;
      // BENCH_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the service processes.
      const nodeOptions: Record<string, string> = process.env['BENCH_NODE_OPTIONS']
        ? { NODE_OPTIONS: process.env['BENCH_NODE_OPTIONS'] }
        : {};
      const p = await startServiceProcess(name, { ...drill.env, ...storageEnv, ...nodeOptions, ...extraEnv });
      processes.push(p);
      return p;
    },
    async close() {
      await Promise.allSettled(processes.map((p) => p.stop('SIGTERM')));
      await collector.close();
      await gate.stop();
      await bus.close();
      await aws.close();
      // Roles are cluster-wide and shared with whatever else runs on the stack: drop the database only.
      await drill.db.drop([]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until `count()` reaches `target`, or throws after `timeoutMs`. */
export async function until(count: () => number, target: number, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count() < target) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${count()}/${target}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKafkaClient } from '@medicdraft/platform/kafka';
import { internalReadinessClient } from '@medicdraft/readiness/testing';
import { expect, vi } from 'vitest';
import { verifiesClean } from './audit-cli.js';
import { startDrill, type Drill } from './drill.js';
import { postDictation, type IntakeAnswer } from './pipeline-watch.js';
import type { ServiceProcess } from './service-process.js';
import { stack } from './stack-env.js';

const run = promisify(execFile);
const STACK = fileURLToPath(new URL('../../scripts/stack/stack.sh', import.meta.url));
const TEXT = 'Dispatched for a fall at home. 79 year old female, BP 142/88, pulse 84. Transported to Mercy, stable.';
/** Pipeline event types every stored dictation must have exactly one of in the audit log. */
const ONCE_EACH = ['dictation.text.created', 'healthscribe.job.started', 'healthscribe.output.received', 'narrative.generated'];

/** Runs scripts/stack/stack.sh with this process's STACK_KAFKA_BROKERS (the topology tier sets 3). */
export async function stackCommand(...args: string[]): Promise<void> {
  await run('bash', [STACK, ...args], { timeout: 240_000 });
}

/** A drill with the whole pipeline running, every service its own process: readiness, audit, ingest, scribe, narrative. */
export interface PipelineDrill {
  drill: Drill;
  ingest: ServiceProcess;
  /** Every intake answer so far, the load's and the probes' alike. */
  answers: IntakeAnswer[];
  /** One dictation through intake, recorded in `answers`. */
  post(): Promise<IntakeAnswer>;
  /** Posts one dictation after another until `done(answers)` holds (each attempt one post), bounded by `timeoutMs`. */
  postUntil(done: (answers: readonly IntakeAnswer[]) => boolean, timeoutMs: number): Promise<void>;
  /** Dictations with a narrative so far. */
  narrated(): Promise<number>;
}

export async function startPipelineDrill(label: string): Promise<PipelineDrill> {
  const drill = await startDrill(label, { dataDir: true });
  try {
    const readiness = await drill.start('readiness');
    await internalReadinessClient(readiness.url).registerTenant(drill.tenantId, 'Topology Drill EMS');
    await drill.start('audit');
    const ingest = await drill.start('ingest');
    await drill.start('scribe', { SCRIBE_IDLE_POLL_MS: '50' });
    await drill.start('narrative');
    const answers: IntakeAnswer[] = [];
    const post = async () => {
      const answer = await postDictation(ingest.url, drill.tenantId, 'text', TEXT);
      answers.push(answer);
      return answer;
    };
    return {
      drill,
      ingest,
      answers,
      post,
      async postUntil(done, timeoutMs) {
        await vi.waitFor(
          async () => {
            if (!done(answers)) await post();
            expect(done(answers)).toBe(true);
          },
          { timeout: timeoutMs, interval: 20 },
        );
      },
      async narrated() {
        const [row] = await drill.sql<{ n: number }>(
          'SELECT count(DISTINCT dictation_id)::int AS n FROM narrative.narratives WHERE tenant_id = $1',
          [drill.tenantId],
        );
        return row?.n ?? 0;
      },
    };
  } catch (err) {
    await drill.close();
    throw err;
  }
}

export interface Load {
  /** Resolves once `target` dictations were accepted, or `stop()` was called. */
  finished: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Posts dictations one after another until `target` are accepted, keeping at most `window`
 * accepted dictations without a narrative: the pipeline's own pace sets the load's, so a stall
 * (a failover) holds the load instead of piling up work, and no timer decides anything.
 */
export function startLoad(p: PipelineDrill, target: number, window: number): Load {
  let stopped = false;
  const accepted = () => p.answers.filter((a) => a.status === 201).length;
  const finished = (async () => {
    while (!stopped && accepted() < target) {
      await vi.waitFor(
        async () => {
          const inFlight = accepted() - (await p.narrated());
          expect(stopped || inFlight < window).toBe(true);
        },
        { timeout: 300_000, interval: 100 },
      );
      if (!stopped) await p.post();
    }
  })();
  return {
    finished,
    async stop() {
      stopped = true;
      await finished;
    },
  };
}

/** Node id of the broker leading partition 0 of a drill topic (unprefixed name). */
export async function partitionLeader(drill: Drill, topic: string): Promise<number> {
  const admin = createKafkaClient({ ...stack.kafka, clientId: `e2e-leader-${drill.run}` }).admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [drill.topicPrefix + topic] });
    const leader = topics[0]?.partitions.find((p) => p.partitionId === 0)?.leader;
    if (leader === undefined || leader < 0) throw new Error(`no leader for ${topic}-0`);
    return leader;
  } finally {
    await admin.disconnect();
  }
}

/** Replicas and min.insync.replicas of a drill topic as the cluster holds them. */
export async function topicReplication(drill: Drill, topic: string): Promise<{ replicas: number[]; isr: number[]; minInsync: string }> {
  const admin = createKafkaClient({ ...stack.kafka, clientId: `e2e-replication-${drill.run}` }).admin();
  await admin.connect();
  try {
    const name = drill.topicPrefix + topic;
    const { topics } = await admin.fetchTopicMetadata({ topics: [name] });
    const partitions = topics[0]?.partitions ?? [];
    const configs = await admin.describeConfigs({
      resources: [{ type: 2, name, configNames: ['min.insync.replicas'] }],
      includeSynonyms: false,
    });
    const minInsync = configs.resources[0]?.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue ?? '';
    return {
      replicas: [...new Set(partitions.flatMap((p) => p.replicas))].sort(),
      isr: [...new Set(partitions.flatMap((p) => p.isr))].filter((id) => partitions.every((p) => p.isr.includes(id))).sort(),
      minInsync,
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * What every drill ends with: accepted ⊆ stored (a commit whose answer was lost with a connection
 * is stored but not accepted), every stored dictation processed exactly once (one completed job on
 * its first attempt, one narrative version, one of each pipeline event in the audit log), nothing
 * crashed, and the audit chain verifies. The truth is read from Postgres, not from Kafka.
 * Returns upload→narrative latency (ms) per accepted dictation.
 */
export async function expectEachOnce(p: PipelineDrill): Promise<Map<string, { sentAt: number; latencyMs: number }>> {
  const { drill } = p;
  const accepted = new Map(p.answers.filter((a) => a.status === 201).map((a) => [a.dictationId!, a]));
  const stored = new Set(
    (await drill.sql<{ id: string }>('SELECT id::text FROM ingest.dictations WHERE tenant_id = $1', [drill.tenantId])).map((r) => r.id),
  );
  expect([...accepted.keys()].filter((id) => !stored.has(id))).toEqual([]);
  const narratives = await vi.waitFor(
    async () => {
      const rows = await drill.sql<{ dictation_id: string; created_at: Date; n: number }>(
        'SELECT dictation_id::text, min(created_at) AS created_at, count(*)::int AS n FROM narrative.narratives WHERE tenant_id = $1 ' +
          'GROUP BY dictation_id',
        [drill.tenantId],
      );
      expect(rows.length).toBeGreaterThanOrEqual(stored.size);
      return rows;
    },
    { timeout: 240_000, interval: 500 },
  );
  expect(new Set(narratives.map((r) => r.dictation_id))).toEqual(stored);
  expect(narratives.filter((r) => r.n !== 1)).toEqual([]);
  for (const proc of drill.processes) expect(proc.running(), `${proc.name} is still running`).toBe(true);

  const jobs = await drill.sql<{ dictation_id: string; attempt: number; state: string }>(
    'SELECT dictation_id::text, attempt, state FROM scribe.jobs WHERE tenant_id = $1',
    [drill.tenantId],
  );
  expect(jobs).toHaveLength(stored.size);
  expect(jobs.filter((j) => j.attempt !== 1 || j.state !== 'completed')).toEqual([]);

  const audited = () =>
    drill.sql<{ event_type: string; correlation_id: string; n: number }>(
      'SELECT event_type, correlation_id::text, count(*)::int AS n FROM audit.events ' +
        'WHERE tenant_id = $1 AND event_type = ANY($2) GROUP BY 1, 2',
      [drill.tenantId, ONCE_EACH],
    );
  const counts = await vi.waitFor(
    async () => {
      const rows = await audited();
      expect(rows.length).toBeGreaterThanOrEqual(ONCE_EACH.length * stored.size);
      return rows;
    },
    { timeout: 60_000, interval: 500 },
  );
  expect(counts).toHaveLength(ONCE_EACH.length * stored.size);
  expect(counts.filter((c) => c.n !== 1 || !stored.has(c.correlation_id))).toEqual([]);

  // The checkpointer signs the backlog on its own schedule: verify until it has.
  await verifiesClean({ DATABASE_URL: drill.db.url, KAFKA_BROKERS: stack.kafka.brokers.join(',') });

  const latency = new Map<string, { sentAt: number; latencyMs: number }>();
  for (const row of narratives) {
    const answer = accepted.get(row.dictation_id);
    if (answer !== undefined) latency.set(row.dictation_id, { sentAt: answer.sentAt, latencyMs: row.created_at.getTime() - answer.sentAt });
  }
  return latency;
}

/** Refusals other than the fail-closed ones listed: anything else at intake fails the drill. */
export function unexpectedRefusals(answers: readonly IntakeAnswer[], allowed: readonly string[]): string[] {
  return [...new Set(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.error ?? ''}`))].filter(
    (r) => !allowed.includes(r),
  );
}

/** Each process's last log lines, for a failure message. */
export function processTails(drill: Drill): string {
  return drill.processes.map((p) => `--- ${p.name} (running: ${p.running()})\n${p.output().split('\n').slice(-15).join('\n')}`).join('\n');
}

export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

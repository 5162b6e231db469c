import { TOPIC } from '@medicdraft/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  expectEachOnce,
  partitionLeader,
  percentile,
  processTails,
  stackCommand,
  startLoad,
  startPipelineDrill,
  topicReplication,
  unexpectedRefusals,
  type PipelineDrill,
} from './topology-drill.js';

/** Dictations each drill has accepted by its end. */
const TARGET = 200;
/** Accepted dictations without a narrative the load allows itself (see startLoad). */
const WINDOW = 12;
/** How intake may refuse while brokers are away: the gate state cannot be renewed, so the gate closes (fail closed). */
const FAIL_CLOSED = ['503 pipeline_halted', '503 dependency_unavailable'];
const accepted = (p: PipelineDrill) => p.answers.filter((a) => a.status === 201).length;

/**
 * Kafka failover on the three-broker stack (docs/operations.md, "Production topology"): every
 * service its own process, topics with 3 replicas and min.insync.replicas=2, producers with
 * acks=all and idempotence. First the broker leading a partition the dictations use is SIGKILLed
 * while dictations flow and started again later; then two brokers are killed at once, so no write
 * can reach two replicas: intake refuses (503) instead of accepting what it could not pass on, and
 * everything resumes when one broker is back. After each, every accepted dictation was processed
 * exactly once and the audit chain verifies.
 */
describe('drill: Kafka broker failover (three brokers)', () => {
  let p: PipelineDrill;

  beforeAll(async () => {
    p = await startPipelineDrill('failover');
  });

  afterAll(async () => {
    // Whatever happened, every broker is brought back for the tests that follow.
    await stackCommand('up').catch(() => undefined);
    await p?.drill.close();
  });

  it('creates the pipeline topics with three replicas, two of them required in sync', async () => {
    await p.postUntil((answers) => answers.some((a) => a.status === 201), 60_000);
    for (const topic of [TOPIC.DICTATION_TEXT_CREATED, TOPIC.NARRATIVE_GENERATED]) {
      const replication = await vi.waitFor(() => topicReplication(p.drill, topic), { timeout: 30_000, interval: 250 });
      expect(replication).toEqual({ replicas: [1, 2, 3], isr: [1, 2, 3], minInsync: '2' });
    }
  });

  it('SIGKILL of the partition leader while 200 dictations flow: nothing lost, nothing twice', { timeout: 600_000 }, async () => {
    const load = startLoad(p, TARGET, WINDOW);
    let killedAt = 0;
    let restartedAt = 0;
    let leader = 0;
    try {
      // Kill once the pipeline is in full flow: a third of the dictations accepted.
      await vi.waitFor(() => expect(accepted(p)).toBeGreaterThanOrEqual(TARGET / 3), { timeout: 300_000, interval: 100 });
      leader = await partitionLeader(p.drill, TOPIC.DICTATION_TEXT_CREATED);
      killedAt = Date.now();
      await stackCommand('kill', `kafka-${leader}`);
      // The pipeline goes on without it: another 40 dictations narrated on the two brokers left.
      const narratedAtKill = await p.narrated();
      await vi.waitFor(async () => expect(await p.narrated()).toBeGreaterThanOrEqual(narratedAtKill + 40), {
        timeout: 180_000,
        interval: 250,
      });
      restartedAt = Date.now();
      await stackCommand('start', `kafka-${leader}`);
      await load.finished;
    } finally {
      await load.stop();
    }
    const latency = await expectEachOnce(p);
    expect(unexpectedRefusals(p.answers, FAIL_CLOSED), processTails(p.drill)).toEqual([]);
    // The restarted broker is back in sync on every partition.
    await vi.waitFor(async () => expect((await topicReplication(p.drill, TOPIC.DICTATION_TEXT_CREATED)).isr).toEqual([1, 2, 3]), {
      timeout: 120_000,
      interval: 500,
    });

    // Steady state: the 30 s before the kill. Failover: every dictation in flight at the kill or
    // sent between the kill and the restart (its narrative came after the kill).
    const all = [...latency.values()];
    const before = all.filter((l) => l.sentAt >= killedAt - 30_000 && l.sentAt < killedAt).map((l) => l.latencyMs);
    const during = all.filter((l) => l.sentAt < restartedAt && l.sentAt + l.latencyMs > killedAt).map((l) => l.latencyMs);
    const refused = p.answers.filter((a) => a.sentAt >= killedAt && a.status !== 201);
    const summary = {
      killedBroker: leader,
      accepted: latency.size,
      refusedAfterKill: refused.length,
      intakeClosedMs: refused.length === 0 ? 0 : Math.max(...refused.map((a) => a.answeredAt)) - Math.min(...refused.map((a) => a.sentAt)),
      killToRestartMs: restartedAt - killedAt,
      beforeP50Ms: percentile(before, 0.5),
      beforeMaxMs: Math.max(...before),
      failoverP50Ms: percentile(during, 0.5),
      failoverMaxMs: Math.max(...during),
    };
    console.info(`[failover] ${JSON.stringify(summary)}`);
    expect(latency.size).toBeGreaterThanOrEqual(TARGET);
  });

  it(
    'two brokers down: acks=all writes fail closed (503 at intake), and everything resumes with one back',
    { timeout: 600_000 },
    async () => {
      await vi.waitFor(async () => expect((await topicReplication(p.drill, TOPIC.DICTATION_TEXT_CREATED)).isr).toEqual([1, 2, 3]), {
        timeout: 120_000,
        interval: 500,
      });
      const before = p.answers.length;
      const leader = await partitionLeader(p.drill, TOPIC.DICTATION_TEXT_CREATED);
      const other = [1, 2, 3].find((id) => id !== leader)!;
      await Promise.all([stackCommand('kill', `kafka-${leader}`), stackCommand('kill', `kafka-${other}`)]);
      const killedAt = Date.now();

      // Intake closes: five refusals in a row after the kill.
      await p.postUntil((answers) => {
        const tail = answers.slice(Math.max(before, answers.length - 5));
        return tail.length === 5 && tail.every((a) => a.sentAt > killedAt && a.status === 503);
      }, 60_000);
      const closedAnswers = p.answers.slice(before).filter((a) => a.sentAt > killedAt);

      await stackCommand('start', `kafka-${leader}`);
      const backAt = Date.now();
      // Intake reopens with one broker back, and the pipeline drains what waited in the outboxes.
      await p.postUntil((answers) => answers.filter((a) => a.sentAt > backAt && a.status === 201).length >= 10, 180_000);
      const reopenedMs = Math.min(...p.answers.filter((a) => a.sentAt > backAt && a.status === 201).map((a) => a.answeredAt)) - backAt;
      await expectEachOnce(p);
      expect(unexpectedRefusals(p.answers, FAIL_CLOSED), processTails(p.drill)).toEqual([]);
      const refusedWhileDown = closedAnswers.filter((a) => a.status === 503).length;
      console.info(`[two-down] ${JSON.stringify({ killed: [leader, other], refusedWhileDown, reopenedMs })}`);
      await stackCommand('start', `kafka-${other}`);
    },
  );
});

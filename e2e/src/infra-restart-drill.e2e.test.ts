import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { internalReadinessClient } from '@medicdraft/readiness/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifiesClean } from './audit-cli.js';
import { startDrill, type Drill } from './drill.js';
import { postDictation, type IntakeAnswer } from './pipeline-watch.js';
import { stack } from './stack-env.js';

const run = promisify(execFile);
const STACK = fileURLToPath(new URL('../../scripts/stack/stack.sh', import.meta.url));
const TEXT = 'Dispatched for a fall at home. 79 year old female, BP 142/88, pulse 84. Transported to Mercy, stable.';
/** Pipeline event types every accepted dictation must have exactly one of in the audit log. */
const ONCE_EACH = ['dictation.text.created', 'healthscribe.job.started', 'healthscribe.output.received', 'narrative.generated'];

/** A server of the stack the drill stops, and how intake may refuse while it is away. */
interface Fault {
  server: 'kafka' | 'postgres';
  /** `status error` of every refusal allowed while it is down (anything else fails the drill). */
  refusals: string[];
}

const FAULTS: Fault[] = [
  // No broker: the gate state cannot be renewed, so intake fails closed within the TTL.
  { server: 'kafka', refusals: ['503 pipeline_halted'] },
  // No database: intake cannot record (503 dependency_unavailable); audit cannot append, so the
  // heartbeat's lag may halt the pipeline as well.
  { server: 'postgres', refusals: ['503 dependency_unavailable', '503 pipeline_halted'] },
];

/**
 * Faults "restart Kafka" and "restart Postgres" (docs/operations.md, "Fault drills"): the server is
 * stopped while synthetic dictations flow through readiness, audit, ingest, scribe and narrative
 * (each its own process), and started again on the same data. While it is away intake refuses (503)
 * rather than accept what it could not pass on; what was accepted before waits in the outboxes or
 * is redelivered. Afterwards no service has died, every accepted dictation was processed, and every
 * stored one exactly once: one job, one narrative version and one of each pipeline event in the
 * audit log (nothing lost, nothing applied twice), and the audit chain verifies. The truth is read
 * from Postgres, not from Kafka.
 */
describe.each(FAULTS)('drill: restart $server while dictations flow', (fault) => {
  let drill: Drill;
  const answers: IntakeAnswer[] = [];
  let loading = true;

  beforeAll(async () => {
    drill = await startDrill(`restart-${fault.server}`, { dataDir: true });
    const readiness = await drill.start('readiness');
    await internalReadinessClient(readiness.url).registerTenant(drill.tenantId, 'Restart Drill EMS');
    await drill.start('audit');
    await drill.start('ingest');
    await drill.start('scribe', { SCRIBE_IDLE_POLL_MS: '50' });
    await drill.start('narrative');
  });

  afterAll(async () => {
    loading = false;
    // Whatever happened, the server is brought back for the tests that follow.
    await run('bash', [STACK, 'up'], { timeout: 240_000 }).catch(() => undefined);
    await drill?.close();
  });

  it('loses nothing, repeats nothing, and every service rides it out', { timeout: 600_000 }, async () => {
    const ingest = drill.processes.find((p) => p.name === 'ingest')!;
    const post = () => postDictation(ingest.url, drill.tenantId, 'text', TEXT);
    const first = await vi.waitFor(
      async () => {
        const a = await post();
        expect(a.status).toBe(201);
        return a;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(first.status).toBe(201);
    answers.push(first);
    const load = (async () => {
      while (loading) {
        answers.push(await post());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await new Promise((r) => setTimeout(r, 4_000));
    const stoppedAt = Date.now();
    await run('bash', [STACK, 'stop', fault.server], { timeout: 120_000 });
    const refused = await vi.waitFor(
      async () => {
        const value = await answers.filter((a) => a.sentAt > stoppedAt && a.status === 503);
        expect(value.length).toBeGreaterThanOrEqual(5);
        return value;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(refused.length).toBeGreaterThanOrEqual(5);
    await new Promise((r) => setTimeout(r, 3_000));
    await run('bash', [STACK, 'up'], { timeout: 240_000 });
    const upAt = Date.now();
    // On failure, say why intake stayed closed: the answers after the restart and each service's last log lines.
    const why = () => {
      const after = [...new Set(answers.filter((a) => a.sentAt > upAt).map((a) => `${a.status} ${a.error ?? ''}`))];
      const tails = drill.processes
        .map((p) => `--- ${p.name} (running: ${p.running()})\n${p.output().split('\n').slice(-15).join('\n')}`)
        .join('\n');
      return `answers after the restart: ${after.join(', ')}\n${tails}`;
    };
    const resumed = await vi
      .waitFor(
        async () => {
          const value = await answers.filter((a) => a.sentAt > upAt && a.status === 201);
          expect(value.length).toBeGreaterThanOrEqual(10);
          return value;
        },
        { timeout: 180_000, interval: 250 },
      )
      .catch((err: unknown) => {
        console.info(why());
        throw err;
      });
    loading = false;
    await load;
    expect(resumed.length, why()).toBeGreaterThanOrEqual(10);
    // Refusals are the fail-closed ones; nothing else went wrong at intake.
    const refusals = new Set(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.error}`));
    expect([...refusals].filter((r) => !fault.refusals.includes(r))).toEqual([]);

    // Accepted ⊆ stored: a commit whose answer was lost with the connection is stored but not
    // accepted; either way each stored dictation must be processed, once.
    const accepted = new Set(answers.filter((a) => a.status === 201).map((a) => a.dictationId!));
    const stored = new Set(
      (await drill.sql<{ id: string }>('SELECT id::text FROM ingest.dictations WHERE tenant_id = $1', [drill.tenantId])).map((r) => r.id),
    );
    expect([...accepted].filter((id) => !stored.has(id))).toEqual([]);
    const narrated = await vi.waitFor(
      async () => {
        const rows = await drill.sql<{ dictation_id: string }>(
          'SELECT DISTINCT dictation_id::text FROM narrative.narratives WHERE tenant_id = $1',
          [drill.tenantId],
        );
        expect(rows.length).toBeGreaterThanOrEqual(stored.size);
        return rows;
      },
      { timeout: 240_000, interval: 500 },
    );
    expect(new Set(narrated.map((r) => r.dictation_id))).toEqual(stored);
    for (const p of drill.processes) expect(p.running(), `${p.name} is still running`).toBe(true);

    const jobs = await drill.sql<{ dictation_id: string; attempt: number; state: string }>(
      'SELECT dictation_id::text, attempt, state FROM scribe.jobs WHERE tenant_id = $1',
      [drill.tenantId],
    );
    expect(jobs).toHaveLength(stored.size);
    expect(jobs.every((j) => j.attempt === 1 && j.state === 'completed')).toBe(true);
    const versions = await drill.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM narrative.narratives WHERE tenant_id = $1 GROUP BY dictation_id',
      [drill.tenantId],
    );
    expect(versions.every((v) => v.n === 1)).toBe(true);

    // Audit: each pipeline event exactly once per dictation (a second effect would be a second event id).
    const audited = async () =>
      drill.sql<{ event_type: string; correlation_id: string; n: number }>(
        'SELECT event_type, correlation_id::text, count(*)::int AS n FROM audit.events WHERE tenant_id = $1 AND event_type = ' +
          'ANY($2) GROUP BY 1, 2',
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
    expect(counts.every((c) => c.n === 1 && stored.has(c.correlation_id))).toBe(true);

    // The checkpointer signs the backlog on its own schedule: verify until it has.

    await verifiesClean({ DATABASE_URL: drill.db.url, KAFKA_BROKERS: stack.kafka.brokers.join(',') });
  });
});

import { TOPIC } from '@medicdraft/contracts';
import { internalReadinessClient } from '@medicdraft/readiness/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifiesClean } from './audit-cli.js';
import { startDrill, type Drill } from './drill.js';
import { postDictation, type IntakeAnswer, type PipelineWatch } from './pipeline-watch.js';
import { stack } from './stack-env.js';

/**
 * The halt must be published within 3 s of the audit service dying (consumers act on it within ms).
 */
const HALT_WITHIN_MS = 3_000;
const SLACK_MS = 500;
const TEXT =
  'Dispatched for shortness of breath. Patient is a 67 year old male. SpO2 89 percent, given oxygen 4 L by nasal cannula. ' +
  'Transported to Mercy.';
/**
 * The halt drill (docs/operations.md, "Fault drills"): readiness, audit, ingest and scribe as their
 * own processes, synthetic dictations flowing. The audit service is SIGKILLed: readiness publishes
 * a halted state within 3 s, after which no dictation is taken in and no job starts; once audit is
 * back the pipeline resumes, every accepted dictation gets exactly one job and one output, and the
 * audit chain verifies.
 */
describe('drill: SIGKILL the audit service while dictations flow', () => {
  let drill: Drill;
  let watch: PipelineWatch;
  const answers: IntakeAnswer[] = [];
  let loading = true;

  beforeAll(async () => {
    drill = await startDrill('auhalt', { dataDir: true });
    watch = await drill.watch();
    const readiness = await drill.start('readiness');
    await internalReadinessClient(readiness.url).registerTenant(drill.tenantId, 'Audit Halt Drill EMS');
    await drill.start('audit');
    await drill.start('ingest');
    await drill.start('scribe', { SCRIBE_IDLE_POLL_MS: '50' });
  });

  afterAll(async () => {
    loading = false;
    await drill?.close();
  });

  it('halts within 3 s, starts no work while halted, and resumes losing and repeating nothing', async () => {
    const ingest = drill.processes.find((p) => p.name === 'ingest')!;
    const first = await vi.waitFor(
      async () => {
        const a = await postDictation(ingest.url, drill.tenantId, 'text', TEXT);
        expect(a.status).toBe(201);
        return a;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(first.status).toBe(201);
    answers.push(first);
    const load = (async () => {
      while (loading) {
        answers.push(await postDictation(ingest.url, drill.tenantId, 'text', TEXT));
        await new Promise((r) => setTimeout(r, 40));
      }
    })();

    await new Promise((r) => setTimeout(r, 4_000));
    const audit = drill.processes.find((p) => p.name === 'audit')!;
    const killedAt = Date.now();
    expect(await audit.stop('SIGKILL')).toBeNull();
    const halted = await vi.waitFor(
      async () => {
        const value = await watch.gateStates.find((s) => s.halted && Date.parse(s.issuedAt) > killedAt);
        expect(value).toBeDefined();
        return value;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(halted, 'readiness published a halted state').toBeDefined();
    const haltedAt = Date.parse(halted!.issuedAt);
    expect(haltedAt - killedAt).toBeLessThanOrEqual(HALT_WITHIN_MS);
    expect(halted!.haltReasons).toContain('audit_heartbeat_stale');
    await new Promise((r) => setTimeout(r, 3_000));
    const restartAt = Date.now();
    await drill.start('audit');
    const resumed = await vi.waitFor(
      async () => {
        const value = await answers.filter((a) => a.sentAt > restartAt && a.status === 201);
        expect(value.length).toBeGreaterThanOrEqual(10);
        return value;
      },
      { timeout: 60_000, interval: 100 },
    );
    loading = false;
    await load;
    expect(resumed.length).toBeGreaterThanOrEqual(10);

    // While halted: intake refused, and no dictation stored and no job started (producers' clocks).
    const blockedFrom = haltedAt + SLACK_MS;
    const inHalt = answers.filter((a) => a.sentAt > blockedFrom && a.answeredAt < restartAt);
    expect(inHalt.length).toBeGreaterThan(10);
    expect(new Set(inHalt.map((a) => `${a.status} ${a.error}`))).toEqual(new Set(['503 pipeline_halted']));
    const occurred = (type: Parameters<PipelineWatch['of']>[0]) => watch.of(type).map((e) => Date.parse(e.occurredAt));
    expect(occurred(TOPIC.DICTATION_TEXT_CREATED).filter((t) => t > blockedFrom && t < restartAt)).toEqual([]);
    expect(occurred(TOPIC.HEALTHSCRIBE_JOB_STARTED).filter((t) => t > blockedFrom && t < restartAt)).toEqual([]);

    // After the restart: every accepted dictation exactly one job and one output.
    const accepted = answers.filter((a) => a.status === 201);
    const ids = new Set(accepted.map((a) => a.dictationId!));
    const outputs = await vi.waitFor(
      async () => {
        const m = await watch.perDictation(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED);
        expect(m.size).toBeGreaterThanOrEqual(ids.size);
        return m;
      },
      { timeout: 120_000, interval: 250 },
    );
    expect(new Set(outputs.keys())).toEqual(ids);
    expect([...outputs.values()].every((n) => n === 1)).toBe(true);
    expect([...watch.perDictation(TOPIC.HEALTHSCRIBE_JOB_STARTED).values()].every((n) => n === 1)).toBe(true);

    // The checkpointer signs the backlog on its own schedule: verify until it has.

    await verifiesClean({ DATABASE_URL: drill.db.url, KAFKA_BROKERS: stack.kafka.brokers.join(',') });
  });
});

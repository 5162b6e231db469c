import { TOPIC } from '@medicdraft/contracts';
import { internalReadinessClient } from '@medicdraft/readiness/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDrill, type Drill } from './drill.js';
import { postDictation, type IntakeAnswer, type PipelineWatch } from './pipeline-watch.js';
import type { ServiceProcess } from './service-process.js';

/** The broadcast TTL (readiness's default GATE_STATE_TTL_MS) and the measuring slack on top of it. */
const TTL_MS = 3_000;
const SLACK_MS = 500;
const TEXT =
  'Dispatched for a fall at home. Patient is an 80 year old female, alert. BP 140/90, pulse 88. Transported to Mercy without incident.';

/**
 * Fail closed when readiness dies (docs/architecture.md, "Readiness gates and fail-closed rules"):
 * readiness, audit, ingest and scribe as their own processes (built dist), synthetic text
 * dictations flowing through ingest's internal intake. Readiness is SIGKILLed under load: within
 * the TTL of its last state every consumer stops starting work (ingest answers 503 pipeline_halted,
 * no dictation is stored, scribe starts no job), nothing restarts it but the drill; after the
 * restart processing resumes, and every accepted dictation — including those held during the outage
 * — gets exactly one job and one output.
 */
describe('drill: SIGKILL the readiness service under load', () => {
  let drill: Drill;
  let watch: PipelineWatch;
  let readiness: ServiceProcess;
  const answers: IntakeAnswer[] = [];
  let loading = true;

  beforeAll(async () => {
    drill = await startDrill('rdkill', { dataDir: true });
    watch = await drill.watch();
    readiness = await drill.start('readiness');
    await internalReadinessClient(readiness.url).registerTenant(drill.tenantId, 'Readiness Kill Drill EMS');
    await drill.start('audit');
    // Ingest first: it creates the local master key under DATA_DIR that scribe then reads.
    await drill.start('ingest');
    await drill.start('scribe', { SCRIBE_IDLE_POLL_MS: '50' });
  });

  afterAll(async () => {
    loading = false;
    await drill?.close();
  });

  it('stops intake and job starts within the TTL of the kill, resumes after the restart, and loses or repeats nothing', async () => {
    const ingest = drill.processes.find((p) => p.name === 'ingest')!;
    const first = await vi.waitFor(
      async () => {
        const a = await postDictation(ingest.url, drill.tenantId, 'text', TEXT);
        expect(a.status).toBe(201);
        return a;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(first.status, 'the sandbox gate opens once readiness and audit are up').toBe(201);
    answers.push(first);
    const load = (async () => {
      while (loading) {
        answers.push(await postDictation(ingest.url, drill.tenantId, 'text', TEXT));
        await new Promise((r) => setTimeout(r, 40));
      }
    })();

    await new Promise((r) => setTimeout(r, 4_000));
    const killedAt = Date.now();
    expect(await readiness.stop('SIGKILL')).toBeNull();
    await new Promise((r) => setTimeout(r, TTL_MS + 2_500));
    const restartAt = Date.now();
    readiness = await drill.start('readiness');
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

    // The last state readiness issued before it died bounds every consumer's decision.
    const before = watch.gateStates.filter((s) => Date.parse(s.issuedAt) <= killedAt);
    const lastExpiry = Math.max(...before.map((s) => Date.parse(s.expiresAt)));
    expect(lastExpiry - killedAt).toBeLessThanOrEqual(TTL_MS);
    // The new instance waits for an audit heartbeat before its first state: no imagined halt.
    expect(watch.gateStates.find((s) => Date.parse(s.issuedAt) >= restartAt)).toMatchObject({ halted: false });
    const blockedFrom = lastExpiry + SLACK_MS;

    const accepted = answers.filter((a) => a.status === 201);
    const inOutage = answers.filter((a) => a.sentAt > blockedFrom && a.answeredAt < restartAt);
    expect(accepted.filter((a) => a.sentAt < killedAt).length).toBeGreaterThan(20);
    expect(inOutage.length).toBeGreaterThan(10);
    expect(new Set(inOutage.map((a) => `${a.status} ${a.error}`))).toEqual(new Set(['503 pipeline_halted']));
    expect(resumed.length).toBeGreaterThanOrEqual(10);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 503)).toEqual([]);

    // No intake and no job start between the expiry and the restart (by the producers' own clocks).
    const occurred = (type: Parameters<PipelineWatch['of']>[0]) => watch.of(type).map((e) => Date.parse(e.occurredAt));
    expect(occurred(TOPIC.DICTATION_TEXT_CREATED).filter((t) => t > blockedFrom && t < restartAt)).toEqual([]);
    expect(occurred(TOPIC.HEALTHSCRIBE_JOB_STARTED).filter((t) => t > blockedFrom && t < restartAt)).toEqual([]);

    // Every accepted dictation, held ones included, ends with exactly one job and one output.
    const ids = new Set(accepted.map((a) => a.dictationId!));
    expect(ids.size).toBe(accepted.length);
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
    const started = watch.perDictation(TOPIC.HEALTHSCRIBE_JOB_STARTED);
    expect(new Set(started.keys())).toEqual(ids);
    expect([...started.values()].every((n) => n === 1)).toBe(true);
    expect(watch.terminalFailures()).toEqual([]);
    expect(watch.of(TOPIC.HEALTHSCRIBE_JOB_STARTED).every((e) => (e.payload as { engine: string }).engine === 'synthetic')).toBe(true);
  });
});

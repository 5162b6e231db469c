import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPIC } from '@medicdraft/contracts';
import type { ConsumedRecord } from '@medicdraft/platform';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startDrill, type Drill } from './drill.js';
import { startGatePublisher } from './gate-publisher.js';

const DICTATION =
  'Dispatched for a fall. Responded non emergent. On arrival found an 82 year old female on the floor, alert. ' +
  'Chief complaint right hip pain. BP 138/84, pulse 92, respirations 16, SpO2 97 percent. ' +
  'Gave fentanyl 50 mcg IV at 10:12, pain improved from 8 to 5. Transported to Mercy General, stable on transfer.';

/**
 * The dictation pipeline end to end, every service its own process on the stack: ingest (its
 * internal intake API, which the gateway fronts) → scribe → narrative, recorded by audit.
 */
describe('dictation pipeline on the stack', () => {
  /** A drill for one test, torn down when the test ends. */
  async function drillFor(label: string, opts?: Parameters<typeof startDrill>[1]): Promise<Drill> {
    const drill = await startDrill(label, opts);
    onTestFinished(() => drill.close());
    return drill;
  }

  async function collect(drill: Drill, topics: string[]): Promise<ConsumedRecord[]> {
    await drill.bus.ensureTopics(topics.map((name) => ({ name, partitions: 6 })));
    const seen: ConsumedRecord[] = [];
    const sub = await drill.bus.subscribe({
      groupId: `e2e-pipeline-${drill.run}`,
      topics,
      handler: async (r) => (seen.push(r), { action: 'done' }),
    });
    drill.defer(() => sub.close());
    return seen;
  }

  it('a synthetic text dictation yields a narrative, gated by the real readiness service, recorded by audit', async () => {
    const drill = await drillFor('pipe-text', { dataDir: true });
    const seen = await collect(drill, [TOPIC.NARRATIVE_GENERATED, TOPIC.HEALTHSCRIBE_JOB_STARTED]);
    const readiness = await drill.start('readiness');
    await drill.start('audit');
    await drill.start('narrative');
    await drill.start('scribe');
    const ingest = await drill.start('ingest');
    const registered = await fetch(`${readiness.url}/internal/readiness/tenants/${drill.tenantId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Pipeline Drill EMS' }),
    });
    // 201: provisioned now (200 would mean it existed).
    expect(registered.status).toBe(201);

    // Intake opens once readiness has published the tenant's (sandbox) state and audit's heartbeat is fresh.
    const res = await vi.waitFor(
      async () => {
        const answer = await fetch(`${ingest.url}/internal/v1/tenants/${drill.tenantId}/dictations/text`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-provider-id': randomUUID() },
          body: JSON.stringify({ text: DICTATION, synthetic: true }),
        });
        expect(answer.status).toBe(201);
        return answer;
      },
      { timeout: 30_000, interval: 250 },
    );
    const { dictationId } = (await res.json()) as { dictationId: string };

    await expect.poll(() => seen.some((r) => r.topic === TOPIC.NARRATIVE_GENERATED), { timeout: 60_000 }).toBe(true);
    const generated = seen.find((r) => r.topic === TOPIC.NARRATIVE_GENERATED);
    expect(generated).toBeDefined();
    const event = JSON.parse(generated!.value) as { correlationId: string; payload: Record<string, unknown> };
    expect(event.correlationId).toBe(dictationId);
    expect(event.payload).toMatchObject({ dictationId, template: 'DRAATT', version: 1 });
    expect(JSON.parse(seen.find((r) => r.topic === TOPIC.HEALTHSCRIBE_JOB_STARTED)!.value).payload.engine).toBe('synthetic');
    // Audit recorded every step of the dictation (the drill's database; superuser reads past RLS).
    const auditTypes = async () =>
      (
        await drill.sql<{ event_type: string }>('SELECT event_type FROM audit.events WHERE tenant_id = $1 AND correlation_id = $2', [
          drill.tenantId,
          dictationId,
        ])
      )
        .map((r) => r.event_type)
        .sort();
    const expected = [
      TOPIC.DICTATION_TEXT_CREATED,
      TOPIC.HEALTHSCRIBE_JOB_STARTED,
      TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
      TOPIC.NARRATIVE_GENERATED,
    ].sort();
    await expect.poll(auditTypes, { timeout: 10_000, interval: 200 }).toEqual(expected);
    // Events carry references and digests only; the dictated words stay in encrypted storage.
    expect(seen.map((r) => r.value).join('\n')).not.toMatch(/fentanyl|hip pain|Mercy/i);
  });

  it('an espeak-ng WAV goes through S3, the HealthScribe emulator and on to a narrative', async () => {
    const drill = await drillFor('pipe-audio');
    const aws = await drill.aws({ inProgressMs: 300 });
    const dir = await mkdtemp(join(tmpdir(), 'pipe-audio-'));
    drill.defer(() => rm(dir, { recursive: true, force: true }));
    execFileSync('espeak-ng', ['-w', join(dir, 'dictation.wav'), DICTATION]);
    const wav = await readFile(join(dir, 'dictation.wav'));
    aws.emulator.registerMedia(wav, { text: DICTATION });

    const seen = await collect(drill, [TOPIC.NARRATIVE_GENERATED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED, TOPIC.READINESS_GATE_STATE]);
    // PHI mode with every gate proven is the readiness drills' subject; here a stand-in opens it.
    const gate = startGatePublisher(drill.bus, drill.tenantId, 'enabled');
    drill.defer(() => gate.stop());
    await drill.start('audit', aws.env);
    await drill.start('narrative', aws.env);
    await drill.start('scribe', aws.env);
    const ingest = await drill.start('ingest', aws.env);

    const res = await fetch(`${ingest.url}/internal/v1/tenants/${drill.tenantId}/dictations/audio`, {
      method: 'POST',
      headers: { 'content-type': 'audio/wav', 'x-provider-id': randomUUID() },
      body: wav,
    });
    expect(res.status).toBe(201);
    const { dictationId } = (await res.json()) as { dictationId: string };
    await expect.poll(() => seen.some((r) => r.topic === TOPIC.NARRATIVE_GENERATED), { timeout: 60_000 }).toBe(true);
    const received = JSON.parse(seen.find((r) => r.topic === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)!.value);
    expect(received.payload).toMatchObject({ dictationId, engine: 'healthscribe' });
    const generated = JSON.parse(seen.find((r) => r.topic === TOPIC.NARRATIVE_GENERATED)!.value);
    expect(generated.payload).toMatchObject({ dictationId, template: 'DRAATT' });
    const { jobs } = aws.emulator.jobLog();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'COMPLETED', mediaSha256: createHash('sha256').update(wav).digest('hex') });
  });
});

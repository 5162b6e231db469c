import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPIC } from '@medicdraft/contracts';
import { createKafkaEventBus, type ConsumedRecord, type EventBus, type Subscription } from '@medicdraft/platform';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAwsDrill } from './aws-fixtures.js';
import { startGatePublisher } from './gate-publisher.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';
import { createDrillEnv, stack, type DrillEnv } from './stack-env.js';

const DICTATION =
  'Dispatched for a fall. Responded non emergent. On arrival found an 82 year old female on the floor, alert. ' +
  'Chief complaint right hip pain. BP 138/84, pulse 92, respirations 16, SpO2 97 percent. ' +
  'Gave fentanyl 50 mcg IV at 10:12, pain improved from 8 to 5. Transported to Mercy General, stable on transfer.';

/**
 * The dictation pipeline end to end, every service its own process on the stack: ingest (its
 * internal intake API, which the gateway fronts) → scribe → narrative, recorded by audit.
 */
describe('dictation pipeline on the stack', () => {
  const processes: ServiceProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const p of processes.splice(0)) await p.stop('SIGTERM').catch(() => undefined);
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });
  afterAll(async () => {
    for (const p of processes) await p.stop('SIGKILL').catch(() => undefined);
  });

  async function collect(drill: DrillEnv, topics: string[]): Promise<{ bus: EventBus; seen: ConsumedRecord[] }> {
    const bus = createKafkaEventBus({ ...stack.kafka, clientId: 'e2e-pipeline', topicPrefix: drill.topicPrefix });
    await bus.ensureTopics(topics.map((name) => ({ name, partitions: 6 })));
    const seen: ConsumedRecord[] = [];
    const sub: Subscription = await bus.subscribe({
      groupId: `e2e-pipeline-${randomUUID().slice(0, 8)}`,
      topics,
      handler: async (r) => (seen.push(r), { action: 'done' }),
    });
    cleanups.push(async () => {
      await sub.close();
      await bus.close();
    });
    return { bus, seen };
  }

  async function waitFor(read: () => boolean, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!read() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  }

  const start = async (name: Parameters<typeof startServiceProcess>[0], env: Record<string, string>) => {
    const p = await startServiceProcess(name, env);
    processes.push(p);
    return p;
  };

  it('a synthetic text dictation yields a narrative, gated by the real readiness service, recorded by audit', async () => {
    const drill = await createDrillEnv('pipe-text');
    cleanups.push(() => drill.db.drop([]));
    const dataDir = await mkdtemp(join(tmpdir(), 'pipe-text-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { ...drill.env, DATA_DIR: dataDir };
    const { seen } = await collect(drill, [TOPIC.NARRATIVE_GENERATED, TOPIC.HEALTHSCRIBE_JOB_STARTED]);
    const readiness = await start('readiness', env);
    await start('audit', env);
    await start('narrative', env);
    await start('scribe', env);
    const ingest = await start('ingest', env);
    const registered = await fetch(`${readiness.url}/internal/readiness/tenants/${drill.tenantId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Pipeline Drill EMS' }),
    });
    // 201: provisioned now (200 would mean it existed).
    expect(registered.status).toBe(201);

    // Intake opens once readiness has published the tenant's (sandbox) state and audit's heartbeat is fresh.
    let res: Response | undefined;
    const until = Date.now() + 30_000;
    do {
      res = await fetch(`${ingest.url}/internal/v1/tenants/${drill.tenantId}/dictations/text`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-provider-id': randomUUID() },
        body: JSON.stringify({ text: DICTATION, synthetic: true }),
      });
      if (res.status === 201) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < until);
    expect(res.status).toBe(201);
    const { dictationId } = (await res.json()) as { dictationId: string };

    await waitFor(() => seen.some((r) => r.topic === TOPIC.NARRATIVE_GENERATED), 60_000);
    const generated = seen.find((r) => r.topic === TOPIC.NARRATIVE_GENERATED);
    expect(generated).toBeDefined();
    const event = JSON.parse(generated!.value) as { correlationId: string; payload: Record<string, unknown> };
    expect(event.correlationId).toBe(dictationId);
    expect(event.payload).toMatchObject({ dictationId, template: 'DRAATT', version: 1 });
    expect(JSON.parse(seen.find((r) => r.topic === TOPIC.HEALTHSCRIBE_JOB_STARTED)!.value).payload.engine).toBe('synthetic');
    // Audit recorded every step of the dictation (the drill's database; superuser reads past RLS).
    const auditTypes = async () => {
      const client = new pg.Client({ connectionString: drill.db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ event_type: string }>(
          'SELECT event_type FROM audit.events WHERE tenant_id = $1 AND correlation_id = $2',
          [drill.tenantId, dictationId],
        );
        return rows.map((r) => r.event_type).sort();
      } finally {
        await client.end();
      }
    };
    const expected = [
      TOPIC.DICTATION_TEXT_CREATED,
      TOPIC.HEALTHSCRIBE_JOB_STARTED,
      TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
      TOPIC.NARRATIVE_GENERATED,
    ].sort();
    let recorded: string[] = [];
    for (let i = 0; i < 50 && recorded.length < expected.length; i++) {
      recorded = await auditTypes();
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(recorded).toEqual(expected);
    // Events carry references and digests only; the dictated words stay in encrypted storage.
    expect(seen.map((r) => r.value).join('\n')).not.toMatch(/fentanyl|hip pain|Mercy/i);
  });

  it('an espeak-ng WAV goes through S3, the HealthScribe emulator and on to a narrative', async () => {
    const drill = await createDrillEnv('pipe-audio');
    cleanups.push(() => drill.db.drop([]));
    const aws = await createAwsDrill('pipe-audio', randomUUID().slice(0, 8), { inProgressMs: 300 });
    cleanups.push(() => aws.close());
    const dir = await mkdtemp(join(tmpdir(), 'pipe-audio-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    execFileSync('espeak-ng', ['-w', join(dir, 'dictation.wav'), DICTATION]);
    const wav = await readFile(join(dir, 'dictation.wav'));
    aws.emulator.registerMedia(wav, { text: DICTATION });

    const { bus, seen } = await collect(drill, [TOPIC.NARRATIVE_GENERATED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED, TOPIC.READINESS_GATE_STATE]);
    // PHI mode with every gate proven is the readiness drills' subject; here a stand-in opens it.
    const gate = startGatePublisher(bus, drill.tenantId, 'enabled');
    cleanups.push(() => gate.stop());
    const env = { ...drill.env, ...aws.env };
    await start('audit', env);
    await start('narrative', env);
    await start('scribe', env);
    const ingest = await start('ingest', env);

    const res = await fetch(`${ingest.url}/internal/v1/tenants/${drill.tenantId}/dictations/audio`, {
      method: 'POST',
      headers: { 'content-type': 'audio/wav', 'x-provider-id': randomUUID() },
      body: wav,
    });
    expect(res.status).toBe(201);
    const { dictationId } = (await res.json()) as { dictationId: string };
    await waitFor(() => seen.some((r) => r.topic === TOPIC.NARRATIVE_GENERATED), 60_000);
    const received = JSON.parse(seen.find((r) => r.topic === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)!.value);
    expect(received.payload).toMatchObject({ dictationId, engine: 'healthscribe' });
    const generated = JSON.parse(seen.find((r) => r.topic === TOPIC.NARRATIVE_GENERATED)!.value);
    expect(generated.payload).toMatchObject({ dictationId, template: 'DRAATT' });
    const { jobs } = aws.emulator.jobLog();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'COMPLETED', mediaSha256: createHash('sha256').update(wav).digest('hex') });
  });
});

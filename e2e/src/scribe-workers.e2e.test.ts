import { randomBytes, randomUUID } from 'node:crypto';
import { TOPIC } from '@medicdraft/contracts';
import { audioCreatedRecord } from '@medicdraft/contracts/testing';
import type { ConsumedRecord } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AwsDrill } from './aws-fixtures.js';
import { startDrill, type Drill } from './drill.js';
import { startGatePublisher } from './gate-publisher.js';
import type { ServiceProcess } from './service-process.js';

/**
 * Scribe workers as separate processes against Kafka, Postgres, Redis, moto S3/KMS and the
 * HealthScribe emulator. The test publishes `dictation.audio.created` itself (ingest has its own
 * drills) and stands in for readiness with an open PHI gate, so what is observed is the scribe:
 * the quota across workers, and a job surviving the SIGKILL of the worker that started it.
 */
describe('scribe workers on the stack', () => {
  let drill: Drill;
  let aws: AwsDrill;
  const seen: ConsumedRecord[] = [];
  const outputs = () => seen.filter((r) => r.topic === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED);

  beforeAll(async () => {
    drill = await startDrill('scribe');
    aws = await drill.aws({ inProgressMs: 1_500 });
    await drill.bus.ensureTopics(
      [TOPIC.READINESS_GATE_STATE, TOPIC.DICTATION_AUDIO_CREATED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED].map((name) => ({
        name,
        partitions: 6,
      })),
    );
    const gate = startGatePublisher(drill.bus, drill.tenantId, 'enabled');
    drill.defer(() => gate.stop());
    const collector = await drill.bus.subscribe({
      groupId: `e2e-scribe-collector-${drill.run}`,
      topics: [TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED],
      handler: async (r) => (seen.push(r), { action: 'done' }),
    });
    drill.defer(() => collector.close());
  });

  afterAll(async () => {
    await drill?.close();
  });

  const scribeEnv = () => ({
    ...aws.env,
    HEALTHSCRIBE_JOB_QUOTA: '2',
    SCRIBE_POLL_INTERVAL_MS: '200',
    SCRIBE_IDLE_POLL_MS: '50',
  });
  const startScribe = () => drill.start('scribe', scribeEnv());

  async function dictate(): Promise<string> {
    const dictationId = randomUUID();
    const audio = randomBytes(2048);
    const key = `${drill.tenantId}/2026/11/23/${dictationId}/audio.wav`;
    const stored = await aws.objects.put({ tenantId: drill.tenantId, bucket: 'input', key }, audio);
    aws.emulator.registerMedia(audio, {
      text: 'Dispatched for a fall. Patient is an 80 year old female. BP 140/90, pulse 88. Transported to Mercy.',
    });
    await drill.bus.publish([
      audioCreatedRecord({ tenantId: drill.tenantId, dictationId, key, sha256: stored.sha256, sizeBytes: stored.size }),
    ]);
    return dictationId;
  }
  it('SIGKILL of the worker polling a job: another worker completes it, and HealthScribe saw one job', async () => {
    const first = await startScribe();
    const dictationId = await dictate();
    await vi.waitFor(
      async () => {
        const n = await aws.emulator.jobLog().stats.startsAccepted;
        expect(n).toBe(1);
      },
      { timeout: 60_000, interval: 100 },
    );
    const second = await startScribe();
    await first.stop('SIGKILL');
    const done = await vi.waitFor(
      async () => {
        const o = await outputs();
        expect(o.length).toBeGreaterThanOrEqual(1);
        return o;
      },
      { timeout: 90_000, interval: 100 },
    );
    expect(done.map((r) => JSON.parse(r.value).payload.dictationId)).toEqual([dictationId]);
    const { stats, jobs } = aws.emulator.jobLog();
    expect(stats.startsAccepted).toBe(1);
    expect(jobs.map((j) => j.status)).toEqual(['COMPLETED']);
    expect(jobs[0]?.tags['medicdraft:tenant-id']).toBe(drill.tenantId);
    await second.stop('SIGTERM');
  });

  it('three workers with a quota of 2: the emulator never runs more than 2 jobs at once', async () => {
    aws.emulator.reset();
    seen.length = 0;
    const workers: ServiceProcess[] = [];
    for (let i = 0; i < 3; i++) workers.push(await startScribe());
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await dictate());
    const done = await vi.waitFor(
      async () => {
        const o = await outputs();
        expect(o.length).toBeGreaterThanOrEqual(6);
        return o;
      },
      { timeout: 120_000, interval: 100 },
    );
    expect(new Set(done.map((r) => JSON.parse(r.value).payload.dictationId))).toEqual(new Set(ids));
    const { stats } = aws.emulator.jobLog();
    expect(stats.startsAccepted).toBe(6);
    expect(stats.maxActive).toBeLessThanOrEqual(2);
    expect(stats.maxActive).toBe(2);
    // The workers' Prometheus metrics account for every completion, and the quota is free again.
    const scrape = await Promise.all(workers.map(async (w) => (await fetch(`${w.opsUrl}/metrics`)).text()));
    const completed = scrape.map((text) =>
      Number(/medicdraft_scribe_job_steps_total\{outcome="completed"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0),
    );
    expect(completed.reduce((a, b) => a + b, 0)).toBe(6);
    expect(scrape[0]).toMatch(/medicdraft_scribe_quota_slots_in_use\{[^}]*\} 0/);
  });
});

import { randomUUID } from 'node:crypto';
import { TOPIC } from '@medicdraft/contracts';
import {
  internalReadinessClient,
  PHI_READY_SETTINGS,
  phiReadyAwsNames,
  provisionPhiReadyAws,
  type InternalReadinessClient,
  type PhiReadyAws,
} from '@medicdraft/readiness/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AwsDrill } from './aws-fixtures.js';
import { startDrill, type Drill } from './drill.js';
import { parkedRecordsGauge, postDictation, type IntakeAnswer, type PipelineWatch } from './pipeline-watch.js';
import { stack } from './stack-env.js';
import { randomWav as wav } from './test-audio.js';
import { enablePhiModeOnceReady } from './phi-mode.js';

const TEXT =
  'Dispatched for chest pain. Patient is a 58 year old male. BP 150/95, pulse 102. Aspirin 324 mg PO at 14:05. Transported to General.';

/** The worker's consumer outcomes for a topic, from its Prometheus metrics (medicdraft_bus_records_total, ops listener). */
async function recordOutcomes(opsUrl: string, topic: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const outcomes = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('medicdraft_bus_records_total{') || !line.includes(`${topic}"`)) continue;
    const outcome = /outcome="([a-z]+)"/.exec(line)?.[1];
    if (outcome !== undefined) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + Number(line.split(' ').at(-1)));
  }
  return outcomes;
}

/**
 * On the stack: readiness with live probes against moto and the HealthScribe emulator,
 * audit, ingest (S3 + SSE-KMS) and scribe (synthetic + HealthScribe engines), each its own process.
 * Sandbox first (PHI mode disabled: audio 423, HealthScribe never called, synthetic text flows);
 * then the resources are provisioned, the BAA recorded and the owner enables PHI mode (audio flows
 * through HealthScribe); then key rotation is switched off on moto: the kms gate and PHI mode
 * drop, new audio gets 423, an in-flight audio dictation is held until rotation is back, and then
 * completes — nothing lost, nothing twice.
 */
describe('sandbox vs PHI mode, from live evidence', () => {
  let drill: Drill;
  let aws: AwsDrill;
  let ready: PhiReadyAws;
  let watch: PipelineWatch;
  let readiness: InternalReadinessClient;
  let ingestUrl: string;
  let awsEnv: Record<string, string>;
  const accepted: { kind: 'text' | 'audio'; dictationId: string }[] = [];
  const run = randomUUID().slice(0, 8);
  const label = `phi-${run}`;

  const startScribe = () => drill.start('scribe', { ...awsEnv, SCRIBE_POLL_INTERVAL_MS: '200', SCRIBE_IDLE_POLL_MS: '50' });
  const post = async (kind: 'text' | 'audio'): Promise<IntakeAnswer> => {
    let body: string | Buffer = TEXT;
    if (kind === 'audio') {
      body = wav();
      aws.emulator.registerMedia(body, { text: TEXT });
    }
    const answer = await postDictation(ingestUrl, drill.tenantId, kind, body);
    if (answer.status === 201) accepted.push({ kind, dictationId: answer.dictationId! });
    return answer;
  };
  /** Posts until ingest's gate view agrees (it follows readiness within a broadcast). */
  const postUntil = (kind: 'text' | 'audio', status: number) =>
    vi.waitFor(
      async () => {
        const a = await post(kind);
        expect(a.status).toBe(status);
        return a;
      },
      { timeout: 30_000, interval: 250 },
    );
  const outputFor = (dictationId: string) =>
    vi.waitFor(
      async () => {
        const n = (await watch.perDictation(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED).get(dictationId)) ?? 0;
        expect(n).toBeGreaterThan(0);
        return n;
      },
      { timeout: 60_000, interval: 100 },
    );
  const startedEngine = (dictationId: string) =>
    watch
      .of(TOPIC.HEALTHSCRIBE_JOB_STARTED)
      .filter((e) => (e.payload as { dictationId: string }).dictationId === dictationId)
      .map((e) => (e.payload as { engine: string }).engine);

  beforeAll(async () => {
    drill = await startDrill('phi');
    drill.defer(() => ready?.close());
    aws = await drill.aws({ inProgressMs: 300 });
    // Configured from the start with the role and log group provisioning will create: variables
    // set but resources missing or bare, which is what the sandbox's evidence lines must show.
    const names = phiReadyAwsNames(label);
    awsEnv = {
      ...aws.env,
      AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: names.roleArn,
      AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: names.logGroup,
      AUDIT_WITNESS_BUCKET: names.witnessBucket,
    };
    watch = await drill.watch();
    const p = await drill.start('readiness', {
      ...awsEnv,
      AUTH_OIDC_ISSUER: 'https://idp.e2e.invalid/',
      READINESS_PROBE_INTERVAL_MS: '1000',
    });
    readiness = internalReadinessClient(p.url);
    await readiness.registerTenant(drill.tenantId, 'PHI Drill EMS');
    await drill.start('audit', {});
    ingestUrl = (await drill.start('ingest', awsEnv)).url;
    await startScribe();
  });

  afterAll(async () => {
    await drill?.close();
  });

  it('sandbox: audio is refused with 423 and HealthScribe is never called; synthetic text runs on the synthetic engine', async () => {
    const text = await postUntil('text', 201);
    expect(text.status).toBe(201);
    const audio = await post('audio');
    expect(audio).toMatchObject({ status: 423, error: 'phi_mode_disabled' });
    expect(await outputFor(text.dictationId!)).toBe(1);
    expect(startedEngine(text.dictationId!)).toEqual(['synthetic']);
    await expect(readiness.setPhiMode(drill.tenantId, 'enabled')).rejects.toMatchObject({ status: 409, code: 'gates_not_ready' });
    const sandbox = await readiness.readiness(drill.tenantId);
    expect(sandbox).toMatchObject({ phiMode: 'disabled', readyCount: 0 });
    expect(sandbox.gates.find((g) => g.id === 'baa')?.status).toBe('blocked');
    expect(sandbox.gates.find((g) => g.id === 'kms')?.evidence).toContainEqual(
      expect.objectContaining({ code: 'kms_key_rotation_enabled', ok: false }),
    );
    expect(sandbox.gates.find((g) => g.id === 'iam_rbac')?.evidence).toContainEqual(
      expect.objectContaining({ code: 'data_access_role_trusts_transcribe', ok: false }),
    );
    expect(aws.emulator.jobLog().stats.startRequests).toBe(0);
    expect(aws.emulator.jobLog().jobs).toEqual([]);
  });

  it('provisioned, BAA recorded, owner enables PHI mode: audio is accepted and runs through HealthScribe', async () => {
    ready = await provisionPhiReadyAws(stack.aws, {
      label,
      inputBucket: aws.env['AWS_HEALTHSCRIBE_INPUT_BUCKET']!,
      outputBucket: aws.env['AWS_HEALTHSCRIBE_OUTPUT_BUCKET']!,
      kmsKeyArn: aws.env['AWS_HEALTHSCRIBE_KMS_KEY_ARN']!,
    });
    expect(ready.env['AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN']).toBe(awsEnv['AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN']);
    await readiness.updateSettings(drill.tenantId, PHI_READY_SETTINGS);
    const seven = await enablePhiModeOnceReady(readiness, drill.tenantId, 30_000);
    expect(seven.gates.filter((g) => g.status !== 'ready').map((g) => `${g.id}:${g.status}`)).toEqual(['phi_mode:planned']);

    const audio = await postUntil('audio', 201);
    expect(audio.status).toBe(201);
    expect(await outputFor(audio.dictationId!)).toBe(1);
    expect(startedEngine(audio.dictationId!)).toEqual(['healthscribe']);
    const { stats, jobs } = aws.emulator.jobLog();
    expect(stats.startsAccepted).toBe(1);
    expect(jobs.map((j) => [j.status, j.tags['medicdraft:tenant-id']])).toEqual([['COMPLETED', drill.tenantId]]);
  });

  it(
    'key rotation off: kms and PHI mode drop, new audio gets 423, an in-flight dictation is parked until rotation is back, ' +
      'then completes',
    async () => {
      // An audio dictation in flight: accepted while PHI mode is on, its event waiting in Kafka
      // because no scribe worker is running at the moment the gate drops.
      const scribe = drill.processes.find((p) => p.name === 'scribe')!;
      expect(await scribe.stop('SIGTERM')).toBe(0);
      const inFlight = await post('audio');
      expect(inFlight.status).toBe(201);

      await ready.setKeyRotation(false);
      const dropped = await vi.waitFor(
        async () => {
          const v = await readiness.readiness(drill.tenantId);
          expect(v.phiMode).toBe('disabled');
          return v;
        },
        { timeout: 30_000, interval: 250 },
      );
      expect(dropped.gates.find((g) => g.id === 'kms')).toMatchObject({ status: 'planned' });
      expect(dropped.gates.find((g) => g.id === 'kms')?.evidence).toContainEqual(
        expect.objectContaining({ code: 'kms_key_rotation_enabled', ok: false }),
      );
      const refused = await postUntil('audio', 423);
      expect(refused).toMatchObject({ status: 423, error: 'phi_mode_disabled' });

      // The restarted worker consumes (a sandbox text flows through it) but parks the audio: the
      // block is this tenant's own, so its offset is committed and the partition moves on.
      const worker = await startScribe();
      const text = await post('text');
      expect(text.status).toBe(201);
      expect(await outputFor(text.dictationId!)).toBe(1);
      // The gauge is refreshed by the parking sweep, so wait for it rather than for a fixed time.
      await vi.waitFor(
        async () => expect(await parkedRecordsGauge(worker.opsUrl, drill.tenantId), 'the worker parked the audio record').toBe(1),
        { timeout: 30_000, interval: 250 },
      );
      expect(startedEngine(inFlight.dictationId!)).toEqual([]);
      expect(aws.emulator.jobLog().stats.startRequests).toBe(1);
      const audioOutcomes = await recordOutcomes(worker.opsUrl, TOPIC.DICTATION_AUDIO_CREATED);
      expect(audioOutcomes.get('dlq') ?? 0).toBe(0);

      await ready.setKeyRotation(true);
      await vi.waitFor(
        async () => {
          const v = await readiness.readiness(drill.tenantId);
          expect(v.phiMode).toBe('enabled');
        },
        { timeout: 30_000, interval: 250 },
      );
      expect(await outputFor(inFlight.dictationId!)).toBe(1);
      expect(startedEngine(inFlight.dictationId!)).toEqual(['healthscribe']);

      const changes = watch.of(TOPIC.READINESS_GATE_CHANGED).map((e) => e.payload as { gateId: string; from: string | null; to: string });
      expect(changes).toContainEqual(expect.objectContaining({ gateId: 'kms', from: 'ready', to: 'planned' }));
      expect(changes).toContainEqual(expect.objectContaining({ gateId: 'phi_mode', from: 'ready', to: 'blocked' }));
      expect(changes).toContainEqual(expect.objectContaining({ gateId: 'kms', from: 'planned', to: 'ready' }));

      // Nothing lost, nothing twice: every accepted dictation has exactly one output, every audio one job.
      const outputs = watch.perDictation(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED);
      expect(accepted.map((a) => outputs.get(a.dictationId))).toEqual(accepted.map(() => 1));
      const { stats, jobs } = aws.emulator.jobLog();
      expect(stats.startsAccepted).toBe(accepted.filter((a) => a.kind === 'audio').length);
      expect(jobs.every((j) => j.status === 'COMPLETED')).toBe(true);
      expect(watch.terminalFailures()).toEqual([]);
    },
  );
});

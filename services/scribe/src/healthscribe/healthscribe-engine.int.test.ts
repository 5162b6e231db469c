import { randomUUID } from 'node:crypto';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { TranscribeClient } from '@aws-sdk/client-transcribe';
import {
  startHealthscribeEmulator,
  type HealthscribeEmulator,
  type MediaScript,
  type OutputUriStyle,
} from '@medicdraft/healthscribe-emulator';
import { stackConfig } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeScribeEngineContract } from '../engine/scribe-engine.contract.js';
import { ScribeEngineError } from '../engine/scribe-engine-error.js';
import type { ScribeJobSpec, ScribeJobStatus } from '../engine/scribe-engine.port.js';
import { createHealthscribeClient, createTranscribeClient, type HealthscribeClient } from './healthscribe-client.js';
import { createHealthscribeEngine } from './healthscribe-engine.js';
import { healthscribeJobName } from './healthscribe-job-name.js';
import { fetchHealthscribeOutputs } from './healthscribe-outputs.js';
import { buildStartJobRequest, type HealthscribeTarget } from './start-job-request.js';

const run = randomUUID().slice(0, 8);
const tenantId = randomUUID();
const s3 = new S3Client({ ...stackConfig.aws, forcePathStyle: true });
const kms = new KMSClient(stackConfig.aws);
let target: HealthscribeTarget;
let emulator: HealthscribeEmulator;
let transcribe: TranscribeClient;
let client: HealthscribeClient;

const connect = (url: string) =>
  createTranscribeClient({ region: stackConfig.aws.region, endpoint: url, credentials: stackConfig.aws.credentials });

beforeAll(async () => {
  const keyArn = (await kms.send(new CreateKeyCommand({ Description: 'scribe healthscribe int test' }))).KeyMetadata!.Arn!;
  target = {
    inputBucket: `scribe-hs-in-${run}`,
    outputBucket: `scribe-hs-out-${run}`,
    kmsKeyArn: keyArn,
    dataAccessRoleArn: 'arn:aws:iam::123456789012:role/medicdraft-healthscribe',
  };
  await s3.send(new CreateBucketCommand({ Bucket: target.inputBucket }));
  await s3.send(new CreateBucketCommand({ Bucket: target.outputBucket }));
  emulator = await startHealthscribeEmulator({ s3, kms, timing: { queuedMs: 5, inProgressMs: 20 } });
  transcribe = connect(emulator.url);
  client = createHealthscribeClient(transcribe);
});
afterAll(async () => {
  transcribe.destroy();
  await emulator.close();
  s3.destroy();
  kms.destroy();
});
beforeEach(() => emulator.reset());

/** Stores an "audio" object as ingest would and tells the emulator what it says. */
async function dictation(script: MediaScript, on: HealthscribeEmulator = emulator): Promise<ScribeJobSpec> {
  const dictationId = randomUUID();
  const key = `${tenantId}/2025/03/04/${dictationId}/audio.wav`;
  const bytes = Buffer.from(`RIFF synthetic ${randomUUID()}`);
  await s3.send(new PutObjectCommand({ Bucket: target.inputBucket, Key: key, Body: bytes }));
  const inputSha256 = on.registerMedia(bytes, script);
  return { tenantId, dictationId, jobName: healthscribeJobName(dictationId, 1), input: { tenantId, bucket: 'input', key }, inputSha256 };
}

const engineOn = (tc: TranscribeClient) => createHealthscribeEngine({ client: createHealthscribeClient(tc), s3, target, quota: 2 });

describeScribeEngineContract('healthscribe (emulator, S3/KMS on moto)', async () => ({
  engine: engineOn(transcribe),
  dictation: (text) => dictation({ text }),
  close: async () => {},
}));

async function pollToEnd(engine: ReturnType<typeof engineOn>, spec: ScribeJobSpec): Promise<{ seen: string[]; last: ScribeJobStatus }> {
  const seen: string[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const status = await engine.status(spec);
    if (seen.at(-1) !== status.state) seen.push(status.state);
    if (status.state === 'completed' || status.state === 'failed') return { seen, last: status };
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('job never finished');
}

async function rejection(p: Promise<unknown>): Promise<ScribeEngineError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScribeEngineError);
  return err as ScribeEngineError;
}

describe('HealthScribe engine against the emulator (S3/KMS on moto)', () => {
  it('starts a job, polls it through the states and returns both documents from the output URIs', async () => {
    const engine = engineOn(transcribe);
    const spec = await dictation({ text: 'Sixty-year-old male with chest pain. Pulse 110. Gave aspirin 324 mg PO.' });
    await engine.start(spec);
    const { seen, last } = await pollToEnd(engine, spec);
    expect(seen.at(-1)).toBe('completed');
    expect(seen[0]).not.toBe('completed');
    if (last.state !== 'completed') throw new Error('unreachable');
    const documents = await last.documents();
    const transcript = documents.transcript as { Conversation: { JobName: string; TranscriptSegments: { Content: string }[] } };
    expect(transcript.Conversation.JobName).toBe(spec.jobName);
    expect(transcript.Conversation.TranscriptSegments.map((s) => s.Content)).toEqual([
      'Sixty-year-old male with chest pain.',
      'Pulse 110.',
      'Gave aspirin 324 mg PO.',
    ]);
    expect(documents.clinicalDocument).toMatchObject({ ClinicalDocumentation: { Sections: expect.any(Array) } });

    const { jobs, stats } = emulator.jobLog();
    expect(jobs).toEqual([
      expect.objectContaining({
        jobName: spec.jobName,
        mediaSha256: spec.inputSha256,
        tags: { 'medicdraft:tenant-id': tenantId, 'medicdraft:dictation-id': spec.dictationId },
      }),
    ]);
    expect(stats.startsAccepted).toBe(1);
    const head = await s3.send(new HeadObjectCommand({ Bucket: target.outputBucket, Key: `${spec.jobName}/transcript.json` }));
    expect(head.ServerSideEncryption).toBe('aws:kms');
    expect(head.SSEKMSKeyId).toBe(target.kmsKeyArn);
  });

  it('adopts an existing job on ConflictException: a resumed start never creates a second job', async () => {
    const spec = await dictation({ text: 'Patient is alert.' });
    const first = await client.startJob(buildStartJobRequest(target, spec));
    const second = await client.startJob(buildStartJobRequest(target, spec));
    expect(first.adopted).toBe(false);
    expect(second).toMatchObject({ adopted: true, job: { name: spec.jobName, mediaUri: `s3://${target.inputBucket}/${spec.input.key}` } });
    await engineOn(transcribe).start(spec);
    expect(emulator.jobLog().stats).toMatchObject({ startRequests: 3, startsAccepted: 1 });
  });

  it('refuses to adopt a job under our name that reads other media', async () => {
    const a = await dictation({ text: 'Patient is alert.' });
    const b = await dictation({ text: 'Patient is alert.' });
    await client.startJob(buildStartJobRequest(target, a));
    const err = await rejection(client.startJob(buildStartJobRequest(target, { ...b, jobName: a.jobName })));
    expect([err.reason, err.retryable]).toEqual(['bad_request', false]);
  });

  it.each([
    ['LimitExceededException', 'limit_exceeded', true],
    ['InternalFailureException', 'internal_failure', true],
    ['AccessDeniedException', 'access_denied', false],
    ['BadRequestException', 'bad_request', false],
  ] as const)('classifies a %s from Start as %s (retryable: %s)', async (errorType, reason, retryable) => {
    const spec = await dictation({ text: 'Patient is alert.' });
    emulator.failRequests('StartMedicalScribeJob', errorType, 1);
    const err = await rejection(engineOn(transcribe).start(spec));
    expect([err.reason, err.retryable]).toEqual([reason, retryable]);
    await engineOn(transcribe).start(spec);
    expect(emulator.jobLog().stats).toMatchObject({ startsRejected: 1, startsAccepted: 1 });
  });

  it('classifies a Get InternalFailure as retryable and an unreachable endpoint as engine_unavailable', async () => {
    const spec = await dictation({ text: 'Patient is alert.' });
    await engineOn(transcribe).start(spec);
    emulator.failRequests('GetMedicalScribeJob', 'InternalFailureException', 1);
    expect((await rejection(engineOn(transcribe).status(spec))).reason).toBe('internal_failure');

    const gone = await startHealthscribeEmulator({ s3 });
    const url = gone.url;
    await gone.close();
    const unreachable = connect(url);
    try {
      const err = await rejection(engineOn(unreachable).status(spec));
      expect([err.reason, err.retryable]).toEqual(['engine_unavailable', true]);
    } finally {
      unreachable.destroy();
    }
  });

  it('reports a FAILED job with a reason code derived from FailureReason, and a deleted job as failed', async () => {
    const engine = engineOn(transcribe);
    emulator.failNextJobs(1, 'The audio sample rate is below 16,000 Hz.');
    const spec = await dictation({ text: 'Patient is alert.' });
    await engine.start(spec);
    expect((await pollToEnd(engine, spec)).last).toEqual({ state: 'failed', reason: 'media_unsupported' });

    await client.deleteJob(spec.jobName);
    expect(await client.getJob(spec.jobName)).toBeUndefined();
    expect(await engine.status(spec)).toEqual({ state: 'failed', reason: 'job_failed' });
    const err = await rejection(client.deleteJob(spec.jobName));
    expect(err.reason).toBe('bad_request');
  });

  it('rejects outputs that are not JSON as output_invalid, without quoting them', async () => {
    const engine = engineOn(transcribe);
    const canary = 'CANARY-PATIENT-JOHN-ROE';
    const spec = await dictation({
      transcript: `{"Conversation": ${canary}`,
      clinicalDocument: { ClinicalDocumentation: { Sections: [] } },
    });
    await engine.start(spec);
    const { last } = await pollToEnd(engine, spec);
    if (last.state !== 'completed') throw new Error(`job ended ${last.state}`);
    const err = await rejection(last.documents());
    expect([err.reason, err.retryable]).toEqual(['output_invalid', false]);
    expect(err.message).not.toContain(canary);
  });

  it('refuses output URIs outside the configured output bucket, and reports missing objects', async () => {
    const spec = await dictation({ text: 'Patient is alert.' });
    await client.startJob(buildStartJobRequest(target, spec));
    await emulator.settled();
    const job = (await client.getJob(spec.jobName))!;
    const elsewhere = await rejection(fetchHealthscribeOutputs({ s3, outputBucket: `other-${run}` }, job));
    expect(elsewhere.reason).toBe('output_invalid');
    const missing = await rejection(
      fetchHealthscribeOutputs(
        { s3, outputBucket: target.outputBucket },
        { ...job, transcriptUri: `s3://${target.outputBucket}/${spec.jobName}/nope.json` },
      ),
    );
    expect([missing.reason, missing.retryable]).toEqual(['output_missing', false]);
  });

  it.each<OutputUriStyle>(['s3', 'https-path', 'https-virtual'])('reads outputs when Get returns %s URIs', async (style) => {
    const local = await startHealthscribeEmulator({ s3, outputUriStyle: style, timing: { queuedMs: 0, inProgressMs: 0 } });
    const tc = connect(local.url);
    try {
      const spec = await dictation(
        {
          transcript: { Conversation: { JobName: 'x', TranscriptSegments: [] } },
          clinicalDocument: { ClinicalDocumentation: { Sections: [] } },
        },
        local,
      );
      const engine = engineOn(tc);
      await engine.start(spec);
      const { last } = await pollToEnd(engine, spec);
      if (last.state !== 'completed') throw new Error(`job ended ${last.state}`);
      expect(await last.documents()).toEqual({
        transcript: { Conversation: { JobName: 'x', TranscriptSegments: [] } },
        clinicalDocument: { ClinicalDocumentation: { Sections: [] } },
      });
    } finally {
      tc.destroy();
      await local.close();
    }
  });

  it('lists every job across pages (the API pages at most 100)', async () => {
    emulator.setTiming({ queuedMs: 60_000, inProgressMs: 0 });
    const spec = await dictation({ text: 'Patient is alert.' });
    const names = Array.from({ length: 103 }, (_, i) => `list-${run}-${String(i).padStart(3, '0')}`);
    for (const name of names) await client.startJob(buildStartJobRequest(target, { ...spec, jobName: name }));
    const listed: string[] = [];
    for await (const s of client.listJobs({ status: 'QUEUED', nameContains: `LIST-${run}` })) listed.push(s.name);
    expect(listed).toEqual([...names].reverse());
    emulator.setTiming({ queuedMs: 5, inProgressMs: 20 });
  });
});

import { randomUUID } from 'node:crypto';
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  BadRequestException,
  ConflictException,
  DeleteMedicalScribeJobCommand,
  GetMedicalScribeJobCommand,
  InternalFailureException,
  LimitExceededException,
  ListMedicalScribeJobsCommand,
  NotFoundException,
  StartMedicalScribeJobCommand,
  TranscribeClient,
  TranscribeServiceException,
  paginateListMedicalScribeJobs,
  waitUntilMedicalScribeJobCompleted,
  type MedicalScribeJobStatus,
  type StartMedicalScribeJobCommandInput,
} from '@aws-sdk/client-transcribe';
import { parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { stackConfig } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHealthscribeEmulator, type HealthscribeEmulator } from './index.js';
import { parseMediaUri } from './s3-location.js';

const run = randomUUID().slice(0, 8);
const buckets = { input: `hs-emu-in-${run}`, output: `hs-emu-out-${run}` };
const tenantId = randomUUID();
const s3 = new S3Client({ ...stackConfig.aws, forcePathStyle: true });
const kms = new KMSClient(stackConfig.aws);
const roleArn = 'arn:aws:iam::123456789012:role/medicdraft-healthscribe-data-access';
let keyArn = '';
let emulator: HealthscribeEmulator;
let transcribe: TranscribeClient;

beforeAll(async () => {
  keyArn = (await kms.send(new CreateKeyCommand({ Description: 'healthscribe emulator int test' }))).KeyMetadata?.Arn ?? '';
  await s3.send(new CreateBucketCommand({ Bucket: buckets.input }));
  await s3.send(new CreateBucketCommand({ Bucket: buckets.output }));
  emulator = await startHealthscribeEmulator({ s3, kms, timing: { queuedMs: 10, inProgressMs: 30 } });
  // maxAttempts 1: each test sees exactly the answer the emulator gave, not the SDK's retries.
  transcribe = new TranscribeClient({ ...stackConfig.aws, endpoint: emulator.url, maxAttempts: 1 });
});
afterAll(async () => {
  transcribe.destroy();
  await emulator.close();
  s3.destroy();
  kms.destroy();
});
beforeEach(() => emulator.reset());

/** Uploads distinct media bytes and registers what they "say". */
async function uploadMedia(script: Parameters<HealthscribeEmulator['register']>[1]): Promise<string> {
  const key = `${tenantId}/2025/01/01/${randomUUID()}/audio.wav`;
  const bytes = Buffer.from(`RIFF fake wav ${randomUUID()}`);
  await s3.send(new PutObjectCommand({ Bucket: buckets.input, Key: key, Body: bytes }));
  emulator.registerMedia(bytes, script);
  return `s3://${buckets.input}/${key}`;
}

function startInput(mediaUri: string, overrides: Partial<StartMedicalScribeJobCommandInput> = {}): StartMedicalScribeJobCommandInput {
  return {
    MedicalScribeJobName: `job-${randomUUID()}`,
    Media: { MediaFileUri: mediaUri },
    OutputBucketName: buckets.output,
    OutputEncryptionKMSKeyId: keyArn,
    KMSEncryptionContext: { tenantId },
    DataAccessRoleArn: roleArn,
    Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
    Tags: [{ Key: 'medicdraft:tenant-id', Value: tenantId }],
    ...overrides,
  };
}

async function waitForTerminal(name: string): Promise<MedicalScribeJobStatus | undefined> {
  for (let i = 0; i < 500; i += 1) {
    const { MedicalScribeJob } = await transcribe.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: name }));
    const status = MedicalScribeJob?.MedicalScribeJobStatus;
    if (status === 'COMPLETED' || status === 'FAILED') return status;
    await new Promise((r) => setTimeout(r, 10));
  }
  return undefined;
}

async function readJson(uri: string): Promise<unknown> {
  const loc = parseMediaUri(uri);
  if (!loc) throw new Error(`unparseable ${uri}`);
  const out = await s3.send(new GetObjectCommand({ Bucket: loc.bucket, Key: loc.key }));
  return JSON.parse(await out.Body!.transformToString());
}

describe('HealthScribe emulator with the real @aws-sdk/client-transcribe', () => {
  it('runs a job QUEUED → IN_PROGRESS → COMPLETED and writes both outputs with SSE-KMS at <jobName>/…', async () => {
    const media = await uploadMedia({ text: 'Patient complains of chest pain. Blood pressure 150/90. Gave aspirin 324 mg PO.' });
    const input = startInput(media);
    const started = await transcribe.send(new StartMedicalScribeJobCommand(input));
    expect(started.MedicalScribeJob?.MedicalScribeJobStatus).toBe('QUEUED');
    expect(started.MedicalScribeJob?.CreationTime).toBeInstanceOf(Date);
    expect(started.MedicalScribeJob?.Settings).toEqual({ ShowSpeakerLabels: true, MaxSpeakerLabels: 2 });

    expect(await waitForTerminal(input.MedicalScribeJobName!)).toBe('COMPLETED');
    const { MedicalScribeJob: job } = await transcribe.send(
      new GetMedicalScribeJobCommand({ MedicalScribeJobName: input.MedicalScribeJobName }),
    );
    expect(job?.StartTime).toBeInstanceOf(Date);
    expect(job?.CompletionTime!.getTime()).toBeGreaterThanOrEqual(job!.StartTime!.getTime());
    expect(job?.Tags).toEqual(input.Tags);
    expect(job?.LanguageCode).toBe('en-US');
    const out = job!.MedicalScribeOutput!;
    expect(out.TranscriptFileUri).toBe(
      `https://s3.us-east-1.amazonaws.com/${buckets.output}/${input.MedicalScribeJobName}/transcript.json`,
    );
    expect(out.ClinicalDocumentUri).toBe(`https://s3.us-east-1.amazonaws.com/${buckets.output}/${input.MedicalScribeJobName}/summary.json`);

    for (const key of ['transcript.json', 'summary.json']) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: buckets.output, Key: `${input.MedicalScribeJobName}/${key}` }));
      expect(head.ServerSideEncryption).toBe('aws:kms');
      expect(head.SSEKMSKeyId).toBe(keyArn);
    }
    const transcript = (await readJson(out.TranscriptFileUri!)) as {
      Conversation: {
        JobName: string;
        TranscriptSegments: { Content: string; SegmentId: string }[];
        ClinicalInsights: { Category: string }[];
      };
    };
    expect(transcript.Conversation.JobName).toBe(input.MedicalScribeJobName);
    expect(transcript.Conversation.TranscriptSegments.map((s) => s.Content)).toEqual([
      'Patient complains of chest pain.',
      'Blood pressure 150/90.',
      'Gave aspirin 324 mg PO.',
    ]);
    expect(transcript.Conversation.ClinicalInsights.map((i) => i.Category)).toEqual(
      expect.arrayContaining(['TEST_TREATMENT_PROCEDURE', 'MEDICATION']),
    );
    expect(parseTranscript(transcript).segments).toHaveLength(3);
    const summary = (await readJson(out.ClinicalDocumentUri!)) as {
      ClinicalDocumentation: { Sections: { SectionName: string; Summary: { EvidenceLinks: { SegmentId: string }[] }[] }[] };
    };
    const segmentIds = new Set(transcript.Conversation.TranscriptSegments.map((s) => s.SegmentId));
    const links = summary.ClinicalDocumentation.Sections.flatMap((s) => s.Summary.flatMap((x) => x.EvidenceLinks.map((l) => l.SegmentId)));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((id) => segmentIds.has(id))).toBe(true);
    expect(parseClinicalDocument(summary).sections.map((x) => x.name)).toContain('CHIEF_COMPLAINT');

    const log = emulator.jobLog();
    expect(log.jobs).toEqual([
      expect.objectContaining({
        jobName: input.MedicalScribeJobName,
        status: 'COMPLETED',
        tags: { 'medicdraft:tenant-id': tenantId },
        mediaSha256: expect.stringMatching(/^[a-f0-9]{64}$/),
      }),
    ]);
    expect(log.jobs[0]!.startedAt).toBeDefined();
  });

  it('writes registered documents verbatim, even invalid JSON, and can answer s3:// URIs', async () => {
    const local = await startHealthscribeEmulator({ s3, outputUriStyle: 's3', timing: { queuedMs: 0, inProgressMs: 0 } });
    const client = new TranscribeClient({ ...stackConfig.aws, endpoint: local.url, maxAttempts: 1 });
    try {
      const key = `${tenantId}/verbatim/${randomUUID()}.wav`;
      const bytes = Buffer.from(`verbatim ${randomUUID()}`);
      await s3.send(new PutObjectCommand({ Bucket: buckets.input, Key: key, Body: bytes }));
      local.registerMedia(bytes, { transcript: { Conversation: { custom: true } }, clinicalDocument: '{not json' });
      const name = `verbatim-${run}`;
      await client.send(
        new StartMedicalScribeJobCommand(
          startInput(`s3://${buckets.input}/${key}`, {
            MedicalScribeJobName: name,
            OutputEncryptionKMSKeyId: undefined,
            KMSEncryptionContext: undefined,
          }),
        ),
      );
      await local.settled();
      const { MedicalScribeJob: job } = await client.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: name }));
      expect(job?.MedicalScribeOutput?.TranscriptFileUri).toBe(`s3://${buckets.output}/${name}/transcript.json`);
      expect(await readJson(job!.MedicalScribeOutput!.TranscriptFileUri!)).toEqual({ Conversation: { custom: true } });
      const raw = await s3.send(new GetObjectCommand({ Bucket: buckets.output, Key: `${name}/summary.json` }));
      expect(await raw.Body!.transformToString()).toBe('{not json');
      expect(raw.ServerSideEncryption).toBe('AES256');
    } finally {
      client.destroy();
      await local.close();
    }
  });

  it('lists newest first, 5 per page by default, with Status and case-insensitive JobNameContains filters', async () => {
    const media = await uploadMedia({ text: 'Patient is alert.' });
    const names = Array.from({ length: 7 }, (_, i) => `List-${run}-${i}`);
    for (const name of names) await transcribe.send(new StartMedicalScribeJobCommand(startInput(media, { MedicalScribeJobName: name })));

    const first = await transcribe.send(new ListMedicalScribeJobsCommand({}));
    expect(first.MedicalScribeJobSummaries?.map((s) => s.MedicalScribeJobName)).toEqual(names.slice(2).reverse());
    expect(first.NextToken).toBeDefined();
    expect(first.MedicalScribeJobSummaries?.[0]).not.toHaveProperty('MedicalScribeOutput');

    const all: string[] = [];
    for await (const page of paginateListMedicalScribeJobs({ client: transcribe, pageSize: 3 }, { JobNameContains: `list-${run}` })) {
      expect(page.MedicalScribeJobSummaries!.length).toBeLessThanOrEqual(3);
      all.push(...page.MedicalScribeJobSummaries!.map((s) => s.MedicalScribeJobName!));
    }
    expect(all).toEqual([...names].reverse());

    await emulator.settled();
    const completed = await transcribe.send(new ListMedicalScribeJobsCommand({ Status: 'COMPLETED', MaxResults: 100 }));
    expect(completed.Status).toBe('COMPLETED');
    expect(completed.MedicalScribeJobSummaries).toHaveLength(7);
    expect(completed.MedicalScribeJobSummaries?.[0]?.CompletionTime).toBeInstanceOf(Date);
    const queued = await transcribe.send(new ListMedicalScribeJobsCommand({ Status: 'QUEUED' }));
    expect(queued.MedicalScribeJobSummaries).toEqual([]);
  });

  it('deletes terminal jobs only; Get of a deleted job is NotFoundException; the name is reusable', async () => {
    const media = await uploadMedia({ text: 'Patient is alert.' });
    emulator.setTiming({ queuedMs: 0, inProgressMs: 60_000 });
    const busy = startInput(media);
    await transcribe.send(new StartMedicalScribeJobCommand(busy));
    await expect(
      transcribe.send(new DeleteMedicalScribeJobCommand({ MedicalScribeJobName: busy.MedicalScribeJobName })),
    ).rejects.toBeInstanceOf(BadRequestException);

    emulator.setTiming({ queuedMs: 10, inProgressMs: 30 });
    const input = startInput(media);
    const name = input.MedicalScribeJobName!;
    await transcribe.send(new StartMedicalScribeJobCommand(input));
    expect(await waitForTerminal(name)).toBe('COMPLETED');
    await transcribe.send(new DeleteMedicalScribeJobCommand({ MedicalScribeJobName: name }));
    await expect(transcribe.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: name }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(transcribe.send(new DeleteMedicalScribeJobCommand({ MedicalScribeJobName: name }))).rejects.toBeInstanceOf(
      BadRequestException,
    );
    await transcribe.send(new StartMedicalScribeJobCommand(input));
    expect(
      emulator
        .jobLog()
        .jobs.filter((j) => j.jobName === name)
        .map((j) => j.deleted),
    ).toEqual([true, false]);
  });

  it('works with the SDK waiter', async () => {
    const input = startInput(await uploadMedia({ text: 'Patient is alert.' }));
    await transcribe.send(new StartMedicalScribeJobCommand(input));
    const result = await waitUntilMedicalScribeJobCompleted(
      { client: transcribe, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
      { MedicalScribeJobName: input.MedicalScribeJobName },
    );
    expect(result.state).toBe('SUCCESS');
  });
});

describe('errors, deserialised by the SDK into its own classes', () => {
  it('ConflictException for a duplicate job name', async () => {
    const input = startInput(await uploadMedia({ text: 'Patient is alert.' }));
    await transcribe.send(new StartMedicalScribeJobCommand(input));
    const err = await transcribe.send(new StartMedicalScribeJobCommand(input)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).$fault).toBe('client');
    expect((err as ConflictException).message).toMatch(/already exists/);
  });

  it('NotFoundException for Get of an unknown job', async () => {
    const err = await transcribe.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: `missing-${run}` })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundException);
  });

  it('LimitExceededException and InternalFailureException when injected, for the next N calls only', async () => {
    const media = await uploadMedia({ text: 'Patient is alert.' });
    emulator.failRequests('StartMedicalScribeJob', 'LimitExceededException', 2);
    emulator.failRequests('StartMedicalScribeJob', 'InternalFailureException', 1);
    emulator.failRequests('GetMedicalScribeJob', 'InternalFailureException', 1);
    const input = startInput(media);
    const errors = [];
    for (let i = 0; i < 3; i += 1) errors.push(await transcribe.send(new StartMedicalScribeJobCommand(input)).catch((e: unknown) => e));
    expect(errors[0]).toBeInstanceOf(LimitExceededException);
    expect(errors[1]).toBeInstanceOf(LimitExceededException);
    expect(errors[2]).toBeInstanceOf(InternalFailureException);
    expect((errors[2] as InternalFailureException).$fault).toBe('server');
    expect((errors[2] as InternalFailureException).$metadata.httpStatusCode).toBe(500);
    await transcribe.send(new StartMedicalScribeJobCommand(input));
    await expect(
      transcribe.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: input.MedicalScribeJobName })),
    ).rejects.toBeInstanceOf(InternalFailureException);
    await transcribe.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: input.MedicalScribeJobName }));
    expect(emulator.jobLog().stats).toMatchObject({ startRequests: 4, startsAccepted: 1, startsRejected: 3 });
  });

  it('the SDK retries injected throttling on its own when allowed (LimitExceeded is a throttling error)', async () => {
    const retrying = new TranscribeClient({ ...stackConfig.aws, endpoint: emulator.url, maxAttempts: 3 });
    try {
      emulator.failRequests('StartMedicalScribeJob', 'LimitExceededException', 2);
      const out = await retrying.send(new StartMedicalScribeJobCommand(startInput(await uploadMedia({ text: 'Patient is alert.' }))));
      expect(out.$metadata.attempts).toBe(3);
    } finally {
      retrying.destroy();
    }
  });

  it('LimitExceededException beyond the account quota of concurrent jobs, also for concurrent Starts', async () => {
    const local = await startHealthscribeEmulator({ s3, maxActiveJobs: 2, timing: { queuedMs: 0, inProgressMs: 10_000 } });
    const client = new TranscribeClient({ ...stackConfig.aws, endpoint: local.url, maxAttempts: 1 });
    try {
      const media = await uploadMedia({ text: 'Patient is alert.' });
      const results = await Promise.allSettled([1, 2, 3, 4].map(() => client.send(new StartMedicalScribeJobCommand(startInput(media)))));
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
      expect(rejected).toHaveLength(2);
      expect(rejected.every((e) => e instanceof LimitExceededException)).toBe(true);
      expect(local.jobLog().stats).toMatchObject({ active: 2, maxActive: 2 });
    } finally {
      client.destroy();
      await local.close();
    }
  });

  const invalid: [string, (media: string) => Partial<StartMedicalScribeJobCommandInput>, RegExp][] = [
    ['a job name with a space', () => ({ MedicalScribeJobName: 'bad name' }), /medicalScribeJobName.*regular expression/],
    ['a 201-character job name', () => ({ MedicalScribeJobName: 'a'.repeat(201) }), /length less than or equal to 200/],
    [
      'speaker labels and channel identification',
      () => ({ Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2, ChannelIdentification: true } }),
      /One and only one/,
    ],
    ['neither speaker labels nor channel identification', () => ({ Settings: {} }), /One and only one/],
    ['speaker labels without MaxSpeakerLabels', () => ({ Settings: { ShowSpeakerLabels: true } }), /MaxSpeakerLabels must be set/],
    ['MaxSpeakerLabels 1', () => ({ Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 1 } }), /greater than or equal to 2/],
    ['MaxSpeakerLabels 31', () => ({ Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 31 } }), /less than or equal to 30/],
    [
      'channel identification with one channel',
      () => ({ Settings: { ChannelIdentification: true }, ChannelDefinitions: [{ ChannelId: 0, ParticipantRole: 'CLINICIAN' }] }),
      /channelDefinitions.*greater than or equal to 2/,
    ],
    [
      'channel identification without channel definitions',
      () => ({ Settings: { ChannelIdentification: true } }),
      /ChannelDefinitions must be specified/,
    ],
    [
      'channel definitions with speaker labels',
      () => ({
        ChannelDefinitions: [
          { ChannelId: 0, ParticipantRole: 'CLINICIAN' },
          { ChannelId: 1, ParticipantRole: 'PATIENT' },
        ],
      }),
      /ChannelIdentification must be set/,
    ],
    [
      '11 encryption-context entries',
      () => ({ KMSEncryptionContext: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) }),
      /kMSEncryptionContext.*less than or equal to 10/,
    ],
    ['a blank encryption-context value', () => ({ KMSEncryptionContext: { tenantId: '  ' } }), /regular expression pattern: \.\*\\S\.\*/],
    [
      'a 2001-character encryption-context value',
      () => ({ KMSEncryptionContext: { tenantId: 'x'.repeat(2001) } }),
      /less than or equal to 2000/,
    ],
    ['a role ARN that is not a role', () => ({ DataAccessRoleArn: 'arn:aws:iam::123456789012:user/someone' }), /dataAccessRoleArn/],
    ['an ftp media URI', () => ({ Media: { MediaFileUri: 'ftp://bucket/key.wav' } }), /media.mediaFileUri/],
    ['an s3:// output bucket', () => ({ OutputBucketName: `s3://${buckets.output}` }), /outputBucketName/],
    [
      'a vocabulary filter without a method',
      () => ({ Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2, VocabularyFilterName: 'ems' } }),
      /VocabularyFilterMethod must be specified/,
    ],
    ['media that does not exist', (media) => ({ Media: { MediaFileUri: `${media}.missing` } }), /can't be accessed/],
    ['an output bucket that does not exist', () => ({ OutputBucketName: `hs-emu-nope-${run}` }), /output bucket does not exist/],
  ];
  it.each(invalid)('BadRequestException for %s', async (_, override, message) => {
    const media = await uploadMedia({ text: 'Patient is alert.' });
    const err = await transcribe.send(new StartMedicalScribeJobCommand(startInput(media, override(media)))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestException);
    expect((err as BadRequestException).message).toMatch(message);
    expect((err as BadRequestException).$metadata.httpStatusCode).toBe(400);
    expect(emulator.jobLog().jobs).toEqual([]);
  });

  it('accepts channel identification with two channels', async () => {
    const media = await uploadMedia({ text: 'Patient is alert.' });
    const input = startInput(media, {
      Settings: { ChannelIdentification: true },
      ChannelDefinitions: [
        { ChannelId: 0, ParticipantRole: 'CLINICIAN' },
        { ChannelId: 1, ParticipantRole: 'PATIENT' },
      ],
    });
    const out = await transcribe.send(new StartMedicalScribeJobCommand(input));
    expect(out.MedicalScribeJob?.ChannelDefinitions).toHaveLength(2);
  });

  it('rejects unsigned calls and unknown operations the way the AWS front end does', async () => {
    const unsigned = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'Transcribe.ListMedicalScribeJobs', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    const unknown = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'Transcribe.StartTranscriptionJob', authorization: 'AWS4-HMAC-SHA256 Credential=x' },
      body: '{}',
    });
    expect((await unknown.json()) as unknown).toMatchObject({ __type: 'UnknownOperationException' });
    expect(unknown.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException:/);
  });

  it('an injected AccessDeniedException reaches the caller as a TranscribeServiceException of that name', async () => {
    emulator.failRequests('GetMedicalScribeJob', 'AccessDeniedException', 1);
    const err = await transcribe.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'any' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranscribeServiceException);
    expect((err as Error).name).toBe('AccessDeniedException');
  });
});

describe('FAILED jobs', () => {
  it('ends the next N jobs FAILED with the injected FailureReason and writes no output', async () => {
    emulator.failNextJobs(1, 'The audio sample rate is below 16,000 Hz.');
    const media = await uploadMedia({ text: 'Patient is alert.' });
    const failing = startInput(media);
    const passing = startInput(media);
    await transcribe.send(new StartMedicalScribeJobCommand(failing));
    await transcribe.send(new StartMedicalScribeJobCommand(passing));
    expect(await waitForTerminal(failing.MedicalScribeJobName!)).toBe('FAILED');
    expect(await waitForTerminal(passing.MedicalScribeJobName!)).toBe('COMPLETED');
    const { MedicalScribeJob: job } = await transcribe.send(
      new GetMedicalScribeJobCommand({ MedicalScribeJobName: failing.MedicalScribeJobName }),
    );
    expect(job?.FailureReason).toBe('The audio sample rate is below 16,000 Hz.');
    expect(job?.MedicalScribeOutput).toBeUndefined();
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: buckets.output, Prefix: `${failing.MedicalScribeJobName}/` }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it('fails media registered with a FailureReason, unregistered media, and a disabled output key', async () => {
    const registeredFailure = startInput(await uploadMedia({ failureReason: 'Unsupported media format.' }));
    const key = `${tenantId}/unregistered/${randomUUID()}.wav`;
    await s3.send(new PutObjectCommand({ Bucket: buckets.input, Key: key, Body: Buffer.from(randomUUID()) }));
    const unregistered = startInput(`s3://${buckets.input}/${key}`);
    const disabledKey = (await kms.send(new CreateKeyCommand({ Description: 'disabled' }))).KeyMetadata!;
    await kms.send(new DisableKeyCommand({ KeyId: disabledKey.KeyId }));
    const badKey = startInput(await uploadMedia({ text: 'Patient is alert.' }), { OutputEncryptionKMSKeyId: disabledKey.Arn });

    for (const input of [registeredFailure, unregistered, badKey]) await transcribe.send(new StartMedicalScribeJobCommand(input));
    const reasons = [];
    for (const input of [registeredFailure, unregistered, badKey]) {
      expect(await waitForTerminal(input.MedicalScribeJobName!)).toBe('FAILED');
      reasons.push(
        (await transcribe.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: input.MedicalScribeJobName }))).MedicalScribeJob
          ?.FailureReason,
      );
    }
    expect(reasons[0]).toBe('Unsupported media format.');
    expect(reasons[1]).toMatch(/no content is registered/);
    expect(reasons[2]).toMatch(/not enabled/);
  });
});

describe('job log and control routes', () => {
  it('records start timestamps and the concurrency high-water mark', async () => {
    emulator.setTiming({ queuedMs: 0, inProgressMs: 300 });
    const media = await uploadMedia({ text: 'Patient is alert.' });
    await Promise.all([1, 2, 3].map(() => transcribe.send(new StartMedicalScribeJobCommand(startInput(media)))));
    await emulator.settled();
    const { jobs, stats } = emulator.jobLog();
    expect(jobs).toHaveLength(3);
    expect(jobs.every((j) => j.status === 'COMPLETED' && Date.parse(j.startedAt!) >= Date.parse(j.createdAt))).toBe(true);
    expect(stats).toMatchObject({ startsAccepted: 3, active: 0, maxActive: 3, maxInProgress: 3, inProgress: 0 });
    emulator.setTiming({ queuedMs: 10, inProgressMs: 30 });
  });

  it('registers media and injects faults over HTTP, and serves the job log as JSON', async () => {
    const key = `${tenantId}/http/${randomUUID()}.wav`;
    const bytes = Buffer.from(`http ${randomUUID()}`);
    await s3.send(new PutObjectCommand({ Bucket: buckets.input, Key: key, Body: bytes }));
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const post = (path: string, body: unknown) =>
      fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post('/_emulator/media', { sha256, text: 'Patient is alert.' })).status).toBe(204);
    expect((await post('/_emulator/media', { sha256: 'nope', text: 'x' })).status).toBe(400);
    expect((await post('/_emulator/faults/requests', { errorType: 'LimitExceededException', count: 1 })).status).toBe(204);
    const input = startInput(`s3://${buckets.input}/${key}`);
    await expect(transcribe.send(new StartMedicalScribeJobCommand(input))).rejects.toBeInstanceOf(LimitExceededException);
    await transcribe.send(new StartMedicalScribeJobCommand(input));
    expect(await waitForTerminal(input.MedicalScribeJobName!)).toBe('COMPLETED');

    const log = (await (await fetch(`${emulator.url}/_emulator/jobs`)).json()) as {
      jobs: { jobName: string; mediaSha256: string }[];
      stats: { startsRejected: number };
    };
    expect(log.jobs).toEqual([expect.objectContaining({ jobName: input.MedicalScribeJobName, mediaSha256: sha256 })]);
    expect(log.stats.startsRejected).toBe(1);
  });
});

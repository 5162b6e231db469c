import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteRetentionPolicyCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DisableKeyRotationCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  DeleteBucketLifecycleCommand,
  DeletePublicAccessBlockCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { auditHeartbeatFixture } from '@medicdraft/contracts/testing';
import { TOPIC } from '@medicdraft/contracts';
import {
  createGateView,
  createLogger,
  createMemoryEventBus,
  subscribeGateView,
  type AdminDatabase,
  type EventBus,
  type Subscription,
} from '@medicdraft/platform';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredEnv } from '../gates/sandbox-inputs.js';
import { READINESS_SCHEMA } from '../readiness-migrations.js';
import { startReadinessService, type ReadinessService } from '../service.js';
import { initialTenantSettings } from '../settings/tenant-settings.js';
import { createLiveProbes } from './live-probes.js';

const logger = createLogger({ service: 'readiness-int', level: 'silent' });
const aws = { ...stackConfig.aws, maxAttempts: 1 };
const suffix = randomUUID().slice(0, 8);
const names = {
  input: `md-rd-in-${suffix}`,
  output: `md-rd-out-${suffix}`,
  witness: `md-rd-witness-${suffix}`,
  role: `md-rd-scribe-${suffix}`,
  logGroup: `/medicdraft/readiness-int/${suffix}`,
  tenant: `rd-int-${suffix}`,
  dbRole: `medicdraft_readiness_${suffix}`,
};
const trust = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

/** A stand-in HealthScribe endpoint speaking AWS JSON 1.1 (the emulator is another helper's tool). */
function healthScribeStub(): Promise<{ server: Server; url: string; answer: { status: number; body: object } }> {
  const answer = { status: 200, body: { MedicalScribeJobSummaries: [] } as object };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const ok = req.headers['x-amz-target'] === 'Transcribe.ListMedicalScribeJobs';
      res.writeHead(ok ? answer.status : 400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(ok ? answer.body : { __type: 'UnknownOperationException' }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answer })),
  );
}

describe('readiness gates from live evidence (moto, Postgres)', { timeout: 120_000 }, () => {
  const s3 = new S3Client({ ...aws, forcePathStyle: true });
  const kms = new KMSClient(aws);
  const iam = new IAMClient(aws);
  const logs = new CloudWatchLogsClient(aws);
  let keyArn: string;
  let roleArn: string;
  let pgTest: PgTestDatabase;
  let db: AdminDatabase;
  let bus: EventBus;
  let service: ReadinessService;
  let stub: Awaited<ReturnType<typeof healthScribeStub>>;
  let gateSub: Subscription;
  const view = createGateView();
  let probes: ReturnType<typeof createLiveProbes>;

  const gate = (id: 'baa' | 's3_storage' | 'kms' | 'database' | 'iam_rbac' | 'audit' | 'healthscribe' | 'phi_mode') =>
    view.current(names.tenant)?.gates[id];
  async function reprobe(): Promise<void> {
    await service.engine.runProbes();
    await service.engine.refresh();
  }
  const heartbeat = () =>
    bus.publish([
      {
        topic: TOPIC.AUDIT_HEARTBEAT,
        key: 'audit-int',
        value: JSON.stringify({ ...auditHeartbeatFixture(), instanceId: 'audit-int', issuedAt: new Date().toISOString(), lagTotal: 0 }),
      },
    ]);

  beforeAll(async () => {
    keyArn = (await kms.send(new CreateKeyCommand({ Description: 'readiness int' }))).KeyMetadata!.Arn!;
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyArn }));
    for (const bucket of [names.input, names.output]) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket: bucket,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        }),
      );
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket: bucket,
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } }],
          },
        }),
      );
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: bucket,
          LifecycleConfiguration: { Rules: [{ ID: 'retention', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 30 } }] },
        }),
      );
    }
    await s3.send(new CreateBucketCommand({ Bucket: names.witness, ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: names.witness,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } },
      }),
    );
    roleArn = (await iam.send(new CreateRoleCommand({ RoleName: names.role, AssumeRolePolicyDocument: trust('transcribe.amazonaws.com') })))
      .Role!.Arn!;
    await logs.send(new CreateLogGroupCommand({ logGroupName: names.logGroup }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: names.logGroup, retentionInDays: 2192 }));
    stub = await healthScribeStub();

    pgTest = await createPgTestDatabase(stackConfig.postgres.url);
    db = createPgDatabase({ url: pgTest.url, schema: READINESS_SCHEMA, role: names.dbRole, poolSize: 2, logger });
    bus = createMemoryEventBus();
    gateSub = await subscribeGateView({ bus, view, service: 'int' });
    probes = createLiveProbes(db, {
      region: aws.region,
      endpoint: aws.endpoint,
      healthscribeEndpoint: stub.url,
      inputBucket: names.input,
      outputBucket: names.output,
      kmsKeyArn: keyArn,
      dataAccessRoleArn: roleArn,
      auditLogGroup: names.logGroup,
      auditWitnessBucket: names.witness,
      auditWitnessMinRetentionDays: 2192,
      timeoutMs: 5_000,
      credentials: aws.credentials,
    });
    service = await startReadinessService({
      bus,
      db,
      logger,
      partitions: 1,
      role: names.dbRole,
      probes,
      env: {
        configured: configuredEnv({
          AWS_REGION: 'x',
          AWS_HEALTHSCRIBE_INPUT_BUCKET: 'x',
          AWS_HEALTHSCRIBE_OUTPUT_BUCKET: 'x',
          AWS_HEALTHSCRIBE_KMS_KEY_ARN: 'x',
          AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: 'x',
          AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: 'x',
        }),
        databaseConfigured: true,
        productionAuthConfigured: true,
        demoStorageOnly: false,
      },
      tenants: [
        {
          id: names.tenant,
          displayName: 'Readiness Int EMS',
          settings: initialTenantSettings({
            baaExecuted: true,
            baaEvidenceRef: 'vault://legal/baa/int',
            phiStorageEnabled: true,
            recordingStorageEnabled: true,
            reportStorageEnabled: true,
            dataUseContractRef: 'contract:int',
            retentionPolicy: { audio_recordings: 30, transcripts: 30, narratives_reports: 30, reference_material: 30, ai_artifacts: 30 },
            modelProfileId: 'int-model',
            retrievalIndexId: 'int-index',
          }),
        },
      ],
      timings: { publishIntervalMs: 200, probeIntervalMs: 300_000 },
    });
    await heartbeat();
  });

  afterAll(async () => {
    await gateSub?.close();
    await service?.stop();
    probes?.close();
    await bus?.close();
    await db?.close();
    await pgTest?.drop([names.dbRole]);
    stub?.server.close();
  });

  it('given every resource in place, when probed, then all seven gates are ready and the owner can enable PHI mode', async () => {
    await expect.poll(() => view.current(names.tenant)?.halted === false, { timeout: 5_000, interval: 25 }).toBe(true);
    for (const id of ['baa', 's3_storage', 'kms', 'database', 'iam_rbac', 'audit', 'healthscribe'] as const)
      expect(gate(id)?.status, id).toBe('ready');
    const owner = { userId: randomUUID(), role: 'owner' as const, requestId: randomUUID() };
    expect((await service.setPhiMode(owner, names.tenant, 'enabled')).phiMode).toBe('enabled');
    await expect.poll(() => view.decide(names.tenant, { phi: true }).allowed, { timeout: 5_000, interval: 25 }).toBe(true);
  });

  it(
    'given PHI mode on, when the public access block is removed, then s3_storage is no longer ready, its line says why, PHI ' +
      'mode drops; restoring it restores both',
    async () => {
      await s3.send(new DeletePublicAccessBlockCommand({ Bucket: names.output }));
      await reprobe();
      await heartbeat();
      await expect.poll(() => gate('s3_storage')?.status === 'planned', { timeout: 5_000, interval: 25 }).toBe(true);
      expect(gate('s3_storage')?.evidence).toContainEqual({ code: 'buckets_public_access_blocked', ok: false, value: false });
      expect(view.decide(names.tenant, { phi: true })).toEqual({ allowed: false, reason: 'phi_mode_disabled' });
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket: names.output,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        }),
      );
      await reprobe();
      await heartbeat();
      await expect.poll(() => view.decide(names.tenant, { phi: true }).allowed, { timeout: 5_000, interval: 25 }).toBe(true);
    },
  );

  it('given PHI mode on, when key rotation is disabled, then kms drops and says rotation is off', async () => {
    await kms.send(new DisableKeyRotationCommand({ KeyId: keyArn }));
    await reprobe();
    await expect.poll(() => gate('kms')?.status === 'planned', { timeout: 5_000, interval: 25 }).toBe(true);
    expect(gate('kms')?.evidence).toContainEqual({ code: 'kms_key_rotation_enabled', ok: false, value: false });
    expect(view.current(names.tenant)?.phiMode).toBe('disabled');
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyArn }));
    await reprobe();
    await heartbeat();
    await expect.poll(() => gate('kms')?.status === 'ready', { timeout: 5_000, interval: 25 }).toBe(true);
  });

  it(
    "when the audit witness bucket's default retention becomes GOVERNANCE (bypassable), then audit drops and says so; " +
      'COMPLIANCE restores it',
    async () => {
      const lock = (Mode: 'GOVERNANCE' | 'COMPLIANCE') =>
        s3.send(
          new PutObjectLockConfigurationCommand({
            Bucket: names.witness,
            ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode, Days: 2192 } } },
          }),
        );
      expect(gate('audit')?.evidence).toContainEqual({ code: 'audit_witness_object_lock', ok: true, value: true });
      await lock('GOVERNANCE');
      await reprobe();
      await heartbeat();
      await expect.poll(() => gate('audit')?.status === 'planned', { timeout: 5_000, interval: 25 }).toBe(true);
      expect(gate('audit')?.evidence).toContainEqual({ code: 'audit_witness_object_lock', ok: false, value: false });
      await lock('COMPLIANCE');
      await reprobe();
      await heartbeat();
      await expect.poll(() => gate('audit')?.status === 'ready', { timeout: 5_000, interval: 25 }).toBe(true);
    },
  );

  it(
    'when the lifecycle rule goes, the role stops trusting transcribe, or the log group loses retention, then the matching ' +
      'gate drops with its line',
    async () => {
      await s3.send(new DeleteBucketLifecycleCommand({ Bucket: names.input }));
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: names.role, PolicyDocument: trust('ec2.amazonaws.com') }));
      await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: names.logGroup }));
      await reprobe();
      await heartbeat();
      await expect.poll(() => gate('audit')?.status === 'planned', { timeout: 5_000, interval: 25 }).toBe(true);
      expect(gate('s3_storage')?.evidence).toContainEqual({ code: 'buckets_lifecycle_rule', ok: false, value: false });
      expect(gate('iam_rbac')).toMatchObject({ status: 'planned' });
      expect(gate('iam_rbac')?.evidence).toContainEqual({ code: 'data_access_role_trusts_transcribe', ok: false, value: false });
      expect(gate('audit')?.evidence).toContainEqual({ code: 'audit_log_group_exists', ok: false, value: false });
    },
  );

  it('when a tenant table stops forcing RLS, then the database gate drops', async () => {
    expect(gate('database')?.status).toBe('ready');
    await db.admin((tx) => tx.query(`ALTER TABLE ${READINESS_SCHEMA}.tenant_settings NO FORCE ROW LEVEL SECURITY`));
    await reprobe();
    await heartbeat();
    await expect.poll(() => gate('database')?.status === 'planned', { timeout: 5_000, interval: 25 }).toBe(true);
    expect(gate('database')?.evidence).toContainEqual({ code: 'database_rls_forced', ok: false, value: false });
    await db.admin((tx) => tx.query(`ALTER TABLE ${READINESS_SCHEMA}.tenant_settings FORCE ROW LEVEL SECURITY`));
  });

  it('classifies HealthScribe failures through the real SDK: service error, bad credentials, unreachable endpoint', async () => {
    const only = (healthscribeEndpoint: string) =>
      createLiveProbes(db, {
        region: aws.region,
        endpoint: aws.endpoint,
        healthscribeEndpoint,
        inputBucket: undefined,
        outputBucket: undefined,
        kmsKeyArn: undefined,
        dataAccessRoleArn: undefined,
        auditLogGroup: undefined,
        timeoutMs: 2_000,
        credentials: aws.credentials,
      });
    const run = async (endpoint: string) => {
      const p = only(endpoint);
      try {
        return (await p.run()).healthscribeReachable;
      } finally {
        p.close();
      }
    };
    expect(await run(stub.url)).toEqual({ ok: true });
    stub.answer.status = 500;
    stub.answer.body = { __type: 'InternalFailureException', Message: 'boom' };
    expect(await run(stub.url)).toEqual({ ok: false, reason: 'error' });
    stub.answer.status = 400;
    stub.answer.body = { __type: 'UnrecognizedClientException', message: 'bad token' };
    expect(await run(stub.url)).toEqual({ ok: false, reason: 'access_denied' });
    stub.answer.body = { __type: 'LimitExceededException', Message: 'slow down' };
    expect(await run(stub.url)).toEqual({ ok: true });
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    expect(await run(`http://127.0.0.1:${closed}`)).toEqual({ ok: false, reason: 'unreachable' });
    stub.answer.status = 200;
    stub.answer.body = { MedicalScribeJobSummaries: [] };
  });
});

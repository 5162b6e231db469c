import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Database } from '@medicdraft/platform';
import { probeAuditGuards } from './audit-guards.probe.js';
import { probeAuditLogGroup } from './audit-log-group.probe.js';
import { probeAuditWitness } from './audit-witness.probe.js';
import { probeBedrockModel } from './bedrock.probe.js';
import { probeBuckets } from './s3-buckets.probe.js';
import { probeDatabaseRls } from './database-rls.probe.js';
import { probeHealthScribe } from './healthscribe.probe.js';
import { probeDataAccessRole } from './iam-role.probe.js';
import { probeKmsKey } from './kms-key.probe.js';
import type { ReadinessProbes } from './readiness-probes.port.js';

export interface LiveProbeConfig {
  region: string | undefined;
  /** Endpoint override for S3, KMS, IAM and CloudWatch Logs (moto on the stack). */
  endpoint: string | undefined;
  /** Endpoint override for HealthScribe (the emulator on the stack); defaults to `endpoint`. */
  healthscribeEndpoint: string | undefined;
  inputBucket: string | undefined;
  outputBucket: string | undefined;
  kmsKeyArn: string | undefined;
  dataAccessRoleArn: string | undefined;
  auditLogGroup: string | undefined;
  /** AUDIT_WITNESS_BUCKET and the minimum COMPLIANCE retention its Object Lock default must have. */
  auditWitnessBucket?: string | undefined;
  auditWitnessMinRetentionDays?: number;
  /** The narrative drafting model (BEDROCK_MODEL_ID, its region and endpoint override); unset = not probed. */
  bedrock?: { modelId: string; region: string | undefined; endpoint: string | undefined } | undefined;
  /** Bound of each remote call. */
  timeoutMs: number;
  /** Explicit credentials (tests against moto); otherwise the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The stack's probes: AWS SDK v3 clients (S3 with path-style addressing when an endpoint is
 * overridden, as moto requires) and the RLS check on the service's Database. Without a region the
 * AWS probes have nothing to talk to and report `not_configured`. `close()` releases the clients.
 */
export function createLiveProbes(db: Database, cfg: LiveProbeConfig): ReadinessProbes & { close(): void } {
  const base = {
    ...(cfg.region === undefined ? {} : { region: cfg.region }),
    ...(cfg.endpoint === undefined ? {} : { endpoint: cfg.endpoint }),
    ...(cfg.credentials === undefined ? {} : { credentials: cfg.credentials }),
    maxAttempts: 1,
  };
  const aws = cfg.region !== undefined;
  const s3 = aws ? new S3Client({ ...base, forcePathStyle: cfg.endpoint !== undefined }) : undefined;
  const kms = aws ? new KMSClient(base) : undefined;
  const iam = aws ? new IAMClient(base) : undefined;
  const logs = aws ? new CloudWatchLogsClient(base) : undefined;
  const hsEndpoint = cfg.healthscribeEndpoint ?? cfg.endpoint;
  const transcribe = aws ? new TranscribeClient({ ...base, ...(hsEndpoint === undefined ? {} : { endpoint: hsEndpoint }) }) : undefined;
  const timeoutMs = cfg.timeoutMs;
  const model = cfg.bedrock;
  const bedrockRegion = model?.region ?? cfg.region;
  // HTTP/1.1 for a cleartext endpoint (the emulator); the SDK's HTTP/2 handler against AWS.
  const bedrock =
    model !== undefined && bedrockRegion !== undefined
      ? new BedrockRuntimeClient({
          maxAttempts: 1,
          region: bedrockRegion,
          ...(cfg.credentials === undefined ? {} : { credentials: cfg.credentials }),
          ...(model.endpoint === undefined ? {} : { endpoint: model.endpoint }),
          ...(model.endpoint?.startsWith('http://') ? { requestHandler: new NodeHttpHandler() } : {}),
        })
      : undefined;

  return {
    async run() {
      const key = await probeKmsKey(kms, { keyArn: cfg.kmsKeyArn, timeoutMs });
      const [
        buckets,
        databaseRlsForced,
        dataAccessRoleTrustsTranscribe,
        auditLogGroupWithRetention,
        auditTablesAppendOnly,
        auditWitnessObjectLock,
        healthscribeReachable,
        bedrockModelAccess,
      ] = await Promise.all([
        probeBuckets(s3, { inputBucket: cfg.inputBucket, outputBucket: cfg.outputBucket, acceptedKeys: key.acceptedKeys, timeoutMs }),
        probeDatabaseRls(db),
        probeDataAccessRole(iam, { roleArn: cfg.dataAccessRoleArn, timeoutMs }),
        probeAuditLogGroup(logs, { logGroup: cfg.auditLogGroup, timeoutMs }),
        probeAuditGuards(db),
        probeAuditWitness(s3, { bucket: cfg.auditWitnessBucket, minRetentionDays: cfg.auditWitnessMinRetentionDays ?? 2192, timeoutMs }),
        probeHealthScribe(transcribe, { timeoutMs }),
        probeBedrockModel(bedrock, { modelId: model?.modelId, timeoutMs }),
      ]);
      return {
        ...buckets,
        kmsKeyEnabled: key.kmsKeyEnabled,
        kmsKeyRotation: key.kmsKeyRotation,
        databaseRlsForced,
        dataAccessRoleTrustsTranscribe,
        auditLogGroupWithRetention,
        auditTablesAppendOnly,
        auditWitnessObjectLock,
        healthscribeReachable,
        bedrockModelAccess,
      };
    },
    close() {
      for (const client of [s3, kms, iam, logs, transcribe, bedrock]) client?.destroy();
    },
  };
}

/**
 * The embedded mode's probes: the sandbox truth. No AWS resource exists there (filesystem
 * objects, local keys, the synthetic engine), so every AWS probe is `not_configured`; the RLS
 * check runs for real against PGlite.
 */
export function createSandboxProbes(db: Database): ReadinessProbes {
  return createLiveProbes(db, {
    region: undefined,
    endpoint: undefined,
    healthscribeEndpoint: undefined,
    inputBucket: undefined,
    outputBucket: undefined,
    kmsKeyArn: undefined,
    dataAccessRoleArn: undefined,
    auditLogGroup: undefined,
    timeoutMs: 1_000,
  });
}

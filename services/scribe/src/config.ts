import { z } from 'zod';
import {
  awsConfigFrom,
  awsEnv,
  loadConfig,
  localStorageEnv,
  objectStoreConfigFrom,
  s3StorageProblems,
  redisEnv,
  serviceProcessConfigFrom,
  serviceProcessEnv,
} from '@medicdraft/platform';

const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const scribeEnv = {
  /** Job steps one worker process advances at once (scale out with more processes). */
  SCRIBE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** How often an idle worker looks for due jobs written by other workers. */
  SCRIBE_IDLE_POLL_MS: ms(5, 10_000, 100),
  /** Longest wait between two status polls of a running HealthScribe job. */
  SCRIBE_POLL_INTERVAL_MS: ms(10, 60_000, 2_000),
  /** Concurrent HealthScribe jobs across ALL workers (the account's Service Quota). */
  HEALTHSCRIBE_JOB_QUOTA: z.coerce.number().int().min(1).max(1_000).default(10),
  /** HealthScribe endpoint override (the emulator); unset = the AWS regional endpoint. */
  AWS_HEALTHSCRIBE_ENDPOINT_URL: z.url().optional(),
  /** Largest synthetic dictation text the synthetic engine reads (ingest's limit). */
  INGEST_MAX_TEXT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(4 * 1024 * 1024)
    .default(64 * 1024),
};

/** Every variable the scribe service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({
  ...serviceProcessEnv(3012, 9466),
  ...awsEnv,
  ...localStorageEnv,
  ...redisEnv,
  ...scribeEnv,
});

export type ScribeConfig = ReturnType<typeof loadScribeConfig>;

/** The only reader of `process.env` in the scribe service. Throws ConfigError listing every bad variable. */
export function loadScribeConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env, s3StorageProblems);
  const aws = awsConfigFrom(e);
  // HealthScribe runs only when everything a job needs is configured; otherwise the worker has the
  // synthetic engine alone and audio dictations (which need PHI mode) cannot be processed.
  const healthscribe =
    aws.region !== undefined &&
    aws.inputBucket !== undefined &&
    aws.outputBucket !== undefined &&
    aws.kmsKeyArn !== undefined &&
    aws.dataAccessRoleArn !== undefined
      ? {
          region: aws.region,
          endpoint: e.AWS_HEALTHSCRIBE_ENDPOINT_URL,
          quota: e.HEALTHSCRIBE_JOB_QUOTA,
          target: {
            inputBucket: aws.inputBucket,
            outputBucket: aws.outputBucket,
            kmsKeyArn: aws.kmsKeyArn,
            dataAccessRoleArn: aws.dataAccessRoleArn,
          },
        }
      : undefined;
  return {
    ...serviceProcessConfigFrom(e, 'scribe'),
    redis: { url: e.REDIS_URL, prefix: e.REDIS_KEY_PREFIX },
    objects: objectStoreConfigFrom(aws, e.DATA_DIR),
    healthscribe,
    worker: {
      concurrency: e.SCRIBE_CONCURRENCY,
      idlePollMs: e.SCRIBE_IDLE_POLL_MS,
      policy: { pollIntervalMs: e.SCRIBE_POLL_INTERVAL_MS },
      maxTextBytes: e.INGEST_MAX_TEXT_BYTES,
    },
  };
}

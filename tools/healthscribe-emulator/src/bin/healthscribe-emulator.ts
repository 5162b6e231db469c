#!/usr/bin/env node
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { startHealthscribeEmulator } from '../emulator-server.js';

/**
 * `healthscribe-emulator`: runs the emulator as a process for the stack and e2e tests.
 * S3/KMS come from AWS_ENDPOINT_URL (moto on the stack) with the usual credential chain.
 */
const Env = z.object({
  HEALTHSCRIBE_EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  HEALTHSCRIBE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(25100),
  HEALTHSCRIBE_EMULATOR_QUEUED_MS: z.coerce.number().int().min(0).default(20),
  HEALTHSCRIBE_EMULATOR_IN_PROGRESS_MS: z.coerce.number().int().min(0).default(100),
  HEALTHSCRIBE_EMULATOR_MAX_ACTIVE_JOBS: z.coerce.number().int().min(1).optional(),
  HEALTHSCRIBE_EMULATOR_OUTPUT_URI_STYLE: z.enum(['s3', 'https-path', 'https-virtual']).default('https-path'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  AWS_ENDPOINT_URL: z.url().optional(),
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  console.error(`healthscribe-emulator: invalid configuration\n${z.prettifyError(parsed.error)}`);
  process.exit(2);
}
const env = parsed.data;
const aws = { region: env.AWS_REGION, ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}) };
const s3 = new S3Client({ ...aws, forcePathStyle: env.AWS_ENDPOINT_URL !== undefined });
const kms = new KMSClient(aws);

const emulator = await startHealthscribeEmulator({
  host: env.HEALTHSCRIBE_EMULATOR_HOST,
  port: env.HEALTHSCRIBE_EMULATOR_PORT,
  s3,
  kms,
  region: env.AWS_REGION,
  outputUriStyle: env.HEALTHSCRIBE_EMULATOR_OUTPUT_URI_STYLE,
  timing: { queuedMs: env.HEALTHSCRIBE_EMULATOR_QUEUED_MS, inProgressMs: env.HEALTHSCRIBE_EMULATOR_IN_PROGRESS_MS },
  ...(env.HEALTHSCRIBE_EMULATOR_MAX_ACTIVE_JOBS ? { maxActiveJobs: env.HEALTHSCRIBE_EMULATOR_MAX_ACTIVE_JOBS } : {}),
});
console.log(JSON.stringify({ msg: 'healthscribe emulator listening', url: emulator.url }));

const stop = () => {
  void emulator.close().then(() => {
    s3.destroy();
    kms.destroy();
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

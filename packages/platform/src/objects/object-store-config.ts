import { join } from 'node:path';
import type { AwsConfig } from '../config/env-shapes.js';
import type { Owned } from '../runtime/resource-scope.js';
import { createLocalKeyService } from '../keys/local-key-service.js';
import { loadOrCreateLocalMasterKey } from '../keys/local-master-key.js';
import { createFsObjectStore } from './fs-object-store.js';
import type { ObjectStore } from './object-store.port.js';

/**
 * Where dictation objects live: S3 with SSE-KMS when the input/output buckets and the KMS key are
 * all configured, otherwise the sandbox filesystem store under DATA_DIR (seed 000: "demo storage
 * only"). Every service that reads or writes objects (ingest, scribe, narrative) selects the same way.
 */
export type ObjectStoreConfig =
  | { kind: 's3'; region: string | undefined; endpoint: string | undefined; buckets: { input: string; output: string }; kmsKeyArn: string }
  | { kind: 'filesystem'; rootDir: string; masterKeyPath: string };

/** Filesystem layout shared by the services and the embedded mode. */
export function localObjectPaths(dataDir: string): { rootDir: string; masterKeyPath: string } {
  return { rootDir: join(dataDir, 'objects'), masterKeyPath: join(dataDir, 'keys', 'local-master.key') };
}

const S3_VARIABLES = ['AWS_HEALTHSCRIBE_INPUT_BUCKET', 'AWS_HEALTHSCRIBE_OUTPUT_BUCKET', 'AWS_HEALTHSCRIBE_KMS_KEY_ARN'] as const;

/**
 * S3 storage is all three variables or none: half of them is a mistake to report at start-up,
 * never a silent fall-back to the filesystem store (`loadConfig`'s `alsoCheck`).
 */
export function s3StorageProblems(env: Record<string, string | undefined>): string[] {
  const isSet = (name: string) => (env[name] ?? '') !== '';
  const set = S3_VARIABLES.filter(isSet);
  if (set.length === 0 || set.length === S3_VARIABLES.length) return [];
  return S3_VARIABLES.filter((n) => !isSet(n)).map((n) => `${n}: required for S3 storage once ${set.join(', ')} is set`);
}

export function objectStoreConfigFrom(aws: AwsConfig, dataDir: string): ObjectStoreConfig {
  return aws.inputBucket !== undefined && aws.outputBucket !== undefined && aws.kmsKeyArn !== undefined
    ? {
        kind: 's3',
        region: aws.region,
        endpoint: aws.endpoint,
        buckets: { input: aws.inputBucket, output: aws.outputBucket },
        kmsKeyArn: aws.kmsKeyArn,
      }
    : { kind: 'filesystem', ...localObjectPaths(dataDir) };
}

/** Opens the configured store; `close` releases the S3 client (call it after the service stopped). */
export async function openObjectStore(config: ObjectStoreConfig): Promise<Owned<ObjectStore>> {
  if (config.kind === 's3') {
    const { region, endpoint, buckets, kmsKeyArn } = config;
    // Loaded only here, so a program on the filesystem store never loads the AWS SDK.
    const [{ S3Client }, { createS3ObjectStore }] = await Promise.all([import('@aws-sdk/client-s3'), import('./s3-object-store.js')]);
    // Path-style addressing for a custom endpoint (moto, MinIO); virtual-hosted for real AWS.
    const client = new S3Client({
      ...(region === undefined ? {} : { region }),
      ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
    });
    return { resource: createS3ObjectStore({ client, buckets, kmsKeyId: kmsKeyArn }), close: async () => client.destroy() };
  }
  const key = await loadOrCreateLocalMasterKey(config.masterKeyPath);
  return { resource: createFsObjectStore({ rootDir: config.rootDir, keys: createLocalKeyService(key) }), close: async () => undefined };
}

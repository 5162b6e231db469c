import { NARRATIVE_TEMPLATES } from '@medicdraft/contracts';
import { z } from 'zod';
import {
  databaseEnv,
  httpEnv,
  opsEnv,
  kafkaConfigFrom,
  kafkaEnv,
  loadConfig,
  logEnv,
  shutdownEnv,
  awsConfigFrom,
  awsEnv,
  localStorageEnv,
  objectStoreConfigFrom,
  s3StorageProblems,
} from '@medicdraft/platform';

const MIB = 1024 * 1024;

const narrativeEnv = {
  /** Template of new narratives until a tenant chooses another (DRAATT by default). */
  NARRATIVE_DEFAULT_TEMPLATE: z.enum(NARRATIVE_TEMPLATES).default('DRAATT'),
  /** Largest HealthScribe output document the service reads (each of the two files). */
  NARRATIVE_MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * MIB)
    .default(32 * MIB),
  /** Longest ESO-ready text a copy may produce (the ePCR narrative field's limit); longer is refused, never truncated. */
  NARRATIVE_COPY_MAX_CHARS: z.coerce.number().int().min(200).max(1_000_000).default(10_000),
};

/** Every variable the narrative service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({
  ...logEnv,
  ...httpEnv(3013),
  ...opsEnv(9467),
  ...kafkaEnv,
  ...databaseEnv,
  ...shutdownEnv,
  ...awsEnv,
  ...localStorageEnv,
  ...narrativeEnv,
});

export type NarrativeConfig = ReturnType<typeof loadNarrativeConfig>;

/** The only reader of `process.env` in the narrative service. Throws ConfigError listing every bad variable. */
export function loadNarrativeConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env, s3StorageProblems);
  const aws = awsConfigFrom(e);
  return {
    logLevel: e.LOG_LEVEL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    ops: { host: e.OPS_HOST, port: e.OPS_PORT },
    kafka: kafkaConfigFrom(e, 'narrative'),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    /** Same storage as ingest and scribe: the narrative reads their outputs and stores its content beside them. */
    objects: objectStoreConfigFrom(aws, e.DATA_DIR),
    narrative: {
      defaultTemplate: e.NARRATIVE_DEFAULT_TEMPLATE,
      maxDocumentBytes: e.NARRATIVE_MAX_DOCUMENT_BYTES,
      copyMaxChars: e.NARRATIVE_COPY_MAX_CHARS,
    },
  };
}

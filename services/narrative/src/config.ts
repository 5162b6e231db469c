import { NARRATIVE_DRAFTERS, NARRATIVE_TEMPLATES } from '@medicdraft/contracts';
import { z } from 'zod';
import {
  ConfigError,
  loadConfig,
  awsConfigFrom,
  awsEnv,
  bedrockConfigFrom,
  bedrockEnv,
  localStorageEnv,
  objectStoreConfigFrom,
  s3StorageProblems,
  serviceProcessConfigFrom,
  serviceProcessEnv,
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
  /** Who drafts narratives: the rule engine (default, needs nothing) or a model on Amazon Bedrock behind the grounding verifier. */
  NARRATIVE_DRAFTER: z.enum(NARRATIVE_DRAFTERS).default('deterministic'),
  /** Bound of one model call (with the SDK's retries); past it the rule draft is used. */
  BEDROCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Attempts per model call (1 = no retry); throttling is retried with the SDK's backoff. */
  BEDROCK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(2),
  /** Share of refused sentences above which a model draft is discarded for the rule draft. */
  BEDROCK_MAX_REJECTION_RATE: z.coerce.number().min(0).max(1).default(0.2),
};

/** Every variable the narrative service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({
  ...serviceProcessEnv(3013, 9467),
  ...awsEnv,
  ...bedrockEnv,
  ...localStorageEnv,
  ...narrativeEnv,
});

export type NarrativeConfig = ReturnType<typeof loadNarrativeConfig>;

/** The only reader of `process.env` in the narrative service. Throws ConfigError listing every bad variable. */
export function loadNarrativeConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env, s3StorageProblems);
  const bedrock = bedrockConfigFrom(e);
  if (e.NARRATIVE_DRAFTER === 'bedrock' && bedrock === undefined)
    throw new ConfigError(['BEDROCK_MODEL_ID: required when NARRATIVE_DRAFTER=bedrock']);
  if (e.NARRATIVE_DRAFTER === 'bedrock' && bedrock?.region === undefined)
    throw new ConfigError(['BEDROCK_REGION: required when NARRATIVE_DRAFTER=bedrock (or set AWS_REGION)']);
  const aws = awsConfigFrom(e);
  return {
    ...serviceProcessConfigFrom(e, 'narrative'),
    /** Same storage as ingest and scribe: the narrative reads their outputs and stores its content beside them. */
    objects: objectStoreConfigFrom(aws, e.DATA_DIR),
    narrative: {
      defaultTemplate: e.NARRATIVE_DEFAULT_TEMPLATE,
      maxDocumentBytes: e.NARRATIVE_MAX_DOCUMENT_BYTES,
      copyMaxChars: e.NARRATIVE_COPY_MAX_CHARS,
    },
    drafting:
      e.NARRATIVE_DRAFTER === 'bedrock' && bedrock !== undefined
        ? {
            drafter: 'bedrock' as const,
            modelId: bedrock.modelId,
            region: bedrock.region,
            endpoint: bedrock.endpoint,
            timeoutMs: e.BEDROCK_TIMEOUT_MS,
            maxAttempts: e.BEDROCK_MAX_ATTEMPTS,
            maxRejectionRate: e.BEDROCK_MAX_REJECTION_RATE,
          }
        : { drafter: 'deterministic' as const },
  };
}

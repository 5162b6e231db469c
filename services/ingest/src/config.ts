import { z } from 'zod';
import {
  loadConfig,
  awsConfigFrom,
  awsEnv,
  createIncidentKeyer,
  incidentKeyEnv,
  localStorageEnv,
  objectStoreConfigFrom,
  s3StorageProblems,
  serviceProcessConfigFrom,
  serviceProcessEnv,
} from '@medicdraft/platform';

const MIB = 1024 * 1024;

const DAY_MS = 24 * 3_600_000;

/** Intake limits when INGEST_MAX_* and INGEST_DEDUPE_WINDOW_MS are unset (also the embedded mode's limits). */
export const DEFAULT_INTAKE_LIMITS = { maxAudioBytes: 256 * MIB, maxTextBytes: 64 * 1024, dedupeWindowMs: DAY_MS } as const;

const ingestEnv = {
  /** Largest accepted audio upload; HealthScribe's own batch limit is 2 GiB. */
  INGEST_MAX_AUDIO_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(2048 * MIB)
    .default(DEFAULT_INTAKE_LIMITS.maxAudioBytes),
  /** Largest accepted synthetic dictation text (UTF-8 bytes of the text itself). */
  INGEST_MAX_TEXT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(4 * MIB)
    .default(DEFAULT_INTAKE_LIMITS.maxTextBytes),
  /**
   * How long the same content from the same provider maps to the dictation already stored (no new
   * dictation, no second transcription job); 0 turns the check off.
   */
  INGEST_DEDUPE_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * DAY_MS)
    .default(DEFAULT_INTAKE_LIMITS.dedupeWindowMs),
};

/** Every variable the ingest service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({
  ...serviceProcessEnv(3011, 9465),
  ...awsEnv,
  ...localStorageEnv,
  ...incidentKeyEnv,
  ...ingestEnv,
});

export type IngestConfig = ReturnType<typeof loadIngestConfig>;

/** The only reader of `process.env` in the ingest service. Throws ConfigError listing every bad variable. */
export function loadIngestConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env, s3StorageProblems);
  const aws = awsConfigFrom(e);
  return {
    ...serviceProcessConfigFrom(e, 'ingest'),
    aws,
    dataDir: e.DATA_DIR,
    limits: { maxAudioBytes: e.INGEST_MAX_AUDIO_BYTES, maxTextBytes: e.INGEST_MAX_TEXT_BYTES, dedupeWindowMs: e.INGEST_DEDUPE_WINDOW_MS },
    /** Keys ePCR incident numbers for events; absent when INCIDENT_KEY_SECRET is unset (numbers are then refused). */
    incidentKey: e.INCIDENT_KEY_SECRET === undefined ? undefined : createIncidentKeyer(e.INCIDENT_KEY_SECRET),
    /** S3 + SSE-KMS when the buckets and key are all set, else the sandbox filesystem store. */
    objects: objectStoreConfigFrom(aws, e.DATA_DIR),
  };
}

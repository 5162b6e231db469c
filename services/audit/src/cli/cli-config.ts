import { z } from 'zod';
import { awsConfigFrom, awsEnv, databaseEnv, kafkaClientEnv, kafkaSaslFrom, loadConfig } from '@medicdraft/platform';
import { auditEnv } from '../config.js';
import { DEFAULT_UNANCHORED_MAX_MS } from './verify-command.js';

const schema = z.object({
  DATABASE_URL: databaseEnv.DATABASE_URL.optional(),
  ...kafkaClientEnv,
  AUDIT_WITNESS_BUCKET: auditEnv.AUDIT_WITNESS_BUCKET,
  /** Only verify reads it: how old a record no anchored checkpoint covers may be (`unanchored_tail`). */
  AUDIT_UNANCHORED_MAX_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(7 * 86_400_000)
    .default(DEFAULT_UNANCHORED_MAX_MS),
  ...awsEnv,
});

/** The CLI's environment: where the audit database and the Kafka cluster are (flags override). */
export function loadCliConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  const kafkaSasl = kafkaSaslFrom(e);
  return {
    databaseUrl: e.DATABASE_URL,
    kafkaBrokers: e.KAFKA_BROKERS,
    kafkaTopicPrefix: e.KAFKA_TOPIC_PREFIX,
    kafkaSsl: e.KAFKA_SSL,
    ...(kafkaSasl === undefined ? {} : { kafkaSasl }),
    witnessBucket: e.AUDIT_WITNESS_BUCKET,
    unanchoredMaxMs: e.AUDIT_UNANCHORED_MAX_MS,
    aws: awsConfigFrom(e),
  };
}
export type CliConfig = ReturnType<typeof loadCliConfig>;

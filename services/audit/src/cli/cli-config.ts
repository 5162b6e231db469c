import { z } from 'zod';
import { awsConfigFrom, awsEnv, databaseEnv, kafkaEnv, kafkaSaslFrom, loadConfig } from '@medicdraft/platform';
import { auditEnv } from '../config.js';
import { DEFAULT_UNANCHORED_MAX_MS } from './verify-command.js';

const schema = z.object({
  DATABASE_URL: databaseEnv.DATABASE_URL.optional(),
  KAFKA_BROKERS: kafkaEnv.KAFKA_BROKERS,
  KAFKA_TOPIC_PREFIX: kafkaEnv.KAFKA_TOPIC_PREFIX,
  KAFKA_SASL_MECHANISM: kafkaEnv.KAFKA_SASL_MECHANISM,
  KAFKA_SASL_USERNAME: kafkaEnv.KAFKA_SASL_USERNAME,
  KAFKA_SASL_PASSWORD: kafkaEnv.KAFKA_SASL_PASSWORD,
  KAFKA_SSL: kafkaEnv.KAFKA_SSL,
  AUDIT_WITNESS_BUCKET: auditEnv.AUDIT_WITNESS_BUCKET,
  /** Only verify reads it: how old a record no anchored checkpoint covers may be (`unanchored_tail`). */
  AUDIT_UNANCHORED_MAX_MS: z.coerce.number().int().min(1_000).max(7 * 86_400_000).default(DEFAULT_UNANCHORED_MAX_MS),
  ...awsEnv,
});

/** The CLI's environment: where the audit database and the Kafka cluster are (flags override). */
export function loadCliConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  const kafkaSasl = kafkaSaslFrom(e);
  return {
    databaseUrl: e.DATABASE_URL, kafkaBrokers: e.KAFKA_BROKERS, kafkaTopicPrefix: e.KAFKA_TOPIC_PREFIX, kafkaSsl: e.KAFKA_SSL,
    ...(kafkaSasl === undefined ? {} : { kafkaSasl }),
    witnessBucket: e.AUDIT_WITNESS_BUCKET, unanchoredMaxMs: e.AUDIT_UNANCHORED_MAX_MS, aws: awsConfigFrom(e),
  };
}
export type CliConfig = ReturnType<typeof loadCliConfig>;

import { z } from 'zod';
import { databaseEnv, kafkaEnv, loadConfig } from '@medicdraft/platform';

const schema = z.object({
  DATABASE_URL: databaseEnv.DATABASE_URL.optional(),
  KAFKA_BROKERS: kafkaEnv.KAFKA_BROKERS,
  KAFKA_TOPIC_PREFIX: kafkaEnv.KAFKA_TOPIC_PREFIX,
});

/** The CLI's environment: where the audit database and the Kafka cluster are (flags override). */
export function loadCliConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return { databaseUrl: e.DATABASE_URL, kafkaBrokers: e.KAFKA_BROKERS, kafkaTopicPrefix: e.KAFKA_TOPIC_PREFIX };
}
export type CliConfig = ReturnType<typeof loadCliConfig>;

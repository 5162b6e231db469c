import { z } from 'zod';
import { kafkaClientEnv, kafkaSaslFrom } from '../../config/env-shapes.js';
import { loadConfig } from '../../config/load-config.js';

const schema = z.object({
  ...kafkaClientEnv,
  /** How service principals are named; `{service}` is replaced by the service name. */
  KAFKA_PRINCIPAL_TEMPLATE: z
    .string()
    .regex(/^[\w.@-]*\{service\}[\w.@-]*$/, 'expected a user name containing {service}')
    .default('medicdraft-{service}'),
});

/**
 * The only reader of `process.env` in the ACL command. The KAFKA_SASL_* variables here are the
 * administrator's (a super user), not a service's.
 */
export function loadKafkaAclsConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  const sasl = kafkaSaslFrom(e);
  return {
    brokers: e.KAFKA_BROKERS,
    topicPrefix: e.KAFKA_TOPIC_PREFIX,
    principalTemplate: e.KAFKA_PRINCIPAL_TEMPLATE,
    ssl: e.KAFKA_SSL,
    ...(sasl === undefined ? {} : { sasl }),
  };
}

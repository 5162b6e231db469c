import { Kafka, logLevel, type LogEntry, type RetryOptions, type SASLOptions } from 'kafkajs';
import type { KafkaSasl } from '../config/env-shapes.js';
import { AppError, BusAccessDeniedError, DependencyUnavailableError, PayloadTooLargeError, isAppError } from '../errors.js';
import type { BusLogger } from './record-dispatch.js';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger?: BusLogger;
  /** TCP connect timeout per attempt. Default 3000 ms. */
  connectionTimeoutMs?: number;
  /** Per-request timeout. Default 30000 ms (kafkajs's). */
  requestTimeoutMs?: number;
  /**
   * Retry budget of every client call: how long publish/ensureTopics keep trying before
   * DependencyUnavailableError. Defaults: 5 retries, 100 ms initial, 5 s max per wait.
   */
  retry?: Pick<RetryOptions, 'retries' | 'initialRetryTime' | 'maxRetryTime'>;
  /**
   * Prepended to every topic name on the broker (KAFKA_TOPIC_PREFIX), so several deployments or
   * test runs share one cluster without reading each other's records. Handlers see unprefixed names.
   */
  topicPrefix?: string;
  /** The service's principal (SASL); absent for a broker without authentication. */
  sasl?: KafkaSasl;
  /** TLS to the brokers, verified against the system CAs. */
  ssl?: boolean;
}

/** The one place the password leaves its Secret: handed to kafkajs, which never logs it. */
function saslOptions(sasl: KafkaSasl): SASLOptions {
  const credentials = { username: sasl.username, password: sasl.password.reveal() };
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', ...credentials };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', ...credentials };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', ...credentials };
  }
}

/**
 * Retries are bounded on purpose (the port promises DependencyUnavailableError, not an endless
 * wait), and the bus replaces its producer after a failed send to keep sequence numbers sound.
 */
const BOUNDED_RETRIES_WARNING = 'Limiting retries for the idempotent producer';

export function kafkaRetry(opts: KafkaClientOptions): RetryOptions {
  return { retries: 5, initialRetryTime: 100, maxRetryTime: 5_000, ...opts.retry };
}

/**
 * kafkajs logs to the console by default; route it into the service logger (or nowhere).
 * INFO is skipped: kafkajs logs every pause/resume there, and holds pause partitions constantly.
 */
export function createKafkaClient(opts: KafkaClientOptions): Kafka {
  const logger = opts.logger;
  return new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    connectionTimeout: opts.connectionTimeoutMs ?? 3_000,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    retry: kafkaRetry(opts),
    ...(opts.sasl === undefined ? {} : { sasl: saslOptions(opts.sasl) }),
    ...(opts.ssl === true ? { ssl: true } : {}),
    logLevel: logger ? logLevel.WARN : logLevel.NOTHING,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        if (!logger || log.message.startsWith(BOUNDED_RETRIES_WARNING)) return;
        const { message, timestamp: _timestamp, ...fields } = log;
        const obj = { ...fields, component: `kafkajs.${namespace}` };
        if (level === logLevel.ERROR) logger.error(obj, message);
        else if (level === logLevel.WARN) logger.warn(obj, message);
        else if (level === logLevel.INFO) logger.info(obj, message);
        else logger.debug(obj, message);
      },
  });
}

const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
/** Broker answers meaning "this principal may not": no ACL allows the operation. */
const NOT_AUTHORIZED = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
]);

/**
 * Maps kafkajs failures onto the error hierarchy: the bus is "unavailable" unless the records
 * themselves are at fault, or the broker refused the client's credentials or permissions.
 */
export function toBusError(err: unknown): AppError {
  if (isAppError(err)) return err;
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    // An admin call answers per topic (KafkaJSAggregateError): one refused topic decides.
    const nested: unknown = (e as { errors?: unknown }).errors;
    const parts: unknown[] = [e, ...(Array.isArray(nested) ? (nested as unknown[]) : [])];
    for (const part of parts) {
      const type = (part as { type?: unknown }).type;
      if (typeof type === 'string' && TOO_LARGE.has(type)) return new PayloadTooLargeError('record batch exceeds the broker limit');
      if (typeof type === 'string' && NOT_AUTHORIZED.has(type)) return new BusAccessDeniedError('authorization', err);
      if ((part as { name?: unknown }).name === 'KafkaJSSASLAuthenticationError' || type === 'SASL_AUTHENTICATION_FAILED')
        return new BusAccessDeniedError('authentication', err);
    }
  }
  return new DependencyUnavailableError('kafka', err);
}

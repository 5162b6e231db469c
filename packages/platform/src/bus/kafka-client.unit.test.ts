import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSSASLAuthenticationError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { BusAccessDeniedError, DependencyUnavailableError, MalformedEventError, PayloadTooLargeError } from '../errors.js';
import { createKafkaClient, toBusError } from './kafka-client.js';
import type { BusLogger } from './record-dispatch.js';

describe('toBusError', () => {
  it('maps connection failures to DependencyUnavailableError, keeping the cause', () => {
    const cause = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED');
    const mapped = toBusError(cause);
    expect(mapped).toBeInstanceOf(DependencyUnavailableError);
    expect(mapped.cause).toBe(cause);
  });

  it('maps an oversized batch, even behind exhausted retries, to PayloadTooLargeError', () => {
    const tooLarge = new KafkaJSProtocolError({ message: 'too large', type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false } as never);
    const wrapped = new KafkaJSNumberOfRetriesExceeded(tooLarge, { retryCount: 5, retryTime: 100 } as never);
    expect(toBusError(wrapped)).toBeInstanceOf(PayloadTooLargeError);
  });

  it('maps a refused principal (ACL) or refused credentials to BusAccessDeniedError', () => {
    const denied = new KafkaJSProtocolError({
      message: 'Topic authorization failed',
      type: 'TOPIC_AUTHORIZATION_FAILED',
      code: 29,
      retriable: false,
    } as never);
    const mapped = toBusError(new KafkaJSNumberOfRetriesExceeded(denied, { retryCount: 1, retryTime: 100 } as never));
    expect(mapped).toBeInstanceOf(BusAccessDeniedError);
    expect(mapped).toMatchObject({ reason: 'authorization', code: 'bus_authorization_failed', retryable: true });
    const perTopic = Object.assign(new Error('create topics failed'), { name: 'KafkaJSAggregateError', errors: [denied] });
    expect(toBusError(perTopic)).toMatchObject({ reason: 'authorization' });
    const scram = new (KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error)(
      'SASL SCRAM SHA256 authentication failed',
    );
    expect(toBusError(scram)).toMatchObject({ reason: 'authentication', code: 'bus_authentication_failed' });
  });

  it('passes AppErrors through', () => {
    const err = new MalformedEventError('bad');
    expect(toBusError(err)).toBe(err);
  });
});

describe('createKafkaClient logging', () => {
  it('routes kafkajs logs to the given logger, object first', () => {
    const lines: [string, object, string | undefined][] = [];
    const logger: BusLogger = {
      debug: (o, m) => lines.push(['debug', o, m]),
      info: (o, m) => lines.push(['info', o, m]),
      warn: (o, m) => lines.push(['warn', o, m]),
      error: (o, m) => lines.push(['error', o, m]),
    };
    const kafka = createKafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'test', logger });
    kafka.logger().error('broker went away', { broker: '127.0.0.1:1' });
    kafka.logger().warn('Limiting retries for the idempotent producer may invalidate EoS guarantees');
    kafka.logger().info('Pausing fetching from 1 topics');
    expect(lines).toEqual([['error', expect.objectContaining({ broker: '127.0.0.1:1' }), 'broker went away']]);
  });
});

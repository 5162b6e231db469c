import { isAppError } from '../errors.js';
import { dlqTopic, type ConsumedRecord, type EventPublisher, type OutgoingRecord } from './event-bus.port.js';

const MAX_ERROR_MESSAGE = 1000;

/**
 * AppError messages are written PHI-free by contract; foreign errors (driver, parser) may echo
 * input, so only their class name leaves the process.
 */
export function describeFailure(err: unknown): { code: string; message: string } {
  if (isAppError(err)) return { code: err.code, message: err.message.slice(0, MAX_ERROR_MESSAGE) };
  const name = err instanceof Error ? err.name : typeof err;
  return { code: 'unhandled_error', message: `${name} (details withheld)` };
}

/**
 * The dead letter of a record: the original, byte for byte, for `dlq.<groupId>`, with the reason
 * and its origin in headers (`x-error-code`, `x-error-message`, `x-original-topic|partition|offset`).
 */
export function deadLetterOf(groupId: string, record: ConsumedRecord, err: unknown): { code: string; out: OutgoingRecord } {
  const { code, message } = describeFailure(err);
  return {
    code,
    out: {
      topic: dlqTopic(groupId),
      key: record.key ?? '',
      value: record.value,
      headers: {
        ...record.headers,
        'x-error-code': code,
        'x-error-message': message,
        'x-original-topic': record.topic,
        'x-original-partition': String(record.partition),
        'x-original-offset': record.offset,
      },
    },
  };
}

/** Sends a record's dead letter (`deadLetterOf`); resolves once the bus accepted it. Returns the reason code. */
export async function publishDeadLetter(publisher: EventPublisher, groupId: string, record: ConsumedRecord, err: unknown): Promise<string> {
  const { code, out } = deadLetterOf(groupId, record, err);
  await publisher.publish([out]);
  return code;
}

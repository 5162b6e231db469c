import { isAppError } from '../errors.js';
import { dlqTopic, type ConsumedRecord, type EventPublisher } from './event-bus.port.js';

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
 * Sends the original record, byte for byte, to `dlq.<groupId>` with the reason and its origin in
 * headers (`x-error-code`, `x-error-message`, `x-original-topic|partition|offset`). Resolves once
 * the bus accepted it; rejects like `publish`. Returns the reason code.
 */
export async function publishDeadLetter(publisher: EventPublisher, groupId: string, record: ConsumedRecord, err: unknown): Promise<string> {
  const { code, message } = describeFailure(err);
  await publisher.publish([{
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
  }]);
  return code;
}

import { contractError, contractErrorFromZod, parseJsonSafely, type ParseResult } from '../contract-error.js';
import { CONTROL_TOPICS, type ControlTopic } from '../topics.js';
import { ControlSchemas, type ControlMessageOf } from './control-registry.js';

/** Validates a control message of `topic`. Never throws; errors never echo input values. */
export function parseControlMessage<T extends ControlTopic>(topic: T, input: unknown): ParseResult<ControlMessageOf<T>> {
  if (!(CONTROL_TOPICS as readonly string[]).includes(topic)) {
    return { ok: false, error: contractError('unknown_type', 'unknown control topic') };
  }
  const result = ControlSchemas[topic].safeParse(input);
  return result.success
    ? { ok: true, value: result.data as ControlMessageOf<T> }
    : { ok: false, error: contractErrorFromZod(topic, result.error) };
}

/** Decodes a control record value (JSON text) and validates it. */
export function decodeControlMessage<T extends ControlTopic>(topic: T, json: string): ParseResult<ControlMessageOf<T>> {
  const decoded = parseJsonSafely(json);
  return decoded.ok ? parseControlMessage(topic, decoded.value) : decoded;
}

import type { ControlMessageOf } from './control/control-registry.js';
import type { DomainEvent } from './event-registry.js';
import { TOPICS, type ControlTopic, type TopicKeySource } from './topics.js';

function readKey(message: object, source: TopicKeySource): string {
  const [head, tail] = source.split('.') as [string, string | undefined];
  const outer = (message as Record<string, unknown>)[head];
  const value = tail === undefined ? outer : (outer as Record<string, unknown> | undefined)?.[tail];
  // The registry and the schemas are kept in step by tests; a miss here is a programming error.
  if (typeof value !== 'string') throw new TypeError(`message has no key at ${source}`);
  return value;
}

/** The Kafka key of a domain event, as declared by `TOPICS[type].key` (dictation id where there is one). */
export function eventKey(event: DomainEvent): string {
  return readKey(event, TOPICS[event.type].key.source);
}

/** The Kafka key of a control message (tenant id or `*`, instance id). */
export function controlKey<T extends ControlTopic>(topic: T, message: ControlMessageOf<T>): string {
  return readKey(message, TOPICS[topic].key.source);
}

/**
 * The one way a producer turns a domain event into a bus record: topic = the event's type, key as
 * the topic registry declares it, value = the event's JSON. Also carries the event id and tenant,
 * which the outbox stores beside the record (idempotency key, row-level security), so the same
 * record goes to `publish` or to `appendToOutbox`.
 */
export function toRecord(event: DomainEvent): { id: string; tenantId: string; topic: DomainEvent['type']; key: string; value: string } {
  return { id: event.id, tenantId: event.tenantId, topic: event.type, key: eventKey(event), value: JSON.stringify(event) };
}

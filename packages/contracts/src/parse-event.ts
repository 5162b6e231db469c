import { contractError, contractErrorFromZod, isPlainObject, parseJsonSafely, type ParseResult } from './contract-error.js';
import type { Actor } from './envelope.js';
import { EventSchemas, isEventType, type DomainEvent, type EventOf, type EventType, type PayloadOf } from './event-registry.js';

/**
 * Validates an already-decoded message as a domain event. Never throws; errors carry paths and
 * issue codes only (no input values, see contract-error.ts). With `expectedType` (the topic the
 * record came from), an event of another type is rejected as `type_mismatch`.
 */
export function parseEvent(input: unknown): ParseResult<DomainEvent>;
export function parseEvent<T extends EventType>(input: unknown, expectedType: T): ParseResult<EventOf<T>>;
export function parseEvent(input: unknown, expectedType?: EventType): ParseResult<DomainEvent> {
  if (!isPlainObject(input)) return { ok: false, error: contractError('not_an_object', 'event is not a JSON object') };
  const type = input['type'];
  if (!isEventType(type)) return { ok: false, error: contractError('unknown_type', 'event type is missing or unknown') };
  if (expectedType !== undefined && type !== expectedType) {
    return { ok: false, error: contractError('type_mismatch', `event type does not match topic ${expectedType}`, expectedType) };
  }
  const result = EventSchemas[type].safeParse(input);
  return result.success ? { ok: true, value: result.data as DomainEvent } : { ok: false, error: contractErrorFromZod(type, result.error) };
}

/** Decodes a record value (JSON text) and validates it like `parseEvent`. */
export function decodeEvent(json: string): ParseResult<DomainEvent>;
export function decodeEvent<T extends EventType>(json: string, expectedType: T): ParseResult<EventOf<T>>;
export function decodeEvent(json: string, expectedType?: EventType): ParseResult<DomainEvent> {
  const decoded = parseJsonSafely(json);
  if (!decoded.ok) return decoded;
  return expectedType === undefined ? parseEvent(decoded.value) : parseEvent(decoded.value, expectedType);
}

/** What a producer supplies; `id`, `type`, `version` and `occurredAt` are filled in. */
export interface EventInit<T extends EventType> {
  tenantId: string;
  actor: Actor;
  correlationId: string;
  causationId?: string;
  traceparent?: string;
  /** The client's address, on events a request through the gateway caused. */
  sourceAddress?: string;
  payload: PayloadOf<T>;
}

/** Injected time and id sources (structurally the platform's Clock and IdGenerator). */
export interface EventFactoryDeps {
  clock: () => number;
  newId: () => string;
}

/**
 * Builds and validates an event of `type` at its current version. Returns a ParseResult rather
 * than throwing so the caller maps failures into its own error type (platform's AppError).
 */
export function createEvent<T extends EventType>(type: T, init: EventInit<T>, deps: EventFactoryDeps): ParseResult<EventOf<T>> {
  const schema = EventSchemas[type];
  const candidate = {
    id: deps.newId(),
    type,
    version: schema.shape.version.value,
    tenantId: init.tenantId,
    occurredAt: new Date(deps.clock()).toISOString(),
    actor: init.actor,
    correlationId: init.correlationId,
    ...(init.causationId === undefined ? {} : { causationId: init.causationId }),
    ...(init.traceparent === undefined ? {} : { traceparent: init.traceparent }),
    ...(init.sourceAddress === undefined ? {} : { sourceAddress: init.sourceAddress }),
    payload: init.payload,
  };
  return parseEvent(candidate, type);
}

/** Serializes an event for the bus (plain JSON; the schema guarantees it is JSON-safe). */
export function encodeEvent(event: DomainEvent): string {
  return JSON.stringify(event);
}

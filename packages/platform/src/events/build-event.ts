import { createEvent, type EventFactoryDeps, type EventInit, type EventOf, type EventType } from '@medicdraft/contracts';
import { EventSchemaBugError } from '../errors.js';

/**
 * Builds a domain event this service emits. Its fields come from the service's own state, so an
 * event that fails its schema is a bug here (EventSchemaBugError), never a fault of the input.
 */
export function buildEvent<T extends EventType>(type: T, init: EventInit<T>, deps: EventFactoryDeps): EventOf<T> {
  const event = createEvent(type, init, deps);
  if (!event.ok) throw new EventSchemaBugError(type, event.error.message);
  return event.value;
}

import { randomUUID } from 'node:crypto';
import { DOMAIN_TOPICS, type DomainEvent } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';

/** Valid domain events of rotating types, spread round-robin over `tenants`, one second apart. */
export function benchEvents(count: number, tenants: readonly string[], base = Date.UTC(2031, 0, 1)): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const type = DOMAIN_TOPICS[i % DOMAIN_TOPICS.length] as (typeof DOMAIN_TOPICS)[number];
    const fixture = eventFixture(type) as DomainEvent;
    return {
      ...fixture,
      id: randomUUID(),
      tenantId: tenants[i % tenants.length] as string,
      correlationId: randomUUID(),
      occurredAt: new Date(base + i * 1_000).toISOString(),
    } as DomainEvent;
  });
}

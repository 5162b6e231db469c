import { Gauge, type Registry } from 'prom-client';
import { withTimeout, type ServiceMetrics } from '../runtime/metrics.js';
import type { OutboxRelay } from './outbox-relay.js';

type Backlogs = Map<string, Pick<OutboxRelay, 'backlog'>>;

// One pair of gauges per registry: in embedded mode the six services' relays share one registry.
const families = new WeakMap<Registry, Backlogs>();

function familyOf(registry: Registry, timeoutMs: number): Backlogs {
  const existing = families.get(registry);
  if (existing) return existing;
  const relays: Backlogs = new Map();
  // One indexed count per relay and gauge per scrape: cheap enough not to share between the two gauges.
  const read = async () => {
    const out = new Map<string, { rows: number; oldestAgeSeconds: number }>();
    await Promise.all(
      [...relays].map(async ([service, relay]) => {
        const b = await withTimeout(relay.backlog(), timeoutMs).catch(() => undefined);
        if (b !== undefined) out.set(service, b);
      }),
    );
    return out;
  };
  new Gauge({
    name: 'medicdraft_outbox_unpublished_rows',
    help: "Outbox rows committed but not yet on the bus, per service (all of the service's instances; read at scrape time).",
    labelNames: ['service'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [service, b] of await read()) this.set({ service }, b.rows);
    },
  });
  new Gauge({
    name: 'medicdraft_outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest unpublished outbox row per service (0 when none waits; read at scrape time).',
    labelNames: ['service'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [service, b] of await read()) this.set({ service }, b.oldestAgeSeconds);
    },
  });
  families.set(registry, relays);
  return relays;
}

/**
 * Exposes a service's outbox backlog: `medicdraft_outbox_unpublished_rows{service}` and
 * `medicdraft_outbox_oldest_unpublished_age_seconds{service}`, asked of the database at scrape
 * time with a timeout (a slow database leaves the series out of that scrape rather than blocking it).
 */
export function outboxMetrics(metrics: ServiceMetrics, service: string, relay: Pick<OutboxRelay, 'backlog'>, timeoutMs = 2_000): void {
  familyOf(metrics.registry, timeoutMs).set(service, relay);
}

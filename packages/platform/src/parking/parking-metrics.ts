import { Counter, Gauge, type Registry } from 'prom-client';
import type { ServiceMetrics } from '../runtime/metrics.js';
import type { ParkedTenant } from './parked-records.js';

/** What the parking consumer reports; the Prometheus form is `parkingMetrics`. */
export interface ParkingObserver {
  parked(tenantId: string, at: number): void;
  resumed(tenantId: string): void;
  /** The database's view (every instance's parked records), refreshed by each sweep. */
  refreshed(tenants: readonly ParkedTenant[]): void;
}

interface Family {
  /** service → tenant → what waits; the gauges read it at scrape time. */
  waiting: Map<string, Map<string, { count: number; oldest: number | undefined }>>;
  parkedTotal: Counter<'service' | 'tenant'>;
  resumedTotal: Counter<'service' | 'tenant'>;
}

// One family per registry: in embedded mode scribe and narrative share one registry.
const families = new WeakMap<Registry, Family>();

function familyOf(registry: Registry, now: () => number): Family {
  const existing = families.get(registry);
  if (existing) return existing;
  const waiting: Family['waiting'] = new Map();
  const each = (fn: (service: string, tenant: string, w: { count: number; oldest: number | undefined }) => void) => {
    for (const [service, tenants] of waiting) for (const [tenant, w] of tenants) fn(service, tenant, w);
  };
  new Gauge({
    name: 'medicdraft_parked_records',
    help: "Records parked because their tenant's gate is closed, per consuming service and tenant (all instances; refreshed every sweep).",
    labelNames: ['service', 'tenant'],
    registers: [registry],
    collect() {
      this.reset();
      each((service, tenant, w) => this.set({ service, tenant }, w.count));
    },
  });
  new Gauge({
    name: 'medicdraft_parked_oldest_age_seconds',
    help: 'Age of the oldest parked record per consuming service and tenant (0 when none waits).',
    labelNames: ['service', 'tenant'],
    registers: [registry],
    collect() {
      this.reset();
      const t = now();
      each((service, tenant, w) =>
        this.set({ service, tenant }, w.oldest === undefined || w.count === 0 ? 0 : Math.max(0, (t - w.oldest) / 1000)),
      );
    },
  });
  const family: Family = {
    waiting,
    parkedTotal: new Counter({
      name: 'medicdraft_records_parked_total',
      help: 'Records this instance parked, per service and tenant.',
      labelNames: ['service', 'tenant'],
      registers: [registry],
    }),
    resumedTotal: new Counter({
      name: 'medicdraft_records_resumed_total',
      help: 'Parked records this instance resumed (handled or dead-lettered), per service and tenant.',
      labelNames: ['service', 'tenant'],
      registers: [registry],
    }),
  };
  families.set(registry, family);
  return family;
}

/** Prometheus gauges `medicdraft_parked_records{service,tenant}` and `medicdraft_parked_oldest_age_seconds`, plus counters. */
export function parkingMetrics(metrics: ServiceMetrics, service: string, now: () => number = Date.now): ParkingObserver {
  const family = familyOf(metrics.registry, now);
  const tenants = family.waiting.get(service) ?? new Map<string, { count: number; oldest: number | undefined }>();
  family.waiting.set(service, tenants);
  return {
    parked(tenantId, at) {
      const w = tenants.get(tenantId) ?? { count: 0, oldest: undefined };
      tenants.set(tenantId, { count: w.count + 1, oldest: w.count === 0 || w.oldest === undefined ? at : w.oldest });
      family.parkedTotal.inc({ service, tenant: tenantId });
    },
    resumed(tenantId) {
      const w = tenants.get(tenantId);
      if (w !== undefined) tenants.set(tenantId, { count: Math.max(0, w.count - 1), oldest: w.count <= 1 ? undefined : w.oldest });
      family.resumedTotal.inc({ service, tenant: tenantId });
    },
    refreshed(list) {
      const listed = new Set(list.map((t) => t.tenantId));
      for (const [tenantId, w] of tenants) if (!listed.has(tenantId)) tenants.set(tenantId, { ...w, count: 0, oldest: undefined });
      for (const t of list) tenants.set(t.tenantId, { count: t.count, oldest: t.oldestParkedAt });
    },
  };
}

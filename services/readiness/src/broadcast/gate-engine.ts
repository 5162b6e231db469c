import {
  controlKey,
  GLOBAL_HALT_KEY,
  parseControlMessage,
  TOPIC,
  type AuditHeartbeat,
  type GateState,
  type GlobalHaltState,
  type TenantGateState,
} from '@medicdraft/contracts';
import type { Clock, Database, EventPublisher, IdGenerator, Logger, OutgoingRecord, Queryable } from '@medicdraft/platform';
import { evaluateGates, type GateEvaluation } from '../gates/evaluate-gates.js';
import { PROBE_NAMES, unprobed, type EnvFacts, type ProbeResults } from '../gates/gate-inputs.js';
import { saveGateState, saveHaltState } from '../gates/gate-state.store.js';
import type { ReadinessProbes } from '../probes/readiness-probes.port.js';
import { listTenants, loadSettings } from '../settings/tenant-settings.store.js';
import type { TenantSettings } from '../settings/tenant-settings.js';
import type { AuditHealth } from './audit-health.js';

export interface GateEngineOptions {
  db: Database;
  publisher: EventPublisher;
  probes: ReadinessProbes;
  env: EnvFacts;
  auditHealth: AuditHealth;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  /**
   * expiresAt − issuedAt of every published state (≤ 3 s: bounds how long a silent readiness leaves
   * consumers acting on old state).
   */
  ttlMs: number;
  /** Republish period (≤ 1 s). */
  publishIntervalMs: number;
  /**
   * Between rounds, the global record alone (halt and tenant directory) is republished this often
   * (default 250 ms): a consumer holds a record of a tenant its directory does not list until a
   * directory issued after the record arrives, so this bounds how long junk waits before it is
   * dead-lettered, and how soon a tenant provisioned a moment ago is known.
   */
  directoryIntervalMs?: number;
  probeIntervalMs: number;
  /**
   * At start without any audit heartbeat yet: how long to wait for the first one before the first
   * publication (0 = publish at once). See `start`.
   */
  startupGraceMs: number;
}

export interface GateEngine {
  /**
   * First probe round, then the first publication and the periodic timers. Nothing is published
   * before the first probe round has finished (a state built on unprobed results would drop every
   * gate). Without an audit heartbeat yet, the first publication waits for one, at most
   * `startupGraceMs`: a restarted readiness then does not broadcast a halt (and gate changes) it
   * only imagined, while consumers keep deciding on the previous state until it expires — which
   * is fail-closed already. When the grace passes with no heartbeat, it publishes the halt.
   */
  start(): Promise<void>;
  /** Stops the timers and waits for the running round. */
  stop(): Promise<void>;
  /**
   * Re-evaluates every tenant and publishes now (coalesced with a round already queued); during
   * the start-up grace it resolves after the round that ends the grace.
   */
  refresh(): Promise<void>;
  /**
   * A tenant's settings changed inside `tx`, still open: stores the state they yield in that same
   * transaction (so a switch costs one transaction, not a settings write and then a round) and
   * returns what publishes it; call that after the commit. Undefined when this cannot stand in for
   * a round — before the first publication, during the start-up grace, after stop, for a tenant
   * never published — and then the caller refreshes. The state carries the halt as the audit
   * health says now, like a round's; the global record is left to the rounds.
   */
  stageTenant(tx: Queryable, tenantId: string, settings: TenantSettings): Promise<(() => Promise<void>) | undefined>;
  /** One probe round; a changed outcome triggers a refresh. */
  runProbes(): Promise<void>;
  observeHeartbeat(heartbeat: AuditHeartbeat): void;
  /** What `settings` would yield with the current probes and audit health (for preconditions). */
  evaluate(settings: TenantSettings): GateEvaluation;
  /** The last state published for a tenant, with its display name. */
  latest(tenantId: string): { state: TenantGateState; displayName: string } | undefined;
}

/**
 * Computes and broadcasts every tenant's GateState (docs/architecture.md, "Broadcast"): republished
 * every `publishIntervalMs` and at once on a change (settings, probe outcome, audit health), with a
 * version that only grows (stored, see gate-state.store.ts) and `expiresAt = issuedAt + ttlMs`. The
 * global `*` record carries the audit halt and the tenant directory; each tenant's record carries
 * the halt too, so a consumer that missed the global record still halts. Rounds never overlap. A
 * failing tenant or publish is logged and retried next round: consumers fail closed on expiry,
 * never open.
 */
export function createGateEngine(o: GateEngineOptions): GateEngine {
  const log = o.logger;
  let probes: ProbeResults = unprobed();
  const published = new Map<string, { state: TenantGateState; displayName: string }>();
  let current: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  let probing: Promise<void> | undefined;
  let stopped = false;
  let started = false;
  let inGrace = false;
  let graceTimer: NodeJS.Timeout | undefined;
  let graceOver: Promise<void> = Promise.resolve();
  let releaseGrace: () => void = () => undefined;
  const timers: NodeJS.Timeout[] = [];
  let staleTimer: NodeJS.Timeout | undefined;
  /** The global record's halt as last published by a round; directory ticks republish it. */
  let lastHalt: { version: number; halted: boolean; haltReasons: GlobalHaltState['haltReasons'] } | undefined;

  const evaluate = (settings: TenantSettings, auditHealthy: boolean) => evaluateGates({ settings, env: o.env, probes, auditHealthy });

  function record(state: GateState): OutgoingRecord {
    const parsed = parseControlMessage(TOPIC.READINESS_GATE_STATE, state);
    // Our own output failing its schema is a programming error: publish nothing rather than junk.
    if (!parsed.ok) throw new Error(`gate state rejected by its schema: ${parsed.error.message}`);
    return {
      topic: TOPIC.READINESS_GATE_STATE,
      key: controlKey(TOPIC.READINESS_GATE_STATE, parsed.value),
      value: JSON.stringify(parsed.value),
    };
  }

  /** Keeps the newest state per tenant (a round that read before a staged switch may finish after it). */
  function remember(state: TenantGateState, displayName: string): void {
    const before = published.get(state.tenantId)?.state;
    if (before !== undefined && before.version > state.version) return;
    if (before?.version !== state.version)
      log.info({ tenantId: state.tenantId, version: state.version, phiMode: state.phiMode, halted: state.halted }, 'gate state changed');
    published.set(state.tenantId, { state, displayName });
  }

  async function stageTenant(tx: Queryable, tenantId: string, settings: TenantSettings) {
    const displayName = published.get(tenantId)?.displayName;
    if (!started || inGrace || stopped || lastHalt === undefined || displayName === undefined) return undefined;
    const now = o.clock();
    const health = o.auditHealth.status(now);
    const content = { ...evaluate(settings, health.healthy), halted: !health.healthy, haltReasons: health.reasons };
    const version = await saveGateState(tx, tenantId, content, { clock: o.clock, newId: o.newId });
    const state: TenantGateState = {
      tenantId,
      version,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + o.ttlMs).toISOString(),
      ...content,
    };
    return async () => {
      remember(state, displayName);
      try {
        // Not queued behind a running round: versions order the states at every consumer.
        await o.publisher.publish([record(state)]);
      } catch (err) {
        log.error({ err, tenantId }, 'gate state publication failed; the next round republishes it');
      }
    };
  }

  async function round(): Promise<void> {
    const now = o.clock();
    const health = o.auditHealth.status(now);
    const halt = { halted: !health.healthy, haltReasons: health.reasons };
    const header = (version: number) => ({
      version,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + o.ttlMs).toISOString(),
    });
    const records: OutgoingRecord[] = [];
    try {
      const haltVersion = await saveHaltState(o.db, halt.halted, halt.haltReasons);
      lastHalt = { version: haltVersion, ...halt };
      const tenants = await listTenants(o.db);
      // The directory: consumers dead-letter records of tenants it does not list.
      records.push(record({ tenantId: GLOBAL_HALT_KEY, ...header(haltVersion), ...halt, tenants: tenants.map((t) => t.id) }));
      for (const tenant of tenants) {
        try {
          const state = await o.db.withTenant(tenant.id, async (tx) => {
            // The settings row is locked: a switch staged meanwhile (stageTenant) waits, or this waits for it
            // and reads its settings, so a round never stores the old mode over a newer one.
            const content = { ...evaluate(await loadSettings(tx, { forUpdate: true }), health.healthy), ...halt };
            const version = await saveGateState(tx, tenant.id, content, { clock: o.clock, newId: o.newId });
            return { tenantId: tenant.id, ...header(version), ...content } satisfies TenantGateState;
          });
          records.push(record(state));
          remember(state, tenant.displayName);
        } catch (err) {
          log.error({ err, tenantId: tenant.id }, 'gate evaluation failed; the tenant state will expire (fail closed)');
        }
      }
      await o.publisher.publish(records);
    } catch (err) {
      log.error({ err }, 'gate state round failed; consumers fail closed on expiry');
    }
  }

  function refresh(): Promise<void> {
    if (stopped) return current;
    // In the start-up grace the first round is the grace's end; it reads the settings then.
    if (inGrace) return graceOver;
    if (queued !== undefined) return queued;
    const next = current.then(() => {
      queued = undefined;
      return round();
    });
    queued = next;
    current = next;
    return next;
  }

  async function probeRound(): Promise<void> {
    const results = await o.probes.run();
    const changed = PROBE_NAMES.filter((n) => JSON.stringify(results[n]) !== JSON.stringify(probes[n]));
    probes = results;
    for (const n of changed)
      log.info({ probe: n, ok: results[n].ok, reason: results[n].ok ? undefined : results[n].reason }, 'probe outcome changed');
    if (changed.length > 0 && started && !inGrace) await refresh();
  }

  function runProbes(): Promise<void> {
    probing ??= probeRound()
      .catch((err: unknown) => log.error({ err }, 'probe round failed'))
      .finally(() => (probing = undefined));
    return probing;
  }

  function scheduleStaleCheck() {
    clearTimeout(staleTimer);
    const at = o.auditHealth.staleAt();
    // Halt the moment the freshest heartbeat turns stale, not up to a period later.
    if (at !== undefined && !stopped)
      staleTimer = setTimeout(
        () => {
          if (started) void refresh();
        },
        Math.max(0, at - o.clock()),
      );
  }

  /** The global record with a fresh directory, between rounds; a changed halt makes it a full round. */
  async function directoryTick(): Promise<void> {
    const halt = lastHalt;
    if (halt === undefined || queued !== undefined) return;
    const now = o.clock();
    if (o.auditHealth.status(now).healthy === halt.halted) {
      void refresh();
      return;
    }
    try {
      // issuedAt is taken before the tenants are read: the directory is at least as new as it says.
      const tenants = await listTenants(o.db);
      await o.publisher.publish([
        record({
          tenantId: GLOBAL_HALT_KEY,
          version: halt.version,
          issuedAt: new Date(now).toISOString(),
          expiresAt: new Date(now + o.ttlMs).toISOString(),
          halted: halt.halted,
          haltReasons: halt.haltReasons,
          tenants: tenants.map((t) => t.id),
        }),
      ]);
    } catch (err) {
      log.warn({ err }, 'tenant directory publication failed; the next round publishes it');
    }
  }

  /** The periodic republication, counted from the first publication. */
  function startRepublishing(): void {
    if (stopped) return;
    timers.push(setInterval(() => void refresh(), o.publishIntervalMs));
    // Chained behind rounds, so a tick never overtakes a round's publication.
    timers.push(setInterval(() => void (current = current.then(directoryTick)), o.directoryIntervalMs ?? 250));
  }

  function endGrace(): void {
    if (!inGrace) return;
    inGrace = false;
    clearTimeout(graceTimer);
    void refresh().then(releaseGrace);
    startRepublishing();
  }

  return {
    async start() {
      await runProbes();
      started = true;
      if (o.startupGraceMs > 0 && o.auditHealth.staleAt() === undefined) {
        inGrace = true;
        graceOver = new Promise((resolve) => (releaseGrace = resolve));
        graceTimer = setTimeout(endGrace, o.startupGraceMs);
      } else {
        await refresh();
        startRepublishing();
      }
      timers.push(setInterval(() => void runProbes(), o.probeIntervalMs));
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      clearTimeout(staleTimer);
      clearTimeout(graceTimer);
      inGrace = false;
      releaseGrace();
      await Promise.all([current, probing]);
    },
    refresh,
    stageTenant,
    runProbes,
    observeHeartbeat(heartbeat) {
      const before = o.auditHealth.status(o.clock()).healthy;
      o.auditHealth.observe(heartbeat);
      scheduleStaleCheck();
      // Before start's probe round finishes, only remember it (start publishes with it).
      if (!started) return;
      if (inGrace) endGrace();
      else if (o.auditHealth.status(o.clock()).healthy !== before) void refresh();
    },
    evaluate: (settings) => evaluate(settings, o.auditHealth.status(o.clock()).healthy),
    latest: (tenantId) => published.get(tenantId),
  };
}

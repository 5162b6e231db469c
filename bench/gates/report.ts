/** One stdout line of a gate consumer process (gate-consumer.ts). Times: epoch ms, sub-ms precision. */
export type ConsumerLine =
  | { type: 'ready'; consumer: number; at: number }
  | {
      type: 'decision';
      consumer: number;
      at: number;
      allowed: boolean;
      reason: string | null;
      version: number | null;
      /** issuedAt of the state the decision was taken on (the readiness round's start). */
      issuedAt: number | null;
    };
export type DecisionLine = Extract<ConsumerLine, { type: 'decision' }>;

/** One owner PHI-mode switch and what every consumer made of it. */
export interface FlipResult {
  flip: number;
  /** The PHI-mode decision the switch asked for (true = PHI work allowed). */
  target: boolean;
  /** Just before the owner's request left (the change). */
  requestedAt: number;
  /** When readiness answered the request (its state was published by then). */
  answeredAt: number;
  /** Per consumer: the first decision line after `requestedAt` that matches `target`, if any came in time. */
  honoured: (DecisionLine | null)[];
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  avgMs: number;
}

/** Nearest-rank percentiles (sorted[ceil(n·p) − 1]): p99 of 200 samples is the 2nd largest. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN;
  return {
    samples: sorted.length,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    avgMs: sorted.length === 0 ? Number.NaN : sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

/**
 * Picks, for a switch, each consumer's first decision after the request that matches the target.
 * Decisions are per consumer in arrival order; one earlier than `requestedAt` belongs to an
 * earlier switch.
 */
export function honouredBy(
  lines: readonly DecisionLine[],
  consumers: number,
  requestedAt: number,
  target: boolean,
): (DecisionLine | null)[] {
  return Array.from(
    { length: consumers },
    (_, c) => lines.find((l) => l.consumer === c && l.at >= requestedAt && l.allowed === target) ?? null,
  );
}

export interface GatesReport {
  flips: number;
  consumers: number;
  /** Switches some consumer did not honour within the wait bound. */
  missed: number;
  /** Decision changes nobody asked for (expiry, halt): each means a consumer was blocked by other causes. */
  unexpected: number;
  /** Per switch: request → the LAST consumer honouring it ("every consumer"). The target metric. */
  allConsumers: LatencySummary;
  /** Every (switch, consumer) pair: request → that consumer honouring it. */
  perConsumer: LatencySummary;
  /** Request → readiness's answer (its transaction, the round, the acks=all publish). */
  request: LatencySummary;
  /** The state's issuedAt (round start) → consumer decision: the broadcast path alone. */
  broadcast: LatencySummary;
  /** The floor, sampled between switches: one Postgres transaction, then one Kafka hop (publish, acks=all → a subscriber). */
  floor: LatencySummary;
  /** Every-consumer latency ÷ floor, at p50 and at p99. */
  ratioToFloor: { p50: number; p99: number };
  targetP50Ms: number;
  targetP99Ms: number;
  meetsTarget: boolean;
}

export function buildReport(
  results: readonly FlipResult[],
  consumers: number,
  unexpected: number,
  targetP99Ms: number,
  floorSamples: readonly number[] = [],
  targetP50Ms = Number.POSITIVE_INFINITY,
): GatesReport {
  const complete = results.filter((r) => r.honoured.every((h) => h !== null));
  const seen = (r: FlipResult) => r.honoured.filter((h): h is DecisionLine => h !== null);
  const allConsumers = summarize(complete.map((r) => Math.max(...seen(r).map((h) => h.at)) - r.requestedAt));
  const floor = summarize(floorSamples);
  return {
    flips: results.length,
    consumers,
    missed: results.length - complete.length,
    unexpected,
    allConsumers,
    perConsumer: summarize(results.flatMap((r) => seen(r).map((h) => h.at - r.requestedAt))),
    request: summarize(results.map((r) => r.answeredAt - r.requestedAt)),
    broadcast: summarize(results.flatMap((r) => seen(r).flatMap((h) => (h.issuedAt === null ? [] : [h.at - h.issuedAt])))),
    floor,
    ratioToFloor: { p50: allConsumers.p50Ms / floor.p50Ms, p99: allConsumers.p99Ms / floor.p99Ms },
    targetP50Ms,
    targetP99Ms,
    // A missed switch is a failure however fast the others were.
    meetsTarget:
      complete.length === results.length && results.length > 0 && allConsumers.p99Ms <= targetP99Ms && allConsumers.p50Ms <= targetP50Ms,
  };
}

const ms = (v: number) => (Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

export function markdownReport(r: GatesReport): string {
  const row = (name: string, s: LatencySummary) =>
    `| ${name} | ${s.samples} | ${ms(s.p50Ms)} | ${ms(s.p90Ms)} | ${ms(s.p99Ms)} | ${ms(s.maxMs)} | ${ms(s.avgMs)} |`;
  return [
    '| Measure (ms) | Samples | p50 | p90 | p99 | max | avg |',
    '|---|--:|--:|--:|--:|--:|--:|',
    row('Owner switch → every consumer honours it', r.allConsumers),
    row('Owner switch → one consumer honours it', r.perConsumer),
    row('Owner switch → readiness answers', r.request),
    row('State issuedAt → consumer honours it', r.broadcast),
    row('Floor: one Postgres transaction + one Kafka hop', r.floor),
    `| Ratio every consumer ÷ floor | | ${r.ratioToFloor.p50.toFixed(2)} | | ${r.ratioToFloor.p99.toFixed(2)} | | |`,
    '',
    `${r.flips} switches × ${r.consumers} consumer processes; missed: ${r.missed}; unexpected decision changes: ${r.unexpected}; ` +
      `target${Number.isFinite(r.targetP50Ms) ? ` p50 ≤ ${r.targetP50Ms} ms,` : ''} p99 ≤ ${r.targetP99Ms} ms (every consumer): ` +
      `${r.meetsTarget ? 'met' : 'NOT met'}.`,
  ].join('\n');
}

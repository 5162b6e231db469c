/**
 * One gate consumer of the gates benchmark, run as its own process by gates-bench.ts:
 * the platform's GateView fed from `readiness.gate.state` by `subscribeGateView` (what every
 * service does), reporting on stdout, one JSON line each, whenever its decision for PHI work of
 * the tenant changes. Times are wall-clock epoch ms with sub-ms precision
 * (performance.timeOrigin + performance.now()), comparable across processes on one machine.
 *
 * Env: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, BENCH_TENANT, BENCH_CONSUMER (its number).
 */
import { createGateView, secret, subscribeGateView, type GateDecision } from '@medicdraft/platform';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import type { ConsumerLine } from './report.js';

const env = (name: string) => {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${name} is required`);
  return v;
};
const tenantId = env('BENCH_TENANT');
const consumer = Number(env('BENCH_CONSUMER'));
const now = () => performance.timeOrigin + performance.now();
const emit = (line: ConsumerLine) => process.stdout.write(`${JSON.stringify(line)}\n`);

const sasl = { mechanism: 'scram-sha-256', username: env('KAFKA_SASL_USERNAME'), password: secret(env('KAFKA_SASL_PASSWORD')) } as const;
const bus = createKafkaEventBus({
  brokers: env('KAFKA_BROKERS').split(','),
  sasl,
  clientId: `bench-gates-consumer-${consumer}`,
  topicPrefix: env('KAFKA_TOPIC_PREFIX'),
});
const view = createGateView();
let last: GateDecision | undefined;

function check(): void {
  const decision = view.decide(tenantId, { phi: true });
  if (last !== undefined && last.allowed === decision.allowed) return;
  const at = now();
  const state = view.current(tenantId);
  if (last === undefined) emit({ type: 'ready', consumer, at });
  last = decision;
  emit({
    type: 'decision',
    consumer,
    at,
    allowed: decision.allowed,
    reason: decision.allowed ? null : decision.reason,
    version: state?.version ?? null,
    issuedAt: state === undefined ? null : Date.parse(state.issuedAt),
  });
}

// Synchronously on every applied state (the moment a service's held partitions are woken), plus a
// coarse timer so an expiry (a flip nobody asked for) is reported too.
view.onChange((t) => t === tenantId && check());
const sub = await subscribeGateView({ bus, view, service: `bench-${consumer}` });
const timer = setInterval(() => last !== undefined && check(), 100);

const stop = async () => {
  clearInterval(timer);
  await sub.close();
  await bus.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

import { GATE_STATE_TTL_MS, TOPIC, type TenantGateState } from '@medicdraft/contracts';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import type { EventPublisher } from '@medicdraft/platform';

/**
 * Stands in for the readiness service in drills about other services: publishes the tenant's
 * gate state (fresh, not halted, the given PHI mode) every 500 ms, as readiness does every second.
 * Drills of the gates themselves run the real readiness service instead.
 */
export function startGatePublisher(bus: EventPublisher, tenantId: string, phiMode: 'enabled' | 'disabled'): { stop(): Promise<void> } {
  let version = 0;
  const publish = async () => {
    const now = Date.now();
    version += 1;
    const state: TenantGateState = {
      ...sandboxGateStateFixture(tenantId),
      version,
      phiMode,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + GATE_STATE_TTL_MS).toISOString(),
      halted: false,
      haltReasons: [],
    };
    await bus.publish([{ topic: TOPIC.READINESS_GATE_STATE, key: tenantId, value: JSON.stringify(state) }]);
  };
  let running = publish();
  const timer = setInterval(() => {
    running = running.then(publish, publish);
  }, 500);
  return {
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}

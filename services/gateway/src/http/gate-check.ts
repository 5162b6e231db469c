import { PhiModeDisabledError, PipelineHaltedError, type GateView } from '@medicdraft/platform';
import type { FastifyRequest } from 'fastify';
import type { GatewayEvents } from '../events/gateway-events.js';
import { deny } from './access-guard.js';

/**
 * The tenant's gate, from the gateway's fail-closed copy of `readiness.gate.state`: PHI work
 * (audio, a non-synthetic dictation's narrative) needs PHI mode → 423 `phi_mode_disabled`;
 * any work needs fresh, unhalted state → 503 `pipeline_halted`. Each refusal is audited.
 */
export async function assertGate(
  gates: GateView,
  events: GatewayEvents,
  req: FastifyRequest,
  tenantId: string,
  phi: boolean,
): Promise<void> {
  const decision = gates.decide(tenantId, { phi });
  if (decision.allowed) return;
  if (decision.reason === 'phi_mode_disabled') throw await deny(events, req, 'phi_mode_disabled', new PhiModeDisabledError());
  throw await deny(events, req, 'pipeline_halted', new PipelineHaltedError());
}

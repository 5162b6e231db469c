import type { ReadinessView } from '@medicdraft/contracts';
import type { InternalReadinessClient } from '@medicdraft/readiness/testing';
import { expect, vi } from 'vitest';

/**
 * The owner enables PHI mode once the seven other gates are ready from live evidence, and asks again if readiness
 * refuses because one of them flapped between the read and the request (`gates_not_ready`; on a loaded machine a probe
 * can miss its deadline for a round). Returns the view read just before the request that was accepted.
 */
export async function enablePhiModeOnceReady(
  readiness: InternalReadinessClient,
  tenantId: string,
  timeoutMs = 60_000,
): Promise<ReadinessView> {
  return vi.waitFor(
    async () => {
      const view = await readiness.readiness(tenantId);
      expect(view.readyCount === 7 && !view.halted, `not ready: ${notReady(view)}`).toBe(true);
      try {
        expect((await readiness.setPhiMode(tenantId, 'enabled')).phiMode).toBe('enabled');
      } catch (err) {
        if ((err as { code?: string }).code === 'gates_not_ready') throw new Error(`a gate flapped before PHI mode: ${notReady(view)}`);
        throw err;
      }
      return view;
    },
    { timeout: timeoutMs, interval: 250 },
  );
}

const notReady = (view: ReadinessView) =>
  view.gates
    .filter((g) => g.status !== 'ready')
    .map((g) => `${g.id}:${g.status}`)
    .join(', ');
